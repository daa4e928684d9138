/* Frames by place: the extents of the shapes' features by id, and boxes
 * around a point (gazmap/frame.h). */
#define _GNU_SOURCE
#include "gazmap/frame.h"

#include "gazmap/error.h"
#include "gazmap/layer.h"

#include "map/layers.h"
#include "util/error.h"
#include "util/grow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The mean radius of the WGS84 ellipsoid (IUGG R1), km. */
#define EARTH_KM 6371.0088

int gazmap_bbox_around(double lat, double lon, double radius_km, double bbox[4]) {
  double dlat, dlon;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "point %g,%g is outside the world", lat, lon);
  }
  if (!(radius_km >= 0.1 && radius_km <= 5000)) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "radius %g km is outside 0.1..5000", radius_km);
  }
  dlat = radius_km / EARTH_KM * 180 / M_PI;
  if (fabs(lat) + dlat >= 89.9) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "a circle of %g km around %g,%g reaches a pole",
                   radius_km, lat, lon);
  }
  /* The widest parallel of the circle is not its centre's but the one
   * nearer the pole, where a degree of longitude is shortest. */
  dlon = asin(fmin(1.0, sin(radius_km / EARTH_KM) / cos(lat * M_PI / 180))) * 180 / M_PI;
  bbox[0] = fmax(-180, lon - dlon);
  bbox[1] = lat - dlat;
  bbox[2] = fmin(180, lon + dlon);
  bbox[3] = lat + dlat;
  return 0;
}

typedef struct extent {
  char *id;
  double box[4];
} extent;

struct gazmap_extents {
  const gazmap_gazetteer *g;
  extent *e;
  size_t n, cap;
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
  free(ex);
}

static void box_join(double *a, const double *b) {
  a[0] = fmin(a[0], b[0]), a[1] = fmin(a[1], b[1]);
  a[2] = fmax(a[2], b[2]), a[3] = fmax(a[3], b[3]);
}

/* Adds feature `i` of `l` under `id` (joined with an earlier entry of the
 * same id). */
static int add_feature(gazmap_extents *ex, const gazmap_layer *l, size_t i, const char *id) {
  double box[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY};
  size_t p, n, v, j;
  extent *ne;
  for (p = 0; p < gazmap_layer_parts(l, i); p++) {
    const double *xy = gazmap_layer_part(l, i, p, &n);
    for (v = 0; v < n; v++) {
      double pt[4] = {xy[2 * v], xy[2 * v + 1], xy[2 * v], xy[2 * v + 1]};
      box_join(box, pt);
    }
  }
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
  memcpy(ne[ex->n].box, box, sizeof box);
  ex->n++;
  return 0;
}

int gazmap_extents_open(gazmap_extents **out, const gazmap_gazetteer *g, const char *shapes_dir) {
  gazmap_extents *ex = calloc(1, sizeof *ex);
  size_t li, i;
  int rc = 0;

  *out = NULL;
  if (!ex) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ex->g = g;
  for (li = 0; li < gz_layers_count() && rc == 0; li++) {
    const gz_layer_def *def = gz_layers_at(li);
    gazmap_layer *l = NULL;
    if (def->geom != GAZMAP_GEOM_POLYGON || def->source != GZ_SOURCE_SHAPEFILE) {
      continue;
    }
    if ((rc = gazmap_layer_open(&l, shapes_dir, def->name, g)) == GAZMAP_EIO) {
      rc = 0; /* this shapes directory has no such layer */
      continue;
    }
    for (i = 0; rc == 0 && l && i < gazmap_layer_count(l); i++) {
      /* Countries are keyed by their code, as "country:AM". */
      const char *iso = gazmap_layer_attr(l, i, "iso_a2");
      char key[32];
      if (iso[0]) {
        snprintf(key, sizeof key, "country:%s", iso);
        rc = add_feature(ex, l, i, key);
      } else {
        rc = add_feature(ex, l, i, gazmap_layer_attr(l, i, "id"));
      }
    }
    gazmap_layer_free(l);
  }
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
  size_t i, members = 0, n = ex->g ? gazmap_gazetteer_count(ex->g) : 0;

  snprintf(key, sizeof key, "country:%s", gazmap_place_country(p));
  for (i = 0; i < ex->n; i++) {
    if (!strcmp(ex->e[i].id, id) ||
        (gazmap_place_kind(p) == GAZMAP_KIND_COUNTRY && !strcmp(ex->e[i].id, key))) {
      memcpy(bbox, ex->e[i].box, sizeof box);
      return 1;
    }
  }
  /* A district without a shape: the box of the places in it. */
  for (i = 0; i < n; i++) {
    const gazmap_place *q = gazmap_gazetteer_at(ex->g, i);
    if (!strcmp(gazmap_place_district(q), id)) {
      double pt[4] = {gazmap_place_lon(q), gazmap_place_lat(q), gazmap_place_lon(q),
                      gazmap_place_lat(q)};
      box_join(box, pt);
      members++;
    }
  }
  if (members < 2 || !(box[2] > box[0]) || !(box[3] > box[1])) {
    return 0;
  }
  memcpy(bbox, box, sizeof box);
  return 1;
}
