/* Map layers out: GeoJSON (jansson) and shapefiles (shapelib), both written
 * under the output policy of util/file.h. */
#define _GNU_SOURCE
#include "gazmap/layer.h"

#include "map/layer_internal.h"
#include "util/error.h"
#include "util/file.h"
#include "util/shp_dl.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <shapefil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* 1 when some feature of the layer has more than one part (points, lines)
 * or more than one outer ring (polygons): then every feature is written as
 * the Multi* type, so that the layer has one geometry type, as a GIS layer
 * (and ogr2ogr into a shapefile or a database table) needs. */
static int layer_is_multi(const gazmap_layer *l) {
  size_t i, p, n, outer;
  for (i = 0; i < l->n_features; i++) {
    size_t np = gazmap_layer_parts(l, i);
    if (l->geom != GAZMAP_GEOM_POLYGON) {
      if (np > 1) {
        return 1;
      }
      continue;
    }
    for (p = 0, outer = 0; p < np; p++) {
      const double *xy = gazmap_layer_part(l, i, p, &n);
      outer += ring_area2(xy, n) <= 0 || p == 0;
    }
    if (outer > 1) {
      return 1;
    }
  }
  return 0;
}

/* Appends `v` to array `arr`, taking `v`; -1 (and `v` released) when either
 * is NULL or the append fails. */
static int append(json_t *arr, json_t *v) {
  if (!arr || !v) {
    json_decref(v);
    return -1;
  }
  return json_array_append_new(arr, v);
}

/* The coordinates of feature `i` (NULL on failure, nothing leaked). */
static json_t *json_coords(const gazmap_layer *l, size_t i, int multi) {
  size_t np = gazmap_layer_parts(l, i), p, n;
  const double *xy;
  json_t *coords = json_array(), *poly = NULL;

  for (p = 0; coords && p < np; p++) {
    xy = gazmap_layer_part(l, i, p, &n);
    if (l->geom == GAZMAP_GEOM_POINT) {
      if (append(coords, json_pack("[ff]", xy[0], xy[1])) < 0) {
        goto fail;
      }
    } else if (l->geom == GAZMAP_GEOM_LINE) {
      if (append(coords, json_ring(xy, n, 0)) < 0) {
        goto fail;
      }
    } else {
      /* Shapefile outer rings run clockwise and their holes follow them;
       * RFC 7946 wants outer rings counter-clockwise, holes clockwise. */
      double a = ring_area2(xy, n);
      if (a <= 0 || !poly) {
        if (append(coords, poly = json_array()) < 0) {
          goto fail;
        }
        if (append(poly, json_ring(xy, n, a < 0)) < 0) {
          goto fail;
        }
      } else if (append(poly, json_ring(xy, n, a > 0)) < 0) {
        goto fail;
      }
    }
  }
  if (coords && !multi) {
    json_t *only = json_incref(json_array_get(coords, 0));
    json_decref(coords);
    return only;
  }
  return coords;
fail:
  json_decref(coords);
  return NULL;
}

/* The geometry of feature `i`: json null for a null shape, NULL on failure. */
static json_t *json_geometry(const gazmap_layer *l, size_t i, int multi) {
  static const char *const single[] = {NULL, "Point", "LineString", "Polygon"};
  static const char *const many[] = {NULL, "MultiPoint", "MultiLineString", "MultiPolygon"};
  json_t *coords;
  if (gazmap_layer_parts(l, i) == 0) {
    return json_null();
  }
  if (!(coords = json_coords(l, i, multi))) {
    return NULL;
  }
  return json_pack("{s:s,s:o}", "type", (multi ? many : single)[l->geom], "coordinates", coords);
}

/* A numeric field one digit wide with no decimals (N1.0, as the layers'
 * "schematic" flags are stored) is a flag, and GeoJSON has booleans for it,
 * as it has for DBF logicals. */
static int is_flag(const gazmap_layer *l, size_t f) {
  return l->field_types[f] == 'L' ||
         (l->field_types[f] == 'N' && l->field_widths[f] == 1 && l->field_decimals[f] == 0);
}

static json_t *json_value(const gazmap_layer *l, size_t f, const char *v) {
  char type = l->field_types[f];
  if (!*v) {
    return json_null();
  }
  if (is_flag(l, f)) {
    /* DBF logicals: T t Y y true, F f N n false, '?' unknown. */
    if (strchr("TtYy1", *v)) {
      return json_true();
    }
    return strchr("FfNn0", *v) ? json_false() : json_null();
  }
  if (type == 'D' && strlen(v) == 8) {
    char iso[11];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
    return json_string(iso);
  }
  if (type == 'N' || type == 'F') {
    char *end;
    double d = strtod(v, &end);
    if (end != v && *end == '\0' && isfinite(d)) {
      if (l->field_decimals[f] == 0 && fabs(d) < 9e15) {
        return json_integer((json_int_t)d);
      }
      return json_real(d);
    }
  }
  return json_string(v);
}

/* The feature's id: its "id" attribute when the layer has one, else its
 * record number from 0 (the FID that GDAL gives the same shapefile). */
static json_t *json_id(const gazmap_layer *l, size_t i, long id_field) {
  const char *v = id_field >= 0 ? l->attrs[i * l->n_fields + (size_t)id_field] : NULL;
  return v && *v ? json_string(v) : json_integer((json_int_t)i);
}

static json_t *json_feature(const gazmap_layer *l, size_t i, int multi, long id_field) {
  json_t *props = json_object(), *geom = json_geometry(l, i, multi), *id = json_id(l, i, id_field);
  size_t f;
  if (!props || !geom || !id) {
    goto fail;
  }
  for (f = 0; f < l->n_fields; f++) {
    json_t *v = json_value(l, f, l->attrs[i * l->n_fields + f]);
    if (!v || json_object_set_new(props, l->field_names[f], v) < 0) {
      goto fail;
    }
  }
  /* "o" takes the references, also when json_pack fails. */
  return json_pack("{s:s,s:o,s:o,s:o}", "type", "Feature", "id", id, "properties", props,
                   "geometry", geom);
fail:
  json_decref(props);
  json_decref(geom);
  json_decref(id);
  return NULL;
}

/* The FeatureCollection; errors name `file` (the output, or the layer). */
static int to_geojson(const gazmap_layer *l, const char *file, char **out, size_t *len) {
  json_t *root = NULL, *features = json_array();
  size_t i;
  long id_field = -1;
  int rc = 0, multi = layer_is_multi(l);

  *out = NULL;
  *len = 0;
  for (i = 0; i < l->n_fields && id_field < 0; i++) {
    if (!strcasecmp(l->field_names[i], "id")) {
      id_field = (long)i;
    }
  }
  for (i = 0; features && i < l->n_features; i++) {
    if (append(features, json_feature(l, i, multi, id_field)) < 0) {
      rc = gz_fail(GAZMAP_ENOMEM, file, 0, "cannot encode feature %zu of layer %s", i + 1,
                   l->name);
      goto done;
    }
  }
  root = json_pack("{s:s,s:s,s:O}", "type", "FeatureCollection", "name", l->name, "features",
                   features);
  /* Keys keep insertion order, so the output is stable field for field. */
  if (!root ||
      !(*out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)))) {
    rc = gz_fail(GAZMAP_ENOMEM, file, 0, "out of memory encoding layer %s", l->name);
    goto done;
  }
  *len = strlen(*out);
done:
  json_decref(features);
  json_decref(root);
  return rc;
}

int gazmap_layer_to_geojson(const gazmap_layer *l, char **out, size_t *len) {
  return to_geojson(l, l->name, out, len);
}

int gazmap_layer_write_geojson(const gazmap_layer *l, const char *path) {
  char *text = NULL;
  size_t len = 0;
  int rc = to_geojson(l, path, &text, &len);
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

/* Writes `text` as the file `stem` + `ext` through `hooks`; errors name
 * `path` (the output) and the part. */
static int write_small(SAHooks *hooks, const char *stem, const char *ext, const char *text,
                       const char *path) {
  char name[PATH_MAX];
  size_t n = strlen(text);
  SAFile f;
  int ok;
  if (snprintf(name, sizeof name, "%s%s", stem, ext) >= (int)sizeof name) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
  }
  f = hooks->FOpen(name, "wb");
  ok = f && hooks->FWrite((void *)text, 1, n, f) == n;
  if (f && hooks->FClose(f) != 0) {
    ok = 0;
  }
  return ok ? 0 : gz_fail(GAZMAP_EIO, path, 0, "cannot write %s: %s", ext, strerror(errno));
}

static int shp_type_of(gazmap_geom g) {
  return g == GAZMAP_GEOM_POINT ? SHPT_POINT : g == GAZMAP_GEOM_LINE ? SHPT_ARC : SHPT_POLYGON;
}

/* Writes the five files of layer `l` as `stem` + extension through `hooks`
 * (shapelib's own, or the memory files of shp_mem.c); errors name `path`. */
static int write_parts(const gazmap_layer *l, const char *stem, SAHooks *hooks, const char *path) {
  SHPHandle shp = NULL;
  DBFHandle dbf = NULL;
  size_t i, f;
  int rc = 0, *starts = NULL;

  shp = SHPCreateLL(stem, shp_type_of(l->geom), hooks);
  dbf = shp ? DBFCreateLL(stem, "UTF-8", hooks) : NULL;
  if (!shp || !dbf) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
    goto done;
  }
  /* A .dbf with no field holds no record either (shapelib writes records
   * field by field), and a .dbf of no records beside shapes is refused on
   * reading: so a layer without attributes gets GDAL's placeholder, an
   * integer FID numbering the records from 0. */
  if (l->n_fields == 0 && DBFAddField(dbf, "FID", FTInteger, 11, 0) < 0) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot add field 'FID'");
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
    if (l->n_fields == 0 && !DBFWriteIntegerAttribute(dbf, (int)i, 0, (int)i)) {
      rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write the FID of record %zu", i + 1);
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
  if ((rc = write_small(hooks, stem, ".prj", wgs84_prj, path)) < 0) {
    goto done;
  }
  rc = write_small(hooks, stem, ".cpg", "UTF-8", path);
done:
  if (shp) {
    SHPClose(shp);
  }
  if (dbf) {
    DBFClose(dbf);
  }
  free(starts);
  return rc;
}

int gazmap_layer_write_shp(const gazmap_layer *l, const char *path) {
  SAHooks hooks;
  gz_outset *set = NULL;
  char final_stem[PATH_MAX];
  size_t n = strlen(path);
  int rc;

  gz_shapelib_hooks(&hooks, SASetupDefaultHooks);
  if (n < 5 || strcasecmp(path + n - 4, ".shp") || n >= sizeof final_stem) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "a shapefile path must end in .shp");
  }
  snprintf(final_stem, sizeof final_stem, "%.*s", (int)(n - 4), path);
  /* All five files are written in a private temporary directory and
   * committed together (util/file.h): all new, or all as they were. */
  if ((rc = gz_outset_begin(&set, final_stem, shp_exts, N_SHP_EXTS)) < 0) {
    return rc;
  }
  if ((rc = write_parts(l, gz_outset_tmp_stem(set), &hooks, path)) == 0) {
    rc = gz_outset_commit(set);
  }
  gz_outset_free(set);
  return rc;
}

int gz_layer_write_shp_mem(const gazmap_layer *l, const char *name, gz_shp_mem *set) {
  SAHooks hooks;
  char path[PATH_MAX];
  gz_shp_mem_hooks(&hooks, set);
  snprintf(path, sizeof path, "%s.shp", name);
  return write_parts(l, set->stem, &hooks, path);
}
