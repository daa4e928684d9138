/* Homonym resolution from the text's own context (tests/data/scan/
 * resolve.cases): the right place for each shared name, and an explanation
 * that says which evidence decided. */
#define _GNU_SOURCE
#include "scan_cases.h"

START_TEST(resolves) {
  sc_check_case(&cases[_i]);
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
  if (sc_load_glob("data/scan/resolve.cases", NULL) < 0) {
    return 1;
  }
  {
    tu_test tests[] = {TU_LOOP(resolves, ncases), TU_TEST(context_not_order_decides),
                       TU_TEST(lookahead_context)};
    return sc_main("resolve", TU_TESTS(tests));
  }
}
