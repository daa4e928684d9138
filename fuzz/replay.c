/* Replays a fuzz target's corpus (every file of the directory named by the
 * first argument) as an ordinary Check test, so inputs that once crashed stay
 * fixed in every build, sanitizers included. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include <check.h>

#include "testutil.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **files;
static size_t nfiles;

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  long size;
  if (!f) {
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
    buf = malloc((size_t)size + 1);
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
      free(buf);
      buf = NULL;
    }
    *len = (size_t)size;
  }
  fclose(f);
  return buf;
}

START_TEST(replay_one) {
  size_t len = 0;
  unsigned char *buf = slurp(files[_i], &len);
  ck_assert_msg(buf != NULL, "cannot read %s", files[_i]);
  /* The target aborts on any broken invariant; returning is the pass. */
  ck_assert_int_eq(LLVMFuzzerTestOneInput(buf, len), 0);
  free(buf);
}
END_TEST

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  DIR *d;
  struct dirent *e;
  Suite *s = suite_create("fuzz-replay");
  TCase *tc = tcase_create("corpus");
  int failed;
  size_t i;

  if (argc < 2 || !(d = opendir(argv[1]))) {
    fprintf(stderr, "usage: %s CORPUS_DIR (a readable directory)\n", argv[0]);
    return 2;
  }
  while ((e = readdir(d))) {
    char *p;
    if (e->d_name[0] == '.' || asprintf(&p, "%s/%s", argv[1], e->d_name) < 0) {
      continue;
    }
    files = realloc(files, (nfiles + 1) * sizeof *files);
    files[nfiles++] = p;
  }
  closedir(d);
  if (nfiles == 0) {
    fprintf(stderr, "%s: empty corpus\n", argv[1]);
    return 2;
  }
  qsort(files, nfiles, sizeof *files, by_name);
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, replay_one, 0, (int)nfiles);
  suite_add_tcase(s, tc);
  failed = tu_run_suite(s);
  for (i = 0; i < nfiles; i++) {
    free(files[i]);
  }
  free(files);
  return failed ? 1 : 0;
}
