/* Painting one map with cairo: layers in order, labels, then the furniture
 * (frame, graticule ticks, title, legend, inset locator, scale bar, north
 * arrow, credits).  Every colour and size comes from the style table. */
#define _GNU_SOURCE
#include "map/render_internal.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "map/layer_internal.h"
#include "util/pages.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_rgba(cairo_t *cr, gz_rgba c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void set_stroke(cairo_t *cr, const gz_stroke *s, double k) {
  set_rgba(cr, s->color);
  cairo_set_line_width(cr, s->width * k);
  if (s->dash[0] > 0) {
    double d[2] = {s->dash[0] * k, s->dash[1] * k};
    cairo_set_dash(cr, d, 2, 0);
  } else {
    cairo_set_dash(cr, NULL, 0, 0);
  }
}

void gz_layout_compute(gz_layout *lay, const gz_style *st, double W, double H, double k) {
  double m = st->margin * k, panel_w = fmin(st->panel_width * k, 0.3 * W);
  double tick = st->tick_label_room * k;
  lay->k = k;
  lay->W = W;
  lay->H = H;
  lay->title[0] = m;
  lay->title[1] = m * 0.6;
  lay->title[2] = W - 2 * m;
  lay->title[3] = st->title_band * k - m * 0.6;
  lay->credits[0] = m;
  lay->credits[1] = H - st->credits_band * k;
  lay->credits[2] = W - 2 * m;
  lay->credits[3] = st->credits_band * k;
  /* Room on the left and below the frame for the graticule labels. */
  lay->map[0] = m + tick * 1.6;
  lay->map[1] = st->title_band * k;
  lay->map[2] = W - panel_w - st->panel_gap * k - lay->map[0];
  lay->map[3] = lay->credits[1] - tick * 1.3 - lay->map[1];
  lay->panel[0] = W - m - panel_w + m * 0.5;
  lay->panel[1] = lay->map[1];
  lay->panel[2] = panel_w - m * 0.5;
  lay->panel[3] = lay->map[3];
  if (lay->map[2] < 1) {
    lay->map[2] = 1;
  }
  if (lay->map[3] < 1) {
    lay->map[3] = 1;
  }
}

/* ---- the situation on a date ---------------------------------------------- */

/* "YYYYMMDD" attribute <= map date; an empty attribute counts as always. */
static int on_or_before(const char *attr, const char *date) {
  return !attr[0] || strncmp(attr, date, 8) <= 0;
}

gz_handover_state gz_handover_state_of(const gz_map *m, size_t i) {
  const gazmap_layer *l = m->layer[GZ_L_HANDOVER];
  const char *status = gazmap_layer_attr(l, i, "status");
  const char *handed = gazmap_layer_attr(l, i, "handed");
  /* Areas taken in the war appear on the day they were taken (their
   * `handed` date; always, when the data gives none). */
  if (!strcmp(status, "war")) {
    return on_or_before(handed, m->date) ? GZ_HS_WAR : GZ_HS_HIDDEN;
  }
  /* Before the statement there was nothing to hand over. */
  if (strcmp(m->date, m->st->statement_date) < 0) {
    return GZ_HS_HIDDEN;
  }
  return handed[0] && on_or_before(handed, m->date) ? GZ_HS_HANDED : GZ_HS_PENDING;
}

int gz_feature_visible(const gz_map *m, gz_layer_id id, size_t i) {
  const gazmap_layer *l = m->layer[id];
  switch (id) {
  case GZ_L_HANDOVER:
    return gz_handover_state_of(m, i) != GZ_HS_HIDDEN;
  case GZ_L_PEACEKEEPING:
  case GZ_L_PATROLS:
    return on_or_before(gazmap_layer_attr(l, i, "since"), m->date) &&
           strcmp(m->date, m->st->statement_date) >= 0;
  case GZ_L_SITES:
    return on_or_before(gazmap_layer_attr(l, i, "opened"), m->date);
  case GZ_L_ROUTES:
    return strcmp(m->date, m->st->routes_since) >= 0;
  default:
    return 1;
  }
}

/* ---- geometry to paths ---------------------------------------------------- */

/* The page points of part `p` of feature `i`; *n their number. */
static const double *page_part(const gz_map *m, gz_layer_id id, size_t i, size_t p, size_t *n) {
  size_t total;
  const double *base = gz_layer_xy(m->layer[id], &total);
  const double *xy = gazmap_layer_part(m->layer[id], i, p, n);
  (void)total;
  return xy ? m->page[id] + (xy - base) : NULL;
}

static void feature_path(cairo_t *cr, const gz_map *m, gz_layer_id id, size_t i, int close) {
  size_t np = gazmap_layer_parts(m->layer[id], i), p, n, v;
  for (p = 0; p < np; p++) {
    const double *xy = page_part(m, id, i, p, &n);
    int pen = 0;
    for (v = 0; v < n; v++) {
      if (xy[2 * v] == HUGE_VAL || xy[2 * v + 1] == HUGE_VAL) {
        pen = 0;
        continue;
      }
      if (pen) {
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
}

/* Parallel lines across the current clip, for hatching. */
static void hatch(cairo_t *cr, const gz_fill *f, double k, double x0, double y0, double x1,
                  double y1) {
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
  set_rgba(cr, f->hatch);
  cairo_set_line_width(cr, f->hatch_width * k);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_stroke(cr);
}

static void fill_feature(gz_map *m, gz_layer_id id, size_t i, const gz_fill *f) {
  cairo_t *cr = m->cr;
  double k = m->lay.k, x0, y0, x1, y1;
  cairo_new_path(cr);
  feature_path(cr, m, id, i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  if (f->tint.a > 0) {
    set_rgba(cr, f->tint);
    cairo_fill_preserve(cr);
  }
  if (f->hatch.a > 0) {
    cairo_save(cr);
    cairo_clip_preserve(cr);
    cairo_fill_extents(cr, &x0, &y0, &x1, &y1);
    hatch(cr, f, k, x0, y0, x1, y1);
    cairo_restore(cr);
    cairo_new_path(cr);
    feature_path(cr, m, id, i, 1);
  }
  set_stroke(cr, &f->outline, k);
  cairo_stroke(cr);
}

static int is_schematic(const gazmap_layer *l, size_t i) {
  const char *s = gazmap_layer_attr(l, i, "schematic");
  return s[0] && strcmp(s, "0") && strcmp(s, "F") && strcmp(s, "f");
}

/* ---- layers ----------------------------------------------------------------- */

static void draw_countries(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_COUNTRIES];
  cairo_t *cr = m->cr;
  size_t i, n = gazmap_layer_count(l);
  for (i = 0; i < n; i++) {
    const char *iso = gazmap_layer_attr(l, i, "iso_a2");
    int focus = !strcmp(iso, "AZ") || !strcmp(iso, "AM");
    cairo_new_path(cr);
    feature_path(cr, m, GZ_L_COUNTRIES, i, 1);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_rgba(cr, focus ? m->st->land_focus : m->st->land_other);
    cairo_fill(cr);
  }
}

/* One stroke per feature: cairo's rasteriser works through the whole
 * extent of a path, so a layer stroked as one path spanning the map (the
 * districts: 2,200 vertices) took twice as long as its features one by
 * one (10 ms against 5 ms at 1600 x 1200). */
static void stroke_all(gz_map *m, gz_layer_id id, const gz_stroke *s, int close) {
  const gazmap_layer *l = m->layer[id];
  size_t i, n = gazmap_layer_count(l);
  set_stroke(m->cr, s, m->lay.k);
  for (i = 0; i < n; i++) {
    cairo_new_path(m->cr);
    feature_path(m->cr, m, id, i, close);
    cairo_stroke(m->cr);
  }
}

static void draw_lakes(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_LAKES];
  size_t i, n = gazmap_layer_count(l);
  cairo_new_path(m->cr);
  for (i = 0; i < n; i++) {
    feature_path(m->cr, m, GZ_L_LAKES, i, 1);
  }
  cairo_set_fill_rule(m->cr, CAIRO_FILL_RULE_EVEN_ODD);
  set_rgba(m->cr, m->st->water);
  cairo_fill_preserve(m->cr);
  set_stroke(m->cr, &m->st->lake_outline, m->lay.k);
  cairo_stroke(m->cr);
}

static void draw_handover(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_HANDOVER];
  size_t i, n = gazmap_layer_count(l);
  for (i = 0; i < n; i++) {
    gz_handover_state s = gz_handover_state_of(m, i);
    if (s == GZ_HS_HIDDEN) {
      continue;
    }
    fill_feature(m, GZ_L_HANDOVER, i,
                 s == GZ_HS_HANDED ? &m->st->handed
                 : s == GZ_HS_WAR  ? &m->st->war
                                   : &m->st->pending);
  }
}

static void draw_peacekeeping(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_PEACEKEEPING];
  size_t i, n = gazmap_layer_count(l);
  int pass;
  /* Zones under corridors, so the narrow corridor stays visible. */
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < n; i++) {
      int corridor = !strcmp(gazmap_layer_attr(l, i, "kind"), "corridor");
      if (corridor != pass || !gz_feature_visible(m, GZ_L_PEACEKEEPING, i)) {
        continue;
      }
      fill_feature(m, GZ_L_PEACEKEEPING, i, corridor ? &m->st->pk_corridor : &m->st->pk_zone);
    }
  }
}

static void draw_patrols(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_PATROLS];
  size_t i, n = gazmap_layer_count(l);
  cairo_new_path(m->cr);
  for (i = 0; i < n; i++) {
    if (gz_feature_visible(m, GZ_L_PATROLS, i)) {
      feature_path(m->cr, m, GZ_L_PATROLS, i, 0);
    }
  }
  set_stroke(m->cr, &m->st->patrol, m->lay.k);
  cairo_set_line_cap(m->cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke(m->cr);
  cairo_set_line_cap(m->cr, CAIRO_LINE_CAP_BUTT);
}

/* One route line: its colour, dashed and lighter when schematic; railways
 * get the classic white dashes inside a dark line. */
static void stroke_route(cairo_t *cr, const gz_style *st, double k, gz_rgba c, int rail,
                         int schematic) {
  double dash[2] = {st->route_schematic_dash[0] * k, st->route_schematic_dash[1] * k};
  if (schematic) {
    c.a *= st->route_schematic_alpha;
  }
  set_rgba(cr, c);
  cairo_set_line_width(cr, st->route_width * k);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash(cr, schematic && !rail ? dash : NULL, schematic && !rail ? 2 : 0, 0);
  if (rail) {
    double rd[2] = {st->rail_tick_every * k * 0.5, st->rail_tick_every * k * 0.5};
    cairo_stroke_preserve(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 1);
    cairo_set_line_width(cr, st->route_width * k * 0.45);
    cairo_set_dash(cr, rd, 2, 0);
  }
  cairo_stroke(cr);
  cairo_set_dash(cr, NULL, 0, 0);
}

/* A line shifted sideways by `d` (positive: to the left of its direction),
 * so that routes sharing a corridor (the road and the railway along the
 * Aras) are drawn side by side instead of one hiding the other. */
static void offset_path(cairo_t *cr, const double *xy, size_t n, double d) {
  size_t v;
  int pen = 0;
  for (v = 0; v < n; v++) {
    double sx = 0, sy = 0, len, s2;
    int segs = 0;
    if (xy[2 * v] == HUGE_VAL || xy[2 * v + 1] == HUGE_VAL) {
      pen = 0;
      continue;
    }
    if (v > 0 && (len = hypot(xy[2 * v] - xy[2 * v - 2], xy[2 * v + 1] - xy[2 * v - 1])) > 0) {
      sx += (xy[2 * v + 1] - xy[2 * v - 1]) / len;
      sy -= (xy[2 * v] - xy[2 * v - 2]) / len;
      segs++;
    }
    if (v + 1 < n && (len = hypot(xy[2 * v + 2] - xy[2 * v], xy[2 * v + 3] - xy[2 * v + 1])) > 0) {
      sx += (xy[2 * v + 3] - xy[2 * v + 1]) / len;
      sy -= (xy[2 * v + 2] - xy[2 * v]) / len;
      segs++;
    }
    /* Between two segments the mitre point 2 d s / |s|^2 keeps both at
     * distance d; |s|^2 is floored so sharp turns do not spike. */
    s2 = sx * sx + sy * sy;
    if (segs == 2) {
      sx *= 2 * d / fmax(s2, 0.5);
      sy *= 2 * d / fmax(s2, 0.5);
    } else {
      sx *= d;
      sy *= d;
    }
    if (pen) {
      cairo_line_to(cr, xy[2 * v] + sx, xy[2 * v + 1] + sy);
    } else {
      cairo_move_to(cr, xy[2 * v] + sx, xy[2 * v + 1] + sy);
      pen = 1;
    }
  }
}

static void draw_routes(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_ROUTES];
  size_t i, n = gazmap_layer_count(l), p, np, cnt;
  for (i = 0; i < n; i++) {
    const char *id = gazmap_layer_attr(l, i, "id");
    double off = gz_style_route_offset(m->st, id) * m->lay.k;
    if (!gz_feature_visible(m, GZ_L_ROUTES, i)) {
      continue;
    }
    cairo_new_path(m->cr);
    for (p = 0, np = gazmap_layer_parts(l, i); p < np; p++) {
      const double *xy = page_part(m, GZ_L_ROUTES, i, p, &cnt);
      offset_path(m->cr, xy, cnt, off);
    }
    stroke_route(m->cr, m->st, m->lay.k, gz_style_route_color(m->st, id),
                 !strcmp(gazmap_layer_attr(l, i, "mode"), "rail"), is_schematic(l, i));
  }
}

static void site_marker(cairo_t *cr, const gz_style *st, double k, double x, double y) {
  double r = st->site_size * k / 2;
  cairo_new_path(cr);
  cairo_move_to(cr, x, y - r * 1.3);
  cairo_line_to(cr, x + r, y);
  cairo_line_to(cr, x, y + r * 1.3);
  cairo_line_to(cr, x - r, y);
  cairo_close_path(cr);
  set_rgba(cr, st->site_fill);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_set_line_width(cr, 1.2 * k);
  cairo_set_dash(cr, NULL, 0, 0);
  cairo_stroke(cr);
}

static void draw_sites(gz_map *m) {
  const gazmap_layer *l = m->layer[GZ_L_SITES];
  size_t i, n = gazmap_layer_count(l), np;
  for (i = 0; i < n; i++) {
    const double *xy;
    if (!gz_feature_visible(m, GZ_L_SITES, i) || !(xy = page_part(m, GZ_L_SITES, i, 0, &np)) ||
        xy[0] == HUGE_VAL) {
      continue;
    }
    site_marker(m->cr, m->st, m->lay.k, xy[0], xy[1]);
  }
}

/* ---- labels ----------------------------------------------------------------- */

/* The label text of a feature: the gazetteer's name in the map language when
 * the feature's id is a place, else the name_<lang> or name attribute. */
static const char *feature_label(const gz_map *m, const gazmap_layer *l, size_t i, char *buf,
                                 size_t cap) {
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

static int interior_point(gz_map *m, gz_layer_id id, size_t i, double *px, double *py) {
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
  feature_path(cr, m, id, i, 1);
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

/* Line labels for a line layer: per distinct name, along its longest part. */
static int label_lines(gz_map *m, gz_labeler *lab, gz_layer_id id, gz_text_class cls,
                       double priority) {
  const gazmap_layer *l = m->layer[id];
  size_t i, j, n = gazmap_layer_count(l), np, p, len;
  char buf[32], buf2[32];
  int rc;
  for (i = 0; i < n; i++) {
    const char *name = feature_label(m, l, i, buf, sizeof buf);
    const double *best = NULL;
    size_t best_n = 0;
    double best_len = 0;
    int seen = 0;
    if (!gz_feature_visible(m, id, i) || !name[0]) {
      continue;
    }
    for (j = 0; j < i && !seen; j++) {
      seen = !strcmp(feature_label(m, l, j, buf2, sizeof buf2), name);
    }
    if (seen) {
      continue;
    }
    /* The longest part among all features of this name. */
    for (j = i; j < n; j++) {
      if (strcmp(feature_label(m, l, j, buf2, sizeof buf2), name)) {
        continue;
      }
      np = gazmap_layer_parts(l, j);
      for (p = 0; p < np; p++) {
        const double *xy = page_part(m, id, j, p, &len);
        double pl = polyline_length(xy, len);
        if (pl > best_len) {
          best_len = pl;
          best = xy;
          best_n = len;
        }
      }
    }
    if (best && (rc = gz_labeler_line(lab, name, cls, best, best_n, priority)) < 0) {
      return rc;
    }
  }
  return 0;
}

static int in_frame(const gz_map *m, double x, double y) {
  return x >= m->lay.map[0] && y >= m->lay.map[1] && x <= m->lay.map[0] + m->lay.map[2] &&
         y <= m->lay.map[1] + m->lay.map[3];
}

static double highlight_weight(const gz_map *m, const gazmap_place *p) {
  size_t i;
  for (i = 0; i < m->n_hl; i++) {
    if (m->hl[i].place == p) {
      return m->hl[i].weight > 1 ? m->hl[i].weight : 1;
    }
  }
  return 0;
}

static int label_places(gz_map *m, gz_labeler *lab) {
  size_t i, n = m->g ? gazmap_gazetteer_count(m->g) : 0;
  const gz_style *st = m->st;
  double k = m->lay.k;
  int rc;
  for (i = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(m->g, i);
    gazmap_kind kind = gazmap_place_kind(p);
    double xy[2] = {gazmap_place_lon(p), gazmap_place_lat(p)}, x, y, pri, dot, hw;
    const char *name;
    gz_text_class cls;
    int capital = gazmap_place_has_tag(p, "capital"), text = gazmap_place_has_tag(p, "text");

    if (kind != GAZMAP_KIND_CITY && kind != GAZMAP_KIND_TOWN && kind != GAZMAP_KIND_VILLAGE &&
        kind != GAZMAP_KIND_PASS && kind != GAZMAP_KIND_REGION) {
      continue;
    }
    gz_proj_fwd(m->proj, xy, 1);
    if (xy[0] == HUGE_VAL) {
      continue;
    }
    gz_frame_apply(&m->frame, xy[0], xy[1], &x, &y);
    if (!in_frame(m, x, y)) {
      continue;
    }
    name = gazmap_place_name_in(p, m->lang);
    hw = highlight_weight(m, p);
    /* Capitals first, then the places the text names, then by importance;
     * a highlighted place (named in the text being mapped) outranks both. */
    pri = 100.0 * capital + 60.0 * text + 30.0 * gazmap_place_importance(p) +
          (hw > 0 ? 80.0 + 5.0 * log(hw) : 0);
    if (kind == GAZMAP_KIND_REGION) {
      /* Regions spanning several countries (the Caucasus) are the inset's
       * business; a region label is an area label. */
      if (!gazmap_place_country(p)[0] || strstr(gazmap_place_name(p), "Caucasus")) {
        continue;
      }
      if ((rc = gz_labeler_area(lab, name, GZ_TEXT_REGION, x, y, pri + 20)) < 0) {
        return rc;
      }
      continue;
    }
    if (!capital && !text && hw == 0 && kind == GAZMAP_KIND_VILLAGE) {
      continue;
    }
    cls = capital                       ? GZ_TEXT_CAPITAL
          : kind == GAZMAP_KIND_CITY    ? GZ_TEXT_CITY
          : kind == GAZMAP_KIND_VILLAGE ? GZ_TEXT_VILLAGE
                                        : GZ_TEXT_TOWN;
    dot = capital                       ? st->dot_capital
          : kind == GAZMAP_KIND_CITY    ? st->dot_city
          : kind == GAZMAP_KIND_VILLAGE ? st->dot_village
                                        : st->dot_town;
    if (hw > 0) {
      /* The emphasis ring of a highlighted place is drawn whether or not its
       * label finds room. */
      double r = st->highlight_radius * k * sqrt(hw > 16 ? 16 : hw);
      cairo_new_path(m->cr);
      cairo_arc(m->cr, x, y, r, 0, 2 * M_PI);
      set_rgba(m->cr, st->highlight);
      cairo_set_line_width(m->cr, 2.0 * k);
      cairo_set_dash(m->cr, NULL, 0, 0);
      cairo_stroke(m->cr);
    }
    if ((rc = gz_labeler_point(lab, name, cls, x, y, dot * k,
                               hw > 0 ? GZ_DOT_ALWAYS : GZ_DOT_IF_PLACED, pri)) < 0) {
      return rc;
    }
  }
  return 0;
}

/* Offers every area of a polygon layer its label at an interior point. */
static int label_areas(gz_map *m, gz_labeler *lab, gz_layer_id layer, gz_text_class cls,
                       int priority) {
  const gazmap_layer *l = m->layer[layer];
  char buf[32];
  size_t i, n = l ? gazmap_layer_count(l) : 0;
  int rc;
  for (i = 0; i < n; i++) {
    double x, y;
    if (interior_point(m, layer, i, &x, &y) &&
        (rc = gz_labeler_area(lab, feature_label(m, l, i, buf, sizeof buf), cls, x, y, priority)) <
            0) {
      return rc;
    }
  }
  return 0;
}

static int draw_labels(gz_map *m) {
  gz_labeler *lab = NULL;
  double *map = m->lay.map;
  char buf[32];
  size_t i, n, np;
  int rc;

  if ((rc = gz_labeler_new(&lab, m->typo, m->st, m->lay.k, map[0] + 2, map[1] + 2,
                           map[0] + map[2] - 2, map[1] + map[3] - 2)) < 0) {
    return rc;
  }
  if (m->layer[GZ_L_SITES]) {
    const gazmap_layer *l = m->layer[GZ_L_SITES];
    double r = m->st->site_size * m->lay.k / 2;
    n = gazmap_layer_count(l);
    for (i = 0; i < n; i++) {
      const double *xy = page_part(m, GZ_L_SITES, i, 0, &np);
      if (!gz_feature_visible(m, GZ_L_SITES, i) || !xy || xy[0] == HUGE_VAL) {
        continue;
      }
      /* The marker is drawn already: keep labels off it, and put the site's
       * own label beside it. */
      if ((rc = gz_labeler_block(lab, xy[0] - r, xy[1] - r * 1.3, xy[0] + r, xy[1] + r * 1.3)) <
              0 ||
          (rc = gz_labeler_point(lab, feature_label(m, l, i, buf, sizeof buf), GZ_TEXT_SITE, xy[0],
                                 xy[1], r, GZ_DOT_NONE, 90)) < 0) {
        goto done;
      }
    }
  }
  if ((rc = label_areas(m, lab, GZ_L_COUNTRIES, GZ_TEXT_COUNTRY, 150)) < 0 ||
      (rc = label_areas(m, lab, GZ_L_LAKES, GZ_TEXT_WATER, 45)) < 0) {
    goto done;
  }
  if (m->layer[GZ_L_RIVERS] && (rc = label_lines(m, lab, GZ_L_RIVERS, GZ_TEXT_WATER, 40)) < 0) {
    goto done;
  }
  if (m->layer[GZ_L_PATROLS] && (rc = label_lines(m, lab, GZ_L_PATROLS, GZ_TEXT_PATROL, 35)) < 0) {
    goto done;
  }
  if (m->layer[GZ_L_PLACES] && (rc = label_places(m, lab)) < 0) {
    goto done;
  }
  rc = gz_labeler_run(lab, m->cr);
done:
  gz_labeler_free(lab);
  return rc;
}

/* ---- furniture: frame, ticks, title, credits ----------------------------- */

static double nice_step(double span) {
  static const double steps[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30};
  size_t i;
  for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    if (span / steps[i] <= 8) {
      return steps[i];
    }
  }
  return 45;
}

static void degree_text(char *buf, size_t cap, double v, int is_lon) {
  char hemi = is_lon ? (v < 0 ? 'W' : 'E') : (v < 0 ? 'S' : 'N');
  double a = fabs(v);
  if (fabs(a - round(a)) < 1e-9) {
    snprintf(buf, cap, "%.0f°%c", a, hemi);
  } else {
    snprintf(buf, cap, "%.1f°%c", a, hemi);
  }
}

/* Ticks where meridians cross the top and bottom edges and parallels the
 * left and right ones; labels outside the frame, bottom and left. */
static void draw_ticks(gz_map *m) {
  const double *f = m->lay.map;
  double k = m->lay.k, tl = m->st->tick_len * k, step_px = 2 * k;
  double lon_a, lat_a, lon_b, lat_b, step;
  int edge;
  char txt[32];

  if (gz_proj_inv(m->proj, m->frame.x0, m->frame.y1, &lon_a, &lat_a) < 0 ||
      gz_proj_inv(m->proj, m->frame.x0 + f[2] / m->frame.scale, m->frame.y1 - f[3] / m->frame.scale,
                  &lon_b, &lat_b) < 0) {
    return;
  }
  step = nice_step(fmax(fabs(lon_b - lon_a), fabs(lat_b - lat_a)));
  set_stroke(m->cr, &m->st->graticule_tick, k);
  for (edge = 0; edge < 4; edge++) {
    /* 0 bottom, 1 top (longitudes); 2 left, 3 right (latitudes). */
    int horiz = edge < 2, is_lon = horiz;
    double len = horiz ? f[2] : f[3], t, prev = NAN;
    for (t = 0; t <= len; t += step_px) {
      double px = horiz ? f[0] + t : (edge == 2 ? f[0] : f[0] + f[2]);
      double py = horiz ? (edge == 0 ? f[1] + f[3] : f[1]) : f[1] + t;
      double x = m->frame.x0 + (px - f[0]) / m->frame.scale;
      double y = m->frame.y1 - (py - f[1]) / m->frame.scale, lon, lat, v;
      if (gz_proj_inv(m->proj, x, y, &lon, &lat) < 0) {
        prev = NAN;
        continue;
      }
      v = is_lon ? lon : lat;
      if (!isnan(prev) && floor(prev / step) != floor(v / step)) {
        double mark = step * fmax(floor(prev / step), floor(v / step));
        double w, h;
        cairo_new_path(m->cr);
        if (horiz) {
          double dir = edge == 0 ? -1 : 1;
          cairo_move_to(m->cr, px, py);
          cairo_line_to(m->cr, px, py + dir * tl);
        } else {
          double dir = edge == 2 ? 1 : -1;
          cairo_move_to(m->cr, px, py);
          cairo_line_to(m->cr, px + dir * tl, py);
        }
        set_stroke(m->cr, &m->st->graticule_tick, k);
        cairo_stroke(m->cr);
        degree_text(txt, sizeof txt, mark, is_lon);
        gz_typo_measure(m->typo, GZ_TEXT_TICK, txt, 0, &w, &h);
        if (edge == 0) {
          gz_typo_draw(m->typo, GZ_TEXT_TICK, txt, 0, -1, px - w / 2, py + 3 * k);
        } else if (edge == 2) {
          gz_typo_draw(m->typo, GZ_TEXT_TICK, txt, 0, -1, px - w - 4 * k, py - h / 2);
        }
      }
      prev = v;
    }
  }
}

/* ---- legend ------------------------------------------------------------------ */

typedef enum { SW_HEAD, SW_FILL, SW_STROKE, SW_ROUTE, SW_SITE, SW_WATER, SW_RIVER } swatch;

/* Draws one legend row at y and returns its height. */
static double legend_row(gz_map *m, double x, double y, double w, swatch sw, const void *arg,
                         gz_rgba color, int flags, const char *text, const char *note) {
  cairo_t *cr = m->cr;
  const gz_style *st = m->st;
  double k = m->lay.k, sww = st->legend_swatch_w * k, swh = st->legend_swatch_h * k;
  double tx = x + st->legend_indent * k, tw = w - st->legend_indent * k, th, nh = 0, dummy;
  double cy;

  if (sw == SW_HEAD) {
    gz_typo_measure(m->typo, GZ_TEXT_LEGEND_HEAD, text, w, &dummy, &th);
    if (!m->dry) {
      gz_typo_draw(m->typo, GZ_TEXT_LEGEND_HEAD, text, w, -1, x, y);
    }
    return th + st->legend_row_gap * k * 0.5;
  }
  gz_typo_measure(m->typo, GZ_TEXT_LEGEND, text, tw, &dummy, &th);
  if (note) {
    gz_typo_measure(m->typo, GZ_TEXT_LEGEND_NOTE, note, tw, &dummy, &nh);
  }
  if (m->dry) {
    return fmax(swh, th + nh) + st->legend_row_gap * k;
  }
  cy = y + fmax(swh, th) / 2 - swh / 2;
  cairo_save(cr);
  cairo_new_path(cr);
  switch (sw) {
  case SW_FILL: {
    const gz_fill *f = arg;
    cairo_rectangle(cr, x + 1, cy, sww - 2, swh);
    if (f->tint.a > 0) {
      set_rgba(cr, f->tint);
      cairo_fill_preserve(cr);
    }
    if (f->hatch.a > 0) {
      cairo_save(cr);
      cairo_clip_preserve(cr);
      hatch(cr, f, k, x, cy, x + sww, cy + swh);
      cairo_restore(cr);
      cairo_new_path(cr);
      cairo_rectangle(cr, x + 1, cy, sww - 2, swh);
    }
    set_stroke(cr, &f->outline, k);
    cairo_stroke(cr);
    break;
  }
  case SW_WATER:
    cairo_rectangle(cr, x + 1, cy, sww - 2, swh);
    set_rgba(cr, st->water);
    cairo_fill_preserve(cr);
    set_stroke(cr, &st->lake_outline, k);
    cairo_stroke(cr);
    break;
  case SW_STROKE:
  case SW_RIVER:
    cairo_move_to(cr, x + 1, cy + swh / 2);
    cairo_line_to(cr, x + sww - 1, cy + swh / 2);
    set_stroke(cr, arg, k);
    cairo_stroke(cr);
    break;
  case SW_ROUTE:
    cairo_move_to(cr, x + 1, cy + swh / 2);
    cairo_line_to(cr, x + sww - 1, cy + swh / 2);
    stroke_route(cr, st, k, color, flags & 1, (flags & 2) != 0);
    break;
  case SW_SITE:
    site_marker(cr, st, k, x + sww / 2, cy + swh / 2);
    break;
  default:
    break;
  }
  cairo_restore(cr);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND, text, tw, -1, tx, y);
  if (note) {
    gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, note, tw, -1, tx, y + th);
  }
  return fmax(swh, th + nh) + st->legend_row_gap * k;
}

/* "20201120" -> "20 Nov 2020". */
static void human_date(char *buf, size_t cap, const char *ymd) {
  static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int y, mo, d;
  if (strlen(ymd) != 8 || sscanf(ymd, "%4d%2d%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12) {
    snprintf(buf, cap, "%s", ymd);
    return;
  }
  snprintf(buf, cap, "%d %s %d", d, months[mo - 1], y);
}

static double draw_legend(gz_map *m, double x, double y, double w) {
  const gz_style *st = m->st;
  const gazmap_layer *l;
  char text[256], note[256], d1[32], d2[32];
  size_t i, n;
  double y0 = y;

  if ((l = m->layer[GZ_L_HANDOVER])) {
    int any_war = 0, any = 0;
    n = gazmap_layer_count(l);
    for (i = 0; i < n; i++) {
      gz_handover_state s = gz_handover_state_of(m, i);
      any |= s != GZ_HS_HIDDEN;
    }
    if (any) {
      y += legend_row(m, x, y, w, SW_HEAD, NULL, st->paper, 0,
                      "Districts to be returned (statement of 10 Nov 2020)", NULL);
    }
    for (i = 0; i < n; i++) {
      gz_handover_state s = gz_handover_state_of(m, i);
      const char *name = gazmap_layer_attr(l, i, "name"), *art = gazmap_layer_attr(l, i, "article");
      if (s == GZ_HS_WAR) {
        any_war = 1;
        continue;
      }
      if (s == GZ_HS_HIDDEN) {
        continue;
      }
      human_date(d1, sizeof d1, gazmap_layer_attr(l, i, "deadline"));
      human_date(d2, sizeof d2, gazmap_layer_attr(l, i, "handed"));
      if (s == GZ_HS_HANDED) {
        snprintf(text, sizeof text, "%s: handed over %s", name, d2);
      } else {
        snprintf(text, sizeof text, "%s: not yet handed over", name);
      }
      snprintf(note, sizeof note, "%s%s%sdeadline %s", art[0] ? "art. " : "", art,
               art[0] ? ", " : "", d1);
      y += legend_row(m, x, y, w, SW_FILL, s == GZ_HS_HANDED ? &st->handed : &st->pending,
                      st->paper, 0, text, note);
    }
    if (any_war) {
      y += legend_row(m, x, y, w, SW_FILL, &st->war, st->paper, 0,
                      "Taken by Azerbaijan in the war (27 Sep - 9 Nov 2020)", NULL);
    }
  }
  if ((l = m->layer[GZ_L_PEACEKEEPING]) || m->layer[GZ_L_PATROLS] || m->layer[GZ_L_SITES]) {
    int zone = 0, corr = 0, patrol = 0, site = 0;
    if (l) {
      for (i = 0, n = gazmap_layer_count(l); i < n; i++) {
        if (gz_feature_visible(m, GZ_L_PEACEKEEPING, i)) {
          int c = !strcmp(gazmap_layer_attr(l, i, "kind"), "corridor");
          corr |= c;
          zone |= !c;
        }
      }
    }
    if (m->layer[GZ_L_PATROLS]) {
      for (i = 0, n = gazmap_layer_count(m->layer[GZ_L_PATROLS]); i < n; i++) {
        patrol |= gz_feature_visible(m, GZ_L_PATROLS, i);
      }
    }
    if (m->layer[GZ_L_SITES]) {
      for (i = 0, n = gazmap_layer_count(m->layer[GZ_L_SITES]); i < n; i++) {
        site |= gz_feature_visible(m, GZ_L_SITES, i);
      }
    }
    if (zone || corr || patrol || site) {
      y += st->legend_row_gap * m->lay.k;
      y += legend_row(m, x, y, w, SW_HEAD, NULL, st->paper, 0, "Russian peacekeeping", NULL);
    }
    if (zone) {
      y += legend_row(m, x, y, w, SW_FILL, &st->pk_zone, st->paper, 0,
                      "Deployment area along the line of contact", "art. 3, 4; from Nov 2020");
    }
    if (corr) {
      y += legend_row(m, x, y, w, SW_FILL, &st->pk_corridor, st->paper, 0,
                      "Lachin corridor (5 km wide)", "art. 6");
    }
    if (patrol) {
      y += legend_row(m, x, y, w, SW_STROKE, &st->patrol, st->paper, 0, "Patrol line", NULL);
    }
    if (site) {
      y += legend_row(m, x, y, w, SW_SITE, NULL, st->paper, 0,
                      "Turkish-Russian joint monitoring centre", "opened 30 Jan 2021");
    }
  }
  if ((l = m->layer[GZ_L_ROUTES])) {
    int head = 0;
    for (i = 0, n = gazmap_layer_count(l); i < n; i++) {
      const char *hw = gazmap_layer_attr(l, i, "highway");
      int rail = !strcmp(gazmap_layer_attr(l, i, "mode"), "rail"), sch = is_schematic(l, i);
      if (!gz_feature_visible(m, GZ_L_ROUTES, i)) {
        continue;
      }
      if (!head) {
        y += st->legend_row_gap * m->lay.k;
        y += legend_row(m, x, y, w, SW_HEAD, NULL, st->paper, 0,
                        "Route options discussed since 11 Jan 2021", NULL);
        head = 1;
      }
      snprintf(text, sizeof text, "%s%s%s%s%s", gazmap_layer_attr(l, i, "name"), hw[0] ? " (" : "",
               hw, hw[0] ? ")" : "",
               rail && !strstr(gazmap_layer_attr(l, i, "name"), "railway") ? ", railway" : "");
      y += legend_row(m, x, y, w, SW_ROUTE, NULL,
                      gz_style_route_color(st, gazmap_layer_attr(l, i, "id")), rail | (sch ? 2 : 0),
                      text, sch ? "schematic line" : NULL);
    }
  }
  if (m->layer[GZ_L_RIVERS] || m->layer[GZ_L_LAKES] || m->layer[GZ_L_COUNTRIES]) {
    y += st->legend_row_gap * m->lay.k;
    y += legend_row(m, x, y, w, SW_HEAD, NULL, st->paper, 0, "Base map", NULL);
    if (m->layer[GZ_L_COUNTRIES]) {
      y += legend_row(m, x, y, w, SW_STROKE, &st->country_border, st->paper, 0,
                      "International border", NULL);
    }
    if (m->layer[GZ_L_ADMIN1]) {
      y += legend_row(m, x, y, w, SW_STROKE, &st->admin_border, st->paper, 0,
                      "District or province boundary", NULL);
    }
    if (m->layer[GZ_L_RIVERS]) {
      y += legend_row(m, x, y, w, SW_RIVER, &st->river, st->paper, 0, "River", NULL);
    }
    if (m->layer[GZ_L_LAKES]) {
      y += legend_row(m, x, y, w, SW_WATER, NULL, st->paper, 0, "Lake or reservoir", NULL);
    }
  }
  return y - y0;
}

/* ---- scale bar, north arrow, inset ----------------------------------------- */

static void draw_scale_bar(gz_map *m, double x, double y) {
  const gz_style *st = m->st;
  double k = m->lay.k, cx = m->lay.map[0] + m->lay.map[2] / 2,
         cy = m->lay.map[1] + m->lay.map[3] / 2;
  double d = 50 * k, lon1, lat1, lon2, lat2, km_per_unit, target_km, mag, nice, len, w, h;
  double X1 = m->frame.x0 + (cx - d - m->lay.map[0]) / m->frame.scale;
  double X2 = m->frame.x0 + (cx + d - m->lay.map[0]) / m->frame.scale;
  double Y = m->frame.y1 - (cy - m->lay.map[1]) / m->frame.scale;
  char txt[32];
  int i, segs = 4;

  if (gz_proj_inv(m->proj, X1, Y, &lon1, &lat1) < 0 ||
      gz_proj_inv(m->proj, X2, Y, &lon2, &lat2) < 0) {
    return;
  }
  /* True distance at the centre of the map, on the ellipsoid. */
  km_per_unit = gazmap_distance_km(lat1, lon1, lat2, lon2) / (2 * d);
  if (!(km_per_unit > 0)) {
    return;
  }
  target_km = st->scale_bar_target * k * km_per_unit;
  mag = pow(10, floor(log10(target_km)));
  nice = target_km / mag >= 5 ? 5 * mag : target_km / mag >= 2 ? 2 * mag : mag;
  len = nice / km_per_unit;
  for (i = 0; i < segs; i++) {
    cairo_new_path(m->cr);
    cairo_rectangle(m->cr, x + len * i / segs, y, len / segs, 5 * k);
    if (i % 2 == 0) {
      cairo_set_source_rgb(m->cr, 0.2, 0.2, 0.2);
    } else {
      cairo_set_source_rgb(m->cr, 1, 1, 1);
    }
    cairo_fill_preserve(m->cr);
    cairo_set_source_rgb(m->cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(m->cr, 0.8 * k);
    cairo_set_dash(m->cr, NULL, 0, 0);
    cairo_stroke(m->cr);
  }
  gz_typo_draw(m->typo, GZ_TEXT_SCALE, "0", 0, -1, x - 3 * k, y + 7 * k);
  snprintf(txt, sizeof txt, "%g km", nice);
  gz_typo_measure(m->typo, GZ_TEXT_SCALE, txt, 0, &w, &h);
  gz_typo_draw(m->typo, GZ_TEXT_SCALE, txt, 0, -1, x + len - w / 2, y + 7 * k);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, "scale true at the map centre", 0, -1, x,
               y + 9 * k + h);
}

static void draw_north_arrow(gz_map *m, double x, double y) {
  double k = m->lay.k, size = 26 * k, a, w, h;
  double lon, lat, cx = m->frame.x0 + m->lay.map[2] / 2 / m->frame.scale;
  double cy = m->frame.y1 - m->lay.map[3] / 2 / m->frame.scale, xy[4];
  if (gz_proj_inv(m->proj, cx, cy, &lon, &lat) < 0) {
    return;
  }
  xy[0] = lon, xy[1] = lat, xy[2] = lon, xy[3] = lat + 0.1;
  gz_proj_fwd(m->proj, xy, 2);
  /* The direction of the meridian through the centre of the map. */
  a = atan2(xy[2] - xy[0], xy[3] - xy[1]);
  cairo_save(m->cr);
  cairo_translate(m->cr, x, y + size / 2);
  cairo_rotate(m->cr, a);
  cairo_new_path(m->cr);
  cairo_move_to(m->cr, 0, -size / 2);
  cairo_line_to(m->cr, size * 0.28, size / 2);
  cairo_line_to(m->cr, 0, size * 0.3);
  cairo_close_path(m->cr);
  cairo_set_source_rgb(m->cr, 0.2, 0.2, 0.2);
  cairo_fill(m->cr);
  cairo_move_to(m->cr, 0, -size / 2);
  cairo_line_to(m->cr, -size * 0.28, size / 2);
  cairo_line_to(m->cr, 0, size * 0.3);
  cairo_close_path(m->cr);
  cairo_set_line_width(m->cr, 1.0 * k);
  cairo_set_dash(m->cr, NULL, 0, 0);
  cairo_stroke(m->cr);
  cairo_restore(m->cr);
  gz_typo_measure(m->typo, GZ_TEXT_LEGEND_HEAD, "N", 0, &w, &h);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND_HEAD, "N", 0, -1, x - w / 2, y + size + 2 * k);
}

/* Points per edge when tracing the locator's lon/lat box: enough for the
 * curvature of the conic projection at inset size. */
#define GZ_INSET_EDGE_STEPS 32

static void draw_inset(gz_map *m, double x, double y, double w, double h) {
  const gz_style *st = m->st;
  /* A wider country layer for the locator when the data has one; the main
   * map's countries (clipped close to the frame) otherwise. */
  const gazmap_layer *l = m->inset ? m->inset : m->layer[GZ_L_COUNTRIES];
  cairo_t *cr = m->cr;
  gz_frame fr;
  double *xy = NULL, k = m->lay.k;
  size_t i, n, total, np, p, v;
  const double *base;
  int e;

  double ext[4];
  memcpy(ext, st->inset_lonlat, sizeof ext);
  if (l) {
    /* No wider than the data: beyond the country layer there is nothing to
     * draw. */
    double b[4];
    gazmap_layer_bounds(l, b);
    ext[0] = fmax(ext[0], b[0]), ext[1] = fmax(ext[1], b[1]);
    ext[2] = fmin(ext[2], b[2]), ext[3] = fmin(ext[3], b[3]);
  }
  if (gz_frame_fit(&fr, m->proj, ext, x, y, w, h) < 0) {
    return;
  }
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  set_rgba(cr, st->nodata);
  cairo_fill_preserve(cr);
  cairo_clip(cr);
  if (m->inset) {
    /* The locator layer covers its whole lon/lat box with countries, so what
     * no country covers inside that box is sea (Black Sea, Caspian): fill the
     * box, traced through the projection, with water first. */
    double ring[4 * 2 * GZ_INSET_EDGE_STEPS];
    size_t s, nr = 0;
    for (e = 0; e < 4; e++) {
      for (s = 0; s < GZ_INSET_EDGE_STEPS; s++, nr++) {
        double t = (double)s / GZ_INSET_EDGE_STEPS;
        ring[2 * nr] = e == 0   ? ext[0] + t * (ext[2] - ext[0])
                       : e == 1 ? ext[2]
                       : e == 2 ? ext[2] - t * (ext[2] - ext[0])
                                : ext[0];
        ring[2 * nr + 1] = e == 0   ? ext[1]
                           : e == 1 ? ext[1] + t * (ext[3] - ext[1])
                           : e == 2 ? ext[3]
                                    : ext[3] - t * (ext[3] - ext[1]);
      }
    }
    gz_proj_fwd(m->proj, ring, nr);
    cairo_new_path(cr);
    for (s = 0; s < nr; s++) {
      double px, py;
      if (ring[2 * s] == HUGE_VAL) {
        continue;
      }
      gz_frame_apply(&fr, ring[2 * s], ring[2 * s + 1], &px, &py);
      cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
    set_rgba(cr, st->water);
    cairo_fill(cr);
  }
  if (l) {
    base = gz_layer_xy(l, &total);
    xy = malloc(total * 2 * sizeof *xy + 1);
    if (xy) {
      memcpy(xy, base, total * 2 * sizeof *xy);
      gz_proj_fwd(m->proj, xy, total);
      for (v = 0; v < total; v++) {
        if (xy[2 * v] != HUGE_VAL) {
          gz_frame_apply(&fr, xy[2 * v], xy[2 * v + 1], &xy[2 * v], &xy[2 * v + 1]);
        }
      }
      for (i = 0, n = gazmap_layer_count(l); i < n; i++) {
        const char *iso = gazmap_layer_attr(l, i, "iso_a2");
        cairo_new_path(cr);
        for (p = 0, np = gazmap_layer_parts(l, i); p < np; p++) {
          size_t cnt;
          const double *part = gazmap_layer_part(l, i, p, &cnt), *pp = xy + (part - base);
          for (v = 0; v < cnt; v++) {
            if (pp[2 * v] == HUGE_VAL) {
              continue;
            }
            if (v == 0) {
              cairo_move_to(cr, pp[0], pp[1]);
            } else {
              cairo_line_to(cr, pp[2 * v], pp[2 * v + 1]);
            }
          }
          cairo_close_path(cr);
        }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        set_rgba(cr, (!strcmp(iso, "AZ") || !strcmp(iso, "AM")) ? st->land_focus : st->land_other);
        cairo_fill_preserve(cr);
        set_rgba(cr, st->country_border.color);
        cairo_set_line_width(cr, 0.5 * k);
        cairo_stroke(cr);
      }
      free(xy);
    }
  }
  /* The main map's frame, traced along its edges through the inverse
   * projection (the same projection, so the outline is the frame itself). */
  cairo_new_path(cr);
  for (e = 0; e < 4; e++) {
    double ax = m->frame.x0, ay = m->frame.y1;
    double W = m->lay.map[2] / m->frame.scale, H = m->lay.map[3] / m->frame.scale;
    double px = e == 1 ? ax + W : e == 2 ? ax + W : ax, py = e >= 2 ? ay - H : ay;
    if (e == 3) {
      px = ax;
    }
    gz_frame_apply(&fr, px, py, &px, &py);
    if (e == 0) {
      cairo_move_to(cr, px, py);
    } else {
      cairo_line_to(cr, px, py);
    }
  }
  cairo_close_path(cr);
  set_stroke(cr, &st->inset_extent, k);
  cairo_stroke(cr);
  cairo_restore(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  set_stroke(cr, &st->inset_frame, k);
  cairo_stroke(cr);
}

/* ---- the whole map ----------------------------------------------------------- */

static void clip_map(gz_map *m) {
  cairo_new_path(m->cr);
  cairo_rectangle(m->cr, m->lay.map[0], m->lay.map[1], m->lay.map[2], m->lay.map[3]);
  cairo_clip(m->cr);
}

/* ---- the page around the map ----------------------------------------------- */

/* The page outside the map frame is drawn as parts that each keep to a
 * rectangle of their own, disjoint from each other and from the map frame:
 * one thread may then draw them while another paints the layers inside the
 * frame, onto the same pixels, and the page comes out the same.  The frame
 * and the graticule ticks, which straddle these bounds, come after. */
typedef enum page_piece {
  PIECE_TITLES,  /* title and subtitle */
  PIECE_INSET,   /* locator inset and its caption */
  PIECE_LEGEND,  /* legend, scale bar, north arrow */
  PIECE_CREDITS, /* the sources line */
  PIECE_COUNT = GZ_PIECE_COUNT
} page_piece;

static double inset_height(const gz_map *m) {
  return fmin(m->st->inset_height * m->lay.k, m->lay.panel[2] * 0.75);
}

/* The rectangle (x, y, w, h) a piece keeps to. */
static void piece_rect(const gz_map *m, page_piece piece, double r[4]) {
  const double *map = m->lay.map, *pan = m->lay.panel;
  double k = m->lay.k, W = m->lay.W, H = m->lay.H;
  /* The title band ends a little above the map frame, so that the inset
   * frame's stroke, at the frame's height, stays whole; the panel starts
   * halfway across the gap beside the map. */
  double top = map[1] - 6 * k, px = (map[0] + map[2] + pan[0]) / 2;
  double legend_top = pan[1] + inset_height(m) + 20 * k, credits_top = m->lay.credits[1];
  switch (piece) {
  case PIECE_TITLES:
    r[0] = 0, r[1] = 0, r[2] = W, r[3] = top;
    break;
  case PIECE_INSET:
    r[0] = px, r[1] = top, r[2] = W - px, r[3] = legend_top - top;
    break;
  case PIECE_LEGEND:
    r[0] = px, r[1] = legend_top, r[2] = W - px, r[3] = credits_top - legend_top;
    break;
  default:
    r[0] = 0, r[1] = credits_top, r[2] = W, r[3] = H - credits_top;
    break;
  }
}

void gz_piece_rects(const gz_map *m, double r[GZ_PIECE_COUNT][4]) {
  int piece;
  for (piece = 0; piece < PIECE_COUNT; piece++) {
    piece_rect(m, (page_piece)piece, r[piece]);
  }
}

/* Area shared by two rectangles x, y, w, h (negative sizes: empty). */
static double overlap(const double *a, const double *b) {
  double w = fmin(a[0] + fmax(a[2], 0), b[0] + fmax(b[2], 0)) - fmax(a[0], b[0]);
  double h = fmin(a[1] + fmax(a[3], 0), b[1] + fmax(b[3], 0)) - fmax(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

int gz_pieces_disjoint(const gz_map *m) {
  double r[GZ_PIECE_COUNT + 1][4];
  int i, j;
  gz_piece_rects(m, r);
  memcpy(r[GZ_PIECE_COUNT], m->lay.map, sizeof r[GZ_PIECE_COUNT]);
  for (i = 0; i <= GZ_PIECE_COUNT; i++) {
    for (j = i + 1; j <= GZ_PIECE_COUNT; j++) {
      if (overlap(r[i], r[j]) > 0) {
        return 0;
      }
    }
  }
  return 1;
}

static void draw_titles(gz_map *m) {
  double k = m->lay.k, w, h;
  gz_typo_draw(m->typo, GZ_TEXT_TITLE, m->title, m->lay.title[2], -1, m->lay.title[0],
               m->lay.title[1]);
  gz_typo_measure(m->typo, GZ_TEXT_TITLE, m->title, m->lay.title[2], &w, &h);
  gz_typo_draw(m->typo, GZ_TEXT_SUBTITLE, m->subtitle, m->lay.title[2], -1, m->lay.title[0],
               m->lay.title[1] + h + 2 * k);
}

static void draw_legend_piece(gz_map *m) {
  cairo_t *cr = m->cr;
  const double *pan = m->lay.panel;
  double k = m->lay.k, y = pan[1] + inset_height(m) + 24 * k;
  /* The legend gets the panel down to the scale bar; a legend taller than
   * that (small pages, many layers) is drawn smaller rather than over the
   * credits.  A dry run measures it first. */
  double avail = pan[1] + pan[3] - 60 * k - y, need, s;
  m->dry = 1;
  need = draw_legend(m, 0, 0, pan[2]);
  m->dry = 0;
  s = need > avail && avail > 0 ? avail / need : 1;
  cairo_save(cr);
  cairo_translate(cr, pan[0], y);
  cairo_scale(cr, s, s);
  draw_legend(m, 0, 0, pan[2] / s);
  cairo_restore(cr);
  y += need * s + 10 * k;
  draw_scale_bar(m, pan[0] + 6 * k, fmax(y, pan[1] + pan[3] - 40 * k));
  draw_north_arrow(m, pan[0] + pan[2] - 20 * k, fmax(y, pan[1] + pan[3] - 40 * k) - 10 * k);
}

static void draw_credits(gz_map *m) {
  char credits[512];
  snprintf(credits, sizeof credits,
           "Sources: Natural Earth (public domain); GeoNames (CC BY 4.0); gazmap data and "
           "hand-set lines (CC BY 4.0). Projection: %s. Boundaries and lines are approximate "
           "and do not imply endorsement.",
           m->crs_label);
  gz_typo_draw(m->typo, GZ_TEXT_CREDITS, credits, m->lay.credits[2], -1, m->lay.credits[0],
               m->lay.credits[1] + 6 * m->lay.k);
}

static void draw_piece(gz_map *m, page_piece piece) {
  cairo_t *cr = m->cr;
  const double *pan = m->lay.panel;
  double r[4], k = m->lay.k;
  piece_rect(m, piece, r);
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, r[0], r[1], fmax(r[2], 0), fmax(r[3], 0));
  cairo_clip(cr);
  switch (piece) {
  case PIECE_TITLES:
    draw_titles(m);
    break;
  case PIECE_INSET:
    draw_inset(m, pan[0], pan[1], pan[2], inset_height(m));
    gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, "Location in the Caucasus", 0, -1, pan[0] + 4 * k,
                 pan[1] + inset_height(m) + 2 * k);
    break;
  case PIECE_LEGEND:
    draw_legend_piece(m);
    break;
  default:
    draw_credits(m);
    break;
  }
  cairo_restore(cr);
}

static void draw_pieces(gz_map *m) {
  int piece;
  for (piece = 0; piece < PIECE_COUNT; piece++) {
    draw_piece(m, (page_piece)piece);
  }
}

/* ---- passes ---------------------------------------------------------------- */

typedef int (*draw_pass)(gz_map *m, void *arg);

/* Runs one drawing pass onto `surface` through a cairo context of its own
 * and, when the pass draws `text`, a typographer of its own (Pango objects
 * belong to the thread that made them), and checks cairo's status after
 * it.  0 or a negative status. */
static int run_pass(gz_map *m, cairo_surface_t *surface, draw_pass pass, void *arg, int text) {
  cairo_t *cr;
  int rc = 0;
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo cannot create the surface: %s",
                   cairo_status_to_string(cairo_surface_status(surface)));
  }
  cr = cairo_create(surface);
  m->cr = cr;
  m->typo = NULL;
  if (!text || (rc = gz_typo_new(&m->typo, cr, m->st, m->lay.k)) == 0) {
    rc = pass(m, arg);
  }
  if (rc == 0 && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    rc = gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo: %s", cairo_status_to_string(cairo_status(cr)));
  }
  gz_typo_free(m->typo);
  m->typo = NULL;
  m->cr = NULL;
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return rc;
}

/* The layers inside the map frame, in paint order, onto m->cr (clipped to
 * the frame by the caller).  No text: the labels come separately. */
static void paint_layers(gz_map *m) {
  cairo_t *cr = m->cr;
  const gz_style *st = m->st;
  set_rgba(cr, st->nodata);
  cairo_paint(cr);
  if (m->layer[GZ_L_COUNTRIES]) {
    draw_countries(m);
  }
  if (m->layer[GZ_L_ADMIN1]) {
    stroke_all(m, GZ_L_ADMIN1, &st->admin_border, 1);
  }
  if (m->layer[GZ_L_HANDOVER]) {
    draw_handover(m);
  }
  if (m->layer[GZ_L_PEACEKEEPING]) {
    draw_peacekeeping(m);
  }
  if (m->layer[GZ_L_LAKES]) {
    draw_lakes(m);
  }
  if (m->layer[GZ_L_RIVERS]) {
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    stroke_all(m, GZ_L_RIVERS, &st->river, 0);
  }
  if (m->layer[GZ_L_COUNTRIES]) {
    stroke_all(m, GZ_L_COUNTRIES, &st->country_border, 1);
  }
  if (m->layer[GZ_L_ROUTES]) {
    draw_routes(m);
  }
  if (m->layer[GZ_L_PATROLS]) {
    draw_patrols(m);
  }
  if (m->layer[GZ_L_SITES]) {
    draw_sites(m);
  }
}

static int layers_pass(gz_map *m, void *unused) {
  (void)unused;
  clip_map(m);
  paint_layers(m);
  return 0;
}

static int labels_pass(gz_map *m, void *unused) {
  (void)unused;
  clip_map(m);
  return draw_labels(m);
}

/* ---- labels on an overlay ---------------------------------------------------- */

/* On an image the labels are drawn onto a transparent overlay of the map
 * frame, which is then composited over the layers where the labels would
 * have been drawn: placing and drawing them (Pango layout, halos) needs
 * nothing from the layers' pixels, so the layers can be painted meanwhile
 * by another thread (below).  With or without that thread the labels go
 * through the overlay, so the pixels do not depend on the threads. */
typedef struct label_overlay {
  cairo_surface_t *surface;
  unsigned char *pixels;
  size_t pixels_len;
} label_overlay;

static void overlay_free(label_overlay *o) {
  if (o->surface) {
    cairo_surface_destroy(o->surface);
  }
  gz_pages_free(o->pixels, o->pixels_len);
}

/* 0, or -1 when the page is no image or there is no memory for the
 * overlay (the caller then draws the labels straight onto the page). */
static int overlay_new(gz_map *m, label_overlay *o) {
  cairo_surface_t *target = cairo_get_target(m->cr);
  const double *map = m->lay.map;
  int x0 = (int)floor(map[0]), y0 = (int)floor(map[1]);
  int w = (int)ceil(map[0] + map[2]) - x0, h = (int)ceil(map[1] + map[3]) - y0;
  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);

  memset(o, 0, sizeof *o);
  if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE || w <= 0 || h <= 0 ||
      stride <= 0) {
    return -1;
  }
  o->pixels_len = (size_t)stride * (size_t)h;
  /* Memory mapped up front: faulting in 4 MiB page by page costs more than
   * the labels. */
  if (!(o->pixels = gz_pages_alloc(o->pixels_len))) {
    return -1;
  }
  o->surface = cairo_image_surface_create_for_data(o->pixels, CAIRO_FORMAT_ARGB32, w, h, stride);
  if (cairo_surface_status(o->surface) != CAIRO_STATUS_SUCCESS) {
    overlay_free(o);
    return -1;
  }
  /* Page coordinates stay those of the whole page. */
  cairo_surface_set_device_offset(o->surface, -x0, -y0);
  return 0;
}

/* Places and draws the labels onto the overlay, through a cairo context and
 * typographer of their own. */
static int overlay_draw(const gz_map *m, label_overlay *o) {
  gz_map lm = *m;
  return run_pass(&lm, o->surface, labels_pass, NULL, 1);
}

static void overlay_composite(gz_map *m, label_overlay *o) {
  cairo_save(m->cr);
  clip_map(m);
  cairo_set_source_surface(m->cr, o->surface, 0, 0);
  cairo_paint(m->cr);
  cairo_restore(m->cr);
}

/* ---- the layers in a second thread ------------------------------------------- */

/* On an image, with m->threads > 1, a second thread paints the layers
 * inside the map frame while this one draws the labels onto their overlay
 * and then the pieces around the map.  The work splits about evenly (by
 * callgrind on the default map: 129 M instructions for the layers, 121 M
 * for labels and pieces), and the second thread draws no text: Pango's
 * objects, font sets and caches stay in this thread alone, where a label
 * thread had to build its own (3 ms of CPU).  The thread paints through a
 * cairo context and a surface object of its own over the page's pixels
 * (cairo surfaces are not shared between threads, their pixels may be,
 * region by region): it keeps to the map frame, the pieces keep out of it
 * (gz_pieces_disjoint), and the overlay is composited after the join. */
typedef struct layers_job {
  gz_map m;
  cairo_surface_t *page;
  pthread_t thread;
  int rc;
  char message[512]; /* a failure, copied out of the thread's error state */
  char file[256];
  unsigned long line;
} layers_job;

static void *layers_run(void *arg) {
  layers_job *j = arg;
  j->rc = run_pass(&j->m, j->page, layers_pass, NULL, 0);
  if (j->rc < 0) {
    const gazmap_error *e = gazmap_error_last();
    snprintf(j->message, sizeof j->message, "%s", e->message ? e->message : "");
    snprintf(j->file, sizeof j->file, "%s", e->file ? e->file : "");
    j->line = e->line;
  }
  return NULL;
}

/* Starts the layers thread when m->threads allows one; 0, or -1 when it
 * does not start (the caller then paints the layers itself). */
static int layers_start(gz_map *m, layers_job *j) {
  cairo_surface_t *target = cairo_get_target(m->cr);
  double dx, dy;

  memset(j, 0, sizeof *j);
  j->m = *m;
  if (m->threads < 2 || cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE ||
      !gz_pieces_disjoint(m)) {
    return -1;
  }
  j->page = cairo_image_surface_create_for_data(
      cairo_image_surface_get_data(target), cairo_image_surface_get_format(target),
      cairo_image_surface_get_width(target), cairo_image_surface_get_height(target),
      cairo_image_surface_get_stride(target));
  cairo_surface_get_device_offset(target, &dx, &dy);
  cairo_surface_set_device_offset(j->page, dx, dy);
  if (cairo_surface_status(j->page) != CAIRO_STATUS_SUCCESS ||
      pthread_create(&j->thread, NULL, layers_run, j) != 0) {
    cairo_surface_destroy(j->page);
    return -1;
  }
  return 0;
}

/* Waits for the layers thread; 0 or its failure. */
static int layers_finish(gz_map *m, layers_job *j) {
  int rc;
  pthread_join(j->thread, NULL);
  cairo_surface_destroy(j->page);
  rc = j->rc;
  if (rc < 0) {
    return gz_fail(rc, j->file[0] ? j->file : NULL, j->line, "%s", j->message);
  }
  /* The thread changed the page's pixels behind this surface's back. */
  cairo_surface_mark_dirty(cairo_get_target(m->cr));
  return 0;
}

static int paint_map(gz_map *m, void *unused) {
  cairo_t *cr = m->cr;
  const gz_style *st = m->st;
  const double *map = m->lay.map;
  double k = m->lay.k;
  int rc = 0, on_overlay, threaded, lrc;
  label_overlay overlay;
  layers_job layers;

  (void)unused;
  set_rgba(cr, st->paper);
  cairo_paint(cr);
  cairo_surface_flush(cairo_get_target(cr));
  on_overlay = m->label_overlay && overlay_new(m, &overlay) == 0;
  threaded = on_overlay && layers_start(m, &layers) == 0;
  if (!threaded) {
    cairo_save(cr);
    clip_map(m);
    paint_layers(m);
    rc = on_overlay ? 0 : draw_labels(m);
    cairo_restore(cr);
  }
  if (on_overlay) {
    rc = overlay_draw(m, &overlay);
  }
  draw_pieces(m);
  if (threaded) {
    lrc = layers_finish(m, &layers); /* joined whatever happened here */
    rc = rc < 0 ? rc : lrc;
  }
  if (on_overlay) {
    if (rc == 0) {
      overlay_composite(m, &overlay);
    }
    overlay_free(&overlay);
  }
  if (rc < 0) {
    return rc;
  }
  /* The frame goes over the labels' halos. */
  cairo_new_path(cr);
  cairo_rectangle(cr, map[0], map[1], map[2], map[3]);
  set_stroke(cr, &st->frame, k);
  cairo_stroke(cr);
  draw_ticks(m);
  return 0;
}

int gz_draw_map(gz_map *m, cairo_surface_t *surface) {
  return run_pass(m, surface, paint_map, NULL, 1);
}
