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

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static glob_t cases;

START_TEST(cli_case) {
  const char *path = cases.gl_pathv[_i];
  char *text = tu_read_file(path, NULL);
  char *tmp = tu_temp_dir();
  char *cmd = NULL, *in = NULL, *out = NULL, *err = NULL, *save = NULL, *line;
  size_t in_len = 0;
  int want_exit = 0, status, err_lines = -1;

  ck_assert_msg(text != NULL, "cannot read %s", path);
  ck_assert_ptr_nonnull(tmp);
  in = calloc(1, 1);
  /* First pass: the command and its input. */
  for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *colon = strchr(line, ':');
    const char *val;
    if (line[0] == '#' || !colon) {
      continue;
    }
    *colon = '\0';
    val = colon[1] == ' ' ? colon + 2 : colon + 1;
    if (!strcmp(line, "run")) {
      free(cmd);
      ck_assert(asprintf(&cmd, "TMP='%s'; TESTS='%s'; export TMP TESTS; %s", tmp,
                         getenv("GAZMAP_TEST_DIR"), val) >= 0);
    } else if (!strcmp(line, "stdin")) {
      size_t vl = strlen(val);
      in = realloc(in, in_len + vl + 2);
      memcpy(in + in_len, val, vl);
      in_len += vl;
      in[in_len++] = '\n';
      in[in_len] = '\0';
    } else if (!strcmp(line, "exit")) {
      want_exit = (int)strtol(val, NULL, 10);
    } else if (!strcmp(line, "err-lines")) {
      err_lines = (int)strtol(val, NULL, 10);
    }
    *colon = ':';
  }
  ck_assert_msg(cmd != NULL, "%s: no run: line", path);
  status = tu_run(cmd, in, &out, &err);
  ck_assert_msg(out && err, "%s: could not capture output", path);
  ck_assert_msg(status == want_exit, "%s: exit status %d, expected %d\nstdout:\n%s\nstderr:\n%s",
                path, status, want_exit, out, err);
  if (err_lines >= 0) {
    ck_assert_msg(tu_count_lines(err) == err_lines, "%s: %d lines on stderr, expected %d:\n%s", path,
                  tu_count_lines(err), err_lines, err);
  }
  /* Second pass: the expectations on output and files (text was cut by
   * strtok_r, so walk the NUL-separated lines). */
  free(text);
  text = tu_read_file(path, NULL);
  for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *colon = strchr(line, ':');
    const char *val;
    if (line[0] == '#' || !colon) {
      continue;
    }
    *colon = '\0';
    val = colon[1] == ' ' ? colon + 2 : colon + 1;
    if (!strcmp(line, "out-has")) {
      ck_assert_msg(strstr(out, val) != NULL, "%s: stdout lacks \"%s\"; stdout was:\n%s", path, val,
                    out);
    } else if (!strcmp(line, "out-lacks")) {
      ck_assert_msg(strstr(out, val) == NULL, "%s: stdout has \"%s\"; stdout was:\n%s", path, val,
                    out);
    } else if (!strcmp(line, "err-has")) {
      ck_assert_msg(strstr(err, val) != NULL, "%s: stderr lacks \"%s\"; stderr was:\n%s", path, val,
                    err);
    } else if (!strcmp(line, "err-lacks")) {
      ck_assert_msg(strstr(err, val) == NULL, "%s: stderr has \"%s\"; stderr was:\n%s", path, val,
                    err);
    } else if (!strcmp(line, "present") || !strcmp(line, "absent")) {
      char *p = tu_expand_tmp(val, tmp);
      int exists = access(p, F_OK) == 0;
      ck_assert_msg(exists == (line[0] == 'p'), "%s: %s should %s", path, p,
                    line[0] == 'p' ? "exist" : "not exist");
      free(p);
    }
  }
  tu_remove_tree(tmp);
  free(text);
  free(tmp);
  free(cmd);
  free(in);
  free(out);
  free(err);
}
END_TEST

int main(void) {
  return tu_run_cases("cli", "cli/*/*.case", 120, cli_case, &cases);
}
