/* Nearest places: a spherical pre-selection, then geodesic distances on WGS84
 * (util/geodesic.c).  A gazetteer in memory is scanned whole; a compiled
 * index is searched through its grid of one-degree cells, ring by ring
 * around the point, until no cell left can hold a place nearer than the
 * ones kept, so that only the places returned are materialised.  Both keep
 * the same places: the heap keeps the m nearest by (distance, place
 * number), whatever order they come in. */
#include "util/error.h"
#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/index_format.h"

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

#define EARTH_KM 6371.0088
#define DEG (3.14159265358979323846 / 180.0)

/* A lower bound of the sphere distance from (lat, lon) to any point
 * outside the cells within `r` rows and columns of its cell (qi, qj), or
 * -1 when there is no such point (the box covers the globe). */
static double outside_km(double lat, double lon, long qi, long qj, long r) {
  double best = -1, d;
  /* Rows beyond the box: at least the latitude difference away. */
  if (qi - r > 0) {
    best = (lat - (double)(qi - r - 90)) * DEG * EARTH_KM;
  }
  if (qi + r + 1 < IX_GRID_ROWS) {
    d = ((double)(qi + r + 1 - 90) - lat) * DEG * EARTH_KM;
    best = best < 0 || d < best ? d : best;
  }
  /* Columns beyond the box: at least as far as the meridians at its edges,
   * asin(cos(lat) sin(dlon)) away, or a pole when dlon passes 90 degrees. */
  if (2 * r + 1 < IX_GRID_COLS) {
    double west = lon - (double)(qj - r - 180), east = (double)(qj + r + 1 - 180) - lon;
    double dl = west < east ? west : east;
    d = dl >= 90 ? (90.0 - fabs(lat)) * DEG * EARTH_KM
                 : asin(cos(lat * DEG) * sin(dl * DEG)) * EARTH_KM;
    best = best < 0 || d < best ? d : best;
  }
  return best < 0 ? -1 : (best > 1e-6 ? best - 1e-6 : 0);
}

/* Pushes the places of grid cell (row, col) of index `m`. */
static void push_cell(const gz_mapped *m, long row, long col, double lat, double lon,
                      unsigned kinds, hit *heap, size_t *nh, size_t cap) {
  const ix_cell *cells = m->sec[IX_S_GRID_START];
  const ix_cell_entry *e = m->sec[IX_S_GRID];
  size_t ncells = m->sec_size[IX_S_GRID_START] / sizeof *cells, lo = 0, hi, k, end;
  size_t n = (size_t)m->hdr->nplaces;
  uint32_t c = (uint32_t)((size_t)row * IX_GRID_COLS +
                          (size_t)((col % IX_GRID_COLS + IX_GRID_COLS) % IX_GRID_COLS));
  if (ncells < 2) {
    return;
  }
  hi = ncells - 1; /* the last entry only ends the one before it */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cells[mid].cell < c) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo >= ncells - 1 || cells[lo].cell != c) {
    return;
  }
  end = cells[lo + 1].start < n ? cells[lo + 1].start : n;
  for (k = cells[lo].start; k < end; k++) {
    hit h;
    if (e[k].place >= n || (kinds && (e[k].kind >= 32 || !(kinds & (1u << e[k].kind))))) {
      continue;
    }
    h.km = sphere_km(lat, lon, e[k].lat, e[k].lon);
    h.place = e[k].place;
    heap_push(heap, nh, cap, h);
  }
}

/* The pre-selection over a compiled index's grid. */
static void near_grid(const gz_mapped *m, double lat, double lon, unsigned kinds, hit *heap,
                      size_t *nh, size_t cap) {
  long qi = (long)ix_cell_row(lat), qj = (long)ix_cell_col(lon), r;
  for (r = 0;; r++) {
    long i, j;
    double bound;
    for (i = qi - r; i <= qi + r; i++) {
      if (i < 0 || i >= IX_GRID_ROWS) {
        continue;
      }
      if (i == qi - r || i == qi + r) {
        /* A whole row of the ring: its columns, each once. */
        long w = 2 * r + 1 < IX_GRID_COLS ? 2 * r + 1 : IX_GRID_COLS;
        for (j = 0; j < w; j++) {
          push_cell(m, i, qj - r + j, lat, lon, kinds, heap, nh, cap);
        }
      } else if (r < IX_GRID_COLS / 2) {
        push_cell(m, i, qj - r, lat, lon, kinds, heap, nh, cap);
        push_cell(m, i, qj + r, lat, lon, kinds, heap, nh, cap);
      } else if (r == IX_GRID_COLS / 2) {
        push_cell(m, i, qj + r, lat, lon, kinds, heap, nh, cap);
      }
    }
    bound = outside_km(lat, lon, qi, qj, r);
    if (bound < 0 || (*nh == cap && bound > heap[0].km)) {
      return;
    }
  }
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
  if (g->map) {
    near_grid(g->map, lat, lon, kinds, heap, &nh, m);
  }
  for (i = 0; !g->map && i < g->nplaces; i++) {
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
    const gazmap_place *p = gz_place(g, heap[i].place);
    heap[i].km = gazmap_distance_km(lat, lon, p->lat, p->lon);
    if (isnan(heap[i].km)) {
      /* PROJ could not be loaded: the last error says why. */
      free(heap);
      return gazmap_error_last()->code ? gazmap_error_last()->code : GAZMAP_EPROJ;
    }
  }
  qsort(heap, nh, sizeof *heap, cmp_hit);
  for (i = 0; i < nh && i < cap; i++) {
    out[i] = gz_place(g, heap[i].place);
    km[i] = heap[i].km;
  }
  *n = i;
  free(heap);
  return rc;
}
