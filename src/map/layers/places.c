/* The places of the gazetteer: cities, towns, villages and passes as dots
 * with labels, and regions as area labels; a highlighted place (named in
 * the text being mapped) gets an emphasis ring and outranks the others.
 * The layer's features come from the gazetteer, not a shapefile.
 *
 * How many places are labelled follows the frame: villages only once the
 * map is large scale enough (style: village_km_per_px), and at most one
 * label per place_label_room square of the map, by priority (capitals, the
 * places the text mentions, then importance, which grows with kind and
 * population); the labeler keeps them apart. */
#define _GNU_SOURCE
#include "gazmap/error.h"

#include "map/paint.h"
#include "map/render_internal.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

extern const gz_layer_def gz_layer_admin1, gz_layer_gazakh, gz_layer_handover;

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

/* ---- regions --------------------------------------------------------------- */

typedef struct region {
  const gazmap_place *p;
  double x, y;  /* its point on the page */
  double reach; /* > 0: ink the neighbourhood of the point, this many times
                 * region_reach, with the outline (0: the outline alone;
                 * a region without one always gets its neighbourhood) */
} region;

/* The region's own outline: the rings of a layer that outlines it, and the
 * districts (admin1) whose gazetteer rows lie in it, added to the path of
 * `cr` (NULL: only counted).  Returns 1 when it has one. */
static int region_outline(gz_map *m, cairo_t *cr, const char *id) {
  size_t l, i, n;
  int any = 0;
  for (l = 0; l < GZ_LAYERS_MAX; l++) {
    const gz_map_layer *ml = &m->layer[l];
    n = ml->data ? gazmap_layer_count(ml->data) : 0;
    for (i = 0; i < n; i++) {
      const gazmap_place *d =
          ml->def == &gz_layer_admin1 && m->g
              ? gazmap_gazetteer_find_id(m->g, gazmap_layer_attr(ml->data, i, "id"))
              : NULL;
      if ((ml->def->outlines && !strcmp(ml->def->outlines, id)) ||
          (d && !strcmp(gazmap_place_district(d), id))) {
        if (!cr) {
          return 1;
        }
        gz_feature_path(cr, ml, i, 1);
        any = 1;
      }
    }
  }
  return any;
}

/* Fills the region's area: its outline (region_outline); without one, the
 * neighbourhood of its point inside its country.  `reach` (a label too
 * wide for the outline) adds a neighbourhood inside the country to the
 * outline. */
static void region_ink(gz_map *m, cairo_t *cr, const void *arg) {
  const region *r = arg;
  const gz_map_layer *countries = gz_map_find(m, &gz_layer_countries);
  size_t i, n;
  /* One path filled once, with the shapefiles' ring orientation: districts
   * filled one by one would leave seams of partly covered cells between
   * them, where no label could cross. */
  cairo_new_path(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
  if (region_outline(m, cr, gazmap_place_id(r->p))) {
    cairo_fill(cr);
    if (r->reach == 0) {
      return;
    }
  }
  cairo_new_path(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_save(cr);
  for (i = 0, n = countries ? gazmap_layer_count(countries->data) : 0; i < n; i++) {
    if (!strcmp(gazmap_layer_attr(countries->data, i, "iso_a2"), gazmap_place_country(r->p))) {
      cairo_new_path(cr);
      gz_feature_path(cr, countries, i, 1);
      cairo_clip(cr);
    }
  }
  cairo_new_path(cr);
  cairo_arc(cr, r->x, r->y, m->st->region_reach * m->lay.k * (r->reach > 0 ? r->reach : 1.0), 0,
            2 * M_PI);
  cairo_fill(cr);
  cairo_restore(cr);
}

#define REGION_CANDIDATES 12

/* Breaks `text` into two lines at the space nearest its middle, into
 * `buf`; 0 when it has no space. */
static int two_lines(const char *text, char *buf, size_t cap) {
  size_t n = strlen(text), i, best = 0;
  for (i = 1; i < n && i < cap; i++) {
    if (text[i] == ' ' && (best == 0 || fabs(i - n / 2.0) < fabs(best - n / 2.0))) {
      best = i;
    }
  }
  if (best == 0 || n >= cap) {
    return 0;
  }
  memcpy(buf, text, n + 1);
  buf[best] = '\n';
  return 1;
}

/* The candidate centres of a region's label in `forms[0..nf)` (its name on
 * one line, on two, its short name: the first form with room wins), its
 * area inked as `reach` says (struct region), each box at most `cover` over
 * thematic areas; into xy, the form chosen into *form.  Returns their
 * number. */
static size_t region_fit(gz_map *m, region *r, const char *const *forms, size_t nf, double reach,
                         double cover, double *xy, size_t *form) {
  size_t f, nc = 0;
  double w, h;
  r->reach = reach;
  for (f = 0; f < nf && nc == 0; f++) {
    gz_typo_measure(m->typo, GZ_TEXT_REGION, forms[f], 0, &w, &h);
    nc = gz_area_fit_covering(m, region_ink, r, NULL, 0, w, h, 0, cover, xy, REGION_CANDIDATES);
    *form = f;
  }
  return nc;
}

/* How far from its point a region without an outline may be labelled to
 * keep off the thematic areas, in region_reach: at a large scale its
 * neighbourhood is a few kilometres, all of it thematic areas. */
static const double clear_reach[] = {1.0, 1.5, 3.0};

/* A region's label inside its region, on two lines when one does not fit
 * (NAKHCHIVAN AUTONOMOUS / REPUBLIC), or by its short name (EAST ZANGEZUR);
 * when none fits inside the outline (a narrow region at a small scale),
 * near its point inside its country, as a region without an outline is
 * placed, and failing that at its point.  A region without an outline of
 * its own (Karabakh) names no thematic area: like a country's, its label
 * keeps off them but for a sliver (style: label_cover_max), near its point
 * and then further out (clear_reach), and lies over them only where its
 * neighbourhood is all thematic areas (East Zangezur, whose districts are
 * the war's). */
static int label_region(gz_map *m, gz_labeler *lab, const gazmap_place *p, double x, double y,
                        double pri) {
  region r = {p, x, y, 0};
  double xy[2 * REGION_CANDIDATES];
  char buf[128], split[128];
  const char *forms[3];
  size_t nf = 0, nc = 0, form = 0, i;
  forms[nf++] = gz_place_label(m, p, buf, sizeof buf);
  if (two_lines(forms[0], split, sizeof split)) {
    forms[nf++] = split;
  }
  if ((forms[nf] = gz_place_short_label(m, p, forms[0]))) {
    nf++;
  }
  if (!region_outline(m, NULL, gazmap_place_id(p))) {
    for (i = 0; i < sizeof clear_reach / sizeof *clear_reach && nc == 0; i++) {
      nc = region_fit(m, &r, forms, nf, clear_reach[i], m->st->label_cover_max, xy, &form);
    }
    if (nc && i > 1) {
      /* Away from its point, it is placed after the labels of the
       * returned districts, whose callouts need the same clear land (and
       * so after the places the text names and the regions with an
       * outline). */
      pri = gz_layer_handover.label.priority - 21;
    }
  }
  if (nc == 0 && (nc = region_fit(m, &r, forms, nf, 0, 1, xy, &form)) == 0) {
    /* The same forms again, near the point, after the places the text
     * names: such a label may reach beyond its region and must not push
     * them out. */
    pri -= 60;
    nc = region_fit(m, &r, forms, nf, 1.5, 1, xy, &form);
  }
  if (nc == 0) {
    /* A narrow region at this scale (Nakhchivan on the default map): at its
     * point, as labels of areas were placed before they had outlines, rather
     * than no label at all. */
    return gz_labeler_area(lab, forms[nf > 1 ? 1 : 0], GZ_TEXT_REGION, x, y, pri + 20);
  }
  return gz_labeler_area_at(lab, forms[form], GZ_TEXT_REGION, xy, nc, 0, pri + 20);
}

/* ---- points ----------------------------------------------------------------- */

typedef struct candidate {
  const gazmap_place *p;
  double x, y, pri, hw;
  size_t seq;
} candidate;

static int by_priority(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->pri != y->pri) {
    return x->pri > y->pri ? -1 : 1;
  }
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int offer_point(gz_map *m, gz_labeler *lab, const candidate *c) {
  const gz_style *st = m->st;
  gazmap_kind kind = gazmap_place_kind(c->p);
  int capital = gazmap_place_has_tag(c->p, "capital");
  double k = m->lay.k, dot;
  gz_text_class cls;
  char buf[128];
  cls = capital                       ? GZ_TEXT_CAPITAL
        : kind == GAZMAP_KIND_CITY    ? GZ_TEXT_CITY
        : kind == GAZMAP_KIND_VILLAGE ? GZ_TEXT_VILLAGE
                                      : GZ_TEXT_TOWN;
  dot = capital                       ? st->dot_capital
        : kind == GAZMAP_KIND_CITY    ? st->dot_city
        : kind == GAZMAP_KIND_VILLAGE ? st->dot_village
                                      : st->dot_town;
  if (c->hw > 0) {
    /* The emphasis ring of a highlighted place is drawn whether or not its
     * label finds room. */
    double r = st->highlight_radius * k * sqrt(c->hw > 16 ? 16 : c->hw);
    cairo_new_path(m->cr);
    cairo_arc(m->cr, c->x, c->y, r, 0, 2 * M_PI);
    gz_set_rgba(m->cr, st->highlight);
    cairo_set_line_width(m->cr, st->highlight_width * k);
    cairo_set_dash(m->cr, NULL, 0, 0);
    gz_stroke_path(m->cr);
  }
  return gz_labeler_point(lab, gz_place_label(m, c->p, buf, sizeof buf), cls, c->x, c->y, dot * k,
                          c->hw > 0 ? GZ_DOT_ALWAYS : GZ_DOT_IF_PLACED, c->pri);
}

static int label(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  size_t i, n = m->g ? gazmap_gazetteer_count(m->g) : 0, nc = 0, budget;
  const gz_style *st = m->st;
  double k = m->lay.k, room = st->place_label_room * k;
  /* Villages on large-scale maps only: km per style px at the centre. */
  int villages = gz_km_per_unit(m) * k <= st->village_km_per_px;
  int gazakh = gz_map_find(m, &gz_layer_gazakh) != NULL;
  candidate *c = n ? malloc(n * sizeof *c) : NULL;
  int rc = 0;
  (void)ml, (void)spec;
  if (n && !c) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(m->g, i);
    gazmap_kind kind = gazmap_place_kind(p);
    double xy[2] = {gazmap_place_lon(p), gazmap_place_lat(p)}, x, y, pri, hw;
    int capital = gazmap_place_has_tag(p, "capital"), text = gazmap_place_has_tag(p, "text");

    if (kind != GAZMAP_KIND_CITY && kind != GAZMAP_KIND_TOWN && kind != GAZMAP_KIND_VILLAGE &&
        kind != GAZMAP_KIND_PASS && kind != GAZMAP_KIND_REGION) {
      continue;
    }
    /* The Gazakh villages of article 2 are the gazakh layer's to draw. */
    if (gazakh && gazmap_place_has_tag(p, "gazakh")) {
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
    hw = highlight_weight(m, p);
    /* Capitals first, then the places the text names, then by importance;
     * a highlighted place (named in the text being mapped) outranks both. */
    pri = 100.0 * capital + 60.0 * text + 30.0 * gazmap_place_importance(p) +
          (hw > 0 ? 80.0 + 5.0 * log(hw) : 0);
    if (kind == GAZMAP_KIND_REGION) {
      /* Regions spanning several countries (the Caucasus) are the inset's
       * business; a region label is an area label inside its region. */
      if (!gazmap_place_country(p)[0] || strstr(gazmap_place_name(p), st->words.inset_region)) {
        continue;
      }
      if ((rc = label_region(m, lab, p, x, y, pri)) < 0) {
        goto done;
      }
      continue;
    }
    if (!capital && !text && hw == 0 && kind == GAZMAP_KIND_VILLAGE && !villages) {
      continue;
    }
    c[nc] = (candidate){p, x, y, pri, hw, nc};
    nc++;
  }
  if (nc > 0) {
    qsort(c, nc, sizeof *c, by_priority);
  }
  /* The frame's budget of point labels, best first; highlighted places
   * always. */
  budget = (size_t)(m->lay.map[2] * m->lay.map[3] / (room * room));
  for (i = 0; i < nc; i++) {
    if ((i < budget || c[i].hw > 0) && (rc = offer_point(m, lab, &c[i])) < 0) {
      goto done;
    }
  }
done:
  free(c);
  return rc;
}

/* The text class and priority of each place follow from its kind, tags and
 * highlight (label above), so the spec carries none. */
const gz_layer_def gz_layer_places = {
    .name = "places",
    .group = GZ_GROUP_NONE,
    .geom = GAZMAP_GEOM_POINT,
    .source = GZ_SOURCE_GAZETTEER,
    .label = {label, GZ_TEXT_TOWN, 0, NULL, 0},
};
