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

#endif
