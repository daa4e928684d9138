/* The map's content and labels (issue 9): the legend keeps what was
 * returned under the statement apart from what was taken in the war; the
 * districts say their dates on the map; places whose names differ by side
 * get both; area labels lie inside their area and off the thematic areas;
 * the frame decides how many villages are labelled; the Gazakh villages of
 * article 2 are a layer of their own.  Maps are assembled by hand over the
 * fixture's thematic layers and the bundled basemap, and the labels placed
 * are read back from the labeler. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "map/layers.h"
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"
#include "map_fixture.h"
#include "render_fixture.h"
#include "testutil.h"

#include <cairo.h>
#include <check.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gazmap_gazetteer *bundled, *region_set;

/* The bundled gazetteer with the region files, loaded as one set (as the
 * bundled data will be). */
static gazmap_gazetteer *open_region_set(void) {
  char pattern[4096];
  const char *paths[64];
  gazmap_gazetteer *g = NULL;
  glob_t gl;
  size_t i, n = 0;
  snprintf(pattern, sizeof pattern, "%s", tu_test_path("../data/gazetteer.tsv"));
  paths[n++] = strdup(pattern);
  snprintf(pattern, sizeof pattern, "%s", tu_test_path("../data/region/*.tsv"));
  ck_assert_int_eq(glob(pattern, 0, NULL, &gl), 0);
  for (i = 0; i < gl.gl_pathc && n < 64; i++) {
    paths[n++] = gl.gl_pathv[i];
  }
  ck_assert_msg(gazmap_gazetteer_open_set(&g, paths, n) == 0, "%s", gazmap_error_last()->message);
  free((void *)paths[0]);
  globfree(&gl);
  return g;
}

static void setup(void) {
  fx_setup();
  ck_assert_int_eq(gazmap_gazetteer_open(&bundled, NULL), 0);
  region_set = open_region_set();
}

static void teardown(void) {
  gazmap_gazetteer_free(bundled);
  gazmap_gazetteer_free(region_set);
  fx_teardown();
}

/* A map of `bbox` on `date` (YYYYMMDD) with the places of `g`, and the
 * layers named in `layers` (comma list, or NULL for all). */
typedef struct test_map {
  gz_map m;
  cairo_surface_t *s;
} test_map;

static void map_open(test_map *t, const double bbox[4], const char *date, gazmap_gazetteer *g,
                     const char *layers) {
  gz_map *m = &t->m;
  memset(t, 0, sizeof *t);
  fx_map_frame(m, bbox, date);
  m->dual_names = 1;
  m->g = g;
  fx_map_layers(m, layers, shapes);
  fx_map_page(m, &t->s);
}

static void map_close(test_map *t) {
  fx_map_free(&t->m, t->s);
}

/* Places the map's labels as draw.c does; the caller frees the labeler. */
static gz_labeler *place_labels(test_map *t) {
  gz_map *m = &t->m;
  const double *map = m->lay.map;
  gz_labeler *lab = NULL;
  size_t i;
  ck_assert_int_eq(gz_labeler_new(&lab, m->typo, m->st, 1.0, map[0] + 2, map[1] + 2,
                                  map[0] + map[2] - 2, map[1] + map[3] - 2),
                   0);
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_map_layer *ml = &m->layer[i];
    if (ml->data && ml->def->label.fn) {
      ck_assert_int_eq(ml->def->label.fn(m, ml, lab, &ml->def->label), 0);
    }
  }
  ck_assert_int_eq(gz_labeler_run(lab, m->cr), 0);
  return lab;
}

/* The box of the placed label whose text is `text`; 0 when none was. */
static int placed_box(const gz_labeler *lab, const char *text, double box[4]) {
  size_t i;
  const char *t;
  for (i = 0; i < gz_labeler_count(lab); i++) {
    if (gz_labeler_result(lab, i, &t, box) && !strcmp(t, text)) {
      return 1;
    }
  }
  return 0;
}

static const double default_bbox[4] = {43.4, 38.3, 48.6, 41.4};
static const double karabakh_bbox[4] = {46.2, 39.3, 47.4, 40.4};

/* ---- 1. the legend's sections ----------------------------------------------- */

typedef struct legend_case {
  const char *date;
  gz_legend_section section;
  const char *has, *lacks; /* NULL: no check */
} legend_case;

static const legend_case legend_cases[] = {
    /* Returned districts under their heading, the war's areas under theirs. */
    {"99991231", GZ_LEGEND_HANDOVER, "Kalbajar: handed over 25 Nov 2020", "Taken by Azerbaijan"},
    {"99991231", GZ_LEGEND_WAR, "Taken by Azerbaijan | Fuzuli", "Kalbajar"},
    /* Before the statement nothing was to be returned; the war's areas are. */
    {"20201020", GZ_LEGEND_HANDOVER, NULL, "Kalbajar"},
    {"20201020", GZ_LEGEND_WAR, "Taken by Azerbaijan", NULL},
};

START_TEST(legend_separates_returned_from_taken) {
  const legend_case *c = &legend_cases[_i];
  test_map t;
  char words[2048];
  map_open(&t, default_bbox, c->date, bundled, "handover");
  gz_legend_words_of(&t.m, c->section, words, sizeof words);
  ck_assert_msg(!c->has || strstr(words, c->has), "%s, section %d: no '%s' in\n%s", c->date,
                (int)c->section, c->has, words);
  ck_assert_msg(!c->lacks || !strstr(words, c->lacks), "%s, section %d: '%s' in\n%s", c->date,
                (int)c->section, c->lacks, words);
  map_close(&t);
}
END_TEST

START_TEST(legend_headings_name_both_sections) {
  const gz_words *w = &gz_style_default()->words;
  ck_assert_msg(strstr(w->legend_head[GZ_LEGEND_HANDOVER], "Returned under the statement"), "%s",
                w->legend_head[GZ_LEGEND_HANDOVER]);
  ck_assert_msg(strstr(w->legend_head[GZ_LEGEND_WAR], "Taken in the war"), "%s",
                w->legend_head[GZ_LEGEND_WAR]);
}
END_TEST

/* ---- 2. the districts' dates on the map ------------------------------------- */

typedef struct district_case {
  const char *date, *text;
  double rect[4]; /* the fixture's district */
} district_case;

static const district_case district_cases[] = {
    {"20201122", "Kalbajar\ndue 15 Nov 2020", {45.85, 39.86, 46.45, 40.35}},
    {"20201126", "Kalbajar\nhanded over 25 Nov 2020", {45.85, 39.86, 46.45, 40.35}},
    {"20201122", "Aghdam\nhanded over 20 Nov 2020", {46.60, 39.86, 47.20, 40.15}},
    {"20201122", "Lachin\ndue 1 Dec 2020", {46.20, 39.30, 46.55, 39.80}},
};

/* Page position of lon, lat on the test map. */
static void page_of(gz_map *m, double lon, double lat, double *x, double *y) {
  double xy[2] = {lon, lat};
  gz_proj_fwd(m->proj, xy, 1);
  gz_frame_apply(&m->frame, xy[0], xy[1], x, y);
}

START_TEST(districts_say_their_date_inside_themselves) {
  const district_case *c = &district_cases[_i];
  test_map t;
  gz_labeler *lab;
  double box[4], x0, y0, x1, y1;
  map_open(&t, karabakh_bbox, c->date, bundled, "handover,peacekeeping");
  lab = place_labels(&t);
  ck_assert_msg(placed_box(lab, c->text, box), "%s: no label '%s'", c->date, c->text);
  /* Inside the district's rectangle (north-west and south-east corners). */
  page_of(&t.m, c->rect[0], c->rect[3], &x0, &y0);
  page_of(&t.m, c->rect[2], c->rect[1], &x1, &y1);
  ck_assert_msg(box[0] >= x0 - 2 && box[2] <= x1 + 2 && box[1] >= y0 - 2 && box[3] <= y1 + 2,
                "'%s' at %.0f,%.0f-%.0f,%.0f leaves its district %.0f,%.0f-%.0f,%.0f", c->text,
                box[0], box[1], box[2], box[3], x0, y0, x1, y1);
  gz_labeler_free(lab);
  map_close(&t);
}
END_TEST

/* ---- 3. dual names ------------------------------------------------------------ */

typedef struct dual_case {
  const char *id, *lang;
  int dual;
  const char *want;
} dual_case;

static const dual_case dual_cases[] = {
    {"khankendi", "en", 1, "Khankendi / Stepanakert"},
    {"khankendi", "ru", 1, "Ханкенди / Степанакерт"},
    {"khankendi", "en", 0, "Khankendi"},
    /* In Armenian the data has no second name of another text. */
    {"khankendi", "hy", 1, "Ստեփանակերտ"},
    {"khojavend", "en", 1, "Khojavend / Martuni"},
    /* A place whose names do not differ by side keeps one. */
    {"lachin", "en", 1, "Lachin"},
};

START_TEST(places_whose_names_differ_by_side_get_both) {
  const dual_case *c = &dual_cases[_i];
  const gazmap_place *p = gazmap_gazetteer_find_id(bundled, c->id);
  gz_map m;
  char buf[128];
  memset(&m, 0, sizeof m);
  m.lang = c->lang;
  m.dual_names = c->dual;
  ck_assert_ptr_nonnull(p);
  ck_assert_str_eq(gz_place_label(&m, p, buf, sizeof buf), c->want);
}
END_TEST

/* The option reaches the map: a render of --labels single differs from the
 * default only by the second names. */
START_TEST(render_opts_choose_the_label_mode) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  unsigned char *a = NULL, *b = NULL;
  size_t la = 0, lb = 0;
  ck_assert_int_eq(o.labels, GAZMAP_LABELS_DUAL);
  o.shapes_dir = shapes;
  o.layers = "places";
  o.width = 800;
  o.height = 600;
  ck_assert_int_eq(gazmap_render_buffer(bundled, &o, GAZMAP_FORMAT_PNG, &a, &la), 0);
  o.labels = GAZMAP_LABELS_SINGLE;
  ck_assert_int_eq(gazmap_render_buffer(bundled, &o, GAZMAP_FORMAT_PNG, &b, &lb), 0);
  ck_assert_msg(la != lb || memcmp(a, b, la), "single and dual labels render alike");
  free(b);
  o.labels = 7;
  ck_assert_int_eq(gazmap_render_buffer(bundled, &o, GAZMAP_FORMAT_PNG, &b, &lb), GAZMAP_EINVAL);
  free(a);
}
END_TEST

/* ---- 4. area labels inside their area, off the thematic areas -------------- */

/* 1 when every point of a grid over `box` lies inside feature `i` of `ml`. */
static int box_inside(cairo_t *cr, const gz_map_layer *ml, size_t i, const double box[4],
                      int want) {
  int gx, gy;
  cairo_new_path(cr);
  gz_feature_path(cr, ml, i, 1);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (gy = 0; gy <= 4; gy++) {
    for (gx = 0; gx <= 8; gx++) {
      double x = box[0] + (box[2] - box[0]) * gx / 8, y = box[1] + (box[3] - box[1]) * gy / 4;
      if (cairo_in_fill(cr, x, y) != want) {
        return 0;
      }
    }
  }
  return 1;
}

typedef struct country_case {
  const double *bbox;
  const char *iso, *text;
  int optional; /* the country may have no room for its label in the frame */
} country_case;

static const double nakhchivan_meghri[4] = {45.0, 38.8, 46.6, 39.6};

static const country_case country_cases[] = {
    {default_bbox, "AZ", "Azerbaijan", 0},   {default_bbox, "TR", "Turkey", 0},
    {karabakh_bbox, "AZ", "Azerbaijan", 0},  {nakhchivan_meghri, "AZ", "Azerbaijan", 0},
    {nakhchivan_meghri, "TR", "Turkey", 1}, /* a sliver at the corner: no label to straddle */
    {nakhchivan_meghri, "AM", "Armenia", 0}, {nakhchivan_meghri, "IR", "Iran", 0},
};

START_TEST(country_labels_lie_inside_their_country_off_thematic_areas) {
  const country_case *c = &country_cases[_i];
  test_map t;
  gz_labeler *lab;
  const gz_map_layer *countries, *pk, *ho;
  double box[4];
  size_t i, n;
  map_open(&t, c->bbox, "99991231", bundled, "countries,handover,peacekeeping");
  lab = place_labels(&t);
  countries = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("countries")));
  pk = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("peacekeeping")));
  ho = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("handover")));
  if (!placed_box(lab, c->text, box)) {
    ck_assert_msg(c->optional, "no label %s", c->text);
    goto done;
  }
  for (i = 0, n = gazmap_layer_count(countries->data); i < n; i++) {
    if (!strcmp(gazmap_layer_attr(countries->data, i, "iso_a2"), c->iso)) {
      ck_assert_msg(box_inside(t.m.cr, countries, i, box, 1), "%s straddles its border", c->text);
    }
  }
  for (i = 0; i < gazmap_layer_count(pk->data); i++) {
    ck_assert_msg(box_inside(t.m.cr, pk, i, box, 0), "%s lies over peacekeeping area %zu", c->text,
                  i);
  }
  for (i = 0; i < gazmap_layer_count(ho->data); i++) {
    ck_assert_msg(box_inside(t.m.cr, ho, i, box, 0), "%s lies over handover area %zu", c->text, i);
  }
done:
  gz_labeler_free(lab);
  map_close(&t);
}
END_TEST

/* A box fits only where it lies wholly inside the area: none for a label
 * wider than the fixture's Lachin district (0.35 degrees, about 65 px on
 * the default frame), and boxes inside it for a narrow one. */
typedef struct fit_case {
  double w, h;
  int fits;
} fit_case;

static const fit_case fit_cases[] = {{120, 16, 0}, {40, 16, 1}};

START_TEST(a_box_fits_only_wholly_inside_its_area) {
  const fit_case *c = &fit_cases[_i];
  test_map t;
  const gz_map_layer *ho;
  gz_area_feature f;
  double xy[2 * 8];
  size_t i, n;
  map_open(&t, default_bbox, "99991231", bundled, "handover");
  ho = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("handover")));
  f = (gz_area_feature){ho, 2}; /* lachin-district */
  ck_assert_str_eq(gazmap_layer_attr(ho->data, 2, "id"), "lachin-district");
  n = gz_area_fit(&t.m, gz_area_ink_feature, &f, ho, 2, c->w, c->h, 0, xy, 8);
  ck_assert_msg((n > 0) == c->fits, "%gx%g: %zu centres", c->w, c->h, n);
  for (i = 0; i < n; i++) {
    double box[4] = {xy[2 * i] - c->w / 2, xy[2 * i + 1] - c->h / 2, xy[2 * i] + c->w / 2,
                     xy[2 * i + 1] + c->h / 2};
    ck_assert_msg(box_inside(t.m.cr, ho, 2, box, 1), "centre %zu: the box leaves the district", i);
  }
  map_close(&t);
}
END_TEST

/* A region's label keeps inside its outline: Nagorno-Karabakh inside the
 * oblast of 1991. */
START_TEST(region_labels_lie_inside_their_region) {
  test_map t;
  gz_labeler *lab;
  const gz_map_layer *nkao;
  double box[4];
  map_open(&t, karabakh_bbox, "99991231", bundled, "nkao1991,places");
  lab = place_labels(&t);
  nkao = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("nkao1991")));
  ck_assert_msg(placed_box(lab, "Nagorno-Karabakh", box), "no region label");
  ck_assert_msg(box_inside(t.m.cr, nkao, 0, box, 1), "the label leaves the 1991 oblast");
  gz_labeler_free(lab);
  map_close(&t);
}
END_TEST

/* ---- 5. label density follows the frame -------------------------------------- */

/* Placed labels of villages that neither the text names nor the map
 * highlights, and whether any two placed labels overlap. */
static size_t plain_villages(const gz_labeler *lab, gazmap_gazetteer *g, int *overlap) {
  size_t i, j, n = gz_labeler_count(lab), villages = 0;
  double a[4], b[4];
  const char *ta, *tb;
  *overlap = 0;
  for (i = 0; i < n; i++) {
    size_t k;
    if (!gz_labeler_result(lab, i, &ta, a)) {
      continue;
    }
    for (j = i + 1; j < n; j++) {
      if (gz_labeler_result(lab, j, &tb, b) && a[0] < b[2] && b[0] < a[2] && a[1] < b[3] &&
          b[1] < a[3]) {
        *overlap = 1;
      }
    }
    /* A label names a plain village when no other kind of place of that
     * name (Aghdam the town) could be the one labelled. */
    {
      int village = 0, other = 0;
      for (k = 0; k < gazmap_gazetteer_count(g); k++) {
        const gazmap_place *p = gazmap_gazetteer_at(g, k);
        if (strcmp(gazmap_place_name(p), ta)) {
          continue;
        }
        if (gazmap_place_kind(p) == GAZMAP_KIND_VILLAGE && !gazmap_place_has_tag(p, "text")) {
          village = 1;
        } else {
          other = 1;
        }
      }
      villages += village && !other;
    }
  }
  return villages;
}

typedef struct density_case {
  const double *bbox;
  size_t min, max; /* placed plain villages */
} density_case;

static const density_case density_cases[] = {
    {default_bbox, 0, 0},     /* the overview stays uncluttered */
    {karabakh_bbox, 40, 400}, /* zoomed in, the villages are named */
};

START_TEST(label_density_follows_the_frame) {
  const density_case *c = &density_cases[_i];
  test_map t;
  gz_labeler *lab;
  size_t n;
  int overlap;
  map_open(&t, c->bbox, "99991231", region_set, "places");
  lab = place_labels(&t);
  n = plain_villages(lab, region_set, &overlap);
  ck_assert_msg(n >= c->min && n <= c->max, "%zu villages labelled, expected %zu to %zu", n, c->min,
                c->max);
  ck_assert_msg(!overlap, "two labels overlap");
  gz_labeler_free(lab);
  map_close(&t);
}
END_TEST

/* ---- 6. the Gazakh villages of article 2 ------------------------------------- */

START_TEST(gazakh_layer_holds_the_tagged_villages_with_their_status) {
  test_map t;
  gz_labeler *lab;
  const gz_map_layer *gz;
  char words[1024];
  double box[4];
  size_t i, n;
  map_open(&t, default_bbox, "99991231", region_set, "gazakh,places");
  gz = gz_map_find(&t.m, gz_layers_at((size_t)gz_layers_index("gazakh")));
  ck_assert_ptr_nonnull(gz);
  n = gazmap_layer_count(gz->data);
  ck_assert_uint_ge(n, 5);
  for (i = 0; i < n; i++) {
    const gazmap_place *p =
        gazmap_gazetteer_find_id(region_set, gazmap_layer_attr(gz->data, i, "id"));
    ck_assert_msg(p && gazmap_place_has_tag(p, "gazakh"), "%s is not tagged gazakh",
                  gazmap_layer_attr(gz->data, i, "id"));
  }
  lab = place_labels(&t);
  ck_assert_msg(placed_box(lab, "Barkhudarly", box), "Barkhudarly is not labelled");
  gz_legend_words_of(&t.m, GZ_LEGEND_HANDOVER, words, sizeof words);
  ck_assert_msg(strstr(words, "later status unknown"), "%s", words);
  ck_assert_msg(strstr(words, "2024 delimitation"), "%s", words);
  gz_labeler_free(lab);
  map_close(&t);
  /* Before the delimitation no village is shown as returned. */
  map_open(&t, default_bbox, "20211108", region_set, "gazakh");
  gz_legend_words_of(&t.m, GZ_LEGEND_HANDOVER, words, sizeof words);
  ck_assert_msg(!strstr(words, "2024 delimitation"), "%s", words);
  map_close(&t);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_ROWS(legend_separates_returned_from_taken, legend_cases),
      TU_TEST(legend_headings_name_both_sections),
      TU_ROWS(districts_say_their_date_inside_themselves, district_cases),
      TU_ROWS(places_whose_names_differ_by_side_get_both, dual_cases),
      TU_TEST(render_opts_choose_the_label_mode),
      TU_ROWS(country_labels_lie_inside_their_country_off_thematic_areas, country_cases),
      TU_ROWS(a_box_fits_only_wholly_inside_its_area, fit_cases),
      TU_TEST(region_labels_lie_inside_their_region),
      TU_ROWS(label_density_follows_the_frame, density_cases),
      TU_TEST(gazakh_layer_holds_the_tagged_villages_with_their_status),
  };
  tu_tcase tc = {.name = "labels",
                 .tests = TU_TESTS(tests),
                 .timeout = 120,
                 .setup = setup,
                 .teardown = teardown};
  return tu_main("labels", &tc, 1);
}
