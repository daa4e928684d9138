/* gazmap/layer.h - map layers: features with WGS84 geometry and attributes.
 *
 * A layer is read from an ESRI shapefile (.shp/.shx/.dbf, UTF-8 attributes)
 * or built from the gazetteer ("places"), and can be written back as GeoJSON
 * or as a shapefile for other tools.  Layers are read-only once loaded. */
#ifndef GAZMAP_LAYER_H
#define GAZMAP_LAYER_H

#include "gazmap/export.h"

#include <stddef.h>

#include "gazmap/gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gazmap_layer gazmap_layer;

typedef enum gazmap_geom {
  GAZMAP_GEOM_POINT = 1,
  GAZMAP_GEOM_LINE,
  GAZMAP_GEOM_POLYGON
} gazmap_geom;

/* The layers gazmap knows, in the order of its layer registry (basemap
 * first, the gazetteer's places last).  Every name but "places" is a
 * shapefile <name>.shp in the shapes directory.  The array is static and
 * ends with NULL. */
GAZMAP_EXTERN const char *const *gazmap_layer_names(void);

/* 1 when `name` is one of gazmap_layer_names(). */
GAZMAP_EXTERN int gazmap_layer_known(const char *name);

/* The groups a layer list (gazmap_render_opts.layers) may name besides
 * layers and "all": "basemap", "thematic".  Static, ends with NULL. */
GAZMAP_EXTERN const char *const *gazmap_layer_groups(void);

/* The group of layer `name` (one of gazmap_layer_groups()), or NULL when
 * it belongs to none (the places) or is unknown. */
GAZMAP_EXTERN const char *gazmap_layer_group(const char *name);

/* Reads the shapefile at `path` (with or without the ".shp" suffix; the .dbf
 * beside it supplies attributes).  Errors name the file and the reason:
 * GAZMAP_EIO (missing or unreadable), GAZMAP_EPARSE (corrupt or of a shape
 * type gazmap does not draw).  Free with gazmap_layer_free(). */
GAZMAP_EXTERN int gazmap_layer_read(gazmap_layer **out, const char *path);

/* Loads layer `name` (one of gazmap_layer_names()): the shapefile
 * <shapes_dir>/<name>.shp (NULL shapes_dir: the bundled shapes/), or, for
 * "places", the points of gazetteer `g` (every place but waypoints, with
 * fields id, name, kind, country, tags and name_<lang> for en az tr hy ru).
 * Unknown names give GAZMAP_ENOTFOUND.  Free with gazmap_layer_free(). */
GAZMAP_EXTERN int gazmap_layer_open(gazmap_layer **out, const char *shapes_dir, const char *name,
                                    const gazmap_gazetteer *g);

/* Builds the "places" layer from a gazetteer (see gazmap_layer_open). */
GAZMAP_EXTERN int gazmap_layer_from_gazetteer(gazmap_layer **out, const gazmap_gazetteer *g);

GAZMAP_EXTERN void gazmap_layer_free(gazmap_layer *layer);

/* The layer's name (the file name without directory and ".shp"). */
GAZMAP_EXTERN const char *gazmap_layer_name(const gazmap_layer *layer);
GAZMAP_EXTERN gazmap_geom gazmap_layer_geom(const gazmap_layer *layer);
GAZMAP_EXTERN size_t gazmap_layer_count(const gazmap_layer *layer);

/* Attribute fields, in file order. */
GAZMAP_EXTERN size_t gazmap_layer_field_count(const gazmap_layer *layer);
GAZMAP_EXTERN const char *gazmap_layer_field_name(const gazmap_layer *layer, size_t field);

/* The attribute `field` of feature `i` as text ("" when absent or NULL).
 * DBF dates read as "YYYYMMDD".  Owned by the layer. */
GAZMAP_EXTERN const char *gazmap_layer_attr(const gazmap_layer *layer, size_t i, const char *field);

/* Geometry of feature `i`: `gazmap_layer_parts` parts (rings or lines; a
 * point has one part of one vertex); part `p` has *n vertices at *lonlat
 * (lon, lat pairs; owned by the layer). */
GAZMAP_EXTERN size_t gazmap_layer_parts(const gazmap_layer *layer, size_t i);
GAZMAP_EXTERN const double *gazmap_layer_part(const gazmap_layer *layer, size_t i, size_t part,
                                              size_t *n);

/* Lon/lat bounds of the whole layer: lon_min, lat_min, lon_max, lat_max. */
GAZMAP_EXTERN void gazmap_layer_bounds(const gazmap_layer *layer, double bounds[4]);

/* The layer as a GeoJSON FeatureCollection (RFC 7946: WGS84, outer rings
 * counter-clockwise; DBF dates as "YYYY-MM-DD").  *out is NUL-terminated,
 * *len its length; the caller frees *out with free(). */
GAZMAP_EXTERN int gazmap_layer_to_geojson(const gazmap_layer *layer, char **out, size_t *len);

/* Writes the GeoJSON above to `path`, or the layer as a shapefile (.shp .shx
 * .dbf .prj .cpg beside `path`, which must end in ".shp").  Files are written
 * under temporary names and renamed, so a failure leaves no partial file. */
GAZMAP_EXTERN int gazmap_layer_write_geojson(const gazmap_layer *layer, const char *path);
GAZMAP_EXTERN int gazmap_layer_write_shp(const gazmap_layer *layer, const char *path);

#ifdef __cplusplus
}
#endif
#endif
