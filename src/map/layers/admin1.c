/* First-level divisions (districts, provinces): thin boundaries only. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &m->st->admin_border, 1);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  (void)ml;
  gz_legend_add(lg, gz_swatch_line, &m->st->admin_border, m->st->words.admin.text,
                m->st->words.admin.note);
}

const gz_layer_def gz_layer_admin1 = {
    .name = "admin1",
    .group = GZ_GROUP_BASEMAP,
    .geom = GAZMAP_GEOM_POLYGON,
    .paint = {{paint, 20}},
    .legend = {legend, GZ_LEGEND_BASEMAP, 2},
};
