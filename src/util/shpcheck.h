/* Private: a shapefile's three files checked against each other before
 * shapelib reads them (shpcheck.c), for the map module's layers and the
 * core's extents alike. */
#ifndef GAZMAP_UTIL_SHPCHECK_H
#define GAZMAP_UTIL_SHPCHECK_H

#include "gazmap/layer.h"

#include <shapefil.h>
#include <stddef.h>

/* Checks the .shp, .shx and .dbf at `stem` + extension before shapelib
 * reads them: regular files (a FIFO is refused at once), headers whose sizes
 * match the files, every .shx entry inside the .shp, and a .dbf with one
 * record per shape, all present.  0 or GAZMAP_EIO / GAZMAP_EPARSE naming the
 * file and what disagrees. */
int gz_shapefile_check(const char *stem);

/* What a shapefile's shape type holds, or 0 for a type gazmap does not
 * read. */
gazmap_geom gz_shp_geom(int shp_type);

/* Checks record `i` (from 0) of `file`, read as `o` (NULL: shapelib could
 * not read it) from a layer of `geom`: 1 when it holds vertices, every one
 * a longitude and latitude and every part inside them; 0 for a null shape;
 * GAZMAP_EPARSE naming the file and record otherwise. */
int gz_shp_record_check(const SHPObject *o, gazmap_geom geom, const char *file, size_t i);

/* The parts of a checked record as gazmap takes them: each point of a
 * multipoint its own part, a record without part starts one part.  Part
 * `p` is the vertices [*start, *stop). */
size_t gz_shp_part_count(const SHPObject *o, gazmap_geom geom);
void gz_shp_part(const SHPObject *o, gazmap_geom geom, size_t p, int *start, int *stop);

/* ---- a shapefile in memory (map/shp_mem.c fills it) --------------------- */

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

/* gz_shapefile_check() on the buffers of `set`, naming `shp_path`. */
int gz_shapefile_check_mem(const gz_shp_mem *set, const char *shp_path);


#endif
