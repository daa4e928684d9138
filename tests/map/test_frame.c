/* Frames by place (gazmap/frame.h): the box around a point holds the circle
 * the radius draws, and a place's extent is its shape's (a district), its
 * places' (a district without a shape) or none (a town). */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "gazetteer/extents.h"
#include "map/layers.h"

#include "testutil.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
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

/* The core reads the extents without the layer registry (the drawing code):
 * its list of layers is the registry's polygon layers from shapefiles, in
 * the registry's order. */
START_TEST(extent_layers_are_the_registry_polygons) {
  size_t n, i, k = 0;
  const char *const *names = gz_extent_layers(&n);
  for (i = 0; i < gz_layers_count(); i++) {
    const gz_layer_def *d = gz_layers_at(i);
    if (d->geom == GAZMAP_GEOM_POLYGON && d->source == GZ_SOURCE_SHAPEFILE) {
      ck_assert_msg(k < n, "layer %s is missing from the extents' layers", d->name);
      ck_assert_str_eq(names[k], d->name);
      k++;
    }
  }
  ck_assert_uint_eq(k, n);
}
END_TEST

/* One feature's box as the map reads it: the layer's parts. */
static void feature_box(const gazmap_layer *l, size_t i, double b[4]) {
  size_t p, v, n;
  b[0] = b[1] = INFINITY, b[2] = b[3] = -INFINITY;
  for (p = 0; p < gazmap_layer_parts(l, i); p++) {
    const double *xy = gazmap_layer_part(l, i, p, &n);
    for (v = 0; v < n; v++) {
      b[0] = fmin(b[0], xy[2 * v]), b[1] = fmin(b[1], xy[2 * v + 1]);
      b[2] = fmax(b[2], xy[2 * v]), b[3] = fmax(b[3], xy[2 * v + 1]);
    }
  }
}

/* Every place that has a feature of its id (or a country of its code) has
 * as extent the box of all such features, as the map module's layers read
 * them (gazmap_layer_open): shapelib alone gives the same numbers. */
START_TEST(extents_are_the_map_layers_boxes) {
  size_t pi, li, i, checked = 0;
  for (pi = 0; pi < gazmap_gazetteer_count(gaz); pi++) {
    const gazmap_place *p = gazmap_gazetteer_at(gaz, pi);
    double want[4] = {INFINITY, INFINITY, -INFINITY, -INFINITY}, got[4], b[4];
    char code[32];
    int found = 0, by_code = 0;
    snprintf(code, sizeof code, "%s", gazmap_place_country(p));
    for (li = 0; li < gz_layers_count(); li++) {
      const gz_layer_def *d = gz_layers_at(li);
      gazmap_layer *l = NULL;
      if (d->geom != GAZMAP_GEOM_POLYGON || d->source != GZ_SOURCE_SHAPEFILE) {
        continue;
      }
      ck_assert_int_eq(gazmap_layer_open(&l, NULL, d->name, gaz), 0);
      for (i = 0; i < gazmap_layer_count(l); i++) {
        const char *iso = gazmap_layer_attr(l, i, "iso_a2");
        int mine = iso[0] ? gazmap_place_kind(p) == GAZMAP_KIND_COUNTRY && !strcmp(iso, code)
                          : !strcmp(gazmap_layer_attr(l, i, "id"), gazmap_place_id(p));
        if (mine && (!found || by_code == !!iso[0])) {
          feature_box(l, i, b);
          want[0] = fmin(want[0], b[0]), want[1] = fmin(want[1], b[1]);
          want[2] = fmax(want[2], b[2]), want[3] = fmax(want[3], b[3]);
          found = 1;
          by_code = !!iso[0];
        }
      }
      gazmap_layer_free(l);
    }
    if (!found) {
      continue;
    }
    ck_assert_msg(gazmap_place_extent(ex, p, got) == 1, "%s has no extent", gazmap_place_id(p));
    for (i = 0; i < 4; i++) {
      ck_assert_msg(got[i] == want[i], "%s: extent[%zu] %.9f, the map's layers %.9f",
                    gazmap_place_id(p), i, got[i], want[i]);
    }
    checked++;
  }
  ck_assert_uint_ge(checked, 20);
}
END_TEST

int main(void) {
  tu_test tests[] = {
      TU_TEST(extent_layers_are_the_registry_polygons),
      TU_TEST(extents_are_the_map_layers_boxes),
      TU_TEST(box_around_holds_the_circle),
      TU_TEST(box_around_wide_circle),
      TU_TEST(box_around_refuses_bad_input),
      TU_TEST(region_extent_from_its_places),
      TU_TEST(district_extent_is_its_shape),
      TU_TEST(country_extent_by_code),
      TU_TEST(town_has_no_extent),
  };
  tu_tcase tc = {.name = "frame", .tests = TU_TESTS(tests), .setup = setup, .teardown = teardown};
  return tu_main("frame", &tc, 1);
}
