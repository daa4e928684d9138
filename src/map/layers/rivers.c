/* Rivers: blue lines with round joins, labelled along their course. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  /* The round join stays set for the layers painted after (the country
   * borders): the default map has always been drawn so, and stays
   * byte-identical. */
  cairo_set_line_join(m->cr, CAIRO_LINE_JOIN_ROUND);
  gz_stroke_features(m, ml, &m->st->river, 0);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  (void)ml;
  gz_legend_add(lg, gz_swatch_line, &m->st->river, m->st->words.river.text,
                m->st->words.river.note);
}

const gz_layer_def gz_layer_rivers = {
    .name = "rivers",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_LINE,
    .paint = {{paint, 60}},
    .label = {gz_label_lines, GZ_TEXT_WATER, 40, NULL},
    .legend = {legend, GZ_LEGEND_BASEMAP, 3},
};
