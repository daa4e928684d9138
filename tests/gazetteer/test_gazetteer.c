/* Loading gazetteers: every malformed case names the right error and line;
 * the GeoNames loader, format detection, checking and the accessors. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "refusals.h"
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each malformed fixture in tests/data/bad/, the error it must give, the line
 * it must name, and a word of the reason. */
static const refusal bad_cases[] = {
    {"data/bad/header.tsv", GAZMAP_EPARSE, 2, "header"},
    {"data/bad/columns.tsv", GAZMAP_EPARSE, 3, "expected 13 tab-separated columns, found 12"},
    {"data/bad/lat.tsv", GAZMAP_EPARSE, 3, "latitude '91.5'"},
    {"data/bad/lon.tsv", GAZMAP_EPARSE, 3, "longitude 'east'"},
    {"data/bad/dup-id.tsv", GAZMAP_EPARSE, 5, "duplicate id 'shusha' (first on line 2)"},
    {"data/bad/kind.tsv", GAZMAP_EPARSE, 3, "unknown kind 'hamlet'"},
    {"data/bad/lang.tsv", GAZMAP_EPARSE, 3, "language tag 'EN'"},
    {"data/bad/flag.tsv", GAZMAP_EPARSE, 3, "unknown name flag '+old'"},
    {"data/bad/district.tsv", GAZMAP_EPARSE, 3, "district 'tavush-province'"},
    {"data/bad/utf8.tsv", GAZMAP_EUTF8, 3, "invalid UTF-8"},
    {"data/bad/id.tsv", GAZMAP_EPARSE, 3, "id 'Berd Town'"},
    {"data/bad/country.tsv", GAZMAP_EPARSE, 3, "country 'ARM'"},
    {"data/bad/population.tsv", GAZMAP_EPARSE, 3, "population '-8000'"},
    {"data/bad/names.tsv", GAZMAP_EPARSE, 3, "not lang:Name"},
    {"data/bad/empty.tsv", GAZMAP_EPARSE, 2, "not a gazetteer"},
    {"data/bad/geonames_columns.txt", GAZMAP_EPARSE, 2, "expected 19 tab-separated columns"},
    {"data/bad/geonames_lat.txt", GAZMAP_EPARSE, 2, "out of range"},
};

START_TEST(malformed_file) {
  gazmap_gazetteer *g = (gazmap_gazetteer *)1;
  const char *path = tu_test_path(bad_cases[_i].file);
  int rc = strstr(path, ".tsv") && strcmp(bad_cases[_i].file, "data/bad/empty.tsv")
               ? gazmap_gazetteer_load_tsv(&g, path)
               : gazmap_gazetteer_open(&g, path);
  check_refusal(&bad_cases[_i], rc, g);
}
END_TEST

START_TEST(overlong_line) {
  size_t n = 70000;
  char *text = malloc(n + 512), *path;
  gazmap_gazetteer *g = NULL;
  int len = snprintf(text, 512,
                     "id\tname\tkind\tlat\tlon\tcountry\tdistrict\tpopulation\tgeonames_id\t"
                     "coord_source\tnames\ttags\tnote\nberd\tBerd\ttown\t40\t45\tAM\t\t\t\tmanual"
                     "\ten:Berd\t\t");
  memset(text + len, 'x', n);
  text[len + n] = '\n';
  path = tu_write_temp(text, (size_t)len + n + 1, ".tsv");
  ck_assert_int_eq(gazmap_gazetteer_load_tsv(&g, path), GAZMAP_ERANGE);
  ck_assert_uint_eq(gazmap_error_last()->line, 2);
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->message, "limit"));
  unlink(path);
  free(path);
  free(text);
}
END_TEST

START_TEST(absurd_file_size) {
  /* A sparse file: large on paper, costing no disk. */
  char *path = tu_write_temp("", 0, ".tsv");
  gazmap_gazetteer *g = NULL;
  int fd = open(path, O_WRONLY);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(ftruncate(fd, (off_t)65 * 1024 * 1024 + 1), 0);
  close(fd);
  ck_assert_int_eq(gazmap_gazetteer_load_tsv(&g, path), GAZMAP_ERANGE);
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->message, "limit"));
  unlink(path);
  free(path);
}
END_TEST

START_TEST(missing_file) {
  gazmap_gazetteer *g = NULL;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, tu_test_path("data/no-such-file.tsv")), GAZMAP_EIO);
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->file, "no-such-file"));
}
END_TEST

START_TEST(not_a_gazetteer) {
  gazmap_gazetteer *g = NULL;
  char *path = tu_write_temp("# notes\nhello world\n", 20, ".txt");
  ck_assert_int_eq(gazmap_gazetteer_open(&g, path), GAZMAP_EPARSE);
  ck_assert_uint_eq(gazmap_error_last()->line, 2);
  unlink(path);
  free(path);
}
END_TEST

typedef struct seen {
  int n;
  unsigned long lines[16];
  char messages[16][256];
} seen;

static void record(void *ud, const char *file, unsigned long line, const char *message) {
  seen *s = ud;
  (void)file;
  if (s->n < 16) {
    s->lines[s->n] = line;
    snprintf(s->messages[s->n], sizeof s->messages[0], "%s", message);
  }
  s->n++;
}

START_TEST(check_reports_every_problem) {
  seen s;
  int i, n;
  /* Line 2: bad id, kind and latitude; 3: bad language tag; 5: unknown
   * district (reported after the rows); 6: bad UTF-8. */
  static const unsigned long want[] = {2, 2, 2, 3, 6, 5};
  memset(&s, 0, sizeof s);
  n = gazmap_gazetteer_check(tu_test_path("data/bad/many.tsv"), record, &s);
  ck_assert_int_eq(n, 6);
  ck_assert_int_eq(s.n, 6);
  for (i = 0; i < 6; i++) {
    ck_assert_msg(s.lines[i] == want[i], "problem %d on line %lu, expected %lu: %s", i, s.lines[i],
                  want[i], s.messages[i]);
  }
}
END_TEST

START_TEST(check_clean_file) {
  seen s;
  memset(&s, 0, sizeof s);
  ck_assert_int_eq(gazmap_gazetteer_check(tu_test_path("data/mini.tsv"), record, &s), 0);
  ck_assert_int_eq(s.n, 0);
}
END_TEST

START_TEST(bundled_gazetteer_is_valid) {
  char *path = gazmap_data_path("gazetteer.tsv");
  seen s;
  ck_assert_ptr_nonnull(path);
  memset(&s, 0, sizeof s);
  ck_assert_msg(gazmap_gazetteer_check(path, record, &s) == 0, "%s: line %lu: %s", path, s.lines[0],
                s.messages[0]);
  free(path);
}
END_TEST

START_TEST(tsv_accessors) {
  gazmap_gazetteer *g = NULL;
  const gazmap_place *p, *d;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, tu_test_path("data/mini.tsv")), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 8);
  p = gazmap_gazetteer_find_id(g, "aghdam");
  ck_assert_ptr_nonnull(p);
  ck_assert_str_eq(gazmap_place_name(p), "Aghdam");
  ck_assert_int_eq(gazmap_place_kind(p), GAZMAP_KIND_TOWN);
  ck_assert_str_eq(gazmap_place_country(p), "AZ");
  ck_assert_str_eq(gazmap_place_district(p), "aghdam-district");
  ck_assert_int_eq(gazmap_place_population(p), -1);
  ck_assert_int_eq(gazmap_place_geonames_id(p), 148619);
  ck_assert_str_eq(gazmap_place_source(p), "geonames:148619");
  ck_assert_str_eq(gazmap_place_note(p), "ruined town");
  ck_assert_int_eq(gazmap_place_has_tag(p, "admin"), 1);
  ck_assert_int_eq(gazmap_place_has_tag(p, "adm"), 0);
  ck_assert_uint_eq(gazmap_place_name_count(p), 5);
  ck_assert_str_eq(gazmap_place_name_at(p, 3)->lang, "hy");
  ck_assert_uint_eq(gazmap_place_name_at(p, 3)->flags, GAZMAP_NAME_UNOFFICIAL);
  ck_assert_str_eq(gazmap_place_name_in(p, "az"), "Ağdam");
  ck_assert_str_eq(gazmap_place_name_in(p, "hy-Latn"), "Akna");
  ck_assert_str_eq(gazmap_place_name_in(p, "fr"), "Aghdam");
  ck_assert_str_eq(gazmap_place_name_in(p, NULL), "Aghdam");
  ck_assert_str_eq(gazmap_place_name_in(p, ""), "Aghdam");
  d = gazmap_gazetteer_find_id(g, "aghdam-district");
  ck_assert_msg(gazmap_place_importance(p) > gazmap_place_importance(d),
                "a town must outrank the district of the same name");
  ck_assert_ptr_null(gazmap_gazetteer_find_id(g, "atlantis"));
  /* The canonical name is listed even though the names column omits it. */
  p = gazmap_gazetteer_find_id(g, "wp-1");
  ck_assert_uint_eq(gazmap_place_name_count(p), 1);
  ck_assert_str_eq(gazmap_place_name_at(p, 0)->text, "Waypoint one");
  p = gazmap_gazetteer_find_id(g, "sugovushan");
  ck_assert_str_eq(gazmap_place_name_in(p, "ru"), "Магадиз");
  ck_assert_uint_eq(gazmap_place_name_at(p, 5)->flags, GAZMAP_NAME_HISTORICAL);
  gazmap_gazetteer_free(g);
}
END_TEST

/* Who uses which name (data/README.md): each names-column entry, the
 * description gazmap_name_usage gives its second name, or the problem the
 * loader reports for line 3 of the file. */
typedef struct usage_case {
  const char *entry;
  const char *want; /* description, or the problem's text when bad */
  int bad;
} usage_case;

static const usage_case usage_cases[] = {
    {"en:X|en+hist@SU=1923-1991;NKR;MEDIA:Y",
     "official in the Soviet period (1923-1991); used by the Armenian authorities of Karabakh "
     "(1991-2023); common in the media",
     0},
    {"en:X|az@AZ=1991-:Y", "official in Azerbaijan since 1991", 0},
    {"en:X|hy-Latn+unof@NKR=1992-2022:Y", "used by the Armenian authorities of Karabakh (1992-2022)",
     0},
    {"en:X|en@AM:Y", "official in Armenia", 0},
    {"en:X|ru:Y", "", 0},
    {"en:X|en@XX:Y", "name 'Y': unknown usage 'XX'", 1},
    {"en:X|en@SU=1991-1923:Y", "name 'Y': usage period '1991-1923' is not YYYY-YYYY or YYYY-", 1},
    {"en:X|en@SU=19x1-:Y", "usage period '19x1-'", 1},
    {"en:X|en@SU;:Y", "usage list ends with ';'", 1},
};

START_TEST(name_usage) {
  const usage_case *c = &usage_cases[_i];
  char text[1024], desc[512], *path;
  gazmap_gazetteer *g = NULL;
  int n = snprintf(text, sizeof text,
                   "id\tname\tkind\tlat\tlon\tcountry\tdistrict\tpopulation\tgeonames_id\t"
                   "coord_source\tnames\ttags\tnote\n\n"
                   "x\tX\ttown\t40\t46\tAZ\t\t\t\tmanual\t%s\t\tnote\n",
                   c->entry);
  path = tu_write_temp(text, (size_t)n, ".tsv");
  if (c->bad) {
    ck_assert_int_eq(gazmap_gazetteer_open(&g, path), GAZMAP_EPARSE);
    ck_assert_uint_eq(gazmap_error_last()->line, 3);
    ck_assert_msg(strstr(gazmap_error_last()->message, c->want) != NULL, "'%s' lacks '%s'",
                  gazmap_error_last()->message, c->want);
  } else {
    const gazmap_place *p;
    size_t len;
    ck_assert_int_eq(gazmap_gazetteer_open(&g, path), 0);
    p = gazmap_gazetteer_find_id(g, "x");
    len = gazmap_name_usage(gazmap_place_name_at(p, 1), desc, sizeof desc);
    ck_assert_str_eq(desc, c->want);
    ck_assert_uint_eq(len, strlen(c->want));
    /* A short buffer gets a truncated, terminated text and the full length. */
    ck_assert_uint_eq(gazmap_name_usage(gazmap_place_name_at(p, 1), desc, 5), len);
    ck_assert_uint_le(strlen(desc), 4);
  }
  gazmap_gazetteer_free(g);
  unlink(path);
  free(path);
}
END_TEST

/* A set of files is one gazetteer: ids are one namespace across files. */
#define SET_HEADER                                                                                 \
  "id\tname\tkind\tlat\tlon\tcountry\tdistrict\tpopulation\tgeonames_id\tcoord_source\tnames\ttags\t" \
  "note\n"

static char *temp_tsv(const char *text) {
  return tu_write_temp(text, strlen(text), ".tsv");
}

START_TEST(set_shares_ids) {
  char *a = temp_tsv(SET_HEADER "d\tD District\tdistrict\t40\t46\tAZ\t\t\t\tmanual\ten:D District\t\tn\n");
  char *b = temp_tsv(SET_HEADER "\nv\tV\tvillage\t40.1\t46.1\tAZ\td\t\t\tmanual\ten:V\t\tn\n");
  const char *paths[2];
  gazmap_gazetteer *g = NULL;
  paths[0] = a;
  paths[1] = b;
  ck_assert_int_eq(gazmap_gazetteer_open_set(&g, paths, 2), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 2);
  ck_assert_str_eq(gazmap_place_district(gazmap_gazetteer_find_id(g, "v")), "d");
  gazmap_gazetteer_free(g);
  /* The same files alone: the village's district is unknown. */
  ck_assert_int_eq(gazmap_gazetteer_open(&g, b), GAZMAP_EPARSE);
  ck_assert_uint_eq(gazmap_error_last()->line, 3);
  /* In the other order the reference is still resolved (checked at the end). */
  paths[0] = b;
  paths[1] = a;
  ck_assert_int_eq(gazmap_gazetteer_open_set(&g, paths, 2), 0);
  gazmap_gazetteer_free(g);
  unlink(a);
  unlink(b);
  free(a);
  free(b);
}
END_TEST

START_TEST(set_problems_name_their_file) {
  char *a = temp_tsv(SET_HEADER "d\tD District\tdistrict\t40\t46\tAZ\t\t\t\tmanual\ten:D District\t\tn\n");
  char *b = temp_tsv(SET_HEADER "d\tD\ttown\t40.1\t46.1\tAZ\t\t\t\tmanual\ten:D\t\tn\n"
                                     "w\tW\tvillage\t40.1\t46.1\tAZ\tnowhere\t\t\tmanual\ten:W\t\tn\n");
  const char *paths[2];
  gazmap_gazetteer *g = NULL;
  seen st;
  paths[0] = a;
  paths[1] = b;
  ck_assert_int_eq(gazmap_gazetteer_open_set(&g, paths, 2), GAZMAP_EPARSE);
  ck_assert_ptr_null(g);
  ck_assert_str_eq(gazmap_error_last()->file, b);
  ck_assert_uint_eq(gazmap_error_last()->line, 2);
  ck_assert_msg(strstr(gazmap_error_last()->message, a) != NULL, "'%s' does not name %s",
                gazmap_error_last()->message, a);
  memset(&st, 0, sizeof st);
  ck_assert_int_eq(gazmap_gazetteer_check_set(paths, 2, record, &st), 2);
  ck_assert_int_eq(st.n, 2);
  ck_assert_msg(strstr(st.messages[1], "nowhere") != NULL, "%s", st.messages[1]);
  unlink(a);
  unlink(b);
  free(a);
  free(b);
}
END_TEST

/* The repository's gazetteer and its region files (data/region/) load as
 * one set with the C loader, as tools/gazetteer/validate checks them. */
START_TEST(repository_set_loads) {
  char dir[4096], *paths[64];
  const char *cpaths[64];
  gazmap_gazetteer *g = NULL;
  glob_t gl;
  size_t n = 0, i;
  snprintf(dir, sizeof dir, "%s/../data/region/*.tsv", tu_test_path("."));
  paths[n++] = strdup(tu_test_path("../data/gazetteer.tsv"));
  ck_assert_int_eq(glob(dir, 0, NULL, &gl), 0);
  for (i = 0; i < gl.gl_pathc && n < 64; i++) {
    paths[n++] = strdup(gl.gl_pathv[i]);
  }
  globfree(&gl);
  for (i = 0; i < n; i++) {
    cpaths[i] = paths[i];
  }
  ck_assert_msg(gazmap_gazetteer_open_set(&g, cpaths, n) == 0, "%s:%lu: %s",
                gazmap_error_last()->file ? gazmap_error_last()->file : "?",
                gazmap_error_last()->line, gazmap_error_last()->message);
  ck_assert_uint_gt(gazmap_gazetteer_count(g), 500);
  gazmap_gazetteer_free(g);
  for (i = 0; i < n; i++) {
    free(paths[i]);
  }
}
END_TEST

START_TEST(geonames_with_altnames) {
  gazmap_gazetteer *g = NULL;
  const gazmap_place *p;
  size_t i;
  int hy = 0;
  /* tu_test_path's buffer is reused, so the first path needs its own copy. */
  char *dump = strdup(tu_test_path("data/geonames_mini.txt"));
  ck_assert_int_eq(gazmap_gazetteer_load_geonames(&g, dump, tu_test_path("data/altnames_mini.txt")),
                   0);
  free(dump);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 5);
  p = gazmap_gazetteer_find_id(g, "gn-148619");
  ck_assert_ptr_nonnull(p);
  ck_assert_str_eq(gazmap_place_name(p), "Aghdam");
  ck_assert_int_eq(gazmap_place_geonames_id(p), 148619);
  ck_assert_str_eq(gazmap_place_name_in(p, "az"), "Ağdam");
  for (i = 0; i < gazmap_place_name_count(p); i++) {
    const gazmap_name *n = gazmap_place_name_at(p, i);
    ck_assert_msg(strncmp(n->text, "https://", 8) != 0, "link pseudo-names are skipped");
    if (!strcmp(n->text, "Ակնա")) {
      hy = 1;
      ck_assert_str_eq(n->lang, "hy");
      ck_assert_uint_eq(n->flags, GAZMAP_NAME_UNOFFICIAL);
    }
  }
  ck_assert_int_eq(hy, 1);
  p = gazmap_gazetteer_find_id(g, "gn-587084");
  ck_assert_int_eq(gazmap_place_kind(p), GAZMAP_KIND_CITY);
  ck_assert_str_eq(gazmap_place_name_in(p, "ru"), "Баку");
  p = gazmap_gazetteer_find_id(g, "gn-174991");
  ck_assert_int_eq(gazmap_place_kind(p), GAZMAP_KIND_RIVER);
  p = gazmap_gazetteer_find_id(g, "gn-148623");
  ck_assert_uint_eq(gazmap_place_name_at(p, 5)->flags, GAZMAP_NAME_HISTORICAL);
  gazmap_gazetteer_free(g);
}
END_TEST

START_TEST(altnames_malformed) {
  gazmap_gazetteer *g = NULL;
  char *dump = strdup(tu_test_path("data/geonames_mini.txt"));
  int rc = gazmap_gazetteer_load_geonames(&g, dump, tu_test_path("data/bad/altnames_columns.txt"));
  free(dump);
  ck_assert_int_eq(rc, GAZMAP_EPARSE);
  ck_assert_ptr_null(g);
  ck_assert_uint_eq(gazmap_error_last()->line, 2);
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->file, "altnames_columns.txt"));
  ck_assert_ptr_nonnull(strstr(gazmap_error_last()->message, "alternateNamesV2"));
}
END_TEST

/* Lines both GeoNames tables refuse before they read a column: row 2 of a
 * table whose row 1 is good.  `bytes` NULL: a line one byte over the limit
 * of a line (1 MiB). */
typedef struct bad_line {
  const char *bytes;
  size_t len;
  int code;
  const char *reason;
} bad_line;

static const bad_line bad_lines[] = {
    {"148619\txA\xff", 10, GAZMAP_EUTF8, "invalid UTF-8 at byte 10 of the line"},
    {"148619\tx\0y", 10, GAZMAP_EPARSE, "NUL byte at byte 9 of the line"},
    {NULL, 1024 * 1024 + 1, GAZMAP_ERANGE, "line is 1048577 bytes long; the limit is 1048576"},
};

/* Row `_i / 2` of bad_lines, in the dump (even _i) or in the alternate
 * names table (odd _i): the load names the file, line 2 and the reason. */
START_TEST(geonames_tables_refuse_bad_lines) {
  static const char good_dump[] =
      "148619\tAghdam\tAghdam\t\t39.99096\t46.92736\tP\tPPLA\tAZ\t\t25\t\t\t\t0\t\t326\t"
      "Asia/Baku\t2023-01-01\n";
  static const char good_alt[] = "1\t148619\taz\tAgdam\t1\t\t\t\t\t\n";
  const bad_line *b = &bad_lines[_i / 2];
  int alt = _i % 2;
  const char *good = alt ? good_alt : good_dump;
  size_t glen = strlen(good);
  char *text = malloc(glen + b->len + 1), *path, *dump;
  gazmap_gazetteer *g = NULL;
  const gazmap_error *e;
  int rc;
  ck_assert_ptr_nonnull(text);
  memcpy(text, good, glen);
  if (b->bytes) {
    memcpy(text + glen, b->bytes, b->len);
  } else {
    memset(text + glen, 'x', b->len);
  }
  text[glen + b->len] = '\n';
  path = tu_write_temp(text, glen + b->len + 1, ".txt");
  dump = strdup(alt ? tu_test_path("data/geonames_mini.txt") : path);
  rc = gazmap_gazetteer_load_geonames(&g, dump, alt ? path : NULL);
  e = gazmap_error_last();
  ck_assert_msg(rc == b->code, "%s table: code %d (%s), expected %d", alt ? "altnames" : "geoname",
                rc, e->message, b->code);
  ck_assert_ptr_null(g);
  ck_assert_uint_eq(e->line, 2);
  ck_assert_msg(e->message && strstr(e->message, b->reason), "message \"%s\" lacks \"%s\"",
                e->message, b->reason);
  ck_assert_msg(e->file && !strcmp(e->file, path), "error names %s, not %s", e->file, path);
  unlink(path);
  free(path);
  free(dump);
  free(text);
}
END_TEST

START_TEST(geonames_detected_by_open) {
  gazmap_gazetteer *g = NULL;
  gazmap_match m[4];
  size_t n;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, tu_test_path("data/geonames_mini.txt")), 0);
  ck_assert_uint_eq(gazmap_gazetteer_count(g), 5);
  ck_assert_int_eq(gazmap_lookup(g, "Bakı", strlen("Bakı"), NULL, m, 4, &n), 0);
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(gazmap_place_id(m[0].place), "gn-587084");
  gazmap_gazetteer_free(g);
}
END_TEST

START_TEST(geodesic_distances) {
  /* One degree of longitude on the equator of the WGS84 ellipsoid. */
  ck_assert_double_eq_tol(gazmap_distance_km(0, 0, 0, 1), 111.319, 0.001);
  /* Shusha to Khankendi (Stepanakert): about 6.4 km between these points. */
  ck_assert_double_eq_tol(gazmap_distance_km(39.7600, 46.7500, 39.8177, 46.7528), 6.41, 0.1);
}
END_TEST

START_TEST(nearest_places) {
  gazmap_gazetteer *g = NULL;
  const gazmap_place *out[3];
  double km[3];
  size_t n;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, tu_test_path("data/mini.tsv")), 0);
  ck_assert_int_eq(gazmap_near(g, 39.77, 46.75, 0, out, km, 3, &n), 0);
  ck_assert_uint_eq(n, 3);
  ck_assert_str_eq(gazmap_place_id(out[0]), "shusha");
  ck_assert_double_eq_tol(km[0], 1.11, 0.01);
  ck_assert(km[0] <= km[1] && km[1] <= km[2]);
  ck_assert_int_eq(gazmap_near(g, 39.77, 46.75, 1u << GAZMAP_KIND_CITY, out, km, 3, &n), 0);
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(gazmap_place_id(out[0]), "nakhchivan");
  ck_assert_int_eq(gazmap_near(g, 95, 46.75, 0, out, km, 3, &n), GAZMAP_EINVAL);
  gazmap_gazetteer_free(g);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_ROWS(malformed_file, bad_cases),
      TU_TEST(overlong_line),
      TU_TEST(absurd_file_size),
      TU_TEST(missing_file),
      TU_TEST(not_a_gazetteer),
      TU_TEST(check_reports_every_problem),
      TU_TEST(check_clean_file),
      TU_TEST(bundled_gazetteer_is_valid),
      TU_TEST(tsv_accessors),
      TU_TEST(set_shares_ids),
      TU_TEST(set_problems_name_their_file),
      TU_TEST(repository_set_loads),
      TU_ROWS(name_usage, usage_cases),
      TU_TEST(geonames_with_altnames),
      TU_TEST(altnames_malformed),
      {geonames_tables_refuse_bad_lines, 0, 2 * (int)(sizeof bad_lines / sizeof *bad_lines)},
      TU_TEST(geonames_detected_by_open),
      TU_TEST(geodesic_distances),
      TU_TEST(nearest_places),
  };
  tu_tcase tc = {.name = "load", .tests = TU_TESTS(tests), .timeout = 60};
  return tu_main("gazetteer", &tc, 1);
}
