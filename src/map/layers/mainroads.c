/* The main roads of Armenia, Azerbaijan and Nakhchivan (M-, E- and AH-roads
 * and the 2020 Lachin road) from TravelMapping's waypoints: thin lines
 * under the thematic layers, labelled with their designation where there is
 * room, so that a map zoomed in reads like a printed one. */
#include "map/paint.h"
#include "map/render_internal.h"

#include <stddef.h>
#include <string.h>

/* A road TravelMapping has since removed (the 2020 Lachin road) has an
 * `until` date; the rest have none. */
static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const char *until = gazmap_layer_attr(ml->data, i, "until");
  return !m->dated || !until[0] || strncmp(m->date, until, 8) <= 0;
}

static const gz_line_look look = {offsetof(gz_style, mainroad), offsetof(gz_words, mainroad)};

const gz_layer_def gz_layer_mainroads = {
    .name = "mainroads",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_LINE,
    .visible = visible,
    .paint = {{gz_paint_line_layer, 25}},
    .label = {gz_label_lines, GZ_TEXT_ROAD, 20, "highway"},
    .legend = {gz_legend_line_layer, GZ_LEGEND_BASEMAP, 5},
    .arg = &look,
};
