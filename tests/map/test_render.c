/* The renderer: every format renders and reads back; known features have
 * their style at their projected positions; the date changes exactly the
 * region handed over; SVG ids are prefixed and unique; bad input fails
 * cleanly with no file left behind. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/layer.h"

#include "map/furniture.h"
#include "map/label_internal.h"
#include "map/legend.h"
#include "map/project_internal.h"
#include "map/render_internal.h"
#include "map/style_internal.h"
#include "render_fixture.h"
#include "testutil.h"
#include "writers/writer.h"

#include <cairo.h>
#include <check.h>
#include <math.h>
#include <proj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gazmap_gazetteer *gaz;

static void setup(void) {
  ck_assert_msg(gazmap_gazetteer_open(&gaz, NULL) == 0, "gazetteer: %s",
                gazmap_error_last()->message);
  fx_setup();
}

static void teardown(void) {
  gazmap_gazetteer_free(gaz);
  fx_teardown();
}

static gazmap_render_opts fixture_opts(void) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  o.shapes_dir = shapes;
  return o;
}

/* ---- reading PNGs back ------------------------------------------------------ */

typedef struct reader {
  const unsigned char *data;
  size_t len, pos;
} reader;

static cairo_status_t read_mem(void *closure, unsigned char *out, unsigned int n) {
  reader *r = closure;
  if (r->len - r->pos < n) {
    return CAIRO_STATUS_READ_ERROR;
  }
  memcpy(out, r->data + r->pos, n);
  r->pos += n;
  return CAIRO_STATUS_SUCCESS;
}

/* Renders `o` to PNG and decodes it with cairo; caller destroys. */
static cairo_surface_t *render_png(const gazmap_render_opts *o) {
  unsigned char *data = NULL;
  size_t len = 0;
  reader r;
  cairo_surface_t *s;
  int rc = gazmap_render_buffer(gaz, o, GAZMAP_FORMAT_PNG, &data, &len);
  ck_assert_msg(rc == 0, "render failed: %s", gazmap_error_last()->message);
  r = (reader){data, len, 0};
  s = cairo_image_surface_create_from_png_stream(read_mem, &r);
  free(data);
  ck_assert_msg(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "PNG does not decode: %s",
                cairo_status_to_string(cairo_surface_status(s)));
  return s;
}

typedef struct rgb {
  int r, g, b;
} rgb;

static rgb pixel(cairo_surface_t *s, int x, int y) {
  const unsigned char *d = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  uint32_t v;
  memcpy(&v, d + (size_t)y * stride + 4 * (size_t)x, 4);
  return (rgb){(int)(v >> 16 & 255), (int)(v >> 8 & 255), (int)(v & 255)};
}

static rgb to_rgb(gz_rgba c) {
  return (rgb){(int)lround(c.r * 255), (int)lround(c.g * 255), (int)lround(c.b * 255)};
}

static int near_rgb(rgb a, rgb b, int tol) {
  return abs(a.r - b.r) <= tol && abs(a.g - b.g) <= tol && abs(a.b - b.b) <= tol;
}

static void locate(const gazmap_render_opts *o, double lon, double lat, int *x, int *y) {
  double fx, fy;
  ck_assert_msg(gazmap_render_locate(o, GAZMAP_FORMAT_PNG, lon, lat, &fx, &fy) == 0, "locate: %s",
                gazmap_error_last()->message);
  *x = (int)floor(fx);
  *y = (int)floor(fy);
}

/* Mean redness (r - g) of a square window: the handover styles are red. */
static double redness(cairo_surface_t *s, int cx, int cy, int half) {
  double sum = 0;
  int x, y, n = 0;
  for (y = cy - half; y <= cy + half; y++) {
    for (x = cx - half; x <= cx + half; x++) {
      rgb p = pixel(s, x, y);
      sum += p.r - p.g;
      n++;
    }
  }
  return sum / n;
}

/* ---- gazmap's own PNG encoder ------------------------------------------------ */

typedef struct png_case {
  int w, h;
  int kind; /* 0 noise, 1 flat, 2 stripes and gradients, 3 noise in the unused byte too */
} png_case;

/* One zlib stream fed 16 rows at a time: the taller cases take many calls
 * to the compressor, and odd widths check the last pixel of each row (the
 * filter writes 4 bytes a pixel and lets the next overwrite the fourth). */
static const png_case png_cases[] = {{1, 1, 0},     {7, 3, 0},     {300, 200, 0}, {1000, 10, 1},
                                     {257, 130, 2}, {2000, 40, 2}, {300, 256, 0}, {1601, 513, 2},
                                     {64, 1201, 1}, {800, 600, 0}, {33, 17, 3},   {1, 40, 3}};

/* Encodes an image, decodes it with cairo (libpng, which checks every CRC
 * and zlib the Adler-32), and wants every pixel back exactly: noise (no
 * matches), flat (long runs), gradients (mixed). */
START_TEST(png_encoder_round_trips_through_libpng) {
  const png_case *c = &png_cases[_i];
  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, c->w), x, y, bad = 0;
  unsigned char *img = malloc((size_t)stride * c->h), *copy = malloc((size_t)stride * c->h);
  gz_buf out = {0};
  uint32_t seed = 12345;
  reader r;
  cairo_surface_t *s;

  for (y = 0; y < c->h; y++) {
    for (x = 0; x < c->w; x++) {
      uint32_t v;
      seed = seed * 1103515245u + 12345u;
      v = c->kind == 0   ? seed >> 8
          : c->kind == 1 ? 0x00c0ffeeu
          : c->kind == 3 ? seed
                         : (uint32_t)((x / 7 % 2) * 0xff0000 + (y * 3 % 256) * 0x100 + x % 256);
      memcpy(img + (size_t)y * stride + 4 * (size_t)x, &v, 4);
    }
  }
  memcpy(copy, img, (size_t)stride * c->h);
  ck_assert_int_eq(gz_png_encode(copy, c->w, c->h, stride, &out), 0);
  r = (reader){out.data, out.len, 0};
  s = cairo_image_surface_create_from_png_stream(read_mem, &r);
  ck_assert_msg(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, "%dx%d: libpng refuses it: %s",
                c->w, c->h, cairo_status_to_string(cairo_surface_status(s)));
  for (y = 0; y < c->h; y++) {
    for (x = 0; x < c->w; x++) {
      uint32_t want, got;
      memcpy(&want, img + (size_t)y * stride + 4 * (size_t)x, 4);
      memcpy(&got,
             cairo_image_surface_get_data(s) + (size_t)y * cairo_image_surface_get_stride(s) +
                 4 * (size_t)x,
             4);
      bad += (want & 0xffffff) != (got & 0xffffff);
    }
  }
  ck_assert_msg(bad == 0, "%dx%d kind %d: %d pixels differ", c->w, c->h, c->kind, bad);
  cairo_surface_destroy(s);
  free(out.data);
  free(img);
  free(copy);
}
END_TEST

/* ---- the page around the map, drawn by two threads ------------------------- */

/* Two threads draw the titles, inset, legend and credits at once only if
 * their rectangles overlap neither each other nor the map frame: the
 * page sizes and resolutions a user may ask for keep them apart. */
START_TEST(pieces_around_the_map_never_overlap) {
  static const struct {
    int w, h;
    double dpi;
  } pages[] = {{480, 360, 96},    {800, 600, 96},  {1600, 1200, 96}, {1600, 1200, 300},
               {4000, 3000, 200}, {3000, 480, 96}, {480, 3000, 96},  {1200, 1600, 150},
               {10000, 8000, 96}, {640, 480, 192}};
  size_t i;
  for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
    gz_map m;
    double k = gz_layout_scale(pages[i].w, pages[i].h, pages[i].dpi);
    memset(&m, 0, sizeof m);
    m.st = gz_style_default();
    gz_layout_compute(&m.lay, m.st, pages[i].w, pages[i].h, k, 0);
    ck_assert_msg(gz_pieces_disjoint(&m), "%dx%d at %g dpi: pieces overlap", pages[i].w, pages[i].h,
                  pages[i].dpi);
  }
}
END_TEST

/* Title and subtitle wrap onto a second line before they are cut (the
 * dated subtitle, the longest, in every language, on small and default
 * pages, the report's map among them; only on the smallest page is one
 * still cut, after its second line), and the map frame moves down to
 * keep under them; the Armenian one does take two lines at 800 x 600, and
 * the default page keeps one line each. */
START_TEST(titles_wrap_above_the_map) {
  static const char *const langs[] = {"en", "ru", "hy", "az", "tr"};
  static const struct {
    int w, h, below;
  } pages[] = {{800, 600, 0}, {480, 360, 0}, {1600, 1200, 0}, {760, 1330, 1}};
  size_t l, p;
  int two_lines = 0;
  for (l = 0; l < sizeof langs / sizeof *langs; l++) {
    for (p = 0; p < sizeof pages / sizeof *pages; p++) {
      int W = pages[p].w, H = pages[p].h, lines[2], cut;
      cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, H);
      double k = pages[p].below ? 1.0 : gz_layout_scale(W, H, 96), bottom;
      gz_map m;
      memset(&m, 0, sizeof m);
      m.st = gz_style_for_lang(langs[l]);
      m.crs_label = m.st->words.crs_label;
      m.title = m.st->words.title;
      gz_dated_subtitle(m.subtitle_buf, sizeof m.subtitle_buf, m.st, "20211110");
      m.subtitle = m.subtitle_buf;
      gz_layout_compute(&m.lay, m.st, W, H, k, pages[p].below);
      ck_assert_int_eq(gz_layout_fit_text(&m), 0);
      m.cr = cairo_create(s);
      ck_assert_int_eq(gz_typo_new(&m.typo, m.cr, m.st, m.lay.k), 0);
      gz_furniture_titles_box(&m, &bottom, lines, &cut);
      /* Cut only past the two lines (the Armenian one at 480 x 360). */
      ck_assert_msg(!cut || (lines[1] == m.st->title_max_lines && W < 800),
                    "%s %dx%d: titles cut at %d + %d lines", langs[l], W, H, lines[0], lines[1]);
      ck_assert_msg(bottom <= m.lay.map[1],
                    "%s %dx%d: subtitle ends at %.1f, the frame starts at %.1f", langs[l], W, H,
                    bottom, m.lay.map[1]);
      if (W == 1600) {
        ck_assert_msg(lines[0] == 1 && lines[1] == 1, "%s 1600x1200: %d + %d lines", langs[l],
                      lines[0], lines[1]);
      }
      two_lines += !strcmp(langs[l], "hy") && W == 800 && lines[1] == 2;
      gz_typo_free(m.typo);
      cairo_destroy(m.cr);
      cairo_surface_destroy(s);
    }
  }
  ck_assert_int_eq(two_lines, 1);
}
END_TEST

/* Locating many points at once gives what locating each gives, the frame
 * what gazmap_render_frame gives, and a point the projection cannot take
 * (the south pole, which the cone does not reach) HUGE_VAL without
 * failing the rest. */
START_TEST(points_located_at_once_as_one_by_one) {
  static const double lonlat[] = {46.75, 39.76, 44.51, 40.18, 46.0, -90.0, 47.0, 40.0};
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  double xy[8], frame[4], one[4], x, y;
  size_t i;
  ck_assert_int_eq(gazmap_render_locate_points(&o, GAZMAP_FORMAT_PNG, lonlat, 4, xy, frame), 0);
  ck_assert_int_eq(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, one), 0);
  ck_assert_mem_eq(frame, one, sizeof frame);
  for (i = 0; i < 4; i++) {
    if (i == 2) {
      ck_assert_msg(xy[4] == HUGE_VAL && xy[5] == HUGE_VAL, "south pole at %g, %g", xy[4], xy[5]);
      ck_assert_int_eq(gazmap_render_locate(&o, GAZMAP_FORMAT_PNG, lonlat[4], lonlat[5], &x, &y),
                       GAZMAP_EPROJ);
      continue;
    }
    ck_assert_int_eq(
        gazmap_render_locate(&o, GAZMAP_FORMAT_PNG, lonlat[2 * i], lonlat[2 * i + 1], &x, &y), 0);
    ck_assert_msg(x == xy[2 * i] && y == xy[2 * i + 1], "point %zu: %g, %g at once, %g, %g alone",
                  i, xy[2 * i], xy[2 * i + 1], x, y);
  }
}
END_TEST

/* And the check can fail: a map frame over the whole page meets them all. */
START_TEST(overlapping_pieces_are_detected) {
  gz_map m;
  memset(&m, 0, sizeof m);
  m.st = gz_style_default();
  gz_layout_compute(&m.lay, m.st, 1600, 1200, 1.0, 0);
  m.lay.map[0] = 0, m.lay.map[1] = 0, m.lay.map[2] = 1600, m.lay.map[3] = 1200;
  ck_assert(!gz_pieces_disjoint(&m));
}
END_TEST

/* ---- formats ------------------------------------------------------------------ */

START_TEST(png_decodes_at_the_requested_size) {
  gazmap_render_opts o = fixture_opts();
  cairo_surface_t *s;
  o.width = 1000;
  o.height = 700;
  s = render_png(&o);
  ck_assert_int_eq(cairo_image_surface_get_width(s), 1000);
  ck_assert_int_eq(cairo_image_surface_get_height(s), 700);
  cairo_surface_destroy(s);
}
END_TEST

static char *render_to_temp(const gazmap_render_opts *o, const char *name, char **dir_out) {
  char *dir = tu_temp_dir(), *path = NULL;
  ck_assert_ptr_nonnull(dir);
  ck_assert(asprintf(&path, "%s/%s", dir, name) > 0);
  ck_assert_msg(gazmap_render_file(gaz, o, GAZMAP_FORMAT_AUTO, path) == 0, "render %s: %s", name,
                gazmap_error_last()->message);
  *dir_out = dir;
  return path;
}

/* Removes a test's temporary directory and frees it and the path in it. */
static void drop_temp(char *dir, char *path) {
  tu_remove_tree(dir);
  free(dir);
  free(path);
}

START_TEST(svg_is_well_formed_with_unique_prefixed_ids) {
  gazmap_render_opts o = fixture_opts();
  char *dir, *path = render_to_temp(&o, "two maps.svg", &dir), *svg;
  const char *p;
  size_t n_ids = 0, i, j;
  char *ids[4096];

  free(tu_tool_output("xmllint --noout", path));
  svg = tu_read_file(path, NULL);
  ck_assert_ptr_nonnull(svg);
  ck_assert_msg(strstr(svg, "viewBox=\"0 0 1600 1200\"") != NULL, "no viewBox");
  ck_assert_msg(
      strstr(svg, "<title id=\"two_maps-title\">Karabakh after the 2020 ceasefire</title>") != NULL,
      "no <title>");
  ck_assert_msg(strstr(svg, "<desc id=\"two_maps-desc\">") != NULL, "no <desc>");
  /* Every id carries the prefix derived from the file name, once. */
  for (p = strstr(svg, " id=\""); p; p = strstr(p + 1, " id=\"")) {
    const char *v = p + 5, *q = strchr(v, '"');
    ck_assert_msg(!strncmp(v, "two_maps-", 9), "id without the prefix: %.30s", v);
    ck_assert(n_ids < sizeof ids / sizeof ids[0]);
    ids[n_ids++] = strndup(v, (size_t)(q - v));
  }
  ck_assert_msg(n_ids > 10, "only %zu ids: layers, clip paths and patterns have ids", n_ids);
  for (i = 0; i < n_ids; i++) {
    for (j = i + 1; j < n_ids; j++) {
      ck_assert_msg(strcmp(ids[i], ids[j]), "duplicate id %s", ids[i]);
    }
  }
  /* ... and every reference points at the prefixed ids. */
  for (p = strstr(svg, "href=\"#"); p; p = strstr(p + 1, "href=\"#")) {
    ck_assert_msg(!strncmp(p + 7, "two_maps-", 9), "unprefixed reference %.30s", p);
  }
  for (p = strstr(svg, "url(#"); p; p = strstr(p + 1, "url(#")) {
    ck_assert_msg(!strncmp(p + 5, "two_maps-", 9), "unprefixed reference %.30s", p);
  }
  for (i = 0; i < n_ids; i++) {
    free(ids[i]);
  }
  free(svg);
  drop_temp(dir, path);
}
END_TEST

START_TEST(id_prefix_option_overrides_the_file_name) {
  gazmap_render_opts o = fixture_opts();
  unsigned char *data = NULL;
  size_t len = 0;
  o.id_prefix = "left-";
  o.layers = "countries";
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_SVG, &data, &len), 0);
  ck_assert_msg(strstr((char *)data, " id=\"left-") != NULL, "prefix not applied");
  ck_assert_msg(strstr((char *)data, " id=\"glyph") == NULL, "an id escaped the prefix");
  free(data);
}
END_TEST

START_TEST(pdf_opens_in_pdfinfo) {
  gazmap_render_opts o = fixture_opts();
  char *dir, *path = render_to_temp(&o, "map.pdf", &dir), *out = tu_tool_output("pdfinfo", path);
  ck_assert_msg(strstr(out, "Pages:") && strstr(out, "1"), "pdfinfo says: %s", out);
  ck_assert_msg(strstr(out, "Karabakh after the 2020 ceasefire") != NULL, "no title: %s", out);
  free(out);
  drop_temp(dir, path);
}
END_TEST

/* Same input, same bytes: no timestamps, stable label order. */
START_TEST(output_is_byte_identical_across_runs) {
  static const gazmap_format fmts[] = {GAZMAP_FORMAT_PNG, GAZMAP_FORMAT_SVG, GAZMAP_FORMAT_PDF};
  gazmap_render_opts o = fixture_opts();
  unsigned char *a = NULL, *b = NULL;
  size_t la = 0, lb = 0;
  o.width = 800;
  o.height = 600;
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, fmts[_i], &a, &la), 0);
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, fmts[_i], &b, &lb), 0);
  ck_assert_msg(la == lb && !memcmp(a, b, la), "format %d differs between runs (%zu vs %zu bytes)",
                (int)fmts[_i], la, lb);
  free(a);
  free(b);
}
END_TEST

/* ---- features where they belong -------------------------------------------- */

START_TEST(lake_sevan_is_water) {
  gazmap_render_opts o = fixture_opts();
  const gazmap_place *sevan = gazmap_gazetteer_find_id(gaz, "lake-sevan");
  rgb water = to_rgb(gz_style_default()->water);
  cairo_surface_t *s;
  int cx, cy, x, y, hits = 0, n = 0;
  ck_assert_ptr_nonnull(sevan);
  s = render_png(&o);
  locate(&o, gazmap_place_lon(sevan), gazmap_place_lat(sevan), &cx, &cy);
  /* A window around the lake's point: its label may cover a few samples. */
  for (y = cy - 20; y <= cy + 20; y += 5) {
    for (x = cx - 20; x <= cx + 20; x += 5) {
      hits += near_rgb(pixel(s, x, y), water, 2);
      n++;
    }
  }
  ck_assert_msg(hits * 2 > n, "only %d of %d samples around Lake Sevan (%d,%d) are water", hits, n,
                cx, cy);
  cairo_surface_destroy(s);
}
END_TEST

START_TEST(aghdam_has_the_handed_over_style_once_handed_over) {
  gazmap_render_opts o = fixture_opts();
  cairo_surface_t *before, *pending, *after;
  double r_before, r_pending, r_after;
  int x, y;
  /* A point inside the fixture's Aghdam rectangle, away from town labels. */
  locate(&o, 46.68, 40.09, &x, &y);
  o.date = "2020-11-05";
  before = render_png(&o);
  o.date = "2020-11-15";
  pending = render_png(&o);
  o.date = "2020-11-21";
  after = render_png(&o);
  r_before = redness(before, x, y, 8);
  r_pending = redness(pending, x, y, 8);
  r_after = redness(after, x, y, 8);
  ck_assert_msg(r_after > r_pending + 10 && r_pending > r_before + 5,
                "redness before %.1f, pending %.1f, handed %.1f", r_before, r_pending, r_after);
  cairo_surface_destroy(before);
  cairo_surface_destroy(pending);
  cairo_surface_destroy(after);
}
END_TEST

START_TEST(route_line_has_its_route_colour) {
  gazmap_render_opts o = fixture_opts();
  rgb want = to_rgb(gz_style_route_color(gz_style_default(), "route-ijevan-qazax"));
  cairo_surface_t *s;
  /* The route alone over the basemap: the labels of places and of the
   * Qazax exclaves (gazakh) near it may sit on the line's middle. */
  o.layers = "basemap,routes";
  s = render_png(&o);
  int x, y, dx, dy, found = 0;
  /* The middle of the fixture's Ijevan-Qazax line (solid: not schematic). */
  locate(&o, (45.14851 + 45.36561) / 2, (40.87877 + 41.09246) / 2, &x, &y);
  for (dy = -1; dy <= 1 && !found; dy++) {
    for (dx = -1; dx <= 1 && !found; dx++) {
      found = near_rgb(pixel(s, x + dx, y + dy), want, 12);
    }
  }
  ck_assert_msg(found,
                "no pixel near (%d,%d) has the route colour (%d,%d,%d); centre is (%d,%d,%d)", x, y,
                want.r, want.g, want.b, pixel(s, x, y).r, pixel(s, x, y).g, pixel(s, x, y).b);
  cairo_surface_destroy(s);
}
END_TEST

/* ---- the date changes one region and nothing else ------------------------- */

/* A district too small for its label at the frame's scale is labelled by a
 * callout beside it, whose date changes too: the pixels that change outside
 * the district's box x0..y1 (their box o[4]; o[2] < o[0] when none) must
 * then be one label's worth, within the style's callout reach of the
 * district, so that nothing else on the map moved. */
static int only_its_callout(const int o[4], int x0, int y0, int x1, int y1) {
  const gz_style *st = gz_style_default();
  double reach = st->callout_reach + st->label_pad, w = o[2] - o[0], h = o[3] - o[1];
  if (o[2] < o[0]) {
    return 1;
  }
  return w <= 220 && h <= 3 * st->text[GZ_TEXT_DISTRICT_SMALL].size + 8 && o[0] >= x0 - reach - w &&
         o[2] <= x1 + reach + w && o[1] >= y0 - reach - h && o[3] <= y1 + reach + h;
}

typedef struct date_case {
  const char *before, *after;
  double rect[4]; /* the fixture district that changes */
} date_case;

static const date_case date_cases[] = {
    {"2020-11-19", "2020-11-20", {46.60, 39.86, 47.20, 40.15}}, /* Aghdam */
    {"2020-11-24", "2020-11-25", {45.85, 39.86, 46.45, 40.35}}, /* Kalbajar */
    {"2020-11-30", "2020-12-01", {46.20, 39.30, 46.55, 39.80}}, /* Lachin */
};

/* Counts the pixels of `frame` (x, y, width, height) that differ between
 * `a` and `b`, inside the box x0..x1, y0..y1 grown by `margin` and outside
 * it. */
/* Counts the pixels that differ inside `box` (grown by `margin`) and
 * outside it; ob gets the bounding box of those outside. */
static void count_changes(cairo_surface_t *a, cairo_surface_t *b, const double frame[4],
                          const int box[4], int margin, int *inside, int *outside, int ob[4]) {
  int x, y;
  *inside = *outside = 0;
  for (y = (int)frame[1]; y < (int)(frame[1] + frame[3]); y++) {
    for (x = (int)frame[0]; x < (int)(frame[0] + frame[2]); x++) {
      rgb p = pixel(a, x, y), q = pixel(b, x, y);
      if (p.r == q.r && p.g == q.g && p.b == q.b) {
        continue;
      }
      if (x >= box[0] - margin && x <= box[2] + margin && y >= box[1] - margin &&
          y <= box[3] + margin) {
        ++*inside;
      } else {
        ++*outside;
        ob[0] = x < ob[0] ? x : ob[0], ob[1] = y < ob[1] ? y : ob[1];
        ob[2] = x > ob[2] ? x : ob[2], ob[3] = y > ob[3] ? y : ob[3];
      }
    }
  }
}

START_TEST(date_changes_only_the_region_handed_over) {
  const date_case *c = &date_cases[_i];
  gazmap_render_opts o = fixture_opts();
  cairo_surface_t *a, *b;
  double frame[4];
  int x, y, x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, inside = 0, outside = 0, k;
  int ob[4] = {1 << 30, 1 << 30, -1, -1};
  const int margin = 4;

  ck_assert_int_eq(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, frame), 0);
  /* The district's box on the page, from its corners and edge midpoints. */
  for (k = 0; k < 9; k++) {
    double lon = c->rect[0] + (c->rect[2] - c->rect[0]) * (k % 3) / 2.0;
    double lat = c->rect[1] + (c->rect[3] - c->rect[1]) * (k / 3) / 2.0;
    locate(&o, lon, lat, &x, &y);
    x0 = x < x0 ? x : x0, y0 = y < y0 ? y : y0, x1 = x > x1 ? x : x1, y1 = y > y1 ? y : y1;
  }
  o.date = c->before;
  a = render_png(&o);
  o.date = c->after;
  b = render_png(&o);
  count_changes(a, b, frame, (const int[4]){x0, y0, x1, y1}, margin, &inside, &outside, ob);
  ck_assert_msg(inside > 100, "%s -> %s: only %d pixels changed in the district", c->before,
                c->after, inside);
  ck_assert_msg(only_its_callout(ob, x0, y0, x1, y1),
                "%s -> %s: %d pixels changed outside the district, in %d,%d-%d,%d", c->before,
                c->after, outside, ob[0], ob[1], ob[2], ob[3]);
  cairo_surface_destroy(a);
  cairo_surface_destroy(b);
}
END_TEST

START_TEST(every_language_renders) {
  static const char *const langs[] = {"en", "az", "tr", "hy", "ru"};
  gazmap_render_opts o = fixture_opts();
  unsigned char *en = NULL, *other = NULL;
  size_t len_en = 0, len_other = 0;
  o.width = 800;
  o.height = 600;
  o.layers = "places";
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_PNG, &en, &len_en), 0);
  o.lang = langs[_i];
  ck_assert_msg(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_PNG, &other, &len_other) == 0, "%s: %s",
                langs[_i], gazmap_error_last()->message);
  if (_i > 0) {
    ck_assert_msg(len_en != len_other || memcmp(en, other, len_en),
                  "labels in %s look exactly like English", langs[_i]);
  }
  free(en);
  free(other);
}
END_TEST

/* ---- bad input ----------------------------------------------------------------- */

/* Renders to a fresh directory and expects `code`, a message naming
 * `needle`, and no file (not even a temporary one) left behind. */
static void expect_failure(gazmap_render_opts *o, const char *name, int code, const char *needle) {
  char *dir = tu_temp_dir(), *path = NULL;
  int rc;
  ck_assert(asprintf(&path, "%s/%s", dir, name) > 0);
  rc = gazmap_render_file(gaz, o, GAZMAP_FORMAT_AUTO, path);
  ck_assert_msg(rc == code, "expected %s, got %d (%s)", gazmap_strerror(code), rc,
                gazmap_error_last()->message);
  ck_assert_msg(strstr(gazmap_error_last()->message, needle) ||
                    (gazmap_error_last()->file && strstr(gazmap_error_last()->file, needle)),
                "error '%s' (file %s) does not mention '%s'", gazmap_error_last()->message,
                gazmap_error_last()->file ? gazmap_error_last()->file : "-", needle);
  tu_assert_empty_dir(dir);
  drop_temp(dir, path);
}

START_TEST(missing_shapefile_is_an_io_error) {
  gazmap_render_opts o = fixture_opts();
  char *dir = tu_temp_dir();
  o.shapes_dir = dir;
  expect_failure(&o, "m.png", GAZMAP_EIO, "countries.shp");
  tu_remove_tree(dir);
  free(dir);
}
END_TEST

START_TEST(corrupt_shapefile_is_a_parse_error) {
  gazmap_render_opts o = fixture_opts();
  char path[4096];
  FILE *f;
  snprintf(path, sizeof path, "%s/routes.shp", shapes);
  unlink(path);
  f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs("this is not a shapefile, just text pretending to be one................"
        "..........................................................",
        f);
  fclose(f);
  expect_failure(&o, "m.png", GAZMAP_EPARSE, "routes.shp");
}
END_TEST

/* Options the renderer refuses, one a row: what is set (a size of {0, 0}
 * keeps the default), the output's file name, the error and a word of its
 * message. */
static const struct {
  const char *layers, *date, *lang, *crs;
  int has_bbox;
  double bbox[4];
  int size[2];
  const char *file;
  int code;
  const char *needle;
} refused[] = {
    {.layers = "countries,railways", .code = GAZMAP_ENOTFOUND, .needle = "railways"},
    {.has_bbox = 1,
     .bbox = {170, 10, 200, 20},
     .code = GAZMAP_EINVAL,
     .needle = "outside the world"},
    {.has_bbox = 1, .bbox = {45, 40, 45, 41}, .code = GAZMAP_EINVAL, .needle = "empty"},
    {.size = {0, 1200}, .code = GAZMAP_ERANGE, .needle = "positive"},
    {.size = {30000, 100}, .code = GAZMAP_ERANGE, .needle = "too large"},
    {.size = {15000, 15000}, .code = GAZMAP_ERANGE, .needle = "too large"},
    {.size = {300, 200}, .code = GAZMAP_ERANGE, .needle = "too small"},
    {.date = "2020-13-01", .code = GAZMAP_EINVAL, .needle = "2020-13-01"},
    {.date = "22/11/2020", .code = GAZMAP_EINVAL, .needle = "YYYY-MM-DD"},
    {.lang = "fr", .code = GAZMAP_EINVAL, .needle = "fr"},
    {.crs = "+proj=nonsense", .code = GAZMAP_EPROJ, .needle = "nonsense"},
    {.file = "map.gif", .code = GAZMAP_EINVAL, .needle = "format"},
};

START_TEST(bad_options_are_refused) {
  gazmap_render_opts o = fixture_opts();
  o.layers = refused[_i].layers;
  o.date = refused[_i].date;
  o.lang = refused[_i].lang;
  o.crs = refused[_i].crs;
  o.has_bbox = refused[_i].has_bbox;
  memcpy(o.bbox, refused[_i].bbox, sizeof o.bbox);
  if (refused[_i].size[0] || refused[_i].size[1]) {
    o.width = refused[_i].size[0];
    o.height = refused[_i].size[1];
  }
  expect_failure(&o, refused[_i].file ? refused[_i].file : "m.png", refused[_i].code,
                 refused[_i].needle);
}
END_TEST

START_TEST(unwritable_output_leaves_no_file) {
  gazmap_render_opts o = fixture_opts();
  int rc;
  o.width = 480;
  o.height = 360;
  rc = gazmap_render_file(gaz, &o, GAZMAP_FORMAT_AUTO, "/nonexistent-dir/map.png");
  ck_assert_int_eq(rc, GAZMAP_EIO);
  ck_assert_msg(strstr(gazmap_error_last()->file, "/nonexistent-dir/map.png") != NULL,
                "error names %s", gazmap_error_last()->file);
  ck_assert_int_ne(access("/nonexistent-dir/map.png", F_OK), 0);
}
END_TEST

/* An optional caucasus.shp draws the locator inset; a damaged one is an
 * error like any other shapefile. */
START_TEST(inset_layer_is_used_when_present) {
  static const fx_field fields[] = {{"iso_a2", 'C', 2}};
  static const fx_feature wide[] = {{{"AZ"}, FX_RECT(37.0, 37.0, 51.0, 44.0)}};
  gazmap_render_opts o = fixture_opts();
  unsigned char *a = NULL, *b = NULL;
  size_t la = 0, lb = 0;
  char path[4096];
  FILE *f;
  o.width = 800;
  o.height = 600;
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_PNG, &a, &la), 0);
  ck_assert_int_eq(fx_write_layer(shapes, "caucasus", SHPT_POLYGON, fields, 1, wide, 1), 0);
  ck_assert_msg(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_PNG, &b, &lb) == 0, "%s",
                gazmap_error_last()->message);
  ck_assert_msg(la != lb || memcmp(a, b, la), "the inset ignored caucasus.shp");
  snprintf(path, sizeof path, "%s/caucasus.shp", shapes);
  f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs("garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage "
        "garbage garbage garbage",
        f);
  fclose(f);
  free(b);
  b = NULL;
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_PNG, &b, &lb), GAZMAP_EPARSE);
  free(a);
  free(b);
}
END_TEST

/* The bundled data, when its thematic layers are there: the default map has
 * Lake Sevan in water colour, and the day Aghdam was handed over changes
 * pixels inside the Aghdam district's box only. */
START_TEST(default_map_renders_from_the_bundled_data) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  char *path = gazmap_data_path("shapes/handover.shp");
  gazmap_layer *handover = NULL;
  cairo_surface_t *a, *b;
  rgb water = to_rgb(gz_style_default()->water);
  double frame[4], lon0 = 1e9, lat0 = 1e9, lon1 = -1e9, lat1 = -1e9;
  int x, y, x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, inside = 0, outside = 0, k, hits = 0;
  int ob[4] = {1 << 30, 1 << 30, -1, -1};
  size_t i, p, n, v;

  ck_assert_ptr_nonnull(path);
  if (access(path, F_OK) != 0) {
    free(path);
    return; /* the thematic layers have not landed in this checkout */
  }
  free(path);
  ck_assert_int_eq(gazmap_layer_open(&handover, NULL, "handover", NULL), 0);
  for (i = 0; i < gazmap_layer_count(handover); i++) {
    if (strcmp(gazmap_layer_attr(handover, i, "id"), "aghdam-district")) {
      continue;
    }
    for (p = 0; p < gazmap_layer_parts(handover, i); p++) {
      const double *xy = gazmap_layer_part(handover, i, p, &n);
      for (v = 0; v < n; v++) {
        lon0 = fmin(lon0, xy[2 * v]), lon1 = fmax(lon1, xy[2 * v]);
        lat0 = fmin(lat0, xy[2 * v + 1]), lat1 = fmax(lat1, xy[2 * v + 1]);
      }
    }
  }
  gazmap_layer_free(handover);
  ck_assert_msg(lon1 > lon0, "no aghdam-district in the bundled handover layer");
  for (k = 0; k < 4; k++) {
    locate(&o, k & 1 ? lon1 : lon0, k & 2 ? lat1 : lat0, &x, &y);
    x0 = x < x0 ? x : x0, y0 = y < y0 ? y : y0, x1 = x > x1 ? x : x1, y1 = y > y1 ? y : y1;
  }
  ck_assert_int_eq(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, frame), 0);
  o.date = "2020-11-19";
  a = render_png(&o);
  o.date = "2020-11-20";
  b = render_png(&o);
  count_changes(a, b, frame, (const int[4]){x0, y0, x1, y1}, 6, &inside, &outside, ob);
  ck_assert_msg(inside > 100 && only_its_callout(ob, x0, y0, x1, y1),
                "Aghdam handover: %d pixels inside, %d outside in %d,%d-%d,%d", inside, outside,
                ob[0], ob[1], ob[2], ob[3]);
  locate(&o, 45.30, 40.30, &x, &y);
  for (k = 0; k < 81; k++) {
    hits += near_rgb(pixel(b, x - 20 + 5 * (k % 9), y - 20 + 5 * (k / 9)), water, 2);
  }
  ck_assert_msg(hits > 40, "only %d of 81 samples in Lake Sevan are water", hits);
  cairo_surface_destroy(a);
  cairo_surface_destroy(b);
}
END_TEST

/* The default projection is computed by gazmap (project.c), not by PROJ: it
 * must agree with PROJ's own pipeline for the same CRS, forward within a
 * micrometre and back within 1e-9 degree, on a grid over the map and far
 * outside it, and fail where PROJ fails (the south pole, latitudes past 90). */
START_TEST(default_projection_agrees_with_proj) {
  PJ_CONTEXT *ctx = proj_context_create();
  PJ *pj;
  gz_proj *p = NULL;
  double lon, lat, worst = 0, worst_inv = 0;
  proj_log_level(ctx, PJ_LOG_NONE);
  ck_assert_ptr_nonnull(pj = proj_create(ctx, GZ_DEFAULT_PIPELINE));
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  for (lat = -90; lat <= 95; lat += 2.5) {
    for (lon = -180; lon <= 180; lon += 7.5) {
      double xy[2] = {lon, lat}, back_lon, back_lat;
      PJ_COORD c = proj_trans(pj, PJ_FWD, proj_coord(lon, lat, 0, 0));
      int proj_ok = isfinite(c.xy.x) && c.xy.x != HUGE_VAL;
      gz_proj_fwd(p, xy, 1);
      ck_assert_msg((xy[0] != HUGE_VAL) == proj_ok, "%g,%g: gazmap %g, PROJ %g", lon, lat, xy[0],
                    c.xy.x);
      proj_errno_reset(pj);
      if (!proj_ok) {
        continue;
      }
      worst = fmax(worst, fmax(fabs(xy[0] - c.xy.x), fabs(xy[1] - c.xy.y)));
      c = proj_trans(pj, PJ_INV, c);
      ck_assert_int_eq(gz_proj_inv(p, xy[0], xy[1], &back_lon, &back_lat), 0);
      /* At the pole every longitude is the same point; 180 W is 180 E. */
      if (fabs(lat) < 90) {
        worst_inv = fmax(worst_inv, fabs(remainder(back_lon - c.lp.lam, 360)));
      }
      worst_inv = fmax(worst_inv, fabs(back_lat - c.lp.phi));
    }
  }
  ck_assert_msg(worst < 1e-6, "forward differs from PROJ by up to %g m", worst);
  ck_assert_msg(worst_inv < 1e-9, "inverse differs from PROJ by up to %g degrees", worst_inv);
  gz_proj_free(p);
  proj_destroy(pj);
  proj_context_destroy(ctx);
}
END_TEST

int main(void) {
  tu_test formats[] = {
      TU_ROWS(png_encoder_round_trips_through_libpng, png_cases),
      TU_TEST(png_decodes_at_the_requested_size),
      TU_TEST(pieces_around_the_map_never_overlap),
      TU_TEST(titles_wrap_above_the_map),
      TU_TEST(overlapping_pieces_are_detected),
      TU_TEST(points_located_at_once_as_one_by_one),
      TU_TEST(svg_is_well_formed_with_unique_prefixed_ids),
      TU_TEST(id_prefix_option_overrides_the_file_name),
      TU_TEST(pdf_opens_in_pdfinfo),
      TU_LOOP(output_is_byte_identical_across_runs, 3),
  };
  tu_test features[] = {
      TU_TEST(lake_sevan_is_water),
      TU_TEST(aghdam_has_the_handed_over_style_once_handed_over),
      TU_TEST(route_line_has_its_route_colour),
      TU_ROWS(date_changes_only_the_region_handed_over, date_cases),
      TU_LOOP(every_language_renders, 5),
      TU_TEST(default_map_renders_from_the_bundled_data),
      TU_TEST(inset_layer_is_used_when_present),
      TU_TEST(default_projection_agrees_with_proj),
  };
  tu_test bad[] = {
      TU_TEST(missing_shapefile_is_an_io_error),
      TU_TEST(corrupt_shapefile_is_a_parse_error),
      TU_ROWS(bad_options_are_refused, refused),
      TU_TEST(unwritable_output_leaves_no_file),
  };
  tu_tcase tcases[] = {
      {"formats", TU_TESTS(formats), 300, setup, teardown, NULL, NULL},
      {"features", TU_TESTS(features), 300, setup, teardown, NULL, NULL},
      {"bad input", TU_TESTS(bad), 300, setup, teardown, NULL, NULL},
  };
  return tu_main("render", TU_TESTS(tcases));
}
