/* Helpers shared by the Check suites: fixture paths and running the CLI. */
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

/* Runs the loop test `fn` once per file of the tests folder matching
 * the glob `pattern` (such as cli/ANY/ANY.case), each with `timeout` seconds, as the suite
 * `name`; `fn` reads the paths from *cases.  Returns main()'s exit status. */
int tu_run_cases(const char *name, const char *pattern, int timeout, const TTest *fn,
                 glob_t *cases);

/* `s` with its first "$TMP" replaced by `tmp` (the caller frees it). */
char *tu_expand_tmp(const char *s, const char *tmp);

/* The number of newlines in `s`. */
int tu_count_lines(const char *s);

/* Removes the directory tree `dir` (made writable first); best effort. */
void tu_remove_tree(const char *dir);

#endif
