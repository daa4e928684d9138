/* The peacekeepers' patrol lines: dashed green, round caps, labelled along
 * the line; on the map from their `since` date and the statement on. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  size_t i, n = gazmap_layer_count(ml->data);
  cairo_new_path(m->cr);
  for (i = 0; i < n; i++) {
    if (gz_visible_since(m, ml, i)) {
      gz_feature_path(m->cr, ml, i, 0);
    }
  }
  gz_set_stroke(m->cr, &m->st->patrol, m->lay.k);
  cairo_set_line_cap(m->cr, CAIRO_LINE_CAP_ROUND);
  gz_stroke_path(m->cr);
  cairo_set_line_cap(m->cr, CAIRO_LINE_CAP_BUTT);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &m->st->patrol, m->st->words.patrol.text,
                  m->st->words.patrol.note);
  }
}

const gz_layer_def gz_layer_patrols = {
    .name = "patrols",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = gz_visible_since,
    .paint = {{paint, 90}},
    .label = {gz_label_lines, GZ_TEXT_PATROL, 35, NULL},
    .legend = {legend, GZ_LEGEND_PEACEKEEPING, 2},
};
