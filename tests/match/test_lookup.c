/* Lookup: the spelling -> place table (tests/data/lookup_cases.tsv) against
 * the bundled gazetteer, and the ranking, filters and layers on a fixture. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lookup_case {
  unsigned long line;
  char *query, *id, *kind; /* kind may be NULL: any match kind */
} lookup_case;

static lookup_case *cases;
static size_t ncases;
static char *cases_text;
static gazmap_gazetteer *bundled, *mini;

/* Reads the case table once, before the suite forks its tests. */
static int read_cases(void) {
  char *line, *next;
  unsigned long lineno = 0;
  size_t cap = 0;
  cases_text = tu_read_file(tu_test_path("data/lookup_cases.tsv"), NULL);
  if (!cases_text) {
    return -1;
  }
  for (line = cases_text; *line; line = next) {
    char *f[3] = {NULL, NULL, NULL};
    char *p = line, *nl = strchr(line, '\n');
    size_t k = 0;
    next = nl ? nl + 1 : line + strlen(line);
    if (nl) {
      *nl = '\0';
    }
    lineno++;
    if (*line == '#' || *line == '\0') {
      continue;
    }
    f[k++] = p;
    while ((p = strchr(p, '\t')) && k < 3) {
      *p++ = '\0';
      f[k++] = p;
    }
    if (k < 2) {
      fprintf(stderr, "lookup_cases.tsv:%lu: expected query<TAB>id\n", lineno);
      return -1;
    }
    if (ncases == cap) {
      lookup_case *nc;
      cap = cap ? cap * 2 : 128;
      nc = realloc(cases, cap * sizeof *nc);
      if (!nc) {
        return -1;
      }
      cases = nc;
    }
    cases[ncases].line = lineno;
    cases[ncases].query = f[0];
    cases[ncases].id = f[1];
    cases[ncases].kind = k > 2 ? f[2] : NULL;
    ncases++;
  }
  return 0;
}

static void open_bundled(void) {
  ck_assert_msg(gazmap_gazetteer_open(&bundled, NULL) == 0, "bundled gazetteer: %s",
                gazmap_error_last()->message);
}

static void close_bundled(void) {
  gazmap_gazetteer_free(bundled);
  bundled = NULL;
}

START_TEST(spelling_finds_place) {
  const lookup_case *c = &cases[_i];
  gazmap_match m[8];
  size_t n = 0;
  int rc = gazmap_lookup(bundled, c->query, strlen(c->query), NULL, m, 8, &n);
  ck_assert_int_eq(rc, 0);
  ck_assert_msg(n > 0, "line %lu: \"%s\" matched nothing, expected %s", c->line, c->query, c->id);
  ck_assert_msg(!strcmp(gazmap_place_id(m[0].place), c->id),
                "line %lu: \"%s\" -> %s (%s on \"%s\"), expected %s", c->line, c->query,
                gazmap_place_id(m[0].place), gazmap_match_kind_name(m[0].kind), m[0].name->text,
                c->id);
  if (c->kind) {
    ck_assert_msg(!strcmp(gazmap_match_kind_name(m[0].kind), c->kind),
                  "line %lu: \"%s\" matched %s as %s, expected %s", c->line, c->query, c->id,
                  gazmap_match_kind_name(m[0].kind), c->kind);
  }
}
END_TEST

static void open_mini(void) {
  ck_assert_int_eq(gazmap_gazetteer_open(&mini, tu_test_path("data/mini.tsv")), 0);
}

static void close_mini(void) {
  gazmap_gazetteer_free(mini);
  mini = NULL;
}

static size_t look(const char *q, const gazmap_lookup_opts *o, gazmap_match *m, size_t cap) {
  size_t n = 0;
  ck_assert_int_eq(gazmap_lookup(mini, q, strlen(q), o, m, cap, &n), 0);
  return n;
}

START_TEST(homonyms_both_returned_ranked) {
  gazmap_match m[8];
  size_t n = look("Martuni", NULL, m, 8);
  ck_assert_uint_eq(n, 2);
  /* Both are exact; the one named in the text ranks first. */
  ck_assert_str_eq(gazmap_place_id(m[0].place), "khojavend");
  ck_assert_str_eq(gazmap_place_id(m[1].place), "martuni-gegharkunik");
  ck_assert_int_eq(m[0].kind, GAZMAP_MATCH_EXACT);
  ck_assert_int_eq(m[1].kind, GAZMAP_MATCH_EXACT);
  ck_assert(m[0].score >= m[1].score);
}
END_TEST

START_TEST(town_outranks_district) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n;
  /* The district answers to "Aghdam" through "Aghdam District" without its
   * generic word; the town, named so exactly, comes first. */
  o.stop_at_first_kind = 0;
  n = look("Aghdam", &o, m, 8);
  ck_assert_uint_eq(n, 2);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "aghdam");
  ck_assert_str_eq(gazmap_place_id(m[1].place), "aghdam-district");
  o.stop_at_first_kind = 1;
  o.kinds = 1u << GAZMAP_KIND_DISTRICT;
  n = look("Aghdam", &o, m, 8);
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "aghdam-district");
}
END_TEST

START_TEST(country_filter) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n;
  o.country = "AM";
  n = look("Martuni", &o, m, 8);
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "martuni-gegharkunik");
  o.country = "GE";
  ck_assert_uint_eq(look("Martuni", &o, m, 8), 0);
}
END_TEST

START_TEST(layers_in_order) {
  gazmap_lookup_opts all = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n;
  all.stop_at_first_kind = 0;
  /* Without stopping at the first layer every candidate is listed, each
   * place once with its best match. */
  n = look("Ağdam", &all, m, 8);
  ck_assert_uint_ge(n, 2);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "aghdam");
  ck_assert_int_eq(m[0].kind, GAZMAP_MATCH_EXACT);
  ck_assert_str_eq(gazmap_place_id(m[1].place), "aghdam-district");
  ck_assert_int_eq(m[1].kind, GAZMAP_MATCH_FOLDED);
  ck_assert(m[0].score > m[1].score);
  ck_assert(m[1].score > 0 && m[0].score <= 1);
}
END_TEST

START_TEST(fuzzy_reports_distance) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n = look("Sugobushan", NULL, m, 8);
  ck_assert_uint_eq(n, 1);
  ck_assert_int_eq(m[0].kind, GAZMAP_MATCH_FUZZY);
  ck_assert_int_eq(m[0].distance, 1);
  o.fuzzy = 0;
  ck_assert_uint_eq(look("Sugobushan", &o, m, 8), 0);
}
END_TEST

START_TEST(short_names_never_fuzzy) {
  gazmap_match m[8];
  /* "Shushq" is one letter from Shusha, but its skeleton has 3 consonants. */
  ck_assert_uint_eq(look("Shushq", NULL, m, 8), 0);
  ck_assert_uint_eq(look("Tuza", NULL, m, 8), 0);
}
END_TEST

START_TEST(prefix_for_autocomplete) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n;
  o.prefix = 1;
  n = look("Nakh", &o, m, 8);
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "nakhchivan");
  ck_assert_int_eq(m[0].kind, GAZMAP_MATCH_PREFIX);
  ck_assert_uint_eq(look("Nakh", NULL, m, 8), 0);
}
END_TEST

START_TEST(invalid_utf8_query) {
  gazmap_match m[8];
  size_t n = 9;
  ck_assert_int_eq(gazmap_lookup(mini, "Sh\xffsha", 7, NULL, m, 8, &n), GAZMAP_EUTF8);
  ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(nothing_matches_nonsense) {
  gazmap_match m[8];
  ck_assert_uint_eq(look("Atlantis", NULL, m, 8), 0);
  ck_assert_uint_eq(look("", NULL, m, 8), 0);
  ck_assert_uint_eq(look(" ,.; ", NULL, m, 8), 0);
}
END_TEST

START_TEST(scores_follow_ranking) {
  /* Every layer at once, fuzzy and prefix included: scores never increase
   * down the ranked list, and stay within 0..1. */
  static const char *const queries[] = {"Agdam", "Nakh", "Shusha", "Martun", "Sugobushan", "Kara"};
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[32];
  size_t q, i, n;
  o.stop_at_first_kind = 0;
  o.prefix = 1;
  for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
    ck_assert_int_eq(gazmap_lookup(bundled, queries[q], strlen(queries[q]), &o, m, 32, &n), 0);
    for (i = 0; i < n; i++) {
      ck_assert(m[i].score > 0 && m[i].score <= 1);
      ck_assert_msg(i == 0 || m[i].score <= m[i - 1].score,
                    "\"%s\": result %zu (%s, %s) scores %.3f above result %zu (%.3f)", queries[q],
                    i, gazmap_place_id(m[i].place), gazmap_match_kind_name(m[i].kind), m[i].score,
                    i - 1, m[i - 1].score);
    }
  }
}
END_TEST

START_TEST(cap_limits_results) {
  gazmap_match m[1];
  ck_assert_uint_eq(look("Martuni", NULL, m, 1), 1);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "khojavend");
}
END_TEST

int main(void) {
  int status;
  if (read_cases() < 0 || ncases < 80) {
    fprintf(stderr, "lookup_cases.tsv: unreadable or fewer than 80 cases (%zu)\n", ncases);
    return 1;
  }
  {
    tu_test table[] = {TU_LOOP(spelling_finds_place, ncases), TU_TEST(scores_follow_ranking)};
    tu_test rank[] = {TU_TEST(homonyms_both_returned_ranked),
                      TU_TEST(town_outranks_district),
                      TU_TEST(country_filter),
                      TU_TEST(layers_in_order),
                      TU_TEST(fuzzy_reports_distance),
                      TU_TEST(short_names_never_fuzzy),
                      TU_TEST(prefix_for_autocomplete),
                      TU_TEST(invalid_utf8_query),
                      TU_TEST(nothing_matches_nonsense),
                      TU_TEST(cap_limits_results)};
    tu_tcase tcases[] = {
        {"cases", TU_TESTS(table), 0, NULL, NULL, open_bundled, close_bundled},
        {"ranking", TU_TESTS(rank), 0, NULL, NULL, open_mini, close_mini},
    };
    status = tu_main("lookup", TU_TESTS(tcases));
  }
  free(cases);
  free(cases_text);
  return status;
}
