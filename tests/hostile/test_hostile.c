/* The hostile-input suite (issue 14): every tests/hostile/<group>/<name>.case
 * feeds the tool something wrong and checks that it says so in one line,
 * with the documented exit code, leaving nothing behind and nothing changed.
 *
 * A case file is a list of `directive: value` lines ('#' starts a comment):
 *   skip-unless: shell command run first in $TMP; when it fails the case
 *              is skipped (mknod needs root), said on stderr
 *   setup:     shell command run first in $TMP, a fresh directory; must
 *              succeed (repeatable, in order)
 *   keep:      a file under $TMP whose SHA-256 after the setup must be the
 *              same after the run: the previous output, byte-identical
 *   run:       the command, run in $TMP under `timeout 60` ($GAZMAP the
 *              built binary, $TMP, $TESTS the tests/ folder); required
 *   stdin:     a line of standard input (repeatable)
 *   exit:      the expected exit status; required
 *   err-has:   text standard error must contain (repeatable; at least one is
 *              required when the exit status is not 0, unless err-lines: 0
 *              says that the process dies by a signal without a word)
 *   err-lacks: text standard error must not contain (repeatable)
 *   err-lines: lines on standard error (default: 1 when the exit status is
 *              not 0, the one-line error the README promises)
 *   out-has / out-lacks: the same for standard output
 *   after:     shell command, run in $TMP after the run, that must succeed
 *              (repeatable): "the FIFO is still a FIFO"
 *   present / absent: a path ($TMP expanded) that must / must not exist
 * and always: no temporary file (.gazmap-*) is left anywhere under $TMP, and
 * the run did not time out (a hang is a failure, never a pass). */
#define _GNU_SOURCE
#include "testutil.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEEP 8

static glob_t cases;

/* Runs `cmd` in `tmp` with the suite's variables set; *out and *err are
 * the captured streams (caller frees). */
static int run_in(const char *tmp, const char *cmd, const char *in, char **out, char **err) {
  char *full = NULL;
  int status;
  ck_assert(asprintf(&full, "TMP='%s'; TESTS='%s'; export TMP TESTS; cd \"$TMP\" && %s", tmp,
                     getenv("GAZMAP_TEST_DIR"), cmd) >= 0);
  status = tu_run(full, in, out, err);
  free(full);
  return status;
}

static char *sha256_of(const char *tmp, const char *file) {
  char *cmd = NULL, *out = NULL, *err = NULL;
  int status;
  ck_assert(asprintf(&cmd, "sha256sum -- '%s'", file) >= 0);
  status = run_in(tmp, cmd, NULL, &out, &err);
  ck_assert_msg(status == 0, "cannot hash %s: %s", file, err ? err : "");
  free(cmd);
  free(err);
  return out;
}

START_TEST(hostile_case) {
  tu_case c;
  char *cmd = NULL, *keep[MAX_KEEP], *keep_hash[MAX_KEEP];
  size_t n_keep = 0, i;
  int want_exit = -1, err_lines = -1, n_err_has = 0, status;

  tu_case_open(&c, cases.gl_pathv[_i]);
  /* First pass: setup in order, the kept files' hashes, the command. */
  for (i = 0; i < c.n; i++) {
    const char *key = c.d[i].key, *v = c.d[i].val;
    if (!strcmp(key, "skip-unless")) {
      char *o = NULL, *e = NULL;
      status = run_in(c.tmp, v, NULL, &o, &e);
      free(o);
      free(e);
      if (status != 0) {
        fprintf(stderr, "%s: skipped ('%s' failed)\n", c.path, v);
        goto skip;
      }
    } else if (!strcmp(key, "setup")) {
      char *o = NULL, *e = NULL;
      status = run_in(c.tmp, v, NULL, &o, &e);
      ck_assert_msg(status == 0, "%s: setup '%s' failed (%d): %s", c.path, v, status, e ? e : "");
      free(o);
      free(e);
    } else if (!strcmp(key, "keep")) {
      ck_assert_msg(n_keep < MAX_KEEP, "%s: too many keep: lines", c.path);
      keep[n_keep] = strdup(v);
      keep_hash[n_keep] = sha256_of(c.tmp, v);
      n_keep++;
    } else if (!strcmp(key, "run")) {
      free(cmd);
      ck_assert(asprintf(&cmd, "timeout 60 sh -c '%s'", "eval \"$GAZMAP_HOSTILE_RUN\"") >= 0);
      ck_assert(setenv("GAZMAP_HOSTILE_RUN", v, 1) == 0);
    } else if (!strcmp(key, "exit")) {
      want_exit = (int)strtol(v, NULL, 10);
    } else if (!strcmp(key, "err-lines")) {
      err_lines = (int)strtol(v, NULL, 10);
    } else if (!strcmp(key, "err-has")) {
      n_err_has++;
    }
  }
  ck_assert_msg(cmd != NULL, "%s: no run: line", c.path);
  ck_assert_msg(want_exit >= 0, "%s: no exit: line (every case says what it expects)", c.path);
  ck_assert_msg(want_exit == 0 || n_err_has > 0 || err_lines == 0,
                "%s: an error case needs an err-has: line (or err-lines: 0)", c.path);
  if (err_lines < 0 && want_exit != 0) {
    err_lines = 1;
  }
  status = run_in(c.tmp, cmd, c.in, &c.out, &c.err);
  ck_assert_msg(c.out && c.err, "%s: could not capture output", c.path);
  ck_assert_msg(status != 124, "%s: timed out (a hang)\nstderr:\n%s", c.path, c.err);
  tu_case_check_status(&c, status, want_exit, err_lines);
  /* Second pass: the expectations. */
  for (i = 0; i < c.n; i++) {
    if (!tu_case_expect(&c, &c.d[i]) && !strcmp(c.d[i].key, "after")) {
      char *o = NULL, *e = NULL;
      int st = run_in(c.tmp, c.d[i].val, NULL, &o, &e);
      ck_assert_msg(st == 0, "%s: after '%s' failed (%d): %s%s", c.path, c.d[i].val, st, o ? o : "",
                    e ? e : "");
      free(o);
      free(e);
    }
  }
  for (i = 0; i < n_keep; i++) {
    char *now = sha256_of(c.tmp, keep[i]);
    ck_assert_msg(!strcmp(now, keep_hash[i]), "%s: %s changed:\nbefore %safter  %s", c.path,
                  keep[i], keep_hash[i], now);
    free(now);
    free(keep[i]);
    free(keep_hash[i]);
  }
  {
    char *o = NULL, *e = NULL;
    ck_assert_int_eq(run_in(c.tmp, "find . -name '.gazmap-*'", NULL, &o, &e), 0);
    ck_assert_msg(o[0] == '\0', "%s: temporary files left behind:\n%s", c.path, o);
    free(o);
    free(e);
  }
skip:
  tu_case_close(&c);
  free(cmd);
}
END_TEST

int main(void) {
  return tu_run_cases("hostile", "hostile/*/*.case", 180, hostile_case, &cases);
}
