/* cli/table.c: table cells padded by display columns (ICU widths). */
#define _GNU_SOURCE
#include "cli/table.c"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

typedef struct width_case {
  const char *text;
  size_t columns;
} width_case;

static const width_case widths[] = {
    {"Ankara", 6},
    {"Çankaya", 7},           /* 8 bytes */
    {"Ստեփանակերտ", 11},      /* Armenian, 22 bytes */
    {"Нагорный Карабах", 16}, /* Cyrillic */
    {"東京", 4},              /* East Asian wide: two columns each */
    {"ＡＢ", 4},              /* fullwidth */
    {"e\xCC\x81", 1},         /* e + combining acute */
    {"a\xE2\x80\x8B"
     "b",
     2},              /* zero width space (a format character) */
    {"tab\there", 8}, /* a control character prints as one space */
    {"bad\xFF", 4},   /* invalid UTF-8: one U+FFFD */
};

START_TEST(widths_by_columns) {
  const width_case *c = &widths[_i];
  ck_assert_uint_eq(cli_text_width(c->text, strlen(c->text)), c->columns);
}
END_TEST

/* What cli_print_cell prints, as a string. */
static char *cell(const char *s, size_t width, int cut) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  cli_print_cell(f, s, width, cut);
  fclose(f);
  return out;
}

START_TEST(pads_by_columns) {
  char *a = cell("Çankaya", 10, 0), *b = cell("Ankara", 10, 0);
  ck_assert_str_eq(a, "Çankaya   ");
  ck_assert_str_eq(b, "Ankara    ");
  ck_assert_uint_eq(cli_text_width(a, strlen(a)), cli_text_width(b, strlen(b)));
  free(a);
  free(b);
  a = cell("東京都", 8, 0);
  ck_assert_str_eq(a, "東京都  ");
  free(a);
}
END_TEST

START_TEST(cuts_by_columns) {
  char *a = cell("Dağlık Karabağ", 6, 1), *b = cell("東京都", 5, 1), *c = cell("long name", 4, 0);
  ck_assert_str_eq(a, "Dağlık");
  /* A wide character that does not fit is left out whole and padded. */
  ck_assert_str_eq(b, "東京 ");
  /* Without cut, text wider than the cell is printed whole. */
  ck_assert_str_eq(c, "long name");
  free(a);
  free(b);
  free(c);
}
END_TEST

START_TEST(flattens) {
  char *a = cell("two\nlines\x7f", 0, 0), *b = cell("x\xFFy", 0, 0);
  ck_assert_str_eq(a, "two lines ");
  ck_assert_str_eq(b, "x\xEF\xBF\xBDy");
  free(a);
  free(b);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(widths_by_columns, widths), TU_TEST(pads_by_columns),
                     TU_TEST(cuts_by_columns), TU_TEST(flattens)};
  tu_tcase tc = {.name = "cells", .tests = TU_TESTS(tests)};
  return tu_main("table", &tc, 1);
}
