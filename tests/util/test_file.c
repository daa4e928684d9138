/* util/file.c and util/outset.c: the output policy seen from the library. */
#define _GNU_SOURCE
#include "util/file.h"

#include "gazmap/error.h"
#include "gazmap/output.h"

#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

/* Files in `dir` whose names start with ".gazmap-": temporaries. */
static int temporaries_in(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  ck_assert_ptr_nonnull(d);
  while ((e = readdir(d))) {
    n += !strncmp(e->d_name, ".gazmap-", 8);
  }
  closedir(d);
  return n;
}

static char *path_in(const char *dir, const char *name) {
  char *p = NULL;
  ck_assert(asprintf(&p, "%s/%s", dir, name) >= 0);
  return p;
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
}

static void on_term(int sig) {
  gazmap_output_cleanup();
  _exit(100 + sig % 50);
}

/* A temporary file registered by a write in progress is gone after SIGTERM
 * reaches a handler that calls gazmap_output_cleanup (as the CLI's does). */
START_TEST(cleanup_on_signal_removes_registered_temporaries) {
  char *dir = tu_temp_dir(), *tmp = path_in(dir, ".gazmap-test1"), *sub = path_in(dir, ".gazmap-d");
  char *inner = path_in(sub, "new.shp");
  pid_t pid;
  int status;

  pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    signal(SIGTERM, on_term);
    if (mkdir(sub, 0700) < 0 || gz_temp_register(sub, 1) < 0) {
      _exit(1);
    }
    write_text(tmp, "partial");
    write_text(inner, "partial");
    if (gz_temp_register(tmp, 0) < 0 || gz_temp_register(inner, 0) < 0) {
      _exit(1);
    }
    raise(SIGTERM);
    _exit(2);
  }
  ck_assert_int_eq(waitpid(pid, &status, 0), pid);
  ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 100 + SIGTERM % 50, "child status %d",
                status);
  ck_assert_int_eq(temporaries_in(dir), 0);
  rmdir(dir);
  free(inner);
  free(sub);
  free(tmp);
  free(dir);
}
END_TEST

/* A released slot is not cleaned: the file was renamed into place. */
START_TEST(released_temporaries_are_left_alone) {
  char *dir = tu_temp_dir(), *keep = path_in(dir, ".gazmap-kept");
  int slot;
  write_text(keep, "done");
  slot = gz_temp_register(keep, 0);
  ck_assert_int_ge(slot, 0);
  gz_temp_release(slot);
  gazmap_output_cleanup();
  ck_assert_int_eq(access(keep, F_OK), 0);
  unlink(keep);
  rmdir(dir);
  free(keep);
  free(dir);
}
END_TEST

/* The temporary name does not contain the target's, so a 255-byte name
 * (NAME_MAX) is written; 256 bytes is refused before anything is made. */
START_TEST(names_up_to_name_max) {
  char *dir = tu_temp_dir(), name[300], *p;
  memset(name, 'n', 255);
  name[255] = '\0';
  p = path_in(dir, name);
  ck_assert_int_eq(gz_write_atomic(p, "x", 1), 0);
  ck_assert_int_eq(access(p, F_OK), 0);
  unlink(p);
  free(p);
  name[255] = 'n';
  name[256] = '\0';
  p = path_in(dir, name);
  ck_assert_int_eq(gz_write_atomic(p, "x", 1), GAZMAP_EINVAL);
  ck_assert_int_eq(temporaries_in(dir), 0);
  free(p);
  rmdir(dir);
  free(dir);
}
END_TEST

/* A file the process has read is never an output. */
START_TEST(an_input_is_not_replaced) {
  char *dir = tu_temp_dir(), *in = path_in(dir, "in.txt"), *buf = NULL;
  size_t len = 0;
  write_text(in, "text");
  ck_assert_int_eq(gz_read_file(in, 100, &buf, &len), 0);
  ck_assert_int_eq(gz_write_atomic(in, "new", 3), GAZMAP_EINVAL);
  free(buf);
  ck_assert_int_eq(gz_read_file(in, 100, &buf, &len), 0);
  ck_assert_str_eq(buf, "text");
  free(buf);
  unlink(in);
  rmdir(dir);
  free(in);
  free(dir);
}
END_TEST

static const char *const exts[] = {".a", ".b", ".c"};

/* Checks that no temporary is left in `dir`, then removes it and frees it
 * and `stem`. */
static void no_temporaries_left(char *dir, char *stem) {
  ck_assert_int_eq(temporaries_in(dir), 0);
  tu_remove_tree(dir);
  free(stem);
  free(dir);
}

/* Writes `text` to the first `n` parts of `stem` (stem + each of exts). */
static void write_parts(const char *stem, size_t n, const char *text) {
  char p[4096];
  size_t i;
  for (i = 0; i < n; i++) {
    snprintf(p, sizeof p, "%s%s", stem, exts[i]);
    write_text(p, text);
  }
}

/* Checks that each of the first `n` parts of `stem` holds `want`. */
static void parts_hold(const char *stem, size_t n, const char *want) {
  char p[4096], *text;
  size_t i;
  for (i = 0; i < n; i++) {
    snprintf(p, sizeof p, "%s%s", stem, exts[i]);
    text = tu_read_file(p, NULL);
    ck_assert_msg(text != NULL, "%s is missing", p);
    ck_assert_str_eq(text, want);
    free(text);
  }
}

/* A set whose commit fails part-way (a directory appears at the third,
 * absent, target after the checks) puts the previous first two back. */
START_TEST(outset_rolls_back_to_the_previous_parts) {
  char *dir = tu_temp_dir(), *stem = path_in(dir, "k"), p[4096];
  gz_outset *set = NULL;

  write_parts(stem, 2, "old");
  ck_assert_int_eq(gz_outset_begin(&set, stem, exts, 3), 0);
  write_parts(gz_outset_tmp_stem(set), 3, "new");
  /* Break the last rename: a non-empty directory cannot replace a file. */
  snprintf(p, sizeof p, "%s.c", stem);
  ck_assert_int_eq(mkdir(p, 0700), 0);
  snprintf(p, sizeof p, "%s.c/x", stem);
  write_text(p, "x");
  ck_assert_int_lt(gz_outset_commit(set), 0);
  gz_outset_free(set);
  parts_hold(stem, 2, "old");
  no_temporaries_left(dir, stem);
}
END_TEST

START_TEST(outset_commits_every_part) {
  char *dir = tu_temp_dir(), *stem = path_in(dir, "k");
  gz_outset *set = NULL;
  ck_assert_int_eq(gz_outset_begin(&set, stem, exts, 3), 0);
  write_parts(gz_outset_tmp_stem(set), 3, "new");
  ck_assert_int_eq(gz_outset_commit(set), 0);
  gz_outset_free(set);
  parts_hold(stem, 3, "new");
  no_temporaries_left(dir, stem);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(cleanup_on_signal_removes_registered_temporaries),
                     TU_TEST(released_temporaries_are_left_alone),
                     TU_TEST(names_up_to_name_max),
                     TU_TEST(an_input_is_not_replaced),
                     TU_TEST(outset_rolls_back_to_the_previous_parts),
                     TU_TEST(outset_commits_every_part)};
  tu_tcase tc = {.name = "policy", .tests = TU_TESTS(tests)};
  return tu_main("file", &tc, 1);
}
