/* Private: the state of one map being drawn, shared by render.c (which
 * builds it), draw.c (which paints it), and the layer files, legend.c and
 * furniture.c it paints with. */
#ifndef GAZMAP_RENDER_INTERNAL_H
#define GAZMAP_RENDER_INTERNAL_H

#include "gazmap/layer.h"
#include "gazmap/render.h"

#include "map/label_internal.h"
#include "map/layers.h"
#include "map/project_internal.h"
#include "map/style_internal.h"

#include <cairo.h>

/* The page layout: every rectangle is x, y, w, h in page units. */
typedef struct gz_layout {
  double k;        /* size factor: style px -> page units */
  double W, H;     /* page */
  double map[4];   /* the map frame */
  double panel[4]; /* legend, inset, scale bar, north arrow */
  double title[4];
  double credits[4];
  /* 1: the panel is a band below the map frame, in `cols` columns of
   * `col_w` with `col_gap` between them (gazmap_render_opts.legend_below);
   * 0: a column beside the frame (cols 1). */
  int below, cols;
  double col_w, col_gap;
} gz_layout;

typedef struct gz_area_cache gz_area_cache;

struct gz_map {
  cairo_t *cr;
  const gz_style *st;
  gz_layout lay;
  gz_proj *proj;
  gz_frame frame;
  const char *lang;
  char date[9];   /* YYYYMMDD; "99991231" when the map shows the latest state */
  int dated;      /* 1 when the user chose a date */
  int dual_names; /* label places with both sides' names (gz_place_label) */
  gazmap_gazetteer *g;
  const gazmap_highlight *hl;
  size_t n_hl;
  gz_map_layer layer[GZ_LAYERS_MAX]; /* slot i: registry layer i (render.c); walks read .def */
  gazmap_layer *inset;               /* caucasus.shp when the data has it, else NULL */
  gz_typo *typo;
  gz_label_langs *label_langs; /* SVG with text: the labels known to be in a language
                                  (feature_label.c); NULL elsewhere */
  const char *title, *subtitle;
  char subtitle_buf[1024]; /* the dated subtitle: Armenian's alone is 263 bytes */
  const char *crs_label; /* how the credits name the projection */
  int label_overlay;     /* image target: labels drawn on an overlay (draw.c) */
  int threads;           /* gazmap_render_opts.threads: > 1 lets a thread paint the layers */
  gz_area_cache *area_cache; /* area_fit.c: made by the first area label, owned */
  const gazmap_overlay *const *overlays; /* the user's data, borrowed (overlay_draw.c) */
  size_t n_overlays;
  double **ov_page; /* page x, y of each overlay's vertices (gz_overlays_project) */
};

/* Frees what gz_area_fit (area_fit.c) keeps in `m` between calls. */
void gz_area_cache_free(gz_map *m);

/* Kilometres per page unit at the centre of the map frame (geodesic, on
 * WGS84), as the scale bar shows; 0 when the centre does not project. */
double gz_km_per_unit(const gz_map *m);

/* The size factor of a W x H page at `dpi` (96 for vector pages, whose
 * units are points): text and lines shrink on pages smaller than the one
 * the style is drawn for. */
double gz_layout_scale(double W, double H, double dpi);

/* Computes the layout of a W x H page at size factor k, the panel below
 * the map frame when `below` is set. */
void gz_layout_compute(gz_layout *lay, const gz_style *st, double W, double H, double k,
                       int below);

/* The page around the map frame is drawn in GZ_PIECE_COUNT pieces (titles,
 * inset, legend, credits), each kept to a rectangle x, y, w, h of its own;
 * they may be drawn while a second thread paints the layers inside the map
 * frame only because these rectangles overlap neither each other nor the
 * map frame. */
enum { GZ_PIECE_COUNT = 4 };

/* 1 when the pieces' rectangles overlap neither each other nor the map
 * frame (a page too small for its layout may not manage it; then one
 * thread draws the whole page). */
int gz_pieces_disjoint(const gz_map *m);

/* Paints everything onto `surface` (layers, labels, furniture) through a
 * cairo context and typographer of its own.  0 or a negative status. */
int gz_draw_map(gz_map *m, cairo_surface_t *surface);

#endif
