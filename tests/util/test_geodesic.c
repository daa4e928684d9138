/* util/geodesic.c: Vincenty's distance on WGS84 agrees with PROJ's
 * geod_inverse (Karney), which the library used for every distance before,
 * and PROJ answers the pairs Vincenty cannot. */
#define _GNU_SOURCE
#include "util/geodesic.h"
#include "util/proj_dl.h"

#include "gazmap/error.h"
#include "gazmap/gazetteer.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "testutil.h"

/* Vincenty against PROJ, in metres, where Vincenty converges.  Every
 * distance gazmap prints is rounded to 10 m or more. */
#define MAX_DIFF_M 0.001

/* A fixed pseudo-random sequence (xorshift64), so that a failure names a
 * pair that the next run finds again. */
static uint64_t rng = 0x9E3779B97F4A7C15u;
static double uniform(double lo, double hi) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return lo + (hi - lo) * (double)(rng >> 11) / 9007199254740992.0;
}

/* The kinds of pairs, 2,000 of each. */
enum { SHORT, REGIONAL, GLOBAL, POLAR, ANTIPODAL, KINDS };
#define PER_KIND 2000

static void pair(int kind, double p[4]) {
  p[0] = uniform(-89, 89);
  p[1] = uniform(-180, 180);
  switch (kind) {
  case SHORT: /* metres to a kilometre: near's and find's neighbours */
    p[2] = p[0] + uniform(-0.01, 0.01);
    p[3] = p[1] + uniform(-0.01, 0.01);
    break;
  case REGIONAL: /* a few hundred kilometres: the Caucasus */
    p[0] = uniform(38, 42);
    p[1] = uniform(43, 50);
    p[2] = uniform(38, 42);
    p[3] = uniform(43, 50);
    break;
  case GLOBAL:
    p[2] = uniform(-90, 90);
    p[3] = uniform(-180, 180);
    break;
  case POLAR: /* at or near a pole, across it or not */
    p[0] = uniform(-1, 1) < 0 ? uniform(-90, -85) : uniform(85, 90);
    p[2] = uniform(-1, 1) < 0 ? uniform(-90, -85) : uniform(85, 90);
    p[3] = uniform(-180, 180);
    break;
  default: /* within a degree of the antipode, where Vincenty may not converge */
    p[2] = -p[0] + uniform(-1, 1);
    p[3] = p[1] + 180 + uniform(-1, 1);
    if (p[2] > 90 || p[2] < -90) {
      p[2] = -p[0];
    }
    if (p[3] > 180) {
      p[3] -= 360;
    }
    break;
  }
}

START_TEST(vincenty_agrees_with_proj) {
  const gz_proj_api *api = gz_proj_api_get();
  struct geod_geodesic g;
  double worst[KINDS] = {0};
  int fallbacks[KINDS] = {0}, kind, i;
  ck_assert_msg(api, "PROJ: %s", gazmap_error_last()->message);
  api->geod_init(&g, 6378137.0, 1 / 298.257223563);
  for (kind = 0; kind < KINDS; kind++) {
    for (i = 0; i < PER_KIND; i++) {
      double p[4], proj_m, azi1, azi2, m, d;
      pair(kind, p);
      api->geod_inverse(&g, p[0], p[1], p[2], p[3], &proj_m, &azi1, &azi2);
      if (gz_vincenty_m(p[0], p[1], p[2], p[3], &m) < 0) {
        /* The library's distance is then PROJ's own. */
        ck_assert_double_eq(gazmap_distance_km(p[0], p[1], p[2], p[3]), proj_m / 1000);
        fallbacks[kind]++;
        continue;
      }
      d = fabs(m - proj_m);
      ck_assert_msg(d <= MAX_DIFF_M, "%.9f,%.9f to %.9f,%.9f: Vincenty %.6f m, PROJ %.6f m", p[0],
                    p[1], p[2], p[3], m, proj_m);
      ck_assert_double_eq(gazmap_distance_km(p[0], p[1], p[2], p[3]), m / 1000);
      worst[kind] = fmax(worst[kind], d);
    }
    fprintf(stderr, "geodesic: kind %d: max |Vincenty - PROJ| %.6f mm, %d of %d to PROJ\n", kind,
            worst[kind] * 1000, fallbacks[kind], PER_KIND);
  }
  /* Away from the antipodes, Vincenty answers every pair itself. */
  ck_assert_int_eq(fallbacks[SHORT] + fallbacks[REGIONAL] + fallbacks[POLAR], 0);
}
END_TEST

/* Pairs whose answer is known without PROJ: the same point, a degree of
 * the equator, a quarter meridian (10,001,965.729 m for WGS84), and the two
 * poles, which Vincenty reaches along a meridian. */
static const struct {
  double lat1, lon1, lat2, lon2, m, tol;
} known[] = {
    {40.0, 46.9, 40.0, 46.9, 0, 1e-9},           {0, 0, 0, 1, 111319.491, 0.001},
    {0, 0, 90, 0, 10001965.729, 0.001},          {-90, 0, 90, 0, 20003931.459, 0.001},
    {39.76, 46.75, 39.76, 46.75 + 360, 0, 1e-6},
};

START_TEST(known_distances) {
  double m = -1;
  ck_assert_int_eq(
      gz_vincenty_m(known[_i].lat1, known[_i].lon1, known[_i].lat2, known[_i].lon2, &m), 0);
  ck_assert_double_eq_tol(m, known[_i].m, known[_i].tol);
}
END_TEST

/* Exactly antipodal on the equator: Vincenty cannot say which way round,
 * PROJ can (half the meridian's length, over a pole). */
START_TEST(antipodes_go_to_proj) {
  double m = -1;
  ck_assert_int_eq(gz_vincenty_m(0, 0, 0, 180, &m), -1);
  ck_assert_double_eq(m, -1);
  ck_assert_double_eq_tol(gazmap_distance_km(0, 0, 0, 180), 20003.931459, 1e-6);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(vincenty_agrees_with_proj), TU_ROWS(known_distances, known),
                     TU_TEST(antipodes_go_to_proj)};
  return tu_main_tests("geodesic", 0, TU_TESTS(tests));
}
