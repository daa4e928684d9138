/* Lakes and reservoirs: water with a thin outline, labelled as areas. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  size_t i, n = gazmap_layer_count(ml->data);
  cairo_new_path(m->cr);
  for (i = 0; i < n; i++) {
    gz_feature_path(m->cr, ml, i, 1);
  }
  cairo_set_fill_rule(m->cr, CAIRO_FILL_RULE_EVEN_ODD);
  gz_set_rgba(m->cr, m->st->water);
  gz_fill_path_preserve(m->cr);
  gz_set_stroke(m->cr, &m->st->lake_outline, m->lay.k);
  gz_stroke_path(m->cr);
}

static void swatch(gz_map *m, const void *arg, double x, double y, double w, double h) {
  (void)arg;
  cairo_rectangle(m->cr, x + 1, y, w - 2, h);
  gz_set_rgba(m->cr, m->st->water);
  gz_fill_path_preserve(m->cr);
  gz_set_stroke(m->cr, &m->st->lake_outline, m->lay.k);
  gz_stroke_path(m->cr);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  (void)ml;
  gz_legend_add(lg, swatch, NULL, m->st->words.lake.text, m->st->words.lake.note);
}

const gz_layer_def gz_layer_lakes = {
    .name = "lakes",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_POLYGON,
    .paint = {{paint, 50}},
    .label = {gz_label_areas, GZ_TEXT_WATER, 45, NULL, 1},
    .legend = {legend, GZ_LEGEND_BASEMAP, 4},
};
