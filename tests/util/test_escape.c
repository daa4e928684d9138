/* util/escape.c: XML text that is always well formed. */
#include "util/escape.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct esc_case {
  const char *in;
  size_t len; /* 0: strlen(in) */
  const char *want;
} esc_case;

static const esc_case cases[] = {
    {"plain", 0, "plain"},
    {"a<b>&\"c'", 0, "a&lt;b&gt;&amp;&quot;c'"},
    {"Şuşa Шуша Շուշի", 0, "Şuşa Шуша Շուշի"},
    {"tab\tline\nret\r", 0, "tab\tline\nret\r"},
    {"ctl\x01x", 0, "ctl\xEF\xBF\xBDx"},
    {"del\x7fx", 0, "del\xEF\xBF\xBDx"},
    {"bad\xff" "x", 0, "bad\xEF\xBF\xBDx"},
    {"cut\xc5", 0, "cut\xEF\xBF\xBD"},
    {"overlong\xc0\xaf", 0, "overlong\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"surrogate\xed\xa0\x80", 0, "surrogate\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"nonchar\xef\xbf\xbe", 0, "nonchar\xEF\xBF\xBD"},
    {"nul\0x", 5, "nul\xEF\xBF\xBDx"},
};

START_TEST(escapes_each_case) {
  const esc_case *c = &cases[_i];
  gz_buf b = {0};
  size_t n = c->len ? c->len : strlen(c->in);
  ck_assert_int_eq(gz_xml_escape(&b, c->in, n), 0);
  ck_assert_str_eq((const char *)b.data, c->want);
  free(b.data);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(escapes_each_case, cases)};
  tu_tcase tc = {.name = "xml", .tests = TU_TESTS(tests)};
  return tu_main("escape", &tc, 1);
}
