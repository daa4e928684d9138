/* Private: the layer's storage, shared by reading (layer.c) and writing
 * (layer_write.c), and direct access to its vertex array, for projecting a
 * whole layer in one call. */
#ifndef GAZMAP_LAYER_INTERNAL_H
#define GAZMAP_LAYER_INTERNAL_H

#include "gazmap/layer.h"
#include "util/shpcheck.h"

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

/* ---- a shapefile in memory (util/shpcheck.h, shp_mem.c) ----------------- */

/* Makes file `which` (GZ_SHP_MEM_*) the `len` bytes at `data`, which the
 * set borrows: they must outlive its use and are never written. */
void gz_shp_mem_set(gz_shp_mem *set, int which, const void *data, size_t len);

/* Frees what the set owns and leaves it with no file. */
void gz_shp_mem_clear(gz_shp_mem *set);

/* gz_shapelib_hooks() whose file operations work on `set`'s buffers, and
 * set->stem the name to hand shapelib's SHPOpenLL, DBFOpenLL, SHPCreateLL
 * and DBFCreateLL with these hooks.  The set must stay in place meanwhile. */
void gz_shp_mem_hooks(SAHooks *hooks, gz_shp_mem *set);

/* gazmap_layer_read() over the shapefile in `set`: the same checks (on the
 * buffers' sizes), reader and errors, which name `name`.shp; the layer is
 * called `name`.  The .shp, .shx and .dbf must be present. */
int gz_layer_read_mem(gazmap_layer **out, const char *name, gz_shp_mem *set);

/* gazmap_layer_write_shp() into `set` (its files replaced; the caller
 * clears it): the same .shp, .shx, .dbf, .prj and .cpg bytes, with no
 * temporary file and nothing to commit.  Errors name `name`.shp. */
int gz_layer_write_shp_mem(const gazmap_layer *l, const char *name, gz_shp_mem *set);

#endif
