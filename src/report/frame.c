/* Framing the report's map on the places its text names (gazmap/report.h).
 *
 * Only the public render API is used: a place counts when it lands inside
 * the frame of the default map (gazmap_render_locate_points), which is
 * where the bundled shapes are drawn; the box of those places, widened by a
 * margin and to a minimum size, becomes the map's bbox, which the renderer
 * fits to the page keeping its aspect. */
#include "gazmap/report.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Margin around the places, as a share of the box's size on each side, and
 * the smallest box (degrees): one town alone still shows its surroundings. */
#define MARGIN 0.12
#define MIN_SPAN_LAT 0.6
#define MIN_SPAN_LON 0.8

/* Countries and regions have a point only to write their name at. */
static int has_own_location(const gazmap_place *p) {
  gazmap_kind k = gazmap_place_kind(p);
  return k != GAZMAP_KIND_COUNTRY && k != GAZMAP_KIND_REGION;
}

/* Adds the places of `places` that have a location of their own and land
 * inside the default map's frame to `box` (lon/lat min, max); returns how
 * many, or a negative status. */
static long box_of_places(const gazmap_render_opts *def, const gazmap_highlight *places, size_t np,
                          double box[4]) {
  double frame[4], *lonlat = malloc(2 * np * sizeof *lonlat + 1);
  double *xy = malloc(2 * np * sizeof *xy + 1);
  size_t i, n = 0;
  long kept = 0;
  int rc = 0;
  if (!lonlat || !xy) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < np; i++) {
    if (has_own_location(places[i].place)) {
      lonlat[2 * n] = gazmap_place_lon(places[i].place);
      lonlat[2 * n + 1] = gazmap_place_lat(places[i].place);
      n++;
    }
  }
  /* One layout of the page for all of them (gazmap/render.h). */
  if ((rc = gazmap_render_locate_points(def, GAZMAP_FORMAT_SVG, lonlat, n, xy, frame)) < 0) {
    goto done;
  }
  for (i = 0; i < n; i++) {
    double x = xy[2 * i], y = xy[2 * i + 1], lon = lonlat[2 * i], lat = lonlat[2 * i + 1];
    if (x == HUGE_VAL || x < frame[0] || y < frame[1] || x > frame[0] + frame[2] ||
        y > frame[1] + frame[3]) {
      continue;
    }
    box[0] = fmin(box[0], lon), box[1] = fmin(box[1], lat);
    box[2] = fmax(box[2], lon), box[3] = fmax(box[3], lat);
    kept++;
  }
done:
  free(lonlat);
  free(xy);
  return rc < 0 ? rc : kept;
}

int gazmap_report_frame(const gazmap_report_mention *mentions, size_t n, gazmap_render_opts *o) {
  gazmap_render_opts def = *o;
  double box[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}, span, mid;
  gazmap_highlight_set *set = NULL;
  const gazmap_highlight *places;
  size_t i, np;
  long kept;
  int rc;

  def.has_bbox = 0;
  def.has_center = 0;
  /* Locating a place costs a projection, and a long text names its few
   * places millions of times: each distinct place is located once (the box
   * does not depend on the order or the repeats). */
  if ((rc = gazmap_highlight_set_new(&set)) < 0) {
    return rc;
  }
  for (i = 0; i < n; i++) {
    if (mentions[i].place && (rc = gazmap_highlight_set_add(set, mentions[i].place)) < 0) {
      gazmap_highlight_set_free(set);
      return rc;
    }
  }
  gazmap_highlight_set_get(set, &places, &np);
  kept = box_of_places(&def, places, np, box);
  gazmap_highlight_set_free(set);
  if (kept <= 0) {
    return kept < 0 ? (int)kept : 0;
  }
  span = fmax(box[2] - box[0], MIN_SPAN_LON / (1 + 2 * MARGIN));
  mid = (box[0] + box[2]) / 2;
  box[0] = mid - span * (0.5 + MARGIN), box[2] = mid + span * (0.5 + MARGIN);
  span = fmax(box[3] - box[1], MIN_SPAN_LAT / (1 + 2 * MARGIN));
  mid = (box[1] + box[3]) / 2;
  box[1] = mid - span * (0.5 + MARGIN), box[3] = mid + span * (0.5 + MARGIN);
  memcpy(o->bbox, box, sizeof box);
  o->has_bbox = 1;
  o->has_center = 0;
  return 0;
}
