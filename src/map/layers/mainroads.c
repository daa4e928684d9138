/* The main roads of Armenia, Azerbaijan and Nakhchivan (M-, E- and AH-roads
 * and the 2020 Lachin road) from TravelMapping's waypoints: thin lines
 * under the thematic layers, labelled with their designation where there is
 * room, so that a map zoomed in reads like a printed one. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <string.h>

/* A road TravelMapping has since removed (the 2020 Lachin road) has an
 * `until` date; the rest have none. */
static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const char *until = gazmap_layer_attr(ml->data, i, "until");
  return !m->dated || !until[0] || strncmp(m->date, until, 8) <= 0;
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->mainroad, 0);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &m->st->mainroad, m->st->words.mainroad.text,
                  m->st->words.mainroad.note);
  }
}

const gz_layer_def gz_layer_mainroads = {
    .name = "mainroads",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_LINE,
    .visible = visible,
    .paint = {{paint, 25}},
    .label = {gz_label_lines, GZ_TEXT_ROAD, 20, "highway"},
    .legend = {legend, GZ_LEGEND_BASEMAP, 5},
};
