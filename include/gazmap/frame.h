/* gazmap/frame.h - map frames by place: a place's extent (a district's
 * polygon, the places of a district) and the box around a point.
 *
 * The extent of a place is the lon/lat box of the shapes whose "id" is the
 * place's id in the polygon layers of the shapes directory (a district of
 * the handover layer or of admin1, the peacekeeping zone, a country by its
 * iso_a2 code), or else, for a place that other places name as their
 * district, the box of those places.  A town or village has none.
 *
 * The extents are the core's (no drawing library): the shapes are read with
 * shapelib alone, and a compiled index (doc/index.md) holds every place's
 * extent, which gazmap_extents_open() takes instead of reading the shapes
 * while they are the ones the index was built from. */
#ifndef GAZMAP_FRAME_H
#define GAZMAP_FRAME_H

#include "gazmap/export.h"

#include "gazmap/gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The lon/lat box (lon_min, lat_min, lon_max, lat_max) that holds the
 * circle of `radius_km` around (lat, lon) on the WGS84 sphere of mean
 * radius (good to 0.5 % for a frame).  GAZMAP_EINVAL for a point outside
 * the world or a radius outside 0.1..5000 km, or a circle reaching a pole. */
GAZMAP_EXTERN int gazmap_bbox_around(double lat, double lon, double radius_km, double bbox[4]);

typedef struct gazmap_extents gazmap_extents;

/* Reads the extents of the shapes in `shapes_dir` (NULL: the bundled
 * shapes/, or the extents a compiled `g` holds for them) for the places of
 * `g`, which must outlive them.  A polygon layer missing from the directory
 * is skipped; a corrupt one is an error; GAZMAP_ENOTFOUND when shapelib
 * cannot be loaded.  Free with gazmap_extents_free().  The object may be
 * shared by threads. */
GAZMAP_EXTERN int gazmap_extents_open(gazmap_extents **out, const gazmap_gazetteer *g,
                                      const char *shapes_dir);
GAZMAP_EXTERN void gazmap_extents_free(gazmap_extents *ex);

/* 1 and the place's extent in `bbox` (lon_min, lat_min, lon_max, lat_max)
 * when it has one, else 0 (bbox untouched). */
GAZMAP_EXTERN int gazmap_place_extent(const gazmap_extents *ex, const gazmap_place *p,
                                      double bbox[4]);

#ifdef __cplusplus
}
#endif
#endif
