/* Private: the ellipsoidal distance behind gazmap_distance_km() (geodesic.c). */
#ifndef GAZMAP_UTIL_GEODESIC_H
#define GAZMAP_UTIL_GEODESIC_H

/* Vincenty's inverse formula on WGS84: 0 and the distance in metres in *m,
 * or -1 (*m untouched) when its iteration does not converge, which happens
 * only for nearly antipodal points; gazmap_distance_km() then asks PROJ. */
int gz_vincenty_m(double lat1, double lon1, double lat2, double lon2, double *m);

#endif
