/* A map assembled by hand, for the tests of the map's pieces (labels,
 * layers, overlays) that draw without the renderer.  Header-only, like
 * render_fixture.h. */
#ifndef GAZMAP_MAP_FIXTURE_H
#define GAZMAP_MAP_FIXTURE_H

#include "gazmap/layer.h"
#include "map/layers.h"
#include "map/paint.h"
#include "map/project_internal.h"
#include "map/render_internal.h"
#include "map/style_internal.h"

#include <cairo.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page every hand-made map is drawn on, in pixels. */
enum { PAGE_W = 1600, PAGE_H = 1200 };

/* Starts `m` (zeroed) as the page's map of `bbox` (lon/lat min, max) in the
 * default style and projection, in English, on `date` (YYYYMMDD): what
 * every hand-made map shares; the test adds its layers and options.  The
 * test frees the projection with the rest of the map. */
static inline void fx_map_frame(gz_map *m, const double bbox[4], const char *date) {
  memset(m, 0, sizeof *m);
  m->st = gz_style_default();
  gz_layout_compute(&m->lay, m->st, PAGE_W, PAGE_H, 1.0, 0);
  ck_assert_int_eq(gz_proj_new(&m->proj, NULL), 0);
  ck_assert_int_eq(gz_frame_fit(&m->frame, m->proj, bbox, m->lay.map[0], m->lay.map[1],
                                m->lay.map[2], m->lay.map[3]),
                   0);
  m->lang = "en";
  snprintf(m->date, sizeof m->date, "%s", date);
}

/* Loads into `m` the layers named in `layers` (a comma list; NULL: every
 * layer) from the shapefiles in `shapes` (NULL: the bundled shapes/); every
 * slot gets its layer's definition. */
static inline void fx_map_layers(gz_map *m, const char *layers, const char *shapes) {
  unsigned mask;
  size_t i;
  ck_assert_int_eq(gz_layers_parse(layers, &mask), 0);
  for (i = 0; i < gz_layers_count(); i++) {
    m->layer[i].def = gz_layers_at(i);
    if (mask & (1u << i)) {
      ck_assert_msg(gz_map_layer_load(m, &m->layer[i], shapes) == 0, "%s: %s",
                    gz_layers_at(i)->name, gazmap_error_last()->message);
    }
  }
}

/* The page `m` draws on: a PAGE_W x PAGE_H image in *s (the test reads its
 * pixels), its cairo context and the style's typography. */
static inline void fx_map_page(gz_map *m, cairo_surface_t **s) {
  *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, PAGE_W, PAGE_H);
  m->cr = cairo_create(*s);
  ck_assert_int_eq(gz_typo_new(&m->typo, m->cr, m->st, 1.0), 0);
}

/* Frees what fx_map_frame, fx_map_layers and fx_map_page made, with the
 * area cache and the layers' page points, and the page `s`. */
static inline void fx_map_free(gz_map *m, cairo_surface_t *s) {
  size_t i;
  gz_area_cache_free(m);
  gz_typo_free(m->typo);
  cairo_destroy(m->cr);
  cairo_surface_destroy(s);
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    gazmap_layer_free(m->layer[i].data);
    free(m->layer[i].page);
  }
  gz_proj_free(m->proj);
}

#endif
