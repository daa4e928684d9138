/* Overlays (gazmap/overlay.h): what a CSV, GeoJSON or shapefile of the
 * user's reads as (geometry, features, labels, looks), and the one-line
 * errors of bad files. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "map/overlay_internal.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gazmap_overlay *read_text(const char *text, const char *suffix, int *rc) {
  char *path = tu_write_temp(text, strlen(text), suffix);
  gazmap_overlay *ov = NULL;
  ck_assert_ptr_nonnull(path);
  *rc = gazmap_overlay_read(&ov, path, NULL);
  unlink(path);
  free(path);
  return ov;
}

/* CSV tables: the coordinate columns by name in either order, separators,
 * quotes, labels. */
static const struct {
  const char *text, *suffix;
  size_t n;
  double lon0, lat0;
  const char *label0;
} csvs[] = {
    {"name,lat,lon\nShusha,39.76006,46.74989\n", ".csv", 1, 46.74989, 39.76006, "Shusha"},
    {"lon,lat,name\n46.74989,39.76006,Shusha\n", ".csv", 1, 46.74989, 39.76006, "Shusha"},
    {"Longitude;Latitude;Label\n46.5;39.6;a\n46.6;39.7;b\n", ".csv", 2, 46.5, 39.6, "a"},
    {"lat\tlng\ttitle\n39.6\t46.5\tx y\n", ".tsv", 1, 46.5, 39.6, "x y"},
    {"name,lat,lon\n\"Fuzuli, town\",39.60094,47.14529\n\n", ".csv", 1, 47.14529, 39.60094,
     "Fuzuli, town"},
    {"\xEF\xBB\xBFname,lat,lon\r\n\"say \"\"hi\"\"\",1,2\r\n", ".csv", 1, 2, 1, "say \"hi\""},
};

START_TEST(csv_reads) {
  int rc;
  gazmap_overlay *ov = read_text(csvs[_i].text, csvs[_i].suffix, &rc);
  double b[4];
  ck_assert_msg(rc == 0, "case %d: %s", _i, gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_overlay_count(ov), csvs[_i].n);
  ck_assert_int_eq(gazmap_overlay_geom(ov), GAZMAP_GEOM_POINT);
  gazmap_overlay_bounds(ov, b);
  ck_assert_msg(fabs(b[0] - csvs[_i].lon0) < 1e-9 && fabs(b[1] - csvs[_i].lat0) < 1e-9,
                "case %d: first point %g,%g, expected lon %g lat %g", _i, b[0], b[1], csvs[_i].lon0,
                csvs[_i].lat0);
  ck_assert_str_eq(gazmap_overlay_label(ov, 0), csvs[_i].label0);
  gazmap_overlay_free(ov);
}
END_TEST

/* Bad files: the code and the message (with the line or the feature). */
static const struct {
  const char *text, *suffix;
  int code;
  const char *message;
} bad[] = {
    {"name,lat,lon\nA,1,2\nB,95,2\n", ".csv", GAZMAP_ERANGE, ":3: coordinate lat 95, lon 2"},
    {"name,lat,lon\nA,1,200\n", ".csv", GAZMAP_ERANGE, ":2: coordinate lat 1, lon 200"},
    {"name,place\nA,x\n", ".csv", GAZMAP_EPARSE, ":1: the header has no latitude column"},
    {"lat,name\n1,x\n", ".csv", GAZMAP_EPARSE, ":1: the header has no longitude column"},
    {"name,lat,lon\nA,1\n", ".csv", GAZMAP_EPARSE, ":2: 2 fields where the header has 3"},
    {"name,lat,lon\nA,north,2\n", ".csv", GAZMAP_EPARSE, ":2: 'north, 2' is not a latitude"},
    {"name,lat,lon\n\"A,1,2\n", ".csv", GAZMAP_EPARSE, ":2: unclosed quote"},
    {"name,lat,lon\nA\xff,1,2\n", ".csv", GAZMAP_EUTF8, ":2: not UTF-8"},
    {"name,lat,lon,marker-size\nA,1,2,huge\n", ".csv", GAZMAP_EPARSE,
     ":2: marker-size 'huge' is not a simplestyle value"},
    {"{\"type\": \"FeatureCollection\",\n \"features\": [}\n", ".geojson", GAZMAP_EPARSE,
     ":2: invalid JSON"},
    {"{\"type\": \"Point\", \"coordinates\": [46, 91]}", ".geojson", GAZMAP_ERANGE,
     "feature 1: coordinate lat 91, lon 46"},
    {"{\"type\": \"GeometryCollection\", \"geometries\": []}", ".json", GAZMAP_EPARSE,
     "feature 1: geometry type 'GeometryCollection' is not drawn"},
    {"{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": "
     "{\"type\": \"Polygon\", \"coordinates\": [[[46, 39], [47, 39], [46, 39]]]}}]}",
     ".geojson", GAZMAP_EPARSE, "feature 1: a line or ring needs an array of at least 4"},
    {"{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": "
     "{\"type\": \"Point\", \"coordinates\": [46, 39]}}, {\"type\": \"Feature\", \"geometry\": "
     "{\"type\": \"Polygon\", \"coordinates\": [[[46, 39], [47, 39], [47, 40], [46, 39]]]}}]}",
     ".geojson", GAZMAP_EPARSE, "feature 2: mixed geometry: polygons in a file of points"},
    {"[1, 2]", ".geojson", GAZMAP_EPARSE, "not GeoJSON"},
    /* Empty Multi- geometries are GeoJSON with nothing to draw. */
    {"{\"type\": \"MultiPoint\", \"coordinates\": []}", ".geojson", GAZMAP_EPARSE,
     "feature 1: an empty MultiPoint has nothing to draw"},
    {"{\"type\": \"MultiLineString\", \"coordinates\": []}", ".geojson", GAZMAP_EPARSE,
     "feature 1: an empty MultiLineString has nothing to draw"},
    {"{\"type\": \"MultiPolygon\", \"coordinates\": [[]]}", ".geojson", GAZMAP_EPARSE,
     "feature 1: an empty MultiPolygon has nothing to draw"},
    {"x", ".kml", GAZMAP_EINVAL, "cannot tell the format from the name"},
    /* A quoted value over two lines is quoted in one line of error. */
    {"name,lat,lon,marker-color\nA,1,2,\"red\nblue\"\n", ".csv", GAZMAP_EPARSE,
     ":2: marker-color 'red\\nblue' is not a simplestyle value"},
};

START_TEST(bad_files) {
  int rc;
  gazmap_overlay *ov = read_text(bad[_i].text, bad[_i].suffix, &rc);
  const char *msg = gazmap_error_last()->message;
  char where[512];
  const gazmap_error *e = gazmap_error_last();
  snprintf(where, sizeof where, "%s:%lu: %s", e->file ? e->file : "", e->line, msg);
  ck_assert_ptr_null(ov);
  ck_assert_msg(rc == bad[_i].code, "case %d: code %d, expected %d (%s)", _i, rc, bad[_i].code,
                where);
  ck_assert_msg(strstr(where, bad[_i].message) != NULL, "case %d: \"%s\" lacks \"%s\"", _i, where,
                bad[_i].message);
}
END_TEST

/* gz_overlay_read_mem (the fuzzer's way in) reads each text above as the
 * file reader does: the same code, message, features, bounds and label. */
START_TEST(memory_reads_as_the_file_reader) {
  size_t n_csvs = sizeof csvs / sizeof csvs[0];
  const char *text = (size_t)_i < n_csvs ? csvs[_i].text : bad[_i - n_csvs].text;
  const char *suffix = (size_t)_i < n_csvs ? csvs[_i].suffix : bad[_i - n_csvs].suffix;
  gazmap_overlay *from_file, *from_mem = NULL;
  char name[32], *file_msg;
  int file_rc, mem_rc;
  double bf[4], bm[4];
  from_file = read_text(text, suffix, &file_rc);
  file_msg = strdup(gazmap_error_last()->message);
  snprintf(name, sizeof name, "mem%s", suffix);
  mem_rc = gz_overlay_read_mem(&from_mem, name, text, strlen(text), NULL);
  ck_assert_msg(mem_rc == file_rc, "case %d: %d from memory, %d from a file", _i, mem_rc, file_rc);
  if (file_rc < 0) {
    ck_assert_ptr_null(from_mem);
    ck_assert_str_eq(gazmap_error_last()->message, file_msg);
    ck_assert_str_eq(gazmap_error_last()->file, name);
  } else {
    ck_assert_uint_eq(gazmap_overlay_count(from_mem), gazmap_overlay_count(from_file));
    gazmap_overlay_bounds(from_file, bf);
    gazmap_overlay_bounds(from_mem, bm);
    ck_assert(!memcmp(bf, bm, sizeof bf));
    ck_assert_str_eq(gazmap_overlay_label(from_mem, 0), gazmap_overlay_label(from_file, 0));
    ck_assert_str_eq(gazmap_overlay_title(from_mem), "mem");
  }
  free(file_msg);
  gazmap_overlay_free(from_file);
  gazmap_overlay_free(from_mem);
}
END_TEST

/* GeoJSON: each kind, parts of multi-geometries and the holes of polygons,
 * the label property, simplestyle looks. */
START_TEST(geojson_reads_looks_and_parts) {
  int rc;
  gazmap_overlay *ov = read_text(
      "{\"type\": \"FeatureCollection\", \"features\": ["
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"n\", \"title\": \"T\", \"fill\": "
      "\"#f00\", \"fill-opacity\": 0.5, \"stroke-width\": 3},"
      " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[46, 39], [47, 39], [47, 40], "
      "[46, 39]], [[46.5, 39.2], [46.8, 39.2], [46.8, 39.5], [46.5, 39.2]]]}},"
      "{\"type\": \"Feature\", \"properties\": null, \"geometry\": null},"
      "{\"type\": \"Feature\", \"properties\": {\"label\": 7}, \"geometry\": {\"type\": "
      "\"MultiPolygon\", \"coordinates\": [[[[44, 40], [45, 40], [45, 41], [44, 40]]], [[[43, "
      "41], [43.5, 41], [43.5, 41.5], [43, 41]]]]}}]}",
      ".geojson", &rc);
  const gz_ov_feature *f;
  ck_assert_msg(rc == 0, "%s", gazmap_error_last()->message);
  ck_assert_uint_eq(gazmap_overlay_count(ov), 2); /* the null geometry is skipped */
  ck_assert_int_eq(gazmap_overlay_geom(ov), GAZMAP_GEOM_POLYGON);
  ck_assert_str_eq(gazmap_overlay_label(ov, 0), "T"); /* title before name */
  ck_assert_str_eq(gazmap_overlay_label(ov, 1), "7");
  f = &ov->f[0];
  ck_assert_uint_eq(f->n_parts, 2);
  ck_assert_uint_eq(ov->f[1].n_parts, 2);
  ck_assert_uint_eq(f->look.has, GZ_OV_FILL | GZ_OV_FILL_OPACITY | GZ_OV_STROKE_WIDTH);
  ck_assert(f->look.fill.r == 1 && f->look.fill.g == 0 && f->look.fill_opacity == 0.5);
  ck_assert(f->look.stroke_width == 3);
  ck_assert_uint_eq(ov->f[1].look.has, 0);
  gazmap_overlay_free(ov);
}
END_TEST

/* A shapefile reads through gazmap_layer_read: the bundled patrol lines. */
START_TEST(shapefile_reads) {
  gazmap_overlay *ov = NULL;
  char *path = NULL;
  ck_assert_int_ge(asprintf(&path, "%s/../shapes/patrols.shp", getenv("GAZMAP_TEST_DIR")), 0);
  ck_assert_msg(gazmap_overlay_read(&ov, path, NULL) == 0, "%s", gazmap_error_last()->message);
  ck_assert_int_eq(gazmap_overlay_geom(ov), GAZMAP_GEOM_LINE);
  ck_assert_uint_gt(gazmap_overlay_count(ov), 0);
  ck_assert_str_eq(gazmap_overlay_title(ov), "patrols");
  ck_assert_str_ne(gazmap_overlay_label(ov, 0), "");
  gazmap_overlay_free(ov);
  free(path);
}
END_TEST

/* A shapefile's labels are checked for UTF-8 (a CSV or GeoJSON file is
 * checked whole): the sites' DBF with every 'J' turned into byte 0xFF. */
START_TEST(shapefile_label_not_utf8) {
  const char *ext[] = {".shp", ".shx", ".dbf"};
  char *dir = tu_temp_dir(), *src = NULL, *dst = NULL, *data;
  gazmap_overlay *ov = NULL;
  size_t i, len, j;
  FILE *f;
  ck_assert_ptr_nonnull(dir);
  for (i = 0; i < 3; i++) {
    ck_assert_int_ge(asprintf(&src, "%s/../shapes/sites%s", getenv("GAZMAP_TEST_DIR"), ext[i]), 0);
    ck_assert_int_ge(asprintf(&dst, "%s/sites%s", dir, ext[i]), 0);
    data = tu_read_file(src, &len);
    ck_assert_ptr_nonnull(data);
    for (j = 32; i == 2 && j < len; j++) {
      data[j] = data[j] == 'J' ? (char)0xff : data[j];
    }
    ck_assert_ptr_nonnull(f = fopen(dst, "wb"));
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
    free(data);
    free(src);
    if (i < 2) {
      free(dst);
    }
  }
  memcpy(dst + strlen(dst) - 4, ".shp", 4);
  ck_assert_int_eq(gazmap_overlay_read(&ov, dst, NULL), GAZMAP_EUTF8);
  ck_assert_msg(strstr(gazmap_error_last()->message, "feature 1: its label is not UTF-8"), "%s",
                gazmap_error_last()->message);
  ck_assert_ptr_null(ov);
  for (i = 0; i < 3; i++) {
    memcpy(dst + strlen(dst) - 4, ext[i], 4);
    unlink(dst);
  }
  rmdir(dir);
  free(dst);
  free(dir);
}
END_TEST

/* Options: the title, attribution and colour; bad ones are refused. */
START_TEST(options) {
  gazmap_overlay_opts o = GAZMAP_OVERLAY_OPTS_INIT;
  gazmap_overlay *ov = NULL;
  char *path = tu_write_temp("lat,lon\n1,2\n", 12, ".csv");
  o.title = "Mine";
  o.attribution = "me, CC0";
  o.color = "#00ff00";
  ck_assert_int_eq(gazmap_overlay_read(&ov, path, &o), 0);
  ck_assert_str_eq(gazmap_overlay_title(ov), "Mine");
  ck_assert_str_eq(gazmap_overlay_attribution(ov), "me, CC0");
  ck_assert(ov->has_color && ov->color.g == 1 && ov->color.r == 0);
  ck_assert_str_eq(gazmap_overlay_label(ov, 0), "");
  gazmap_overlay_free(ov);
  o.color = "green";
  ck_assert_int_eq(gazmap_overlay_read(&ov, path, &o), GAZMAP_EINVAL);
  o.color = NULL;
  o.title = "bad\x01title";
  ck_assert_int_eq(gazmap_overlay_read(&ov, path, &o), GAZMAP_EINVAL);
  o.title = NULL;
  o.label_field = "nope";
  ck_assert_int_eq(gazmap_overlay_read(&ov, path, &o), GAZMAP_EPARSE);
  ck_assert_ptr_null(ov);
  unlink(path);
  free(path);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(csv_reads, csvs),
                     TU_ROWS(bad_files, bad),
                     TU_LOOP(memory_reads_as_the_file_reader,
                             sizeof csvs / sizeof csvs[0] + sizeof bad / sizeof bad[0]),
                     TU_TEST(geojson_reads_looks_and_parts),
                     TU_TEST(shapefile_reads),
                     TU_TEST(shapefile_label_not_utf8),
                     TU_TEST(options)};
  return tu_main_tests("overlay", 0, TU_TESTS(tests));
}
