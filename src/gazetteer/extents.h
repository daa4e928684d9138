/* Private: the layers the extents of places are read from (extents.c). */
#ifndef GAZMAP_GAZETTEER_EXTENTS_H
#define GAZMAP_GAZETTEER_EXTENTS_H

#include <stddef.h>
#include <stdint.h>

/* The names of the polygon layers read, in the map registry's order
 * (src/map/layers.c); *n is their number.  The array is static. */
const char *const *gz_extent_layers(size_t *n);

/* A CRC-32 of the files of those layers in `dir` (.shp, .shx, .dbf, and
 * which of them are absent), which a compiled index keeps with the extents
 * it holds: they stand for the shapes as long as it matches.  0 or a
 * negative status. */
int gz_extent_shapes_crc(const char *dir, uint32_t *crc);

#endif
