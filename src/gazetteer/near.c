/* Nearest places: a spherical pre-selection, then geodesic distances on WGS84
 * (util/geodesic.c). */
#include "util/error.h"
#include "gazetteer/gazetteer_internal.h"

#include <math.h>
#include <stdlib.h>

/* Candidates kept by the cheap spherical pre-selection beyond the `cap`
 * asked for; the sphere and the ellipsoid disagree by under 0.5 %, so only
 * near-ties could change order, and those are among the extra ones. */
#define NEAR_SLACK 32

/* Great-circle distance on a sphere of the mean radius, in km. */
static double sphere_km(double lat1, double lon1, double lat2, double lon2) {
  const double r = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
  double a =
      sin(dlat / 2) * sin(dlat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);
  return 2.0 * 6371.0088 * asin(sqrt(a > 1 ? 1 : a));
}

typedef struct hit {
  double km;
  size_t place;
} hit;

static int cmp_hit(const void *a, const void *b) {
  const hit *x = a, *y = b;
  if (x->km != y->km) {
    return x->km < y->km ? -1 : 1;
  }
  return (x->place > y->place) - (x->place < y->place);
}

/* Keeps the m nearest in a max-heap on km (heap[0] is the farthest kept). */
static void heap_push(hit *heap, size_t *n, size_t m, hit h) {
  size_t i;
  if (*n < m) {
    i = (*n)++;
    while (i > 0 && cmp_hit(&heap[(i - 1) / 2], &h) < 0) {
      heap[i] = heap[(i - 1) / 2];
      i = (i - 1) / 2;
    }
    heap[i] = h;
    return;
  }
  if (cmp_hit(&h, &heap[0]) >= 0) {
    return;
  }
  i = 0;
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, big = i;
    const hit *cur = &h;
    if (l < *n && cmp_hit(&heap[l], cur) > 0) {
      big = l;
      cur = &heap[l];
    }
    if (r < *n && cmp_hit(&heap[r], cur) > 0) {
      big = r;
    }
    if (big == i) {
      break;
    }
    heap[i] = heap[big];
    i = big;
  }
  heap[i] = h;
}

int gazmap_near(const gazmap_gazetteer *g, double lat, double lon, unsigned kinds,
                const gazmap_place **out, double *km, size_t cap, size_t *n) {
  hit *heap = NULL;
  size_t m = cap + NEAR_SLACK, nh = 0, i;
  int rc = 0;

  *n = 0;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "coordinates %g, %g are out of range", lat, lon);
  }
  if (cap == 0) {
    return 0;
  }
  heap = malloc(m * sizeof *heap);
  if (!heap) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    hit h;
    if (kinds && !(kinds & (1u << p->kind))) {
      continue;
    }
    h.km = sphere_km(lat, lon, p->lat, p->lon);
    h.place = i;
    heap_push(heap, &nh, m, h);
  }
  for (i = 0; i < nh; i++) {
    const gazmap_place *p = &g->places[heap[i].place];
    heap[i].km = gazmap_distance_km(lat, lon, p->lat, p->lon);
    if (isnan(heap[i].km)) {
      /* PROJ could not be loaded: the last error says why. */
      free(heap);
      return gazmap_error_last()->code ? gazmap_error_last()->code : GAZMAP_EPROJ;
    }
  }
  qsort(heap, nh, sizeof *heap, cmp_hit);
  for (i = 0; i < nh && i < cap; i++) {
    out[i] = &g->places[heap[i].place];
    km[i] = heap[i].km;
  }
  *n = i;
  free(heap);
  return rc;
}
