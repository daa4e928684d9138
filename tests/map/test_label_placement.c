/* Where the map's area labels go, on the shipped data and at the zooms a
 * reader uses (issue 9): the whole region, Karabakh (a box and the frame
 * around Shusha), the Lachin corridor, Nakhchivan-Meghri.  On each frame
 * every returned district that shows has a label with its date, inside it
 * or by a callout whose dot is in it; no country, lake or district label
 * hides a thematic area it does not name beyond a sliver; no country label
 * straddles its border; the regions each frame must name are labelled,
 * Karabakh off the thematic areas.  The labels are placed as draw.c places them and
 * read back from the labeler. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "map/layers.h"
#include "map/legend.h"
#include "map/paint.h"
#include "map/project_internal.h"
#include "map/render_internal.h"
#include "map_fixture.h"
#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The share of a label's box that may lie over thematic areas it does not
 * name, as sampled here: the style's label_cover_max (0.05 of the box with
 * its padding, in cells of 4 px) and the sampling's own error. */
#define COVER_TOLERANCE 0.10

static gazmap_gazetteer *g;

static void setup(void) {
  ck_assert_msg(gazmap_gazetteer_open(&g, NULL) == 0, "%s", gazmap_error_last()->message);
}

static void teardown(void) {
  gazmap_gazetteer_free(g);
}

/* How a frame is chosen, as the CLI's options choose it. */
typedef enum { BY_BBOX, AROUND_AT_ZOOM, AROUND_RADIUS } frame_kind;

typedef struct frame_case {
  const char *name;
  frame_kind kind;
  double bbox[4];  /* BY_BBOX */
  const char *id;  /* the place of --around */
  double zoom, km; /* --around PLACE (zoom 10) or PLACE:RADIUS */
  /* Region labels the frame must show (their texts begin so, in any
   * case), NULL-terminated; and the one of them that names no thematic
   * area and has room off them in this frame, or NULL. */
  const char *regions[3];
  const char *clear_region;
} frame_case;

static const frame_case frames[] = {
    {"the whole region (default)",
     BY_BBOX,
     {43.4, 38.3, 48.6, 41.4},
     NULL,
     0,
     0,
     {"Karabakh", "Nagorno-Karabakh", NULL},
     "Karabakh"},
    {"Karabakh (--bbox 46.2,39.3,47.4,40.4)",
     BY_BBOX,
     {46.2, 39.3, 47.4, 40.4},
     NULL,
     0,
     0,
     {"Karabakh", "Nagorno-Karabakh", NULL},
     "Karabakh"},
    {"Karabakh (--around Shusha)",
     AROUND_AT_ZOOM,
     {0},
     "shusha",
     10,
     0,
     {"Karabakh", "Nagorno-Karabakh", NULL},
     "Karabakh"},
    {"Karabakh (--around Shusha:60km)",
     AROUND_RADIUS,
     {0},
     "shusha",
     0,
     60,
     {"Karabakh", "East Zangezur", NULL},
     "Karabakh"},
    {"the Lachin corridor (--around Lachin:25km)",
     AROUND_RADIUS,
     {0},
     "lachin",
     0,
     25,
     {NULL},
     NULL},
    {"Nakhchivan-Meghri (--bbox 45.0,38.8,46.6,39.6)",
     BY_BBOX,
     {45.0, 38.8, 46.6, 39.6},
     NULL,
     0,
     0,
     {"Nakhchivan", NULL},
     NULL},
};

typedef struct test_map {
  gz_map m;
  cairo_surface_t *s;
  gz_labeler *lab;
} test_map;

/* The map of frame `f` with every layer of the bundled shapes on the
 * latest date, its labels placed as draw.c places them. */
static void map_open(test_map *t, const frame_case *f) {
  gz_map *m = &t->m;
  const double *map;
  double bbox[4];
  gz_layout lay;
  size_t i;
  memset(t, 0, sizeof *t);
  /* The frame of --around depends on the map's size on the page. */
  gz_layout_compute(&lay, gz_style_default(), PAGE_W, PAGE_H, 1.0, 0);
  if (f->kind == BY_BBOX) {
    memcpy(bbox, f->bbox, sizeof bbox);
  } else {
    const gazmap_place *p = gazmap_gazetteer_find_id(g, f->id);
    ck_assert_msg(p != NULL, "no place %s", f->id);
    if (f->kind == AROUND_AT_ZOOM) {
      gz_bbox_from_center(gazmap_place_lat(p), gazmap_place_lon(p), f->zoom, lay.map[2], lay.map[3],
                          bbox);
    } else {
      ck_assert_int_eq(gazmap_bbox_around(gazmap_place_lat(p), gazmap_place_lon(p), f->km, bbox),
                       0);
    }
  }
  fx_map_frame(m, bbox, "99991231");
  map = m->lay.map;
  m->dual_names = 1;
  m->g = g;
  fx_map_layers(m, NULL, NULL);
  fx_map_page(m, &t->s);
  ck_assert_int_eq(gz_labeler_new(&t->lab, m->typo, m->st, 1.0, map[0] + 2, map[1] + 2,
                                  map[0] + map[2] - 2, map[1] + map[3] - 2),
                   0);
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_map_layer *ml = &m->layer[i];
    if (ml->data && ml->def->label.fn) {
      ck_assert_int_eq(ml->def->label.fn(m, ml, t->lab, &ml->def->label), 0);
    }
  }
  ck_assert_int_eq(gz_labeler_run(t->lab, m->cr), 0);
}

static void map_close(test_map *t) {
  gz_labeler_free(t->lab);
  fx_map_free(&t->m, t->s);
}

/* The loaded layer `name` of the map; the test fails when it has none. */
static const gz_map_layer *layer(const test_map *t, const char *name) {
  const gz_map_layer *ml = gz_map_find(&t->m, gz_layers_at((size_t)gz_layers_index(name)));
  ck_assert_msg(ml != NULL, "the map has no layer %s", name);
  return ml;
}

/* 1 when page point (x, y) is inside feature `i` of `ml`. */
static int in_feature(cairo_t *cr, const gz_map_layer *ml, size_t i, double x, double y) {
  cairo_new_path(cr);
  gz_feature_path(cr, ml, i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  return cairo_in_fill(cr, x, y);
}

/* Sample points of a box: the centres of a 12 x 4 grid of its cells. */
enum { SX = 12, SY = 4 };

static void sample(const double box[4], int k, double *x, double *y) {
  *x = box[0] + (box[2] - box[0]) * ((k % SX) + 0.5) / SX;
  *y = box[1] + (box[3] - box[1]) * ((k / SX) + 0.5) / SY;
}

/* ---- 1. every returned district that shows says its date -------------------- */

/* The share of the map frame that feature `i` covers, on a grid of 8 px. */
static double frame_share(test_map *t, const gz_map_layer *ml, size_t i) {
  const double *map = t->m.lay.map;
  double x, y;
  size_t in = 0, all = 0;
  cairo_new_path(t->m.cr);
  gz_feature_path(t->m.cr, ml, i, 1);
  cairo_set_fill_rule(t->m.cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (y = map[1] + 4; y < map[1] + map[3]; y += 8) {
    for (x = map[0] + 4; x < map[0] + map[2]; x += 8) {
      in += cairo_in_fill(t->m.cr, x, y) != 0;
      all++;
    }
  }
  return all ? (double)in / (double)all : 0;
}

START_TEST(every_returned_district_in_the_frame_says_its_date) {
  const frame_case *f = &frames[_i];
  test_map t;
  const gz_map_layer *ho;
  size_t i, j, checked = 0;
  map_open(&t, f);
  ho = layer(&t, "handover");
  for (i = 0; i < gazmap_layer_count(ho->data); i++) {
    const char *name = gazmap_layer_attr(ho->data, i, "name");
    char date[32];
    int found = 0;
    /* A district of which the frame shows a corner only (under 0.2 %) need
     * not be named in it. */
    if (strcmp(gazmap_layer_attr(ho->data, i, "status"), "handover") ||
        !gz_feature_visible(&t.m, ho, i) || frame_share(&t, ho, i) < 0.002) {
      continue;
    }
    gz_human_date(date, sizeof date, t.m.st, gazmap_layer_attr(ho->data, i, "handed"));
    for (j = 0; j < gz_labeler_count(t.lab) && !found; j++) {
      const char *text;
      double box[4], seg[4], x = 0, y = 0;
      if (!gz_labeler_result(t.lab, j, &text, box) || strncmp(text, name, strlen(name)) ||
          text[strlen(name)] != '\n' || !strstr(text, date)) {
        continue;
      }
      /* The label is the district's: inside it, or its callout's dot is. */
      if (gz_labeler_leader(t.lab, j, seg)) {
        x = seg[0], y = seg[1];
      } else {
        x = (box[0] + box[2]) / 2, y = (box[1] + box[3]) / 2;
      }
      ck_assert_msg(in_feature(t.m.cr, ho, i, x, y),
                    "%s: the label of %s points at %.0f,%.0f, outside it", f->name, name, x, y);
      found = 1;
    }
    ck_assert_msg(found, "%s: %s has no label with its date '%s'", f->name, name, date);
    checked++;
  }
  /* Each frame shows one returned district at least (Lachin's reaches
   * Nakhchivan-Meghri's). */
  ck_assert_msg(checked > 0, "%s: no returned district in the frame", f->name);
  map_close(&t);
}
END_TEST

/* ---- 2. area labels keep off the thematic areas they do not name ------------ */

/* The thematic feature label `text` of class `cls` names: a district's
 * label starts with the feature's name and a line break; a country's or a
 * lake's names none. */
static int names_feature(const gz_map_layer *ml, size_t i, const char *text, gz_text_class cls) {
  const char *name = gazmap_layer_attr(ml->data, i, "name");
  size_t n = strlen(name);
  return (cls == GZ_TEXT_DISTRICT || cls == GZ_TEXT_DISTRICT_SMALL) && n > 0 &&
         !strncmp(text, name, n) && (text[n] == '\n' || text[n] == '\0');
}

/* 1 when `text` is a lake's label. */
static int is_lake(test_map *t, const char *text) {
  const gz_map_layer *lakes = layer(t, "lakes");
  char buf[128];
  size_t i;
  for (i = 0; lakes && i < gazmap_layer_count(lakes->data); i++) {
    if (!strcmp(gz_feature_label(&t->m, lakes, i, buf, sizeof buf), text)) {
      return 1;
    }
  }
  return 0;
}

/* How many of the sample points of `box` (label `text` of class `cls`) lie
 * over a visible thematic area the label does not name. */
static int samples_over(test_map *t, const double box[4], const char *text, gz_text_class cls) {
  size_t l, i;
  int k, over = 0;
  for (k = 0; k < SX * SY; k++) {
    double x, y;
    int hit = 0;
    sample(box, k, &x, &y);
    for (l = 0; l < GZ_LAYERS_MAX && !hit; l++) {
      const gz_map_layer *ml = &t->m.layer[l];
      if (!ml->data || ml->def->group != GZ_GROUP_THEMATIC ||
          ml->def->geom != GAZMAP_GEOM_POLYGON) {
        continue;
      }
      for (i = 0; i < gazmap_layer_count(ml->data) && !hit; i++) {
        hit = gz_feature_visible(&t->m, ml, i) && !names_feature(ml, i, text, cls) &&
              in_feature(t->m.cr, ml, i, x, y);
      }
    }
    over += hit;
  }
  return over;
}

START_TEST(area_labels_hide_no_thematic_area_they_do_not_name) {
  const frame_case *f = &frames[_i];
  test_map t;
  size_t j, checked = 0;
  map_open(&t, f);
  for (j = 0; j < gz_labeler_count(t.lab); j++) {
    gz_text_class cls = gz_labeler_class(t.lab, j);
    const char *text;
    double box[4];
    int over;
    if ((cls != GZ_TEXT_COUNTRY && cls != GZ_TEXT_WATER && cls != GZ_TEXT_DISTRICT &&
         cls != GZ_TEXT_DISTRICT_SMALL) ||
        !gz_labeler_result(t.lab, j, &text, box)) {
      continue;
    }
    /* River names (the water class along a line) are not area labels. */
    if (cls == GZ_TEXT_WATER && !is_lake(&t, text)) {
      continue;
    }
    over = samples_over(&t, box, text, cls);
    ck_assert_msg(over <= COVER_TOLERANCE * SX * SY,
                  "%s: '%s' at %.0f,%.0f-%.0f,%.0f lies %d%% over thematic areas it does not name",
                  f->name, text, box[0], box[1], box[2], box[3], over * 100 / (SX * SY));
    checked++;
  }
  ck_assert_msg(checked > 0, "%s: no area label to check", f->name);
  map_close(&t);
}
END_TEST

/* A region's label (Nagorno-Karabakh, the economic regions) lies over the
 * thematic areas inside the region it names, but where it has the choice
 * over as few of them as it can: two at most (the peacekeeping zone and a
 * district beside it), not the zone, the corridor and Shusha together. */
enum { REGION_MAX_AREAS = 2 };

START_TEST(region_labels_lie_over_few_thematic_areas) {
  const frame_case *f = &frames[_i];
  test_map t;
  size_t j, l, i;
  map_open(&t, f);
  for (j = 0; j < gz_labeler_count(t.lab); j++) {
    const char *text;
    double box[4];
    int k, areas = 0;
    if (gz_labeler_class(t.lab, j) != GZ_TEXT_REGION || !gz_labeler_result(t.lab, j, &text, box)) {
      continue;
    }
    for (l = 0; l < GZ_LAYERS_MAX; l++) {
      const gz_map_layer *ml = &t.m.layer[l];
      if (!ml->data || ml->def->group != GZ_GROUP_THEMATIC ||
          ml->def->geom != GAZMAP_GEOM_POLYGON) {
        continue;
      }
      for (i = 0; i < gazmap_layer_count(ml->data); i++) {
        int under = 0;
        for (k = 0; k < SX * SY && !under && gz_feature_visible(&t.m, ml, i); k++) {
          double x, y;
          sample(box, k, &x, &y);
          under = in_feature(t.m.cr, ml, i, x, y);
        }
        areas += under;
      }
    }
    ck_assert_msg(areas <= REGION_MAX_AREAS,
                  "%s: '%s' at %.0f,%.0f-%.0f,%.0f lies over %d thematic areas", f->name, text,
                  box[0], box[1], box[2], box[3], areas);
  }
  map_close(&t);
}
END_TEST

/* The regions a frame must label are labelled (East Zangezur beside the
 * districts' callouts around Shusha), and a region without an outline of
 * its own (Karabakh) keeps off the thematic areas, which it does not name,
 * where the frame leaves it room (not over Aghdam's, as it was). */
START_TEST(regions_are_labelled_and_karabakh_keeps_off_thematic_areas) {
  const frame_case *f = &frames[_i];
  test_map t;
  size_t r, j;
  map_open(&t, f);
  for (r = 0; f->regions[r]; r++) {
    const char *want = f->regions[r];
    int found = 0;
    for (j = 0; j < gz_labeler_count(t.lab) && !found; j++) {
      const char *text;
      double box[4];
      int over;
      if (gz_labeler_class(t.lab, j) != GZ_TEXT_REGION ||
          !gz_labeler_result(t.lab, j, &text, box) || strncasecmp(text, want, strlen(want)) ||
          (text[strlen(want)] && text[strlen(want)] != ' ' && text[strlen(want)] != '\n')) {
        continue;
      }
      found = 1;
      if (!f->clear_region || strcmp(want, f->clear_region)) {
        continue;
      }
      over = samples_over(&t, box, text, GZ_TEXT_REGION);
      ck_assert_msg(over <= COVER_TOLERANCE * SX * SY,
                    "%s: '%s' at %.0f,%.0f-%.0f,%.0f lies %d%% over thematic areas", f->name, text,
                    box[0], box[1], box[2], box[3], over * 100 / (SX * SY));
    }
    ck_assert_msg(found, "%s: no region label '%s'", f->name, want);
  }
  map_close(&t);
}
END_TEST

/* ---- 3. no country label straddles its border ------------------------------- */

START_TEST(country_labels_stay_inside_their_country) {
  const frame_case *f = &frames[_i];
  test_map t;
  const gz_map_layer *countries;
  size_t j, i, checked = 0;
  map_open(&t, f);
  countries = layer(&t, "countries");
  for (j = 0; j < gz_labeler_count(t.lab); j++) {
    const char *text;
    double box[4];
    int own = 0;
    if (gz_labeler_class(t.lab, j) != GZ_TEXT_COUNTRY || !gz_labeler_result(t.lab, j, &text, box)) {
      continue;
    }
    for (i = 0; i < gazmap_layer_count(countries->data); i++) {
      char buf[128];
      int k, inside = 1;
      if (strcmp(gz_feature_label(&t.m, countries, i, buf, sizeof buf), text)) {
        continue;
      }
      own = 1;
      /* The sample grid and the box's corners, half a pixel in. */
      for (k = 0; k < SX * SY + 4 && inside; k++) {
        double x, y;
        if (k < SX * SY) {
          sample(box, k, &x, &y);
        } else {
          x = k % 2 ? box[2] - 0.5 : box[0] + 0.5;
          y = k / 2 % 2 ? box[3] - 0.5 : box[1] + 0.5;
        }
        inside = in_feature(t.m.cr, countries, i, x, y);
      }
      ck_assert_msg(inside, "%s: '%s' at %.0f,%.0f-%.0f,%.0f straddles its border", f->name, text,
                    box[0], box[1], box[2], box[3]);
    }
    ck_assert_msg(own, "%s: no country is called '%s'", f->name, text);
    checked++;
  }
  ck_assert_msg(checked > 0, "%s: no country label", f->name);
  map_close(&t);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("label_placement");
  TCase *tc = tcase_create("label_placement");
  int n = (int)(sizeof frames / sizeof frames[0]);
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_loop_test(tc, every_returned_district_in_the_frame_says_its_date, 0, n);
  tcase_add_loop_test(tc, area_labels_hide_no_thematic_area_they_do_not_name, 0, n);
  tcase_add_loop_test(tc, country_labels_stay_inside_their_country, 0, n);
  tcase_add_loop_test(tc, region_labels_lie_over_few_thematic_areas, 0, n);
  tcase_add_loop_test(tc, regions_are_labelled_and_karabakh_keeps_off_thematic_areas, 0, n);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  return tu_run_suite(suite()) ? 1 : 0;
}
