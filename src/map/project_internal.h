/* Private: map projection (the default one computed by gazmap, any other
 * by PROJ) and the frame from projected metres to the page. */
#ifndef GAZMAP_PROJECT_INTERNAL_H
#define GAZMAP_PROJECT_INTERNAL_H

#include <stddef.h>

/* Lambert Conformal Conic with standard parallels bracketing the region
 * (39 and 41 N) and central meridian 46 E: conformal, so shapes and angles
 * stay true, with scale error under 0.2 % across the map. */
#define GZ_DEFAULT_CRS                                                                             \
  "+proj=lcc +lat_1=39 +lat_2=41 +lat_0=40 +lon_0=46 +datum=WGS84 +units=m +no_defs"

/* The same projection as a PROJ pipeline from degrees (no lookup in PROJ's
 * database).  gazmap computes the default projection itself (project.c);
 * this is what the tests hold that computation to. */
#define GZ_DEFAULT_PIPELINE                                                                        \
  "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step +proj=lcc +lat_1=39 "       \
  "+lat_2=41 +lat_0=40 +lon_0=46 +ellps=WGS84"

typedef struct gz_proj gz_proj;

/* Builds the transformation WGS84 lon/lat -> `crs` (a PROJ string, "EPSG:n"
 * or any CRS PROJ understands; NULL or "" = GZ_DEFAULT_CRS, computed without
 * PROJ).  GAZMAP_EPROJ with PROJ's reason when refused.  Free with
 * gz_proj_free(). */
int gz_proj_new(gz_proj **out, const char *crs);
void gz_proj_free(gz_proj *p);

/* Projects `n` interleaved lon/lat pairs in place to x/y.  Points PROJ cannot
 * project become HUGE_VAL. */
void gz_proj_fwd(gz_proj *p, double *xy, size_t n);

/* The inverse of one point; 0, or GAZMAP_EPROJ. */
int gz_proj_inv(gz_proj *p, double x, double y, double *lon, double *lat);

/* The point scale factor (projected length / true length on the
 * ellipsoid) at projected (x, y), computed without PROJ: exact for the
 * default projection, 0 for a CRS of PROJ's (the caller then measures a
 * geodesic distance instead). */
double gz_proj_scale(const gz_proj *p, double x, double y);

/* Maps projected coordinates to page coordinates: the rectangle of the page
 * (left, top, width, height) shows projected x0..x0+width/scale,
 * y1-height/scale..y1. */
typedef struct gz_frame {
  double left, top, width, height; /* page units */
  double x0, y1;                   /* projected top-left corner */
  double scale;                    /* page units per projected unit */
} gz_frame;

/* Validates a lon/lat bbox (lon_min, lat_min, lon_max, lat_max): inside the
 * world and not degenerate.  0 or GAZMAP_EINVAL with the reason. */
int gz_bbox_check(const double bbox[4]);

/* The lon/lat bbox seen around (lat, lon) at web-map zoom `zoom` on a map
 * `width` x `height` page units (one 256-unit tile spans 360 / 2^zoom degrees
 * of longitude). */
void gz_bbox_from_center(double lat, double lon, double zoom, double width, double height,
                         double bbox[4]);

/* Fits the projected image of `bbox` into the page rectangle, centred,
 * keeping the projection's aspect (the frame may show more than asked in
 * one direction).  GAZMAP_EPROJ when the bbox does not project. */
int gz_frame_fit(gz_frame *fr, gz_proj *p, const double bbox[4], double left, double top,
                 double width, double height);

/* Projected -> page. */
static inline void gz_frame_apply(const gz_frame *fr, double x, double y, double *px, double *py) {
  *px = fr->left + (x - fr->x0) * fr->scale;
  *py = fr->top + (fr->y1 - y) * fr->scale;
}

#endif
