/* util/grow.c: arrays that double, and fail cleanly. */
#include "util/grow.h"

#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "testutil.h"

START_TEST(doubles_from_first_and_keeps_contents) {
  int *a = NULL, *b;
  size_t cap = 0, n;
  for (n = 0; n < 1000; n++) {
    b = gz_grow(a, &cap, n, sizeof *a, 16);
    ck_assert_ptr_nonnull(b);
    a = b;
    a[n] = (int)n;
    ck_assert_uint_gt(cap, n);
  }
  ck_assert_uint_eq(cap, 1024); /* 16, 32, ..., 1024 */
  for (n = 0; n < 1000; n++) {
    ck_assert_int_eq(a[n], (int)n);
  }
  /* Room left: the same array back, the capacity untouched. */
  ck_assert_ptr_eq(gz_grow(a, &cap, 1000, sizeof *a, 16), a);
  ck_assert_uint_eq(cap, 1024);
  free(a);
}
END_TEST

START_TEST(overflow_fails_and_changes_nothing) {
  char *a = malloc(8);
  size_t cap = 8;
  ck_assert_ptr_nonnull(a);
  ck_assert_ptr_null(gz_grow(a, &cap, 8, SIZE_MAX / 4, 1));
  ck_assert_uint_eq(cap, 8);
  free(a);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(doubles_from_first_and_keeps_contents),
                     TU_TEST(overflow_fails_and_changes_nothing)};
  return tu_main_tests("grow", 0, TU_TESTS(tests));
}
