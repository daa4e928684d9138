/* The line of contact of the 1994 ceasefire, as it stood until the war of
 * 27 Sep 2020 (shapes/SOURCES.md says how it is derived; schematic). */
#include "map/render_internal.h"

#include <stddef.h>

static const gz_line_look look = {offsetof(gz_style, loc1994), offsetof(gz_words, loc1994)};

const gz_layer_def gz_layer_loc1994 = {
    .name = "loc1994",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = gz_visible_period,
    .paint = {{gz_paint_line_layer, 76}},
    .legend = {gz_legend_line_layer, GZ_LEGEND_LINES, 2},
    .arg = &look,
};
