/* The user's overlays on the map: projected once per render, painted over
 * the layers (draw.c calls gz_overlays_paint after them), labelled through
 * the map's labeler, listed in the legend and credited.  Each feature's look
 * is its simplestyle properties, else the overlay's colour option, else the
 * style table's overlay entries. */
#define _GNU_SOURCE
#include "map/overlay_internal.h"

#include "gazmap/error.h"

#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"
#include "util/error.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- projection --------------------------------------------------------------- */

int gz_overlays_project(gz_map *m) {
  size_t i, v;
  if (m->n_overlays == 0) {
    return 0;
  }
  if (!(m->ov_page = calloc(m->n_overlays, sizeof *m->ov_page))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < m->n_overlays; i++) {
    const gazmap_overlay *ov = m->overlays[i];
    double *xy = malloc((2 * ov->n_v + 1) * sizeof *xy);
    if (!xy) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    memcpy(xy, ov->xy ? ov->xy : xy, 2 * ov->n_v * sizeof *xy);
    gz_proj_fwd(m->proj, xy, ov->n_v);
    for (v = 0; v < ov->n_v; v++) {
      if (xy[2 * v] != HUGE_VAL && xy[2 * v + 1] != HUGE_VAL) {
        gz_frame_apply(&m->frame, xy[2 * v], xy[2 * v + 1], &xy[2 * v], &xy[2 * v + 1]);
      }
    }
    m->ov_page[i] = xy;
  }
  return 0;
}

void gz_overlays_free(gz_map *m) {
  size_t i;
  for (i = 0; m->ov_page && i < m->n_overlays; i++) {
    free(m->ov_page[i]);
  }
  free(m->ov_page);
  m->ov_page = NULL;
}

/* ---- looks ----------------------------------------------------------------------- */

/* The resolved look of a feature: colours with their opacity, sizes in
 * page units. */
typedef struct look {
  gz_rgba marker, stroke, fill;
  double radius, width;
} look;

static gz_rgba with_alpha(gz_rgba c, double a) {
  c.a = a;
  return c;
}

static look resolve(const gz_map *m, const gazmap_overlay *ov, const gz_ov_look *f) {
  const gz_style *st = m->st;
  gz_rgba base = ov->has_color ? ov->color : st->overlay_color;
  double k = m->lay.k;
  look l;
  l.marker = f->has & GZ_OV_MARKER ? f->marker : base;
  l.stroke = with_alpha(f->has & GZ_OV_STROKE ? f->stroke : base,
                        f->has & GZ_OV_STROKE_OPACITY ? f->stroke_opacity : 1.0);
  l.fill = with_alpha(f->has & GZ_OV_FILL ? f->fill : base,
                      f->has & GZ_OV_FILL_OPACITY ? f->fill_opacity : st->overlay_fill_opacity);
  l.radius = st->overlay_marker[f->has & GZ_OV_MARKER_SIZE ? f->marker_size : 1] * k;
  l.width = (f->has & GZ_OV_STROKE_WIDTH ? f->stroke_width : st->overlay_stroke_width) * k;
  return l;
}

/* ---- painting --------------------------------------------------------------------- */

/* The page points of part `p` of overlay `o`: *n of them. */
static const double *page_part(const gz_map *m, size_t o, size_t p, size_t *n) {
  const gazmap_overlay *ov = m->overlays[o];
  *n = ov->part_v0[p + 1] - ov->part_v0[p];
  return m->ov_page[o] + 2 * ov->part_v0[p];
}

/* Adds feature `i` of overlay `o` to the path, lifting the pen over points
 * that do not project. */
static void feature_path(cairo_t *cr, const gz_map *m, size_t o, size_t i, int close) {
  const gz_ov_feature *f = &m->overlays[o]->f[i];
  size_t p, n;
  for (p = f->part0; p < f->part0 + f->n_parts; p++) {
    const double *xy = page_part(m, o, p, &n);
    gz_part_path(cr, xy, n, close);
  }
}

static void marker(gz_map *m, const look *l, double x, double y) {
  cairo_t *cr = m->cr;
  cairo_new_path(cr);
  cairo_arc(cr, x, y, l->radius, 0, 2 * M_PI);
  gz_set_rgba(cr, l->marker);
  gz_fill_path_preserve(cr);
  gz_set_stroke(cr, &m->st->overlay_marker_outline, m->lay.k);
  gz_stroke_path(cr);
}

static void stroke_with(cairo_t *cr, const look *l) {
  gz_set_rgba(cr, l->stroke);
  cairo_set_line_width(cr, l->width);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  gz_stroke_path(cr);
}

static void paint_feature(gz_map *m, size_t o, size_t i) {
  const gazmap_overlay *ov = m->overlays[o];
  const gz_ov_feature *f = &ov->f[i];
  cairo_t *cr = m->cr;
  look l = resolve(m, ov, &f->look);
  size_t p, n;
  cairo_new_path(cr);
  if (ov->geom == GAZMAP_GEOM_POINT) {
    for (p = f->part0; p < f->part0 + f->n_parts; p++) {
      const double *xy = page_part(m, o, p, &n);
      if (n == 1 && xy[0] != HUGE_VAL && xy[1] != HUGE_VAL) {
        marker(m, &l, xy[0], xy[1]);
      }
    }
    return;
  }
  feature_path(cr, m, o, i, ov->geom == GAZMAP_GEOM_POLYGON);
  if (ov->geom == GAZMAP_GEOM_POLYGON) {
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    gz_set_rgba(cr, l.fill);
    gz_fill_path_preserve(cr);
  }
  if (l.width > 0) {
    stroke_with(cr, &l);
  }
  cairo_new_path(cr);
}

void gz_overlays_paint(gz_map *m) {
  size_t o, i;
  char id[48];
  for (o = 0; o < m->n_overlays; o++) {
    /* In an SVG each overlay is a group a page can restyle or hide, id
     * "<prefix>layer-added-1", class "layer added". */
    snprintf(id, sizeof id, "layer-added-%zu", o + 1);
    gz_group_begin(m->cr, id, "layer added");
    cairo_save(m->cr);
    for (i = 0; i < m->overlays[o]->n; i++) {
      paint_feature(m, o, i);
    }
    cairo_restore(m->cr);
    gz_group_end(m->cr);
  }
}

/* ---- labels ------------------------------------------------------------------------- */

/* The centroid of a ring of page points (its vertices' mean when it has no
 * area); 0 with the ring's absolute area, or -1 when a point does not
 * project. */
static int ring_centre(const double *xy, size_t n, double *cx, double *cy, double *area) {
  double a = 0, x = 0, y = 0, sx = 0, sy = 0;
  size_t v;
  for (v = 0; v < n; v++) {
    const double *p = xy + 2 * v, *q = xy + 2 * ((v + 1) % n);
    double c = p[0] * q[1] - q[0] * p[1];
    if (p[0] == HUGE_VAL || p[1] == HUGE_VAL) {
      return -1;
    }
    a += c;
    x += (p[0] + q[0]) * c;
    y += (p[1] + q[1]) * c;
    sx += p[0], sy += p[1];
  }
  if (fabs(a) < 1e-9) {
    *cx = sx / (double)n, *cy = sy / (double)n;
  } else {
    *cx = x / (3 * a), *cy = y / (3 * a);
  }
  *area = fabs(a) / 2;
  return 0;
}

static int label_feature(gz_map *m, gz_labeler *lab, size_t o, size_t i) {
  const gazmap_overlay *ov = m->overlays[o];
  const gz_ov_feature *f = &ov->f[i];
  const gz_style *st = m->st;
  look l = resolve(m, ov, &f->look);
  const double *best = NULL, *xy;
  double best_area = -1, cx = 0, cy = 0, area;
  size_t p, n, best_n = 0;
  int rc = 0;

  for (p = f->part0; p < f->part0 + f->n_parts && rc == 0; p++) {
    xy = page_part(m, o, p, &n);
    if (ov->geom == GAZMAP_GEOM_POINT) {
      if (n == 1 && xy[0] != HUGE_VAL && xy[1] != HUGE_VAL) {
        /* Other labels keep off the marker; the feature's goes beside it. */
        rc = gz_labeler_block(lab, xy[0] - l.radius, xy[1] - l.radius, xy[0] + l.radius,
                              xy[1] + l.radius);
        if (rc == 0 && f->label[0] && p == f->part0) {
          rc = gz_labeler_point(lab, f->label, GZ_TEXT_OVERLAY, xy[0], xy[1], l.radius, GZ_DOT_NONE,
                                st->overlay_label_priority);
        }
      }
    } else if (ov->geom == GAZMAP_GEOM_LINE) {
      double len = 0;
      size_t v;
      for (v = 1; v < n; v++) {
        len += hypot(xy[2 * v] - xy[2 * v - 2], xy[2 * v + 1] - xy[2 * v - 1]);
      }
      if (len > best_area && !isnan(len) && len != HUGE_VAL) {
        best_area = len, best = xy, best_n = n;
      }
    } else {
      double rx, ry;
      if (ring_centre(xy, n, &rx, &ry, &area) == 0 && area > best_area) {
        cx = rx, cy = ry, best_area = area, best = xy, best_n = n;
      }
    }
  }
  if (rc < 0 || !f->label[0] || !best) {
    return rc;
  }
  if (ov->geom == GAZMAP_GEOM_LINE) {
    return gz_labeler_line(lab, f->label, GZ_TEXT_OVERLAY, best, best_n,
                           st->overlay_label_priority - 20);
  }
  return gz_labeler_area(lab, f->label, GZ_TEXT_OVERLAY, cx, cy, st->overlay_label_priority - 20);
}

int gz_overlays_label(gz_map *m, gz_labeler *lab) {
  size_t o, i;
  int rc;
  for (o = 0; o < m->n_overlays; o++) {
    for (i = 0; i < m->overlays[o]->n; i++) {
      if ((rc = label_feature(m, lab, o, i)) < 0) {
        return rc;
      }
    }
  }
  return 0;
}

/* ---- legend and credits --------------------------------------------------------------- */

/* The legend shows an overlay with its first feature's look (an empty one
 * with the overlay's defaults). */
static void swatch(gz_map *m, const void *arg, double x, double y, double w, double h) {
  const gazmap_overlay *ov = arg;
  gz_ov_look none;
  look l;
  cairo_t *cr = m->cr;
  memset(&none, 0, sizeof none);
  l = resolve(m, ov, ov->n ? &ov->f[0].look : &none);
  cairo_new_path(cr);
  if (ov->geom == GAZMAP_GEOM_LINE) {
    cairo_move_to(cr, x + 1, y + h / 2);
    cairo_line_to(cr, x + w - 1, y + h / 2);
    stroke_with(cr, &l);
  } else if (ov->geom == GAZMAP_GEOM_POLYGON) {
    cairo_rectangle(cr, x + 1, y, w - 2, h);
    gz_set_rgba(cr, l.fill);
    gz_fill_path_preserve(cr);
    stroke_with(cr, &l);
  } else {
    marker(m, &l, x + w / 2, y + h / 2);
  }
}

void gz_overlays_legend(gz_map *m, gz_legend *lg) {
  size_t o;
  for (o = 0; o < m->n_overlays; o++) {
    /* The attribution under the row as well: the credits line may be cut
     * short on a narrow page. */
    const char *a = m->overlays[o]->attribution;
    gz_legend_add(lg, swatch, m->overlays[o], m->overlays[o]->title, a[0] ? a : NULL);
  }
}

void gz_overlays_attribution(const gz_map *m, char *buf, size_t cap) {
  size_t o, len = 0;
  buf[0] = '\0';
  for (o = 0; o < m->n_overlays && len < cap; o++) {
    const char *a = m->overlays[o]->attribution;
    if (a[0]) {
      len += (size_t)snprintf(buf + len, cap - len, "%s%s", len ? "; " : "", a);
    }
  }
}

void gz_map_credits(const gz_map *m, char *buf, size_t cap) {
  char added[1024];
  int n = snprintf(buf, cap, m->st->words.credits, m->crs_label);
  gz_overlays_attribution(m, added, sizeof added);
  if (added[0] && n >= 0 && (size_t)n < cap) {
    snprintf(buf + n, cap - (size_t)n, m->st->words.credits_added, added);
  }
}
