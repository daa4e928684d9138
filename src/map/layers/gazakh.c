/* The territories of the Gazakh (Qazax) district that article 2 of the
 * statement returns to Azerbaijan "held by the Armenian side": the Qazax
 * exclaves and border villages, the gazetteer rows tagged `gazakh`.  A
 * square each, labelled; from the statement on.  What happened to a
 * village afterwards is shown only where its row's note sources it (tag
 * `delimitation-2024`: returned in the border delimitation of 2024); the
 * others are marked as of unknown later status. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>

/* 1 when village `i` was returned by the map's date (its note sources it). */
static int returned(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const gazmap_place *p = gazmap_gazetteer_find_id(m->g, gazmap_layer_attr(ml->data, i, "id"));
  return p && gazmap_place_has_tag(p, "delimitation-2024") &&
         gz_date_reached(m, m->st->delimitation_date);
}

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  (void)ml, (void)i;
  return gz_date_reached(m, m->st->statement_date);
}

static void marker(cairo_t *cr, const gz_style *st, double k, double x, double y, int filled) {
  double r = st->gazakh_size * k / 2;
  cairo_new_path(cr);
  cairo_rectangle(cr, x - r, y - r, 2 * r, 2 * r);
  gz_set_rgba(cr, filled ? st->gazakh_outline.color : st->gazakh_fill);
  gz_fill_path_preserve(cr);
  gz_set_stroke(cr, &st->gazakh_outline, k);
  gz_stroke_path(cr);
}

static void paint_one(gz_map *m, const gz_map_layer *ml, size_t i, double x, double y) {
  marker(m->cr, m->st, m->lay.k, x, y, returned(m, ml, i));
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_paint_markers(m, ml, paint_one);
}

static int label(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  double r = m->st->gazakh_size * m->lay.k / 2;
  return gz_label_markers(m, ml, lab, spec, r, r);
}

static void swatch_held(gz_map *m, const void *arg, double x, double y, double w, double h) {
  (void)arg;
  marker(m->cr, m->st, m->lay.k, x + w / 2, y + h / 2, 0);
}

static void swatch_returned(gz_map *m, const void *arg, double x, double y, double w, double h) {
  (void)arg;
  marker(m->cr, m->st, m->lay.k, x + w / 2, y + h / 2, 1);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  const gz_words *w = &m->st->words;
  size_t i, n = gazmap_layer_count(ml->data);
  int unknown = 0, back = 0;
  for (i = 0; i < n; i++) {
    if (visible(m, ml, i)) {
      back |= returned(m, ml, i);
      unknown |= !returned(m, ml, i);
    }
  }
  if (unknown) {
    gz_legend_add(lg, swatch_held, NULL, w->gazakh.text, w->gazakh.note);
  }
  if (back) {
    gz_legend_add(lg, swatch_returned, NULL, w->gazakh_returned.text, w->gazakh_returned.note);
  }
}

const gz_layer_def gz_layer_gazakh = {
    .name = "gazakh",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_POINT,
    .source = GZ_SOURCE_GAZETTEER,
    .tag = "gazakh",
    .visible = visible,
    .paint = {{paint, 98}},
    .label = {label, GZ_TEXT_VILLAGE, 85, NULL, 0},
    .legend = {legend, GZ_LEGEND_HANDOVER, 2},
};
