/* The libFuzzer entry point every fuzz target defines; replay.c runs the same
 * function over a corpus directory as an ordinary test. */
#ifndef GAZMAP_FUZZ_TARGET_H
#define GAZMAP_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
