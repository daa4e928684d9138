/* The line of contact of the statement of 10 Nov 2020 (schematic), along
 * which the peacekeepers deployed; on the map until 20 Sep 2023 when a date
 * is asked for. */
#include "map/render_internal.h"

#include <stddef.h>

static const gz_line_look look = {offsetof(gz_style, loc2020), offsetof(gz_words, loc2020)};

const gz_layer_def gz_layer_loc2020 = {
    .name = "loc2020",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = gz_visible_period,
    .paint = {{gz_paint_line_layer, 77}},
    .legend = {gz_legend_line_layer, GZ_LEGEND_LINES, 3},
    .arg = &look,
};
