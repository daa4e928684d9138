/* Rendering orchestration: checks the options, loads the layers, projects
 * them, and paints through draw.c onto the surface that the format's writer
 * (writers/writer.h) makes, which then turns it into the file's bytes. */
#define _GNU_SOURCE
#include "gazmap/render.h"

#include "gazmap/data.h"
#include "gazmap/error.h"
#include "gazmap/layer.h"

#include "map/furniture.h"
#include "map/layer_internal.h"
#include "map/legend.h"
#include "map/overlay_internal.h"
#include "map/render_internal.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/file.h"
#include "util/pages.h"
#include "writers/writer.h"

#include <cairo.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The default frame: Armenia, Karabakh and Nakhchivan with a margin. */
static const double default_bbox[4] = {43.4, 38.3, 48.6, 41.4};

/* The default title, subtitle and projection name are words of the style
 * table (style.c: words). */

static const char *const languages[] = {"en", "az", "tr", "hy", "ru"};

/* ---- options ------------------------------------------------------------- */

static int parse_date(const char *s, char out[9]) {
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int i, y, mo, d;
  for (i = 0; i < 10; i++) {
    char c = s[i];
    if ((i == 4 || i == 7) ? c != '-' : (c < '0' || c > '9')) {
      break;
    }
  }
  if (i != 10 || s[10]) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "date '%s' is not YYYY-MM-DD", s);
  }
  y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  mo = (s[5] - '0') * 10 + (s[6] - '0');
  d = (s[8] - '0') * 10 + (s[9] - '0');
  if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
      (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "date '%s' does not exist", s);
  }
  snprintf(out, 9, "%.4s%.2s%.2s", s, s + 5, s + 8);
  return 0;
}

/* Options of versions 1 (before `threads` and `labels`), 2 (before
 * `svg_text`) and 3 (before `overlays`) are still accepted: they are copied
 * into current options whose newer fields keep their defaults, so that a
 * program built against an older header keeps working. */
static int apply_paper(gazmap_render_opts *o, gazmap_format fmt);

static int opts_upgrade(const gazmap_render_opts *in, gazmap_format fmt, gazmap_render_opts *o) {
  static const gazmap_render_opts defaults = GAZMAP_RENDER_OPTS_INIT;
  if (!in || in->version < 1 || in->version > GAZMAP_RENDER_OPTS_VERSION) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "render options of an unknown version");
  }
  *o = defaults;
  memcpy(o, in,
         in->version == 1   ? offsetof(gazmap_render_opts, threads)
         : in->version == 2 ? offsetof(gazmap_render_opts, svg_text)
         : in->version == 3 ? offsetof(gazmap_render_opts, overlays)
         : in->version == 4 ? offsetof(gazmap_render_opts, legend_below)
                            : sizeof *o);
  o->version = GAZMAP_RENDER_OPTS_VERSION;
  return apply_paper(o, fmt);
}

/* On paper the page is the sheet inside its margins: width and height
 * become that size in points, and the PDF writer centres it on the sheet. */
static int apply_paper(gazmap_render_opts *o, gazmap_format fmt) {
  double w, h, margin;
  if (o->paper == GAZMAP_PAPER_NONE) {
    return 0;
  }
  if (gz_paper_points(o->paper, o->landscape, &w, &h) < 0) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown paper %d (a4, a3 or letter)", o->paper);
  }
  if (fmt != GAZMAP_FORMAT_PDF) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "paper sizes are for PDF output");
  }
  if (!(o->margin_mm < 0 || o->margin_mm <= 50)) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "margin %g mm is outside 0..50", o->margin_mm);
  }
  margin = (o->margin_mm < 0 ? 10 : o->margin_mm) * 72 / 25.4;
  o->width = (int)floor(w - 2 * margin);
  o->height = (int)floor(h - 2 * margin);
  return 0;
}

static int check_opts(const gazmap_render_opts *o, gazmap_format fmt) {
  size_t i;
  int lang_ok;
  unsigned mask;
  char date[9], formats[64];

  if (!gz_writer_of(fmt)) {
    gz_writer_list(formats, sizeof formats, 0);
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown output format (use %s)", formats);
  }
  if (o->threads < 1) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "threads %d: at least 1 (1 starts no thread)",
                   o->threads);
  }
  if (o->width < 1 || o->height < 1) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "map size %dx%d: width and height must be positive",
                   o->width, o->height);
  }
  if (o->width > GAZMAP_RENDER_MAX_SIDE || o->height > GAZMAP_RENDER_MAX_SIDE ||
      (double)o->width * o->height > GAZMAP_RENDER_MAX_PIXELS) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0,
                   "map size %dx%d is too large (at most %d per side and %.0f pixels in all)",
                   o->width, o->height, GAZMAP_RENDER_MAX_SIDE, GAZMAP_RENDER_MAX_PIXELS);
  }
  /* Below this the title, legend and inset leave no room for the map. */
  if (o->width < 480 || o->height < 360) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "map size %dx%d is too small (at least 480x360)",
                   o->width, o->height);
  }
  if (!(o->dpi >= 24 && o->dpi <= 1200)) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "dpi %g is outside 24..1200", o->dpi);
  }
  lang_ok = !o->lang;
  for (i = 0; i < sizeof languages / sizeof languages[0] && !lang_ok; i++) {
    lang_ok = !strcmp(o->lang, languages[i]);
  }
  if (!lang_ok) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown language '%s' (use en, az, tr, hy or ru)",
                   o->lang);
  }
  if (o->version >= 2 && o->labels != GAZMAP_LABELS_DUAL && o->labels != GAZMAP_LABELS_SINGLE) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown label mode %d (dual or single)", o->labels);
  }
  if (o->svg_text != GAZMAP_SVG_TEXT && o->svg_text != GAZMAP_SVG_OUTLINES) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown SVG text mode %d (text or outlines)",
                   o->svg_text);
  }
  /* What the page shows and the SVG carries must be text: no markup can
   * come from these, since the id prefix is a name and the titles are
   * escaped, but a control character or a broken byte would still make
   * the document invalid XML. */
  if ((o->id_prefix && gz_svg_prefix_check(o->id_prefix) < 0) ||
      (o->title && gz_text_check("title", o->title) < 0) ||
      (o->subtitle && gz_text_check("subtitle", o->subtitle) < 0)) {
    return GAZMAP_EINVAL;
  }
  if (o->n_overlays > 0 && !o->overlays) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "%zu overlays but no array of them", o->n_overlays);
  }
  for (i = 0; i < o->n_overlays; i++) {
    if (!o->overlays[i]) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "overlay %zu is NULL", i + 1);
    }
  }
  if (o->png_meta & ~(unsigned)(GAZMAP_PNG_META_PHYS | GAZMAP_PNG_META_TEXT)) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown PNG metadata bits %#x", o->png_meta);
  }
  if (o->date && parse_date(o->date, date) < 0) {
    return GAZMAP_EINVAL;
  }
  if (o->has_bbox && gz_bbox_check(o->bbox) < 0) {
    return GAZMAP_EINVAL;
  }
  if (o->has_center &&
      (!(o->center_lat >= -85 && o->center_lat <= 85) ||
       !(o->center_lon >= -180 && o->center_lon <= 180) || !(o->zoom >= 1 && o->zoom <= 18))) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "center %g,%g zoom %g is outside the world (lat -85..85, lon -180..180, "
                   "zoom 1..18)",
                   o->center_lat, o->center_lon, o->zoom);
  }
  return gz_layers_parse(o->layers, &mask);
}

/* The layout and the frame: everything about the page that depends only on
 * the options. */
static int frame_setup(gz_map *m, const gazmap_render_opts *o, const gz_writer *w) {
  double bbox[4];
  int rc;
  /* Raster sizes are pixels and dpi scales text and lines; vector sizes
   * are points, where the style's px are used as they are. */
  double dpi = w->raster ? o->dpi : 96.0;
  double k = o->legend_below ? dpi / 96.0 : gz_layout_scale(o->width, o->height, dpi);

  m->st = gz_style_for_lang(o->lang);
  m->crs_label = o->crs ? o->crs : m->st->words.crs_label;
  m->overlays = o->overlays;
  m->n_overlays = o->overlays ? o->n_overlays : 0;
  gz_layout_compute(&m->lay, m->st, o->width, o->height, k, o->legend_below);
  /* The date and the titles: the title band grows with their lines. */
  m->dated = o->date != NULL;
  if (o->date) {
    parse_date(o->date, m->date);
  } else {
    snprintf(m->date, sizeof m->date, "99991231");
  }
  m->title = o->title ? o->title : m->st->words.title;
  if (o->subtitle) {
    m->subtitle = o->subtitle;
  } else if (o->date) {
    gz_dated_subtitle(m->subtitle_buf, sizeof m->subtitle_buf, m->st, m->date);
    m->subtitle = m->subtitle_buf;
  } else {
    m->subtitle = m->st->words.subtitle;
  }
  /* Credits and titles longer than the page is wide take more lines, and
   * the map frame gives up the room: where the report and a world file
   * locate places depends on it too, so it is part of the frame. */
  if ((rc = gz_layout_fit_text(m)) < 0 || (rc = gz_proj_new(&m->proj, o->crs)) < 0) {
    return rc;
  }
  if (o->has_bbox) {
    memcpy(bbox, o->bbox, sizeof bbox);
  } else if (o->has_center) {
    gz_bbox_from_center(o->center_lat, o->center_lon, o->zoom, m->lay.map[2] / k, m->lay.map[3] / k,
                        bbox);
    bbox[0] = fmax(bbox[0], -180), bbox[2] = fmin(bbox[2], 180);
    bbox[1] = fmax(bbox[1], -89.9), bbox[3] = fmin(bbox[3], 89.9);
  } else {
    memcpy(bbox, default_bbox, sizeof bbox);
  }
  return gz_frame_fit(&m->frame, m->proj, bbox, m->lay.map[0], m->lay.map[1], m->lay.map[2],
                      m->lay.map[3]);
}

int gazmap_render_locate_points(const gazmap_render_opts *opts, gazmap_format fmt,
                                const double *lonlat, size_t n, double *xy, double rect[4]) {
  gazmap_render_opts o;
  gz_map m;
  size_t i;
  int rc;
  memset(&m, 0, sizeof m);
  if ((rc = opts_upgrade(opts, fmt, &o)) < 0 || (rc = check_opts(&o, fmt)) < 0 ||
      (rc = frame_setup(&m, &o, gz_writer_of(fmt))) < 0) {
    goto done;
  }
  if (rect) {
    memcpy(rect, m.lay.map, 4 * sizeof *rect);
  }
  if (n > 0) {
    memcpy(xy, lonlat, 2 * n * sizeof *xy);
    gz_proj_fwd(m.proj, xy, n);
  }
  for (i = 0; i < n; i++) {
    if (xy[2 * i] != HUGE_VAL) {
      gz_frame_apply(&m.frame, xy[2 * i], xy[2 * i + 1], &xy[2 * i], &xy[2 * i + 1]);
    } else {
      xy[2 * i + 1] = HUGE_VAL;
    }
  }
done:
  gz_proj_free(m.proj);
  return rc;
}

int gazmap_render_locate(const gazmap_render_opts *opts, gazmap_format fmt, double lon, double lat,
                         double *x, double *y) {
  double ll[2] = {lon, lat}, xy[2];
  int rc = gazmap_render_locate_points(opts, fmt, ll, 1, xy, NULL);
  if (rc == 0 && xy[0] == HUGE_VAL) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "point %g,%g does not project", lon, lat);
  }
  if (rc == 0) {
    *x = xy[0];
    *y = xy[1];
  }
  return rc;
}

int gazmap_render_frame(const gazmap_render_opts *opts, gazmap_format fmt, double rect[4]) {
  return gazmap_render_locate_points(opts, fmt, NULL, 0, NULL, rect);
}

/* ---- layers ------------------------------------------------------------------ */

/* Loads the layers --layers asks for (layers.c: gz_map_layer_load). */
static int load_layers(gz_map *m, const gazmap_render_opts *o) {
  unsigned mask;
  size_t i;
  int rc;

  if ((rc = gz_layers_parse(o->layers, &mask)) < 0) {
    return rc;
  }
  for (i = 0; i < gz_layers_count(); i++) {
    m->layer[i].def = gz_layers_at(i);
    if ((mask & (1u << i)) && (rc = gz_map_layer_load(m, &m->layer[i], o->shapes_dir)) < 0) {
      return rc;
    }
  }
  return 0;
}

/* The optional locator layer: <shapes>/caucasus.shp (country polygons with
 * iso_a2, WGS84, covering the Caucasus).  Absent is fine; present but
 * unreadable is an error like any other shapefile. */
static int load_inset(gz_map *m, const gazmap_render_opts *o) {
  char *bundled = NULL, path[4096];
  const char *dir = o->shapes_dir;
  int rc = 0;
  if (!gz_map_find(m, &gz_layer_countries)) {
    return 0;
  }
  if (!dir && !(dir = bundled = gazmap_data_path("shapes"))) {
    return gazmap_error_last()->code;
  }
  if (snprintf(path, sizeof path, "%s/caucasus.shp", dir) < (int)sizeof path &&
      access(path, F_OK) == 0) {
    rc = gazmap_layer_read(&m->inset, path);
  }
  free(bundled);
  return rc;
}

static void free_layers(gz_map *m) {
  int i;
  gz_area_cache_free(m);
  gz_overlays_free(m);
  gazmap_layer_free(m->inset);
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    gazmap_layer_free(m->layer[i].data);
    free(m->layer[i].page);
  }
}

/* ---- surfaces ------------------------------------------------------------------ */

static void describe(const gz_map *m, char *buf, size_t cap) {
  snprintf(buf, cap, "%s. %s. Labels in '%s'.", m->title, m->subtitle, m->lang);
}

/* Renders into *out; `frame`, when not NULL, gets the map's frame, for a
 * world file. */
static int render_impl(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                       const char *prefix, unsigned char **out, size_t *out_len, gz_frame *frame) {
  gazmap_render_opts oo;
  const gazmap_render_opts *o = &oo;
  const gz_writer *w = gz_writer_of(fmt);
  gz_map m;
  gz_target t;
  gz_page_info page;
  char desc[1024], credits[2048];
  int rc;

  memset(&m, 0, sizeof m);
  memset(&t, 0, sizeof t);
  *out = NULL;
  *out_len = 0;
  if ((rc = opts_upgrade(opts, fmt, &oo)) < 0 || (rc = check_opts(o, fmt)) < 0 ||
      (rc = frame_setup(&m, o, w)) < 0) {
    goto done;
  }
  m.g = g;
  m.lang = o->lang ? o->lang : "en";
  m.hl = o->highlights;
  m.n_hl = o->highlights ? o->n_highlights : 0;
  m.dual_names = o->version < 2 || o->labels == GAZMAP_LABELS_DUAL;
  if ((rc = load_layers(&m, o)) < 0 || (rc = load_inset(&m, o)) < 0 ||
      (rc = gz_overlays_project(&m)) < 0) {
    goto done;
  }
  describe(&m, desc, sizeof desc);
  memset(&page, 0, sizeof page);
  page.width = o->width;
  page.height = o->height;
  page.title = m.title;
  page.desc = desc;
  page.prefix = prefix;
  page.dpi = o->dpi;
  page.png_meta = o->png_meta;
  page.author = o->author;
  gz_map_credits(&m, credits, sizeof credits);
  page.copyright = credits;
  if (o->paper != GAZMAP_PAPER_NONE) {
    gz_paper_points(o->paper, o->landscape, &page.paper_w, &page.paper_h);
  }
  if (frame) {
    *frame = m.frame;
  }
  /* The page's words are in the map's language where words.c has it. */
  page.lang = gz_words_for_lang(m.lang) ? m.lang : GZ_WORDS_LANG;
  page.font = m.st->font_family;
  page.svg_outlines = o->svg_text == GAZMAP_SVG_OUTLINES;
  /* On an image the labels go on an overlay, and a second thread may paint
   * the layers meanwhile when the caller allows one (draw.c). */
  m.label_overlay = w->raster;
  m.threads = o->threads;
  if ((rc = w->surface_new(&t, &page)) < 0 || (rc = gz_draw_map(&m, t.surface)) < 0 ||
      (rc = w->finish(&t, &page, out, out_len)) < 0) {
    goto done;
  }
done:
  gz_target_free(&t);
  free_layers(&m);
  gz_proj_free(m.proj);
  return rc;
}

int gazmap_render_buffer(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                         unsigned char **out, size_t *len) {
  return render_impl(g, opts, fmt, opts && opts->id_prefix ? opts->id_prefix : "gazmap-", out, len,
                     NULL);
}

int gazmap_render_file(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                       const char *path) {
  unsigned char *data = NULL;
  size_t len = 0;
  char prefix[64];
  gz_frame frame;
  int rc;

  if (!path || !*path) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "no output path");
  }
  if (fmt == GAZMAP_FORMAT_AUTO) {
    const gz_writer *w = gz_writer_for_path(path);
    char extensions[64];
    if (!w) {
      gz_writer_list(extensions, sizeof extensions, 1);
      return gz_fail(GAZMAP_EINVAL, path, 0, "cannot tell the format from the name (use %s)",
                     extensions);
    }
    fmt = w->format;
  }
  if (opts && opts->id_prefix) {
    snprintf(prefix, sizeof prefix, "%s", opts->id_prefix);
  } else {
    gz_svg_prefix_from_path(strcmp(path, "-") ? path : "gazmap", prefix, sizeof prefix);
  }
  if (opts && opts->version >= 3 && opts->world_file &&
      (fmt != GAZMAP_FORMAT_PNG || !strcmp(path, "-"))) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "a world file goes beside a PNG file (not %s)",
                   !strcmp(path, "-") ? "standard output" : "this format");
  }
  rc = render_impl(g, opts, fmt, prefix, &data, &len, &frame);
  if (rc == 0) {
    rc = gz_write_atomic(path, data, len);
  }
  if (rc == 0 && opts->version >= 3 && opts->world_file) {
    rc = gz_world_file_write(path, &frame, opts->crs);
  }
  free(data);
  return rc;
}
