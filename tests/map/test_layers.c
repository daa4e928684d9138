/* The layer registry: the public names, groups and error messages come from
 * it, every descriptor matches its data, the legend is generated from the
 * shown layers, and a new line layer with a date range and a legend row is
 * one descriptor that the paint order, the labels and the legend pick up. */
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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names, groups, messages -------------------------------------------- */

START_TEST(names_come_from_the_registry_in_its_order) {
  const char *const *names = gazmap_layer_names();
  size_t i, n = gz_layers_count();
  ck_assert_uint_ge(n, 1);
  for (i = 0; i < n; i++) {
    ck_assert_ptr_nonnull(names[i]);
    ck_assert_str_eq(names[i], gz_layers_at(i)->name);
    ck_assert(gazmap_layer_known(names[i]));
    ck_assert_int_eq(gz_layers_index(names[i]), (int)i);
  }
  ck_assert_ptr_null(names[n]);
  ck_assert_ptr_null(gz_layers_at(n));
  ck_assert(!gazmap_layer_known("caucasus"));
  ck_assert(!gazmap_layer_known(""));
}
END_TEST

START_TEST(every_descriptor_is_complete_and_named_once) {
  size_t i, j, n = gz_layers_count();
  for (i = 0; i < n; i++) {
    const gz_layer_def *d = gz_layers_at(i);
    ck_assert_msg(d->name && d->name[0], "layer %zu has no name", i);
    ck_assert_msg(d->geom >= GAZMAP_GEOM_POINT && d->geom <= GAZMAP_GEOM_POLYGON, "%s: geometry",
                  d->name);
    ck_assert_msg(d->paint[0].fn || d->label.fn, "%s neither paints nor labels", d->name);
    ck_assert_msg(!d->paint[1].fn || d->paint[0].fn, "%s: second paint step without a first",
                  d->name);
    ck_assert_msg(!d->legend.fn || (int)d->legend.section < GZ_LEGEND_COUNT_, "%s: section",
                  d->name);
    for (j = 0; j < i; j++) {
      ck_assert_msg(strcmp(gz_layers_at(j)->name, d->name), "%s is registered twice", d->name);
    }
  }
  for (i = 0; i < GZ_LEGEND_COUNT_; i++) {
    ck_assert_ptr_nonnull(gz_style_default()->words.legend_head[i]);
  }
}
END_TEST

/* The descriptor's geometry is what the bundled data holds. */
START_TEST(bundled_layers_have_the_declared_geometry) {
  gazmap_gazetteer *g = NULL;
  size_t i;
  ck_assert_int_eq(gazmap_gazetteer_open(&g, NULL), 0);
  for (i = 0; i < gz_layers_count(); i++) {
    const gz_layer_def *d = gz_layers_at(i);
    gazmap_layer *l = NULL;
    ck_assert_msg(gazmap_layer_open(&l, NULL, d->name, g) == 0, "%s: %s", d->name,
                  gazmap_error_last()->message);
    ck_assert_msg(gazmap_layer_geom(l) == d->geom, "%s holds geometry %d, its descriptor says %d",
                  d->name, (int)gazmap_layer_geom(l), (int)d->geom);
    /* A layer of tagged gazetteer rows (gazakh) is empty until the bundled
     * gazetteer includes data/region/, which holds them. */
    ck_assert_msg(gazmap_layer_count(l) > 0 || (d->source == GZ_SOURCE_GAZETTEER && d->tag),
                  "%s is empty", d->name);
    gazmap_layer_free(l);
  }
  gazmap_gazetteer_free(g);
}
END_TEST

static unsigned group_bits(gz_layer_group group) {
  unsigned bits = 0;
  size_t i;
  for (i = 0; i < gz_layers_count(); i++) {
    bits |= gz_layers_at(i)->group == group ? 1u << i : 0;
  }
  return bits;
}

static unsigned bit_of(const char *name) {
  return 1u << gz_layers_index(name);
}

START_TEST(groups_select_the_layers_that_name_them) {
  unsigned mask, all = (1u << gz_layers_count()) - 1;
  ck_assert_int_eq(gz_layers_parse("basemap", &mask), 0);
  ck_assert_uint_eq(mask, group_bits(GZ_GROUP_BASEMAP));
  ck_assert_uint_eq(mask, bit_of("countries") | bit_of("admin1") | bit_of("mainroads") |
                              bit_of("lakes") | bit_of("rivers"));
  ck_assert_int_eq(gz_layers_parse("thematic", &mask), 0);
  ck_assert_uint_eq(mask, group_bits(GZ_GROUP_THEMATIC));
  ck_assert_uint_eq(mask, bit_of("handover") | bit_of("peacekeeping") | bit_of("nkao1991") |
                              bit_of("loc1994") | bit_of("loc2020") | bit_of("patrols") |
                              bit_of("routes") | bit_of("sites") | bit_of("gazakh"));
  ck_assert_int_eq(gz_layers_parse("all", &mask), 0);
  ck_assert_uint_eq(mask, all);
  ck_assert_int_eq(gz_layers_parse(NULL, &mask), 0);
  ck_assert_uint_eq(mask, all);
  ck_assert_int_eq(gz_layers_parse("basemap,,places,", &mask), 0);
  ck_assert_uint_eq(mask, group_bits(GZ_GROUP_BASEMAP) | bit_of("places"));
  /* The public view of the same table. */
  ck_assert_str_eq(gazmap_layer_groups()[0], "basemap");
  ck_assert_str_eq(gazmap_layer_groups()[1], "thematic");
  ck_assert_ptr_null(gazmap_layer_groups()[2]);
  ck_assert_str_eq(gazmap_layer_group("rivers"), "basemap");
  ck_assert_str_eq(gazmap_layer_group("routes"), "thematic");
  ck_assert_ptr_null(gazmap_layer_group("places"));
  ck_assert_ptr_null(gazmap_layer_group("nosuch"));
}
END_TEST

/* The "known:" lists name every registered layer (and, for --layers, every
 * group and "all"), so they cannot fall behind the registry. */
START_TEST(unknown_layer_messages_list_every_known_name) {
  gazmap_layer *l = NULL;
  unsigned mask;
  char want[64];
  const char *msg;
  size_t i;
  ck_assert_int_eq(gz_layers_parse("countries,nosuch", &mask), GAZMAP_ENOTFOUND);
  msg = gazmap_error_last()->message;
  ck_assert_msg(strstr(msg, "unknown layer 'nosuch'"), "%s", msg);
  for (i = 0; i < gz_layers_count(); i++) {
    snprintf(want, sizeof want, " %s ", gz_layers_at(i)->name);
    ck_assert_msg(strstr(msg, want), "'%s' lacks%s", msg, want);
  }
  ck_assert_msg(strstr(msg, " basemap thematic all)"), "%s", msg);
  ck_assert_int_eq(gazmap_layer_open(&l, NULL, "nosuch", NULL), GAZMAP_ENOTFOUND);
  msg = gazmap_error_last()->message;
  for (i = 0; i < gz_layers_count(); i++) {
    ck_assert_msg(strstr(msg, gz_layers_at(i)->name), "'%s' lacks %s", msg, gz_layers_at(i)->name);
  }
}
END_TEST

/* ---- a map assembled by hand ------------------------------------------------- */

/* A 1600 x 1200 map of the default frame on `date` (YYYYMMDD), no layers. */
static void map_init(gz_map *m, const char *date) {
  static const double bbox[4] = {43.4, 38.3, 48.6, 41.4};
  fx_map_frame(m, bbox, date);
  m->title = m->st->words.title;
  m->subtitle = m->st->words.subtitle;
  m->crs_label = m->st->words.crs_label;
}

/* Puts descriptor `def` in slot `slot` with the fixture's features. */
static void map_add(gz_map *m, size_t slot, const gz_layer_def *def) {
  m->layer[slot].def = def;
  ck_assert_msg(gz_map_layer_load(m, &m->layer[slot], shapes) == 0, "%s: %s", def->name,
                gazmap_error_last()->message);
}

static void map_free(gz_map *m) {
  size_t i;
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    gazmap_layer_free(m->layer[i].data);
    free(m->layer[i].page);
  }
  gz_proj_free(m->proj);
}

/* The legend's height (a dry run, as the legend piece measures it). */
static double legend_height(gz_map *m) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 16, 16);
  double h;
  m->cr = cairo_create(s);
  ck_assert_int_eq(gz_typo_new(&m->typo, m->cr, m->st, 1.0), 0);
  h = gz_legend_draw(m, 0, 0, 300, 1);
  gz_typo_free(m->typo);
  cairo_destroy(m->cr);
  cairo_surface_destroy(s);
  m->typo = NULL;
  m->cr = NULL;
  return h;
}

/* A section is shown when any of its layers has a row: the district
 * boundaries alone get the "Base map" heading and their row (the legend
 * used to stay empty for --layers admin1). */
START_TEST(legend_shows_every_shown_layer_with_a_row) {
  gz_map m;
  double none, admin1, both;
  map_init(&m, "99991231");
  none = legend_height(&m);
  map_add(&m, (size_t)gz_layers_index("admin1"), gz_layers_at(gz_layers_index("admin1")));
  admin1 = legend_height(&m);
  map_add(&m, (size_t)gz_layers_index("rivers"), gz_layers_at(gz_layers_index("rivers")));
  both = legend_height(&m);
  ck_assert_msg(none == 0, "a map without layers has a legend %g high", none);
  ck_assert_msg(admin1 > 0, "admin1 alone has no legend");
  ck_assert_msg(both > admin1, "rivers add no row (%g, then %g)", admin1, both);
  map_free(&m);
}
END_TEST

/* Rows follow the date: the patrol line's row exists from the statement on. */
START_TEST(legend_rows_follow_the_date) {
  gz_map before, after;
  size_t i = (size_t)gz_layers_index("patrols");
  map_init(&before, "20201101");
  map_init(&after, "20201201");
  map_add(&before, i, gz_layers_at(i));
  map_add(&after, i, gz_layers_at(i));
  ck_assert(legend_height(&before) == 0);
  ck_assert(legend_height(&after) > 0);
  map_free(&before);
  map_free(&after);
}
END_TEST

/* The lines of the conflict are on the map on their dates: the 1991 oblast
 * from 1923 on, the lines of contact from their start and, on a map of a
 * chosen date, until their end; the undated map shows every line begun. */
typedef struct period_case {
  const char *layer, *date;
  int dated, shown;
} period_case;

static const period_case period_cases[] = {
    {"nkao1991", "19000101", 1, 0}, {"nkao1991", "19300101", 1, 1}, {"nkao1991", "20211108", 1, 1},
    {"nkao1991", "99991231", 0, 1}, {"loc1994", "19930101", 1, 0},  {"loc1994", "20000101", 1, 1},
    {"loc1994", "20211108", 1, 0},  {"loc1994", "99991231", 0, 1},  {"loc2020", "20201101", 1, 0},
    {"loc2020", "20210101", 1, 1},  {"loc2020", "20240101", 1, 0},  {"loc2020", "99991231", 0, 1},
};

START_TEST(conflict_lines_follow_their_dates) {
  const period_case *c = &period_cases[_i];
  gz_map m;
  size_t i = (size_t)gz_layers_index(c->layer);
  map_init(&m, c->date);
  m.dated = c->dated;
  map_add(&m, i, gz_layers_at(i));
  ck_assert_msg(gz_any_visible(&m, &m.layer[i]) == c->shown, "%s on %s (dated %d): shown %d",
                c->layer, c->date, c->dated, !c->shown);
  ck_assert_msg((legend_height(&m) > 0) == c->shown, "%s on %s: legend row wrong", c->layer,
                c->date);
  map_free(&m);
}
END_TEST

/* ---- a new layer is one file -------------------------------------------------
 * From here to the descriptor is all a file src/map/layers/<name>.c holds
 * for a line layer with a date range and a legend row, like the conflict
 * lines of the next issue (the 1994 line of contact is the model); in the
 * library its stroke and words are entries of the style table, and the
 * layer is one more line of layers.c's table.  It reads the fixture's
 * patrols.shp: any line shapefile serves. */

static const gz_stroke contact_stroke = {{230 / 255.0, 26 / 255.0, 153 / 255.0, 1}, 4.0, {0, 0}};

/* The line of the May 1994 ceasefire, until the statement of 10 Nov 2020. */
static int contact_visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  (void)ml, (void)i;
  return gz_date_reached(m, "19940512") && !gz_date_reached(m, "20201110");
}

static void contact_paint(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, &contact_stroke, 0);
}

static void contact_legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    gz_legend_add(lg, gz_swatch_line, &contact_stroke, "Line of contact, 1994-2020", NULL);
  }
}

static const gz_layer_def contact_layer = {
    .name = "patrols",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_LINE,
    .visible = contact_visible,
    .paint = {{contact_paint, 85}},
    .label = {gz_label_lines, GZ_TEXT_PATROL, 35, NULL},
    .legend = {contact_legend, GZ_LEGEND_PEACEKEEPING, 9},
};

/* ---- ...and the map picks it up ----------------------------------------------- */

static int is_contact_colour(cairo_surface_t *s, int x, int y) {
  const unsigned char *d = cairo_image_surface_get_data(s);
  uint32_t px = *(const uint32_t *)(d + y * cairo_image_surface_get_stride(s) + 4 * x);
  int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
  return abs(r - 230) < 12 && abs(g - 26) < 12 && abs(b - 153) < 12;
}

/* Pixels of the layer's colour in the rectangle x, y, w, h. */
static int count_contact(cairo_surface_t *s, const double *r) {
  int x, y, n = 0;
  for (y = (int)r[1]; y < (int)(r[1] + r[3]) && y < PAGE_H; y++) {
    for (x = (int)r[0]; x < (int)(r[0] + r[2]) && x < PAGE_W; x++) {
      n += is_contact_colour(s, x, y);
    }
  }
  return n;
}

typedef struct contact_case {
  const char *date;
  int shown;
} contact_case;

static const contact_case contact_cases[] = {
    {"19930101", 0}, {"19940512", 1}, {"20201109", 1}, {"20201110", 0}, {"99991231", 0}};

START_TEST(a_new_line_layer_is_painted_and_listed_on_its_dates) {
  const contact_case *c = &contact_cases[_i];
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, PAGE_W, PAGE_H);
  gz_map m;
  int on_map, in_legend;
  map_init(&m, c->date);
  map_add(&m, 0, &contact_layer);
  ck_assert_int_eq(gz_draw_map(&m, s), 0);
  on_map = count_contact(s, m.lay.map);
  in_legend = count_contact(s, m.lay.panel);
  if (c->shown) {
    ck_assert_msg(on_map > 20 && in_legend > 20,
                  "%s: the line has %d pixels on the map and %d in the legend", c->date, on_map,
                  in_legend);
  } else {
    ck_assert_msg(on_map == 0 && in_legend == 0,
                  "%s: outside its dates, %d pixels on the map and %d in the legend", c->date,
                  on_map, in_legend);
  }
  cairo_surface_destroy(s);
  map_free(&m);
}
END_TEST

int main(void) {
  tu_test registry[] = {TU_TEST(names_come_from_the_registry_in_its_order),
                        TU_TEST(every_descriptor_is_complete_and_named_once),
                        TU_TEST(bundled_layers_have_the_declared_geometry),
                        TU_TEST(groups_select_the_layers_that_name_them),
                        TU_TEST(unknown_layer_messages_list_every_known_name)};
  tu_test map[] = {TU_TEST(legend_shows_every_shown_layer_with_a_row),
                   TU_TEST(legend_rows_follow_the_date),
                   TU_ROWS(conflict_lines_follow_their_dates, period_cases),
                   TU_ROWS(a_new_line_layer_is_painted_and_listed_on_its_dates, contact_cases)};
  tu_tcase tcases[] = {
      {"registry", TU_TESTS(registry), 0, NULL, NULL, NULL, NULL},
      {"map", TU_TESTS(map), 0, fx_setup, fx_teardown, NULL, NULL},
  };
  return tu_main("layers", TU_TESTS(tcases));
}
