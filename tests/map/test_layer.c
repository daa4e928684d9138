/* Layers: reading shapefiles (and refusing bad ones), the places layer from
 * the gazetteer, and writing GeoJSON and shapefiles that read back the same;
 * the same shapefiles in memory (the layer fuzzer's way in); and a layer
 * with no attribute field, which the writer once wrote as a shapefile gazmap
 * itself refused (found by fuzz_layer). */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "map/layer_internal.h"
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

/* Features, fields, attributes and vertices of `a` and `b` (layer `what`)
 * are the same. */
static void assert_same(const gazmap_layer *a, const gazmap_layer *b, const char *what) {
  size_t i, f, p, na, nb;
  ck_assert_int_eq(gazmap_layer_geom(a), gazmap_layer_geom(b));
  ck_assert_uint_eq(gazmap_layer_count(a), gazmap_layer_count(b));
  ck_assert_uint_eq(gazmap_layer_field_count(a), gazmap_layer_field_count(b));
  for (i = 0; i < gazmap_layer_count(a); i++) {
    for (f = 0; f < gazmap_layer_field_count(a); f++) {
      const char *name = gazmap_layer_field_name(a, f);
      ck_assert_msg(!strcmp(gazmap_layer_attr(a, i, name), gazmap_layer_attr(b, i, name)),
                    "%s: feature %zu field %s: '%s' became '%s'", what, i, name,
                    gazmap_layer_attr(a, i, name), gazmap_layer_attr(b, i, name));
    }
    ck_assert_uint_eq(gazmap_layer_parts(a, i), gazmap_layer_parts(b, i));
    for (p = 0; p < gazmap_layer_parts(a, i); p++) {
      const double *xa = gazmap_layer_part(a, i, p, &na), *xb = gazmap_layer_part(b, i, p, &nb);
      ck_assert_uint_eq(na, nb);
      ck_assert(!memcmp(xa, xb, na * 2 * sizeof *xa));
    }
  }
}

START_TEST(shapefile_written_reads_back_the_same) {
  static const char *const layers[] = {"handover", "routes", "sites", "patrols"};
  gazmap_layer *a = open_fixture(layers[_i]), *b = NULL;
  char *dir = tu_temp_dir(), *path = NULL;
  ck_assert(asprintf(&path, "%s/copy.shp", dir) > 0);
  ck_assert_msg(gazmap_layer_write_shp(a, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_msg(gazmap_layer_read(&b, path) == 0, "%s", gazmap_error_last()->message);
  assert_same(a, b, layers[_i]);
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

/* ---- shapefiles in memory ------------------------------------------------- */

/* map/layer_internal.h: gz_layer_read_mem and gz_layer_write_shp_mem, the
 * path the layer fuzzer takes, must read what the file reader reads, refuse
 * what it refuses with the same message, and write the bytes the file
 * writer writes. */
static const char *const bundled[] = {"handover", "routes", "sites", "patrols", "lakes"};
static const char *const exts[GZ_SHP_MEM_N] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

/* The bundled shapefile `name` as a memory set; *bytes holds what the set
 * borrows (free each, then the array). */
static void load_bundled(const char *name, gz_shp_mem *set, char ***bytes) {
  char *dir = gazmap_data_path("shapes"), *path = NULL;
  int i;
  ck_assert_ptr_nonnull(dir);
  *bytes = calloc(GZ_SHP_MEM_N, sizeof **bytes);
  for (i = 0; i < GZ_SHP_MEM_SHP + 3; i++) {
    size_t len = 0;
    ck_assert(asprintf(&path, "%s/%s%s", dir, name, exts[i]) > 0);
    ck_assert_msg(((*bytes)[i] = tu_read_file(path, &len)) != NULL, "cannot read %s", path);
    gz_shp_mem_set(set, i, (*bytes)[i], len);
    free(path);
  }
  free(dir);
}

static void free_bytes(char **bytes) {
  int i;
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    free(bytes[i]);
  }
  free(bytes);
}

START_TEST(memory_reads_what_the_file_reader_reads) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *from_file = NULL, *from_mem = NULL;
  char **bytes;
  load_bundled(bundled[_i], &set, &bytes);
  ck_assert_int_eq(gazmap_layer_open(&from_file, NULL, bundled[_i], NULL), 0);
  ck_assert_msg(gz_layer_read_mem(&from_mem, bundled[_i], &set) == 0, "%s: %s", bundled[_i],
                gazmap_error_last()->message);
  ck_assert_str_eq(gazmap_layer_name(from_mem), bundled[_i]);
  assert_same(from_file, from_mem, bundled[_i]);
  gazmap_layer_free(from_file);
  gazmap_layer_free(from_mem);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
}
END_TEST

/* Damage done to the routes shapefile, on disk and in memory alike. */
static const struct {
  const char *what;
  int file; /* GZ_SHP_MEM_* */
  long cut; /* bytes removed from the end; -1: the file is absent */
  const char *message;
} damages_in_memory[] = {
    {".dbf two bytes short (its end mark is optional)", GZ_SHP_MEM_DBF, 2, ".dbf truncated"},
    {".shx one entry short", GZ_SHP_MEM_SHX, 8, ".shx: header says"},
    {".shp one byte short", GZ_SHP_MEM_SHP, 1, "header says"},
    {"no .shx", GZ_SHP_MEM_SHX, -1, ".shx: cannot open"},
    {"no .dbf", GZ_SHP_MEM_DBF, -1, ".dbf: cannot open"},
};

START_TEST(memory_refuses_what_the_file_reader_refuses) {
  gz_shp_mem set = GZ_SHP_MEM_INIT, absent = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL;
  char **bytes, *dir = tu_temp_dir(), *path = NULL, *file_msg;
  int i, file_rc, mem_rc;
  load_bundled("routes", &set, &bytes);
  if (damages_in_memory[_i].cut < 0) {
    set.file[damages_in_memory[_i].file] = absent.file[0];
  } else {
    set.file[damages_in_memory[_i].file].len -= (size_t)damages_in_memory[_i].cut;
  }
  for (i = 0; i < GZ_SHP_MEM_SHP + 3; i++) {
    FILE *f;
    ck_assert(asprintf(&path, "%s/routes%s", dir, exts[i]) > 0);
    if (set.file[i].present) {
      ck_assert_ptr_nonnull(f = fopen(path, "wb"));
      ck_assert_uint_eq(fwrite(set.file[i].data, 1, set.file[i].len, f), set.file[i].len);
      ck_assert_int_eq(fclose(f), 0);
    }
    free(path);
  }
  file_rc = gazmap_layer_open(&l, dir, "routes", NULL);
  ck_assert_ptr_null(l);
  file_msg = strdup(gazmap_error_last()->message);
  mem_rc = gz_layer_read_mem(&l, "routes", &set);
  ck_assert_ptr_null(l);
  ck_assert_int_eq(mem_rc, GAZMAP_EPARSE);
  ck_assert_int_eq(mem_rc, file_rc);
  ck_assert_str_eq(gazmap_error_last()->file, "routes.shp");
  ck_assert_str_eq(gazmap_error_last()->message, file_msg);
  ck_assert_msg(strstr(file_msg, damages_in_memory[_i].message) != NULL, "%s: %s",
                damages_in_memory[_i].what, file_msg);
  free(file_msg);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

START_TEST(memory_writes_the_bytes_the_file_writer_writes) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL;
  char *dir = tu_temp_dir(), *path = NULL;
  int i;
  ck_assert_int_eq(gazmap_layer_open(&l, NULL, bundled[_i], NULL), 0);
  ck_assert(asprintf(&path, "%s/copy.shp", dir) > 0);
  ck_assert_int_eq(gazmap_layer_write_shp(l, path), 0);
  free(path);
  ck_assert_msg(gz_layer_write_shp_mem(l, "copy", &set) == 0, "%s", gazmap_error_last()->message);
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    size_t len = 0;
    char *want;
    ck_assert(asprintf(&path, "%s/copy%s", dir, exts[i]) > 0);
    want = tu_read_file(path, &len);
    ck_assert_ptr_nonnull(want);
    ck_assert_msg(set.file[i].present && set.file[i].len == len &&
                      !memcmp(set.file[i].data, want, len),
                  "%s%s: %zu bytes in memory, %zu on disk, or not the same", bundled[_i], exts[i],
                  set.file[i].len, len);
    free(want);
    free(path);
  }
  gazmap_layer_free(l);
  gz_shp_mem_clear(&set);
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

/* The sites shapefile with a .dbf of no fields: a 33-byte header (one
 * terminator byte after it) and one 1-byte record, its deletion flag, per
 * point.  shapelib reads it; gazmap reads it as a layer with no fields. */
START_TEST(layer_without_fields_writes_a_shapefile_that_reads_back) {
  gz_shp_mem set = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL, *back = NULL;
  char **bytes, *dir = tu_temp_dir(), *path = NULL, *dbf;
  size_t n, i;
  load_bundled("sites", &set, &bytes);
  n = (set.file[GZ_SHP_MEM_SHX].len - 100) / 8;
  dbf = calloc(1, 33 + n);
  dbf[0] = 3;
  dbf[4] = (char)(n & 0xff);
  dbf[5] = (char)(n >> 8);
  dbf[8] = 33;
  dbf[10] = 1;
  dbf[32] = 0x0d;
  memset(dbf + 33, ' ', n);
  gz_shp_mem_set(&set, GZ_SHP_MEM_DBF, dbf, 33 + n);
  ck_assert_msg(gz_layer_read_mem(&l, "bare", &set) == 0, "%s", gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_layer_field_count(l), 0);
  ck_assert_uint_eq(gazmap_layer_count(l), n);
  ck_assert(asprintf(&path, "%s/bare.shp", dir) > 0);
  ck_assert_msg(gazmap_layer_write_shp(l, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_msg(gazmap_layer_read(&back, path) == 0, "%s", gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_layer_count(back), n);
  ck_assert_uint_eq(gazmap_layer_field_count(back), 1);
  ck_assert_str_eq(gazmap_layer_field_name(back, 0), "FID");
  for (i = 0; i < n; i++) {
    char want[24];
    snprintf(want, sizeof want, "%zu", i);
    ck_assert_str_eq(gazmap_layer_attr(back, i, "FID"), want);
  }
  gazmap_layer_free(l);
  gazmap_layer_free(back);
  gz_shp_mem_clear(&set);
  free_bytes(bytes);
  free(dbf);
  free(path);
  tu_remove_tree(dir);
  free(dir);
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
      TU_ROWS(memory_reads_what_the_file_reader_reads, bundled),
      TU_ROWS(memory_refuses_what_the_file_reader_refuses, damages_in_memory),
      TU_ROWS(memory_writes_the_bytes_the_file_writer_writes, bundled),
      TU_TEST(layer_without_fields_writes_a_shapefile_that_reads_back),
  };
  tu_tcase tc = {
      .name = "layer", .tests = TU_TESTS(tests), .setup = fx_setup, .teardown = fx_teardown};
  return tu_main("layer", &tc, 1);
}
