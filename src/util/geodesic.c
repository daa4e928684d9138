/* The one geodesic distance of the library: WGS84 ellipsoid, Vincenty's
 * inverse formula (1975), with PROJ's implementation of Karney's algorithm
 * (geodesic.h, through the dlopen()ed PROJ of util/proj_dl.h) for the pairs
 * on which Vincenty's iteration does not converge: points nearly antipodal.
 *
 * PROJ brings 43 libraries; loading them for `near` and `find` cost more
 * than the rest of the command (doc/startup.md).  Vincenty agrees with
 * PROJ's geod_inverse to a fraction of a millimetre wherever it converges
 * (tests/util/test_geodesic.c holds it to that over 10,000 pairs), and every
 * distance gazmap prints is rounded to 10 m or more, so the outputs are the
 * same.  The default map's scale bar needs no distance (map/furniture.c). */
#define _GNU_SOURCE
#include "gazmap/gazetteer.h"

#include "util/geodesic.h"
#include "util/proj_dl.h"

#include <math.h>

#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)
#define WGS84_B (WGS84_A * (1 - WGS84_F))

/* The iteration on the longitude on the auxiliary sphere stops when a step
 * changes it by less than this (radians: about 6 um on the ground), and
 * gives up after VINCENTY_STEPS steps; away from antipodal points it takes
 * 2 to 6. */
#define VINCENTY_EPS 1e-12
#define VINCENTY_STEPS 200

static const double deg = M_PI / 180.0;

int gz_vincenty_m(double lat1, double lon1, double lat2, double lon2, double *m) {
  double dlon = remainder(lon2 - lon1, 360.0) * deg;
  double u1 = atan((1 - WGS84_F) * tan(lat1 * deg)), u2 = atan((1 - WGS84_F) * tan(lat2 * deg));
  double su1 = sin(u1), cu1 = cos(u1), su2 = sin(u2), cu2 = cos(u2);
  double lam = dlon, sig = 0, ssig = 0, csig = 1, c2sm = 0, cos2a = 1;
  double usq, a, b, dsig;
  int step;

  for (step = 0; step < VINCENTY_STEPS; step++) {
    double sl = sin(lam), cl = cos(lam), sina, c, next;
    double t1 = cu2 * sl, t2 = cu1 * su2 - su1 * cu2 * cl;
    ssig = sqrt(t1 * t1 + t2 * t2);
    if (ssig == 0) {
      *m = 0; /* the same point */
      return 0;
    }
    csig = su1 * su2 + cu1 * cu2 * cl;
    sig = atan2(ssig, csig);
    sina = cu1 * cu2 * sl / ssig;
    cos2a = 1 - sina * sina;
    /* On the equator cos^2(alpha) is 0 and the term it divides drops out. */
    c2sm = cos2a != 0 ? csig - 2 * su1 * su2 / cos2a : 0;
    c = WGS84_F / 16 * cos2a * (4 + WGS84_F * (4 - 3 * cos2a));
    next = dlon +
           (1 - c) * WGS84_F * sina * (sig + c * ssig * (c2sm + c * csig * (-1 + 2 * c2sm * c2sm)));
    if (!(fabs(next) <= M_PI)) {
      return -1; /* nearly antipodal: the longitude left its range */
    }
    if (fabs(next - lam) < VINCENTY_EPS) {
      lam = next;
      break;
    }
    lam = next;
  }
  if (step == VINCENTY_STEPS) {
    return -1;
  }
  usq = cos2a * (WGS84_A * WGS84_A - WGS84_B * WGS84_B) / (WGS84_B * WGS84_B);
  a = 1 + usq / 16384 * (4096 + usq * (-768 + usq * (320 - 175 * usq)));
  b = usq / 1024 * (256 + usq * (-128 + usq * (74 - 47 * usq)));
  dsig = b * ssig *
         (c2sm + b / 4 *
                     (csig * (-1 + 2 * c2sm * c2sm) -
                      b / 6 * c2sm * (-3 + 4 * ssig * ssig) * (-3 + 4 * c2sm * c2sm)));
  *m = WGS84_B * a * (sig - dsig);
  return 0;
}

/* PROJ's ellipsoid constants, set once per thread (geod_init is a good part
 * of one inverse), for the pairs Vincenty leaves.  The geoparser's repeated
 * pairs are cached where their key is cheap, by place pair, in the
 * resolver's context (scan/resolve.c). */
static _Thread_local struct geod_geodesic wgs84;
static _Thread_local int wgs84_ready;

/* NAN, with GAZMAP_EPROJ naming the library as the last error, when a pair
 * needs PROJ and PROJ cannot be loaded. */
double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2) {
  const gz_proj_api *api;
  double s12 = 0, azi1, azi2;
  if (gz_vincenty_m(lat1, lon1, lat2, lon2, &s12) == 0) {
    return s12 / 1000.0;
  }
  if (!(api = gz_proj_api_get())) {
    return NAN;
  }
  if (!wgs84_ready) {
    api->geod_init(&wgs84, WGS84_A, WGS84_F);
    wgs84_ready = 1;
  }
  api->geod_inverse(&wgs84, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  return s12 / 1000.0;
}
