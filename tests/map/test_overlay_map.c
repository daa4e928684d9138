/* Overlays on the map (overlay_draw.c): painted where their points project,
 * labelled by the map's labeler beside their markers, one legend row each,
 * their attribution in the credits. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "map/furniture.h"
#include "map/legend.h"
#include "map/overlay_internal.h"
#include "map/render_internal.h"
#include "map_fixture.h"
#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Shusha and Aghdam as data/gazetteer.tsv has them (GeoNames, CC BY 4.0). */
static const char towns[] = "name,lat,lon,marker-color\n"
                            "Shusha,39.76006,46.74989,#ff0000\n"
                            "Aghdam,39.99096,46.92736,\n";

typedef struct test_map {
  gz_map m;
  cairo_surface_t *s;
  gazmap_overlay *ov[2];
  const gazmap_overlay *ovs[2];
} test_map;

static gazmap_overlay *read_overlay(const char *text, const char *attribution) {
  char *path = tu_write_temp(text, strlen(text), ".csv");
  gazmap_overlay_opts o = GAZMAP_OVERLAY_OPTS_INIT;
  gazmap_overlay *ov = NULL;
  o.attribution = attribution;
  ck_assert_ptr_nonnull(path);
  ck_assert_msg(gazmap_overlay_read(&ov, path, &o) == 0, "%s", gazmap_error_last()->message);
  remove(path);
  free(path);
  return ov;
}

/* A map of Karabakh with no layers and `n` overlays of the towns. */
static void map_open(test_map *t, size_t n) {
  static const double bbox[4] = {46.2, 39.3, 47.4, 40.4};
  gz_map *m = &t->m;
  size_t i;
  memset(t, 0, sizeof *t);
  fx_map_frame(m, bbox, "99991231");
  m->crs_label = m->st->words.crs_label;
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    m->layer[i].def = i < gz_layers_count() ? gz_layers_at(i) : gz_layers_at(0);
  }
  for (i = 0; i < n; i++) {
    t->ov[i] = read_overlay(towns, i == 0 ? "survey, CC0" : NULL);
    t->ovs[i] = t->ov[i];
  }
  m->overlays = t->ovs;
  m->n_overlays = n;
  ck_assert_int_eq(gz_overlays_project(m), 0);
  fx_map_page(m, &t->s);
}

static void map_close(test_map *t) {
  size_t i;
  gz_overlays_free(&t->m);
  for (i = 0; i < 2; i++) {
    gazmap_overlay_free(t->ov[i]);
  }
  fx_map_free(&t->m, t->s);
}

/* Where Shusha lands on the page. */
static void shusha_xy(test_map *t, double *x, double *y) {
  double xy[2] = {46.74989, 39.76006};
  gz_proj_fwd(t->m.proj, xy, 1);
  gz_frame_apply(&t->m.frame, xy[0], xy[1], x, y);
}

START_TEST(marker_painted_at_the_point) {
  test_map t;
  double x, y;
  unsigned char *px;
  map_open(&t, 1);
  gz_overlays_paint(&t.m);
  cairo_surface_flush(t.s);
  shusha_xy(&t, &x, &y);
  px =
      cairo_image_surface_get_data(t.s) + (int)y * cairo_image_surface_get_stride(t.s) + 4 * (int)x;
  /* ARGB32 in native order: B, G, R, A on little-endian machines. */
  ck_assert_msg(px[2] > 200 && px[1] < 40 && px[0] < 40 && px[3] == 255,
                "pixel at Shusha (%d, %d) is r%d g%d b%d a%d, not the red marker", (int)x, (int)y,
                px[2], px[1], px[0], px[3]);
  map_close(&t);
}
END_TEST

START_TEST(label_beside_the_marker) {
  test_map t;
  gz_labeler *lab = NULL;
  const double *map;
  double x, y, box[4] = {0}, r, gap;
  const char *text;
  size_t i;
  int found = 0;
  map_open(&t, 1);
  map = t.m.lay.map;
  ck_assert_int_eq(gz_labeler_new(&lab, t.m.typo, t.m.st, 1.0, map[0] + 2, map[1] + 2,
                                  map[0] + map[2] - 2, map[1] + map[3] - 2),
                   0);
  ck_assert_int_eq(gz_overlays_label(&t.m, lab), 0);
  ck_assert_int_eq(gz_labeler_run(lab, t.m.cr), 0);
  for (i = 0; i < gz_labeler_count(lab) && !found; i++) {
    found = gz_labeler_result(lab, i, &text, box) && !strcmp(text, "Shusha");
  }
  ck_assert_msg(found, "Shusha's label was not placed");
  shusha_xy(&t, &x, &y);
  r = t.m.st->overlay_marker[1];
  /* Beside the marker: its nearest edge clear of the marker, and within a
   * few pixels of it. */
  gap = hypot(fmax(0, fmax(box[0] - x, x - box[2])), fmax(0, fmax(box[1] - y, y - box[3])));
  ck_assert_msg(gap > r && gap < r + 12, "label %g,%g-%g,%g is %g px from its marker at %g,%g",
                box[0], box[1], box[2], box[3], gap, x, y);
  gz_labeler_free(lab);
  map_close(&t);
}
END_TEST

START_TEST(credits_end_with_the_attribution) {
  test_map t;
  char credits[2048];
  map_open(&t, 2);
  gz_map_credits(&t.m, credits, sizeof credits);
  ck_assert_msg(strstr(credits, "Sources: Natural Earth") == credits, "%s", credits);
  ck_assert_msg(strstr(credits, "endorsement. Added data: survey, CC0.") != NULL, "%s", credits);
  map_close(&t);
}
END_TEST

/* ---- the credits wrap to the page ------------------------------------------- */

/* Attributions a user may give: a long sentence, and one unbreakable word
 * longer than any page is wide (a URL, a mistake). */
static const char long_attribution[] =
    "(c) OpenStreetMap contributors, ODbL 1.0; field survey of the Example Mission of 2021 "
    "with photographs, CC BY-SA 4.0; boundaries digitised from the 1:200,000 General Staff "
    "sheets K-38-XII and J-38-VI";

static char unbreakable[1200];

/* The credits of `lang`'s map on a W x H page with an overlay attributed to
 * `attribution` (NULL: no overlay), laid out as render.c lays out the page:
 * their ink lies inside the page and under the map frame, the pieces
 * around the map stay apart, and whatever fits in the band's lines is
 * shown whole. */
static void check_credits_fit(const char *lang, int W, int H, const char *attribution) {
  gz_map m;
  gazmap_overlay *ov = attribution ? read_overlay(towns, attribution) : NULL;
  const gazmap_overlay *ovs[1] = {ov};
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
  double ink[4], map_bottom, room = 0.5;
  int lines, cut;
  const char *what = !attribution ? "none" : attribution == unbreakable ? "unbreakable" : "long";

  memset(&m, 0, sizeof m);
  m.st = gz_style_for_lang(lang);
  m.crs_label = m.st->words.crs_label;
  m.overlays = ovs;
  m.n_overlays = ov ? 1 : 0;
  gz_layout_compute(&m.lay, m.st, W, H, gz_layout_scale(W, H, 96), 0);
  ck_assert_int_eq(gz_layout_fit_text(&m), 0);
  m.cr = cairo_create(s);
  ck_assert_int_eq(gz_typo_new(&m.typo, m.cr, m.st, m.lay.k), 0);
  gz_furniture_credits_box(&m, ink, &lines, &cut);
  map_bottom = m.lay.map[1] + m.lay.map[3] + m.st->tick_label_room * m.lay.k;
  ck_assert_msg(ink[0] >= -room && ink[0] + ink[2] <= W + room && ink[3] > 0 &&
                    ink[1] + ink[3] <= H + room,
                "%s %dx%d, attribution %s: credits' ink %.1f,%.1f %.1fx%.1f (%d lines) leaves "
                "the page",
                lang, W, H, what, ink[0], ink[1], ink[2], ink[3], lines);
  ck_assert_msg(ink[1] >= map_bottom - room,
                "%s %dx%d, attribution %s: credits' top %.1f is over the map frame and its "
                "ticks (%.1f)",
                lang, W, H, what, ink[1], map_bottom);
  ck_assert_msg(gz_pieces_disjoint(&m), "%s %dx%d: pieces overlap", lang, W, H);
  ck_assert_msg(!cut || attribution == unbreakable, "%s %dx%d, attribution %s: cut in %d lines",
                lang, W, H, what, lines);
  gz_typo_free(m.typo);
  cairo_destroy(m.cr);
  cairo_surface_destroy(s);
  gz_overlays_free(&m);
  gazmap_overlay_free(ov);
}

START_TEST(credits_wrap_inside_the_page) {
  static const char *const langs[] = {"en", "ru", "hy", "az", "tr"};
  static const int pages[][2] = {{800, 600}, {1600, 1200}, {3000, 2000}, {480, 360}};
  const char *attributions[] = {NULL, long_attribution, unbreakable};
  size_t l, p, a;
  memcpy(unbreakable, "https://example.org/", 20);
  memset(unbreakable + 20, 'x', sizeof unbreakable - 21);
  for (l = 0; l < sizeof langs / sizeof langs[0]; l++) {
    for (p = 0; p < sizeof pages / sizeof pages[0]; p++) {
      for (a = 0; a < 3; a++) {
        check_credits_fit(langs[l], pages[p][0], pages[p][1], attributions[a]);
      }
    }
  }
}
END_TEST

/* The long attribution does take more than one line on a small page: the
 * check above is about wrapped credits, not only one-line ones. */
START_TEST(long_credits_take_several_lines) {
  gz_map m;
  gazmap_overlay *ov = read_overlay(towns, long_attribution);
  const gazmap_overlay *ovs[1] = {ov};
  double one_line_map_h;
  memset(&m, 0, sizeof m);
  m.st = gz_style_default();
  m.crs_label = m.st->words.crs_label;
  m.overlays = ovs;
  m.n_overlays = 1;
  gz_layout_compute(&m.lay, m.st, 800, 600, gz_layout_scale(800, 600, 96), 0);
  one_line_map_h = m.lay.map[3];
  ck_assert_int_eq(gz_layout_fit_text(&m), 0);
  ck_assert_msg(m.lay.map[3] < one_line_map_h - 2 * m.st->text[GZ_TEXT_CREDITS].size * m.lay.k,
                "map frame %.1f high with wrapped credits, %.1f with one line", m.lay.map[3],
                one_line_map_h);
  gz_overlays_free(&m);
  gazmap_overlay_free(ov);
}
END_TEST

/* The legend gets a heading and a row per overlay: it grows by one heading
 * and a row for the first overlay, by a row for the second. */
START_TEST(legend_row_per_overlay) {
  test_map t;
  double h[3];
  size_t n;
  for (n = 0; n < 3; n++) {
    map_open(&t, n);
    h[n] = gz_legend_draw(&t.m, 0, 0, 300, 1);
    map_close(&t);
  }
  ck_assert_msg(h[0] == 0, "an empty map's legend is %g high", h[0]);
  ck_assert_msg(h[1] > h[0] + t.m.st->legend_swatch_h, "one overlay: %g", h[1]);
  ck_assert_msg(h[2] - h[1] >= t.m.st->legend_swatch_h && h[2] - h[1] < h[1],
                "two overlays: %g after %g", h[2], h[1]);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_TEST(marker_painted_at_the_point),      TU_TEST(label_beside_the_marker),
      TU_TEST(credits_end_with_the_attribution), TU_TEST(legend_row_per_overlay),
      TU_TEST(credits_wrap_inside_the_page),     TU_TEST(long_credits_take_several_lines)};
  return tu_main_tests("overlay_map", 0, TU_TESTS(tests));
}
