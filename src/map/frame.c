/* Boxes around a point (gazmap/frame.h).  The extents of places, the
 * header's other half, are the core's: gazetteer/extents.c. */
#define _GNU_SOURCE
#include "gazmap/frame.h"

#include "gazmap/error.h"

#include "util/error.h"

#include <math.h>
#include <stdio.h>

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
