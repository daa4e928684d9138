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
static const char *const lookup_extra[] = {"match", "match_name", "distance", "score",
                                           "name_in_lang", NULL};
static const char *const lookup_geo_extra[] = {"match",        "match_name", "distance", "score",
                                               "name_in_lang", "query",      NULL};
static const char *const near_extra[] = {"km", NULL};
static const char *const near_geo_extra[] = {"km", "rank", "query_lat", "query_lon", NULL};
static const char *const none[] = {NULL};

static const char *const place_keys[] = {"id",         "name",        "kind",
                                         "lat",        "lon",         "country",
                                         "district",   "population",  "geonames_id",
                                         "extent",     "names",       NULL};

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
  ck_assert_msg(json_is_null(x) || (json_is_array(x) && json_array_size(x) == 4 &&
                                    json_number_value(json_array_get(x, 0)) <=
                                        json_number_value(json_array_get(x, 2)) &&
                                    json_number_value(json_array_get(x, 1)) <=
                                        json_number_value(json_array_get(x, 3))),
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
    ck_assert(json_real_value(json_array_get(xy, 0)) == json_real_value(json_object_get(props, "lon")));
    ck_assert(json_real_value(json_array_get(xy, 1)) == json_real_value(json_object_get(props, "lat")));
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

/* lookup: the results of named queries (homonyms, a historical name with
 * its usage, an Armenian name asked for). */
START_TEST(lookup_json) {
  json_t *v = run_json("$GAZMAP lookup --json --all --lang hy Martuni Stepanakert Sukovuşan", NULL, 0, 0);
  json_t *q, *p;
  size_t i, j;
  ck_assert_uint_eq(json_array_size(v), 3);
  json_array_foreach(v, i, q) {
    ck_assert(json_is_true(json_object_get(q, "matched")));
    json_array_foreach(json_object_get(q, "results"), j, p) {
      check_place(p, lookup_extra);
    }
  }
  json_decref(v);
}
END_TEST

START_TEST(lookup_batch_json) {
  json_t *v = run_json("$GAZMAP lookup --json -", "Laçın\nBerdzor\nAtlantis\n", 1, 1), *q, *p;
  size_t i, j;
  ck_assert_uint_eq(json_array_size(v), 3);
  json_array_foreach(v, i, q) {
    json_array_foreach(json_object_get(q, "results"), j, p) {
      check_place(p, lookup_extra);
    }
  }
  json_decref(v);
}
END_TEST

START_TEST(lookup_geojson) {
  json_t *v = run_json("$GAZMAP lookup --geojson --all Martuni Shusha", NULL, 0, 0);
  check_collection(v, lookup_geo_extra, 3);
  json_decref(v);
}
END_TEST

START_TEST(near_json) {
  json_t *v = run_json("$GAZMAP near --json -k 5 39.76 46.75", NULL, 0, 0), *p;
  size_t i;
  ck_assert_uint_eq(json_array_size(v), 5);
  json_array_foreach(v, i, p) {
    check_place(p, near_extra);
  }
  json_decref(v);
}
END_TEST

START_TEST(near_batch_json) {
  json_t *v = run_json("$GAZMAP near --json -k 3 -", "39.76 46.75\n40.18,44.51\n", 1, 0), *q, *p;
  size_t i, j;
  ck_assert_uint_eq(json_array_size(v), 2);
  json_array_foreach(v, i, q) {
    ck_assert(json_is_number(json_object_get(q, "lat")));
    ck_assert_uint_eq(json_array_size(json_object_get(q, "results")), 3);
    json_array_foreach(json_object_get(q, "results"), j, p) {
      check_place(p, near_extra);
    }
  }
  json_decref(v);
}
END_TEST

START_TEST(near_geojson) {
  json_t *v = run_json("$GAZMAP near --geojson --within 10 39.76 46.75", NULL, 0, 0);
  check_collection(v, near_geo_extra, 5);
  json_decref(v);
}
END_TEST

/* Every place of the bundled gazetteer, in both forms. */
START_TEST(list_json) {
  json_t *v = run_json("$GAZMAP list --json", NULL, 0, 0), *p;
  size_t i;
  ck_assert_uint_gt(json_array_size(v), 500);
  json_array_foreach(v, i, p) {
    check_place(p, none);
  }
  json_decref(v);
}
END_TEST

START_TEST(list_geojson) {
  json_t *v = run_json("$GAZMAP list --geojson", NULL, 0, 0);
  check_collection(v, none, 500);
  json_decref(v);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_TEST(lookup_json), TU_TEST(lookup_batch_json), TU_TEST(lookup_geojson),
      TU_TEST(near_json),   TU_TEST(near_batch_json),   TU_TEST(near_geojson),
      TU_TEST(list_json),   TU_TEST(list_geojson),
  };
  tu_tcase tc = {.name = "schema", .tests = TU_TESTS(tests), .timeout = 120};
  return tu_main("json", &tc, 1);
}
