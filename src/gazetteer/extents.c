/* The extents of places (gazmap/frame.h): the lon/lat boxes of the features
 * of the polygon layers by id, and of the places of a district.
 *
 * They are the core's, not the map module's, so that `lookup --json`,
 * `list --json` and `near --json` give every place's "extent" without cairo,
 * Pango and the rest (doc/startup.md): the shapes are read with shapelib
 * alone (util/shp_dl.h), checked first as the map's layers are
 * (util/shpcheck.h), and every record is taken as map/layer.c takes it, so
 * the boxes are those of the layers the map draws. */
#define _GNU_SOURCE
#include "gazmap/frame.h"

#include "gazmap/data.h"
#include "gazmap/error.h"

#include "gazetteer/extents.h"
#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/index_format.h"
#include "util/error.h"
#include "util/file.h"
#include "util/grow.h"
#include "util/shp_dl.h"
#include "util/shpcheck.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The registry's polygon layers read from shapefiles, in its order (the
 * order decides which entry a country's id or code finds first);
 * tests/map/test_frame.c holds this list to the registry. */
static const char *const polygon_layers[] = {"countries", "admin1", "lakes", "handover",
                                             "peacekeeping"};

const char *const *gz_extent_layers(size_t *n) {
  *n = sizeof polygon_layers / sizeof *polygon_layers;
  return polygon_layers;
}

typedef struct extent {
  char *id;
  double box[4];
} extent;

/* A place of the gazetteer under its district's id, for the boxes of
 * districts without a shape. */
typedef struct member {
  const char *district;
  double lon, lat;
} member;

struct gazmap_extents {
  const gazmap_gazetteer *g;
  extent *e;
  size_t n, cap;
  /* Every place of g sorted by district (strcmp), made by the first call
   * that needs it (under `lock`: the object may be shared by threads). */
  pthread_mutex_t lock;
  int sorted;
  member *m;
  size_t nm;
  /* The extents a compiled index holds for g's places, when they stand for
   * the shapes (gz_index_extents): nothing else is read then. */
  const double *stored;
};

void gazmap_extents_free(gazmap_extents *ex) {
  size_t i;
  if (!ex) {
    return;
  }
  for (i = 0; i < ex->n; i++) {
    free(ex->e[i].id);
  }
  free(ex->e);
  free(ex->m);
  pthread_mutex_destroy(&ex->lock);
  free(ex);
}

static void box_join(double *a, const double *b) {
  a[0] = fmin(a[0], b[0]), a[1] = fmin(a[1], b[1]);
  a[2] = fmax(a[2], b[2]), a[3] = fmax(a[3], b[3]);
}

/* Adds a feature's `box` under `id` (joined with an earlier entry of the
 * same id); a feature without vertices or id adds nothing. */
static int add_feature(gazmap_extents *ex, const double box[4], const char *id) {
  size_t j;
  extent *ne;
  if (!(box[0] <= box[2]) || !*id) {
    return 0;
  }
  for (j = 0; j < ex->n; j++) {
    if (!strcmp(ex->e[j].id, id)) {
      box_join(ex->e[j].box, box);
      return 0;
    }
  }
  if (!(ne = gz_grow(ex->e, &ex->cap, ex->n, sizeof *ex->e, 64))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ex->e = ne;
  if (!(ne[ex->n].id = strdup(id))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(ne[ex->n].box, box, 4 * sizeof *box);
  ex->n++;
  return 0;
}

/* The box of record `i` over the vertices map/layer.c keeps of it,
 * refusing what it refuses (util/shpcheck.h); an empty box (INFINITY,
 * -INFINITY) for a null shape. */
static int read_box(const gz_shp_api *api, SHPHandle shp, const char *file, int i, gazmap_geom geom,
                    double box[4]) {
  SHPObject *o = api->SHPReadObject(shp, i);
  int rc = gz_shp_record_check(o, geom, file, (size_t)i), start, stop, v;
  size_t p;
  box[0] = box[1] = INFINITY, box[2] = box[3] = -INFINITY;
  for (p = 0; rc == 1 && p < gz_shp_part_count(o, geom); p++) {
    gz_shp_part(o, geom, p, &start, &stop);
    for (v = start; v < stop; v++) {
      double pt[4] = {o->padfX[v], o->padfY[v], o->padfX[v], o->padfY[v]};
      box_join(box, pt);
    }
  }
  if (o) {
    api->SHPDestroyObject(o);
  }
  return rc < 0 ? rc : 0;
}

/* The features of layer `name` in `dir`: GAZMAP_EIO when it has no such
 * layer (the caller skips it), another status when it is corrupt. */
static int read_layer(gazmap_extents *ex, const gz_shp_api *api, const char *dir,
                      const char *name) {
  char stem[PATH_MAX], file[PATH_MAX];
  SAHooks hooks;
  SHPHandle shp = NULL;
  DBFHandle dbf = NULL;
  int rc, n = 0, type = 0, iso, id, i;
  gazmap_geom geom;
  double mn[4], mx[4];

  if (snprintf(file, sizeof file, "%s/%s.shp", dir, name) >= (int)sizeof file) {
    return gz_fail(GAZMAP_EINVAL, dir, 0, "path too long");
  }
  snprintf(stem, sizeof stem, "%s/%s", dir, name);
  if ((rc = gz_shapefile_check(stem)) < 0) {
    return rc;
  }
  gz_shapelib_hooks(&hooks, api->SASetupDefaultHooks);
  if (!(shp = api->SHPOpenLL(stem, "rb", &hooks))) {
    rc = gz_fail(GAZMAP_EPARSE, file, 0, "not a readable shapefile%s%s",
                 gz_shapelib_msg()[0] ? ": " : "", gz_shapelib_msg());
    goto done;
  }
  api->SHPGetInfo(shp, &n, &type, mn, mx);
  if (!(geom = gz_shp_geom(type))) {
    rc = gz_fail(GAZMAP_EPARSE, file, 0, "unsupported shape type %d", type);
    goto done;
  }
  if (!(dbf = api->DBFOpenLL(stem, "rb", &hooks))) {
    rc = gz_fail(GAZMAP_EPARSE, file, 0, "missing or corrupt .dbf attribute table");
    goto done;
  }
  if (api->DBFGetRecordCount(dbf) != n) {
    rc = gz_fail(GAZMAP_EPARSE, file, 0, ".dbf has %d records but .shp has %d shapes",
                 api->DBFGetRecordCount(dbf), n);
    goto done;
  }
  iso = api->DBFGetFieldIndex(dbf, "iso_a2");
  id = api->DBFGetFieldIndex(dbf, "id");
  for (i = 0; i < n && rc == 0; i++) {
    double box[4];
    /* A field that is absent or null reads as "", as gazmap_layer_attr()
     * gives it; countries are keyed by their code, as "country:AM". */
    const char *code = iso >= 0 && !api->DBFIsAttributeNULL(dbf, i, iso)
                           ? api->DBFReadStringAttribute(dbf, i, iso)
                           : "";
    char key[32];
    if ((rc = read_box(api, shp, file, i, geom, box)) < 0) {
      break;
    }
    if (code && code[0]) {
      snprintf(key, sizeof key, "country:%s", code);
      rc = add_feature(ex, box, key);
    } else {
      const char *v = id >= 0 && !api->DBFIsAttributeNULL(dbf, i, id)
                          ? api->DBFReadStringAttribute(dbf, i, id)
                          : "";
      rc = add_feature(ex, box, v ? v : "");
    }
  }
done:
  if (dbf) {
    api->DBFClose(dbf);
  }
  if (shp) {
    api->SHPClose(shp);
  }
  return rc;
}

/* The order of a district's places among themselves does not matter: its
 * box is their minima and maxima, and their number. */
static int by_district(const void *a, const void *b) {
  const member *x = a, *y = b;
  return strcmp(x->district, y->district);
}

/* The places of `g` sorted by district, so that a district's box is found
 * by a binary search instead of a pass over the gazetteer for each place
 * (list --json made one per place: 807 passes, 46 M instructions).  Made
 * on the first need, since a lookup of a place with a shape needs none.
 * Left NULL when memory is short: the passes are made then. */
static void sort_members(gazmap_extents *ex) {
  size_t i, n = ex->g ? gazmap_gazetteer_count(ex->g) : 0;
  if (!n || !(ex->m = malloc(n * sizeof *ex->m))) {
    return;
  }
  for (i = 0; i < n; i++) {
    const gazmap_place *q = gazmap_gazetteer_at(ex->g, i);
    ex->m[i].district = gazmap_place_district(q);
    ex->m[i].lon = gazmap_place_lon(q);
    ex->m[i].lat = gazmap_place_lat(q);
  }
  ex->nm = n;
  qsort(ex->m, n, sizeof *ex->m, by_district);
}

/* Joins into `box` the points of the places whose district is `id`; their
 * number. */
static size_t member_box(gazmap_extents *ex, const char *id, double box[4]) {
  size_t i, lo = 0, hi, n = 0;
  pthread_mutex_lock(&ex->lock);
  if (!ex->sorted) {
    sort_members(ex);
    ex->sorted = 1;
  }
  pthread_mutex_unlock(&ex->lock);
  if (!ex->m) {
    for (i = 0; ex->g && i < gazmap_gazetteer_count(ex->g); i++) {
      const gazmap_place *q = gazmap_gazetteer_at(ex->g, i);
      if (!strcmp(gazmap_place_district(q), id)) {
        double pt[4] = {gazmap_place_lon(q), gazmap_place_lat(q), gazmap_place_lon(q),
                        gazmap_place_lat(q)};
        box_join(box, pt);
        n++;
      }
    }
    return n;
  }
  hi = ex->nm;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ex->m[mid].district, id) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (i = lo; i < ex->nm && !strcmp(ex->m[i].district, id); i++) {
    double pt[4] = {ex->m[i].lon, ex->m[i].lat, ex->m[i].lon, ex->m[i].lat};
    box_join(box, pt);
    n++;
  }
  return n;
}

int gz_extent_shapes_crc(const char *dir, uint32_t *crc) {
  static const char *const exts[] = {".shp", ".shx", ".dbf"};
  size_t li, k;
  *crc = 0;
  for (li = 0; li < sizeof polygon_layers / sizeof *polygon_layers; li++) {
    for (k = 0; k < sizeof exts / sizeof *exts; k++) {
      char path[PATH_MAX], *buf = NULL;
      size_t len = 0;
      int rc;
      if (snprintf(path, sizeof path, "%s/%s%s", dir, polygon_layers[li], exts[k]) >=
          (int)sizeof path) {
        return gz_fail(GAZMAP_EINVAL, dir, 0, "path too long");
      }
      /* The name and size, so that an absent file and an empty one, or
       * bytes moved from one file to the next, change the sum. */
      *crc = ix_crc(*crc, path + strlen(dir), strlen(path + strlen(dir)) + 1);
      if ((rc = gz_read_file(path, GZ_TSV_MAX_FILE, &buf, &len)) < 0) {
        if (rc == GAZMAP_EIO) {
          gazmap_error_clear();
          continue; /* absent: as gazmap_extents_open() skips it */
        }
        return rc;
      }
      *crc = ix_crc(ix_crc(*crc, &len, sizeof len), buf, len);
      free(buf);
    }
  }
  return 0;
}

/* The extents of the compiled index `g`, when it holds them and the shapes
 * in the bundled directory are the ones they were read from; NULL
 * otherwise (then the shapes are read). */
static const double *stored_extents(const gazmap_gazetteer *g) {
  uint32_t want, have;
  const double *stored = g ? gz_index_extents(g, &want) : NULL;
  char *dir;
  int rc;
  if (!stored || !(dir = gazmap_data_path("shapes"))) {
    return NULL;
  }
  rc = gz_extent_shapes_crc(dir, &have);
  free(dir);
  return rc == 0 && have == want ? stored : NULL;
}

int gazmap_extents_open(gazmap_extents **out, const gazmap_gazetteer *g, const char *shapes_dir) {
  gazmap_extents *ex = NULL;
  const gz_shp_api *api;
  const double *stored;
  char *bundled = NULL;
  size_t li;
  int rc = 0;

  *out = NULL;
  if (!shapes_dir && (stored = stored_extents(g))) {
    if (!(ex = calloc(1, sizeof *ex))) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    ex->g = g;
    ex->stored = stored;
    pthread_mutex_init(&ex->lock, NULL);
    *out = ex;
    return 0;
  }
  if (!(api = gz_shp_api_get())) {
    return gazmap_error_last()->code;
  }
  if (!shapes_dir && !(shapes_dir = bundled = gazmap_data_path("shapes"))) {
    return gazmap_error_last()->code;
  }
  if (!(ex = calloc(1, sizeof *ex))) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  ex->g = g;
  pthread_mutex_init(&ex->lock, NULL);
  for (li = 0; li < sizeof polygon_layers / sizeof *polygon_layers && rc == 0; li++) {
    if ((rc = read_layer(ex, api, shapes_dir, polygon_layers[li])) == GAZMAP_EIO) {
      rc = 0; /* this shapes directory has no such layer */
    }
  }
done:
  free(bundled);
  if (rc < 0) {
    gazmap_extents_free(ex);
    return rc;
  }
  *out = ex;
  return 0;
}

int gazmap_place_extent(const gazmap_extents *ex, const gazmap_place *p, double bbox[4]) {
  double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  const char *id = gazmap_place_id(p);
  char key[32];
  size_t i, members;

  if (ex->stored) {
    /* As written by the index's builder from this function below; a
     * damaged file's numbers are taken only when they are a box. */
    const double *b;
    if (p < ex->g->places || p >= ex->g->places + ex->g->nplaces) {
      return 0;
    }
    b = ex->stored + 4 * (size_t)(p - ex->g->places);
    if (!(isfinite(b[0]) && isfinite(b[1]) && isfinite(b[2]) && isfinite(b[3]))) {
      return 0;
    }
    memcpy(bbox, b, sizeof box);
    return 1;
  }
  snprintf(key, sizeof key, "country:%s", gazmap_place_country(p));
  for (i = 0; i < ex->n; i++) {
    if (!strcmp(ex->e[i].id, id) ||
        (gazmap_place_kind(p) == GAZMAP_KIND_COUNTRY && !strcmp(ex->e[i].id, key))) {
      memcpy(bbox, ex->e[i].box, sizeof box);
      return 1;
    }
  }
  /* A district without a shape: the box of the places in it. */
  members = member_box((gazmap_extents *)ex, id, box);
  if (members < 2 || !(box[2] > box[0]) || !(box[3] > box[1])) {
    return 0;
  }
  memcpy(bbox, box, sizeof box);
  return 1;
}
