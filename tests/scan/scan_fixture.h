/* The scanner the tests of a scanner suite share: the bundled gazetteer and
 * one scanner over it, opened by sc_scanner_main() before the suite runs.
 * Shared by scan_cases.h (test_scan.c, test_resolve.c, test_tables.c),
 * test_units.c and test_agree.c; header-only because the build compiles
 * only test_*.c and testutil.c. */
#ifndef GAZMAP_SCAN_FIXTURE_H
#define GAZMAP_SCAN_FIXTURE_H

#include "gazmap/gazmap.h"
#include "gazmap/scan.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>

static gazmap_gazetteer *gaz;
static gazmap_scanner *scanner;

/* Opens `gaz` and `scanner` (reporting unresolved mentions, as the CLI
 * does, when `unresolved`), runs the suite `name` of the one TCase `tc`
 * (in this process when `in_process`, else each test in a child as Check
 * does by default), frees both and returns main()'s exit status. */
static inline int sc_scanner_main(const char *name, const tu_tcase *tc, int unresolved,
                                  int in_process) {
  gazmap_scan_opts o = GAZMAP_SCAN_OPTS_INIT;
  SRunner *sr;
  int failed;
  o.unresolved = unresolved;
  if (gazmap_gazetteer_open(&gaz, NULL) < 0 || gazmap_scanner_new(&scanner, gaz, &o) < 0) {
    fprintf(stderr, "cannot open the gazetteer: %s\n", gazmap_error_last()->message);
    return 1;
  }
  sr = srunner_create(tu_suite_new(name, tc, 1));
  if (in_process) {
    srunner_set_fork_status(sr, CK_NOFORK);
  }
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  gazmap_scanner_free(scanner);
  gazmap_gazetteer_free(gaz);
  return failed ? 1 : 0;
}

#endif
