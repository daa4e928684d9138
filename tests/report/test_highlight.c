/* report/highlight.c: the one mentions-to-highlights aggregation of find
 * --render and report (semantics in gazmap/report.h). */
#include "gazmap/gazmap.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static gazmap_gazetteer *g;

static const gazmap_place *place(const char *id) {
  const gazmap_place *p = gazmap_gazetteer_find_id(g, id);
  ck_assert_msg(p != NULL, "no place '%s' in mini.tsv", id);
  return p;
}

/* Mentions of these ids in this order, as the report passes them. */
static gazmap_report_mention *mentions_of(const char *const *ids, size_t n) {
  gazmap_report_mention *m = calloc(n ? n : 1, sizeof *m);
  size_t i;
  for (i = 0; i < n; i++) {
    m[i].offset = 10 * i;
    m[i].length = 5;
    m[i].place = place(ids[i]);
    m[i].role = i % 2 ? GAZMAP_ROLE_ORGANISATION : GAZMAP_ROLE_LOCATION;
  }
  return m;
}

/* One highlight per place, weight = mentions (of every role), most
 * mentioned first, ties by id, whatever the order of the text. */
START_TEST(counts_and_orders) {
  static const char *const ids[] = {"sugovushan", "aghdam", "shusha",   "aghdam",
                                    "shusha",     "aghdam", "khojavend"};
  gazmap_report_mention *m = mentions_of(ids, 7);
  gazmap_highlight *h = NULL;
  size_t n = 0;
  ck_assert_int_eq(gazmap_highlights_from_mentions(m, 7, &h, &n), 0);
  ck_assert_uint_eq(n, 4);
  ck_assert_str_eq(gazmap_place_id(h[0].place), "aghdam");
  ck_assert_double_eq(h[0].weight, 3);
  ck_assert_str_eq(gazmap_place_id(h[1].place), "shusha");
  ck_assert_double_eq(h[1].weight, 2);
  /* sugovushan and khojavend tie at one mention: by id, not text order. */
  ck_assert_str_eq(gazmap_place_id(h[2].place), "khojavend");
  ck_assert_str_eq(gazmap_place_id(h[3].place), "sugovushan");
  ck_assert_double_eq(h[3].weight, 1);
  free(h);
  free(m);
}
END_TEST

/* The streamed set gives the same list as the one-shot function, and may
 * be read, added to and read again. */
START_TEST(set_matches_batch) {
  static const char *const ids[] = {"shusha", "nakhchivan", "shusha"};
  gazmap_highlight_set *s = NULL;
  const gazmap_highlight *h;
  size_t n, i;
  ck_assert_int_eq(gazmap_highlight_set_new(&s), 0);
  for (i = 0; i < 3; i++) {
    ck_assert_int_eq(gazmap_highlight_set_add(s, place(ids[i])), 0);
  }
  gazmap_highlight_set_get(s, &h, &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_str_eq(gazmap_place_id(h[0].place), "shusha");
  ck_assert_int_eq(gazmap_highlight_set_add(s, place("nakhchivan")), 0);
  ck_assert_int_eq(gazmap_highlight_set_add(s, place("nakhchivan")), 0);
  gazmap_highlight_set_get(s, &h, &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_str_eq(gazmap_place_id(h[0].place), "nakhchivan");
  ck_assert_double_eq(h[0].weight, 3);
  ck_assert_double_eq(h[1].weight, 2);
  ck_assert_int_eq(gazmap_highlight_set_add(s, NULL), GAZMAP_EINVAL);
  gazmap_highlight_set_free(s);
}
END_TEST

/* Every place of the bundled gazetteer (hundreds), five times: the table
 * grows many times and nothing is lost or counted twice. */
START_TEST(grows) {
  gazmap_gazetteer *big = NULL;
  gazmap_highlight_set *s = NULL;
  const gazmap_highlight *h;
  size_t n, i, k, count;
  ck_assert_int_eq(gazmap_gazetteer_open(&big, NULL), 0);
  count = gazmap_gazetteer_count(big);
  ck_assert_uint_gt(count, 100);
  ck_assert_int_eq(gazmap_highlight_set_new(&s), 0);
  for (k = 0; k < 5; k++) {
    for (i = 0; i < count; i++) {
      ck_assert_int_eq(gazmap_highlight_set_add(s, gazmap_gazetteer_at(big, i)), 0);
    }
  }
  gazmap_highlight_set_get(s, &h, &n);
  ck_assert_uint_eq(n, count);
  for (i = 0; i < n; i++) {
    ck_assert_double_eq(h[i].weight, 5);
    if (i) {
      ck_assert_int_lt(strcmp(gazmap_place_id(h[i - 1].place), gazmap_place_id(h[i].place)), 0);
    }
  }
  gazmap_highlight_set_free(s);
  gazmap_gazetteer_free(big);
}
END_TEST

START_TEST(empty) {
  gazmap_highlight *h = NULL;
  size_t n = 7;
  ck_assert_int_eq(gazmap_highlights_from_mentions(NULL, 0, &h, &n), 0);
  ck_assert_ptr_nonnull(h);
  ck_assert_uint_eq(n, 0);
  free(h);
  gazmap_highlight_set_free(NULL);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(counts_and_orders), TU_TEST(set_matches_batch), TU_TEST(grows),
                     TU_TEST(empty)};
  tu_tcase tc = {.name = "aggregation", .tests = TU_TESTS(tests)};
  int status;
  if (gazmap_gazetteer_open(&g, tu_test_path("data/mini.tsv")) < 0) {
    fprintf(stderr, "cannot open mini.tsv: %s\n", gazmap_error_last()->message);
    return 1;
  }
  status = tu_main("highlight", &tc, 1);
  gazmap_gazetteer_free(g);
  return status;
}
