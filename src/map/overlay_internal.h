/* Private: an overlay's features as overlay.c reads them, and the hooks the
 * map's drawing calls to paint, label and list them (overlay_draw.c). */
#ifndef GAZMAP_OVERLAY_INTERNAL_H
#define GAZMAP_OVERLAY_INTERNAL_H

#include "gazmap/overlay.h"

#include "map/label_internal.h"
#include "map/style_internal.h"

#include <stddef.h>

typedef struct gz_map gz_map;
typedef struct gz_legend gz_legend;

/* A feature's simplestyle properties; a flag bit for each one it has. */
enum {
  GZ_OV_MARKER = 1u << 0,
  GZ_OV_MARKER_SIZE = 1u << 1,
  GZ_OV_STROKE = 1u << 2,
  GZ_OV_STROKE_WIDTH = 1u << 3,
  GZ_OV_STROKE_OPACITY = 1u << 4,
  GZ_OV_FILL = 1u << 5,
  GZ_OV_FILL_OPACITY = 1u << 6
};

typedef struct gz_ov_look {
  unsigned has;                 /* GZ_OV_* bits */
  gz_rgba marker, stroke, fill; /* alpha 1; opacities apart */
  int marker_size;              /* 0 small, 1 medium, 2 large */
  double stroke_width, stroke_opacity, fill_opacity;
} gz_ov_look;

typedef struct gz_ov_feature {
  size_t part0, n_parts; /* parts part0 .. part0 + n_parts - 1 */
  gz_ov_look look;
  char *label; /* never NULL */
} gz_ov_feature;

struct gazmap_overlay {
  char *title, *attribution;
  int has_color; /* the overlay's colour option */
  gz_rgba color;
  gazmap_geom geom; /* 0 while empty */
  gz_ov_feature *f;
  size_t n, cap;
  size_t *part_v0; /* part p: vertices part_v0[p] .. part_v0[p + 1] - 1 */
  size_t n_parts, cap_parts;
  double *xy; /* lon, lat */
  size_t n_v, cap_v;
  double bounds[4];
};

/* gazmap_overlay_read() of the `len` bytes at `data` (not NUL-terminated;
 * copied) as the CSV or GeoJSON file `name` (its extension says which, its
 * base name is the default title, errors name it).  For the overlay fuzzer
 * and the tests; a shapefile is refused with GAZMAP_EINVAL. */
int gz_overlay_read_mem(gazmap_overlay **out, const char *name, const char *data, size_t len,
                        const gazmap_overlay_opts *opts);

/* "#rrggbb", "#rgb" (the '#' optional) -> opaque colour; 0 or -1. */
int gz_ov_parse_color(const char *s, gz_rgba *out);

/* ---- on the map (overlay_draw.c) ------------------------------------------- */

/* Projects every overlay of `m` (m->overlays) to its page: 0 or
 * GAZMAP_ENOMEM.  gz_overlays_free releases what it made. */
int gz_overlays_project(gz_map *m);
void gz_overlays_free(gz_map *m);

/* Paints every overlay's features, in the order given (draw.c, after the
 * layers). */
void gz_overlays_paint(gz_map *m);

/* Offers every overlay's labels to the labeler (draw.c, before it runs). */
int gz_overlays_label(gz_map *m, gz_labeler *lab);

/* One legend row per overlay (legend.c). */
void gz_overlays_legend(gz_map *m, gz_legend *lg);

/* The overlays' attributions joined with "; " into `buf` ("" when none). */
void gz_overlays_attribution(const gz_map *m, char *buf, size_t cap);

/* The credits line of the map: the style's sources and projection, then the
 * overlays' attributions (furniture.c draws it, a PNG's Copyright text
 * repeats it). */
void gz_map_credits(const gz_map *m, char *buf, size_t cap);

#endif
