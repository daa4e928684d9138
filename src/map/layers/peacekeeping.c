/* The Russian peacekeepers' deployment area and the Lachin corridor
 * (articles 3, 4 and 6 of the statement), from the statement on. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <string.h>

static int is_corridor(const gz_map_layer *ml, size_t i) {
  return !strcmp(gazmap_layer_attr(ml->data, i, "kind"), "corridor");
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  size_t i, n = gazmap_layer_count(ml->data);
  int pass;
  /* Zones under corridors, so the narrow corridor stays visible. */
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < n; i++) {
      int corridor = is_corridor(ml, i);
      if (corridor == pass && gz_visible_since(m, ml, i)) {
        gz_fill_feature(m, ml, i, corridor ? &m->st->pk_corridor : &m->st->pk_zone);
      }
    }
  }
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  const gz_style *st = m->st;
  size_t i, n = gazmap_layer_count(ml->data);
  int zone = 0, corridor = 0;
  for (i = 0; i < n; i++) {
    if (gz_visible_since(m, ml, i)) {
      corridor |= is_corridor(ml, i);
      zone |= !is_corridor(ml, i);
    }
  }
  if (zone) {
    gz_legend_add(lg, gz_swatch_fill, &st->pk_zone, st->words.pk_zone.text, st->words.pk_zone.note);
  }
  if (corridor) {
    gz_legend_add(lg, gz_swatch_fill, &st->pk_corridor, st->words.pk_corridor.text,
                  st->words.pk_corridor.note);
  }
}

const gz_layer_def gz_layer_peacekeeping = {
    .name = "peacekeeping",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_POLYGON,
    .visible = gz_visible_since,
    .paint = {{paint, 40}},
    .legend = {legend, GZ_LEGEND_PEACEKEEPING, 1},
};
