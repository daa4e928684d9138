/* Layers: reading shapefiles (and refusing bad ones), the places layer from
 * the gazetteer, and writing GeoJSON and shapefiles that read back the same. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "render_fixture.h"
#include "testutil.h"

#include <check.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gazmap_layer *open_fixture(const char *name) {
  gazmap_layer *l = NULL;
  ck_assert_msg(gazmap_layer_open(&l, shapes, name, NULL) == 0, "%s: %s", name,
                gazmap_error_last()->message);
  return l;
}

/* Attributes as the layer reads them: text as stored, dates as YYYYMMDD, an
 * empty date, and an unknown field or feature as "". */
static const struct {
  const char *layer;
  size_t feature;
  const char *attr, *want;
} attrs[] = {
    {"handover", 1, "id", "kalbajar-district"},
    {"handover", 1, "note", "postponed from 15 to 25 November"},
    {"handover", 1, "deadline", "20201115"},
    {"handover", 1, "handed", "20201125"},
    {"handover", 3, "handed", ""},
    {"routes", 0, "no_such_field", ""},
    {"routes", 99, "id", ""},
};

START_TEST(attributes_read_as_stored) {
  gazmap_layer *l = open_fixture(attrs[_i].layer);
  ck_assert_str_eq(gazmap_layer_attr(l, attrs[_i].feature, attrs[_i].attr), attrs[_i].want);
  gazmap_layer_free(l);
}
END_TEST

START_TEST(reads_geometry) {
  gazmap_layer *l = open_fixture("handover");
  size_t n;
  const double *xy;
  ck_assert_str_eq(gazmap_layer_name(l), "handover");
  ck_assert_int_eq(gazmap_layer_geom(l), GAZMAP_GEOM_POLYGON);
  ck_assert_uint_eq(gazmap_layer_count(l), 4);
  ck_assert_uint_eq(gazmap_layer_parts(l, 0), 1);
  xy = gazmap_layer_part(l, 0, 0, &n);
  ck_assert_uint_eq(n, 5);
  ck_assert(fabs(xy[0] - 46.60) < 1e-9 && fabs(xy[1] - 39.86) < 1e-9);
  gazmap_layer_free(l);
}
END_TEST

START_TEST(unknown_feature_has_no_parts) {
  gazmap_layer *l = open_fixture("routes");
  ck_assert_uint_eq(gazmap_layer_parts(l, 99), 0);
  gazmap_layer_free(l);
}
END_TEST

START_TEST(unknown_layer_name_is_not_found) {
  gazmap_layer *l = NULL;
  ck_assert_int_eq(gazmap_layer_open(&l, shapes, "railways", NULL), GAZMAP_ENOTFOUND);
  ck_assert_ptr_null(l);
  ck_assert_msg(strstr(gazmap_error_last()->message, "railways") != NULL, "%s",
                gazmap_error_last()->message);
}
END_TEST

START_TEST(missing_file_is_an_io_error_naming_it) {
  gazmap_layer *l = NULL;
  char *dir = tu_temp_dir();
  ck_assert_int_eq(gazmap_layer_open(&l, dir, "lakes", NULL), GAZMAP_EIO);
  ck_assert_msg(strstr(gazmap_error_last()->file, "lakes.shp") != NULL, "file %s",
                gazmap_error_last()->file);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

/* Damaged files, each named in the error as a parse error. */
typedef struct damage {
  const char *what;
  const char *cmd; /* shell, run in the fixture directory */
} damage;

static const damage damages[] = {
    {"text in place of a .shp", "printf '%0200d' 0 > routes.shp"},
    {"a truncated .shp", "head -c 120 routes.shp > t && mv t routes.shp"},
    {"no .dbf", "rm routes.dbf"},
    {"a .dbf with fewer records", "cp sites.dbf routes.dbf"},
};

START_TEST(damaged_shapefile_is_a_parse_error) {
  gazmap_layer *l = NULL;
  char *cmd = NULL, *out = NULL, *err = NULL;
  int rc;
  ck_assert(asprintf(&cmd, "cd '%s' && %s", shapes, damages[_i].cmd) > 0);
  ck_assert_int_eq(tu_run(cmd, NULL, &out, &err), 0);
  rc = gazmap_layer_open(&l, shapes, "routes", NULL);
  ck_assert_msg(rc == GAZMAP_EPARSE, "%s: got %d (%s)", damages[_i].what, rc,
                gazmap_error_last()->message);
  ck_assert_ptr_null(l);
  ck_assert_msg(strstr(gazmap_error_last()->file, "routes.shp") != NULL, "%s: file %s",
                damages[_i].what, gazmap_error_last()->file);
  free(cmd);
  free(out);
  free(err);
}
END_TEST

/* ---- GeoJSON --------------------------------------------------------------- */

START_TEST(geojson_has_features_iso_dates_and_ccw_rings) {
  gazmap_layer *l = open_fixture("handover");
  char *text = NULL;
  size_t len = 0, i, n;
  json_t *root, *f, *ring;
  json_error_t jerr;
  double area = 0;

  ck_assert_int_eq(gazmap_layer_to_geojson(l, &text, &len), 0);
  root = json_loads(text, 0, &jerr);
  ck_assert_msg(root != NULL, "invalid JSON: %s", jerr.text);
  ck_assert_str_eq(json_string_value(json_object_get(root, "type")), "FeatureCollection");
  ck_assert_uint_eq(json_array_size(json_object_get(root, "features")), 4);
  f = json_array_get(json_object_get(root, "features"), 1);
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(f, "properties"), "handed")),
                   "2020-11-25");
  /* The N1.0 "schematic" flag is a GeoJSON boolean (issue 13). */
  ck_assert(json_is_true(json_object_get(json_object_get(f, "properties"), "schematic")));
  ck_assert_str_eq(json_string_value(json_object_get(json_object_get(f, "geometry"), "type")),
                   "Polygon");
  /* RFC 7946: exterior rings counter-clockwise (positive signed area). */
  ring = json_array_get(json_object_get(json_object_get(f, "geometry"), "coordinates"), 0);
  n = json_array_size(ring);
  for (i = 0; i + 1 < n; i++) {
    json_t *a = json_array_get(ring, i), *b = json_array_get(ring, i + 1);
    area += json_real_value(json_array_get(a, 0)) * json_real_value(json_array_get(b, 1)) -
            json_real_value(json_array_get(b, 0)) * json_real_value(json_array_get(a, 1));
  }
  ck_assert_msg(area > 0, "exterior ring is clockwise (area %g)", area);
  json_decref(root);
  free(text);
  gazmap_layer_free(l);
}
END_TEST

/* ---- shapefile round trip ------------------------------------------------------ */

START_TEST(shapefile_written_reads_back_the_same) {
  static const char *const layers[] = {"handover", "routes", "sites", "patrols"};
  gazmap_layer *a = open_fixture(layers[_i]), *b = NULL;
  char *dir = tu_temp_dir(), *path = NULL;
  size_t i, f, p, na, nb;
  ck_assert(asprintf(&path, "%s/copy.shp", dir) > 0);
  ck_assert_msg(gazmap_layer_write_shp(a, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_msg(gazmap_layer_read(&b, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_int_eq(gazmap_layer_geom(a), gazmap_layer_geom(b));
  ck_assert_uint_eq(gazmap_layer_count(a), gazmap_layer_count(b));
  ck_assert_uint_eq(gazmap_layer_field_count(a), gazmap_layer_field_count(b));
  for (i = 0; i < gazmap_layer_count(a); i++) {
    for (f = 0; f < gazmap_layer_field_count(a); f++) {
      const char *name = gazmap_layer_field_name(a, f);
      ck_assert_msg(!strcmp(gazmap_layer_attr(a, i, name), gazmap_layer_attr(b, i, name)),
                    "%s: feature %zu field %s: '%s' became '%s'", layers[_i], i, name,
                    gazmap_layer_attr(a, i, name), gazmap_layer_attr(b, i, name));
    }
    ck_assert_uint_eq(gazmap_layer_parts(a, i), gazmap_layer_parts(b, i));
    for (p = 0; p < gazmap_layer_parts(a, i); p++) {
      const double *xa = gazmap_layer_part(a, i, p, &na), *xb = gazmap_layer_part(b, i, p, &nb);
      ck_assert_uint_eq(na, nb);
      ck_assert(!memcmp(xa, xb, na * 2 * sizeof *xa));
    }
  }
  ck_assert_int_eq(access(path, F_OK), 0);
  gazmap_layer_free(a);
  gazmap_layer_free(b);
  tu_remove_tree(dir);
  free(dir);
  free(path);
}
END_TEST

START_TEST(shapefile_needs_a_shp_name_and_a_writable_place) {
  gazmap_layer *l = open_fixture("sites");
  char *dir = tu_temp_dir(), *path = NULL;
  ck_assert_int_eq(gazmap_layer_write_shp(l, "/tmp/sites.geojson"), GAZMAP_EINVAL);
  ck_assert(asprintf(&path, "%s/missing/sites.shp", dir) > 0);
  ck_assert_int_eq(gazmap_layer_write_shp(l, path), GAZMAP_EIO);
  tu_assert_empty_dir(dir);
  gazmap_layer_free(l);
  tu_remove_tree(dir);
  free(dir);
  free(path);
}
END_TEST

/* ---- places ----------------------------------------------------------------------- */

START_TEST(places_layer_holds_every_place_but_waypoints) {
  gazmap_gazetteer *g = NULL;
  gazmap_layer *l = NULL;
  size_t i, places = 0, waypoints = 0, n;
  int found_shusha = 0;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, NULL), 0);
  ck_assert_int_eq(gazmap_layer_open(&l, shapes, "places", g), 0);
  n = gazmap_gazetteer_count(g);
  for (i = 0; i < n; i++) {
    if (gazmap_place_kind(gazmap_gazetteer_at(g, i)) == GAZMAP_KIND_WAYPOINT) {
      waypoints++;
    } else {
      places++;
    }
  }
  ck_assert_uint_eq(gazmap_layer_count(l), places);
  ck_assert_int_eq(gazmap_layer_geom(l), GAZMAP_GEOM_POINT);
  for (i = 0; i < gazmap_layer_count(l); i++) {
    if (!strcmp(gazmap_layer_attr(l, i, "id"), "shusha")) {
      found_shusha = 1;
      ck_assert_str_eq(gazmap_layer_attr(l, i, "name_az"), "Şuşa");
      ck_assert_str_eq(gazmap_layer_attr(l, i, "name_hy"), "Շուշի");
    }
  }
  ck_assert(found_shusha);
  (void)waypoints;
  gazmap_layer_free(l);
  gazmap_gazetteer_free(g);
}
END_TEST

START_TEST(places_layer_needs_a_gazetteer) {
  gazmap_layer *l = NULL;
  ck_assert_int_eq(gazmap_layer_open(&l, shapes, "places", NULL), GAZMAP_EINVAL);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_ROWS(attributes_read_as_stored, attrs),
      TU_TEST(reads_geometry),
      TU_TEST(unknown_feature_has_no_parts),
      TU_TEST(unknown_layer_name_is_not_found),
      TU_TEST(missing_file_is_an_io_error_naming_it),
      TU_ROWS(damaged_shapefile_is_a_parse_error, damages),
      TU_TEST(geojson_has_features_iso_dates_and_ccw_rings),
      TU_LOOP(shapefile_written_reads_back_the_same, 4),
      TU_TEST(shapefile_needs_a_shp_name_and_a_writable_place),
      TU_TEST(places_layer_holds_every_place_but_waypoints),
      TU_TEST(places_layer_needs_a_gazetteer),
  };
  tu_tcase tc = {
      .name = "layer", .tests = TU_TESTS(tests), .setup = fx_setup, .teardown = fx_teardown};
  return tu_main("layer", &tc, 1);
}
