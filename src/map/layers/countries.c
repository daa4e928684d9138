/* Countries: the land, the focus countries lighter, and the international
 * borders painted again over the thematic layers so they stay visible. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint_land(gz_map *m, const gz_map_layer *ml) {
  cairo_t *cr = m->cr;
  size_t i, n = gazmap_layer_count(ml->data);
  for (i = 0; i < n; i++) {
    int focus = gz_style_is_focus(m->st, gazmap_layer_attr(ml->data, i, "iso_a2"));
    cairo_new_path(cr);
    gz_feature_path(cr, ml, i, 1);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    gz_set_rgba(cr, focus ? m->st->land_focus : m->st->land_other);
    gz_fill_path(cr);
  }
}

static void paint_borders(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->country_border, 1);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  (void)ml;
  gz_legend_add(lg, gz_swatch_line, &m->st->country_border, m->st->words.border.text,
                m->st->words.border.note);
}

const gz_layer_def gz_layer_countries = {
    .name = "countries",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_POLYGON,
    .paint = {{paint_land, 10}, {paint_borders, 70}},
    .label = {gz_label_areas, GZ_TEXT_COUNTRY, 150, NULL},
    .legend = {legend, GZ_LEGEND_BASEMAP, 1},
};
