/* A map assembled by hand, for the tests of the map's pieces (labels,
 * layers, overlays) that draw without the renderer.  Header-only, like
 * render_fixture.h. */
#ifndef GAZMAP_MAP_FIXTURE_H
#define GAZMAP_MAP_FIXTURE_H

#include "map/project_internal.h"
#include "map/render_internal.h"
#include "map/style_internal.h"

#include <check.h>
#include <stdio.h>
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
  gz_layout_compute(&m->lay, m->st, PAGE_W, PAGE_H, 1.0);
  ck_assert_int_eq(gz_proj_new(&m->proj, NULL), 0);
  ck_assert_int_eq(gz_frame_fit(&m->frame, m->proj, bbox, m->lay.map[0], m->lay.map[1],
                                m->lay.map[2], m->lay.map[3]),
                   0);
  m->lang = "en";
  snprintf(m->date, sizeof m->date, "%s", date);
}

#endif
