/* The Turkish-Russian joint monitoring centre and other sites: a diamond
 * marker with its label beside it, from the day the site opened. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return gz_attr_reached(m, ml, i, "opened");
}

static void marker(cairo_t *cr, const gz_style *st, double k, double x, double y) {
  double r = st->site_size * k / 2;
  cairo_new_path(cr);
  cairo_move_to(cr, x, y - r * 1.3);
  cairo_line_to(cr, x + r, y);
  cairo_line_to(cr, x, y + r * 1.3);
  cairo_line_to(cr, x - r, y);
  cairo_close_path(cr);
  gz_set_rgba(cr, st->site_fill);
  gz_fill_path_preserve(cr);
  gz_set_stroke(cr, &st->site_outline, k);
  gz_stroke_path(cr);
}

static void paint_one(gz_map *m, const gz_map_layer *ml, size_t i, double x, double y) {
  (void)ml, (void)i;
  marker(m->cr, m->st, m->lay.k, x, y);
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  gz_paint_markers(m, ml, paint_one);
}

/* The marker is drawn already: labels keep off it, the site's own goes
 * beside it. */
static int label(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  double r = m->st->site_size * m->lay.k / 2;
  return gz_label_markers(m, ml, lab, spec, r, r * 1.3);
}

static void swatch(gz_map *m, const void *arg, double x, double y, double w, double h) {
  (void)arg;
  marker(m->cr, m->st, m->lay.k, x + w / 2, y + h / 2);
}

static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, swatch, NULL, m->st->words.site.text, m->st->words.site.note);
  }
}

const gz_layer_def gz_layer_sites = {
    .name = "sites",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_POINT,
    .visible = visible,
    .paint = {{paint, 100}},
    .label = {label, GZ_TEXT_SITE, 90, NULL},
    .legend = {legend, GZ_LEGEND_PEACEKEEPING, 3},
};
