/* Where an area label fits: candidate centres for a label box that lies
 * wholly inside its area (a country, a region, a district) and, where room
 * exists, off the thematic areas it would obscure (the handover districts,
 * the areas taken in the war, the peacekeeping zone and corridor).
 *
 * The map frame is rasterised in cells of a few pixels: the label's own
 * area (cells fully inside it) and the thematic areas other than the label's
 * own feature (cells any part of which they cover).  Summed-area tables
 * tell in constant time whether a box at a cell is inside and clear; a
 * chamfer distance transform ranks the boxes that fit, most interior
 * first.  Where no box is clear, those covering the least of the thematic
 * areas come first (the corridor keeps its few cells free of a country's
 * name). */
#define _GNU_SOURCE
#include "map/paint.h"

#include "map/render_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A raster of the map frame in cells of `cell` page units. */
typedef struct grid {
  int w, h;
  double cell, x0, y0;
} grid;

/* A candidate box centre and its rank. */
typedef struct cand {
  double x, y;
  int tier;    /* 0 clear of thematic areas, 1 over them */
  int covered; /* tier 1: cells of the box over thematic areas, once for each (fewest first) */
  int depth;   /* distance from the edge of what the tier allows, in cells */
} cand;

/* Cells x0..x1, y0..y1 (inclusive) of the frame's grid. */
typedef struct window {
  int x0, y0, x1, y1;
} window;

/* Keeps the cells of `win` of an A8 raster (`stride` bytes a row) in `out`,
 * row by row: those fully covered when `full`, else any covered; `bbox`
 * (when given) gets the cells with any one in them (x1 < x0 when none). */
static void cells_of(const unsigned char *data, size_t stride, const window *win, int full,
                     unsigned char *out, window *bbox) {
  static const unsigned char zero[8];
  window b = {INT32_MAX, INT32_MAX, -1, -1};
  int x, y, ww = win->x1 - win->x0 + 1;
  for (y = win->y0; y <= win->y1; y++) {
    const unsigned char *row = data + (size_t)y * stride;
    unsigned char *o = out + (size_t)(y - win->y0) * (size_t)ww - win->x0;
    int lo = win->x0, hi = win->x1;
    /* Most rows of a frame-sized raster are mostly empty: skip the empty
     * ends eight cells at a time. */
    while (hi - lo >= 7 && !memcmp(row + lo, zero, 8)) {
      lo += 8;
    }
    while (lo <= hi && !row[lo]) {
      lo++;
    }
    while (hi - lo >= 7 && !memcmp(row + hi - 7, zero, 8)) {
      hi -= 8;
    }
    while (hi >= lo && !row[hi]) {
      hi--;
    }
    memset(o + win->x0, 0, (size_t)ww);
    for (x = lo; x <= hi; x++) {
      unsigned char v = row[x];
      if ((o[x] = full ? v == 255 : v > 0)) {
        b.x0 = x < b.x0 ? x : b.x0;
        b.x1 = x > b.x1 ? x : b.x1;
        b.y0 = y < b.y0 ? y : b.y0;
        b.y1 = y;
      }
    }
  }
  if (bbox) {
    *bbox = b;
  }
}

/* Renders what `ink` draws (or the thematic areas but `self`) into an A8
 * raster of the grid and keeps the cells of `win` (all of the frame when
 * NULL) in `out`, row by row ((win->x1 - win->x0 + 1) bytes a row).  `full`
 * keeps only the cells fully covered, else any covered.  A window limits
 * the fill to its cells by a clip on whole cells, which leaves the coverage
 * of each of them as it was.  When `bbox` is given it gets the cells with
 * any one in them (x1 < x0 when none).  Returns 0 when cairo fails. */
static int rasterise(gz_map *m, const grid *g, gz_area_ink_fn ink, const void *arg,
                     const gz_map_layer *self, size_t self_i, int full, const window *win,
                     unsigned char *out, window *bbox) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->w, g->h);
  window all = {0, 0, g->w - 1, g->h - 1};
  cairo_t *cr;
  int ok = 0, ww;
  size_t l, i;

  if (!win) {
    win = &all;
  }
  ww = win->x1 - win->x0 + 1;
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    goto done;
  }
  cr = cairo_create(s);
  if (win != &all) {
    cairo_rectangle(cr, win->x0, win->y0, ww, win->y1 - win->y0 + 1);
    cairo_clip(cr);
  }
  cairo_scale(cr, 1 / g->cell, 1 / g->cell);
  cairo_translate(cr, -g->x0, -g->y0);
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  if (ink) {
    ink(m, cr, arg);
  } else {
    for (l = 0; l < GZ_LAYERS_MAX; l++) {
      const gz_map_layer *ml = &m->layer[l];
      size_t n = ml->data ? gazmap_layer_count(ml->data) : 0;
      if (!ml->data || ml->def->group != GZ_GROUP_THEMATIC ||
          ml->def->geom != GAZMAP_GEOM_POLYGON) {
        continue;
      }
      for (i = 0; i < n; i++) {
        if ((ml == self && i == self_i) || !gz_feature_visible(m, ml, i)) {
          continue;
        }
        cairo_new_path(cr);
        gz_feature_path(cr, ml, i, 1);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        cairo_fill(cr);
      }
    }
  }
  cairo_destroy(cr);
  cairo_surface_flush(s);
  cells_of(cairo_image_surface_get_data(s), (size_t)cairo_image_surface_get_stride(s), win, full,
           out, bbox);
  ok = 1;
done:
  cairo_surface_destroy(s);
  return ok;
}

/* The thematic polygons' coverage of the frame's grid, made once a render
 * on the first area label: each visible feature's A8 coverage (as one fill
 * of it alone gives) and, per cell, how many features cover any of it.  The
 * cells a label would obscure, all features but its own, are then count >
 * (own coverage > 0), and a thematic feature's own area is its coverage ==
 * 255, with no fill per label.  Filling a feature alone and counting gives
 * the cells that filling them all together (any coverage > 0) gives, so
 * the picture is unchanged.  On the default render (callgrind) gz_area_fit
 * took 99.6 M instructions; skipping the empty ends of raster rows
 * (cells_of) made it 85.6 M, this cache 69.1 M and sort_keys 58.5 M. */
struct gz_area_cache {
  int w, h;
  size_t n;
  const gz_map_layer **ml;
  size_t *fi;
  unsigned char *a8;    /* n rasters of w * h cells */
  unsigned char *count; /* w * h cells */
  int *sat_busy;        /* callouts: summed-area table of the cells thematic areas or
                           country borders cross (made on the first callout) */
};

void gz_area_cache_free(gz_map *m) {
  gz_area_cache *c = m->area_cache;
  if (c) {
    free(c->ml);
    free(c->fi);
    free(c->a8);
    free(c->count);
    free(c->sat_busy);
    free(c);
    m->area_cache = NULL;
  }
}

/* Fills feature i of ml alone on the grid into out (w * h raw A8 cells). */
static int cover_one(gz_map *m, const grid *g, const gz_map_layer *ml, size_t i,
                     cairo_surface_t *s, unsigned char *out) {
  cairo_t *cr = cairo_create(s);
  const unsigned char *data;
  int stride, y;
  cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint(cr);
  cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
  cairo_scale(cr, 1 / g->cell, 1 / g->cell);
  cairo_translate(cr, -g->x0, -g->y0);
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  gz_area_ink_feature(m, cr, &(gz_area_feature){ml, i});
  cairo_destroy(cr);
  cairo_surface_flush(s);
  data = cairo_image_surface_get_data(s);
  stride = cairo_image_surface_get_stride(s);
  for (y = 0; y < g->h; y++) {
    memcpy(out + (size_t)y * (size_t)g->w, data + (size_t)y * (size_t)stride, (size_t)g->w);
  }
  return cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
}

/* The cache for grid g, made on first use; NULL when memory runs out. */
static gz_area_cache *area_cache(gz_map *m, const grid *g) {
  gz_area_cache *c = m->area_cache;
  size_t l, i, k, cells = (size_t)g->w * (size_t)g->h, n = 0;
  cairo_surface_t *s = NULL;
  if (c) {
    return c->w == g->w && c->h == g->h ? c : NULL;
  }
  for (l = 0; l < GZ_LAYERS_MAX; l++) {
    const gz_map_layer *ml = &m->layer[l];
    if (ml->data && ml->def->group == GZ_GROUP_THEMATIC && ml->def->geom == GAZMAP_GEOM_POLYGON) {
      for (i = 0; i < gazmap_layer_count(ml->data); i++) {
        n += gz_feature_visible(m, ml, i) != 0;
      }
    }
  }
  if (!(c = m->area_cache = calloc(1, sizeof *c)) ||
      !(c->ml = malloc(sizeof *c->ml * (n ? n : 1))) ||
      !(c->fi = malloc(sizeof *c->fi * (n ? n : 1))) || !(c->a8 = malloc(cells * (n ? n : 1))) ||
      !(c->count = calloc(cells, 1))) {
    gz_area_cache_free(m);
    return NULL;
  }
  c->w = g->w;
  c->h = g->h;
  s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->w, g->h);
  for (l = 0; l < GZ_LAYERS_MAX && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS; l++) {
    const gz_map_layer *ml = &m->layer[l];
    if (!ml->data || ml->def->group != GZ_GROUP_THEMATIC || ml->def->geom != GAZMAP_GEOM_POLYGON) {
      continue;
    }
    for (i = 0; i < gazmap_layer_count(ml->data); i++) {
      unsigned char *a8 = c->a8 + c->n * cells;
      if (!gz_feature_visible(m, ml, i)) {
        continue;
      }
      if (!cover_one(m, g, ml, i, s, a8)) {
        break;
      }
      for (k = 0; k < cells; k++) {
        c->count[k] += a8[k] != 0;
      }
      c->ml[c->n] = ml;
      c->fi[c->n++] = i;
    }
  }
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || c->n != n) {
    gz_area_cache_free(m);
    c = NULL;
  }
  cairo_surface_destroy(s);
  return c;
}

/* Feature self_i of self's raster in the cache, or NULL. */
static const unsigned char *cached_own(const gz_area_cache *c, const gz_map_layer *self,
                                       size_t self_i) {
  size_t k;
  for (k = 0; self && k < c->n; k++) {
    if (c->ml[k] == self && c->fi[k] == self_i) {
      return c->a8 + k * (size_t)c->w * (size_t)c->h;
    }
  }
  return NULL;
}

/* The summed-area table of a 0/1 raster: sat[(y) * (w + 1) + x] counts the
 * ones above and left of cell (x, y). */
static int *summed(const grid *g, const unsigned char *r) {
  int *sat = calloc((size_t)(g->w + 1) * (size_t)(g->h + 1), sizeof *sat);
  int x, y, W = g->w + 1;
  if (!sat) {
    return NULL;
  }
  for (y = 0; y < g->h; y++) {
    for (x = 0; x < g->w; x++) {
      sat[(y + 1) * W + x + 1] =
          r[y * g->w + x] + sat[y * W + x + 1] + sat[(y + 1) * W + x] - sat[y * W + x];
    }
  }
  return sat;
}

/* Ones in cells x0..x1, y0..y1 (inclusive). */
static int box_sum(const grid *g, const int *sat, int x0, int y0, int x1, int y1) {
  int W = g->w + 1;
  return sat[(y1 + 1) * W + x1 + 1] - sat[y0 * W + x1 + 1] - sat[(y1 + 1) * W + x0] +
         sat[y0 * W + x0];
}

static int min3(int a, int b, int c) {
  int m = a < b ? a : b;
  return m < c ? m : c;
}

/* Chamfer distance (in cells) of every allowed cell from the nearest cell
 * that is not; `allowed` is 0/1, the cells on the grid's edge count as not
 * allowed.  The two passes give the exact city-block distance, so on a
 * window whose edge cells are all not allowed it is what the whole frame
 * gives there.  The caller frees the result. */
static int *distance(const grid *g, const unsigned char *allowed) {
  int *d = malloc(sizeof *d * (size_t)g->w * (size_t)g->h), x, y, w = g->w;
  static const int big = 1 << 20;
  if (!d) {
    return NULL;
  }
  for (y = 0; y < g->h; y++) {
    for (x = 0; x < w; x++) {
      int edge = x == 0 || y == 0 || x == w - 1 || y == g->h - 1;
      d[y * w + x] = allowed[y * w + x] && !edge ? big : 0;
    }
  }
  for (y = 1; y < g->h; y++) {
    for (x = 1; x < w; x++) {
      int *c = &d[y * w + x];
      *c = *c ? min3(*c, d[(y - 1) * w + x] + 1, d[y * w + x - 1] + 1) : 0;
    }
  }
  for (y = g->h - 2; y >= 0; y--) {
    for (x = w - 2; x >= 0; x--) {
      int *c = &d[y * w + x];
      *c = *c ? min3(*c, d[(y + 1) * w + x] + 1, d[y * w + x + 1] + 1) : 0;
    }
  }
  return d;
}

/* The rank of a candidate as one number, when the window has fewer than
 * 2^21 cells: covered (0 for the clear tier), then depth, deepest first,
 * then the candidate's index, which is the order of y then x by which
 * by_rank breaks ties (candidates are made row by row).  Sorting these
 * gives by_rank's order; on the default render it is 37.5 M instructions
 * of qsort on candidates against 15.7 M of qsort on keys (and 4.8 M of
 * sort_keys). */
#define KEY_BITS 21

/* Sorts n keys ascending, a byte at a time from the lowest (LSD radix
 * sort); a byte that is the same in every key is skipped.  Keys are unique
 * (they end in the candidate's index), so any sort gives this order; on the
 * default render it is 4.8 M instructions against 15.4 M for qsort.
 * Returns 0 when memory runs out. */
static int sort_keys(uint64_t *key, size_t n) {
  uint64_t *tmp = malloc(sizeof *tmp * (n ? n : 1)), *from = key, *to = tmp, *swap;
  size_t count[256], i;
  int shift;
  if (!tmp) {
    return 0;
  }
  for (shift = 0; shift < 64; shift += 8) {
    size_t sum = 0;
    memset(count, 0, sizeof count);
    for (i = 0; i < n; i++) {
      count[(from[i] >> shift) & 0xff]++;
    }
    if (n == 0 || count[(from[0] >> shift) & 0xff] == n) {
      continue;
    }
    for (i = 0; i < 256; i++) {
      size_t c = count[i];
      count[i] = sum;
      sum += c;
    }
    for (i = 0; i < n; i++) {
      to[count[(from[i] >> shift) & 0xff]++] = from[i];
    }
    swap = from;
    from = to;
    to = swap;
  }
  if (from != key) {
    memcpy(key, from, sizeof *key * n);
  }
  free(tmp);
  return 1;
}

static int by_rank(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->tier != y->tier) {
    return x->tier - y->tier;
  }
  if (x->covered != y->covered) {
    return x->covered - y->covered;
  }
  if (x->depth != y->depth) {
    return y->depth - x->depth;
  }
  if (x->y != y->y) {
    return x->y < y->y ? -1 : 1;
  }
  return (x->x > y->x) - (x->x < y->x);
}

/* The area is rasterised on the whole frame, as before, but everything else
 * (the thematic areas, the tables, the distances, the candidates) works on
 * the window of the cells it covers and one around them: a box that fits
 * lies in it, and the cells beyond are not the area's.  On the default
 * render this took gz_area_fit from 545.6 M to 99.6 M instructions (31 calls;
 * callgrind), the picture unchanged. */
size_t gz_area_fit(gz_map *m, gz_area_ink_fn ink, const void *arg, const gz_map_layer *self,
                   size_t self_i, double w, double h, int fallback, double *xy, size_t cap) {
  return gz_area_fit_covering(m, ink, arg, self, self_i, w, h, fallback, 1.0, xy, cap);
}

size_t gz_area_fit_covering(gz_map *m, gz_area_ink_fn ink, const void *arg,
                            const gz_map_layer *self, size_t self_i, double w, double h,
                            int fallback, double max_cover, double *xy, size_t cap) {
  const double *map = m->lay.map;
  grid g, wg;
  window b, win;
  unsigned char *full = NULL, *own = NULL, *cover = NULL, *clear = NULL;
  int *sat_own = NULL, *sat_cover = NULL, *d_own = NULL, *d_clear = NULL;
  int *bx0 = NULL, *bx1 = NULL, *by0 = NULL, *by1 = NULL;
  cand *c = NULL;
  uint64_t *key = NULL;
  gz_area_cache *cache;
  const unsigned char *self_a8;
  size_t nc = 0, out = 0, i, j, nw;
  double pad = m->st->label_pad * m->lay.k;
  int x, y;

  g.cell = m->st->label_fit_cell * m->lay.k;
  g.x0 = map[0];
  g.y0 = map[1];
  g.w = (int)ceil(map[2] / g.cell);
  g.h = (int)ceil(map[3] / g.cell);
  if (cap == 0 || g.w < 3 || g.h < 3 || !(full = malloc((size_t)g.w * (size_t)g.h))) {
    goto done;
  }
  cache = area_cache(m, &g);
  self_a8 = cache ? cached_own(cache, self, self_i) : NULL;
  if (self_a8 && ink == gz_area_ink_feature && ((const gz_area_feature *)arg)->ml == self &&
      ((const gz_area_feature *)arg)->i == self_i) {
    cells_of(self_a8, (size_t)g.w, &(window){0, 0, g.w - 1, g.h - 1}, 1, full, &b);
  } else if (!rasterise(m, &g, ink, arg, NULL, 0, 1, NULL, full, &b)) {
    goto done;
  }
  if (b.x1 < b.x0) {
    goto done;
  }
  win = (window){b.x0 > 0 ? b.x0 - 1 : 0, b.y0 > 0 ? b.y0 - 1 : 0,
                 b.x1 < g.w - 1 ? b.x1 + 1 : g.w - 1, b.y1 < g.h - 1 ? b.y1 + 1 : g.h - 1};
  wg = (grid){win.x1 - win.x0 + 1, win.y1 - win.y0 + 1, g.cell, g.x0, g.y0};
  nw = (size_t)wg.w * (size_t)wg.h;
  if (!(own = malloc(nw)) || !(cover = malloc(nw)) || !(clear = malloc(nw))) {
    goto done;
  }
  /* With the cache, a cell counts once for each area it would hide: where
   * no box is clear, one over the peacekeeping zone alone beats one over
   * the zone, the corridor and Shusha (Nagorno-Karabakh's label around
   * Lachin). */
  if (cache) {
    for (y = win.y0; y <= win.y1; y++) {
      for (x = win.x0; x <= win.x1; x++) {
        size_t k = (size_t)y * (size_t)g.w + (size_t)x;
        cover[(size_t)(y - win.y0) * (size_t)wg.w + (size_t)(x - win.x0)] =
            (unsigned char)(cache->count[k] - (self_a8 && self_a8[k] != 0));
      }
    }
  } else if (!rasterise(m, &g, NULL, NULL, self, self_i, 0, &win, cover, NULL)) {
    goto done;
  }
  for (y = 0; y < wg.h; y++) {
    memcpy(own + (size_t)y * (size_t)wg.w, full + (size_t)(win.y0 + y) * (size_t)g.w + win.x0,
           (size_t)wg.w);
  }
  for (i = 0; i < nw; i++) {
    clear[i] = own[i] && !cover[i];
  }
  if (!(sat_own = summed(&wg, own)) || !(sat_cover = summed(&wg, cover)) ||
      !(d_own = distance(&wg, own)) || !(d_clear = distance(&wg, clear)) ||
      !(c = malloc(sizeof *c * nw)) || !(bx0 = malloc(sizeof *bx0 * (size_t)g.w)) ||
      !(bx1 = malloc(sizeof *bx1 * (size_t)g.w)) || !(by0 = malloc(sizeof *by0 * (size_t)g.h)) ||
      !(by1 = malloc(sizeof *by1 * (size_t)g.h))) {
    goto done;
  }
  /* The box's cells at each column and row, as the frame's grid counts them
   * (the same expressions as per cell, once a column or a row). */
  for (x = b.x0; x <= b.x1; x++) {
    double cx = g.x0 + (x + 0.5) * g.cell;
    bx0[x] = (int)floor((cx - w / 2 - pad - g.x0) / g.cell);
    bx1[x] = (int)floor((cx + w / 2 + pad - g.x0) / g.cell);
  }
  for (y = b.y0; y <= b.y1; y++) {
    double cy = g.y0 + (y + 0.5) * g.cell;
    by0[y] = (int)floor((cy - h / 2 - pad - g.y0) / g.cell);
    by1[y] = (int)floor((cy + h / 2 + pad - g.y0) / g.cell);
  }
  for (y = b.y0; y <= b.y1; y++) {
    for (x = b.x0; x <= b.x1; x++) {
      int x0 = bx0[x] - win.x0, x1 = bx1[x] - win.x0, y0 = by0[y] - win.y0, y1 = by1[y] - win.y0,
          k = (y - win.y0) * wg.w + x - win.x0;
      int cells = (x1 - x0 + 1) * (y1 - y0 + 1), tier, covered;
      /* Beyond the window is neither the area nor, on the frame's edge, the
       * frame. */
      if (x0 < 0 || y0 < 0 || x1 >= wg.w || y1 >= wg.h ||
          box_sum(&wg, sat_own, x0, y0, x1, y1) != cells) {
        continue;
      }
      covered = box_sum(&wg, sat_cover, x0, y0, x1, y1);
      tier = covered != 0;
      /* A box that would hide more of the thematic areas than the caller
       * allows is no candidate at all: no label beats one that covers the
       * corridor. */
      if (covered > max_cover * cells) {
        continue;
      }
      c[nc++] = (cand){g.x0 + (x + 0.5) * g.cell, g.y0 + (y + 0.5) * g.cell, tier, covered,
                       tier ? d_own[k] : d_clear[k]};
    }
  }
  if (nw < (size_t)1 << KEY_BITS && (key = malloc(sizeof *key * (nc ? nc : 1)))) {
    const uint64_t mask = ((uint64_t)1 << KEY_BITS) - 1;
    for (i = 0; i < nc; i++) {
      key[i] =
          (uint64_t)c[i].covered << (2 * KEY_BITS) | (mask - (uint64_t)c[i].depth) << KEY_BITS | i;
    }
    if (!sort_keys(key, nc)) {
      free(key);
      key = NULL;
      qsort(c, nc, sizeof *c, by_rank);
    }
  } else {
    qsort(c, nc, sizeof *c, by_rank);
  }
  /* Candidates apart from each other, so that a label pushed off its best
   * place by an earlier one tries somewhere else. */
  for (i = 0; i < nc && out < cap; i++) {
    const cand *ci = key ? &c[key[i] & (((uint64_t)1 << KEY_BITS) - 1)] : &c[i];
    int near = 0;
    for (j = 0; j < out && !near; j++) {
      near = fabs(xy[2 * j] - ci->x) < w / 2 && fabs(xy[2 * j + 1] - ci->y) < h;
    }
    if (!near) {
      xy[2 * out] = ci->x;
      xy[2 * out + 1] = ci->y;
      out++;
    }
  }
  if (out == 0 && fallback) {
    /* No box fits: the most interior point of the area, if it has one. */
    int best = 2;
    for (y = 0; y < wg.h; y++) {
      for (x = 0; x < wg.w; x++) {
        if (d_own[y * wg.w + x] > best) {
          best = d_own[y * wg.w + x];
          xy[0] = g.x0 + (x + win.x0 + 0.5) * g.cell;
          xy[1] = g.y0 + (y + win.y0 + 0.5) * g.cell;
          out = 1;
        }
      }
    }
  }
done:
  free(full);
  free(own);
  free(cover);
  free(clear);
  free(sat_own);
  free(sat_cover);
  free(d_own);
  free(d_clear);
  free(bx0);
  free(bx1);
  free(by0);
  free(by1);
  free(c);
  free(key);
  return out;
}

/* ---- callouts ----------------------------------------------------------------- */

/* Strokes every country's outline thinly: a callout's box that crosses a
 * border would read as a label of both countries. */
static void border_ink(gz_map *m, cairo_t *cr, const void *arg) {
  const gz_map_layer *countries = gz_map_find(m, &gz_layer_countries);
  size_t i, n = countries ? gazmap_layer_count(countries->data) : 0;
  (void)arg;
  cairo_set_line_width(cr, m->lay.k);
  for (i = 0; i < n; i++) {
    cairo_new_path(cr);
    gz_feature_path(cr, countries, i, 1);
    cairo_stroke(cr);
  }
}

/* The summed-area table of the cells a callout's box keeps off (any
 * thematic area, any country border), made once a render; NULL when memory
 * or cairo fails. */
static const int *busy_table(gz_map *m, const grid *g, gz_area_cache *c) {
  size_t k, cells = (size_t)g->w * (size_t)g->h;
  unsigned char *busy;
  if (c->sat_busy) {
    return c->sat_busy;
  }
  if (!(busy = malloc(cells))) {
    return NULL;
  }
  if (rasterise(m, g, border_ink, NULL, NULL, 0, 0, NULL, busy, NULL)) {
    for (k = 0; k < cells; k++) {
      busy[k] = busy[k] || c->count[k] > 0;
    }
    c->sat_busy = summed(g, busy);
  }
  free(busy);
  return c->sat_busy;
}

/* Directions tried on each ring around the dot, as multiples of 22.5
 * degrees: beside it first (a wide box reads best level with its dot),
 * then above and below it, then the diagonals between. */
static const int callout_dirs[] = {0, 8, 1, 15, 7, 9, 12, 4, 2, 14, 6, 10, 3, 13, 5, 11};

size_t gz_area_callout(gz_map *m, double ax, double ay, double w, double h, double *xy,
                       size_t cap) {
  const double *map = m->lay.map;
  double pad = m->st->label_pad * m->lay.k, reach = m->st->callout_reach * m->lay.k;
  double gap = (m->st->callout_dot + 4.0) * m->lay.k, r, step;
  const gz_map_layer *countries = gz_map_find(m, &gz_layer_countries);
  cairo_surface_t *one = NULL;
  cairo_t *cr = NULL;
  gz_area_cache *cache;
  const int *sat;
  size_t out = 0, d, j;
  int home = 0, pass;
  grid g;

  g.cell = m->st->label_fit_cell * m->lay.k;
  g.x0 = map[0];
  g.y0 = map[1];
  g.w = (int)ceil(map[2] / g.cell);
  g.h = (int)ceil(map[3] / g.cell);
  if (cap == 0 || g.w < 3 || g.h < 3 || !(cache = area_cache(m, &g)) ||
      !(sat = busy_table(m, &g, cache))) {
    return 0;
  }
  /* The country the dot lies in: boxes inside it come first, so that a
   * district's name stays on its own country's side of a border where it
   * can.  A 1 x 1 surface serves only to ask cairo whether a point is in. */
  if ((one = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)) && (cr = cairo_create(one)) &&
      cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (j = 0; countries && j < gazmap_layer_count(countries->data) && !home; j++) {
      cairo_new_path(cr);
      gz_feature_path(cr, countries, j, 1);
      home = cairo_in_fill(cr, ax, ay);
    }
  }
  /* Rings of growing distance between the dot and the box's nearest edge:
   * the nearest free box wins, so that the leader stays short; first those
   * at home, then any. */
  step = 2 * g.cell;
  for (pass = home ? 0 : 1; pass < 2; pass++) {
    for (r = gap; r <= reach && out < cap; r += step) {
      for (d = 0; d < sizeof callout_dirs / sizeof callout_dirs[0] && out < cap; d++) {
        double a = callout_dirs[d] * M_PI / 8, c = cos(a), sn = sin(a);
        double cx = ax + c * (r + w / 2), cy = ay - sn * (r + h / 2);
        int x0 = (int)floor((cx - w / 2 - pad - g.x0) / g.cell),
            x1 = (int)floor((cx + w / 2 + pad - g.x0) / g.cell),
            y0 = (int)floor((cy - h / 2 - pad - g.y0) / g.cell),
            y1 = (int)floor((cy + h / 2 + pad - g.y0) / g.cell);
        int near = 0;
        if (x0 < 0 || y0 < 0 || x1 >= g.w || y1 >= g.h || box_sum(&g, sat, x0, y0, x1, y1) != 0 ||
            (home && cairo_in_fill(cr, cx, cy) == pass)) {
          continue;
        }
        /* Candidates apart from each other, as gz_area_fit keeps them. */
        for (j = 0; j < out && !near; j++) {
          near = fabs(xy[2 * j] - cx) < w / 2 && fabs(xy[2 * j + 1] - cy) < h;
        }
        if (!near) {
          xy[2 * out] = cx;
          xy[2 * out + 1] = cy;
          out++;
        }
      }
    }
  }
  if (cr) {
    cairo_destroy(cr);
  }
  cairo_surface_destroy(one);
  return out;
}

/* The most candidates gz_area_dots chooses its dots among. */
#define DOT_POOL 256

size_t gz_area_dots(gz_map *m, const gz_map_layer *ml, size_t i, double spacing, double *xy,
                    size_t cap) {
  double pool[2 * DOT_POOL], cell = m->st->label_fit_cell * m->lay.k;
  size_t n = gz_area_fit(m, gz_area_ink_feature, &(gz_area_feature){ml, i}, ml, i, cell, cell, 1,
                         pool, DOT_POOL),
         out = 0, j, k;
  for (j = 0; j < n && out < cap; j++) {
    int near = 0;
    for (k = 0; k < out && !near; k++) {
      near = hypot(xy[2 * k] - pool[2 * j], xy[2 * k + 1] - pool[2 * j + 1]) < spacing;
    }
    if (!near) {
      xy[2 * out] = pool[2 * j];
      xy[2 * out + 1] = pool[2 * j + 1];
      out++;
    }
  }
  return out;
}

/* ---- inks --------------------------------------------------------------------- */

void gz_area_ink_feature(gz_map *m, cairo_t *cr, const void *arg) {
  const gz_area_feature *f = arg;
  (void)m;
  cairo_new_path(cr);
  gz_feature_path(cr, f->ml, f->i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill(cr);
}
