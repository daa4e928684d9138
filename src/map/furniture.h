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

/* The sources and projection line. */
void gz_furniture_credits(gz_map *m);

/* Graticule ticks on the frame, labelled bottom and left. */
void gz_furniture_ticks(gz_map *m);

#endif
