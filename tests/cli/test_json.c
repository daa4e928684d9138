/* The machine output of lookup, near and list against doc/json.md: each
 * command's JSON and GeoJSON, parsed by jansson and walked, so that one
 * object kind has one schema everywhere (a name is always the same object,
 * a place always the same members) and no value is an empty string. */
#define _GNU_SOURCE
#include "testutil.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Members a lookup result or a near result adds to the place object. */
static const char *const lookup_extra[] = {"match", "match_name",   "distance",
                                           "score", "name_in_lang", NULL};
static const char *const lookup_geo_extra[] = {"match",        "match_name", "distance", "score",
                                               "name_in_lang", "query",      NULL};
static const char *const near_extra[] = {"km", NULL};
static const char *const near_geo_extra[] = {"km", "rank", "query_lat", "query_lon", NULL};
static const char *const none[] = {NULL};

static const char *const place_keys[] = {"id",          "name",    "kind",     "lat",
                                         "lon",         "country", "district", "population",
                                         "geonames_id", "extent",  "names",    NULL};

static int listed(const char *const *keys, const char *k) {
  for (; *keys; keys++) {
    if (!strcmp(*keys, k)) {
      return 1;
    }
  }
  return 0;
}

/* No string anywhere in `v` is empty: absent values are null. */
static void no_empty_strings(json_t *v, const char *where) {
  const char *k;
  json_t *x;
  size_t i;
  if (json_is_string(v)) {
    ck_assert_msg(json_string_length(v) > 0, "an empty string at %s", where);
  } else if (json_is_object(v)) {
    json_object_foreach(v, k, x) {
      no_empty_strings(x, k);
    }
  } else if (json_is_array(v)) {
    json_array_foreach(v, i, x) {
      no_empty_strings(x, where);
    }
  }
}

static void is_text_or_null(json_t *o, const char *key, const char *what) {
  json_t *v = json_object_get(o, key);
  ck_assert_msg(v && (json_is_null(v) || json_is_string(v)), "%s: '%s' is not a string or null",
                what, key);
}

static void check_name(json_t *n, const char *what) {
  static const char *const keys[] = {"name", "lang", "status", "usage", "usage_codes", NULL};
  const char *k;
  json_t *x;
  ck_assert_msg(json_is_object(n), "%s is not a name object", what);
  json_object_foreach(n, k, x) {
    ck_assert_msg(listed(keys, k), "%s has a member '%s' a name has not", what, k);
  }
  ck_assert_msg(json_is_string(json_object_get(n, "name")), "%s: no name text", what);
  is_text_or_null(n, "lang", what);
  is_text_or_null(n, "status", what);
  is_text_or_null(n, "usage", what);
  is_text_or_null(n, "usage_codes", what);
}

static void check_place(json_t *p, const char *const *extra) {
  const char *k;
  json_t *x, *names = json_object_get(p, "names");
  size_t i;
  ck_assert_msg(json_is_object(p), "a place is not an object");
  for (i = 0; place_keys[i]; i++) {
    ck_assert_msg(json_object_get(p, place_keys[i]) != NULL, "a place lacks '%s'", place_keys[i]);
  }
  json_object_foreach(p, k, x) {
    ck_assert_msg(listed(place_keys, k) || listed(extra, k), "a place has an unknown '%s'", k);
  }
  ck_assert(json_is_string(json_object_get(p, "id")));
  check_name(json_object_get(p, "name"), "the place's name");
  ck_assert(json_is_number(json_object_get(p, "lat")) && json_is_number(json_object_get(p, "lon")));
  is_text_or_null(p, "country", "place");
  is_text_or_null(p, "district", "place");
  x = json_object_get(p, "population");
  ck_assert_msg(json_is_null(x) || json_is_integer(x), "population");
  x = json_object_get(p, "geonames_id");
  ck_assert_msg(json_is_null(x) || json_is_integer(x), "geonames_id");
  x = json_object_get(p, "extent");
  ck_assert_msg(
      json_is_null(x) ||
          (json_is_array(x) && json_array_size(x) == 4 &&
           json_number_value(json_array_get(x, 0)) <= json_number_value(json_array_get(x, 2)) &&
           json_number_value(json_array_get(x, 1)) <= json_number_value(json_array_get(x, 3))),
      "extent");
  ck_assert_msg(json_is_array(names) && json_array_size(names) > 0, "names is not a list");
  json_array_foreach(names, i, x) {
    check_name(x, "an entry of names");
  }
  if ((x = json_object_get(p, "match_name")) != NULL) {
    check_name(x, "match_name");
  }
  if ((x = json_object_get(p, "name_in_lang")) != NULL && !json_is_null(x)) {
    check_name(x, "name_in_lang");
  }
  no_empty_strings(p, json_string_value(json_object_get(p, "id")));
}

static void check_collection(json_t *fc, const char *const *extra, size_t min) {
  json_t *feats = json_object_get(fc, "features"), *f;
  size_t i;
  ck_assert_str_eq(json_string_value(json_object_get(fc, "type")), "FeatureCollection");
  ck_assert_msg(json_is_array(feats) && json_array_size(feats) >= min, "%zu features",
                json_array_size(feats));
  json_array_foreach(feats, i, f) {
    json_t *g = json_object_get(f, "geometry"), *props = json_object_get(f, "properties");
    json_t *xy = json_object_get(g, "coordinates");
    ck_assert_str_eq(json_string_value(json_object_get(f, "type")), "Feature");
    ck_assert_str_eq(json_string_value(json_object_get(g, "type")), "Point");
    check_place(props, extra);
    ck_assert_str_eq(json_string_value(json_object_get(f, "id")),
                     json_string_value(json_object_get(props, "id")));
    ck_assert(json_real_value(json_array_get(xy, 0)) ==
              json_real_value(json_object_get(props, "lon")));
    ck_assert(json_real_value(json_array_get(xy, 1)) ==
              json_real_value(json_object_get(props, "lat")));
  }
}

/* Runs `cmd` and parses its standard output as one JSON value (or, with
 * `lines`, one value a line, returned as an array); it must exit `want`. */
static json_t *run_json(const char *cmd, const char *in, int lines, int want) {
  char *out = NULL, *err = NULL, *line, *save = NULL;
  json_error_t e;
  json_t *v;
  int st = tu_run(cmd, in, &out, &err);
  ck_assert_msg(st == want, "'%s' exited %d: %s", cmd, st, err);
  if (!lines) {
    v = json_loads(out, 0, &e);
    ck_assert_msg(v != NULL, "'%s': not JSON: %s (line %d)", cmd, e.text, e.line);
  } else {
    v = json_array();
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
      json_t *x = json_loads(line, 0, &e);
      ck_assert_msg(x != NULL, "'%s': a line is not JSON: %s", cmd, e.text);
      json_array_append_new(v, x);
    }
  }
  free(out);
  free(err);
  return v;
}

/* The forms of the outputs: an array of places, an array of queries each
 * with its results, or a GeoJSON FeatureCollection of places. */
enum form { PLACES, QUERIES, FEATURES };

/* Each command's machine output: the command and its input, whether it
 * writes one value a line, its exit status, its form, the members its places
 * add, and how many entries it has (exactly `n`, or with `at_least` at least
 * `n`); for queries, whether each says it matched or gives its latitude, and
 * how many results each has (0: any). */
typedef struct {
  const char *cmd, *in;
  int lines, exit;
  enum form form;
  const char *const *extra;
  size_t n;
  int at_least, matched, lat;
  size_t results;
} output;

static const output outputs[] = {
    /* lookup: named queries (homonyms, a historical name with its usage, an
     * Armenian name asked for), a batch with a miss, the GeoJSON form. */
    {.cmd = "$GAZMAP lookup --json --all --lang hy Martuni Stepanakert Sukovuşan",
     .form = QUERIES,
     .extra = lookup_extra,
     .n = 3,
     .matched = 1},
    {.cmd = "$GAZMAP lookup --json -",
     .in = "Laçın\nBerdzor\nAtlantis\n",
     .lines = 1,
     .exit = 1,
     .form = QUERIES,
     .extra = lookup_extra,
     .n = 3},
    {.cmd = "$GAZMAP lookup --geojson --all Martuni Shusha",
     .form = FEATURES,
     .extra = lookup_geo_extra,
     .n = 3,
     .at_least = 1},
    /* near: one point, a batch of two, the GeoJSON form. */
    {.cmd = "$GAZMAP near --json -k 5 39.76 46.75", .form = PLACES, .extra = near_extra, .n = 5},
    {.cmd = "$GAZMAP near --json -k 3 -",
     .in = "39.76 46.75\n40.18,44.51\n",
     .lines = 1,
     .form = QUERIES,
     .extra = near_extra,
     .n = 2,
     .lat = 1,
     .results = 3},
    {.cmd = "$GAZMAP near --geojson --within 10 39.76 46.75",
     .form = FEATURES,
     .extra = near_geo_extra,
     .n = 5,
     .at_least = 1},
    /* Every place of the bundled gazetteer (more than 500), in both forms. */
    {.cmd = "$GAZMAP list --json", .form = PLACES, .extra = none, .n = 501, .at_least = 1},
    {.cmd = "$GAZMAP list --geojson", .form = FEATURES, .extra = none, .n = 500, .at_least = 1},
};

START_TEST(output_follows_the_schema) {
  const output *o = &outputs[_i];
  json_t *v = run_json(o->cmd, o->in, o->lines, o->exit), *q, *p;
  size_t i, j;
  if (o->form == FEATURES) {
    check_collection(v, o->extra, o->n);
    json_decref(v);
    return;
  }
  ck_assert_msg(o->at_least ? json_array_size(v) >= o->n : json_array_size(v) == o->n,
                "'%s': %zu entries, expected %s%zu", o->cmd, json_array_size(v),
                o->at_least ? "at least " : "", o->n);
  json_array_foreach(v, i, q) {
    json_t *results = json_object_get(q, "results");
    if (o->form == PLACES) {
      check_place(q, o->extra);
      continue;
    }
    if (o->matched) {
      ck_assert(json_is_true(json_object_get(q, "matched")));
    }
    if (o->lat) {
      ck_assert(json_is_number(json_object_get(q, "lat")));
    }
    if (o->results) {
      ck_assert_uint_eq(json_array_size(results), o->results);
    }
    json_array_foreach(results, j, p) {
      check_place(p, o->extra);
    }
  }
  json_decref(v);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(output_follows_the_schema, outputs)};
  tu_tcase tc = {.name = "schema", .tests = TU_TESTS(tests), .timeout = 120};
  return tu_main("json", &tc, 1);
}
