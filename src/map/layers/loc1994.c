/* The line of contact of the 1994 ceasefire, as it stood until the war of
 * 27 Sep 2020 (shapes/SOURCES.md says how it is derived; schematic).  On a
 * map of a later date it is the former line. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->loc1994, 0);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &m->st->loc1994, m->st->words.loc1994.text,
                  m->st->words.loc1994.note);
  }
}

const gz_layer_def gz_layer_loc1994 = {
    .name = "loc1994",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = gz_visible_period,
    .paint = {{paint, 76}},
    .legend = {legend, GZ_LEGEND_LINES, 2},
};
