/* Private: the output formats.  Each format is one writer in a file of its
 * own (png.c, svg.c, pdf.c): it makes the cairo surface a page is painted
 * on, and turns the painted surface into the bytes of a file.  writers.c
 * holds the table of writers; render.c only goes through it, so a new
 * format is one file, its declaration below and one line in that table
 * (doc/render.md, "Adding an output format"). */
#ifndef GAZMAP_WRITERS_WRITER_H
#define GAZMAP_WRITERS_WRITER_H

#include "gazmap/render.h"

#include "util/buf.h"
#include "writers/svgdoc.h"

#include <cairo.h>
#include <stddef.h>

/* What a writer needs to know about the page besides its pixels. */
typedef struct gz_page_info {
  int width, height;  /* pixels (raster formats) or points */
  const char *title;  /* the document's title (SVG <title>, PDF Title) */
  const char *desc;   /* a sentence describing the map (SVG <desc>) */
  const char *prefix; /* SVG id prefix, e.g. "karabakh-" */
  const char *lang;   /* the page's language (SVG lang), BCP 47 */
  const char *font;   /* the style's font family (SVG font-family, before fallbacks) */
  int svg_outlines;   /* gazmap_render_opts.svg_text is GAZMAP_SVG_OUTLINES */
  /* The rest is zero unless the options ask for it (render.h, version 4). */
  double dpi;            /* PNG pHYs */
  unsigned png_meta;     /* GAZMAP_PNG_META_* bits */
  const char *author;    /* PNG tEXt Author, PDF Author; NULL: none */
  const char *copyright; /* PNG tEXt Copyright: the credits' sources */
  double paper_w, paper_h; /* PDF: the paper in points, the page of width x height
                              centred on it; 0: the page is the paper */
} gz_page_info;

/* One page being written: the surface a writer made and what it keeps for
 * its finish.  gz_target_free releases all of it, whatever the writer. */
typedef struct gz_target {
  cairo_surface_t *surface;
  gz_buf stream;         /* vector formats: the bytes cairo wrote */
  unsigned char *pixels; /* raster formats: gz_pages_alloc'd image memory */
  size_t pixels_len;
  int stride;
  gz_svgdoc *doc; /* SVG with text: the document the painters write */
} gz_target;

typedef struct gz_writer {
  gazmap_format format;
  const char *name;      /* what gazmap_format_parse accepts, e.g. "png" */
  const char *extension; /* what a file name ends with, e.g. ".png" */
  /* 1: the surface is an image of width x height pixels, dpi scales text
   * and strokes, and labels are drawn on an overlay so that a second thread
   * may paint the layers meanwhile (draw.c).  0: a vector surface of width x height points,
   * drawn in order by one thread. */
  int raster;
  /* Makes t->surface for the page (and whatever finish needs); 0 or a
   * negative status.  On failure gz_target_free still cleans up. */
  int (*surface_new)(gz_target *t, const gz_page_info *page);
  /* Turns the painted surface into the file's bytes: *out (caller frees
   * with free()) and *out_len.  0 or a negative status. */
  int (*finish)(gz_target *t, const gz_page_info *page, unsigned char **out, size_t *out_len);
} gz_writer;

extern const gz_writer gz_png_writer, gz_svg_writer, gz_pdf_writer;

/* The writer of a format, of a name ("PNG", "svg"; case does not matter)
 * or of a file name's extension; NULL when there is none. */
const gz_writer *gz_writer_of(gazmap_format format);
const gz_writer *gz_writer_named(const char *name);
const gz_writer *gz_writer_for_path(const char *path);

/* Every writer's name (or extension), joined as in "png, svg or pdf", for
 * messages. */
void gz_writer_list(char *buf, size_t cap, int extensions);

/* Destroys the surface and frees the stream and the pixels. */
void gz_target_free(gz_target *t);

/* For vector writers: a cairo surface that streams into t->stream
 * (cairo_svg_surface_create_for_stream and the like take it). */
cairo_status_t gz_target_write(void *target, const unsigned char *data, unsigned int length);

/* For vector writers: finishes the surface (cairo writes the rest of the
 * document) and checks that cairo and the stream succeeded. */
int gz_target_finish_stream(gz_target *t);

/* Appends a PNG (8-bit RGB) of a cairo RGB24/ARGB32 image (rows of native
 * 0xAARRGGBB words, alpha dropped) to `out`: Sub/Up row filters, one
 * deflate stream by ISA-L (png.c says why).  The image is not changed.
 * Returns 0, GAZMAP_ENOMEM, GAZMAP_EINVAL for a bad geometry, or
 * GAZMAP_ERENDER if ISA-L fails. */
int gz_png_encode(const unsigned char *pixels, int width, int height, int stride, gz_buf *out);

/* The sheet of GAZMAP_PAPER_* `paper` in points, turned when `landscape`;
 * 0, or -1 for an unknown paper (pdf.c). */
int gz_paper_points(int paper, int landscape, double *w, double *h);

/* Writes the world file of a PNG at `png_path` (its name with ".pgw" for
 * ".png") and the projection beside it (".prj", ESRI WKT): the page's
 * pixels in the projected coordinates of `fr` (project_internal.h) and CRS
 * `crs` (NULL: the default; another CRS is written by PROJ).  Both are written under temporary names and
 * renamed.  0 or a negative status (worldfile.c). */
struct gz_frame;
int gz_world_file_write(const char *png_path, const struct gz_frame *fr, const char *crs);

/* An SVG id prefix from an output path: its base name without extension,
 * reduced to [A-Za-z0-9_-] and starting with a letter ("karabakh.svg" ->
 * "karabakh-").  Writes at most `cap` bytes to `buf`. */
void gz_svg_prefix_from_path(const char *path, char *buf, size_t cap);

/* 0 when `prefix` may start SVG ids: ASCII letters, digits, '_', '-' and
 * '.', the first a letter or '_' (an XML name and a CSS identifier that
 * needs no escaping); otherwise GAZMAP_EINVAL naming the first bad byte.
 * The empty prefix is refused (ids would start with a digit). */
int gz_svg_prefix_check(const char *prefix);

#endif
