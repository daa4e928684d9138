/* Private: the legend, filled from the registry.  Each layer's legend
 * function adds rows; legend.c lays them out under the headings of the
 * style table's sections. */
#ifndef GAZMAP_LEGEND_H
#define GAZMAP_LEGEND_H

#include "map/layers.h"

/* Draws a row's symbol into the swatch box x, y, w, h; `arg` is the row's. */
typedef void (*gz_swatch_fn)(gz_map *m, const void *arg, double x, double y, double w, double h);

/* Adds one row: a swatch, its text and a note under the text (NULL: none).
 * The arguments need to live only during the call. */
void gz_legend_add(gz_legend *lg, gz_swatch_fn swatch, const void *arg, const char *text,
                   const char *note);

/* The section whose rows are being added (a layer listed in several). */
gz_legend_section gz_legend_at(const gz_legend *lg);

/* Stock swatches: `arg` a gz_fill (a hatched box) or a gz_stroke (a line). */
void gz_swatch_fill(gz_map *m, const void *arg, double x, double y, double w, double h);
void gz_swatch_line(gz_map *m, const void *arg, double x, double y, double w, double h);

/* Lays out the legend of the shown layers at (x, y), `w` wide, and returns
 * its height; with `dry` set it only measures. */
double gz_legend_draw(gz_map *m, double x, double y, double w, int dry);

/* The legend flowed over `cols` columns `w` wide, `step` apart: the first
 * begins at (x, y), the others at `top`, a section staying whole in one
 * column; returns the height from the higher of y and top to the lowest
 * column's end, and the last column's x and end in *last_x, *last_y (when
 * not NULL).  cols 1 is gz_legend_draw. */
double gz_legend_draw_cols(gz_map *m, double x, double y, double w, int cols, double step,
                           double top, int dry, double *last_x, double *last_y);

/* The rows of `section` on the map's date as words, one row a line, "text |
 * note" (into `buf`, `cap` bytes; "" when the section is not shown): what
 * the legend says, for tests. */
void gz_legend_words_of(gz_map *m, gz_legend_section section, char *buf, size_t cap);

/* "20201120" -> "20 Nov 2020" (the style's month names). */
void gz_human_date(char *buf, size_t cap, const gz_style *st, const char *ymd);

/* The subtitle of a map of the situation on `ymd` ("20211110"), its date
 * written as gz_human_date writes it. */
void gz_dated_subtitle(char *buf, size_t cap, const gz_style *st, const char *ymd);

#endif
