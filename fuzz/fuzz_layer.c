/* Fuzzes the shapefile reader (the .shp/.shx/.dbf checks, shapelib, the
 * layer) through the layer API, then GeoJSON export and a write-and-reread.
 * Input layout: three little-endian 32-bit lengths, then the .shp, .shx and
 * .dbf bytes in that order; whatever follows is the .prj.  A layer that
 * loads is exported as GeoJSON, written as a shapefile and read back, and
 * the copy must have the same features, geometry type and vertices.
 *
 * The files are never on disk: the reader and the writer are the layer
 * module's own, run over memory buffers through shapelib's SAHooks
 * (gz_layer_read_mem, gz_layer_write_shp_mem in map/layer_internal.h).
 * Writing and reading six files per input had cost a third of the time in
 * the kernel (doc/fuzz.md). */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include "map/layer_internal.h"

#include <stdlib.h>

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The write-and-reread invariant: what was written reads back the same. */
static void same_layer(const gazmap_layer *a, const gazmap_layer *b) {
  size_t i, p, na, nb, v;
  if (gazmap_layer_count(a) != gazmap_layer_count(b) || gazmap_layer_geom(a) != gazmap_layer_geom(b)) {
    abort();
  }
  for (i = 0; i < gazmap_layer_count(a); i++) {
    size_t parts = gazmap_layer_parts(a, i);
    /* A point layer's multipoints are written as their first point. */
    if (gazmap_layer_geom(a) == GAZMAP_GEOM_POINT && parts > 1) {
      parts = 1;
    }
    if (gazmap_layer_parts(b, i) != parts) {
      abort();
    }
    for (p = 0; p < parts; p++) {
      const double *xa = gazmap_layer_part(a, i, p, &na), *xb = gazmap_layer_part(b, i, p, &nb);
      if (gazmap_layer_geom(a) == GAZMAP_GEOM_POINT) {
        na = nb = 1;
      }
      if (na != nb) {
        abort();
      }
      for (v = 0; v < 2 * na; v++) {
        if (xa[v] != xb[v]) {
          abort();
        }
      }
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gz_shp_mem in = GZ_SHP_MEM_INIT, out = GZ_SHP_MEM_INIT;
  gazmap_layer *l = NULL, *back = NULL;
  size_t len, off = 12, i;
  char *json = NULL;
  size_t json_len = 0;

  if (size < 12) {
    return 0;
  }
  for (i = 0; i < 3; i++) {
    len = le32(data + 4 * i);
    if (len > size - off) {
      len = size - off;
    }
    gz_shp_mem_set(&in, GZ_SHP_MEM_SHP + (int)i, data + off, len);
    off += len;
  }
  gz_shp_mem_set(&in, GZ_SHP_MEM_PRJ, data + off, size - off);
  if (gz_layer_read_mem(&l, "f", &in) == 0) {
    double b[4];
    size_t f;
    gazmap_layer_bounds(l, b);
    for (f = 0; f < gazmap_layer_field_count(l); f++) {
      (void)gazmap_layer_attr(l, 0, gazmap_layer_field_name(l, f));
    }
    if (gazmap_layer_to_geojson(l, &json, &json_len) == 0) {
      free(json);
    }
    if (gz_layer_write_shp_mem(l, "out", &out) == 0) {
      if (gz_layer_read_mem(&back, "out", &out) != 0) {
        abort(); /* what gazmap writes, gazmap must read */
      }
      same_layer(l, back);
      gazmap_layer_free(back);
    }
    gazmap_layer_free(l);
  }
  gz_shp_mem_clear(&out);
  gz_shp_mem_clear(&in);
  return 0;
}
