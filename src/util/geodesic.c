/* The one geodesic distance of the library: WGS84 ellipsoid, PROJ's
 * implementation of Karney's algorithm (geodesic.h). */
#include "gazmap/gazetteer.h"

#include <geodesic.h>

#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)

double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2) {
  struct geod_geodesic geod;
  double s12 = 0, azi1, azi2;
  geod_init(&geod, WGS84_A, WGS84_F);
  geod_inverse(&geod, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  return s12 / 1000.0;
}

