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

Suite *tu_suite_new(const char *name, const tu_tcase *tcases, size_t ntcases) {
  Suite *s = suite_create(name);
  size_t i, j;
  for (i = 0; i < ntcases; i++) {
    const tu_tcase *t = &tcases[i];
    TCase *tc = tcase_create(t->name);
    if (t->timeout > 0) {
      tcase_set_timeout(tc, t->timeout);
    }
    if (t->setup || t->teardown) {
      tcase_add_checked_fixture(tc, t->setup, t->teardown);
    }
    if (t->setup_once || t->teardown_once) {
      tcase_add_unchecked_fixture(tc, t->setup_once, t->teardown_once);
    }
    for (j = 0; j < t->ntests; j++) {
      tcase_add_loop_test(tc, t->tests[j].fn, t->tests[j].start, t->tests[j].end);
    }
    suite_add_tcase(s, tc);
  }
  return s;
}

int tu_main(const char *name, const tu_tcase *tcases, size_t ntcases) {
  return tu_run_suite(tu_suite_new(name, tcases, ntcases)) ? 1 : 0;
}

int tu_main_tests(const char *name, int timeout, const tu_test *tests, size_t ntests) {
  tu_tcase tc = {.name = name, .tests = tests, .ntests = ntests, .timeout = timeout};
  return tu_main(name, &tc, 1);
}

int tu_run_cases(const char *name, const char *pattern, int timeout, const TTest *fn,
                 glob_t *cases) {
  char path[4096];
  int status;
  snprintf(path, sizeof path, "%s", tu_test_path(pattern));
  if (glob(path, 0, NULL, cases) != 0 || cases->gl_pathc == 0) {
    fprintf(stderr, "no cases match %s\n", path);
    return 1;
  }
  {
    tu_test rows[] = {TU_LOOP(fn, cases->gl_pathc)};
    tu_tcase tc = {.name = "cases", .tests = TU_TESTS(rows), .timeout = timeout};
    status = tu_main(name, &tc, 1);
  }
  globfree(cases);
  return status;
}

void tu_remove_tree(const char *dir) {
  char *rm = NULL;
  if (dir && asprintf(&rm, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", dir, dir) >= 0) {
    if (system(rm) != 0) { /* a leftover temp dir is harmless */
    }
    free(rm);
  }
}

char *tu_tool_output(const char *tool, const char *path) {
  char *cmd = NULL, *out = NULL, *err = NULL;
  int status;
  ck_assert(asprintf(&cmd, "%s '%s'", tool, path) > 0);
  status = tu_run(cmd, NULL, &out, &err);
  ck_assert_msg(status == 0 && out, "%s fails (%d): %s", cmd, status, err ? err : "");
  free(cmd);
  free(err);
  return out;
}

void tu_assert_empty_dir(const char *dir) {
  char *out = tu_tool_output("ls -A", dir);
  ck_assert_msg(out[0] == '\0', "left behind in %s: %s", dir, out);
  free(out);
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

void tu_case_open(tu_case *c, const char *path) {
  char *line, *save = NULL;
  size_t in_len = 0, cap = 0;
  memset(c, 0, sizeof *c);
  c->path = path;
  c->text = tu_read_file(path, NULL);
  c->tmp = tu_temp_dir();
  c->in = calloc(1, 1);
  ck_assert_msg(c->text != NULL, "cannot read %s", path);
  ck_assert_ptr_nonnull(c->tmp);
  ck_assert_ptr_nonnull(c->in);
  for (line = strtok_r(c->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *colon = strchr(line, ':');
    const char *val;
    if (line[0] == '#' || !colon) {
      continue;
    }
    *colon = '\0';
    val = colon[1] == ' ' ? colon + 2 : colon + 1;
    if (c->n == cap) {
      cap = cap * 2 + 16;
      c->d = realloc(c->d, cap * sizeof *c->d);
      ck_assert_ptr_nonnull(c->d);
    }
    c->d[c->n].key = line;
    c->d[c->n++].val = val;
    if (!strcmp(line, "stdin")) {
      size_t vl = strlen(val);
      c->in = realloc(c->in, in_len + vl + 2);
      ck_assert_ptr_nonnull(c->in);
      memcpy(c->in + in_len, val, vl);
      in_len += vl;
      c->in[in_len++] = '\n';
      c->in[in_len] = '\0';
    }
  }
}

void tu_case_check_status(const tu_case *c, int status, int want_exit, int err_lines) {
  ck_assert_msg(c->out && c->err, "%s: could not capture output", c->path);
  ck_assert_msg(status == want_exit,
                "%s: exit status %d, expected %d\nstdout:\n%.2000s\nstderr:\n%.2000s", c->path,
                status, want_exit, c->out, c->err);
  if (err_lines >= 0) {
    ck_assert_msg(tu_count_lines(c->err) == err_lines,
                  "%s: %d lines on stderr, expected %d:\n%.2000s", c->path, tu_count_lines(c->err),
                  err_lines, c->err);
  }
}

int tu_case_expect(const tu_case *c, const tu_directive *d) {
  /* Which stream each directive looks at, and whether the text must be in
   * it ("-has") or not ("-lacks"). */
  static const struct {
    const char *key, *stream;
    int has;
  } streams[] = {{"out-has", "stdout", 1},
                 {"out-lacks", "stdout", 0},
                 {"err-has", "stderr", 1},
                 {"err-lacks", "stderr", 0}};
  size_t i;
  for (i = 0; i < sizeof streams / sizeof streams[0]; i++) {
    if (!strcmp(d->key, streams[i].key)) {
      const char *s = d->key[0] == 'o' ? c->out : c->err;
      ck_assert_msg((strstr(s, d->val) != NULL) == streams[i].has,
                    "%s: %s %s \"%s\"; %s was:\n%.2000s", c->path, streams[i].stream,
                    streams[i].has ? "lacks" : "has", d->val, streams[i].stream, s);
      return 1;
    }
  }
  if (!strcmp(d->key, "present") || !strcmp(d->key, "absent")) {
    char *p = tu_expand_tmp(d->val, c->tmp);
    int want = d->key[0] == 'p';
    int exists = p && access(p, F_OK) == 0;
    ck_assert_msg(exists == want, "%s: %s should %s", c->path, p ? p : d->val,
                  want ? "exist" : "not exist");
    free(p);
    return 1;
  }
  return 0;
}

void tu_case_close(tu_case *c) {
  if (c->tmp) {
    tu_remove_tree(c->tmp);
  }
  free(c->tmp);
  free(c->text);
  free(c->d);
  free(c->in);
  free(c->out);
  free(c->err);
}
