/* Map layers: reading shapefiles with shapelib, building the places layer
 * from the gazetteer, and writing layers as GeoJSON (jansson) or shapefiles. */
#define _GNU_SOURCE
#include "gazmap/layer.h"

#include "gazmap/data.h"

#include "map/layer_internal.h"
#include "map/layers.h"
#include "util/error.h"
#include "util/file.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* DBF field names are at most 11 bytes; shapelib wants room for 12. */
#define FIELD_NAME_CAP 12

struct gazmap_layer {
  char *name;
  gazmap_geom geom;
  size_t n_fields;
  char **field_names;
  char *field_types; /* DBF native type per field: 'C' 'N' 'F' 'D' 'L' */
  int *field_widths, *field_decimals;
  size_t n_features;
  char **attrs;       /* n_features * n_fields strings, each malloc'd */
  size_t *feat_part0; /* n_features + 1 offsets into part_v0 */
  size_t *part_v0;    /* n_parts + 1 offsets into xy (in vertices) */
  double *xy;         /* lon, lat pairs */
  size_t n_parts, n_vertices;
  size_t cap_parts, cap_vertices;
  double bounds[4];
};

/* ---- building ----------------------------------------------------------- */

static gazmap_layer *layer_new(const char *name, gazmap_geom geom) {
  gazmap_layer *l = calloc(1, sizeof *l);
  if (!l) {
    return NULL;
  }
  l->name = strdup(name);
  l->geom = geom;
  l->bounds[0] = l->bounds[1] = INFINITY;
  l->bounds[2] = l->bounds[3] = -INFINITY;
  if (!l->name) {
    free(l);
    return NULL;
  }
  return l;
}

static int set_fields(gazmap_layer *l, size_t n) {
  l->n_fields = n;
  l->field_names = calloc(n ? n : 1, sizeof *l->field_names);
  l->field_types = calloc(n ? n : 1, 1);
  l->field_widths = calloc(n ? n : 1, sizeof *l->field_widths);
  l->field_decimals = calloc(n ? n : 1, sizeof *l->field_decimals);
  if (!l->field_names || !l->field_types || !l->field_widths || !l->field_decimals) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  return 0;
}

static int set_feature_count(gazmap_layer *l, size_t n) {
  l->n_features = n;
  l->attrs = calloc(n * l->n_fields + 1, sizeof *l->attrs);
  l->feat_part0 = calloc(n + 1, sizeof *l->feat_part0);
  l->part_v0 = malloc(sizeof *l->part_v0);
  if (!l->attrs || !l->feat_part0 || !l->part_v0) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  l->part_v0[0] = 0;
  return 0;
}

/* Appends one part of `n` vertices (x[], y[] or interleaved xy when y is
 * NULL) to the feature being built; features are built in order. */
static int add_part(gazmap_layer *l, const double *x, const double *y, size_t n) {
  size_t i;
  if (l->n_parts + 2 > l->cap_parts) {
    size_t cap = l->cap_parts ? l->cap_parts * 2 : 64;
    size_t *np = realloc(l->part_v0, (cap + 1) * sizeof *np);
    if (!np) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    l->part_v0 = np;
    l->cap_parts = cap;
  }
  if (l->n_vertices + n > l->cap_vertices) {
    size_t cap = l->cap_vertices ? l->cap_vertices : 1024;
    double *nx;
    while (cap < l->n_vertices + n) {
      cap *= 2;
    }
    nx = realloc(l->xy, cap * 2 * sizeof *nx);
    if (!nx) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    l->xy = nx;
    l->cap_vertices = cap;
  }
  for (i = 0; i < n; i++) {
    double lon = y ? x[i] : x[2 * i], lat = y ? y[i] : x[2 * i + 1];
    l->xy[2 * (l->n_vertices + i)] = lon;
    l->xy[2 * (l->n_vertices + i) + 1] = lat;
    l->bounds[0] = fmin(l->bounds[0], lon);
    l->bounds[1] = fmin(l->bounds[1], lat);
    l->bounds[2] = fmax(l->bounds[2], lon);
    l->bounds[3] = fmax(l->bounds[3], lat);
  }
  l->n_vertices += n;
  l->n_parts++;
  l->part_v0[l->n_parts] = l->n_vertices;
  return 0;
}

static int set_attr(gazmap_layer *l, size_t feature, size_t field, const char *value) {
  char *copy = strdup(value ? value : "");
  if (!copy) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  free(l->attrs[feature * l->n_fields + field]);
  l->attrs[feature * l->n_fields + field] = copy;
  return 0;
}

void gazmap_layer_free(gazmap_layer *l) {
  size_t i;
  if (!l) {
    return;
  }
  if (l->attrs) {
    for (i = 0; i < l->n_features * l->n_fields; i++) {
      free(l->attrs[i]);
    }
  }
  if (l->field_names) {
    for (i = 0; i < l->n_fields; i++) {
      free(l->field_names[i]);
    }
  }
  free(l->attrs);
  free(l->field_names);
  free(l->field_types);
  free(l->field_widths);
  free(l->field_decimals);
  free(l->feat_part0);
  free(l->part_v0);
  free(l->xy);
  free(l->name);
  free(l);
}

/* ---- reading shapefiles --------------------------------------------------- */

/* shapelib reports problems through a hook that would print to stderr; the
 * library must not print, so the message is kept for the error instead. */
static _Thread_local char shapelib_msg[256];

static void shapelib_error(const char *message) {
  snprintf(shapelib_msg, sizeof shapelib_msg, "%s", message);
}

static void quiet_hooks(SAHooks *hooks) {
  SASetupDefaultHooks(hooks);
  hooks->Error = shapelib_error;
}

static gazmap_geom geom_of(int shp_type) {
  switch (shp_type) {
  case SHPT_POINT:
  case SHPT_POINTZ:
  case SHPT_POINTM:
  case SHPT_MULTIPOINT:
  case SHPT_MULTIPOINTZ:
  case SHPT_MULTIPOINTM:
    return GAZMAP_GEOM_POINT;
  case SHPT_ARC:
  case SHPT_ARCZ:
  case SHPT_ARCM:
    return GAZMAP_GEOM_LINE;
  case SHPT_POLYGON:
  case SHPT_POLYGONZ:
  case SHPT_POLYGONM:
    return GAZMAP_GEOM_POLYGON;
  default:
    return (gazmap_geom)0;
  }
}

/* "dir/name.shp" or "dir/name" -> "dir/name" (caller frees) and "name". */
static char *strip_shp(const char *path, const char **base) {
  size_t n = strlen(path);
  char *stem;
  const char *slash;
  if (n > 4 && !strcasecmp(path + n - 4, ".shp")) {
    n -= 4;
  }
  stem = strndup(path, n);
  if (!stem) {
    return NULL;
  }
  slash = strrchr(stem, '/');
  *base = slash ? slash + 1 : stem;
  return stem;
}

static int read_geometry(gazmap_layer *l, SHPHandle shp, const char *file, size_t i) {
  SHPObject *o = SHPReadObject(shp, (int)i);
  int rc = 0, p;
  if (!o) {
    return gz_fail(GAZMAP_EPARSE, file, 0, "corrupt record %zu%s%s", i + 1,
                   shapelib_msg[0] ? ": " : "", shapelib_msg);
  }
  if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
    goto done;
  }
  if (o->nVertices < 0 || o->nParts < 0 || geom_of(o->nSHPType) != l->geom) {
    rc = gz_fail(GAZMAP_EPARSE, file, 0, "corrupt record %zu", i + 1);
    goto done;
  }
  if (l->geom == GAZMAP_GEOM_POINT) {
    /* Each point of a multipoint is its own one-vertex part. */
    for (p = 0; p < o->nVertices && rc == 0; p++) {
      rc = add_part(l, o->padfX + p, o->padfY + p, 1);
    }
    goto done;
  }
  for (p = 0; p < (o->nParts ? o->nParts : 1) && rc == 0; p++) {
    int start = o->nParts ? o->panPartStart[p] : 0;
    int stop = (o->nParts && p + 1 < o->nParts) ? o->panPartStart[p + 1] : o->nVertices;
    if (start < 0 || stop > o->nVertices || stop < start) {
      rc = gz_fail(GAZMAP_EPARSE, file, 0, "corrupt parts in record %zu", i + 1);
      goto done;
    }
    rc = add_part(l, o->padfX + start, o->padfY + start, (size_t)(stop - start));
  }
done:
  SHPDestroyObject(o);
  return rc;
}

int gazmap_layer_read(gazmap_layer **out, const char *path) {
  SAHooks hooks;
  SHPHandle shp = NULL;
  DBFHandle dbf = NULL;
  gazmap_layer *l = NULL;
  char *stem = NULL, shp_path[PATH_MAX];
  const char *base;
  int n_ent = 0, type = 0, rc = 0;
  double mn[4], mx[4];
  size_t i, f;

  *out = NULL;
  shapelib_msg[0] = '\0';
  quiet_hooks(&hooks);
  stem = strip_shp(path, &base);
  if (!stem) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  snprintf(shp_path, sizeof shp_path, "%s.shp", stem);
  if (access(shp_path, R_OK) != 0) {
    rc = gz_fail(GAZMAP_EIO, shp_path, 0, "cannot open: %s", strerror(errno));
    goto done;
  }
  shp = SHPOpenLL(stem, "rb", &hooks);
  if (!shp) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "not a readable shapefile%s%s",
                 shapelib_msg[0] ? ": " : "", shapelib_msg);
    goto done;
  }
  SHPGetInfo(shp, &n_ent, &type, mn, mx);
  if (!geom_of(type)) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "unsupported shape type %d", type);
    goto done;
  }
  dbf = DBFOpenLL(stem, "rb", &hooks);
  if (!dbf) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "missing or corrupt .dbf attribute table");
    goto done;
  }
  if (DBFGetRecordCount(dbf) != n_ent) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, ".dbf has %d records but .shp has %d shapes",
                 DBFGetRecordCount(dbf), n_ent);
    goto done;
  }
  l = layer_new(base, geom_of(type));
  if (!l || (rc = set_fields(l, (size_t)DBFGetFieldCount(dbf))) < 0 ||
      (rc = set_feature_count(l, (size_t)n_ent)) < 0) {
    rc = rc < 0 ? rc : gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (f = 0; f < l->n_fields; f++) {
    char name[FIELD_NAME_CAP] = "";
    int w = 0, d = 0;
    DBFGetFieldInfo(dbf, (int)f, name, &w, &d);
    l->field_types[f] = DBFGetNativeFieldType(dbf, (int)f);
    l->field_widths[f] = w;
    l->field_decimals[f] = d;
    if (!(l->field_names[f] = strdup(name))) {
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      goto done;
    }
  }
  for (i = 0; i < l->n_features; i++) {
    l->feat_part0[i] = l->n_parts;
    if ((rc = read_geometry(l, shp, shp_path, i)) < 0) {
      goto done;
    }
    for (f = 0; f < l->n_fields; f++) {
      const char *v = DBFIsAttributeNULL(dbf, (int)i, (int)f)
                          ? ""
                          : DBFReadStringAttribute(dbf, (int)i, (int)f);
      if ((rc = set_attr(l, i, f, v)) < 0) {
        goto done;
      }
    }
  }
  l->feat_part0[l->n_features] = l->n_parts;
  *out = l;
  l = NULL;
done:
  if (dbf) {
    DBFClose(dbf);
  }
  if (shp) {
    SHPClose(shp);
  }
  gazmap_layer_free(l);
  free(stem);
  return rc;
}

/* ---- the places layer ----------------------------------------------------- */

static const char *const place_fields[] = {"id",      "name",    "kind",    "country", "tags",
                                           "name_en", "name_az", "name_tr", "name_hy", "name_ru"};

/* p's name in `lang` (gazmap_place_name_in: the exact tag, then its primary
 * subtag), or "" when p has no name in that language: an export's name_hy
 * column must not hold the English name of a place with no Armenian one. */
static const char *name_only_in(const gazmap_place *p, const char *lang) {
  size_t n = gazmap_place_name_count(p), i, ll = strlen(lang);
  for (i = 0; i < n; i++) {
    const char *tag = gazmap_place_name_at(p, i)->lang;
    if (!strncmp(tag, lang, ll) && (tag[ll] == '\0' || tag[ll] == '-')) {
      return gazmap_place_name_in(p, lang);
    }
  }
  return "";
}

/* 1 when place `p` belongs to a gazetteer layer keeping places of `tag`
 * (NULL: every place but line vertices). */
static int keeps(const gazmap_place *p, const char *tag) {
  return gazmap_place_kind(p) != GAZMAP_KIND_WAYPOINT && (!tag || gazmap_place_has_tag(p, tag));
}

int gazmap_layer_from_gazetteer(gazmap_layer **out, const gazmap_gazetteer *g) {
  return gz_layer_from_gazetteer(out, g, "places", NULL);
}

int gz_layer_from_gazetteer(gazmap_layer **out, const gazmap_gazetteer *g, const char *name,
                            const char *tag) {
  gazmap_layer *l = layer_new(name, GAZMAP_GEOM_POINT);
  size_t n = g ? gazmap_gazetteer_count(g) : 0, i, f, k = 0, nf;
  int rc = 0;

  *out = NULL;
  nf = sizeof place_fields / sizeof place_fields[0];
  if (!l || (rc = set_fields(l, nf)) < 0) {
    rc = rc < 0 ? rc : gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (f = 0; f < nf; f++) {
    l->field_types[f] = 'C';
    l->field_widths[f] = 254;
    if (!(l->field_names[f] = strdup(place_fields[f]))) {
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      goto done;
    }
  }
  /* Waypoints are line vertices, not places a reader looks for. */
  for (i = 0; i < n; i++) {
    k += keeps(gazmap_gazetteer_at(g, i), tag);
  }
  if ((rc = set_feature_count(l, k)) < 0) {
    goto done;
  }
  for (i = 0, k = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    double xy[2];
    const char *vals[10];
    if (!keeps(p, tag)) {
      continue;
    }
    xy[0] = gazmap_place_lon(p);
    xy[1] = gazmap_place_lat(p);
    l->feat_part0[k] = l->n_parts;
    if ((rc = add_part(l, xy, NULL, 1)) < 0) {
      goto done;
    }
    vals[0] = gazmap_place_id(p);
    vals[1] = gazmap_place_name(p);
    vals[2] = gazmap_kind_name(gazmap_place_kind(p));
    vals[3] = gazmap_place_country(p);
    vals[4] = gazmap_place_tags(p);
    vals[5] = name_only_in(p, "en");
    vals[6] = name_only_in(p, "az");
    vals[7] = name_only_in(p, "tr");
    vals[8] = name_only_in(p, "hy");
    vals[9] = name_only_in(p, "ru");
    for (f = 0; f < nf; f++) {
      if ((rc = set_attr(l, k, f, vals[f])) < 0) {
        goto done;
      }
    }
    k++;
  }
  l->feat_part0[l->n_features] = l->n_parts;
  *out = l;
  l = NULL;
done:
  gazmap_layer_free(l);
  return rc;
}

int gazmap_layer_open(gazmap_layer **out, const char *shapes_dir, const char *name,
                      const gazmap_gazetteer *g) {
  char *bundled = NULL, path[PATH_MAX], known[512];
  int rc, i;

  *out = NULL;
  if ((i = gz_layers_index(name)) < 0) {
    gz_layers_known(known, sizeof known, 0);
    return gz_fail(GAZMAP_ENOTFOUND, NULL, 0, "unknown layer '%s' (known: %s)", name, known);
  }
  if (gz_layers_at((size_t)i)->source == GZ_SOURCE_GAZETTEER) {
    if (!g) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "the %s layer needs a gazetteer", name);
    }
    return gz_layer_from_gazetteer(out, g, name, gz_layers_at((size_t)i)->tag);
  }
  if (!shapes_dir) {
    bundled = gazmap_data_path("shapes");
    if (!bundled) {
      return gazmap_error_last()->code;
    }
    shapes_dir = bundled;
  }
  if (snprintf(path, sizeof path, "%s/%s.shp", shapes_dir, name) >= (int)sizeof path) {
    rc = gz_fail(GAZMAP_EINVAL, shapes_dir, 0, "path too long");
  } else {
    rc = gazmap_layer_read(out, path);
  }
  free(bundled);
  return rc;
}

/* ---- accessors ------------------------------------------------------------ */

const char *gazmap_layer_name(const gazmap_layer *l) {
  return l->name;
}
gazmap_geom gazmap_layer_geom(const gazmap_layer *l) {
  return l->geom;
}
size_t gazmap_layer_count(const gazmap_layer *l) {
  return l->n_features;
}
size_t gazmap_layer_field_count(const gazmap_layer *l) {
  return l->n_fields;
}

const char *gazmap_layer_field_name(const gazmap_layer *l, size_t field) {
  return field < l->n_fields ? l->field_names[field] : NULL;
}

const char *gazmap_layer_attr(const gazmap_layer *l, size_t i, const char *field) {
  size_t f;
  if (i >= l->n_features) {
    return "";
  }
  for (f = 0; f < l->n_fields; f++) {
    if (!strcasecmp(l->field_names[f], field)) {
      const char *v = l->attrs[i * l->n_fields + f];
      return v ? v : "";
    }
  }
  return "";
}

size_t gazmap_layer_parts(const gazmap_layer *l, size_t i) {
  return i < l->n_features ? l->feat_part0[i + 1] - l->feat_part0[i] : 0;
}

const double *gazmap_layer_part(const gazmap_layer *l, size_t i, size_t part, size_t *n) {
  size_t p;
  if (i >= l->n_features || part >= gazmap_layer_parts(l, i)) {
    *n = 0;
    return NULL;
  }
  p = l->feat_part0[i] + part;
  *n = l->part_v0[p + 1] - l->part_v0[p];
  return l->xy + 2 * l->part_v0[p];
}

const double *gz_layer_xy(const gazmap_layer *l, size_t *n) {
  *n = l->n_vertices;
  return l->xy;
}

void gazmap_layer_bounds(const gazmap_layer *l, double bounds[4]) {
  memcpy(bounds, l->bounds, sizeof l->bounds);
}

/* ---- GeoJSON ------------------------------------------------------------- */

/* Twice the signed area (lon/lat plane); positive = counter-clockwise. */
static double ring_area2(const double *xy, size_t n) {
  double a = 0;
  size_t i;
  for (i = 0; i + 1 < n; i++) {
    a += xy[2 * i] * xy[2 * i + 3] - xy[2 * i + 2] * xy[2 * i + 1];
  }
  return a;
}

static json_t *json_ring(const double *xy, size_t n, int reverse) {
  json_t *arr = json_array();
  size_t i;
  for (i = 0; arr && i < n; i++) {
    size_t k = reverse ? n - 1 - i : i;
    json_t *pt = json_pack("[ff]", xy[2 * k], xy[2 * k + 1]);
    if (!pt || json_array_append_new(arr, pt) < 0) {
      json_decref(arr);
      return NULL;
    }
  }
  return arr;
}

static json_t *json_geometry(const gazmap_layer *l, size_t i) {
  size_t np = gazmap_layer_parts(l, i), p, n;
  const double *xy;
  json_t *coords = json_array(), *result = NULL;
  const char *type;

  if (!coords) {
    return NULL;
  }
  if (np == 0) {
    json_decref(coords);
    return json_null();
  }
  if (l->geom == GAZMAP_GEOM_POINT) {
    xy = gazmap_layer_part(l, i, 0, &n);
    json_decref(coords);
    if (np == 1) {
      return json_pack("{s:s,s:[ff]}", "type", "Point", "coordinates", xy[0], xy[1]);
    }
    coords = json_array();
    for (p = 0; coords && p < np; p++) {
      xy = gazmap_layer_part(l, i, p, &n);
      json_array_append_new(coords, json_pack("[ff]", xy[0], xy[1]));
    }
    type = "MultiPoint";
  } else if (l->geom == GAZMAP_GEOM_LINE) {
    for (p = 0; p < np; p++) {
      xy = gazmap_layer_part(l, i, p, &n);
      json_array_append_new(coords, json_ring(xy, n, 0));
    }
    type = "MultiLineString";
    if (np == 1) {
      json_t *only = json_incref(json_array_get(coords, 0));
      json_decref(coords);
      coords = only;
      type = "LineString";
    }
  } else {
    /* Shapefile outer rings run clockwise and their holes follow them;
     * RFC 7946 wants outer rings counter-clockwise, holes clockwise. */
    json_t *poly = NULL;
    for (p = 0; p < np; p++) {
      double a;
      xy = gazmap_layer_part(l, i, p, &n);
      a = ring_area2(xy, n);
      if (a <= 0 || !poly) {
        poly = json_array();
        json_array_append_new(coords, poly);
        json_array_append_new(poly, json_ring(xy, n, a < 0));
      } else {
        json_array_append_new(poly, json_ring(xy, n, a > 0));
      }
    }
    type = "MultiPolygon";
    if (json_array_size(coords) == 1) {
      json_t *only = json_incref(json_array_get(coords, 0));
      json_decref(coords);
      coords = only;
      type = "Polygon";
    }
  }
  result = json_pack("{s:s,s:o}", "type", type, "coordinates", coords);
  return result;
}

static json_t *json_value(const gazmap_layer *l, size_t f, const char *v) {
  char type = l->field_types[f];
  if (!*v) {
    return json_null();
  }
  if (type == 'D' && strlen(v) == 8) {
    char iso[11];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    return json_string(iso);
  }
  if (type == 'N' || type == 'F') {
    char *end;
    double d = strtod(v, &end);
    if (end != v && *end == '\0') {
      if (l->field_decimals[f] == 0 && fabs(d) < 9e15) {
        return json_integer((json_int_t)d);
      }
      return json_real(d);
    }
  }
  if (type == 'L') {
    return json_boolean(*v == 'T' || *v == 't' || *v == 'Y' || *v == 'y');
  }
  return json_string(v);
}

int gazmap_layer_to_geojson(const gazmap_layer *l, char **out, size_t *len) {
  json_t *root = json_object(), *features = json_array();
  size_t i, f;
  int rc = 0;

  *out = NULL;
  if (!root || !features || json_object_set_new(root, "type", json_string("FeatureCollection")) ||
      json_object_set_new(root, "name", json_string(l->name)) ||
      json_object_set(root, "features", features)) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < l->n_features; i++) {
    json_t *props = json_object(), *feat, *geom = json_geometry(l, i);
    for (f = 0; props && f < l->n_fields; f++) {
      json_object_set_new(props, l->field_names[f],
                          json_value(l, f, l->attrs[i * l->n_fields + f]));
    }
    feat = json_pack("{s:s,s:o*,s:o*}", "type", "Feature", "properties", props, "geometry", geom);
    if (!props || !geom || !feat || json_array_append_new(features, feat) < 0) {
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      goto done;
    }
  }
  /* Keys keep insertion order, so the output is stable field for field. */
  *out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
  if (!*out) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  *len = strlen(*out);
done:
  json_decref(features);
  json_decref(root);
  return rc;
}

int gazmap_layer_write_geojson(const gazmap_layer *l, const char *path) {
  char *text = NULL;
  size_t len = 0;
  int rc = gazmap_layer_to_geojson(l, &text, &len);
  if (rc == 0) {
    rc = gz_write_atomic(path, text, len);
  }
  free(text);
  return rc;
}

/* ---- shapefile output ------------------------------------------------------ */

static const char wgs84_prj[] =
    "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
    "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

static const char *const shp_exts[] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};
#define N_SHP_EXTS (sizeof shp_exts / sizeof shp_exts[0])

static int write_small(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  int ok = f && fputs(text, f) >= 0;
  if (f && fclose(f) != 0) {
    ok = 0;
  }
  return ok ? 0 : gz_fail(GAZMAP_EIO, path, 0, "cannot write: %s", strerror(errno));
}

static int shp_type_of(gazmap_geom g) {
  return g == GAZMAP_GEOM_POINT ? SHPT_POINT : g == GAZMAP_GEOM_LINE ? SHPT_ARC : SHPT_POLYGON;
}

int gazmap_layer_write_shp(const gazmap_layer *l, const char *path) {
  SAHooks hooks;
  SHPHandle shp = NULL;
  DBFHandle dbf = NULL;
  char final_stem[PATH_MAX - 64], tmp_stem[PATH_MAX - 32], a[PATH_MAX], b[PATH_MAX];
  size_t n = strlen(path), i, f, e, renamed = 0;
  int rc = 0, *starts = NULL, created = 0;

  shapelib_msg[0] = '\0';
  quiet_hooks(&hooks);
  if (n < 5 || strcasecmp(path + n - 4, ".shp") || n - 4 >= sizeof final_stem - 8) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "a shapefile path must end in .shp");
  }
  snprintf(final_stem, sizeof final_stem, "%.*s", (int)(n - 4), path);
  /* All five files are written under a temporary stem and renamed at the end. */
  /* No dot in the temporary stem: shapelib strips anything after one. */
  snprintf(tmp_stem, sizeof tmp_stem, "%s_tmp%ld", final_stem, (long)getpid());
  created = 1;
  shp = SHPCreateLL(tmp_stem, shp_type_of(l->geom), &hooks);
  dbf = shp ? DBFCreateLL(tmp_stem, "UTF-8", &hooks) : NULL;
  if (!shp || !dbf) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
    goto done;
  }
  for (f = 0; f < l->n_fields; f++) {
    char t = l->field_types[f] ? l->field_types[f] : 'C';
    int w = l->field_widths[f] > 0 ? l->field_widths[f] : 254;
    if (DBFAddNativeFieldType(dbf, l->field_names[f], t, w, l->field_decimals[f]) < 0) {
      rc = gz_fail(GAZMAP_EIO, path, 0, "cannot add field '%s'", l->field_names[f]);
      goto done;
    }
  }
  for (i = 0; i < l->n_features; i++) {
    size_t np = gazmap_layer_parts(l, i), p0 = l->feat_part0[i], p;
    SHPObject *o;
    int ok;
    size_t v0 = np ? l->part_v0[p0] : 0, nv = np ? l->part_v0[p0 + np] - v0 : 0;
    double *xs = malloc((nv + 1) * sizeof *xs), *ys = malloc((nv + 1) * sizeof *ys);
    free(starts);
    starts = malloc((np + 1) * sizeof *starts);
    if (!xs || !ys || !starts) {
      free(xs);
      free(ys);
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      goto done;
    }
    for (p = 0; p < nv; p++) {
      xs[p] = l->xy[2 * (v0 + p)];
      ys[p] = l->xy[2 * (v0 + p) + 1];
    }
    for (p = 0; p < np; p++) {
      starts[p] = (int)(l->part_v0[p0 + p] - v0);
    }
    if (np == 0) {
      o = SHPCreateObject(SHPT_NULL, -1, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL);
    } else if (l->geom == GAZMAP_GEOM_POINT && np > 1) {
      /* A point layer cannot hold multipoints; keep the first. */
      o = SHPCreateSimpleObject(SHPT_POINT, 1, xs, ys, NULL);
    } else {
      o = SHPCreateObject(shp_type_of(l->geom), -1, (int)np, starts, NULL, (int)nv, xs, ys, NULL,
                          NULL);
    }
    ok = o && SHPWriteObject(shp, -1, o) >= 0;
    SHPDestroyObject(o);
    free(xs);
    free(ys);
    if (!ok) {
      rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write shape %zu", i + 1);
      goto done;
    }
    for (f = 0; f < l->n_fields; f++) {
      const char *v = l->attrs[i * l->n_fields + f];
      char t = l->field_types[f];
      int w;
      /* shapelib's string writer would take date and number fields for
       * doubles: dates go in as their "YYYYMMDD" bytes, numbers parsed. */
      if (!v || !*v) {
        w = DBFWriteNULLAttribute(dbf, (int)i, (int)f);
      } else if (t == 'D') {
        w = DBFWriteAttributeDirectly(dbf, (int)i, (int)f, (void *)v);
      } else if (t == 'N' || t == 'F') {
        w = DBFWriteDoubleAttribute(dbf, (int)i, (int)f, strtod(v, NULL));
      } else {
        w = DBFWriteStringAttribute(dbf, (int)i, (int)f, v);
      }
      if (!w) {
        rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write attribute %s of record %zu",
                     l->field_names[f], i + 1);
        goto done;
      }
    }
  }
  SHPClose(shp);
  shp = NULL;
  DBFClose(dbf);
  dbf = NULL;
  snprintf(a, sizeof a, "%s.prj", tmp_stem);
  if ((rc = write_small(a, wgs84_prj)) < 0) {
    goto done;
  }
  snprintf(a, sizeof a, "%s.cpg", tmp_stem);
  if ((rc = write_small(a, "UTF-8")) < 0) {
    goto done;
  }
  for (e = 0; e < N_SHP_EXTS; e++) {
    snprintf(a, sizeof a, "%s%s", tmp_stem, shp_exts[e]);
    snprintf(b, sizeof b, "%s%s", final_stem, shp_exts[e]);
    if (rename(a, b) < 0) {
      rc = gz_fail(GAZMAP_EIO, b, 0, "cannot create: %s", strerror(errno));
      goto done;
    }
    renamed++;
  }
done:
  if (shp) {
    SHPClose(shp);
  }
  if (dbf) {
    DBFClose(dbf);
  }
  free(starts);
  if (rc < 0 && created) {
    for (e = 0; e < N_SHP_EXTS; e++) {
      snprintf(a, sizeof a, "%s%s", e < renamed ? final_stem : tmp_stem, shp_exts[e]);
      unlink(a);
    }
  }
  return rc;
}
