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

/* NAN, with GAZMAP_EPROJ naming the library as the last error, when PROJ
 * cannot be loaded. */
double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2) {
  const gz_proj_api *api = gz_proj_api_get();
  struct geod_geodesic geod;
  double s12 = 0, azi1, azi2;
  if (!api) {
    return NAN;
  }
  api->geod_init(&geod, WGS84_A, WGS84_F);
  api->geod_inverse(&geod, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  return s12 / 1000.0;
}
