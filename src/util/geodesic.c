/* The one geodesic distance of the library: WGS84 ellipsoid, PROJ's
 * implementation of Karney's algorithm (geodesic.h), reached through the
 * dlopen()ed PROJ of util/proj_dl.h.  The first distance of a process loads
 * PROJ (about 10 ms of CPU, doc/render.md); the default map's scale bar
 * does not need one (map/furniture.c). */
#include "gazmap/gazetteer.h"

#include "util/proj_dl.h"

#include <math.h>

#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)

/* The ellipsoid's constants, set once per thread (geod_init is a good part
 * of one inverse).  The geoparser's repeated pairs are cached where their
 * key is cheap, by place pair, in the resolver's context (scan/resolve.c). */
static _Thread_local struct geod_geodesic wgs84;
static _Thread_local int wgs84_ready;

/* NAN, with GAZMAP_EPROJ naming the library as the last error, when PROJ
 * cannot be loaded. */
double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2) {
  const gz_proj_api *api = gz_proj_api_get();
  double s12 = 0, azi1, azi2;
  if (!api) {
    return NAN;
  }
  if (!wgs84_ready) {
    api->geod_init(&wgs84, WGS84_A, WGS84_F);
    wgs84_ready = 1;
  }
  api->geod_inverse(&wgs84, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  return s12 / 1000.0;
}
