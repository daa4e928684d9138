/* The layer files' painting kit: features of a layer as cairo paths in page
 * coordinates (projected once per layer by render.c), fills with hatching
 * and strokes. */
#define _GNU_SOURCE
#include "map/paint.h"

#include "map/layer_internal.h"
#include "map/render_internal.h"
#include "writers/svgdoc.h"

#include <math.h>
#include <stddef.h>

void gz_set_rgba(cairo_t *cr, gz_rgba c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

/* ---- the paint operators ----------------------------------------------------- */

void gz_fill_path(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    cairo_fill(cr);
    return;
  }
  gz_svgdoc_fill(d, cr);
  cairo_new_path(cr);
}

void gz_fill_path_preserve(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    cairo_fill_preserve(cr);
    return;
  }
  gz_svgdoc_fill(d, cr);
}

void gz_stroke_path(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    cairo_stroke(cr);
    return;
  }
  gz_svgdoc_stroke(d, cr);
  cairo_new_path(cr);
}

void gz_stroke_path_preserve(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    cairo_stroke_preserve(cr);
    return;
  }
  gz_svgdoc_stroke(d, cr);
}

void gz_paint(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    cairo_paint(cr);
    return;
  }
  gz_svgdoc_paint(d, cr);
}

void gz_clip(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    gz_svgdoc_clip_begin(d, cr);
  }
  /* cairo keeps the clip too: gz_paint fills its extents. */
  cairo_clip(cr);
}

void gz_clip_end(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    gz_svgdoc_group_end(d);
  }
}

void gz_group_begin(cairo_t *cr, const char *id, const char *cls) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    gz_svgdoc_group_begin(d, id, cls, NULL);
  }
}

void gz_group_end(cairo_t *cr) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    gz_svgdoc_group_end(d);
  }
}

void gz_set_stroke(cairo_t *cr, const gz_stroke *s, double k) {
  gz_set_rgba(cr, s->color);
  cairo_set_line_width(cr, s->width * k);
  if (s->dash[0] > 0) {
    double d[2] = {s->dash[0] * k, s->dash[1] * k};
    cairo_set_dash(cr, d, 2, 0);
  } else {
    cairo_set_dash(cr, NULL, 0, 0);
  }
}

const double *gz_page_part(const gz_map_layer *ml, size_t i, size_t p, size_t *n) {
  size_t total;
  const double *base = gz_layer_xy(ml->data, &total);
  const double *xy = gazmap_layer_part(ml->data, i, p, n);
  return xy ? ml->page + (xy - base) : NULL;
}

void gz_part_path(cairo_t *cr, const double *xy, size_t n, int close) {
  size_t v;
  int pen = 0;
  for (v = 0; v < n; v++) {
    if (xy[2 * v] == HUGE_VAL || xy[2 * v + 1] == HUGE_VAL) {
      pen = 0;
    } else if (pen) {
      cairo_line_to(cr, xy[2 * v], xy[2 * v + 1]);
    } else {
      cairo_move_to(cr, xy[2 * v], xy[2 * v + 1]);
      pen = 1;
    }
  }
  if (close && pen) {
    cairo_close_path(cr);
  }
}

void gz_feature_path(cairo_t *cr, const gz_map_layer *ml, size_t i, int close) {
  size_t np = gazmap_layer_parts(ml->data, i), p, n;
  for (p = 0; p < np; p++) {
    const double *xy = gz_page_part(ml, i, p, &n);
    gz_part_path(cr, xy, n, close);
  }
}

void gz_hatch(cairo_t *cr, const gz_fill *f, double k, double x0, double y0, double x1, double y1) {
  double a = f->hatch_angle * M_PI / 180, dx = cos(a), dy = -sin(a);
  double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, r = hypot(x1 - x0, y1 - y0) / 2 + 1;
  double step = f->hatch_spacing * k, t;
  /* Lines are anchored to the page origin, not the feature, so neighbouring
   * regions' hatching lines up. */
  double nx = -dy, ny = dx, c0 = cx * nx + cy * ny;
  double start = floor((c0 - r) / step) * step;
  cairo_new_path(cr);
  for (t = start; t <= c0 + r; t += step) {
    double px = cx + (t - c0) * nx, py = cy + (t - c0) * ny;
    cairo_move_to(cr, px - dx * r, py - dy * r);
    cairo_line_to(cr, px + dx * r, py + dy * r);
  }
  gz_set_rgba(cr, f->hatch);
  cairo_set_line_width(cr, f->hatch_width * k);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_stroke(cr);
}

/* The class of a run of features filled with `f` in the SVG document: the
 * state of a handover district, so that a page can restyle or hide the
 * districts returned, pending or taken; NULL for other fills. */
static const char *fill_class(const gz_style *st, const gz_fill *f) {
  static const struct {
    size_t fill;
    const char *cls;
  } classes[] = {
      {offsetof(gz_style, handed), "status status-returned"},
      {offsetof(gz_style, pending), "status status-pending"},
      {offsetof(gz_style, war), "status status-taken"},
      {offsetof(gz_style, pk_zone), "zone zone-peacekeeping"},
      {offsetof(gz_style, pk_corridor), "zone zone-corridor"},
  };
  size_t i;
  for (i = 0; i < sizeof classes / sizeof classes[0]; i++) {
    if ((const char *)f == (const char *)st + classes[i].fill) {
      return classes[i].cls;
    }
  }
  return NULL;
}

int gz_fill_in_doc(cairo_t *cr, const gz_fill *f, double k) {
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (!d) {
    return 0;
  }
  if (f->hatch.a > 0) {
    gz_svg_hatch h = {{f->tint.r, f->tint.g, f->tint.b, f->tint.a},
                      {f->hatch.r, f->hatch.g, f->hatch.b, f->hatch.a},
                      f->hatch_angle,
                      f->hatch_spacing * k,
                      f->hatch_width * k,
                      {0, 0}};
    gz_svgdoc_fill_hatch(d, cr, &h);
  } else if (f->tint.a > 0) {
    gz_set_rgba(cr, f->tint);
    gz_svgdoc_fill(d, cr);
  }
  gz_set_stroke(cr, &f->outline, k);
  gz_svgdoc_stroke(d, cr);
  cairo_new_path(cr);
  return 1;
}

int gz_tint_and_hatch(cairo_t *cr, const gz_fill *f, double k, const double *box) {
  double x0, y0, x1, y1;
  if (f->tint.a > 0) {
    gz_set_rgba(cr, f->tint);
    cairo_fill_preserve(cr);
  }
  if (!(f->hatch.a > 0)) {
    return 0;
  }
  cairo_save(cr);
  cairo_clip_preserve(cr);
  if (box) {
    x0 = box[0];
    y0 = box[1];
    x1 = box[2];
    y1 = box[3];
  } else {
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
  }
  gz_hatch(cr, f, k, x0, y0, x1, y1);
  cairo_restore(cr);
  cairo_new_path(cr);
  return 1;
}

void gz_fill_feature(gz_map *m, const gz_map_layer *ml, size_t i, const gz_fill *f) {
  cairo_t *cr = m->cr;
  double k = m->lay.k;
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    const char *cls = fill_class(m->st, f);
    if (cls) {
      gz_svgdoc_run(d, cls);
    }
    cairo_new_path(cr);
    gz_feature_path(cr, ml, i, 1);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    gz_fill_in_doc(cr, f, k);
    return;
  }
  cairo_new_path(cr);
  gz_feature_path(cr, ml, i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (gz_tint_and_hatch(cr, f, k, NULL)) {
    gz_feature_path(cr, ml, i, 1);
  }
  gz_set_stroke(cr, &f->outline, k);
  cairo_stroke(cr);
}

/* One stroke per feature: cairo's rasteriser works through the whole
 * extent of a path, so a layer stroked as one path spanning the map (the
 * districts: 2,200 vertices) took twice as long as its features one by
 * one (10 ms against 5 ms at 1600 x 1200). */
void gz_stroke_features(gz_map *m, const gz_map_layer *ml, const gz_stroke *s, int close) {
  size_t i, n = gazmap_layer_count(ml->data);
  gz_set_stroke(m->cr, s, m->lay.k);
  for (i = 0; i < n; i++) {
    if (!gz_feature_visible(m, ml, i)) {
      continue;
    }
    cairo_new_path(m->cr);
    gz_feature_path(m->cr, ml, i, close);
    gz_stroke_path(m->cr);
  }
}

const double *gz_visible_point(const gz_map *m, const gz_map_layer *ml, size_t i) {
  size_t np;
  const double *xy = gz_feature_visible(m, ml, i) ? gz_page_part(ml, i, 0, &np) : NULL;
  return xy && xy[0] != HUGE_VAL ? xy : NULL;
}

void gz_paint_markers(gz_map *m, const gz_map_layer *ml, gz_marker_fn marker) {
  size_t i, n = gazmap_layer_count(ml->data);
  for (i = 0; i < n; i++) {
    const double *xy = gz_visible_point(m, ml, i);
    if (xy) {
      marker(m, ml, i, xy[0], xy[1]);
    }
  }
}

int gz_label_markers(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec,
                     double rx, double ry) {
  size_t i, n = gazmap_layer_count(ml->data);
  char buf[128];
  int rc;
  for (i = 0; i < n; i++) {
    const double *xy = gz_visible_point(m, ml, i);
    if (xy && ((rc = gz_labeler_block(lab, xy[0] - rx, xy[1] - ry, xy[0] + rx, xy[1] + ry)) < 0 ||
               (rc = gz_labeler_point(lab, gz_feature_label(m, ml, i, buf, sizeof buf), spec->cls,
                                      xy[0], xy[1], rx, GZ_DOT_NONE, spec->priority)) < 0)) {
      return rc;
    }
  }
  return 0;
}
