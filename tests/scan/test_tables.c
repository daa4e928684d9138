/* The scanner's tables of inflections and cues (tests/scan/tables/ *.cases,
 * the format of tests/data/scan/README.md): Armenian case endings, Russian
 * place adjectives in every case and gender, Turkish and Azerbaijani case
 * suffixes on names, town-or-district cue words in five languages and
 * road designations in context.  Each row is one sentence and the
 * mentions it must give, and, with why-of/why, a phrase the explanation of
 * one of them must hold (which rule decided). */
#define _GNU_SOURCE
#include "scan_cases.h"

#include <check.h>
#include <glob.h>

START_TEST(row) {
  const sc_case *c = &cases[_i];
  sc_found f = {0};
  char got[4096], want[4096];
  size_t i;
  ck_assert_int_eq(gazmap_scan_buffer(scanner, c->text, c->len, sc_collect, &f), 0);
  sc_describe(&f, c, got, sizeof got);
  sc_describe(NULL, c, want, sizeof want);
  ck_assert_msg(sc_matches(c, &f), "%s:%d: \"%s\"\n  want:%s\n  got:%s", c->file, c->line, c->text,
                want, got);
  if (c->why_of && c->why) {
    for (i = 0; i < f.n && strcmp(f.surface[i], c->why_of); i++) {
    }
    ck_assert_msg(i < f.n, "%s:%d: no mention '%s'", c->file, c->line, c->why_of);
    ck_assert_msg(strstr(f.why[i], c->why) != NULL, "%s:%d: why of '%s' lacks '%s': %s", c->file,
                  c->line, c->why_of, c->why, f.why[i]);
  }
}
END_TEST

int main(void) {
  glob_t gl;
  char pattern[4096];
  size_t i;
  Suite *su = suite_create("tables");
  TCase *tc = tcase_create("tables");

  snprintf(pattern, sizeof pattern, "%s/scan/tables/*.cases", getenv("GAZMAP_TEST_DIR"));
  if (glob(pattern, 0, NULL, &gl) != 0) {
    fprintf(stderr, "no cases under %s\n", pattern);
    return 1;
  }
  for (i = 0; i < gl.gl_pathc; i++) {
    sc_load(gl.gl_pathv[i], &cases, &ncases);
  }
  globfree(&gl);
  if (ncases == 0) {
    fprintf(stderr, "no cases under %s\n", pattern);
    return 1;
  }
  tcase_add_loop_test(tc, row, 0, (int)ncases);
  suite_add_tcase(su, tc);
  return sc_run(su) ? 1 : 0;
}
