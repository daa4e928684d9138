/* The places of the gazetteer: cities, towns, villages the text names,
 * passes and regions, as dots with labels; a highlighted place (named in
 * the text being mapped) gets an emphasis ring and outranks the others.
 * The layer's features come from the gazetteer, not a shapefile. */
#define _GNU_SOURCE
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>
#include <string.h>

static int in_frame(const gz_map *m, double x, double y) {
  return x >= m->lay.map[0] && y >= m->lay.map[1] && x <= m->lay.map[0] + m->lay.map[2] &&
         y <= m->lay.map[1] + m->lay.map[3];
}

static double highlight_weight(const gz_map *m, const gazmap_place *p) {
  size_t i;
  for (i = 0; i < m->n_hl; i++) {
    if (m->hl[i].place == p) {
      return m->hl[i].weight > 1 ? m->hl[i].weight : 1;
    }
  }
  return 0;
}

static int label(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  size_t i, n = m->g ? gazmap_gazetteer_count(m->g) : 0;
  const gz_style *st = m->st;
  double k = m->lay.k;
  int rc;
  (void)ml, (void)spec;
  for (i = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(m->g, i);
    gazmap_kind kind = gazmap_place_kind(p);
    double xy[2] = {gazmap_place_lon(p), gazmap_place_lat(p)}, x, y, pri, dot, hw;
    const char *name;
    gz_text_class cls;
    int capital = gazmap_place_has_tag(p, "capital"), text = gazmap_place_has_tag(p, "text");

    if (kind != GAZMAP_KIND_CITY && kind != GAZMAP_KIND_TOWN && kind != GAZMAP_KIND_VILLAGE &&
        kind != GAZMAP_KIND_PASS && kind != GAZMAP_KIND_REGION) {
      continue;
    }
    gz_proj_fwd(m->proj, xy, 1);
    if (xy[0] == HUGE_VAL) {
      continue;
    }
    gz_frame_apply(&m->frame, xy[0], xy[1], &x, &y);
    if (!in_frame(m, x, y)) {
      continue;
    }
    name = gazmap_place_name_in(p, m->lang);
    hw = highlight_weight(m, p);
    /* Capitals first, then the places the text names, then by importance;
     * a highlighted place (named in the text being mapped) outranks both. */
    pri = 100.0 * capital + 60.0 * text + 30.0 * gazmap_place_importance(p) +
          (hw > 0 ? 80.0 + 5.0 * log(hw) : 0);
    if (kind == GAZMAP_KIND_REGION) {
      /* Regions spanning several countries (the Caucasus) are the inset's
       * business; a region label is an area label. */
      if (!gazmap_place_country(p)[0] || strstr(gazmap_place_name(p), st->words.inset_region)) {
        continue;
      }
      if ((rc = gz_labeler_area(lab, name, GZ_TEXT_REGION, x, y, pri + 20)) < 0) {
        return rc;
      }
      continue;
    }
    if (!capital && !text && hw == 0 && kind == GAZMAP_KIND_VILLAGE) {
      continue;
    }
    cls = capital                       ? GZ_TEXT_CAPITAL
          : kind == GAZMAP_KIND_CITY    ? GZ_TEXT_CITY
          : kind == GAZMAP_KIND_VILLAGE ? GZ_TEXT_VILLAGE
                                        : GZ_TEXT_TOWN;
    dot = capital                       ? st->dot_capital
          : kind == GAZMAP_KIND_CITY    ? st->dot_city
          : kind == GAZMAP_KIND_VILLAGE ? st->dot_village
                                        : st->dot_town;
    if (hw > 0) {
      /* The emphasis ring of a highlighted place is drawn whether or not its
       * label finds room. */
      double r = st->highlight_radius * k * sqrt(hw > 16 ? 16 : hw);
      cairo_new_path(m->cr);
      cairo_arc(m->cr, x, y, r, 0, 2 * M_PI);
      gz_set_rgba(m->cr, st->highlight);
      cairo_set_line_width(m->cr, st->highlight_width * k);
      cairo_set_dash(m->cr, NULL, 0, 0);
      cairo_stroke(m->cr);
    }
    if ((rc = gz_labeler_point(lab, name, cls, x, y, dot * k,
                               hw > 0 ? GZ_DOT_ALWAYS : GZ_DOT_IF_PLACED, pri)) < 0) {
      return rc;
    }
  }
  return 0;
}

/* The text class and priority of each place follow from its kind, tags and
 * highlight (label above), so the spec carries none. */
const gz_layer_def gz_layer_places = {
    .name = "places",
    .group = GZ_GROUP_NONE,
    .geom = GAZMAP_GEOM_POINT,
    .source = GZ_SOURCE_GAZETTEER,
    .label = {label, GZ_TEXT_TOWN, 0, NULL},
};
