/* Homonym resolution from the text's own context (tests/data/scan/
 * resolve.cases): the right place for each shared name, and an explanation
 * that says which evidence decided. */
#define _GNU_SOURCE
#include "scan_cases.h"

#include <check.h>

START_TEST(resolves) {
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

/* The same Martuni, once by the Karabakh towns and once by Lake Sevan: the
 * context, not the order of the gazetteer, decides. */
START_TEST(context_not_order_decides) {
  static const char karabakh[] = "From Shusha and Khankendi the road runs to Martuni.";
  static const char sevan[] = "From Gavar and Vardenis the road runs to Martuni.";
  sc_found a = {0}, b = {0};
  ck_assert_int_eq(gazmap_scan_buffer(scanner, karabakh, sizeof karabakh - 1, sc_collect, &a), 0);
  ck_assert_int_eq(gazmap_scan_buffer(scanner, sevan, sizeof sevan - 1, sc_collect, &b), 0);
  ck_assert_uint_eq(a.n, 3);
  ck_assert_uint_eq(b.n, 3);
  ck_assert_str_eq(a.id[2], "khojavend");
  ck_assert_str_eq(b.id[2], "martuni-gegharkunik");
}
END_TEST

/* Context ahead counts too: the district named after the bare name. */
START_TEST(lookahead_context) {
  static const char text[] = "Troops left Kalbajar. The Kalbajar District was returned.";
  sc_found f = {0};
  ck_assert_int_eq(gazmap_scan_buffer(scanner, text, sizeof text - 1, sc_collect, &f), 0);
  ck_assert_uint_eq(f.n, 2);
  ck_assert_str_eq(f.id[0], "kalbajar-district");
  ck_assert_str_eq(f.id[1], "kalbajar-district");
}
END_TEST

int main(void) {
  char path[4096];
  Suite *su = suite_create("resolve");
  TCase *tc = tcase_create("resolve");

  snprintf(path, sizeof path, "%s/data/scan/resolve.cases", getenv("GAZMAP_TEST_DIR"));
  sc_load(path, &cases, &ncases);
  if (ncases == 0) {
    fprintf(stderr, "no cases in %s\n", path);
    return 1;
  }
  tcase_add_loop_test(tc, resolves, 0, (int)ncases);
  tcase_add_test(tc, context_not_order_decides);
  tcase_add_test(tc, lookahead_context);
  suite_add_tcase(su, tc);
  return sc_run(su) ? 1 : 0;
}
