/* The rows of a table of files the gazetteer's loaders must refuse, and the
 * check of one; shared by test_gazetteer.c and test_stack.c.  Header-only
 * because the build compiles only test_*.c and testutil.c. */
#ifndef GAZMAP_TEST_REFUSALS_H
#define GAZMAP_TEST_REFUSALS_H

#include "gazmap/gazmap.h"

#include <check.h>
#include <string.h>

/* A file the loaders must refuse: its path under tests/, the error code, the
 * line the error must name, and a word of the reason. */
typedef struct refusal {
  const char *file;
  int code;
  unsigned long line;
  const char *reason;
} refusal;

/* Checks that loading `r->file` returned `rc` with no gazetteer in `g`, and
 * an error that names the file, the line and the reason. */
static inline void check_refusal(const refusal *r, int rc, const gazmap_gazetteer *g) {
  const gazmap_error *e = gazmap_error_last();
  ck_assert_msg(rc == r->code, "%s: code %d (%s), expected %d", r->file, rc, e->message, r->code);
  ck_assert_ptr_null(g);
  ck_assert_msg(e->line == r->line, "%s: line %lu, expected %lu (%s)", r->file, e->line, r->line,
                e->message);
  ck_assert_msg(strstr(e->message, r->reason) != NULL, "%s: message \"%s\" lacks \"%s\"", r->file,
                e->message, r->reason);
  ck_assert_msg(e->file && strstr(e->file, r->file), "%s: error names file %s", r->file,
                e->file ? e->file : "(none)");
}

#endif
