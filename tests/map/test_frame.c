/* Frames by place (gazmap/frame.h): the box around a point holds the circle
 * the radius draws, and a place's extent is its shape's (a district), its
 * places' (a district without a shape) or none (a town). */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static gazmap_gazetteer *gaz;
static gazmap_extents *ex;

static void setup(void) {
  ck_assert_msg(gazmap_gazetteer_open(&gaz, NULL) == 0, "gazetteer: %s",
                gazmap_error_last()->message);
  ck_assert_msg(gazmap_extents_open(&ex, gaz, NULL) == 0, "extents: %s",
                gazmap_error_last()->message);
}

static void teardown(void) {
  gazmap_extents_free(ex);
  gazmap_gazetteer_free(gaz);
}

/* The box's edges lie on the circle: its north edge the radius due north,
 * its east edge (at the parallel where the circle is widest) the radius. */
START_TEST(box_around_holds_the_circle) {
  double b[4], lat = 39.76006, lon = 46.74989, north, east, widest;
  ck_assert_int_eq(gazmap_bbox_around(lat, lon, 30, b), 0);
  north = gazmap_distance_km(lat, lon, b[3], lon);
  ck_assert_msg(fabs(north - 30) < 0.2, "north edge %.3f km away, not 30", north);
  /* The circle touches the east edge at a latitude a little poleward of
   * the centre; there the distance is the radius, and nowhere less. */
  widest = asin(sin(lat * M_PI / 180) / cos(30 / 6371.0088)) * 180 / M_PI;
  east = gazmap_distance_km(lat, lon, widest, b[2]);
  ck_assert_msg(fabs(east - 30) < 0.2, "east edge %.3f km away, not 30", east);
  ck_assert_msg(gazmap_distance_km(lat, lon, lat, b[2]) > 30,
                "the east edge cuts the circle at the centre's parallel");
}
END_TEST

/* The great-circle distance on the sphere gazmap_bbox_around assumes. */
static double sphere_km(double lat1, double lon1, double lat2, double lon2) {
  double r = M_PI / 180, a = sin((lat2 - lat1) * r / 2), b = sin((lon2 - lon1) * r / 2);
  return 2 * 6371.0088 * asin(sqrt(a * a + cos(lat1 * r) * cos(lat2 * r) * b * b));
}

/* Far north and wide, the east edge is where the circle is widest, which a
 * box of radius / cos(latitude) degrees misses by kilometres. */
START_TEST(box_around_wide_circle) {
  double b[4], lat = 55, lon = 40, r = 1000, widest, east;
  ck_assert_int_eq(gazmap_bbox_around(lat, lon, r, b), 0);
  widest = asin(sin(lat * M_PI / 180) / cos(r / 6371.0088)) * 180 / M_PI;
  east = sphere_km(lat, lon, widest, b[2]);
  ck_assert_msg(fabs(east - r) < 0.01, "east edge %.3f km away, not %g", east, r);
  ck_assert_msg(fabs(sphere_km(lat, lon, b[3], lon) - r) < 0.01, "north edge");
}
END_TEST

START_TEST(box_around_refuses_bad_input) {
  double b[4];
  ck_assert_int_eq(gazmap_bbox_around(39, 46, 0, b), GAZMAP_EINVAL);
  ck_assert_int_eq(gazmap_bbox_around(95, 46, 10, b), GAZMAP_EINVAL);
  ck_assert_int_eq(gazmap_bbox_around(89.5, 46, 100, b), GAZMAP_EINVAL);
}
END_TEST

/* The place `id`, which must be in the gazetteer. */
static const gazmap_place *place(const char *id) {
  const gazmap_place *p = gazmap_gazetteer_find_id(gaz, id);
  ck_assert_msg(p != NULL, "no place %s", id);
  return p;
}

/* The extent of the place `id`, which must have one. */
static void extent_of(const char *id, double b[4]) {
  ck_assert_msg(gazmap_place_extent(ex, place(id), b) == 1, "%s has no extent", id);
}

/* 1 when the point of `p` lies inside the box `b` (on its edge too, unless
 * `strict`). */
static int inside(const double b[4], const gazmap_place *p, int strict) {
  double lon = gazmap_place_lon(p), lat = gazmap_place_lat(p);
  if (strict) {
    return b[0] < lon && lon < b[2] && b[1] < lat && lat < b[3];
  }
  return b[0] <= lon && lon <= b[2] && b[1] <= lat && lat <= b[3];
}

/* Kalbajar District's extent is its handover polygon's: it holds Kalbajar
 * town and is a district's size, not the region's. */
START_TEST(district_extent_is_its_shape) {
  double b[4];
  extent_of("kalbajar-district", b);
  ck_assert_msg(inside(b, place("kalbajar"), 1), "extent %g,%g,%g,%g misses Kalbajar town", b[0],
                b[1], b[2], b[3]);
  ck_assert_msg(b[2] - b[0] > 0.3 && b[2] - b[0] < 1.5 && b[3] - b[1] > 0.2 && b[3] - b[1] < 1.2,
                "extent %g,%g,%g,%g is not a district's size", b[0], b[1], b[2], b[3]);
}
END_TEST

/* A country's extent comes from its shape, keyed by its code. */
START_TEST(country_extent_by_code) {
  size_t i;
  double b[4];
  int found = 0;
  for (i = 0; i < gazmap_gazetteer_count(gaz); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(gaz, i);
    if (gazmap_place_kind(p) == GAZMAP_KIND_COUNTRY && !strcmp(gazmap_place_country(p), "AM")) {
      ck_assert_int_eq(gazmap_place_extent(ex, p, b), 1);
      /* Armenia spans about 43.4-46.6 E and 38.8-41.3 N. */
      ck_assert_msg(fabs(b[0] - 43.45) < 0.2 && fabs(b[2] - 46.63) < 0.2 &&
                        fabs(b[1] - 38.84) < 0.2 && fabs(b[3] - 41.30) < 0.2,
                    "Armenia's extent %g,%g,%g,%g", b[0], b[1], b[2], b[3]);
      found = 1;
    }
  }
  ck_assert_msg(found, "no country place for AM");
}
END_TEST

/* A region without a shape of its own: the box of the places in it. */
START_TEST(region_extent_from_its_places) {
  double b[4];
  extent_of("nakhchivan-ar", b);
  ck_assert_msg(inside(b, place("ordubad"), 0), "extent %g,%g,%g,%g misses Ordubad", b[0], b[1],
                b[2], b[3]);
}
END_TEST

START_TEST(town_has_no_extent) {
  double b[4] = {1, 2, 3, 4};
  ck_assert_int_eq(gazmap_place_extent(ex, place("aghdam"), b), 0);
  ck_assert(b[0] == 1 && b[3] == 4);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_TEST(box_around_holds_the_circle),  TU_TEST(box_around_wide_circle),
      TU_TEST(box_around_refuses_bad_input), TU_TEST(region_extent_from_its_places),
      TU_TEST(district_extent_is_its_shape), TU_TEST(country_extent_by_code),
      TU_TEST(town_has_no_extent),
  };
  tu_tcase tc = {.name = "frame", .tests = TU_TESTS(tests), .setup = setup, .teardown = teardown};
  return tu_main("frame", &tc, 1);
}
