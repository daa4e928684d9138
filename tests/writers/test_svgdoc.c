/* The semantic SVG document (writers/svgdoc.h) under the SVG writer: paths
 * drawn through the paint operators come out rounded to tenths with relative
 * moves, a stroke of the path just filled joins the fill's element, and a
 * painter that calls cairo itself on the page makes the render fail instead
 * of leaving its ink out of the file. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "map/paint.h"
#include "testutil.h"
#include "writers/writer.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const gz_page_info page = {.width = 640,
                                  .height = 480,
                                  .title = "A map",
                                  .desc = "What it shows",
                                  .prefix = "t-",
                                  .lang = "en",
                                  .font = "DejaVu Sans"};

typedef void (*draw_fn)(cairo_t *cr);

/* Draws with `draw` on a fresh SVG target and finishes it: the writer's
 * status, and the document in *svg (caller frees) when it succeeded. */
static int draw_svg(draw_fn draw, char **svg) {
  gz_target t;
  unsigned char *out = NULL;
  size_t len = 0;
  cairo_t *cr;
  int rc;
  memset(&t, 0, sizeof t);
  ck_assert_int_eq(gz_svg_writer.surface_new(&t, &page), 0);
  cr = cairo_create(t.surface);
  draw(cr);
  cairo_destroy(cr);
  rc = gz_svg_writer.finish(&t, &page, &out, &len);
  gz_target_free(&t);
  *svg = rc == 0 ? strndup((const char *)out, len) : NULL;
  free(out);
  return rc;
}

static void red_box(cairo_t *cr) {
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 10.04, 20, 30, 40);
  gz_fill_path(cr);
}

static void thin_line(cairo_t *cr) {
  cairo_set_source_rgba(cr, 0, 0, 1, 0.5);
  cairo_set_line_width(cr, 2);
  cairo_move_to(cr, 0.04, 0.06);
  cairo_line_to(cr, 1.26, -2.5);
  cairo_line_to(cr, 1.26, -2.5); /* nothing new: written once */
  gz_stroke_path(cr);
}

static void outlined_box(cairo_t *cr) {
  cairo_set_source_rgb(cr, 0, 1, 0);
  cairo_rectangle(cr, 1, 2, 3, 4);
  gz_fill_path_preserve(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.5);
  gz_stroke_path(cr);
}

static void scaled_dash(cairo_t *cr) {
  double dash[2] = {2, 1};
  cairo_scale(cr, 2, 2);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1);
  cairo_set_dash(cr, dash, 2, 0);
  cairo_move_to(cr, 5, 5);
  cairo_line_to(cr, 10, 5);
  gz_stroke_path(cr);
}

typedef struct path_case {
  const char *what;
  draw_fn draw;
  const char *element; /* the element the document must hold */
} path_case;

static const path_case path_cases[] = {
    {"a filled box, its corner rounded to a tenth", red_box,
     "<path d=\"M10 20l30 0 0 40-30 0z\" fill=\"#ff0000\"/>"},
    {"a stroke, relative moves in tenths, a repeated point dropped", thin_line,
     "<path d=\"M0 .1l1.3-2.6\" stroke=\"#0000ff\" stroke-opacity=\"0.5\" stroke-width=\"2\"/>"},
    {"fill and outline of one path in one element", outlined_box,
     "<path d=\"M1 2l3 0 0 4-3 0z\" fill=\"#00ff00\" stroke=\"#000000\" stroke-width=\"0.5\"/>"},
    {"a scaled context: page coordinates, width and dashes", scaled_dash,
     "<path d=\"M10 10l10 0\" stroke=\"#000000\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/>"},
};

START_TEST(paths_are_written_in_page_tenths) {
  const path_case *c = &path_cases[_i];
  char *svg = NULL;
  ck_assert_msg(draw_svg(c->draw, &svg) == 0, "%s: %s", c->what, gazmap_error_last()->message);
  ck_assert_msg(strstr(svg, c->element) != NULL, "%s: no %s in\n%s", c->what, c->element, svg);
  free(svg);
}
END_TEST

static void around_the_document(cairo_t *cr) {
  cairo_set_source_rgb(cr, 1, 0, 0);
  cairo_rectangle(cr, 100, 100, 50, 50);
  cairo_fill(cr);
}

START_TEST(a_painter_that_calls_cairo_itself_fails_the_render) {
  char *svg = NULL;
  ck_assert_int_eq(draw_svg(around_the_document, &svg), GAZMAP_ERENDER);
  ck_assert_str_eq(gazmap_error_last()->message,
                   "SVG: a painter drew around the SVG document (at 100,100, 50 x 50)");
  ck_assert_ptr_null(svg);
}
END_TEST

static void grouped(cairo_t *cr) {
  gz_group_begin(cr, "layer-x", "layer x");
  red_box(cr);
  gz_group_end(cr);
}

START_TEST(groups_carry_the_prefixed_id_and_the_class) {
  char *svg = NULL;
  ck_assert_int_eq(draw_svg(grouped, &svg), 0);
  ck_assert_msg(strstr(svg, "<g id=\"t-layer-x\" class=\"layer x\">\n<path d=\"M10 20") != NULL,
                "no group around the box in\n%s", svg);
  ck_assert_msg(strstr(svg, "role=\"img\" aria-labelledby=\"t-title t-desc\" lang=\"en\"") != NULL,
                "no role, labels or lang on the root in\n%s", svg);
  free(svg);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(paths_are_written_in_page_tenths, path_cases),
                     TU_TEST(a_painter_that_calls_cairo_itself_fails_the_render),
                     TU_TEST(groups_carry_the_prefixed_id_and_the_class)};
  tu_tcase tc = {.name = "document", .tests = TU_TESTS(tests)};
  return tu_main("svgdoc", &tc, 1);
}
