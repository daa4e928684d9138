/* Map projection: the default one computed here, any other through PROJ;
 * and framing a lon/lat box on the page. */
#define _GNU_SOURCE
#include "map/project_internal.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/proj_dl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PROJ prints some complaints on stderr whatever the log level; the library
 * must stay silent and reports through its error codes instead.  The last
 * message is kept (in the buffer `ud`): PROJ's error codes alone often say
 * no more than "Unknown error (code 4096)", its log says what was wrong. */
#define PROJ_MSG_CAP 256
static void quiet_log(void *ud, int level, const char *msg) {
  if (ud && msg && level <= PJ_LOG_ERROR) {
    snprintf(ud, PROJ_MSG_CAP, "%s", msg);
  }
}

/* The default projection, Lambert Conformal Conic on WGS84 (GZ_DEFAULT_CRS),
 * computed here rather than by PROJ: the same formulas as PROJ's lcc
 * (Snyder, Map Projections - A Working Manual, 1987, eqs. 15-1 to 15-11)
 * on an ellipsoid of semi-major axis 1.  By callgrind on the default PNG,
 * gz_proj_fwd took 14.6 M instructions through PROJ's pipeline and takes
 * 6.7 M here; the whole render 449.8 M before, 442.5 M after (-1.6%, below
 * what timed runs on the shared machine resolve), with byte-identical PNG,
 * SVG and PDF.  It also means the default map calls nothing in PROJ, which
 * a build that loads PROJ only for --crs needs (doc/render.md: PROJ's
 * libraries cost about 10 ms of CPU at every start).  tests/map/test_render.c
 * holds it to PROJ's pipeline (GZ_DEFAULT_PIPELINE) within a micrometre. */
typedef struct gz_lcc {
  double lam0;       /* central meridian, radians */
  double n, c, rho0; /* cone constant, scale of rho, rho of the origin */
} gz_lcc;

#define GZ_WGS84_A 6378137.0
#define GZ_WGS84_F (1.0 / 298.257223563)
#define GZ_DEG (M_PI / 180.0)

struct gz_proj {
  const gz_proj_api *api; /* PROJ's functions (util/proj_dl.h), with ctx */
  PJ_CONTEXT *ctx;        /* NULL for the native default projection */
  PJ *pj;                 /* normalized: lon/lat in, easting/northing out */
  gz_lcc lcc;             /* the default projection, when ctx is NULL */
  char msg[PROJ_MSG_CAP]; /* PROJ's last error message (quiet_log) */
};

static double wgs84_e(void) {
  return sqrt(GZ_WGS84_F * (2 - GZ_WGS84_F));
}

/* Snyder's t (eq. 15-9), as PROJ's pj_tsfn computes it. */
static double lcc_ts(double phi, double sinphi, double e) {
  double cosphi = cos(phi);
  return exp(e * atanh(e * sinphi)) * (sinphi > 0 ? cosphi / (1 + sinphi) : (1 - sinphi) / cosphi);
}

/* Snyder's m (eq. 14-15). */
static double lcc_m(double sinphi, double cosphi, double es) {
  return cosphi / sqrt(1 - es * sinphi * sinphi);
}

/* The constants of GZ_DEFAULT_CRS: standard parallels 39 and 41 N, origin
 * 40 N 46 E. */
static void lcc_init(gz_lcc *q) {
  double e = wgs84_e(), es = e * e;
  double phi1 = 39 * GZ_DEG, phi2 = 41 * GZ_DEG, phi0 = 40 * GZ_DEG;
  double m1 = lcc_m(sin(phi1), cos(phi1), es), m2 = lcc_m(sin(phi2), cos(phi2), es);
  double t1 = lcc_ts(phi1, sin(phi1), e), t2 = lcc_ts(phi2, sin(phi2), e);
  q->lam0 = 46 * GZ_DEG;
  q->n = log(m1 / m2) / log(t1 / t2);
  q->c = m1 * pow(t1, -q->n) / q->n;
  q->rho0 = q->c * pow(lcc_ts(phi0, sin(phi0), e), q->n);
}

/* `lam` brought into -pi..pi. */
static double wrap_pi(double lam) {
  if (fabs(lam) > M_PI) {
    lam -= 2 * M_PI * floor((lam + M_PI) / (2 * M_PI));
  }
  return lam;
}

static void lcc_fwd(const gz_lcc *q, double *xy, size_t n) {
  double e = wgs84_e();
  size_t i;
  for (i = 0; i < n; i++) {
    double lon = xy[2 * i], lat = xy[2 * i + 1], phi = lat * GZ_DEG, lam, rho;
    if (!isfinite(lon) || !isfinite(lat) || fabs(lat) > 90) {
      xy[2 * i] = xy[2 * i + 1] = HUGE_VAL;
      continue;
    }
    if (fabs(fabs(phi) - M_PI / 2) < 1e-10) {
      if (phi * q->n <= 0) { /* the pole the cone does not reach */
        xy[2 * i] = xy[2 * i + 1] = HUGE_VAL;
        continue;
      }
      rho = 0;
    } else {
      rho = q->c * pow(lcc_ts(phi, sin(phi), e), q->n);
    }
    lam = wrap_pi(lon * GZ_DEG - q->lam0) * q->n;
    xy[2 * i] = GZ_WGS84_A * (rho * sin(lam));
    xy[2 * i + 1] = GZ_WGS84_A * (q->rho0 - rho * cos(lam));
  }
}

/* Snyder's eq. 7-9 solved for phi by fixed-point iteration, as PROJ's
 * pj_phi2 does; -1 when it does not converge. */
static int lcc_phi(double ts, double e, double *phi) {
  double p = M_PI / 2 - 2 * atan(ts), prev;
  int i;
  for (i = 0; i < 30; i++) {
    double es = e * sin(p);
    prev = p;
    p = M_PI / 2 - 2 * atan(ts * pow((1 - es) / (1 + es), e / 2));
    if (fabs(p - prev) < 1e-14) {
      *phi = p;
      return 0;
    }
  }
  return -1;
}

static int lcc_inv(const gz_lcc *q, double x, double y, double *lon, double *lat) {
  double rho, phi, lam;
  x /= GZ_WGS84_A;
  y = q->rho0 - y / GZ_WGS84_A;
  rho = hypot(x, y);
  if (!isfinite(rho)) {
    return -1;
  }
  if (q->n < 0) {
    rho = -rho;
    x = -x;
    y = -y;
  }
  if (rho == 0) {
    phi = q->n > 0 ? M_PI / 2 : -M_PI / 2;
    lam = 0;
  } else {
    if (lcc_phi(pow(rho / q->c, 1 / q->n), wgs84_e(), &phi) < 0) {
      return -1;
    }
    lam = atan2(x, y) / q->n;
  }
  *lon = wrap_pi(lam + q->lam0) / GZ_DEG;
  *lat = phi / GZ_DEG;
  return 0;
}

/* The source CRS as a PROJ string, which PROJ resolves without its database
 * (EPSG:4326 would need a lookup in proj.db on every run). */
static const char wgs84_lonlat[] = "+proj=longlat +datum=WGS84 +no_defs +type=crs";

/* A gz_proj with a quiet PROJ context of its own; PROJ is loaded here the
 * first time (GAZMAP_EPROJ naming the library when it cannot be). */
static int proj_alloc(gz_proj **out) {
  const gz_proj_api *api = gz_proj_api_get();
  gz_proj *p;
  *out = NULL;
  if (!api) {
    return GAZMAP_EPROJ;
  }
  if (!(p = calloc(1, sizeof *p))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  p->api = api;
  if (!(p->ctx = api->context_create())) {
    free(p);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "cannot create a PROJ context");
  }
  api->log_func(p->ctx, p->msg, quiet_log);
  api->log_level(p->ctx, PJ_LOG_ERROR);
  *out = p;
  return 0;
}

/* GAZMAP_EPROJ with PROJ's own words: its log message when it left one,
 * else the string of its error code. */
static int proj_refused(gz_proj *p, const char *crs) {
  const char *why = p->msg[0] ? p->msg
                              : p->api->context_errno_string(p->ctx, p->api->context_errno(p->ctx));
  return gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ refused CRS '%s': %s", crs,
                 why && *why ? why : "not a CRS PROJ knows");
}

/* Only a CRS whose coordinates are two numbers on the ground makes a map: a
 * geographic 2-D or a projected CRS (or one of those bound to a datum
 * transformation).  A geocentric CRS (EPSG:4978) drew a mirrored map and
 * a vertical one was taken for anything at all. */
static int check_crs(gz_proj *p, const char *crs, const char *target) {
  const gz_proj_api *api = p->api;
  PJ *obj = api->create(p->ctx, target), *cs = NULL;
  PJ_TYPE type;
  int rc = 0, axes;
  if (!obj) {
    return proj_refused(p, crs);
  }
  type = api->get_type(obj);
  /* PROJ takes a bare word for the nearest name in its database ("foo" is
   * Amersfoort): a name must be the CRS's name exactly, or use AUTH:CODE. */
  if (!strchr(target, ':') && !strchr(target, '[') && target[0] != '+' && target[0] != '{' &&
      (!api->get_name(obj) || strcasecmp(api->get_name(obj), target))) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "unknown CRS '%s' (PROJ's nearest name is '%s'; give "
                 "AUTH:CODE, a +proj string or WKT)", crs,
                 api->get_name(obj) ? api->get_name(obj) : "none");
    goto done;
  }
  switch (type) {
  case PJ_TYPE_GEOGRAPHIC_2D_CRS:
  case PJ_TYPE_PROJECTED_CRS:
  case PJ_TYPE_BOUND_CRS:
    break;
  case PJ_TYPE_GEOGRAPHIC_3D_CRS:
  case PJ_TYPE_GEOCENTRIC_CRS:
  case PJ_TYPE_VERTICAL_CRS:
  case PJ_TYPE_COMPOUND_CRS:
  case PJ_TYPE_TEMPORAL_CRS:
  case PJ_TYPE_ENGINEERING_CRS:
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0,
                 "CRS '%s' is %s; a map needs a geographic 2-D or a projected CRS", crs,
                 type == PJ_TYPE_GEOCENTRIC_CRS      ? "geocentric (x, y, z from the Earth's centre)"
                 : type == PJ_TYPE_VERTICAL_CRS      ? "vertical (heights only)"
                 : type == PJ_TYPE_GEOGRAPHIC_3D_CRS ? "geographic 3-D"
                 : type == PJ_TYPE_COMPOUND_CRS      ? "compound (with heights; name its horizontal CRS)"
                                                     : "not a horizontal CRS");
    goto done;
  default:
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0,
                 "'%s' is not a coordinate reference system (a geographic 2-D or projected CRS)",
                 crs);
    goto done;
  }
  /* A derived projected CRS can still carry three axes. */
  cs = api->crs_get_coordinate_system(p->ctx, obj);
  if (cs && (axes = api->cs_get_axis_count(p->ctx, cs)) != 2) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "CRS '%s' has %d axes; a map needs 2", crs, axes);
  }
done:
  if (cs) {
    api->destroy(cs);
  }
  api->destroy(obj);
  return rc;
}

int gz_proj_new(gz_proj **out, const char *crs) {
  const gz_proj_api *api;
  gz_proj *p;
  char *target = NULL;
  PJ *raw = NULL;
  int rc;

  *out = NULL;
  /* The default projection is computed here: no PROJ context, no PROJ
   * call. */
  if (!crs || !*crs) {
    if (!(p = calloc(1, sizeof *p))) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    lcc_init(&p->lcc);
    *out = p;
    return 0;
  }
  if ((rc = proj_alloc(&p)) < 0) {
    return rc;
  }
  api = p->api; /* still needed at done:, where p may be NULL */
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
  if ((rc = check_crs(p, crs, target)) < 0) {
    goto done;
  }
  raw = api->create_crs_to_crs(p->ctx, wgs84_lonlat, target, NULL);
  if (!raw) {
    rc = proj_refused(p, crs);
    goto done;
  }
  p->pj = api->normalize_for_visualization(p->ctx, raw);
  if (!p->pj) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ cannot normalise CRS '%s'", crs);
    goto done;
  }
  *out = p;
  p = NULL;
done:
  if (raw) {
    api->destroy(raw);
  }
  free(target);
  gz_proj_free(p);
  return rc;
}

void gz_proj_free(gz_proj *p) {
  if (!p) {
    return;
  }
  if (p->pj) {
    p->api->destroy(p->pj);
  }
  if (p->ctx) {
    p->api->context_destroy(p->ctx);
  }
  free(p);
}

void gz_proj_fwd(gz_proj *p, double *xy, size_t n) {
  size_t i;
  if (n == 0) {
    return;
  }
  if (!p->ctx) {
    lcc_fwd(&p->lcc, xy, n);
    return;
  }
  p->api->trans_generic(p->pj, PJ_FWD, xy, 2 * sizeof *xy, n, xy + 1, 2 * sizeof *xy, n, NULL, 0, 0,
                        NULL, 0, 0);
  for (i = 0; i < 2 * n; i++) {
    if (!isfinite(xy[i])) {
      xy[i] = HUGE_VAL;
    }
  }
  /* A failed point leaves the context's errno set; it is not an error of the
   * whole operation (the point is simply not drawn). */
  p->api->errno_reset(p->pj);
}

int gz_proj_inv(gz_proj *p, double x, double y, double *lon, double *lat) {
  PJ_COORD c = {{x, y, 0, 0}};
  if (!p->ctx) {
    if (lcc_inv(&p->lcc, x, y, lon, lat) < 0) {
      return gz_fail(GAZMAP_EPROJ, NULL, 0, "point (%g, %g) has no inverse", x, y);
    }
    return 0;
  }
  c = p->api->trans(p->pj, PJ_INV, c);
  if (!isfinite(c.xy.x) || !isfinite(c.xy.y) || c.xy.x == HUGE_VAL) {
    p->api->errno_reset(p->pj);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "point (%g, %g) has no inverse", x, y);
  }
  *lon = c.lp.lam;
  *lat = c.lp.phi;
  return 0;
}

/* Snyder's eq. 15-16: k = rho n / (a m) for the default LCC (here a = 1
 * and rho in the same unit), from the latitude of the point. */
double gz_proj_scale(const gz_proj *p, double x, double y) {
  double lon, lat, phi, rho, e = wgs84_e();
  if (p->ctx || lcc_inv(&p->lcc, x, y, &lon, &lat) < 0 || fabs(lat) >= 90) {
    return 0;
  }
  phi = lat * GZ_DEG;
  rho = p->lcc.c * pow(lcc_ts(phi, sin(phi), e), p->lcc.n);
  return fabs(rho * p->lcc.n / lcc_m(sin(phi), cos(phi), e * e));
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
