/* Private: the semantic SVG document (svgdoc.c).  The painters build their
 * paths with cairo as always; when the page is an SVG with text, the paint
 * operators of paint.h (gz_fill_path, gz_stroke_path, gz_paint) hand the path and the
 * cairo state to this document instead of a cairo surface, and the
 * typographer hands it each text as <text>.  It writes layers as <g>
 * with ids and classes, coordinates rounded to a tenth of a page unit,
 * hatching as patterns, and labels as text that a page can select, search,
 * restyle and read aloud. */
#ifndef GAZMAP_WRITERS_SVGDOC_H
#define GAZMAP_WRITERS_SVGDOC_H

#include <cairo.h>
#include <stddef.h>

typedef struct gz_svgdoc gz_svgdoc;

/* A new empty document whose ids all start with `prefix` (copied; an XML
 * name, checked by the caller).  Free with gz_svgdoc_free().  0 or
 * GAZMAP_ENOMEM. */
int gz_svgdoc_new(gz_svgdoc **out, const char *prefix);
void gz_svgdoc_free(gz_svgdoc *d);

/* Ties `d` to `surface` (a recording surface the painters' paths are built
 * on; it does not own `d`), so that gz_svgdoc_of(cr) finds it for every
 * cairo context drawing there; NULL for any other context.  The paint
 * operators of paint.h and the typographer ask it.  0 or GAZMAP_ENOMEM. */
int gz_svgdoc_attach(gz_svgdoc *d, cairo_surface_t *surface);
gz_svgdoc *gz_svgdoc_of(cairo_t *cr);

/* The current path of `cr`, painted as cairo_fill, cairo_stroke would
 * paint it with the source colour, fill rule, line width, dash, cap and
 * join `cr` has now (only solid colours).  The path is kept. */
void gz_svgdoc_fill(gz_svgdoc *d, cairo_t *cr);
void gz_svgdoc_stroke(gz_svgdoc *d, cairo_t *cr);

/* cairo_paint with a solid source: the current clip's extents filled. */
void gz_svgdoc_paint(gz_svgdoc *d, cairo_t *cr);

/* Hatching: parallel lines `width` wide, `spacing` apart (user units of
 * the cairo context it fills with), at `angle` degrees counter-clockwise
 * from the x axis, through the user space's origin, over a `tint`
 * background (alpha 0: none).  Colours are r, g, b, a in 0..1; `origin`
 * is the document's own (leave it 0). */
typedef struct gz_svg_hatch {
  double tint[4], line[4];
  double angle, spacing, width;
  double origin[2];
} gz_svg_hatch;

/* The current path of `cr` filled with hatching `h` (a pattern shared by
 * every fill of the same hatching).  The path is kept. */
void gz_svgdoc_fill_hatch(gz_svgdoc *d, cairo_t *cr, const gz_svg_hatch *h);

/* Opens a group: id "<prefix><id>" when `id` is not NULL (a stable name
 * such as "layer-handover"), `cls` its class (NULL: none), `label` a
 * title for the group (NULL: none; text from data, escaped).  Groups nest;
 * each is closed by gz_svgdoc_group_end. */
void gz_svgdoc_group_begin(gz_svgdoc *d, const char *id, const char *cls, const char *label);
void gz_svgdoc_group_end(gz_svgdoc *d);

/* The elements that follow, up to the next group or run of another class,
 * are a run of class `cls`, grouped (the handover districts by their
 * state: "status status-returned"). */
void gz_svgdoc_run(gz_svgdoc *d, const char *cls);

/* Opens a group clipped to the current path of `cr` (which is kept);
 * closed by gz_svgdoc_group_end. */
void gz_svgdoc_clip_begin(gz_svgdoc *d, cairo_t *cr);

/* One text: `ctm` the cairo matrix from the layout's units to the page
 * (xx, yx, xy, yy, x0, y0), `size` the font size in layout units; colours
 * r, g, b, a; `halo_width` the halo's width on each side in page units
 * (0: none); `letter_spacing` in page units; `cls` the text's class and
 * `lang` its language (BCP 47, NULL: the document's).  Then one span per
 * line at layout coordinates (x, baseline y), `width` long in layout units
 * (0: as the font has it), then gz_svgdoc_text_end. */
typedef struct gz_svg_font {
  double size;
  int bold, italic;
  double letter_spacing;
  double color[4], halo[4];
  double halo_width;
  const char *cls, *lang;
} gz_svg_font;

void gz_svgdoc_text_begin(gz_svgdoc *d, const cairo_matrix_t *ctm, const gz_svg_font *f);
void gz_svgdoc_text_span(gz_svgdoc *d, double x, double y, double width, const char *s, size_t n);
void gz_svgdoc_text_end(gz_svgdoc *d);

/* The whole document: an XML declaration, the root <svg> of width x height
 * page units with a viewBox, role="img", lang, the font family list, then
 * <title> and <desc> (escaped), the definitions and the body.  *out (caller
 * frees with free()) and *out_len.  0, GAZMAP_ENOMEM when any step ran out of
 * memory, or GAZMAP_ERENDER when groups are left open. */
int gz_svgdoc_finish(gz_svgdoc *d, int width, int height, const char *title, const char *desc,
                     const char *lang, const char *font_family, unsigned char **out,
                     size_t *out_len);

#endif
