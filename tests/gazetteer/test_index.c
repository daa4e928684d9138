/* The compiled index (issue 11, doc/index.md): lookups, near and the places
 * read from an index equal those of the gazetteer it was built from, for
 * every name of the bundled gazetteer; an index of an index is the same
 * file; and a truncated, corrupted, foreign or future file is refused with
 * a reason, by open or by check. */
#define _GNU_SOURCE
#include "gazetteer/gazetteer_internal.h"
#include "gazmap/gazmap.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bundled gazetteer from its TSV files (never from a compiled copy). */
static gazmap_gazetteer *open_tsv(void) {
  gazmap_gazetteer *g = NULL;
  char **paths;
  size_t n;
  ck_assert_int_eq(gazmap_gazetteer_bundled_files(&paths, &n), 0);
  ck_assert_int_eq(gazmap_gazetteer_open_set(&g, (const char *const *)paths, n), 0);
  gazmap_gazetteer_files_free(paths, n);
  return g;
}

/* Writes `g` as an index in a fresh directory; returns its path (free). */
static char *write_index(gazmap_gazetteer *g, char **dir) {
  char *path;
  *dir = tu_temp_dir();
  ck_assert_int_ne(asprintf(&path, "%s/g.idx", *dir), -1);
  ck_assert_msg(gazmap_index_write(g, path, NULL) == 0, "index: %s", gazmap_error_last()->message);
  return path;
}

static gazmap_gazetteer *open_index(const char *path) {
  gazmap_gazetteer *g = NULL;
  ck_assert_msg(gazmap_gazetteer_open(&g, path) == 0, "open: %s", gazmap_error_last()->message);
  return g;
}

/* What most tests start from: a gazetteer, its index in a fresh directory
 * and, when asked, that index opened. */
typedef struct indexed {
  gazmap_gazetteer *src, *idx; /* idx: NULL unless opened */
  char *dir, *path;
} indexed;

/* Writes the index of `src`, which indexed_free() frees, and opens it when
 * `open`. */
static indexed index_of(gazmap_gazetteer *src, int open) {
  indexed x = {src, NULL, NULL, NULL};
  x.path = write_index(src, &x.dir);
  if (open) {
    x.idx = open_index(x.path);
  }
  return x;
}

static void indexed_free(indexed *x) {
  gazmap_gazetteer_free(x->idx);
  gazmap_gazetteer_free(x->src);
  tu_remove_tree(x->dir);
  free(x->dir);
  free(x->path);
}

/* The two answers to `q` agree: same places, names, kinds and scores. */
static void same_lookup(gazmap_gazetteer *a, gazmap_gazetteer *b, const char *q,
                        const gazmap_lookup_opts *o) {
  gazmap_match ma[16], mb[16];
  size_t na = 0, nb = 0, i;
  int ra = gazmap_lookup(a, q, strlen(q), o, ma, 16, &na);
  int rb = gazmap_lookup(b, q, strlen(q), o, mb, 16, &nb);
  ck_assert_msg(ra == rb, "'%s': status %d from the TSV, %d from the index", q, ra, rb);
  ck_assert_msg(na == nb, "'%s': %zu matches from the TSV, %zu from the index", q, na, nb);
  for (i = 0; i < na; i++) {
    ck_assert_msg(!strcmp(gazmap_place_id(ma[i].place), gazmap_place_id(mb[i].place)) &&
                      !strcmp(ma[i].name->text, mb[i].name->text) && ma[i].kind == mb[i].kind &&
                      ma[i].distance == mb[i].distance && ma[i].score == mb[i].score,
                  "'%s' #%zu: %s by '%s' (%s %.4f) from the TSV, %s by '%s' (%s %.4f) from the index",
                  q, i, gazmap_place_id(ma[i].place), ma[i].name->text,
                  gazmap_match_kind_name(ma[i].kind), ma[i].score, gazmap_place_id(mb[i].place),
                  mb[i].name->text, gazmap_match_kind_name(mb[i].kind), mb[i].score);
  }
}

/* Every name of every place, as written, with its first letter dropped
 * (fuzzy) and cut to its first four bytes (prefix). */
static void agree_on_all_names(gazmap_gazetteer *tsv, gazmap_gazetteer *idx) {
  gazmap_lookup_opts plain = GAZMAP_LOOKUP_OPTS_INIT, loose = GAZMAP_LOOKUP_OPTS_INIT;
  size_t i, k, tried = 0;
  loose.prefix = 1;
  loose.stop_at_first_kind = 0;
  for (i = 0; i < gazmap_gazetteer_count(tsv); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(tsv, i);
    for (k = 0; k < gazmap_place_name_count(p); k++) {
      const char *t = gazmap_place_name_at(p, k)->text;
      char cut[5];
      same_lookup(tsv, idx, t, &plain);
      if (strlen(t) > 4 && (unsigned char)t[0] < 0x80) {
        same_lookup(tsv, idx, t + 1, &loose);
        memcpy(cut, t, 4);
        cut[4] = '\0';
        same_lookup(tsv, idx, cut, &loose);
      }
      tried++;
    }
  }
  ck_assert_msg(tried > 1000, "only %zu names tried", tried);
}

/* Runs `check` on the bundled gazetteer from its TSV files and from the
 * index written of it. */
static void on_bundled_index(void (*check)(gazmap_gazetteer *tsv, gazmap_gazetteer *idx)) {
  indexed x = index_of(open_tsv(), 1);
  check(x.src, x.idx);
  indexed_free(&x);
}

START_TEST(lookup_agrees_on_every_bundled_name) {
  on_bundled_index(agree_on_all_names);
}
END_TEST

/* A layered gazetteer (bundled + a GeoNames layer, merged) indexes too. */
START_TEST(lookup_agrees_on_layers) {
  gazmap_layers_opts lo = GAZMAP_LAYERS_OPTS_INIT;
  const char *files[1];
  gazmap_gazetteer *g = NULL;
  indexed x;
  files[0] = tu_test_path("gazetteer/data/world.txt");
  lo.files = files;
  lo.nfiles = 1;
  ck_assert_int_eq(gazmap_gazetteer_open_layers(&g, &lo), 0);
  x = index_of(g, 1);
  ck_assert_uint_eq(gazmap_gazetteer_count(x.idx), gazmap_gazetteer_count(g));
  agree_on_all_names(g, x.idx);
  indexed_free(&x);
}
END_TEST

/* Every field of every place and name reads back. */
START_TEST(places_read_back) {
  indexed t = index_of(open_tsv(), 1);
  const gazmap_gazetteer *tsv = t.src, *idx = t.idx;
  size_t i, k;
  ck_assert_uint_eq(gazmap_gazetteer_count(idx), gazmap_gazetteer_count(tsv));
  for (i = 0; i < gazmap_gazetteer_count(tsv); i++) {
    const gazmap_place *a = gazmap_gazetteer_at(tsv, i), *b = gazmap_gazetteer_at(idx, i);
    ck_assert_str_eq(gazmap_place_id(b), gazmap_place_id(a));
    ck_assert_str_eq(gazmap_place_name(b), gazmap_place_name(a));
    ck_assert_str_eq(gazmap_place_country(b), gazmap_place_country(a));
    ck_assert_str_eq(gazmap_place_district(b), gazmap_place_district(a));
    ck_assert_str_eq(gazmap_place_source(b), gazmap_place_source(a));
    ck_assert_str_eq(gazmap_place_tags(b), gazmap_place_tags(a));
    ck_assert_str_eq(gazmap_place_note(b), gazmap_place_note(a));
    ck_assert_int_eq(gazmap_place_kind(b), gazmap_place_kind(a));
    ck_assert(gazmap_place_lat(b) == gazmap_place_lat(a));
    ck_assert(gazmap_place_lon(b) == gazmap_place_lon(a));
    ck_assert_int_eq(gazmap_place_population(b), gazmap_place_population(a));
    ck_assert_int_eq(gazmap_place_geonames_id(b), gazmap_place_geonames_id(a));
    ck_assert(gazmap_place_importance(b) == gazmap_place_importance(a));
    ck_assert_int_eq(gazmap_place_curated(b), gazmap_place_curated(a));
    ck_assert_ptr_eq(gazmap_gazetteer_find_id(idx, gazmap_place_id(a)), b);
    ck_assert_uint_eq(gazmap_place_name_count(b), gazmap_place_name_count(a));
    for (k = 0; k < gazmap_place_name_count(a); k++) {
      const gazmap_name *x = gazmap_place_name_at(a, k), *y = gazmap_place_name_at(b, k);
      ck_assert_str_eq(y->text, x->text);
      ck_assert_str_eq(y->lang, x->lang);
      ck_assert_str_eq(y->usage, x->usage);
      ck_assert_uint_eq(y->flags, x->flags);
    }
  }
  ck_assert_ptr_null(gazmap_gazetteer_find_id(idx, "no-such-place"));
  indexed_free(&t);
}
END_TEST

/* near over the index's grid keeps the places a scan of every place keeps,
 * at points in the region, far from it, at the poles and the antimeridian. */
START_TEST(near_agrees) {
  indexed x = index_of(open_tsv(), 1);
  const gazmap_gazetteer *tsv = x.src, *idx = x.idx;
  const gazmap_place *pa[40], *pb[40];
  double ka[40], kb[40];
  double lat, lon;
  size_t na, nb, i, points = 0;
  unsigned kinds[] = {0, 1u << GAZMAP_KIND_TOWN, 1u << GAZMAP_KIND_COUNTRY};
  for (lat = -89.5; lat <= 90; lat += 19.5) {
    for (lon = -179.75; lon <= 180; lon += 35.25) {
      size_t kk;
      for (kk = 0; kk < 3; kk++) {
        ck_assert_int_eq(gazmap_near(tsv, lat, lon, kinds[kk], pa, ka, 40, &na), 0);
        ck_assert_int_eq(gazmap_near(idx, lat, lon, kinds[kk], pb, kb, 40, &nb), 0);
        ck_assert_uint_eq(na, nb);
        for (i = 0; i < na; i++) {
          ck_assert_msg(!strcmp(gazmap_place_id(pa[i]), gazmap_place_id(pb[i])) && ka[i] == kb[i],
                        "near %g %g #%zu: %s %.3f km from the TSV, %s %.3f km from the index", lat,
                        lon, i, gazmap_place_id(pa[i]), ka[i], gazmap_place_id(pb[i]), kb[i]);
        }
        points++;
      }
    }
  }
  for (lat = 38.5; lat <= 41.5; lat += 0.37) {
    for (lon = 44.0; lon <= 48.0; lon += 0.41) {
      ck_assert_int_eq(gazmap_near(tsv, lat, lon, 0, pa, ka, 12, &na), 0);
      ck_assert_int_eq(gazmap_near(idx, lat, lon, 0, pb, kb, 12, &nb), 0);
      ck_assert_uint_eq(na, nb);
      for (i = 0; i < na; i++) {
        ck_assert_msg(!strcmp(gazmap_place_id(pa[i]), gazmap_place_id(pb[i])) && ka[i] == kb[i],
                      "near %g %g #%zu: %s from the TSV, %s from the index", lat, lon, i,
                      gazmap_place_id(pa[i]), gazmap_place_id(pb[i]));
      }
      points++;
    }
  }
  ck_assert_uint_gt(points, 100);
  indexed_free(&x);
}
END_TEST

/* Writing the index of an index gives the same bytes: the file holds all
 * of the gazetteer and its name index, and writing is deterministic. */
START_TEST(index_of_index_is_identical) {
  indexed x = index_of(open_tsv(), 1);
  char *again, *a, *b;
  size_t la, lb;
  ck_assert_int_ne(asprintf(&again, "%s/again.idx", x.dir), -1);
  ck_assert_int_eq(gazmap_index_write(x.idx, again, NULL), 0);
  a = tu_read_file(x.path, &la);
  b = tu_read_file(again, &lb);
  ck_assert_uint_eq(la, lb);
  ck_assert_msg(!memcmp(a, b, la), "the index of the index differs from the index");
  free(a);
  free(b);
  free(again);
  indexed_free(&x);
}
END_TEST

/* The extents (gazmap/frame.h) of every place of `a` and `b`, places in
 * the same order, are the same: none, or the same four numbers. */
static void same_extents(gazmap_gazetteer *a, gazmap_gazetteer *b, const char *what) {
  gazmap_extents *ea = NULL, *eb = NULL;
  size_t i, with = 0;
  ck_assert_int_eq(gazmap_gazetteer_count(a), gazmap_gazetteer_count(b));
  ck_assert_msg(gazmap_extents_open(&ea, a, NULL) == 0, "%s", gazmap_error_last()->message);
  ck_assert_msg(gazmap_extents_open(&eb, b, NULL) == 0, "%s", gazmap_error_last()->message);
  for (i = 0; i < gazmap_gazetteer_count(a); i++) {
    const gazmap_place *pa = gazmap_gazetteer_at(a, i), *pb = gazmap_gazetteer_at(b, i);
    double ba[4] = {0}, bb[4] = {0};
    int ha = gazmap_place_extent(ea, pa, ba), hb = gazmap_place_extent(eb, pb, bb);
    ck_assert_str_eq(gazmap_place_id(pa), gazmap_place_id(pb));
    ck_assert_msg(ha == hb && !memcmp(ba, bb, sizeof ba),
                  "%s: %s: extent %d %.9f,%.9f,%.9f,%.9f from the shapes, %d %.9f,%.9f,%.9f,%.9f "
                  "from the index",
                  what, gazmap_place_id(pa), ha, ba[0], ba[1], ba[2], ba[3], hb, bb[0], bb[1],
                  bb[2], bb[3]);
    with += ha;
  }
  ck_assert_uint_ge(with, 40);
  gazmap_extents_free(ea);
  gazmap_extents_free(eb);
}

/* The index holds every place's extent, read from the shapes when it was
 * built, and gives the ones the shapes give. */
static void extents_from_the_index(gazmap_gazetteer *tsv, gazmap_gazetteer *idx) {
  uint32_t crc;
  ck_assert_ptr_nonnull(gz_index_extents(idx, &crc));
  same_extents(tsv, idx, "bundled");
}

START_TEST(extents_agree) {
  on_bundled_index(extents_from_the_index);
}
END_TEST

/* The gazetteers of extents_follow_changed_shapes, for its thread. */
typedef struct changed {
  gazmap_gazetteer *tsv, *idx;
  int corridor_has_extent;
} changed;

/* In a thread of its own, since the data directory is resolved once per
 * thread (gazmap_data_dir). */
static void *with_changed_shapes(void *arg) {
  changed *c = arg;
  gazmap_extents *ex = NULL;
  double b[4];
  ck_assert_int_eq(gazmap_extents_open(&ex, c->idx, NULL), 0);
  c->corridor_has_extent =
      gazmap_place_extent(ex, gazmap_gazetteer_find_id(c->idx, "lachin-corridor"), b);
  gazmap_extents_free(ex);
  same_extents(c->tsv, c->idx, "without peacekeeping.shp");
  return NULL;
}

/* Shapes changed since the index was built (here a layer gone): the index's
 * extents no longer stand for them, and the shapes are read, as without an
 * index.  The control: the layer gone does change an extent. */
START_TEST(extents_follow_changed_shapes) {
  indexed x = index_of(open_tsv(), 1);
  changed c = {x.src, x.idx, -1};
  char *data = NULL, *cmd = NULL;
  const char *was = getenv("GAZMAP_DATA_DIR");
  gazmap_extents *full = NULL;
  pthread_t t;
  double b[4];
  ck_assert_ptr_nonnull(was);
  ck_assert_int_ne(asprintf(&data, "%s/data", x.dir), -1);
  ck_assert_int_ne(
      asprintf(&cmd, "cp -R '%s' '%s' && rm '%s'/shapes/peacekeeping.*", was, data, data), -1);
  ck_assert_int_eq(tu_run(cmd, NULL, NULL, NULL), 0);
  ck_assert_int_eq(gazmap_extents_open(&full, c.idx, NULL), 0);
  ck_assert_int_eq(gazmap_place_extent(full, gazmap_gazetteer_find_id(c.idx, "lachin-corridor"), b),
                   1);
  ck_assert_int_eq(setenv("GAZMAP_DATA_DIR", data, 1), 0);
  ck_assert_int_eq(pthread_create(&t, NULL, with_changed_shapes, &c), 0);
  ck_assert_int_eq(pthread_join(t, NULL), 0);
  ck_assert_int_eq(setenv("GAZMAP_DATA_DIR", was, 1), 0);
  ck_assert_msg(c.corridor_has_extent == 0, "the corridor kept its extent (%d)",
                c.corridor_has_extent);
  gazmap_extents_free(full);
  indexed_free(&x);
  free(data);
  free(cmd);
}
END_TEST

/* ---- damaged files ---------------------------------------------------- */

typedef enum { CUT, FLIP, VERSION } damage;

/* Damaged copies of a good index: what open says, and what check says. */
static const struct {
  damage how;
  size_t at;          /* CUT: bytes kept; FLIP: byte flipped (from the end when > size) */
  const char *opened; /* a word of open's error, or NULL when open succeeds */
  const char *checked;
} damaged[] = {
    {CUT, 0, "not a gazetteer", "not a gazetteer"},
    {CUT, 5, "not a gazetteer", "not a gazetteer"},
    {CUT, 7, "truncated", "truncated"},
    {CUT, 60, "truncated", "truncated"},
    {CUT, 200, "truncated", "truncated"},
    {CUT, 500000, "truncated", "truncated"},
    {FLIP, 0, "not a gazetteer", "not a gazetteer"},
    {FLIP, 9, "newer", "newer"},
    {FLIP, 36, "checksum of its header", "checksum of its header"},
    {FLIP, 130, "checksum of its header", "checksum of its header"},
    {FLIP, 300000, NULL, "checksum of section"},
    {VERSION, 0, "format 2, made by a newer gazmap", "newer gazmap"},
};

static void problem_text(void *ud, const char *file, unsigned long line, const char *msg) {
  char **acc = ud;
  char *next;
  (void)file;
  (void)line;
  ck_assert_int_ne(asprintf(&next, "%s%s\n", *acc ? *acc : "", msg), -1);
  free(*acc);
  *acc = next;
}

START_TEST(damaged_files_refused) {
  indexed x = index_of(open_tsv(), 0);
  gazmap_gazetteer *g = NULL;
  char *data, *bad, *said = NULL;
  size_t len, keep;
  int rc;
  data = tu_read_file(x.path, &len);
  keep = len;
  if (damaged[_i].how == CUT) {
    keep = damaged[_i].at < len ? damaged[_i].at : len - 1;
  } else if (damaged[_i].how == FLIP) {
    data[damaged[_i].at < len ? damaged[_i].at : len - 1] ^= 0x5A;
  } else {
    data[8] = 2; /* the version field, little-endian */
  }
  bad = tu_write_temp(data, keep, ".idx");
  rc = gazmap_gazetteer_open(&g, bad);
  if (damaged[_i].opened) {
    ck_assert_msg(rc < 0, "case %d opened", _i);
    ck_assert_msg(strstr(gazmap_error_last()->message, damaged[_i].opened) != NULL,
                  "case %d: open said \"%s\", not \"%s\"", _i, gazmap_error_last()->message,
                  damaged[_i].opened);
  } else {
    /* Open reads only the header; a lookup reads a damaged section safely. */
    gazmap_match m[8];
    size_t n;
    ck_assert_msg(rc == 0, "case %d: %s", _i, gazmap_error_last()->message);
    gazmap_lookup(g, "Shusha", 6, NULL, m, 8, &n);
    gazmap_gazetteer_free(g);
  }
  rc = gazmap_gazetteer_check(bad, problem_text, &said);
  ck_assert_msg(rc > 0, "case %d: check found no problem (%d)", _i, rc);
  ck_assert_msg(said && strstr(said, damaged[_i].checked), "case %d: check said \"%s\", not \"%s\"",
                _i, said ? said : "", damaged[_i].checked);
  free(said);
  remove(bad);
  free(bad);
  free(data);
  indexed_free(&x);
}
END_TEST

START_TEST(good_index_checks_clean) {
  indexed x = index_of(open_tsv(), 0);
  char *said = NULL;
  ck_assert_int_eq(gazmap_gazetteer_check(x.path, problem_text, &said), 0);
  ck_assert_ptr_null(said);
  indexed_free(&x);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("index");
  TCase *tc = tcase_create("index");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, lookup_agrees_on_every_bundled_name);
  tcase_add_test(tc, lookup_agrees_on_layers);
  tcase_add_test(tc, places_read_back);
  tcase_add_test(tc, near_agrees);
  tcase_add_test(tc, index_of_index_is_identical);
  tcase_add_test(tc, extents_agree);
  tcase_add_test(tc, extents_follow_changed_shapes);
  tcase_add_loop_test(tc, damaged_files_refused, 0, (int)(sizeof damaged / sizeof damaged[0]));
  tcase_add_test(tc, good_index_checks_clean);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
