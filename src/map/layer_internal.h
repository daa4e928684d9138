/* Private: direct access to a layer's vertex array, for projecting a whole
 * layer in one call. */
#ifndef GAZMAP_LAYER_INTERNAL_H
#define GAZMAP_LAYER_INTERNAL_H

#include "gazmap/layer.h"

/* All vertices of the layer as lon, lat pairs (owned by the layer); *n is
 * their number.  gazmap_layer_part() pointers point into this array. */
const double *gz_layer_xy(const gazmap_layer *l, size_t *n);

#endif
