/* Fuzzes the shapefile reader (util checks, shapelib, the layer) through the
 * public layer API, then GeoJSON export and a write-and-reread.  Input
 * layout: three little-endian 32-bit lengths, then the .shp, .shx and .dbf
 * bytes in that order; whatever follows is the .prj.  A layer that loads is
 * exported as GeoJSON, written as a shapefile and read back, and the copy
 * must have the same features, geometry type and vertices. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One directory per process, reused: the files are replaced every run. */
static char dir[64];

/* Removes the directory at exit, so that replays leave nothing in /tmp. */
static void remove_dir(void) {
  static const char *const all[] = {"f.shp", "f.shx", "f.dbf", "f.prj",  "out.shp",
                                    "out.shx", "out.dbf", "out.prj", "out.cpg"};
  char path[128];
  size_t i;
  for (i = 0; i < sizeof all / sizeof all[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, all[i]);
    unlink(path);
  }
  rmdir(dir);
}

static int put(const char *name, const uint8_t *data, size_t len) {
  char path[128];
  FILE *f;
  int ok;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if (!(f = fopen(path, "wb"))) {
    return -1;
  }
  ok = fwrite(data, 1, len, f) == len;
  return fclose(f) == 0 && ok ? 0 : -1;
}

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
  gazmap_layer *l = NULL, *back = NULL;
  size_t len[3], off = 12, i;
  char path[128], out[128], *json = NULL;
  size_t json_len = 0;
  static const char *const names[] = {"f.shp", "f.shx", "f.dbf"};

  if (!dir[0]) {
    snprintf(dir, sizeof dir, "/tmp/gazmap-fuzz-layer-XXXXXX");
    if (!mkdtemp(dir)) {
      abort();
    }
    atexit(remove_dir);
  }
  if (size < 12) {
    return 0;
  }
  for (i = 0; i < 3; i++) {
    len[i] = le32(data + 4 * i);
    if (len[i] > size - off) {
      len[i] = size - off;
    }
    if (put(names[i], data + off, len[i]) < 0) {
      return 0;
    }
    off += len[i];
  }
  if (put("f.prj", data + off, size - off) < 0) {
    return 0;
  }
  snprintf(path, sizeof path, "%s/f.shp", dir);
  snprintf(out, sizeof out, "%s/out.shp", dir);
  if (gazmap_layer_read(&l, path) == 0) {
    double b[4];
    size_t f;
    gazmap_layer_bounds(l, b);
    for (f = 0; f < gazmap_layer_field_count(l); f++) {
      (void)gazmap_layer_attr(l, 0, gazmap_layer_field_name(l, f));
    }
    if (gazmap_layer_to_geojson(l, &json, &json_len) == 0) {
      free(json);
    }
    if (gazmap_layer_write_shp(l, out) == 0) {
      if (gazmap_layer_read(&back, out) != 0) {
        abort(); /* what gazmap writes, gazmap must read */
      }
      same_layer(l, back);
      gazmap_layer_free(back);
    }
    gazmap_layer_free(l);
  }
  return 0;
}
