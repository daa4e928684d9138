/* Layered gazetteers (issue 11) and the loaders' validation (issue 14):
 * layers under the bundled data, merging, import filters, ranking by region
 * of interest, refusals, and the rows the loaders must refuse by name.
 * tests/gazetteer/data/world.txt holds six rows of GeoNames' cities500 dump
 * (CC BY 4.0, geonames.org), alternate names shortened. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "refusals.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Rows the loaders must refuse: the code, the line named and a word of the
 * reason. */
static const refusal refused[] = {
    {"gazetteer/data/geonames-dup.txt", GAZMAP_EPARSE, 2,
     "duplicate geonameid 148619 (first on line 1)"},
    {"gazetteer/data/geonames-country.txt", GAZMAP_EPARSE, 1, "country code '<s>'"},
    {"gazetteer/data/geonames-nul.txt", GAZMAP_EPARSE, 1, "NUL byte at byte"},
    {"gazetteer/data/nul.tsv", GAZMAP_EPARSE, 2, "NUL byte at byte"},
    {"gazetteer/data/district-self.tsv", GAZMAP_EPARSE, 2, "district 'shusha' is the row itself"},
    {"gazetteer/data/district-cycle.tsv", GAZMAP_EPARSE, 2,
     "districts form a cycle: d-one -> d-two -> d-one"},
};

START_TEST(loader_refuses) {
  gazmap_gazetteer *g = NULL;
  int rc = gazmap_gazetteer_open(&g, tu_test_path(refused[_i].file));
  check_refusal(&refused[_i], rc, g);
}
END_TEST

static void count_problem(void *ud, const char *file, unsigned long line, const char *msg) {
  (void)file;
  (void)line;
  if (strstr(msg, "cycle")) {
    ++*(int *)ud;
  }
}

/* `check` reports the cycle once, not once per row of it. */
START_TEST(check_reports_cycle_once) {
  int cycles = 0;
  int n = gazmap_gazetteer_check(tu_test_path("gazetteer/data/district-cycle.tsv"), count_problem,
                                 &cycles);
  ck_assert_int_eq(n, 1);
  ck_assert_int_eq(cycles, 1);
}
END_TEST

static const char *world(void) {
  return tu_test_path("gazetteer/data/world.txt");
}

/* Opens world.txt as a layer (under the bundled data unless no_bundled). */
static gazmap_gazetteer *open_world(int no_bundled, const char *countries, unsigned classes,
                                    int64_t min_pop) {
  gazmap_layers_opts o = GAZMAP_LAYERS_OPTS_INIT;
  const char *files[1];
  gazmap_gazetteer *g = NULL;
  int rc;
  files[0] = world();
  o.files = files;
  o.nfiles = 1;
  o.no_bundled = no_bundled;
  o.countries = countries;
  o.classes = classes;
  o.min_population = min_pop;
  rc = gazmap_gazetteer_open_layers(&g, &o);
  ck_assert_msg(rc == 0, "open_layers: %d %s", rc, gazmap_error_last()->message);
  return g;
}

/* The best match's id for `q`, or "" when nothing matched. */
static const char *best(gazmap_gazetteer *g, const char *q, const gazmap_lookup_opts *o) {
  gazmap_match m[8];
  size_t n = 0;
  ck_assert_int_eq(gazmap_lookup(g, q, strlen(q), o, m, 8, &n), 0);
  return n ? gazmap_place_id(m[0].place) : "";
}

/* A dump's Yerevan has the curated row's GeoNames id: one place, the
 * curated one, which now also answers to the dump's spellings. */
START_TEST(same_geonames_id_merges) {
  gazmap_gazetteer *g = open_world(0, NULL, 0, 0);
  gazmap_gazetteer *b = NULL;
  ck_assert_int_eq(gazmap_gazetteer_open(&b, NULL), 0);
  ck_assert_str_eq(best(g, "Erevano", NULL), "yerevan");
  ck_assert_ptr_null(gazmap_gazetteer_find_id(g, "gn-616052"));
  ck_assert_ptr_null(gazmap_gazetteer_find_id(g, "gn-174895"));
  /* Four of the six rows are new places (Goris and Yerevan merged). */
  ck_assert_uint_eq(gazmap_gazetteer_count(g), gazmap_gazetteer_count(b) + 4);
  ck_assert_int_eq(gazmap_place_curated(gazmap_gazetteer_find_id(g, "yerevan")), 1);
  ck_assert_int_eq(gazmap_place_curated(gazmap_gazetteer_find_id(g, "gn-614455")), 0);
  gazmap_gazetteer_free(b);
  gazmap_gazetteer_free(g);
}
END_TEST

/* Gori lists "Goris" among its alternate names and has more people; the
 * place whose own name is Goris wins, with or without the bundled data. */
START_TEST(goris_is_goris) {
  gazmap_gazetteer *g = open_world(1, NULL, 0, 0);
  ck_assert_str_eq(best(g, "Goris", NULL), "gn-174895");
  gazmap_gazetteer_free(g);
  g = open_world(0, NULL, 0, 0);
  ck_assert_str_eq(best(g, "Goris", NULL), "goris");
  gazmap_gazetteer_free(g);
}
END_TEST

START_TEST(import_filters) {
  gazmap_gazetteer *g = open_world(1, "AM,GE", 0, 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 3);
  gazmap_gazetteer_free(g);
  g = open_world(1, NULL, 0, 1000000);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 3); /* Singapore, Yerevan, Karaj */
  gazmap_gazetteer_free(g);
  g = open_world(1, NULL, GAZMAP_CLASS_HYDRO, 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 0);
  gazmap_gazetteer_free(g);
}
END_TEST

START_TEST(class_words) {
  unsigned c = 0;
  ck_assert_int_eq(gazmap_class_parse("P,administrative", &c), 0);
  ck_assert_uint_eq(c, GAZMAP_CLASS_POPULATED | GAZMAP_CLASS_ADMIN);
  ck_assert_int_lt(gazmap_class_parse("P,forest", &c), 0);
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->message, "'forest'"));
}
END_TEST

/* Lookup options with the region of interest around `lat`, `lon`. */
static gazmap_lookup_opts near_opts(double lat, double lon) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  o.has_near = 1;
  o.near_lat = lat;
  o.near_lon = lon;
  return o;
}

/* "Gorris" is a skeleton match of Goris and of Gori's "Goris": the region
 * of interest decides. */
START_TEST(region_of_interest_ranks_skeletons) {
  gazmap_gazetteer *g = open_world(1, NULL, 0, 0);
  gazmap_lookup_opts armenia = near_opts(39.51, 46.34), georgia = near_opts(41.98, 44.12);
  ck_assert_str_eq(best(g, "Gorris", &armenia), "gn-174895");
  ck_assert_str_eq(best(g, "Gorris", &georgia), "gn-614455");
  gazmap_gazetteer_free(g);
}
END_TEST

/* A loose match half the world away from the region is refused at the
 * default confidence, and shown when the user lowers it. */
START_TEST(far_loose_match_refused) {
  gazmap_gazetteer *g = open_world(1, NULL, 0, 0);
  gazmap_lookup_opts o = near_opts(39.5, 46.3);
  o.min_score = 0.5;
  ck_assert_str_eq(best(g, "Singapoore", &o), "");
  o.min_score = 0;
  ck_assert_str_eq(best(g, "Singapoore", &o), "gn-1880252");
  /* An exact name is never refused, however far. */
  o.min_score = 1;
  ck_assert_str_eq(best(g, "Singapore", &o), "gn-1880252");
  gazmap_gazetteer_free(g);
}
END_TEST

/* 200,000 alternate names of one place load in linear time: quadratic
 * deduplication took minutes for this (issue 14 saw 20 s for 300,000). */
START_TEST(many_alternate_names_linear) {
  const size_t nalt = 200000;
  char *dir = tu_temp_dir(), *gpath = NULL, *apath = NULL;
  FILE *f;
  size_t i;
  gazmap_gazetteer *g = NULL;
  struct timespec t0, t1;
  double secs;
  ck_assert_ptr_nonnull(dir);
  ck_assert_int_ge(asprintf(&gpath, "%s/one.txt", dir), 0);
  ck_assert_int_ge(asprintf(&apath, "%s/alt.txt", dir), 0);
  f = fopen(gpath, "w");
  ck_assert_ptr_nonnull(f);
  /* Goris's row of world.txt, without its alternate names. */
  fputs("174895\tGoris\tGoris\t\t39.51111\t46.34168\tP\tPPL\tAM\t\t09\t\t\t\t20379\t\t1390\t"
        "Asia/Yerevan\t2023-01-01\n",
        f);
  fclose(f);
  f = fopen(apath, "w");
  ck_assert_ptr_nonnull(f);
  for (i = 0; i < nalt; i++) {
    fprintf(f, "%zu\t174895\tund\tName%zu\t\t\t\t\t\t\n", i + 1, i);
  }
  fclose(f);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ck_assert_int_eq(gazmap_gazetteer_load_geonames(&g, gpath, apath), 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  ck_assert_uint_eq(gazmap_place_name_count(gazmap_gazetteer_at(g, 0)), nalt + 1);
  ck_assert_msg(secs < 10.0, "200000 alternate names took %.1f s", secs);
  gazmap_gazetteer_free(g);
  remove(gpath);
  remove(apath);
  remove(dir);
  free(gpath);
  free(apath);
  free(dir);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(loader_refuses, refused),
                     TU_TEST(check_reports_cycle_once),
                     TU_TEST(same_geonames_id_merges),
                     TU_TEST(goris_is_goris),
                     TU_TEST(import_filters),
                     TU_TEST(class_words),
                     TU_TEST(region_of_interest_ranks_skeletons),
                     TU_TEST(far_loose_match_refused),
                     TU_TEST(many_alternate_names_linear)};
  return tu_main_tests("layers", 0, TU_TESTS(tests));
}
