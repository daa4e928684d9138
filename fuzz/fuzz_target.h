/* The libFuzzer entry point every fuzz target defines; replay.c runs the same
 * function over a corpus directory as an ordinary test. */
#ifndef GAZMAP_FUZZ_TARGET_H
#define GAZMAP_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A gazmap_problem_fn for gazmap_gazetteer_check that only counts the
 * problems, in the int `ud` points to (the targets check that a refused file
 * reported at least one). */
static inline void fuzz_count_problem(void *ud, const char *file, unsigned long line,
                                      const char *msg) {
  (void)file;
  (void)line;
  (void)msg;
  ++*(int *)ud;
}

#endif
