/* The one geodesic distance of the library: WGS84 ellipsoid, PROJ's
 * implementation of Karney's algorithm (geodesic.h), reached through the
 * dlopen()ed PROJ of util/proj_dl.h.  The first distance of a process loads
 * PROJ (about 10 ms of CPU, doc/render.md); the default map's scale bar
 * does not need one (map/furniture.c). */
#include "gazmap/gazetteer.h"

#include "util/proj_dl.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define WGS84_A 6378137.0
#define WGS84_F (1.0 / 298.257223563)

/* The geoparser asks for the same few pairs of places again and again
 * (every mention of a homonym against the places named around it, millions
 * of times in a long text), and Karney's inverse costs microseconds: the
 * last answers are kept per thread, in a small table indexed by a hash of
 * the four coordinates.  A hit returns the very number PROJ gave, so the
 * result never depends on the table. */
#define MEMO_SLOTS 4096

typedef struct memo_entry {
  double key[4];
  double km;
  int used;
} memo_entry;

static _Thread_local memo_entry memo[MEMO_SLOTS];
static _Thread_local struct geod_geodesic memo_geod;
static _Thread_local int memo_geod_ready;

static size_t memo_slot(const double key[4]) {
  uint64_t h = 0, bits;
  int i;
  for (i = 0; i < 4; i++) {
    memcpy(&bits, &key[i], sizeof bits);
    h = (h ^ bits) * 0x9E3779B97F4A7C15ull;
  }
  return (size_t)(h >> 40) & (MEMO_SLOTS - 1);
}

/* NAN, with GAZMAP_EPROJ naming the library as the last error, when PROJ
 * cannot be loaded. */
double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2) {
  const double key[4] = {lat1, lon1, lat2, lon2};
  const gz_proj_api *api;
  memo_entry *e = &memo[memo_slot(key)];
  double s12 = 0, azi1, azi2;
  if (e->used && !memcmp(e->key, key, sizeof key)) {
    return e->km;
  }
  if (!(api = gz_proj_api_get())) {
    return NAN;
  }
  if (!memo_geod_ready) {
    api->geod_init(&memo_geod, WGS84_A, WGS84_F);
    memo_geod_ready = 1;
  }
  api->geod_inverse(&memo_geod, lat1, lon1, lat2, lon2, &s12, &azi1, &azi2);
  memcpy(e->key, key, sizeof key);
  e->km = s12 / 1000.0;
  e->used = 1;
  return e->km;
}
