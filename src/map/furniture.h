/* Private: the page furniture (furniture.c), drawn by draw.c's pieces
 * around the map and, for the ticks, over the frame. */
#ifndef GAZMAP_FURNITURE_H
#define GAZMAP_FURNITURE_H

#include "map/render_internal.h"

/* Title and subtitle, in the title band. */
void gz_furniture_titles(gz_map *m);

/* The locator inset at the top of the panel, `inset_h` high, and its
 * caption. */
void gz_furniture_inset(gz_map *m, double inset_h);

/* The legend under an inset `inset_h` high (shrunk to fit the panel), then
 * the scale bar and the north arrow. */
void gz_furniture_legend(gz_map *m, double inset_h);

/* The sources and projection lines, wrapped to the page's width. */
void gz_furniture_credits(gz_map *m);

/* Grows the layout's credits band and its title band (and shrinks the map
 * frame and the panel) to the lines the credits, the title and the
 * subtitle wrap onto: m->st, m->lay, m->crs_label, the overlays, m->title
 * and m->subtitle must be set.  0 or a negative status (no memory for the
 * measuring). */
int gz_layout_fit_text(gz_map *m);

/* The page box x, y, w, h of the credits' ink as gz_furniture_credits draws
 * them with m->typo, the number of lines and 1 when they were cut with an
 * ellipsis.  For tests. */
void gz_furniture_credits_box(gz_map *m, double ink[4], int *lines, int *ellipsized);

/* The page y of the subtitle's ink bottom as gz_furniture_titles draws
 * them, the title's and the subtitle's numbers of lines and 1 when either
 * was cut with an ellipsis.  For tests. */
void gz_furniture_titles_box(gz_map *m, double *bottom, int lines[2], int *ellipsized);

/* Graticule ticks on the frame, labelled bottom and left. */
void gz_furniture_ticks(gz_map *m);

#endif
