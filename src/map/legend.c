/* The legend, filled from the registry: sections in the style table's
 * order, each with its heading when any layer of it has a row, then the
 * rows the layers' legend functions add (layers listed by rank). */
#include "map/legend.h"

#include "map/overlay_internal.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef enum legend_mode {
  LG_COUNT,   /* only count the rows (does the section show?) */
  LG_MEASURE, /* advance y as drawing would, draw nothing */
  LG_DRAW
} legend_mode;

struct gz_legend {
  gz_map *m;
  legend_mode mode;
  double x, y, w;
  size_t rows;
  gz_legend_section section;
  char *words; /* LG_COUNT: the rows' words are appended here (gz_legend_words) */
  size_t words_cap, words_len;
  /* Columns (gz_legend_draw_cols): a section whose middle would fall below
   * `target` starts the next of `cols` columns, `step` to the right, at
   * `top`; `low` is the lowest y any column reached. */
  int cols, col;
  double step, top, target, low;
};

gz_legend_section gz_legend_at(const gz_legend *lg) {
  return lg->section;
}

void gz_human_date(char *buf, size_t cap, const gz_style *st, const char *ymd) {
  const char *const *months = st->words.months;
  int y, mo, d;
  if (strlen(ymd) != 8 || sscanf(ymd, "%4d%2d%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12) {
    snprintf(buf, cap, "%s", ymd);
    return;
  }
  snprintf(buf, cap, st->words.date, d, months[mo - 1], y);
}

void gz_dated_subtitle(char *buf, size_t cap, const gz_style *st, const char *ymd) {
  char date[96];
  gz_human_date(date, sizeof date, st, ymd);
  snprintf(buf, cap, st->words.subtitle_dated, date);
}

void gz_swatch_fill(gz_map *m, const void *arg, double x, double y, double w, double h) {
  const gz_fill *f = arg;
  cairo_t *cr = m->cr;
  double k = m->lay.k, box[4] = {x, y, x + w, y + h};
  cairo_rectangle(cr, x + 1, y, w - 2, h);
  if (gz_fill_in_doc(cr, f, k)) {
    return;
  }
  if (gz_tint_and_hatch(cr, f, k, box)) {
    cairo_rectangle(cr, x + 1, y, w - 2, h);
  }
  gz_set_stroke(cr, &f->outline, k);
  gz_stroke_path(cr);
}

void gz_swatch_line(gz_map *m, const void *arg, double x, double y, double w, double h) {
  cairo_move_to(m->cr, x + 1, y + h / 2);
  cairo_line_to(m->cr, x + w - 1, y + h / 2);
  gz_set_stroke(m->cr, arg, m->lay.k);
  gz_stroke_path(m->cr);
}

void gz_legend_add(gz_legend *lg, gz_swatch_fn swatch, const void *arg, const char *text,
                   const char *note) {
  gz_map *m = lg->m;
  const gz_style *st = m->st;
  double k = m->lay.k, sww = st->legend_swatch_w * k, swh = st->legend_swatch_h * k;
  double tx = lg->x + st->legend_indent * k, tw = lg->w - st->legend_indent * k, th, nh = 0, dummy;
  double cy;

  lg->rows++;
  if (lg->mode == LG_COUNT) {
    if (lg->words && lg->words_len < lg->words_cap) {
      lg->words_len += (size_t)snprintf(lg->words + lg->words_len, lg->words_cap - lg->words_len,
                                        "%s%s%s\n", text, note ? " | " : "", note ? note : "");
    }
    return;
  }
  gz_typo_measure(m->typo, GZ_TEXT_LEGEND, text, tw, &dummy, &th);
  if (note) {
    gz_typo_measure(m->typo, GZ_TEXT_LEGEND_NOTE, note, tw, &dummy, &nh);
  }
  if (lg->mode == LG_DRAW) {
    /* The swatch is centred on the text's first lines. */
    cy = lg->y + fmax(swh, th) / 2 - swh / 2;
    cairo_save(m->cr);
    cairo_new_path(m->cr);
    swatch(m, arg, lg->x, cy, sww, swh);
    cairo_restore(m->cr);
    gz_typo_draw(m->typo, GZ_TEXT_LEGEND, text, tw, -1, tx, lg->y);
    if (note) {
      gz_typo_draw(m->typo, GZ_TEXT_LEGEND_NOTE, note, tw, -1, tx, lg->y + th);
    }
  }
  lg->y += fmax(swh, th + nh) + st->legend_row_gap * k;
}

static void heading(gz_legend *lg, const char *text) {
  gz_map *m = lg->m;
  double th, dummy;
  gz_typo_measure(m->typo, GZ_TEXT_LEGEND_HEAD, text, lg->w, &dummy, &th);
  if (lg->mode == LG_DRAW) {
    gz_typo_draw(m->typo, GZ_TEXT_LEGEND_HEAD, text, lg->w, -1, lg->x, lg->y);
  }
  lg->y += th + m->st->legend_row_gap * m->lay.k * 0.5;
}

/* The shown layers of `section` with a legend, by rank (ties: registry
 * order); returns their number. */
static size_t section_layers(const gz_map *m, gz_legend_section section,
                             const gz_map_layer *out[GZ_LAYERS_MAX]) {
  size_t i, j, n = 0;
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_layer_def *def = m->layer[i].def;
    if (!m->layer[i].data || !def->legend.fn ||
        (def->legend.section != section && !(def->legend.also & (1u << section)))) {
      continue;
    }
    /* Insertion sort, stable: a handful of layers. */
    for (j = n; j > 0 && out[j - 1]->def->legend.rank > def->legend.rank; j--) {
      out[j] = out[j - 1];
    }
    out[j] = &m->layer[i];
    n++;
  }
  return n;
}

void gz_legend_words_of(gz_map *m, gz_legend_section section, char *buf, size_t cap) {
  gz_legend lg = {m, LG_COUNT, 0, 0, 0, 0, section, buf, cap, 0, 1, 0, 0, 0, 0, 0};
  const gz_map_layer *ls[GZ_LAYERS_MAX];
  size_t n = section_layers(m, section, ls), i;
  buf[0] = '\0';
  for (i = 0; i < n; i++) {
    ls[i]->def->legend.fn(m, ls[i], &lg);
  }
}

/* Draws (or with LG_MEASURE measures) section `s` at lg->y when it has
 * rows, first moving to the next column when its middle would pass the
 * target. */
static void legend_section(gz_legend *lg, int s, legend_mode mode) {
  gz_map *m = lg->m;
  const gz_style *st = m->st;
  const gz_map_layer *ls[GZ_LAYERS_MAX];
  int added = s == GZ_LEGEND_COUNT_;
  size_t n = added ? 0 : section_layers(m, (gz_legend_section)s, ls), i;
  if (added && m->n_overlays == 0) {
    return;
  }
  if (!added) {
    lg->section = (gz_legend_section)s;
    lg->mode = LG_COUNT;
    lg->rows = 0;
    for (i = 0; i < n; i++) {
      ls[i]->def->legend.fn(m, ls[i], lg);
    }
    if (lg->rows == 0) {
      return;
    }
  }
  if (lg->col + 1 < lg->cols) {
    gz_legend probe = *lg;
    probe.y = 0;
    probe.cols = 1;
    legend_section(&probe, s, LG_MEASURE);
    if (lg->y + probe.y / 2 > lg->target && lg->y > lg->top) {
      lg->col++;
      lg->x += lg->step;
      lg->y = lg->top;
    }
  }
  lg->mode = mode;
  if (added || st->legend_section_gap[s]) {
    lg->y += st->legend_row_gap * m->lay.k;
  }
  if (added) { /* the user's data last, under a heading of its own */
    heading(lg, st->words.legend_added);
    gz_overlays_legend(m, lg);
  } else {
    heading(lg, st->words.legend_head[s]);
    for (i = 0; i < n; i++) {
      ls[i]->def->legend.fn(m, ls[i], lg);
    }
  }
  lg->low = fmax(lg->low, lg->y);
}

double gz_legend_draw_cols(gz_map *m, double x, double y, double w, int cols, double step,
                           double top, int dry, double *last_x, double *last_y) {
  gz_legend lg = {m, LG_COUNT, x, y, w, 0, GZ_LEGEND_HANDOVER, NULL, 0, 0, 1, 0, 0, 0, 0, y};
  int s;
  if (cols > 1) {
    /* Balanced: the columns end about as low as each other. */
    double total = gz_legend_draw(m, 0, 0, w, 1);
    lg.cols = cols;
    lg.step = step;
    lg.top = top;
    lg.target = top + (y - top + total) / cols;
  }
  for (s = 0; s <= GZ_LEGEND_COUNT_; s++) {
    legend_section(&lg, s, dry ? LG_MEASURE : LG_DRAW);
  }
  if (last_x) {
    *last_x = lg.x;
    *last_y = lg.y;
  }
  return lg.low - (cols > 1 ? fmin(y, top) : y);
}

double gz_legend_draw(gz_map *m, double x, double y, double w, int dry) {
  return gz_legend_draw_cols(m, x, y, w, 1, 0, y, dry, NULL, NULL);
}
