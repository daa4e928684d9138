/* Map projection through PROJ, and framing a lon/lat box on the page. */
#define _GNU_SOURCE
#include "map/project_internal.h"

#include "gazmap/error.h"

#include "util/error.h"

#include <geodesic.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PROJ prints some complaints on stderr whatever the log level; the library
 * must stay silent and reports through its error codes instead. */
static void quiet_log(void *ud, int level, const char *msg) {
  (void)ud;
  (void)level;
  (void)msg;
}

struct gz_proj {
  PJ_CONTEXT *ctx;
  PJ *pj;    /* normalized: lon/lat in, easting/northing out */
  int no_db; /* the default pipeline: PROJ's database is never opened */
};

/* The source CRS as a PROJ string, which PROJ resolves without its database
 * (EPSG:4326 would need a lookup in proj.db on every run). */
static const char wgs84_lonlat[] = "+proj=longlat +datum=WGS84 +no_defs +type=crs";

/* A gz_proj with a quiet PROJ context of its own; with `no_db`, a search
 * path without proj.db keeps PROJ from opening its database. */
static int proj_alloc(gz_proj **out, int no_db) {
  gz_proj *p = calloc(1, sizeof *p);
  *out = NULL;
  if (!p) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  if (!(p->ctx = proj_context_create())) {
    free(p);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "cannot create a PROJ context");
  }
  proj_log_func(p->ctx, NULL, quiet_log);
  proj_log_level(p->ctx, PJ_LOG_NONE);
  if (no_db) {
    static const char *const no_database[] = {"/dev/null"};
    proj_context_set_search_paths(p->ctx, 1, no_database);
    p->no_db = 1;
  }
  *out = p;
  return 0;
}

int gz_proj_new(gz_proj **out, const char *crs) {
  gz_proj *p;
  char *target = NULL;
  PJ *raw = NULL;
  int rc;

  *out = NULL;
  /* The default pipeline needs nothing from PROJ's database, and opening it
   * costs more than drawing the map. */
  if ((rc = proj_alloc(&p, !crs || !*crs)) < 0) {
    return rc;
  }
  if (p->no_db) {
    if (!(p->pj = proj_create(p->ctx, GZ_DEFAULT_PIPELINE))) {
      rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ refused the default projection: %s",
                   proj_context_errno_string(p->ctx, proj_context_errno(p->ctx)));
      goto done;
    }
    goto built;
  }
  /* A bare "+proj=..." string is an operation to PROJ; "+type=crs" makes it a
   * CRS that can be a transformation target. */
  if (!strncmp(crs, "+proj", 5) && !strstr(crs, "+type=crs")) {
    if (asprintf(&target, "%s +type=crs", crs) < 0) {
      target = NULL;
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      goto done;
    }
  } else if (!(target = strdup(crs))) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  raw = proj_create_crs_to_crs(p->ctx, wgs84_lonlat, target, NULL);
  if (!raw) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ refused CRS '%s': %s", crs,
                 proj_context_errno_string(p->ctx, proj_context_errno(p->ctx)));
    goto done;
  }
  p->pj = proj_normalize_for_visualization(p->ctx, raw);
  if (!p->pj) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ cannot normalise CRS '%s'", crs);
    goto done;
  }
built:
  *out = p;
  p = NULL;
done:
  if (raw) {
    proj_destroy(raw);
  }
  free(target);
  gz_proj_free(p);
  return rc;
}

int gz_proj_clone(const gz_proj *src, gz_proj **out) {
  gz_proj *p;
  int rc;
  *out = NULL;
  if ((rc = proj_alloc(&p, src->no_db)) < 0) {
    return rc;
  }
  if (!(p->pj = proj_clone(p->ctx, src->pj))) {
    gz_proj_free(p);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ cannot copy the projection");
  }
  *out = p;
  return 0;
}

void gz_proj_free(gz_proj *p) {
  if (!p) {
    return;
  }
  if (p->pj) {
    proj_destroy(p->pj);
  }
  if (p->ctx) {
    proj_context_destroy(p->ctx);
  }
  free(p);
}

void gz_proj_fwd(gz_proj *p, double *xy, size_t n) {
  size_t i;
  if (n == 0) {
    return;
  }
  proj_trans_generic(p->pj, PJ_FWD, xy, 2 * sizeof *xy, n, xy + 1, 2 * sizeof *xy, n, NULL, 0, 0,
                     NULL, 0, 0);
  for (i = 0; i < 2 * n; i++) {
    if (!isfinite(xy[i])) {
      xy[i] = HUGE_VAL;
    }
  }
  /* A failed point leaves the context's errno set; it is not an error of the
   * whole operation (the point is simply not drawn). */
  proj_errno_reset(p->pj);
}

int gz_proj_inv(gz_proj *p, double x, double y, double *lon, double *lat) {
  PJ_COORD c = proj_coord(x, y, 0, 0);
  c = proj_trans(p->pj, PJ_INV, c);
  if (!isfinite(c.xy.x) || !isfinite(c.xy.y) || c.xy.x == HUGE_VAL) {
    proj_errno_reset(p->pj);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "point (%g, %g) has no inverse", x, y);
  }
  *lon = c.lp.lam;
  *lat = c.lp.phi;
  return 0;
}

int gz_bbox_check(const double b[4]) {
  int i;
  for (i = 0; i < 4; i++) {
    if (!isfinite(b[i])) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "bbox has a non-numeric value");
    }
  }
  if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > 180 || b[2] < -180 ||
      b[1] > 90 || b[3] < -90) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "bbox %g,%g,%g,%g lies outside the world (lon -180..180, lat -90..90)", b[0],
                   b[1], b[2], b[3]);
  }
  if (!(b[2] > b[0]) || !(b[3] > b[1])) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "bbox %g,%g,%g,%g is empty (need lon_min < lon_max, lat_min < lat_max)", b[0],
                   b[1], b[2], b[3]);
  }
  return 0;
}

void gz_bbox_from_center(double lat, double lon, double zoom, double width, double height,
                         double bbox[4]) {
  double half_lon = width / 256.0 * 360.0 / pow(2.0, zoom) / 2.0;
  double coslat = cos(lat * M_PI / 180.0);
  double half_lat = half_lon * (coslat > 0.05 ? coslat : 0.05) * height / width;
  bbox[0] = lon - half_lon;
  bbox[2] = lon + half_lon;
  bbox[1] = lat - half_lat;
  bbox[3] = lat + half_lat;
}

/* Samples along the bbox edges: a straight lon/lat edge is a curve once
 * projected, so corners alone would miss part of the box. */
#define EDGE_SAMPLES 32

int gz_frame_fit(gz_frame *fr, gz_proj *p, const double b[4], double left, double top, double width,
                 double height) {
  double xy[8 * EDGE_SAMPLES];
  double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL, ymax = -HUGE_VAL, sx, sy;
  size_t i, n = 0;

  for (i = 0; i < EDGE_SAMPLES; i++) {
    double t = (double)i / (EDGE_SAMPLES - 1);
    double lon = b[0] + t * (b[2] - b[0]), lat = b[1] + t * (b[3] - b[1]);
    xy[2 * n] = lon, xy[2 * n + 1] = b[1], n++;
    xy[2 * n] = lon, xy[2 * n + 1] = b[3], n++;
    xy[2 * n] = b[0], xy[2 * n + 1] = lat, n++;
    xy[2 * n] = b[2], xy[2 * n + 1] = lat, n++;
  }
  gz_proj_fwd(p, xy, n);
  for (i = 0; i < n; i++) {
    if (xy[2 * i] == HUGE_VAL || xy[2 * i + 1] == HUGE_VAL) {
      continue;
    }
    xmin = fmin(xmin, xy[2 * i]);
    xmax = fmax(xmax, xy[2 * i]);
    ymin = fmin(ymin, xy[2 * i + 1]);
    ymax = fmax(ymax, xy[2 * i + 1]);
  }
  if (!(xmax > xmin) || !(ymax > ymin)) {
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "the bbox %g,%g,%g,%g cannot be drawn in this projection",
                   b[0], b[1], b[2], b[3]);
  }
  sx = width / (xmax - xmin);
  sy = height / (ymax - ymin);
  fr->left = left;
  fr->top = top;
  fr->width = width;
  fr->height = height;
  fr->scale = fmin(sx, sy);
  /* Centre the box; the spare room shows more of the surroundings. */
  fr->x0 = (xmin + xmax) / 2 - width / fr->scale / 2;
  fr->y1 = (ymin + ymax) / 2 + height / fr->scale / 2;
  return 0;
}
