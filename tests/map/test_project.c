/* Projection and framing: the default conformal projection, any PROJ CRS,
 * true distances, and the checks on a bounding box. */
#define _GNU_SOURCE
#include "gazmap/error.h"
#include "gazmap/gazetteer.h"

#include "map/project_internal.h"
#include "util/proj_dl.h"

#include <check.h>

#include "testutil.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether libproj is mapped into this process (/proc/self/maps).  This
 * suite does not link PROJ (test_render does), so only gazmap's loader can
 * have brought it in; Check forks each test, so one test's load does not
 * leak into the next. */
static int proj_is_loaded(void) {
  char *maps = tu_read_file("/proc/self/maps", NULL);
  int found;
  ck_assert_ptr_nonnull(maps);
  found = strstr(maps, "/libproj.so") != NULL;
  free(maps);
  return found;
}

/* The default projection, its inverse and its scale factor need no PROJ:
 * the default map does not pay PROJ's ~10 ms of start-up (doc/render.md). */
START_TEST(default_projection_loads_no_proj) {
  gz_proj *p = NULL;
  double xy[2] = {46.75, 39.76}, lon, lat;
  ck_assert_msg(!proj_is_loaded(), "libproj mapped before the test");
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  gz_proj_fwd(p, xy, 1);
  ck_assert_int_eq(gz_proj_inv(p, xy[0], xy[1], &lon, &lat), 0);
  ck_assert(gz_proj_scale(p, xy[0], xy[1]) > 0);
  gz_proj_free(p);
  ck_assert_msg(!proj_is_loaded(), "the default projection loaded libproj");
}
END_TEST

/* Another CRS loads PROJ on demand, by the configured SONAME, and works. */
START_TEST(another_crs_loads_proj_on_demand) {
  gz_proj *p = NULL;
  double xy[2] = {45.0, 40.0};
  ck_assert_msg(gz_proj_new(&p, "EPSG:3857") == 0, "%s", gazmap_error_last()->message);
  ck_assert(proj_is_loaded());
  gz_proj_fwd(p, xy, 1);
  /* 45 E on the spherical Mercator: 45 / 180 of 20037508.34 m. */
  ck_assert_msg(fabs(xy[0] - 5009377.085) < 0.01, "x = %.3f", xy[0]);
  gz_proj_free(p);
}
END_TEST

/* A PROJ that cannot be loaded is GAZMAP_EPROJ with one line naming the
 * library and the reason, and nothing stays loaded: a library that does not
 * exist, and one without PROJ's functions (libm), which names the first
 * missing one. */
static const struct {
  const char *soname, *reason;
} load_failures[] = {
    {"libproj-gazmap-missing.so.0", "cannot open"},
    {"libm.so.6", "proj_context_create"},
};

START_TEST(loader_names_the_library_it_cannot_use) {
  gz_proj_api api;
  void *h = (void *)1;
  const char *msg;
  ck_assert_int_eq(gz_proj_dl_load(&api, &h, load_failures[_i].soname), GAZMAP_EPROJ);
  ck_assert_ptr_null(h);
  ck_assert(api.trans == NULL);
  msg = gazmap_error_last()->message;
  ck_assert_msg(strstr(msg, load_failures[_i].soname) && strstr(msg, load_failures[_i].reason) &&
                    !strchr(msg, '\n'),
                "want one line naming %s and \"%s\"; message: %s", load_failures[_i].soname,
                load_failures[_i].reason, msg);
}
END_TEST

/* The scale factor of the default projection is the ratio of projected to
 * geodesic length over a short segment: 1 on the standard parallels, below
 * 1 between them. */
START_TEST(scale_factor_matches_geodesic_lengths) {
  static const double lats[] = {38.3, 39.0, 39.8, 40.0, 41.0, 41.4};
  gz_proj *p = NULL;
  size_t i;
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  for (i = 0; i < sizeof lats / sizeof *lats; i++) {
    double xy[4] = {46.69, lats[i], 46.71, lats[i]}, k, ratio;
    gz_proj_fwd(p, xy, 2);
    k = gz_proj_scale(p, (xy[0] + xy[2]) / 2, (xy[1] + xy[3]) / 2);
    ratio = hypot(xy[2] - xy[0], xy[3] - xy[1]) / 1000 /
            gazmap_distance_km(lats[i], 46.69, lats[i], 46.71);
    ck_assert_msg(fabs(k - ratio) < 1e-7, "lat %g: k %.9f, projected/geodesic %.9f", lats[i], k,
                  ratio);
  }
  gz_proj_free(p);
}
END_TEST

START_TEST(default_projection_is_centred_on_46e_40n) {
  gz_proj *p = NULL;
  double xy[2] = {46.0, 40.0};
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  gz_proj_fwd(p, xy, 1);
  ck_assert_msg(fabs(xy[0]) < 1e-3 && fabs(xy[1]) < 1e-3, "origin projects to %g, %g", xy[0],
                xy[1]);
  gz_proj_free(p);
}
END_TEST

START_TEST(inverse_undoes_forward) {
  static const double pts[][2] = {{43.4, 38.3}, {48.6, 41.4}, {44.51, 40.18}, {46.75, 39.76}};
  gz_proj *p = NULL;
  size_t i;
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  for (i = 0; i < sizeof pts / sizeof pts[0]; i++) {
    double xy[2] = {pts[i][0], pts[i][1]}, lon, lat;
    gz_proj_fwd(p, xy, 1);
    ck_assert_int_eq(gz_proj_inv(p, xy[0], xy[1], &lon, &lat), 0);
    ck_assert_msg(fabs(lon - pts[i][0]) < 1e-9 && fabs(lat - pts[i][1]) < 1e-9,
                  "%g,%g came back as %g,%g", pts[i][0], pts[i][1], lon, lat);
  }
  gz_proj_free(p);
}
END_TEST

/* Conformal near its standard parallels: projected distances within 0.5 %
 * of geodesic ones across the default frame. */
START_TEST(default_projection_keeps_distances_true_in_the_region) {
  gz_proj *p = NULL;
  double xy[4] = {44.51, 40.18, 46.75, 39.76}; /* Yerevan, Shusha */
  double km, proj_km;
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  km = gazmap_distance_km(40.18, 44.51, 39.76, 46.75);
  gz_proj_fwd(p, xy, 2);
  proj_km = hypot(xy[2] - xy[0], xy[3] - xy[1]) / 1000;
  ck_assert_msg(fabs(proj_km / km - 1) < 0.005, "geodesic %.2f km, projected %.2f km", km, proj_km);
  gz_proj_free(p);
}
END_TEST

START_TEST(epsg_codes_and_proj_strings_are_accepted) {
  static const char *const crs[] = {"EPSG:32638", "+proj=merc +datum=WGS84",
                                    "+proj=utm +zone=38 +datum=WGS84 +type=crs"};
  gz_proj *p = NULL;
  double xy[2] = {45.0, 40.0};
  ck_assert_msg(gz_proj_new(&p, crs[_i]) == 0, "%s: %s", crs[_i], gazmap_error_last()->message);
  gz_proj_fwd(p, xy, 1);
  ck_assert_msg(isfinite(xy[0]) && xy[0] != HUGE_VAL && xy[0] > 1000, "%s gives x = %g", crs[_i],
                xy[0]);
  gz_proj_free(p);
}
END_TEST

START_TEST(unknown_crs_is_a_proj_error) {
  gz_proj *p = NULL;
  ck_assert_int_eq(gz_proj_new(&p, "+proj=nonsense"), GAZMAP_EPROJ);
  ck_assert_ptr_null(p);
  ck_assert_int_eq(gz_proj_new(&p, "EPSG:999999"), GAZMAP_EPROJ);
}
END_TEST

START_TEST(geodesic_degree_of_longitude_at_40n) {
  /* One degree of longitude on the 40th parallel of WGS84: 85.39 km. */
  double km = gazmap_distance_km(40, 45, 40, 46);
  ck_assert_msg(fabs(km - 85.39) < 0.05, "got %.3f km", km);
}
END_TEST

typedef struct bbox_case {
  double b[4];
  int want;
} bbox_case;

static const bbox_case bbox_cases[] = {
    {{43.4, 38.3, 48.6, 41.4}, 0},       {{-180, -90, 180, 90}, 0},
    {{170, 10, 200, 20}, GAZMAP_EINVAL}, {{10, -95, 20, 0}, GAZMAP_EINVAL},
    {{45, 40, 45, 41}, GAZMAP_EINVAL},   {{46, 40, 45, 41}, GAZMAP_EINVAL},
    {{45, 41, 46, 40}, GAZMAP_EINVAL},   {{NAN, 40, 46, 41}, GAZMAP_EINVAL},
};

START_TEST(bbox_must_lie_in_the_world_and_have_area) {
  const bbox_case *c = &bbox_cases[_i];
  ck_assert_msg(gz_bbox_check(c->b) == c->want, "bbox %g,%g,%g,%g: got %d, want %d", c->b[0],
                c->b[1], c->b[2], c->b[3], gz_bbox_check(c->b), c->want);
}
END_TEST

START_TEST(frame_fits_the_bbox_centred_in_the_rectangle) {
  gz_proj *p = NULL;
  gz_frame fr;
  static const double b[4] = {43.4, 38.3, 48.6, 41.4};
  double xy[4] = {43.4, 38.3, 48.6, 41.4}, x0, y0, x1, y1;
  ck_assert_int_eq(gz_proj_new(&p, NULL), 0);
  ck_assert_int_eq(gz_frame_fit(&fr, p, b, 10, 20, 1000, 800), 0);
  gz_proj_fwd(p, xy, 2);
  gz_frame_apply(&fr, xy[0], xy[1], &x0, &y0);
  gz_frame_apply(&fr, xy[2], xy[3], &x1, &y1);
  /* South-west below and left of north-east, both inside the rectangle. */
  ck_assert(x0 >= 10 - 1e-6 && x1 <= 1010 + 1e-6 && x0 < x1);
  ck_assert(y1 >= 20 - 1e-6 && y0 <= 820 + 1e-6 && y1 < y0);
  gz_proj_free(p);
}
END_TEST

START_TEST(center_and_zoom_give_a_box_around_the_centre) {
  double b[4];
  gz_bbox_from_center(39.8, 46.7, 8, 1024, 768, b);
  ck_assert(fabs((b[0] + b[2]) / 2 - 46.7) < 1e-9 && fabs((b[1] + b[3]) / 2 - 39.8) < 1e-9);
  /* 1024 px at zoom 8 span four 256-px tiles of 360/256 degrees. */
  ck_assert_msg(fabs((b[2] - b[0]) - 4 * 360.0 / 256) < 1e-9, "width %g", b[2] - b[0]);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_TEST(default_projection_loads_no_proj),
      TU_TEST(another_crs_loads_proj_on_demand),
      TU_ROWS(loader_names_the_library_it_cannot_use, load_failures),
      TU_TEST(scale_factor_matches_geodesic_lengths),
      TU_TEST(default_projection_is_centred_on_46e_40n),
      TU_TEST(inverse_undoes_forward),
      TU_TEST(default_projection_keeps_distances_true_in_the_region),
      TU_LOOP(epsg_codes_and_proj_strings_are_accepted, 3),
      TU_TEST(unknown_crs_is_a_proj_error),
      TU_TEST(geodesic_degree_of_longitude_at_40n),
      TU_ROWS(bbox_must_lie_in_the_world_and_have_area, bbox_cases),
      TU_TEST(frame_fits_the_bbox_centred_in_the_rectangle),
      TU_TEST(center_and_zoom_give_a_box_around_the_centre),
  };
  return tu_main_tests("project", 0, TU_TESTS(tests));
}
