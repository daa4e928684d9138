/* gazmap/render.h - drawing the map to PNG, SVG or PDF.
 *
 * Layers (basemap and thematic shapefiles in the data dir's shapes/, places
 * from the gazetteer) -> projection (PROJ) -> labels (Pango) -> drawing
 * (cairo) -> file.  Rendering is deterministic: the same options give
 * byte-identical output, whatever `threads` is.
 *
 * Threads: gazmap starts none unless gazmap_render_opts.threads is greater
 * than 1.  Then, and only for an image (PNG), gazmap_render_file and
 * gazmap_render_buffer start one thread while they draw: it paints the
 * map's layers while the calling thread places and draws the labels and
 * then the page around the map (title, inset, legend, credits).  It is
 * joined before the function returns, and nothing of it outlives the call.
 * SVG and PDF are always drawn by the calling thread alone, and no render
 * uses more than 2 threads in all however large `threads` is.  (Pango 1.50
 * and later runs fontconfig's set-up and font sorting on short-lived
 * threads of its own whenever text is laid out; gazmap does not control
 * those.) */
#ifndef GAZMAP_RENDER_H
#define GAZMAP_RENDER_H

#include "gazmap/export.h"

#include <stddef.h>

#include "gazmap/gazetteer.h"
#include "gazmap/overlay.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gazmap_format {
  GAZMAP_FORMAT_AUTO = 0, /* from the output file's extension */
  GAZMAP_FORMAT_PNG,
  GAZMAP_FORMAT_SVG,
  GAZMAP_FORMAT_PDF
} gazmap_format;

/* "png", "svg", "pdf" (any case) -> format; GAZMAP_FORMAT_AUTO when
 * unknown. */
GAZMAP_EXTERN gazmap_format gazmap_format_parse(const char *word);

/* A place to emphasise on the map (e.g. the places a text names); `weight`
 * (>= 1, such as a mention count) scales the emphasis. */
typedef struct gazmap_highlight {
  const gazmap_place *place;
  double weight;
} gazmap_highlight;

typedef struct gazmap_render_opts {
  unsigned version;       /* GAZMAP_RENDER_OPTS_VERSION */
  const char *shapes_dir; /* NULL: the bundled shapes/ */
  const char *crs;        /* PROJ string or "EPSG:n"; NULL: the default conformal projection */
  int has_bbox;           /* when set, bbox = lon_min, lat_min, lon_max, lat_max */
  double bbox[4];
  int has_center; /* when set, frame center_lat/center_lon at `zoom` */
  double center_lat, center_lon, zoom;
  int width, height; /* pixels (PNG) or points (SVG, PDF) */
  double dpi;        /* PNG resolution, scales text and strokes */
  const char *lang;  /* label language: en az tr hy ru; NULL = en */
  const char *date; /* YYYY-MM-DD: the situation on that day; NULL = the latest state in the data */
  const char *layers;                 /* comma list of layer names; NULL = the default set */
  const char *title;                  /* NULL = default title */
  const char *subtitle;               /* NULL = default subtitle */
  const char *id_prefix;              /* SVG id prefix; NULL = derived from the output name */
  const gazmap_highlight *highlights; /* may be NULL */
  size_t n_highlights;
  /* Version 2.  How many threads the render may use, the caller's
   * included: 1 (the default) starts none; 2 or more lets a second thread
   * paint a PNG's layers (see the top of this header).  The output
   * is the same either way.  Below 1: GAZMAP_EINVAL. */
  int threads;
  /* Version 2.  GAZMAP_LABELS_DUAL (the default) labels a place whose
   * names differ by side with both, "Khankendi / Stepanakert" (the official
   * name in the label language, then a different name in that language the
   * data marks as used by the Armenian authorities of Karabakh (NKR) or
   * common in the media (MEDIA)); GAZMAP_LABELS_SINGLE with the first. */
  int labels;
  /* Version 3.  How an SVG draws its words: GAZMAP_SVG_TEXT (the default)
   * as <text> in a named font family with fallbacks, which a reader can
   * select, search, translate and restyle, with layers as <g> of stable
   * ids and classes; GAZMAP_SVG_OUTLINES as cairo's glyph outlines, which
   * look the same without the fonts (print workflows).  Other formats
   * ignore it. */
  int svg_text;
  /* Version 4.  The user's own data (gazmap/overlay.h), drawn in this order
   * over the layers and under the labels, each with a legend row and its
   * attribution in the credits; the render borrows them.  May be NULL. */
  const gazmap_overlay *const *overlays;
  size_t n_overlays;
  /* Version 4.  GAZMAP_PNG_META_* bits: which metadata chunks a PNG gets.
   * 0 (the default) writes none, and the same bytes as version 2. */
  unsigned png_meta;
  const char *author; /* PNG "Author" text and PDF Author; NULL: none */
  /* Version 4.  gazmap_render_file of a PNG also writes a world file beside
   * it (<name>.pgw: the page's pixels in the map's projected metres) and
   * the projection (<name>.prj, ESRI WKT), for GIS. */
  int world_file;
  /* Version 4.  A PDF on paper: GAZMAP_PAPER_A4, _A3 or _LETTER sets the
   * page (portrait, or landscape when `landscape` is set); width and height
   * are then ignored, and the map fills the paper inside margins of
   * `margin_mm` millimetres (below 0: 10 mm).  GAZMAP_PAPER_NONE (0): a
   * page of width x height points. */
  int paper;
  int landscape;
  double margin_mm;
  /* Version 5.  Set: the legend, the locator inset and the scale bar go in
   * a band below the map frame, in two columns when the page is wide enough
   * for them, and text and lines keep the style's sizes however small the
   * page (a page shown at its own size in a document, such as the report's
   * map, whose legend beside a small frame would be shrunk past reading).
   * The frame is 4:3 across the page's width; the band gets the height
   * below it, so a caller gives the page room for it.  0: the panel beside
   * the frame, as version 4. */
  int legend_below;
} gazmap_render_opts;

enum { GAZMAP_LABELS_DUAL = 0, GAZMAP_LABELS_SINGLE = 1 };

enum {
  GAZMAP_PNG_META_PHYS = 1u << 0, /* pHYs: the pixels per metre of `dpi` */
  GAZMAP_PNG_META_TEXT = 1u << 1  /* tEXt: Title, Author, Copyright (the credits' sources), Software */
};

enum { GAZMAP_PAPER_NONE = 0, GAZMAP_PAPER_A4, GAZMAP_PAPER_A3, GAZMAP_PAPER_LETTER };

/* "a4", "a3", "letter" (any case) -> GAZMAP_PAPER_*; GAZMAP_PAPER_NONE when
 * unknown. */
GAZMAP_EXTERN int gazmap_paper_parse(const char *word);

enum { GAZMAP_SVG_TEXT = 0, GAZMAP_SVG_OUTLINES = 1 };

/* Version 1 options (without `threads` and `labels`) are still accepted, as
 * one thread and dual labels; version 2 (without `svg_text`) as text;
 * version 3 as no overlays, no PNG metadata, no world file and no paper;
 * version 4 with the legend beside the frame.
 *
 * `id_prefix` must be an XML name of ASCII letters, digits, '_', '-' and
 * '.', starting with a letter or '_' (GAZMAP_EINVAL otherwise), and
 * `title` and `subtitle` valid UTF-8 without control characters
 * (GAZMAP_EINVAL otherwise), so that no option can make the SVG malformed
 * or carry markup; text from the data is escaped. */
#define GAZMAP_RENDER_OPTS_VERSION 5
#define GAZMAP_RENDER_OPTS_INIT                                                                    \
  {                                                                                                \
    .version = GAZMAP_RENDER_OPTS_VERSION, .width = 1600, .height = 1200, .dpi = 96.0,             \
    .threads = 1, .margin_mm = -1                                                                  \
  }

/* Limits on the page size: no side above GAZMAP_RENDER_MAX_SIDE and no more
 * than GAZMAP_RENDER_MAX_PIXELS in all (a PNG needs 4 bytes per pixel). */
#define GAZMAP_RENDER_MAX_SIDE 20000
#define GAZMAP_RENDER_MAX_PIXELS 64000000.0

/* Layer names accepted by `layers`: every name of gazmap_layer_names()
 * (gazmap/layer.h), plus "basemap" (countries admin1 lakes rivers),
 * "thematic" (handover peacekeeping patrols routes sites) and "all". */

/* Where the point (lon, lat) lands on the page these options and this
 * format produce (page units: pixels for PNG, points for SVG and PDF), so
 * that callers can find features in the output.  Checks the options like a
 * render does, without reading any data. */
GAZMAP_EXTERN int gazmap_render_locate(const gazmap_render_opts *opts, gazmap_format fmt, double lon, double lat,
                         double *x, double *y);

/* The map frame on the page: rect = left, top, width, height (page units).
 * Everything outside it is title, legend, inset and credits. */
GAZMAP_EXTERN int gazmap_render_frame(const gazmap_render_opts *opts, gazmap_format fmt, double rect[4]);

/* gazmap_render_locate for `n` points at once, and the map frame: `lonlat`
 * holds n lon, lat pairs, `xy` (n pairs, the caller's) gets where each
 * lands, HUGE_VAL, HUGE_VAL for a point that does not project (no error);
 * `rect`, when not NULL, gets what gazmap_render_frame gives.  The page is
 * laid out once for all the points: laying it out measures the credits'
 * text (they may wrap, and the frame gives them room), which costs as much
 * as projecting thousands of points, so callers with many points use this. */
GAZMAP_EXTERN int gazmap_render_locate_points(const gazmap_render_opts *opts, gazmap_format fmt,
                                              const double *lonlat, size_t n, double *xy,
                                              double rect[4]);

/* Renders to `path` (written to a temporary file and renamed, so no partial
 * file is ever left).  `fmt` AUTO picks the format from the extension. */
GAZMAP_EXTERN int gazmap_render_file(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                       const char *path);

/* Renders into memory: *out (caller frees with free()) and *len.  `fmt`
 * must not be AUTO; the SVG id prefix is opts->id_prefix or "gazmap-". */
GAZMAP_EXTERN int gazmap_render_buffer(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                         unsigned char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
