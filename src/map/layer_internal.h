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

/* ---- a shapefile in memory (shp_mem.c) ----------------------------------- */

/* The files of one shapefile held in memory, in the order of the enum.  A
 * file is there when `present`; its bytes are borrowed from the caller
 * (owned 0, set by gz_shp_mem_set) or, once shapelib has written it, owned
 * by the set and freed by gz_shp_mem_clear().  For the layer fuzzer and the
 * tests: real files are never read this way. */
enum {
  GZ_SHP_MEM_SHP,
  GZ_SHP_MEM_SHX,
  GZ_SHP_MEM_DBF,
  GZ_SHP_MEM_PRJ,
  GZ_SHP_MEM_CPG,
  GZ_SHP_MEM_N
};

typedef struct gz_shp_mem_file {
  unsigned char *data;
  size_t len, cap;
  int owned, present;
} gz_shp_mem_file;

typedef struct gz_shp_mem {
  gz_shp_mem_file file[GZ_SHP_MEM_N];
  char stem[40]; /* the name shapelib is given (gz_shp_mem_hooks) */
} gz_shp_mem;

/* A set with no file. */
#define GZ_SHP_MEM_INIT                                                                            \
  { {{NULL, 0, 0, 0, 0}}, "" }

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

/* gz_shapefile_check() on the buffers of `set`, naming `shp_path`. */
int gz_shapefile_check_mem(const gz_shp_mem *set, const char *shp_path);

#endif
