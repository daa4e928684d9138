/* The boundary of the Nagorno-Karabakh Autonomous Oblast as it stood when
 * it was abolished (26 Nov 1991): the frame every later line is read against.
 * Drawn as a dotted brown line over the areas from 1923 on, also on maps of
 * later dates: it is the reference outline every map of the conflict draws. */
#include "map/render_internal.h"

#include <stddef.h>

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return gz_attr_reached(m, ml, i, "since");
}

static const gz_line_look look = {offsetof(gz_style, nkao1991), offsetof(gz_words, nkao1991)};

const gz_layer_def gz_layer_nkao1991 = {
    .name = "nkao1991",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = visible,
    .paint = {{gz_paint_line_layer, 75}},
    .legend = {gz_legend_line_layer, GZ_LEGEND_LINES, 1},
    .arg = &look,
    .outlines = "nagorno-karabakh",
};
