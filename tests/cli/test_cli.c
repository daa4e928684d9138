/* Runs the declarative CLI cases in tests/cli/<command>/<name>.case.
 *
 * A case file is a list of `directive: value` lines ('#' starts a comment):
 *   run:       shell command; $GAZMAP is the built binary, $TMP a fresh empty
 *              directory, $TESTS the tests/ folder (one line, required)
 *   stdin:     a line of standard input (repeatable)
 *   exit:      expected exit status (default 0)
 *   out-has:   text standard output must contain (repeatable)
 *   out-lacks: text standard output must not contain (repeatable)
 *   err-has:   text standard error must contain (repeatable)
 *   err-lacks: text standard error must not contain (repeatable)
 *   err-lines: exact number of lines on standard error
 *   present:   a path ($TMP expanded) that must exist afterwards
 *   absent:    a path ($TMP expanded) that must not exist afterwards */
#define _GNU_SOURCE
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static glob_t cases;

START_TEST(cli_case) {
  tu_case c;
  char *cmd = NULL;
  size_t i;
  int want_exit = 0, status, err_lines = -1;

  tu_case_open(&c, cases.gl_pathv[_i]);
  /* First the command and what it must exit with, then the expectations. */
  for (i = 0; i < c.n; i++) {
    const char *key = c.d[i].key, *val = c.d[i].val;
    if (!strcmp(key, "run")) {
      free(cmd);
      ck_assert(asprintf(&cmd, "TMP='%s'; TESTS='%s'; export TMP TESTS; %s", c.tmp,
                         getenv("GAZMAP_TEST_DIR"), val) >= 0);
    } else if (!strcmp(key, "exit")) {
      want_exit = (int)strtol(val, NULL, 10);
    } else if (!strcmp(key, "err-lines")) {
      err_lines = (int)strtol(val, NULL, 10);
    }
  }
  ck_assert_msg(cmd != NULL, "%s: no run: line", c.path);
  status = tu_run(cmd, c.in, &c.out, &c.err);
  tu_case_check_status(&c, status, want_exit, err_lines);
  for (i = 0; i < c.n; i++) {
    tu_case_expect(&c, &c.d[i]);
  }
  tu_case_close(&c);
  free(cmd);
}
END_TEST

int main(void) {
  return tu_run_cases("cli", "cli/*/*.case", 120, cli_case, &cases);
}
