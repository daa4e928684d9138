/* The boundary of the Nagorno-Karabakh Autonomous Oblast as it stood when
 * it was abolished (26 Nov 1991): the frame every later line is read against.
 * Drawn as a dotted brown line over the areas from 1923 on, also on maps of
 * later dates: it is the reference outline every map of the conflict draws. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return gz_attr_reached(m, ml, i, "since");
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->nkao1991, 0);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &m->st->nkao1991, m->st->words.nkao1991.text,
                  m->st->words.nkao1991.note);
  }
}

const gz_layer_def gz_layer_nkao1991 = {
    .name = "nkao1991",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = visible,
    .paint = {{paint, 75}},
    .legend = {legend, GZ_LEGEND_LINES, 1},
    .outlines = "nagorno-karabakh",
};
