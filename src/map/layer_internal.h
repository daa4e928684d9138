/* Private: the layer's storage, shared by reading (layer.c) and writing
 * (layer_write.c), and direct access to its vertex array, for projecting a
 * whole layer in one call. */
#ifndef GAZMAP_LAYER_INTERNAL_H
#define GAZMAP_LAYER_INTERNAL_H

#include "gazmap/layer.h"

#include <shapefil.h>
#include <stddef.h>

struct gazmap_layer {
  char *name;
  gazmap_geom geom;
  size_t n_fields;
  char **field_names;
  char *field_types; /* DBF native type per field: 'C' 'N' 'F' 'D' 'L' */
  int *field_widths, *field_decimals;
  size_t n_features;
  char **attrs;       /* n_features * n_fields strings, each malloc'd */
  size_t *feat_part0; /* n_features + 1 offsets into part_v0 */
  size_t *part_v0;    /* n_parts + 1 offsets into xy (in vertices) */
  double *xy;         /* lon, lat pairs */
  size_t n_parts, n_vertices;
  size_t cap_parts, cap_vertices;
  double bounds[4];
};

/* All vertices of the layer as lon, lat pairs (owned by the layer); *n is
 * their number.  gazmap_layer_part() pointers point into this array. */
const double *gz_layer_xy(const gazmap_layer *l, size_t *n);

/* Checks the .shp, .shx and .dbf at `stem` + extension before shapelib
 * reads them: regular files (a FIFO is refused at once), headers whose sizes
 * match the files, every .shx entry inside the .shp, and a .dbf with one
 * record per shape, all present.  0 or GAZMAP_EIO / GAZMAP_EPARSE naming the
 * file and what disagrees.  layer_check.c. */
int gz_shapefile_check(const char *stem);

/* shapelib hooks that keep its messages for gz_shapelib_msg() instead of
 * printing them (the library never prints); the message is per thread and
 * cleared by each call of gz_shapelib_hooks(). */
void gz_shapelib_hooks(SAHooks *hooks);
const char *gz_shapelib_msg(void);

#endif
