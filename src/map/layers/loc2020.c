/* The line of contact of the statement of 10 Nov 2020 (schematic), along
 * which the peacekeepers deployed; on the map until 20 Sep 2023 when a date
 * is asked for. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->loc2020, 0);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &m->st->loc2020, m->st->words.loc2020.text,
                  m->st->words.loc2020.note);
  }
}

const gz_layer_def gz_layer_loc2020 = {
    .name = "loc2020",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = gz_visible_period,
    .paint = {{paint, 77}},
    .legend = {legend, GZ_LEGEND_LINES, 3},
};
