/* Private: what the layer files paint and label with - features as cairo
 * paths in page coordinates, fills with hatching, strokes, and the stock
 * labelling of areas and lines. */
#ifndef GAZMAP_PAINT_H
#define GAZMAP_PAINT_H

#include "map/layers.h"

#include <cairo.h>

void gz_set_rgba(cairo_t *cr, gz_rgba c);

/* ---- the paint operators ----------------------------------------------------- */

/* Painters build paths with cairo and paint them through these, never with
 * cairo_fill, cairo_stroke or cairo_paint on the map's context: on an
 * image, a PDF or an SVG of glyph outlines they are cairo's own; on an SVG
 * with text the path and cairo's state go to the document
 * (writers/svgdoc.h), and a painter that called cairo directly there is
 * an error of the render ("drew around the SVG document"). */
void gz_fill_path(cairo_t *cr);
void gz_fill_path_preserve(cairo_t *cr);
void gz_stroke_path(cairo_t *cr);
void gz_stroke_path_preserve(cairo_t *cr);
void gz_paint(cairo_t *cr);

/* Clips to the current path (cairo_clip) until gz_clip_end, which the
 * caller pairs with the cairo_restore that ends the clip. */
void gz_clip(cairo_t *cr);
void gz_clip_end(cairo_t *cr);

/* A group of the SVG document (nothing elsewhere): id "<prefix><id>" (NULL:
 * none) and class `cls` (NULL: none); closed by gz_group_end. */
void gz_group_begin(cairo_t *cr, const char *id, const char *cls);
void gz_group_end(cairo_t *cr);

/* Colour, width (times `k`) and dash of `s`. */
void gz_set_stroke(cairo_t *cr, const gz_stroke *s, double k);

/* The page points of part `p` of feature `i`; *n their number (NULL when
 * there is no such part).  Unprojectable points are HUGE_VAL. */
const double *gz_page_part(const gz_map_layer *ml, size_t i, size_t p, size_t *n);

/* Adds the `n` page points `xy` (x, y pairs) to the current path as one
 * part (a closed ring when `close`), lifting the pen over unprojectable
 * points (HUGE_VAL). */
void gz_part_path(cairo_t *cr, const double *xy, size_t n, int close);

/* Adds feature `i` to the current path (closed rings when `close`),
 * lifting the pen over unprojectable points. */
void gz_feature_path(cairo_t *cr, const gz_map_layer *ml, size_t i, int close);

/* Parallel lines of `f`'s hatching across the current clip, which lies in
 * the box (x0, y0)-(x1, y1). */
void gz_hatch(cairo_t *cr, const gz_fill *f, double k, double x0, double y0, double x1, double y1);

/* On an SVG with text, fills the current path with `f` (tint, hatching as
 * a pattern, outline; sizes times `k`), clears the path and returns 1;
 * elsewhere does nothing and returns 0 (the caller hatches with cairo). */
int gz_fill_in_doc(cairo_t *cr, const gz_fill *f, double k);

/* Paints `f`'s tint into the current path, and with cairo its hatching
 * inside the path across `box` (x0, y0, x1, y1; NULL: the path's extents).
 * Returns 1 when it hatched, which clears the path (the caller adds it
 * again for the outline), else 0 with the path kept. */
int gz_tint_and_hatch(cairo_t *cr, const gz_fill *f, double k, const double *box);

/* Fills feature `i` with `f`: tint, hatching, outline. */
void gz_fill_feature(gz_map *m, const gz_map_layer *ml, size_t i, const gz_fill *f);

/* Strokes every feature visible on the map's date with `s`, each as a path
 * of its own. */
void gz_stroke_features(gz_map *m, const gz_map_layer *ml, const gz_stroke *s, int close);

/* The page point of point feature `i` when it is on the map's date and
 * projects, else NULL. */
const double *gz_visible_point(const gz_map *m, const gz_map_layer *ml, size_t i);

/* Draws one point feature's marker at page (x, y). */
typedef void (*gz_marker_fn)(gz_map *m, const gz_map_layer *ml, size_t i, double x, double y);

/* Calls `marker` for every point feature of `ml` on the map's date that
 * projects (the sites, the Gazakh villages). */
void gz_paint_markers(gz_map *m, const gz_map_layer *ml, gz_marker_fn marker);

/* ---- labels ---------------------------------------------------------------- */

/* A gz_label_spec helper for a point layer whose markers are drawn already
 * (sites, the Gazakh villages): keeps labels off each visible marker, a box
 * of half-width `rx` and half-height `ry`, and puts the feature's label
 * beside it. */
int gz_label_markers(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec,
                     double rx, double ry);

/* The label of feature `i`: the gazetteer's name in the map language when
 * the feature's id is a place, else its name_<lang>, name_en or name
 * attribute ("" when none).  `buf` is scratch space. */
const char *gz_feature_label(const gz_map *m, const gz_map_layer *ml, size_t i, char *buf,
                             size_t cap);

/* The languages of labels, for an SVG's xml:lang: while labels are
 * offered, gz_place_label and gz_feature_label note each text that is in a
 * known language (a place's name in the map's language; a name_<lang>
 * attribute); a text not noted (a place without a name in that language,
 * a district's date from the style table's words) is in the page's.  Only
 * when m->label_langs is set (draw.c, on an SVG with text). */
gz_label_langs *gz_label_langs_new(void);
void gz_label_langs_free(gz_label_langs *ll);

/* The noted language of `text` (`m`, a gz_map, as a labeler's lang_of
 * argument), or NULL: the page's. */
const char *gz_label_lang_of(void *m, const char *text);

/* The label of place `p` in the map's language: its name there and, on a
 * map of dual names, " / " and the first other name in that language that
 * the data marks as used by the Armenian authorities of Karabakh (NKR) or
 * common in the media (MEDIA): "Khankendi / Stepanakert".  Returns its
 * name or `buf`. */
const char *gz_place_label(const gz_map *m, const gazmap_place *p, char *buf, size_t cap);

/* The shortest name of `p` in the map's language that is the first words
 * of `label` and carries no flag or usage ("East Zangezur" for the East
 * Zangezur Economic Region, "Nakhchivan" for the Nakhchivan Autonomous
 * Republic): a short form for an area label that finds no room at full
 * length.  NULL when there is none. */
const char *gz_place_short_label(const gz_map *m, const gazmap_place *p, const char *label);

/* gz_label_spec functions: every area at its most interior point inside
 * the frame; every distinct name of a line layer along its longest part. */
int gz_label_areas(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec);

/* ---- where an area label fits (area_fit.c) ----------------------------------- */

/* Fills an area onto `cr` (page coordinates, opaque source set). */
typedef void (*gz_area_ink_fn)(gz_map *m, cairo_t *cr, const void *arg);

/* Feature `i` of `ml`: the argument of gz_area_ink_feature. */
typedef struct gz_area_feature {
  const gz_map_layer *ml;
  size_t i;
} gz_area_feature;

void gz_area_ink_feature(gz_map *m, cairo_t *cr, const void *arg);

/* Up to `cap` centres (x, y pairs into `xy`) for a w x h label box that lies
 * wholly inside the map frame and the area `ink` fills: first the boxes
 * clear of every visible thematic polygon but feature `self_i` of `self`
 * (a thematic feature labelling itself), most interior first, then those
 * over thematic areas, the least covered first.  When no box fits and `fallback` is set, the area's
 * most interior point alone.  Returns the number of centres (0: the label
 * has no room; also when memory runs out). */
size_t gz_area_fit(gz_map *m, gz_area_ink_fn ink, const void *arg, const gz_map_layer *self,
                   size_t self_i, double w, double h, int fallback, double *xy, size_t cap);

/* gz_area_fit, keeping only the boxes of which at most `max_cover` (a
 * share, 0 to 1) lies over thematic areas other than `self`'s feature: a
 * country's or a district's label hides none of them (style:
 * label_cover_max).  gz_area_fit is this with 1. */
size_t gz_area_fit_covering(gz_map *m, gz_area_ink_fn ink, const void *arg,
                            const gz_map_layer *self, size_t self_i, double w, double h,
                            int fallback, double max_cover, double *xy, size_t cap);

/* Up to `cap` centres (x, y pairs into `xy`) for the w x h box of a callout
 * label whose leader ends at page point (ax, ay): boxes inside the map
 * frame that touch no thematic area and cross no country border, at most
 * the style's callout_reach from the point, nearest first.  Returns their
 * number (0: none; also when memory runs out). */
size_t gz_area_callout(gz_map *m, double ax, double ay, double w, double h, double *xy, size_t cap);

/* Up to `cap` points (x, y pairs into `xy`) inside thematic feature `i` of
 * `ml` for a callout's dot, at least `spacing` apart: the most interior of
 * its part clear of the other thematic areas first (gz_area_fit's order).
 * Returns their number. */
size_t gz_area_dots(gz_map *m, const gz_map_layer *ml, size_t i, double spacing, double *xy,
                    size_t cap);
int gz_label_lines(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec);

#endif
