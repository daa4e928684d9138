/* gazmap/overlay.h - the user's own data drawn over the map.
 *
 * An overlay is one file of the user's: a CSV table of points, a GeoJSON
 * file or an ESRI shapefile, read once into memory and then handed to any
 * number of renders (gazmap_render_opts.overlays).  A render draws every
 * overlay over the basemap and the thematic layers and under the labels,
 * labels its features with the same collision-free engine as the
 * gazetteer's places, adds one legend row per overlay and the overlay's
 * attribution to the credits.
 *
 * Style comes per feature from the simplestyle-spec properties
 * (marker-color, marker-size, stroke, stroke-width, stroke-opacity, fill,
 * fill-opacity, title; in a CSV they are columns of those names, in a
 * shapefile DBF fields whose names are those cut to 10 characters), and
 * where a feature has none, from the overlay's options, then from the map's
 * style table.
 *
 * One overlay holds one kind of geometry (points, lines or polygons, each
 * possibly multi-part), as a shapefile does: a file that mixes them is
 * refused, so that its legend row can show what it holds. */
#ifndef GAZMAP_OVERLAY_H
#define GAZMAP_OVERLAY_H

#include "gazmap/export.h"

#include <stddef.h>

#include "gazmap/layer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gazmap_overlay gazmap_overlay;

typedef struct gazmap_overlay_opts {
  unsigned version;  /* GAZMAP_OVERLAY_OPTS_VERSION */
  const char *title; /* the legend row; NULL: the file's base name */
  const char
      *attribution;  /* for the credits, e.g. "survey points: J. Doe, CC BY 4.0"; NULL: none */
  const char *color; /* "#rrggbb" or "#rgb": the marker, stroke and fill colour of
                        features that name none; NULL: the style table's */
  const char *label_field; /* the property labelling each feature; NULL: the first of
                              title, name, label (any case) the file has */
} gazmap_overlay_opts;

#define GAZMAP_OVERLAY_OPTS_VERSION 1
#define GAZMAP_OVERLAY_OPTS_INIT                                                                   \
  { .version = GAZMAP_OVERLAY_OPTS_VERSION }

/* Reads `path`, whose format its extension says: ".csv" (or ".tsv", ".txt":
 * a header line, then one point a row; the columns lat/latitude and
 * lon/lng/long/longitude in either order; comma, semicolon or tab
 * separated, RFC 4180 quotes), ".geojson" / ".json" (a FeatureCollection,
 * a Feature or a bare geometry) or ".shp".  Errors are one line naming the
 * file, the line (CSV, JSON syntax) or the feature, and the reason:
 * GAZMAP_EIO (unreadable), GAZMAP_EPARSE (invalid JSON or CSV, missing
 * columns, mixed geometry, a bad colour), GAZMAP_ERANGE (a coordinate
 * outside -180..180 / -90..90), GAZMAP_EUTF8 (text that is not UTF-8),
 * GAZMAP_EINVAL (an unknown extension or options).  An empty file of
 * features is fine (the legend row is still shown).  Free with
 * gazmap_overlay_free(). */
GAZMAP_EXTERN int gazmap_overlay_read(gazmap_overlay **out, const char *path,
                                      const gazmap_overlay_opts *opts);

GAZMAP_EXTERN void gazmap_overlay_free(gazmap_overlay *ov);

/* The number of features, their geometry (0 when there are none) and
 * their lon/lat bounds (lon_min, lat_min, lon_max, lat_max; all NaN when
 * there are none). */
GAZMAP_EXTERN size_t gazmap_overlay_count(const gazmap_overlay *ov);
GAZMAP_EXTERN gazmap_geom gazmap_overlay_geom(const gazmap_overlay *ov);
GAZMAP_EXTERN void gazmap_overlay_bounds(const gazmap_overlay *ov, double bounds[4]);

/* The legend row's text and the attribution ("" when none); owned by the
 * overlay. */
GAZMAP_EXTERN const char *gazmap_overlay_title(const gazmap_overlay *ov);
GAZMAP_EXTERN const char *gazmap_overlay_attribution(const gazmap_overlay *ov);

/* The label of feature `i` ("" when none); owned by the overlay. */
GAZMAP_EXTERN const char *gazmap_overlay_label(const gazmap_overlay *ov, size_t i);

#ifdef __cplusplus
}
#endif
#endif
