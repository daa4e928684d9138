/* The page around the map: its layout, the graticule ticks on the frame,
 * the title, the locator inset, the legend's panel with the scale bar and
 * the north arrow, and the credits.  Every colour, size and word comes from
 * the style table. */
#include "map/furniture.h"
#include "map/overlay_internal.h"

#include "map/layer_internal.h"
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The layout with a credits band `band` high and a title band `extra`
 * higher than the style's. */
static void layout_rows(gz_layout *lay, const gz_style *st, double W, double H, double k,
                        double band, double extra) {
  double m = st->margin * k, panel_w = fmin(st->panel_width * k, 0.3 * W);
  double title_band = st->title_band * k + extra;
  double tick = st->tick_label_room * k;
  lay->k = k;
  lay->W = W;
  lay->H = H;
  lay->title[0] = m;
  lay->title[1] = m * 0.6;
  lay->title[2] = W - 2 * m;
  lay->title[3] = title_band - m * 0.6;
  lay->credits[0] = m;
  lay->credits[1] = H - band;
  lay->credits[2] = W - 2 * m;
  lay->credits[3] = band;
  /* Room on the left and below the frame for the graticule labels. */
  lay->map[0] = m + tick * 1.6;
  lay->map[1] = title_band;
  lay->map[2] = W - panel_w - st->panel_gap * k - lay->map[0];
  lay->map[3] = lay->credits[1] - tick * 1.3 - lay->map[1];
  lay->panel[0] = W - m - panel_w + m * 0.5;
  lay->panel[1] = lay->map[1];
  lay->panel[2] = panel_w - m * 0.5;
  lay->panel[3] = lay->map[3];
  lay->cols = 1;
  lay->col_w = lay->panel[2];
  lay->col_gap = 0;
  if (lay->below) {
    /* The frame takes the page's width and a 4:3 share of its height; the
     * band under it, past the room for the tick labels, holds the inset and
     * the legend in columns. */
    double top = lay->map[1], bottom = lay->credits[1] - tick * 1.3;
    lay->map[2] = W - m - lay->map[0];
    lay->map[3] = fmin(lay->map[2] * 0.75, bottom - top);
    lay->panel[0] = m;
    lay->panel[1] = top + lay->map[3] + tick * 1.3 + st->panel_gap * k * 0.5;
    lay->panel[2] = W - 2 * m;
    lay->panel[3] = lay->credits[1] - lay->panel[1];
    lay->cols = lay->panel[2] >= 2 * panel_w ? 2 : 1;
    lay->col_gap = st->panel_gap * k;
    lay->col_w = (lay->panel[2] - (lay->cols - 1) * lay->col_gap) / lay->cols;
  }
  if (lay->map[2] < 1) {
    lay->map[2] = 1;
  }
  if (lay->map[3] < 1) {
    lay->map[3] = 1;
  }
}

double gz_layout_scale(double W, double H, double dpi) {
  /* Pages smaller than the 1600 x 1200 the style is drawn for shrink text
   * and furniture too, gently (square root) and not below legibility. */
  double fit = sqrt(fmin(W / 1600.0, H / 1200.0));
  return dpi / 96.0 * fmax(0.7, fmin(1.0, fit));
}

void gz_layout_compute(gz_layout *lay, const gz_style *st, double W, double H, double k,
                       int below) {
  lay->below = below;
  layout_rows(lay, st, W, H, k, st->credits_band * k, 0);
}

/* The credits as gz_furniture_credits lays them out, with `t`. */
static void credits_box(gz_typo *t, const gz_map *m, gz_text_box *b) {
  char credits[2048];
  gz_map_credits(m, credits, sizeof credits);
  gz_typo_measure_box(t, GZ_TEXT_CREDITS, credits, m->lay.credits[2], b);
}

/* The height of the lines past the first of a text measured in `b`. */
static double extra_lines(const gz_text_box *b) {
  return b->lines > 1 ? b->h - b->h / b->lines : 0;
}

int gz_layout_fit_text(gz_map *m) {
  /* Text measures the same on any surface (unhinted metrics, label.c), so
   * a scratch image measures it as the page's surface will draw it. */
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create(s);
  gz_typo *t = NULL;
  gz_text_box b, title, subtitle;
  int rc = gz_typo_new(&t, cr, m->st, m->lay.k);
  if (rc == 0) {
    credits_box(t, m, &b);
    gz_typo_measure_box(t, GZ_TEXT_TITLE, m->title ? m->title : "", m->lay.title[2], &title);
    gz_typo_measure_box(t, GZ_TEXT_SUBTITLE, m->subtitle ? m->subtitle : "", m->lay.title[2],
                        &subtitle);
    /* Each band has room for one line of each text: each further line of
     * the credits moves their top, and the map frame's bottom, up by a
     * line; each further line of the titles moves the frame's top down. */
    if (b.lines > 1 || title.lines > 1 || subtitle.lines > 1) {
      layout_rows(&m->lay, m->st, m->lay.W, m->lay.H, m->lay.k,
                  m->st->credits_band * m->lay.k + extra_lines(&b),
                  extra_lines(&title) + extra_lines(&subtitle));
    }
  }
  gz_typo_free(t);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  return rc;
}

/* ---- graticule ticks ---------------------------------------------------------- */

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
void gz_furniture_ticks(gz_map *m) {
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
  gz_set_stroke(m->cr, &m->st->graticule_tick, k);
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
        gz_set_stroke(m->cr, &m->st->graticule_tick, k);
        gz_stroke_path(m->cr);
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

/* ---- scale bar, north arrow, inset ----------------------------------------- */

/* Scale true at the map centre.  For the default projection, its own point
 * scale factor there (Snyder's k, project.c): exact, and no PROJ, which a
 * geodesic distance would load for about 10 ms of CPU, a tenth of the
 * default render (doc/render.md).  For any other CRS, the geodesic length
 * of a 100-unit segment across the centre. */
double gz_km_per_unit(const gz_map *m) {
  double k = m->lay.k, cx = m->lay.map[0] + m->lay.map[2] / 2,
         cy = m->lay.map[1] + m->lay.map[3] / 2;
  double d = 50 * k, lon1, lat1, lon2, lat2;
  double X1 = m->frame.x0 + (cx - d - m->lay.map[0]) / m->frame.scale;
  double X2 = m->frame.x0 + (cx + d - m->lay.map[0]) / m->frame.scale;
  double Y = m->frame.y1 - (cy - m->lay.map[1]) / m->frame.scale;
  double scale = gz_proj_scale(m->proj, (X1 + X2) / 2, Y);
  if (scale > 0) {
    return 1 / (m->frame.scale * scale * 1000);
  }
  if (gz_proj_inv(m->proj, X1, Y, &lon1, &lat1) < 0 ||
      gz_proj_inv(m->proj, X2, Y, &lon2, &lat2) < 0) {
    return 0;
  }
  /* True distance at the centre of the map, on the ellipsoid. */
  return gazmap_distance_km(lat1, lon1, lat2, lon2) / (2 * d);
}

static void draw_scale_bar(gz_map *m, double x, double y) {
  const gz_style *st = m->st;
  double k = m->lay.k, km_per_unit = gz_km_per_unit(m), target_km, mag, nice, len, w, h;
  char txt[32];
  int i, segs = 4;

  if (!(km_per_unit > 0)) {
    return;
  }
  target_km = st->scale_bar_target * k * km_per_unit;
  mag = pow(10, floor(log10(target_km)));
  nice = target_km / mag >= 5 ? 5 * mag : target_km / mag >= 2 ? 2 * mag : mag;
  len = nice / km_per_unit;
  for (i = 0; i < segs; i++) {
    cairo_new_path(m->cr);
    cairo_rectangle(m->cr, x + len * i / segs, y, len / segs, st->scale_bar_height * k);
    gz_set_rgba(m->cr, i % 2 == 0 ? st->scale_dark : st->scale_light);
    gz_fill_path_preserve(m->cr);
    gz_set_stroke(m->cr, &st->scale_outline, k);
    gz_stroke_path(m->cr);
  }
  gz_typo_draw(m->typo, GZ_TEXT_SCALE, "0", 0, -1, x - 3 * k, y + 7 * k);
  snprintf(txt, sizeof txt, st->words.scale_unit, nice);
  gz_typo_measure(m->typo, GZ_TEXT_SCALE, txt, 0, &w, &h);
  gz_typo_draw(m->typo, GZ_TEXT_SCALE, txt, 0, -1, x + len - w / 2, y + 7 * k);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, st->words.scale_note, 0, -1, x, y + 9 * k + h);
}

static void draw_north_arrow(gz_map *m, double x, double y) {
  const gz_style *st = m->st;
  double k = m->lay.k, size = st->north_size * k, a, w, h;
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
  gz_set_rgba(m->cr, st->north_fill);
  gz_fill_path(m->cr);
  cairo_move_to(m->cr, 0, -size / 2);
  cairo_line_to(m->cr, -size * 0.28, size / 2);
  cairo_line_to(m->cr, 0, size * 0.3);
  cairo_close_path(m->cr);
  gz_set_stroke(m->cr, &st->north_outline, k);
  gz_stroke_path(m->cr);
  cairo_restore(m->cr);
  gz_typo_measure(m->typo, GZ_TEXT_LEGEND_HEAD, st->words.north, 0, &w, &h);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND_HEAD, st->words.north, 0, -1, x - w / 2, y + size + 2 * k);
}

/* Points per edge when tracing the locator's lon/lat box: enough for the
 * curvature of the conic projection at inset size. */
#define GZ_INSET_EDGE_STEPS 32

static void draw_inset(gz_map *m, double x, double y, double w, double h) {
  const gz_style *st = m->st;
  /* A wider country layer for the locator when the data has one; the main
   * map's countries (clipped close to the frame) otherwise. */
  const gz_map_layer *countries = gz_map_find(m, &gz_layer_countries);
  const gazmap_layer *l = m->inset ? m->inset : countries ? countries->data : NULL;
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
  gz_set_rgba(cr, st->nodata);
  gz_fill_path_preserve(cr);
  gz_clip(cr);
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
    gz_set_rgba(cr, st->water);
    gz_fill_path(cr);
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
        gz_set_rgba(cr, gz_style_is_focus(st, iso) ? st->land_focus : st->land_other);
        gz_fill_path_preserve(cr);
        gz_set_rgba(cr, st->country_border.color);
        cairo_set_line_width(cr, st->inset_border_width * k);
        gz_stroke_path(cr);
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
  gz_set_stroke(cr, &st->inset_extent, k);
  gz_stroke_path(cr);
  gz_clip_end(cr);
  cairo_restore(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  gz_set_stroke(cr, &st->inset_frame, k);
  gz_stroke_path(cr);
}

/* ---- the pieces around the map ------------------------------------------------ */

/* The subtitle's top: under the title's lines. */
static double subtitle_top(gz_map *m) {
  double w, h;
  gz_typo_measure(m->typo, GZ_TEXT_TITLE, m->title, m->lay.title[2], &w, &h);
  return m->lay.title[1] + h + 2 * m->lay.k;
}

void gz_furniture_titles(gz_map *m) {
  gz_typo_draw(m->typo, GZ_TEXT_TITLE, m->title, m->lay.title[2], -1, m->lay.title[0],
               m->lay.title[1]);
  gz_typo_draw(m->typo, GZ_TEXT_SUBTITLE, m->subtitle, m->lay.title[2], -1, m->lay.title[0],
               subtitle_top(m));
}

void gz_furniture_titles_box(gz_map *m, double *bottom, int lines[2], int *ellipsized) {
  gz_text_box t, s;
  double top = subtitle_top(m);
  gz_typo_measure_box(m->typo, GZ_TEXT_TITLE, m->title, m->lay.title[2], &t);
  gz_typo_measure_box(m->typo, GZ_TEXT_SUBTITLE, m->subtitle, m->lay.title[2], &s);
  *bottom = top + s.ink[1] + s.ink[3];
  lines[0] = t.lines, lines[1] = s.lines;
  *ellipsized = t.ellipsized || s.ellipsized;
}

/* The legend in columns across the band below the map frame, the first
 * under the inset, then the scale bar and the north arrow after its last
 * column; shrunk, like the panel's, only when the band is too low. */
static void legend_below(gz_map *m, double inset_h) {
  cairo_t *cr = m->cr;
  const double *pan = m->lay.panel;
  double k = m->lay.k, y = pan[1] + inset_h + 24 * k, step = m->lay.col_w + m->lay.col_gap;
  double avail = pan[3] - 60 * k, need, s, lx, ly;
  need = gz_legend_draw_cols(m, 0, y - pan[1], m->lay.col_w, m->lay.cols, step, 0, 1, NULL, NULL);
  s = need > avail && avail > 0 ? avail / need : 1;
  cairo_save(cr);
  cairo_translate(cr, pan[0], pan[1]);
  cairo_scale(cr, s, s);
  gz_legend_draw_cols(m, 0, (y - pan[1]) / s, m->lay.col_w, m->lay.cols, step / s, 0, 0, &lx, &ly);
  cairo_restore(cr);
  lx = pan[0] + lx * s, ly = pan[1] + ly * s + 10 * k;
  draw_scale_bar(m, lx + 6 * k, ly);
  draw_north_arrow(m, lx + m->lay.col_w - 20 * k, ly - 10 * k);
}

void gz_furniture_legend(gz_map *m, double inset_h) {
  cairo_t *cr = m->cr;
  const double *pan = m->lay.panel;
  double k = m->lay.k, y = pan[1] + inset_h + 24 * k;
  /* The legend gets the panel down to the scale bar; a legend taller than
   * that (small pages, many layers) is drawn smaller rather than over the
   * credits.  A dry run measures it first. */
  double avail = pan[1] + pan[3] - 60 * k - y, need, s;
  if (m->lay.below) {
    legend_below(m, inset_h);
    return;
  }
  need = gz_legend_draw(m, 0, 0, pan[2], 1);
  s = need > avail && avail > 0 ? avail / need : 1;
  cairo_save(cr);
  cairo_translate(cr, pan[0], y);
  cairo_scale(cr, s, s);
  gz_legend_draw(m, 0, 0, pan[2] / s, 0);
  cairo_restore(cr);
  y += need * s + 10 * k;
  draw_scale_bar(m, pan[0] + 6 * k, fmax(y, pan[1] + pan[3] - 40 * k));
  draw_north_arrow(m, pan[0] + pan[2] - 20 * k, fmax(y, pan[1] + pan[3] - 40 * k) - 10 * k);
}

/* The credits' top-left corner. */
static void credits_origin(const gz_map *m, double *x, double *y) {
  *x = m->lay.credits[0];
  *y = m->lay.credits[1] + 6 * m->lay.k;
}

void gz_furniture_credits(gz_map *m) {
  char credits[2048];
  double x, y;
  gz_map_credits(m, credits, sizeof credits);
  credits_origin(m, &x, &y);
  gz_typo_draw(m->typo, GZ_TEXT_CREDITS, credits, m->lay.credits[2], -1, x, y);
}

void gz_furniture_credits_box(gz_map *m, double ink[4], int *lines, int *ellipsized) {
  gz_text_box b;
  double x, y;
  credits_box(m->typo, m, &b);
  credits_origin(m, &x, &y);
  ink[0] = x + b.ink[0], ink[1] = y + b.ink[1], ink[2] = b.ink[2], ink[3] = b.ink[3];
  *lines = b.lines;
  *ellipsized = b.ellipsized;
}

void gz_furniture_inset(gz_map *m, double inset_h) {
  const double *pan = m->lay.panel;
  double k = m->lay.k;
  draw_inset(m, pan[0], pan[1], m->lay.col_w, inset_h);
  gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, m->st->words.inset_caption, 0, -1, pan[0] + 4 * k,
               pan[1] + inset_h + 2 * k);
}
