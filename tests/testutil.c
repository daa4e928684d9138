#define _GNU_SOURCE
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *tu_test_path(const char *rel) {
  static char buf[4096];
  const char *dir = getenv("GAZMAP_TEST_DIR");
  snprintf(buf, sizeof buf, "%s/%s", dir ? dir : ".", rel);
  return buf;
}

char *tu_read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f) {
    return NULL;
  }
  for (;;) {
    size_t got;
    if (cap - n < 4096) {
      char *nb = realloc(buf, cap * 2 + 8192);
      if (!nb) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
      cap = cap * 2 + 8192;
    }
    got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) {
      break;
    }
  }
  fclose(f);
  buf[n] = '\0';
  if (len) {
    *len = n;
  }
  return buf;
}

char *tu_write_temp(const char *data, size_t len, const char *suffix) {
  char *path = NULL;
  int fd;
  if (asprintf(&path, "/tmp/gazmap-test-XXXXXX%s", suffix ? suffix : "") < 0) {
    return NULL;
  }
  fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
  if (fd < 0) {
    free(path);
    return NULL;
  }
  if (len && write(fd, data, len) != (ssize_t)len) {
    close(fd);
    free(path);
    return NULL;
  }
  close(fd);
  return path;
}

char *tu_temp_dir(void) {
  char *path = strdup("/tmp/gazmap-test-XXXXXX");
  if (path && !mkdtemp(path)) {
    free(path);
    return NULL;
  }
  return path;
}

int tu_run(const char *cmd, const char *stdin_data, char **out, char **err) {
  char *in_path =
      tu_write_temp(stdin_data ? stdin_data : "", stdin_data ? strlen(stdin_data) : 0, NULL);
  char *out_path = tu_write_temp("", 0, NULL);
  char *err_path = tu_write_temp("", 0, NULL);
  char *full = NULL;
  const char *bin = getenv("GAZMAP_BIN");
  int status = -1;
  if (in_path && out_path && err_path &&
      asprintf(&full, "GAZMAP='%s'; export GAZMAP; (%s) <'%s' >'%s' 2>'%s'", bin ? bin : "gazmap",
               cmd, in_path, out_path, err_path) >= 0) {
    int rc = system(full);
    if (rc != -1 && WIFEXITED(rc)) {
      status = WEXITSTATUS(rc);
    }
  }
  if (out) {
    *out = out_path ? tu_read_file(out_path, NULL) : NULL;
  }
  if (err) {
    *err = err_path ? tu_read_file(err_path, NULL) : NULL;
  }
  if (in_path)
    unlink(in_path);
  if (out_path)
    unlink(out_path);
  if (err_path)
    unlink(err_path);
  free(in_path);
  free(out_path);
  free(err_path);
  free(full);
  return status;
}

int tu_run_suite(Suite *s) {
  SRunner *sr = srunner_create(s);
  int failed;
  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed;
}

int tu_run_cases(const char *name, const char *pattern, int timeout, const TTest *fn,
                 glob_t *cases) {
  char path[4096];
  Suite *s = suite_create(name);
  TCase *tc = tcase_create("cases");
  int failed;
  snprintf(path, sizeof path, "%s", tu_test_path(pattern));
  if (glob(path, 0, NULL, cases) != 0 || cases->gl_pathc == 0) {
    fprintf(stderr, "no cases match %s\n", path);
    return 1;
  }
  tcase_set_timeout(tc, timeout);
  tcase_add_loop_test(tc, fn, 0, (int)cases->gl_pathc);
  suite_add_tcase(s, tc);
  failed = tu_run_suite(s);
  globfree(cases);
  return failed ? 1 : 0;
}

void tu_remove_tree(const char *dir) {
  char *rm = NULL;
  if (asprintf(&rm, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", dir, dir) >= 0) {
    if (system(rm) != 0) { /* a leftover temp dir is harmless */
    }
    free(rm);
  }
}

char *tu_expand_tmp(const char *s, const char *tmp) {
  const char *p = strstr(s, "$TMP");
  char *out = NULL;
  if (!p) {
    return strdup(s);
  }
  if (asprintf(&out, "%.*s%s%s", (int)(p - s), s, tmp, p + 4) < 0) {
    return NULL;
  }
  return out;
}

int tu_count_lines(const char *s) {
  int n = 0;
  for (; *s; s++) {
    n += *s == '\n';
  }
  return n;
}
