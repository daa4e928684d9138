/* The route options to Nakhchivan discussed since 11 January 2021: one
 * colour per route, dashed and lighter where the line is schematic,
 * railways with white dashes inside, routes sharing a corridor side by
 * side. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int is_schematic(const gazmap_layer *l, size_t i) {
  const char *s = gazmap_layer_attr(l, i, "schematic");
  return s[0] && strcmp(s, "0") && strcmp(s, "F") && strcmp(s, "f");
}

static int is_rail(const gazmap_layer *l, size_t i) {
  return !strcmp(gazmap_layer_attr(l, i, "mode"), "rail");
}

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  (void)ml, (void)i;
  return gz_date_reached(m, m->st->routes_since);
}

/* One route line: its colour, dashed and lighter when schematic; railways
 * get the classic white dashes inside a dark line. */
static void stroke_route(cairo_t *cr, const gz_style *st, double k, gz_rgba c, int rail,
                         int schematic) {
  double dash[2] = {st->route_schematic_dash[0] * k, st->route_schematic_dash[1] * k};
  if (schematic) {
    c.a *= st->route_schematic_alpha;
  }
  gz_set_rgba(cr, c);
  cairo_set_line_width(cr, st->route_width * k);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash(cr, schematic && !rail ? dash : NULL, schematic && !rail ? 2 : 0, 0);
  if (rail) {
    double rd[2] = {st->rail_tick_every * k * 0.5, st->rail_tick_every * k * 0.5};
    gz_stroke_path_preserve(cr);
    gz_set_rgba(cr, st->rail_dash);
    cairo_set_line_width(cr, st->route_width * k * st->rail_dash_width);
    cairo_set_dash(cr, rd, 2, 0);
  }
  gz_stroke_path(cr);
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

static void paint(gz_map *m, const gz_map_layer *ml) {
  const gazmap_layer *l = ml->data;
  size_t i, n = gazmap_layer_count(l), p, np, cnt;
  for (i = 0; i < n; i++) {
    const char *id = gazmap_layer_attr(l, i, "id");
    double off = gz_style_route_offset(m->st, id) * m->lay.k;
    if (!visible(m, ml, i)) {
      continue;
    }
    cairo_new_path(m->cr);
    for (p = 0, np = gazmap_layer_parts(l, i); p < np; p++) {
      const double *xy = gz_page_part(ml, i, p, &cnt);
      offset_path(m->cr, xy, cnt, off);
    }
    stroke_route(m->cr, m->st, m->lay.k, gz_style_route_color(m->st, id), is_rail(l, i),
                 is_schematic(l, i));
  }
}

typedef struct route_swatch {
  gz_rgba color;
  int rail, schematic;
} route_swatch;

static void swatch(gz_map *m, const void *arg, double x, double y, double w, double h) {
  const route_swatch *r = arg;
  cairo_move_to(m->cr, x + 1, y + h / 2);
  cairo_line_to(m->cr, x + w - 1, y + h / 2);
  stroke_route(m->cr, m->st, m->lay.k, r->color, r->rail, r->schematic);
}

/* One row per route: its name, its highway number, "railway" when the name
 * does not say so. */
static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  const gz_words *w = &m->st->words;
  const gazmap_layer *l = ml->data;
  size_t i, n = gazmap_layer_count(l);
  char text[256];
  for (i = 0; i < n; i++) {
    const char *name = gazmap_layer_attr(l, i, "name"), *hw = gazmap_layer_attr(l, i, "highway");
    route_swatch r = {gz_style_route_color(m->st, gazmap_layer_attr(l, i, "id")), is_rail(l, i),
                      is_schematic(l, i)};
    if (!visible(m, ml, i)) {
      continue;
    }
    snprintf(text, sizeof text, "%s%s%s%s%s", name, hw[0] ? " (" : "", hw, hw[0] ? ")" : "",
             r.rail && !strstr(name, w->route_rail_word) ? w->route_rail : "");
    gz_legend_add(lg, swatch, &r, text, r.schematic ? w->route_schematic : NULL);
  }
}

const gz_layer_def gz_layer_routes = {
    .name = "routes",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = visible,
    .paint = {{paint, 80}},
    .legend = {legend, GZ_LEGEND_ROUTES, 1},
};
