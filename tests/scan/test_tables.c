/* The scanner's tables of inflections and cues (tests/scan/tables/ *.cases,
 * the format of tests/data/scan/README.md): Armenian case endings, Russian
 * place adjectives in every case and gender, Turkish and Azerbaijani case
 * suffixes on names, town-or-district cue words in five languages and
 * road designations in context.  Each row is one sentence and the
 * mentions it must give, and, with why-of/why, a phrase the explanation of
 * one of them must hold (which rule decided). */
#define _GNU_SOURCE
#include "scan_cases.h"

START_TEST(row) {
  sc_check_case(&cases[_i]);
}
END_TEST

int main(void) {
  if (sc_load_glob("scan/tables/*.cases", NULL) < 0) {
    return 1;
  }
  {
    tu_test tests[] = {TU_LOOP(row, ncases)};
    return sc_main("tables", TU_TESTS(tests));
  }
}
