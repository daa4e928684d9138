/* The bundled shapes agree with the gazetteer: every vertex of a thematic line
 * (data/lines.tsv: routes, patrols, sites) is the coordinate of the gazetteer
 * place it names, so editing a coordinate without re-running
 * tools/shapes/make-shapes fails here.  Also: every layer of the contract
 * exists with its .prj and UTF-8 .cpg, and its .shp and .shx headers give the
 * bounding box of its records (gazmap does not read that box, other GIS tools
 * do; a hand-patched coordinate leaves it stale). */
#define _GNU_SOURCE
#include "testutil.h"

#include "gazmap/gazmap.h"

#include "map/layers.h"

#include <check.h>
#include <math.h>
#include <shapefil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static gazmap_gazetteer *gaz;

static void setup(void) {
  ck_assert_int_eq(gazmap_gazetteer_open(&gaz, NULL), 0);
}

static void teardown(void) {
  gazmap_gazetteer_free(gaz);
}

static char *shape_path(const char *layer, const char *ext) {
  char rel[256];
  snprintf(rel, sizeof rel, "shapes/%s.%s", layer, ext);
  return gazmap_data_path(rel);
}

/* The bundled shapefiles: every shapefile layer of the registry, then the
 * inset's caucasus.shp (not a layer of its own). */
static size_t n_shapefiles(void) {
  size_t i, n = 0;
  for (i = 0; i < gz_layers_count(); i++) {
    n += gz_layers_at(i)->source == GZ_SOURCE_SHAPEFILE;
  }
  return n + 1;
}

static const char *shapefile(size_t k) {
  size_t i;
  for (i = 0; i < gz_layers_count(); i++) {
    if (gz_layers_at(i)->source == GZ_SOURCE_SHAPEFILE && k-- == 0) {
      return gz_layers_at(i)->name;
    }
  }
  return "caucasus";
}

START_TEST(layer_files_complete) {
  static const char *const exts[] = {"shp", "shx", "dbf", "prj", "cpg"};
  const char *layer = shapefile((size_t)_i);
  size_t e;
  for (e = 0; e < sizeof exts / sizeof exts[0]; e++) {
    char *p = shape_path(layer, exts[e]);
    ck_assert_msg(p && access(p, R_OK) == 0, "missing %s", p ? p : layer);
    if (!strcmp(exts[e], "cpg")) {
      char *cpg = tu_read_file(p, NULL);
      ck_assert_msg(cpg && strstr(cpg, "UTF-8"), "%s does not say UTF-8: %s", p, cpg);
      free(cpg);
    }
    free(p);
  }
}
END_TEST

/* The header box (bytes 36..67, xmin ymin xmax ymax, little-endian doubles)
 * of the file `layer`.`ext`; the .shp and .shx headers are alike. */
static void header_box(const char *layer, const char *ext, double box[4]) {
  char *p = shape_path(layer, ext);
  size_t len = 0, k;
  unsigned char *b = p ? (unsigned char *)tu_read_file(p, &len) : NULL;
  ck_assert_msg(b && len >= 100, "cannot read the header of %s", p ? p : layer);
  for (k = 0; k < 4; k++) {
    uint64_t u = 0;
    int j;
    for (j = 7; j >= 0; j--) {
      u = u << 8 | b[36 + 8 * k + (size_t)j];
    }
    memcpy(&box[k], &u, sizeof box[k]);
  }
  free(b);
  free(p);
}

START_TEST(header_box_is_records_box) {
  const char *layer = shapefile((size_t)_i);
  char *p = shape_path(layer, "shp");
  SHPHandle shp = p ? SHPOpen(p, "rb") : NULL;
  static const char *const names[] = {"xmin", "ymin", "xmax", "ymax"};
  double rec[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY}, shp_box[4], shx_box[4];
  int i, n = 0, k;
  ck_assert_msg(shp != NULL, "cannot open %s", p ? p : layer);
  SHPGetInfo(shp, &n, NULL, NULL, NULL);
  ck_assert_int_gt(n, 0);
  for (i = 0; i < n; i++) {
    SHPObject *o = SHPReadObject(shp, i);
    ck_assert_ptr_nonnull(o);
    rec[0] = fmin(rec[0], o->dfXMin);
    rec[1] = fmin(rec[1], o->dfYMin);
    rec[2] = fmax(rec[2], o->dfXMax);
    rec[3] = fmax(rec[3], o->dfYMax);
    SHPDestroyObject(o);
  }
  SHPClose(shp);
  header_box(layer, "shp", shp_box);
  header_box(layer, "shx", shx_box);
  for (k = 0; k < 4; k++) {
    ck_assert_msg(shp_box[k] == rec[k] && shx_box[k] == rec[k],
                  "%s: header box %s %.9g in .shp, %.9g in .shx, %.9g from the records "
                  "(re-run tools/shapes/make-shapes)",
                  p, names[k], shp_box[k], shx_box[k], rec[k]);
  }
  free(p);
}
END_TEST

/* Finds the record whose `id` attribute is `id`; -1 when none. */
static int find_record(DBFHandle dbf, const char *id) {
  int field = DBFGetFieldIndex(dbf, "id"), i, n = DBFGetRecordCount(dbf);
  ck_assert_int_ge(field, 0);
  for (i = 0; i < n; i++) {
    if (!strcmp(DBFReadStringAttribute(dbf, i, field), id)) {
      return i;
    }
  }
  return -1;
}

START_TEST(line_vertices_come_from_gazetteer) {
  char *lines = tu_read_file(tu_test_path("../data/lines.tsv"), NULL);
  char *save = NULL, *line;
  int checked = 0;
  ck_assert_msg(lines != NULL, "cannot read data/lines.tsv");
  for (line = strtok_r(lines, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *f[11];
    size_t nf = 0;
    char *p = line, *shp_path, *dbf_path, *vsave = NULL, *v;
    SHPHandle shp;
    DBFHandle dbf;
    SHPObject *obj;
    int rec, k = 0;
    if (line[0] == '#' || !strncmp(line, "layer\t", 6)) {
      continue;
    }
    while (nf < 11) {
      f[nf++] = p;
      p = strchr(p, '\t');
      if (!p) {
        break;
      }
      *p++ = '\0';
    }
    ck_assert_msg(nf >= 9, "data/lines.tsv row with %zu columns", nf);
    if (strcmp(f[0], "routes") && strcmp(f[0], "patrols") && strcmp(f[0], "sites")) {
      continue; /* corridor axes and cut rings shape polygons, not features */
    }
    shp_path = shape_path(f[0], "shp");
    dbf_path = shape_path(f[0], "dbf");
    shp = SHPOpen(shp_path, "rb");
    dbf = DBFOpen(dbf_path, "rb");
    ck_assert_msg(shp && dbf, "cannot open %s", shp_path);
    rec = find_record(dbf, f[1]);
    ck_assert_msg(rec >= 0, "%s has no feature %s", shp_path, f[1]);
    obj = SHPReadObject(shp, rec);
    ck_assert_ptr_nonnull(obj);
    for (v = strtok_r(f[8], ",", &vsave); v; v = strtok_r(NULL, ",", &vsave), k++) {
      const gazmap_place *pl = gazmap_gazetteer_find_id(gaz, v);
      ck_assert_msg(pl != NULL, "%s vertex %s is not in the gazetteer", f[1], v);
      ck_assert_msg(k < obj->nVertices, "%s: more ids than vertices", f[1]);
      ck_assert_msg(fabs(obj->padfX[k] - gazmap_place_lon(pl)) < 1e-6 &&
                        fabs(obj->padfY[k] - gazmap_place_lat(pl)) < 1e-6,
                    "%s vertex %d (%s): shape has %.6f,%.6f, gazetteer %.6f,%.6f "
                    "(re-run tools/shapes/make-shapes)",
                    f[1], k, v, obj->padfY[k], obj->padfX[k], gazmap_place_lat(pl),
                    gazmap_place_lon(pl));
      checked++;
    }
    ck_assert_msg(k == obj->nVertices, "%s: %d ids but %d vertices", f[1], k, obj->nVertices);
    SHPDestroyObject(obj);
    SHPClose(shp);
    DBFClose(dbf);
    free(shp_path);
    free(dbf_path);
  }
  ck_assert_int_gt(checked, 20);
  free(lines);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_LOOP(layer_files_complete, n_shapefiles()),
                     TU_LOOP(header_box_is_records_box, n_shapefiles()),
                     TU_TEST(line_vertices_come_from_gazetteer)};
  tu_tcase tc = {
      .name = "consistency", .tests = TU_TESTS(tests), .setup = setup, .teardown = teardown};
  return tu_main("shapes", &tc, 1);
}
