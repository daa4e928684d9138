/* The stock labelling of layer features: the label text of a feature, area
 * labels at the most interior point, line labels along the longest part. */
#include "map/paint.h"

#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *gz_feature_label(const gz_map *m, const gz_map_layer *ml, size_t i, char *buf,
                             size_t cap) {
  const gazmap_layer *l = ml->data;
  const char *id = gazmap_layer_attr(l, i, "id");
  const gazmap_place *p = (m->g && id[0]) ? gazmap_gazetteer_find_id(m->g, id) : NULL;
  const char *v;
  if (p) {
    return gazmap_place_name_in(p, m->lang);
  }
  snprintf(buf, cap, "name_%s", m->lang);
  v = gazmap_layer_attr(l, i, buf);
  if (!v[0]) {
    v = gazmap_layer_attr(l, i, "name_en");
  }
  if (!v[0]) {
    v = gazmap_layer_attr(l, i, "name");
  }
  return v;
}

/* The most interior point of a polygon feature inside the map frame, found
 * on a coarse raster with a chamfer distance transform: country labels go
 * where the visible part of the country is widest. */
#define GRID_W 96
#define GRID_H 72

static int interior_point(gz_map *m, const gz_map_layer *ml, size_t i, double *px, double *py) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, GRID_W, GRID_H);
  cairo_t *cr;
  unsigned char *data;
  int stride, x, y, best = 0, bx = 0, by = 0;
  static const int big = 1 << 20;
  int *d = NULL;
  double sx = GRID_W / m->lay.map[2], sy = GRID_H / m->lay.map[3];

  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return 0;
  }
  cr = cairo_create(s);
  cairo_scale(cr, sx, sy);
  cairo_translate(cr, -m->lay.map[0], -m->lay.map[1]);
  gz_feature_path(cr, ml, i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  data = cairo_image_surface_get_data(s);
  stride = cairo_image_surface_get_stride(s);
  d = malloc(sizeof *d * GRID_W * GRID_H);
  if (!d) {
    cairo_surface_destroy(s);
    return 0;
  }
  for (y = 0; y < GRID_H; y++) {
    for (x = 0; x < GRID_W; x++) {
      int inside = data[y * stride + x] > 127 && x > 0 && y > 0 && x < GRID_W - 1 && y < GRID_H - 1;
      d[y * GRID_W + x] = inside ? big : 0;
    }
  }
  for (y = 1; y < GRID_H; y++) {
    for (x = 1; x < GRID_W; x++) {
      int *c = &d[y * GRID_W + x];
      *c = *c ? (int)fmin(*c, fmin(d[(y - 1) * GRID_W + x], d[y * GRID_W + x - 1]) + 1) : 0;
    }
  }
  for (y = GRID_H - 2; y >= 0; y--) {
    for (x = GRID_W - 2; x >= 0; x--) {
      int *c = &d[y * GRID_W + x];
      *c = *c ? (int)fmin(*c, fmin(d[(y + 1) * GRID_W + x], d[y * GRID_W + x + 1]) + 1) : 0;
      if (*c > best) {
        best = *c;
        bx = x;
        by = y;
      }
    }
  }
  free(d);
  cairo_surface_destroy(s);
  if (best < 3) {
    return 0;
  }
  *px = m->lay.map[0] + (bx + 0.5) / sx;
  *py = m->lay.map[1] + (by + 0.5) / sy;
  return 1;
}

static double polyline_length(const double *xy, size_t n) {
  double len = 0;
  size_t v;
  for (v = 1; v < n; v++) {
    if (xy[2 * v] != HUGE_VAL && xy[2 * v - 2] != HUGE_VAL) {
      len += hypot(xy[2 * v] - xy[2 * v - 2], xy[2 * v + 1] - xy[2 * v - 1]);
    }
  }
  return len;
}

/* A line feature's label: its spec's attribute, or its names. */
static const char *line_label(const gz_map *m, const gz_map_layer *ml, const gz_label_spec *spec,
                              size_t i, char *buf, size_t cap) {
  return spec->field ? gazmap_layer_attr(ml->data, i, spec->field)
                     : gz_feature_label(m, ml, i, buf, cap);
}

int gz_label_lines(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  const gazmap_layer *l = ml->data;
  size_t i, j, n = gazmap_layer_count(l), np, p, len;
  char buf[32], buf2[32];
  int rc;
  for (i = 0; i < n; i++) {
    const char *name = line_label(m, ml, spec, i, buf, sizeof buf);
    const double *best = NULL;
    size_t best_n = 0;
    double best_len = 0;
    int seen = 0;
    if (!gz_feature_visible(m, ml, i) || !name[0]) {
      continue;
    }
    for (j = 0; j < i && !seen; j++) {
      seen = !strcmp(line_label(m, ml, spec, j, buf2, sizeof buf2), name);
    }
    if (seen) {
      continue;
    }
    /* The longest part among all features of this name. */
    for (j = i; j < n; j++) {
      if (strcmp(line_label(m, ml, spec, j, buf2, sizeof buf2), name)) {
        continue;
      }
      np = gazmap_layer_parts(l, j);
      for (p = 0; p < np; p++) {
        const double *xy = gz_page_part(ml, j, p, &len);
        double pl = polyline_length(xy, len);
        if (pl > best_len) {
          best_len = pl;
          best = xy;
          best_n = len;
        }
      }
    }
    if (best && (rc = gz_labeler_line(lab, name, spec->cls, best, best_n, spec->priority)) < 0) {
      return rc;
    }
  }
  return 0;
}

int gz_label_areas(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  char buf[32];
  size_t i, n = gazmap_layer_count(ml->data);
  int rc;
  for (i = 0; i < n; i++) {
    double x, y;
    if (interior_point(m, ml, i, &x, &y) &&
        (rc = gz_labeler_area(lab, gz_feature_label(m, ml, i, buf, sizeof buf), spec->cls, x, y,
                              spec->priority)) < 0) {
      return rc;
    }
  }
  return 0;
}
