/* Fuzzes the readers of the user's overlays (src/map/overlay.c): CSV
 * tables of points and GeoJSON, from memory through gz_overlay_read_mem
 * (map/overlay_internal.h), the reader gazmap_overlay_read runs on a file's
 * text.  Input layout: one flag byte, then the file.  Flag bit 0 picks the
 * format (0: CSV, 1: GeoJSON), bit 1 asks for the label field "name", bit 2
 * gives the overlay a colour.
 *
 * A file that loads must keep the reader's promises: every vertex on the
 * earth and inside the bounds, parts that tile the vertices, and labels of
 * UTF-8 without control characters.  A refused file must say why in one
 * line, with one of the codes gazmap/overlay.h documents. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include "map/overlay_internal.h"
#include "util/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void check_loaded(const gazmap_overlay *ov) {
  double b[4];
  size_t i, p, v;
  gazmap_overlay_bounds(ov, b);
  if (ov->n && (!ov->geom || !(b[0] <= b[2]) || !(b[1] <= b[3]))) {
    abort();
  }
  if (ov->n_parts && ov->part_v0[ov->n_parts] != ov->n_v) {
    abort();
  }
  for (v = 0; v < ov->n_v; v++) {
    double lon = ov->xy[2 * v], lat = ov->xy[2 * v + 1];
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) || lon < b[0] || lon > b[2] ||
        lat < b[1] || lat > b[3]) {
      abort();
    }
  }
  for (i = 0; i < ov->n; i++) {
    const gz_ov_feature *f = &ov->f[i];
    const char *label = gazmap_overlay_label(ov, i), *c;
    if (f->part0 + f->n_parts > ov->n_parts || f->n_parts == 0) {
      abort();
    }
    for (p = f->part0; p < f->part0 + f->n_parts; p++) {
      if (ov->part_v0[p + 1] <= ov->part_v0[p]) {
        abort(); /* a part without a vertex */
      }
    }
    if (gz_utf8_invalid_at(label, strlen(label)) < strlen(label)) {
      abort();
    }
    for (c = label; *c; c++) {
      if ((unsigned char)*c < 0x20) {
        abort();
      }
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gazmap_overlay_opts opts = GAZMAP_OVERLAY_OPTS_INIT;
  gazmap_overlay *ov = NULL;
  const gazmap_error *e;
  const char *name;
  int rc;

  if (size < 1) {
    return 0;
  }
  name = data[0] & 1 ? "fuzz.geojson" : "fuzz.csv";
  if (data[0] & 2) {
    opts.label_field = "name";
  }
  if (data[0] & 4) {
    opts.color = "#c33";
  }
  rc = gz_overlay_read_mem(&ov, name, (const char *)data + 1, size - 1, &opts);
  if (rc == 0) {
    check_loaded(ov);
    gazmap_overlay_free(ov);
    return 0;
  }
  e = gazmap_error_last();
  if (ov ||
      !(rc == GAZMAP_EPARSE || rc == GAZMAP_ERANGE || rc == GAZMAP_EUTF8 || rc == GAZMAP_ENOMEM) ||
      e->code != rc || !e->message[0] || strchr(e->message, '\n') ||
      (rc != GAZMAP_ENOMEM && (!e->file || strcmp(e->file, name)))) {
    abort();
  }
  return 0;
}
