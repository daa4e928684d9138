/* Test fixtures for the renderer and the layer module: small thematic
 * shapefiles written with shapelib at test time, following the layer
 * contract of shapes/ (field names, types, ids), so that the renderer's
 * tests do not depend on the exact geometry of the bundled thematic data.
 * The bundled basemap is linked in beside them.  Header-only: each test
 * program that includes it gets its own static copies. */
#ifndef GAZMAP_RENDER_FIXTURE_H
#define GAZMAP_RENDER_FIXTURE_H

#define _GNU_SOURCE
#include "testutil.h"

#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct fx_field {
  const char *name;
  char type; /* 'C' text, 'N' integer, 'D' date */
  int width;
} fx_field;

#define FX_MAX_ATTRS 8
#define FX_MAX_POINTS 16

typedef struct fx_feature {
  const char *attrs[FX_MAX_ATTRS];
  int n; /* vertices */
  double xy[2 * FX_MAX_POINTS];
} fx_feature;

/* A rectangle as a closed clockwise ring (the shapefile's outer-ring order). */
#define FX_RECT(x0, y0, x1, y1)                                                                    \
  5, {                                                                                             \
    x0, y0, x0, y1, x1, y1, x1, y0, x0, y0                                                         \
  }

static const fx_field fx_handover_fields[] = {
    {"id", 'C', 40},      {"name", 'C', 60},  {"status", 'C', 10}, {"article", 'C', 10},
    {"deadline", 'D', 8}, {"handed", 'D', 8}, {"note", 'C', 120},  {"schematic", 'N', 1}};

/* Rectangles standing for the districts, around their real towns. */
static const fx_feature fx_handover[] = {
    {{"aghdam-district", "Aghdam", "handover", "2", "20201120", "20201120", "", "1"},
     FX_RECT(46.60, 39.86, 47.20, 40.15)},
    {{"kalbajar-district", "Kalbajar", "handover", "6", "20201115", "20201125",
      "postponed from 15 to 25 November", "1"},
     FX_RECT(45.85, 39.86, 46.45, 40.35)},
    {{"lachin-district", "Lachin", "handover", "6", "20201201", "20201201",
      "except the Lachin corridor", "1"},
     FX_RECT(46.20, 39.30, 46.55, 39.80)},
    {{"fuzuli-district", "Fuzuli", "war", "", "", "", "", "1"},
     FX_RECT(47.00, 39.40, 47.40, 39.68)},
};

static const fx_field fx_pk_fields[] = {{"id", 'C', 40},   {"name", 'C', 60},
                                        {"kind", 'C', 10}, {"article", 'C', 10},
                                        {"since", 'D', 8}, {"schematic", 'N', 1}};
static const fx_feature fx_pk[] = {
    {{"pk-zone", "Peacekeeping zone", "zone", "3", "20201110", "1"},
     FX_RECT(46.62, 39.55, 46.95, 39.84)},
    {{"lachin-corridor", "Lachin corridor", "corridor", "6", "20201110", "1"},
     FX_RECT(46.40, 39.60, 46.62, 39.64)},
};

static const fx_field fx_patrol_fields[] = {{"id", 'C', 40},
                                            {"name", 'C', 60},
                                            {"name_alt", 'C', 60},
                                            {"since", 'D', 8},
                                            {"schematic", 'N', 1}};
static const fx_feature fx_patrols[] = {
    {{"patrol-shusha", "Shusha", "Shushi", "20201110", "1"}, 2, {46.70, 39.72, 46.78, 39.80}},
};

static const fx_field fx_route_fields[] = {{"id", 'C', 40},       {"name", 'C', 80},
                                           {"highway", 'C', 20},  {"mode", 'C', 6},
                                           {"schematic", 'N', 1}, {"note", 'C', 80}};
static const fx_feature fx_routes[] = {
    {{"route-ijevan-qazax", "Ijevan - Qazax", "R13, H37", "road", "0", ""},
     2,
     {45.14851, 40.87877, 45.36561, 41.09246}},
    {{"route-berd-tovuz", "Berd - Tovuz", "", "road", "1", ""},
     2,
     {45.38901, 40.88135, 45.62838, 40.99249}},
    {{"route-angeghakot-bichanak", "Angeghakot - Bichanak", "E117", "road", "1", ""},
     2,
     {45.94452, 39.56952, 45.79800, 39.52800}},
    {{"route-horadiz-meghri-ordubad", "Horadiz - Meghri - Ordubad", "E002", "road", "1", ""},
     3,
     {47.33496, 39.45015, 46.24458, 38.90292, 46.02274, 38.90961}},
    {{"rail-yeraskh-horadiz", "Yeraskh - Ordubad - Meghri - Horadiz", "", "rail", "1", ""},
     4,
     {44.80000, 39.76000, 46.02274, 38.88, 46.24458, 38.88, 47.33496, 39.42}},
};

static const fx_field fx_site_fields[] = {
    {"id", 'C', 40}, {"name", 'C', 80}, {"kind", 'C', 20}, {"opened", 'D', 8}};
static const fx_feature fx_sites[] = {
    {{"monitoring-centre", "Joint Monitoring Centre", "site", "20210130"}, 1, {47.03, 40.05}},
};

/* Writes <dir>/<name>.shp/.shx/.dbf/.cpg; returns 0 or -1. */
static int fx_write_layer(const char *dir, const char *name, int type, const fx_field *fields,
                          int nf, const fx_feature *feats, int n) {
  char stem[4096], cpg[4200];
  SHPHandle shp;
  DBFHandle dbf;
  int i, f, ok = 1;
  FILE *c;

  snprintf(stem, sizeof stem, "%s/%s", dir, name);
  shp = SHPCreate(stem, type);
  dbf = DBFCreateEx(stem, "UTF-8");
  if (!shp || !dbf) {
    return -1;
  }
  for (f = 0; f < nf; f++) {
    DBFAddNativeFieldType(dbf, fields[f].name, fields[f].type, fields[f].width, 0);
  }
  for (i = 0; i < n; i++) {
    double x[FX_MAX_POINTS], y[FX_MAX_POINTS];
    SHPObject *o;
    int v;
    for (v = 0; v < feats[i].n; v++) {
      x[v] = feats[i].xy[2 * v];
      y[v] = feats[i].xy[2 * v + 1];
    }
    o = SHPCreateSimpleObject(type, feats[i].n, x, y, NULL);
    ok = ok && o && SHPWriteObject(shp, -1, o) >= 0;
    SHPDestroyObject(o);
    for (f = 0; f < nf; f++) {
      const char *a = feats[i].attrs[f] ? feats[i].attrs[f] : "";
      /* shapelib's string writer treats date and number fields as doubles;
       * dates are written as their raw "YYYYMMDD" bytes instead. */
      if (*a && fields[f].type == 'D') {
        DBFWriteAttributeDirectly(dbf, i, f, (void *)a);
      } else if (*a && fields[f].type == 'N') {
        DBFWriteIntegerAttribute(dbf, i, f, (int)strtol(a, NULL, 10));
      } else if (*a) {
        DBFWriteStringAttribute(dbf, i, f, a);
      } else {
        DBFWriteNULLAttribute(dbf, i, f);
      }
    }
  }
  SHPClose(shp);
  DBFClose(dbf);
  snprintf(cpg, sizeof cpg, "%s.cpg", stem);
  c = fopen(cpg, "w");
  if (c) {
    fputs("UTF-8", c);
    fclose(c);
  }
  return ok ? 0 : -1;
}

#define FX_N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A fresh directory with the bundled basemap (symbolic links) and the
 * fixture thematic layers.  Caller frees the path and removes the dir. */
static char *fx_shapes_dir(void) {
  static const char *const base[] = {"countries", "admin1", "lakes",    "rivers",
                                     "mainroads", "nkao1991", "loc1994", "loc2020"};
  static const char *const exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
  char *dir = tu_temp_dir();
  const char *data = getenv("GAZMAP_DATA_DIR");
  size_t i, e;
  if (!dir || !data) {
    free(dir);
    return NULL;
  }
  for (i = 0; i < sizeof base / sizeof base[0]; i++) {
    for (e = 0; e < sizeof exts / sizeof exts[0]; e++) {
      char from[4096], to[4096];
      snprintf(from, sizeof from, "%s/shapes/%s%s", data, base[i], exts[e]);
      snprintf(to, sizeof to, "%s/%s%s", dir, base[i], exts[e]);
      if (access(from, F_OK) == 0 && symlink(from, to) != 0) {
        free(dir);
        return NULL;
      }
    }
  }
  if (fx_write_layer(dir, "handover", SHPT_POLYGON, fx_handover_fields, FX_N(fx_handover_fields),
                     fx_handover, FX_N(fx_handover)) < 0 ||
      fx_write_layer(dir, "peacekeeping", SHPT_POLYGON, fx_pk_fields, FX_N(fx_pk_fields), fx_pk,
                     FX_N(fx_pk)) < 0 ||
      fx_write_layer(dir, "patrols", SHPT_ARC, fx_patrol_fields, FX_N(fx_patrol_fields), fx_patrols,
                     FX_N(fx_patrols)) < 0 ||
      fx_write_layer(dir, "routes", SHPT_ARC, fx_route_fields, FX_N(fx_route_fields), fx_routes,
                     FX_N(fx_routes)) < 0 ||
      fx_write_layer(dir, "sites", SHPT_POINT, fx_site_fields, FX_N(fx_site_fields), fx_sites,
                     FX_N(fx_sites)) < 0) {
    free(dir);
    return NULL;
  }
  return dir;
}

/* The fixture shapes directory of the test being run: fx_setup() makes it
 * and fx_teardown() removes it (a checked fixture, or called from one that
 * sets up more). */
static char *shapes;

static inline void fx_setup(void) {
  shapes = fx_shapes_dir();
  ck_assert_msg(shapes != NULL, "cannot build the fixture shapes");
}

static inline void fx_teardown(void) {
  tu_remove_tree(shapes);
  free(shapes);
  shapes = NULL;
}

#endif
