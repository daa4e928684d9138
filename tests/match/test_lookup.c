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
  if (!strcmp(c->id, "-")) {
    /* A spelling that must be refused rather than taken for a far-fetched place. */
    ck_assert_msg(n == 0, "line %lu: \"%s\" -> %s (%s on \"%s\"), expected nothing", c->line,
                  c->query, n ? gazmap_place_id(m[0].place) : "",
                  n ? gazmap_match_kind_name(m[0].kind) : "", n ? m[0].name->text : "");
    return;
  }
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

/* The ranking, filters and layers on the fixture, one lookup a row: the
 * query and its options (every layer rather than the first that matches,
 * kinds and country filters, fuzzy matching off, prefixes on, a smaller
 * cap), how many results (exactly, or at least), the first two ids and match
 * kinds (NULL and GAZMAP_MATCH_NONE: not checked), and what the scores must
 * say: that the first is not below the second (1), or above it with both in
 * (0, 1] (2). */
typedef struct {
  const char *why, *query;
  int all_layers;
  unsigned kinds;
  const char *country;
  int no_fuzzy, prefix;
  size_t cap, n;
  int at_least;
  const char *id[2];
  gazmap_match_kind kind[2];
  int distance, scores;
} rank_case;

static const rank_case rank_cases[] = {
    /* Both Martunis are exact; the one named in the text ranks first. */
    {.why = "homonyms both returned, ranked",
     .query = "Martuni",
     .n = 2,
     .id = {"khojavend", "martuni-gegharkunik"},
     .kind = {GAZMAP_MATCH_EXACT, GAZMAP_MATCH_EXACT},
     .scores = 1},
    {.why = "the cap limits the results",
     .query = "Martuni",
     .cap = 1,
     .n = 1,
     .id = {"khojavend"}},
    /* The district answers to "Aghdam" through "Aghdam District" without its
     * generic word; the town, named so exactly, comes first. */
    {.why = "the town outranks the district",
     .query = "Aghdam",
     .all_layers = 1,
     .n = 2,
     .id = {"aghdam", "aghdam-district"}},
    {.why = "the kinds filter",
     .query = "Aghdam",
     .kinds = 1u << GAZMAP_KIND_DISTRICT,
     .n = 1,
     .id = {"aghdam-district"}},
    {.why = "the country filter",
     .query = "Martuni",
     .country = "AM",
     .n = 1,
     .id = {"martuni-gegharkunik"}},
    {.why = "the country filter, no place", .query = "Martuni", .country = "GE"},
    /* Without stopping at the first layer every candidate is listed, each
     * place once with its best match. */
    {.why = "layers in order",
     .query = "Ağdam",
     .all_layers = 1,
     .n = 2,
     .at_least = 1,
     .id = {"aghdam", "aghdam-district"},
     .kind = {GAZMAP_MATCH_EXACT, GAZMAP_MATCH_FOLDED},
     .scores = 2},
    {.why = "fuzzy reports its distance",
     .query = "Sugobushan",
     .n = 1,
     .kind = {GAZMAP_MATCH_FUZZY},
     .distance = 1},
    {.why = "fuzzy off", .query = "Sugobushan", .no_fuzzy = 1},
    /* "Shushq" is one letter from Shusha, but its skeleton has 3 consonants. */
    {.why = "short names are never fuzzy", .query = "Shushq"},
    {.why = "short names are never fuzzy", .query = "Tuza"},
    {.why = "a prefix for autocomplete",
     .query = "Nakh",
     .prefix = 1,
     .n = 1,
     .id = {"nakhchivan"},
     .kind = {GAZMAP_MATCH_PREFIX}},
    {.why = "no prefix unless asked", .query = "Nakh"},
    {.why = "nothing matches nonsense", .query = "Atlantis"},
    {.why = "nothing matches nothing", .query = ""},
    {.why = "nothing matches punctuation", .query = " ,.; "},
};

START_TEST(ranking) {
  const rank_case *c = &rank_cases[_i];
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[8];
  size_t n = 0, k;
  o.stop_at_first_kind = !c->all_layers;
  o.kinds = c->kinds ? c->kinds : o.kinds;
  o.country = c->country;
  o.fuzzy = c->no_fuzzy ? 0 : o.fuzzy;
  o.prefix = c->prefix;
  ck_assert_int_eq(gazmap_lookup(mini, c->query, strlen(c->query), &o, m, c->cap ? c->cap : 8, &n),
                   0);
  ck_assert_msg(c->at_least ? n >= c->n : n == c->n, "%s: \"%s\" gave %zu results, expected %s%zu",
                c->why, c->query, n, c->at_least ? "at least " : "", c->n);
  for (k = 0; k < 2 && k < n; k++) {
    if (c->id[k]) {
      ck_assert_msg(!strcmp(gazmap_place_id(m[k].place), c->id[k]), "%s: result %zu is %s, not %s",
                    c->why, k, gazmap_place_id(m[k].place), c->id[k]);
    }
    if (c->kind[k] != GAZMAP_MATCH_NONE) {
      ck_assert_msg(m[k].kind == c->kind[k], "%s: result %zu matched as %s, not %s", c->why, k,
                    gazmap_match_kind_name(m[k].kind), gazmap_match_kind_name(c->kind[k]));
    }
  }
  if (c->distance) {
    ck_assert_int_eq(m[0].distance, c->distance);
  }
  if (c->scores == 1) {
    ck_assert(m[0].score >= m[1].score);
  } else if (c->scores == 2) {
    ck_assert(m[0].score > m[1].score);
    ck_assert(m[1].score > 0 && m[0].score <= 1);
  }
}
END_TEST

START_TEST(invalid_utf8_query) {
  gazmap_match m[8];
  size_t n = 9;
  ck_assert_int_eq(gazmap_lookup(mini, "Sh\xffsha", 7, NULL, m, 8, &n), GAZMAP_EUTF8);
  ck_assert_uint_eq(n, 0);
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

int main(void) {
  int status;
  if (read_cases() < 0 || ncases < 80) {
    fprintf(stderr, "lookup_cases.tsv: unreadable or fewer than 80 cases (%zu)\n", ncases);
    return 1;
  }
  {
    tu_test table[] = {TU_LOOP(spelling_finds_place, ncases), TU_TEST(scores_follow_ranking)};
    tu_test rank[] = {TU_ROWS(ranking, rank_cases), TU_TEST(invalid_utf8_query)};
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
