/* Helpers shared by the Check suites: fixture paths, running the CLI, the
 * declarative suite table every main() hands to tu_main(), and the reader of
 * the declarative case files of tests/cli and tests/hostile. */
#ifndef GAZMAP_TESTUTIL_H
#define GAZMAP_TESTUTIL_H

#include <check.h>
#include <glob.h>
#include <stddef.h>

/* $GAZMAP_TEST_DIR/<rel>, in a static buffer (valid until the next call). */
const char *tu_test_path(const char *rel);

/* The whole file, NUL-terminated, or NULL; caller frees.  *len may be NULL. */
char *tu_read_file(const char *path, size_t *len);

/* Writes `len` bytes to a new temporary file and returns its path (caller
 * frees; unlink when done). */
char *tu_write_temp(const char *data, size_t len, const char *suffix);

/* Runs `/bin/sh -c cmd` with GAZMAP (the built binary) in the environment,
 * feeding `stdin_data` (may be NULL), and returns its exit status (or -1).
 * *out and *err receive the captured streams (caller frees). */
int tu_run(const char *cmd, const char *stdin_data, char **out, char **err);

/* A fresh empty directory (caller frees the path). */
char *tu_temp_dir(void);

/* Runs every test of `s` (printing Check's summary), frees the runner, and
 * returns the number of failed tests. */
int tu_run_suite(Suite *s);

/* One row of a suite table: the test `fn` run for each index in [start, end)
 * (Check's loop test; a plain test is the range [0, 1)). */
typedef struct {
  const TTest *fn;
  int start, end;
} tu_test;

/* A plain test, a loop test over `n` indices, and a loop test over every row
 * of the array `rows`.  START_TEST's names are pointers, not constants, so a
 * table of them is an automatic array inside main(). */
/* clang-format off */
#define TU_TEST(fn) {(fn), 0, 1}
#define TU_LOOP(fn, n) {(fn), 0, (int)(n)}
#define TU_ROWS(fn, rows) {(fn), 0, (int)(sizeof(rows) / sizeof((rows)[0]))}
/* clang-format on */

/* One TCase of a suite table.  The fixtures may be NULL: `setup`/`teardown`
 * run around each test in its child process (checked), `setup_once`/
 * `teardown_once` once for the whole TCase (unchecked).  `timeout` 0 keeps
 * Check's default. */
typedef struct {
  const char *name;
  const tu_test *tests;
  size_t ntests;
  int timeout;
  SFun setup, teardown;
  SFun setup_once, teardown_once;
} tu_tcase;

/* A TCase's `tests` and `ntests` from an array of rows. */
#define TU_TESTS(rows) (rows), (sizeof(rows) / sizeof((rows)[0]))

/* The suite `name` built from the `ntcases` TCases of a suite table (the
 * runner that runs it frees it). */
Suite *tu_suite_new(const char *name, const tu_tcase *tcases, size_t ntcases);

/* Builds the suite `name` from the `ntcases` TCases of a suite table, runs it
 * and returns main()'s exit status: 0 when every test passed, 1 otherwise. */
int tu_main(const char *name, const tu_tcase *tcases, size_t ntcases);

/* tu_main() for a suite of one TCase of the same name with no fixture. */
int tu_main_tests(const char *name, int timeout, const tu_test *tests, size_t ntests);

/* Runs the loop test `fn` once per file of the tests folder matching
 * the glob `pattern` (such as cli/ANY/ANY.case), each with `timeout` seconds, as the suite
 * `name`; `fn` reads the paths from *cases.  Returns main()'s exit status. */
int tu_run_cases(const char *name, const char *pattern, int timeout, const TTest *fn,
                 glob_t *cases);

/* One `directive: value` line of a declarative case file. */
typedef struct {
  const char *key, *val;
} tu_directive;

/* A declarative case file (tests/cli and tests/hostile) read into its
 * directives, with what running it needs and gives: a fresh directory for
 * $TMP, the `stdin:` lines joined, and the captured streams. */
typedef struct {
  const char *path;
  char *text;      /* the file, cut into the keys and values of `d` */
  tu_directive *d; /* the directive lines in order ('#' lines and lines without ':' left out) */
  size_t n;
  char *tmp;       /* the case's $TMP */
  char *in;        /* every stdin: value, each with a newline */
  char *out, *err; /* the run's standard output and error, once run */
} tu_case;

/* Reads the case file `path` into `c` and makes its $TMP (check fails the
 * test when either cannot be done).  tu_case_close() frees it. */
void tu_case_open(tu_case *c, const char *path);

/* Checks the exit status and the number of lines on standard error (when
 * `err_lines` >= 0) of the run captured in `c`. */
void tu_case_check_status(const tu_case *c, int status, int want_exit, int err_lines);

/* Checks the directive `d` when it is one of the expectations on output and
 * files that every case file shares (out-has, out-lacks, err-has, err-lacks,
 * present, absent); returns 1 when it was one, 0 for another directive. */
int tu_case_expect(const tu_case *c, const tu_directive *d);

/* Removes the case's $TMP and frees what `c` holds. */
void tu_case_close(tu_case *c);

/* `s` with its first "$TMP" replaced by `tmp` (the caller frees it). */
char *tu_expand_tmp(const char *s, const char *tmp);

/* The number of newlines in `s`. */
int tu_count_lines(const char *s);

/* Removes the directory tree `dir` (made writable first; NULL is no tree);
 * best effort. */
void tu_remove_tree(const char *dir);

/* Runs `tool` (a shell command) on the file `path`, quoted, and returns its
 * standard output (caller frees); the test fails, showing the tool's
 * standard error, when it exits non-zero. */
char *tu_tool_output(const char *tool, const char *path);

/* Checks that nothing, not even a temporary file, is left in `dir`. */
void tu_assert_empty_dir(const char *dir);

#endif
