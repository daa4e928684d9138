/* Map layers: reading shapefiles with shapelib, building the places layer
 * from the gazetteer, and writing layers as GeoJSON (jansson) or shapefiles. */
#define _GNU_SOURCE
#include "gazmap/layer.h"

#include "gazmap/data.h"

#include "map/layer_internal.h"
#include "map/layers.h"
#include "util/error.h"
#include "util/file.h"
#include "util/shp_dl.h"
#include "util/shpcheck.h"

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
  int rc = gz_shp_record_check(o, l->geom, file, i), start, stop;
  size_t p;
  for (p = 0; rc == 1 && p < gz_shp_part_count(o, l->geom); p++) {
    gz_shp_part(o, l->geom, p, &start, &stop);
    rc = add_part(l, o->padfX + start, o->padfY + start, (size_t)(stop - start));
    rc = rc < 0 ? rc : 1;
  }
  if (o) {
    SHPDestroyObject(o);
  }
  return rc < 0 ? rc : 0;
}

/* Reads the checked shapefile that shapelib opens as `stem` with `hooks`
 * into layer `base`; errors name `shp_path`. */
static int read_checked(gazmap_layer **out, const char *stem, SAHooks *hooks, const char *base,
                        const char *shp_path) {
  SHPHandle shp = NULL;
  DBFHandle dbf = NULL;
  gazmap_layer *l = NULL;
  int n_ent = 0, type = 0, rc = 0;
  double mn[4], mx[4];
  size_t i, f;

  shp = SHPOpenLL(stem, "rb", hooks);
  if (!shp) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "not a readable shapefile%s%s",
                 gz_shapelib_msg()[0] ? ": " : "", gz_shapelib_msg());
    goto done;
  }
  SHPGetInfo(shp, &n_ent, &type, mn, mx);
  if (!gz_shp_geom(type)) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "unsupported shape type %d", type);
    goto done;
  }
  dbf = DBFOpenLL(stem, "rb", hooks);
  if (!dbf) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, "missing or corrupt .dbf attribute table");
    goto done;
  }
  if (DBFGetRecordCount(dbf) != n_ent) {
    rc = gz_fail(GAZMAP_EPARSE, shp_path, 0, ".dbf has %d records but .shp has %d shapes",
                 DBFGetRecordCount(dbf), n_ent);
    goto done;
  }
  l = layer_new(base, gz_shp_geom(type));
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
  return rc;
}

int gazmap_layer_read(gazmap_layer **out, const char *path) {
  SAHooks hooks;
  char *stem, shp_path[PATH_MAX];
  const char *base;
  int rc;

  *out = NULL;
  gz_shapelib_hooks(&hooks, SASetupDefaultHooks);
  stem = strip_shp(path, &base);
  if (!stem) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  snprintf(shp_path, sizeof shp_path, "%s.shp", stem);
  if ((rc = gz_shapefile_check(stem)) == 0) {
    rc = read_checked(out, stem, &hooks, base, shp_path);
  }
  free(stem);
  return rc;
}

int gz_layer_read_mem(gazmap_layer **out, const char *name, gz_shp_mem *set) {
  SAHooks hooks;
  char shp_path[PATH_MAX];
  int rc;

  *out = NULL;
  gz_shp_mem_hooks(&hooks, set);
  snprintf(shp_path, sizeof shp_path, "%s.shp", name);
  if ((rc = gz_shapefile_check_mem(set, shp_path)) < 0) {
    return rc;
  }
  return read_checked(out, set->stem, &hooks, name, shp_path);
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

