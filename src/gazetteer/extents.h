/* Private: the layers the extents of places are read from (extents.c). */
#ifndef GAZMAP_GAZETTEER_EXTENTS_H
#define GAZMAP_GAZETTEER_EXTENTS_H

#include <stddef.h>

/* The names of the polygon layers read, in the map registry's order
 * (src/map/layers.c); *n is their number.  The array is static. */
const char *const *gz_extent_layers(size_t *n);

#endif
