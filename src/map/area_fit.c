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
#include "map/paint.h"

#include "map/render_internal.h"

#include <math.h>
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
  int covered; /* tier 1: cells of the box over thematic areas (fewest first) */
  int depth;   /* distance from the edge of what the tier allows, in cells */
} cand;

/* Renders what `ink` draws (or the thematic areas but `self`) into an A8
 * raster of the grid; the caller frees the returned bytes (w * h) with
 * free().  `full` keeps only the cells fully covered, else any covered. */
static unsigned char *rasterise(gz_map *m, const grid *g, gz_area_ink_fn ink, const void *arg,
                                const gz_map_layer *self, size_t self_i, int full) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, g->w, g->h);
  unsigned char *out = NULL, *data;
  cairo_t *cr;
  int stride, x, y;
  size_t l, i;

  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    goto done;
  }
  cr = cairo_create(s);
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
  data = cairo_image_surface_get_data(s);
  stride = cairo_image_surface_get_stride(s);
  if (!(out = malloc((size_t)g->w * (size_t)g->h))) {
    goto done;
  }
  for (y = 0; y < g->h; y++) {
    for (x = 0; x < g->w; x++) {
      unsigned char v = data[y * stride + x];
      out[y * g->w + x] = full ? v == 255 : v > 0;
    }
  }
done:
  cairo_surface_destroy(s);
  return out;
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

/* Chamfer distance (in cells) of every allowed cell from the nearest cell
 * that is not; `allowed` is 0/1.  The caller frees the result. */
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
      *c = *c ? (int)fmin(*c, fmin(d[(y - 1) * w + x], d[y * w + x - 1]) + 1) : 0;
    }
  }
  for (y = g->h - 2; y >= 0; y--) {
    for (x = w - 2; x >= 0; x--) {
      int *c = &d[y * w + x];
      *c = *c ? (int)fmin(*c, fmin(d[(y + 1) * w + x], d[y * w + x + 1]) + 1) : 0;
    }
  }
  return d;
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

size_t gz_area_fit(gz_map *m, gz_area_ink_fn ink, const void *arg, const gz_map_layer *self,
                   size_t self_i, double w, double h, int fallback, double *xy, size_t cap) {
  const double *map = m->lay.map;
  grid g;
  unsigned char *own = NULL, *cover = NULL, *clear = NULL;
  int *sat_own = NULL, *sat_cover = NULL, *d_own = NULL, *d_clear = NULL;
  cand *c = NULL;
  size_t nc = 0, out = 0, i, j;
  double pad = m->st->label_pad * m->lay.k;
  int x, y;

  g.cell = m->st->label_fit_cell * m->lay.k;
  g.x0 = map[0];
  g.y0 = map[1];
  g.w = (int)ceil(map[2] / g.cell);
  g.h = (int)ceil(map[3] / g.cell);
  if (cap == 0 || g.w < 3 || g.h < 3 || !(own = rasterise(m, &g, ink, arg, NULL, 0, 1)) ||
      !(cover = rasterise(m, &g, NULL, NULL, self, self_i, 0)) ||
      !(clear = malloc((size_t)g.w * (size_t)g.h))) {
    goto done;
  }
  for (i = 0; i < (size_t)g.w * (size_t)g.h; i++) {
    clear[i] = own[i] && !cover[i];
  }
  if (!(sat_own = summed(&g, own)) || !(sat_cover = summed(&g, cover)) ||
      !(d_own = distance(&g, own)) || !(d_clear = distance(&g, clear)) ||
      !(c = malloc(sizeof *c * (size_t)g.w * (size_t)g.h))) {
    goto done;
  }
  for (y = 0; y < g.h; y++) {
    for (x = 0; x < g.w; x++) {
      double cx = g.x0 + (x + 0.5) * g.cell, cy = g.y0 + (y + 0.5) * g.cell;
      int x0 = (int)floor((cx - w / 2 - pad - g.x0) / g.cell);
      int x1 = (int)floor((cx + w / 2 + pad - g.x0) / g.cell);
      int y0 = (int)floor((cy - h / 2 - pad - g.y0) / g.cell);
      int y1 = (int)floor((cy + h / 2 + pad - g.y0) / g.cell);
      int cells = (x1 - x0 + 1) * (y1 - y0 + 1), tier, covered;
      if (x0 < 0 || y0 < 0 || x1 >= g.w || y1 >= g.h ||
          box_sum(&g, sat_own, x0, y0, x1, y1) != cells) {
        continue;
      }
      covered = box_sum(&g, sat_cover, x0, y0, x1, y1);
      tier = covered != 0;
      c[nc++] = (cand){cx, cy, tier, covered, tier ? d_own[y * g.w + x] : d_clear[y * g.w + x]};
    }
  }
  qsort(c, nc, sizeof *c, by_rank);
  /* Candidates apart from each other, so that a label pushed off its best
   * place by an earlier one tries somewhere else. */
  for (i = 0; i < nc && out < cap; i++) {
    int near = 0;
    for (j = 0; j < out && !near; j++) {
      near = fabs(xy[2 * j] - c[i].x) < w / 2 && fabs(xy[2 * j + 1] - c[i].y) < h;
    }
    if (!near) {
      xy[2 * out] = c[i].x;
      xy[2 * out + 1] = c[i].y;
      out++;
    }
  }
  if (out == 0 && fallback) {
    /* No box fits: the most interior point of the area, if it has one. */
    int best = 2;
    for (y = 0; y < g.h; y++) {
      for (x = 0; x < g.w; x++) {
        if (d_own[y * g.w + x] > best) {
          best = d_own[y * g.w + x];
          xy[0] = g.x0 + (x + 0.5) * g.cell;
          xy[1] = g.y0 + (y + 0.5) * g.cell;
          out = 1;
        }
      }
    }
  }
done:
  free(own);
  free(cover);
  free(clear);
  free(sat_own);
  free(sat_cover);
  free(d_own);
  free(d_clear);
  free(c);
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
