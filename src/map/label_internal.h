/* Private: text through Pango (one font family, halos) and label placement
 * without collisions, by priority. */
#ifndef GAZMAP_LABEL_INTERNAL_H
#define GAZMAP_LABEL_INTERNAL_H

#include "map/style_internal.h"

#include <cairo.h>
#include <stddef.h>

/* ---- typography ---------------------------------------------------------- */

/* Fonts and one reusable Pango layout for a cairo context.  Sizes are the
 * style's px times `k`.  Free with gz_typo_free() before destroying `cr`. */
typedef struct gz_typo gz_typo;

int gz_typo_new(gz_typo **out, cairo_t *cr, const gz_style *st, double k);
void gz_typo_free(gz_typo *t);

/* Size of `text` in class `cls`, wrapped at `wrap` (0: one line). */
void gz_typo_measure(gz_typo *t, gz_text_class cls, const char *text, double wrap, double *w,
                     double *h);

/* What gz_typo_measure_box measures: the logical size, the box of the ink
 * (x, y, w, h from the text's top-left corner), the number of lines and
 * whether the text was cut with an ellipsis. */
typedef struct gz_text_box {
  double w, h;
  double ink[4];
  int lines;
  int ellipsized;
} gz_text_box;

/* Measures `text` as gz_typo_draw would lay it out wrapped at `wrap`. */
void gz_typo_measure_box(gz_typo *t, gz_text_class cls, const char *text, double wrap,
                         gz_text_box *b);

/* Draws `text` with its top-left corner at (x, y), halo first when the class
 * has one.  `align` -1 left, 0 centre, 1 right within `wrap`. */
void gz_typo_draw(gz_typo *t, gz_text_class cls, const char *text, double wrap, int align, double x,
                  double y);

/* The language of the texts drawn from now on (BCP 47; NULL: the page's,
 * GZ_WORDS_LANG): an SVG marks each <text> with it. */
void gz_typo_set_lang(gz_typo *t, const char *lang);

/* The language of the style table's words (title, legend, credits): the
 * page's language in an SVG. */
#define GZ_WORDS_LANG "en"


/* ---- placement ------------------------------------------------------------ */

typedef struct gz_labeler gz_labeler;

/* Labels are placed inside the rectangle (x0, y0, x1, y1).  Free with
 * gz_labeler_free(); the labeler borrows `t`. */
int gz_labeler_new(gz_labeler **out, gz_typo *t, const gz_style *st, double k, double x0, double y0,
                   double x1, double y1);
void gz_labeler_free(gz_labeler *lab);

/* Keeps labels off a rectangle (a symbol, the legend...). */
int gz_labeler_block(gz_labeler *lab, double x0, double y0, double x1, double y1);

/* How a point label treats its dot. */
enum {
  GZ_DOT_IF_PLACED = 0, /* draw the dot only when the label finds room */
  GZ_DOT_ALWAYS = 1,    /* draw the dot even when the label does not fit */
  GZ_DOT_NONE = 2       /* the caller drew a marker of radius `dot` already */
};

/* A point label beside a dot of radius `dot` at (x, y), tried right, left,
 * above, below and at the diagonals.  Higher `priority` is placed first;
 * ties keep the order of adding.  `dot_mode` is one of GZ_DOT_*. */
int gz_labeler_point(gz_labeler *lab, const char *text, gz_text_class cls, double x, double y,
                     double dot, int dot_mode, double priority);

/* A label centred on (x, y) (areas: countries, regions, lakes). */
int gz_labeler_area(gz_labeler *lab, const char *text, gz_text_class cls, double x, double y,
                    double priority);

/* An area label with `n` candidate centres (page x, y pairs, copied), tried
 * in order: the first where the label overlaps nothing placed wins; none,
 * no label.  Lines of `text` are centred on each other.  The label keeps a
 * box at least `min_w` wide clear (a label whose text follows the date
 * reserves the room of its widest text, so that the others stay put). */
int gz_labeler_area_at(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                       size_t n, double min_w, double priority);

/* An area label beside its area rather than in it (a district too small
 * for its name at this scale): tried at `n` candidate centres `xy` in order
 * (gz_area_callout), each with its dot `anchors` (x, y pairs; both arrays
 * copied), each where neither its box nor its dot nor the leader line from
 * the box's nearest point to the dot touches anything placed.  The leader
 * and the dot are drawn with the style's callout stroke, and later labels
 * keep off them.  `min_w` as for gz_labeler_area_at. */
int gz_labeler_callout(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                       const double *anchors, size_t n, double min_w, double priority);

/* Labels offered between gz_labeler_group_begin and gz_labeler_group_end
 * are alternatives of one label (a district inside itself, smaller, or by a
 * callout): they are tried in priority order, ties in the order of adding,
 * and once one is placed the rest are not.  Groups do not nest. */
void gz_labeler_group_begin(gz_labeler *lab);
void gz_labeler_group_end(gz_labeler *lab);

/* A label along a line of `n` page points, on the straightest stretch long
 * enough for it, nearest the middle; skipped where it does not fit. */
int gz_labeler_line(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                    size_t n, double priority);

/* Before each label is drawn, `lang_of(arg, text)` gives its language
 * (gz_typo_set_lang; NULL: the page's). */
void gz_labeler_set_lang(gz_labeler *lab, const char *(*lang_of)(void *arg, const char *text),
                         void *arg);

/* Places every label in priority order and draws the dots and labels that
 * found room.  Returns 0 or GAZMAP_ENOMEM. */
int gz_labeler_run(gz_labeler *lab, cairo_t *cr);

/* After gz_labeler_run: the number of labels offered, and label `i` (in the
 * order they were placed): its text, and 1 with its box x0, y0, x1, y1 when
 * it found room, else 0.  For tests and measurements. */
size_t gz_labeler_count(const gz_labeler *lab);
int gz_labeler_result(const gz_labeler *lab, size_t i, const char **text, double bbox[4]);

/* After gz_labeler_run: the text class of label `i`, and for a placed
 * callout 1 with its leader from x0, y0 (the dot) to x1, y1 (the box),
 * else 0.  For tests. */
gz_text_class gz_labeler_class(const gz_labeler *lab, size_t i);
int gz_labeler_leader(const gz_labeler *lab, size_t i, double seg[4]);

#endif
