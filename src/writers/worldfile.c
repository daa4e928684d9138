/* World files for GIS: the six numbers of an ESRI world file (.pgw) that
 * place a PNG's pixels in the map's projected coordinates, and the
 * projection beside it (.prj, ESRI WKT) that GDAL and QGIS read with it. */
#define _GNU_SOURCE
#include "writers/writer.h"

#include "gazmap/error.h"

#include "map/project_internal.h"
#include "util/error.h"
#include "util/file.h"
#include "util/proj_dl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The default projection (GZ_DEFAULT_CRS) in ESRI's WKT, written without
 * PROJ, which the default map never loads. */
static const char default_wkt[] =
    "PROJCS[\"gazmap_Lambert_Conformal_Conic_39_41_46E\",GEOGCS[\"GCS_WGS_1984\","
    "DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
    "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
    "PROJECTION[\"Lambert_Conformal_Conic\"],PARAMETER[\"False_Easting\",0.0],"
    "PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",46.0],"
    "PARAMETER[\"Standard_Parallel_1\",39.0],PARAMETER[\"Standard_Parallel_2\",41.0],"
    "PARAMETER[\"Latitude_Of_Origin\",40.0],UNIT[\"Meter\",1.0]]";

/* The ESRI WKT of CRS `crs` from PROJ into *out (caller frees). */
static int crs_wkt(const char *crs, char **out) {
  const gz_proj_api *api = gz_proj_api_get();
  PJ_CONTEXT *ctx;
  PJ *pj = NULL;
  const char *wkt;
  char *def = NULL;
  int rc = 0;

  *out = NULL;
  if (!api) {
    return gazmap_error_last()->code;
  }
  if (!(ctx = api->context_create())) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  api->log_level(ctx, PJ_LOG_NONE);
  /* As project.c does: a bare "+proj=..." is an operation unless typed. */
  if (!strncmp(crs, "+proj", 5) && !strstr(crs, "+type=crs")) {
    if (asprintf(&def, "%s +type=crs", crs) < 0) {
      def = NULL;
    }
  } else {
    def = strdup(crs);
  }
  if (!def) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  } else if (!(pj = api->create(ctx, def)) || !(wkt = api->as_wkt(ctx, pj, PJ_WKT1_ESRI, NULL))) {
    rc = gz_fail(GAZMAP_EPROJ, NULL, 0, "PROJ cannot write CRS '%s' as ESRI WKT for the .prj", crs);
  } else if (!(*out = strdup(wkt))) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  if (pj) {
    api->destroy(pj);
  }
  api->context_destroy(ctx);
  free(def);
  return rc;
}

/* `path` with its extension (or the end) replaced by `ext`; caller frees. */
static char *beside(const char *path, const char *ext) {
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - path) : strlen(path);
  char *out = NULL;
  if (asprintf(&out, "%.*s%s", (int)n, path, ext) < 0) {
    return NULL;
  }
  return out;
}

int gz_world_file_write(const char *png_path, const struct gz_frame *fr, const char *crs) {
  char *pgw = beside(png_path, ".pgw"), *prj = beside(png_path, ".prj"), *wkt = NULL;
  char text[256];
  double px = 1 / fr->scale;
  int rc, n;

  if (!pgw || !prj) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  /* Pixel sizes, the two rotation terms, then the centre of the top-left
   * pixel (page 0.5, 0.5) in projected units. */
  n = snprintf(text, sizeof text, "%.10f\n0.0\n0.0\n%.10f\n%.6f\n%.6f\n", px, -px,
               fr->x0 + (0.5 - fr->left) * px, fr->y1 - (0.5 - fr->top) * px);
  if ((rc = gz_write_atomic(pgw, text, (size_t)n)) < 0) {
    goto done;
  }
  if (crs && *crs && (rc = crs_wkt(crs, &wkt)) < 0) {
    goto done;
  }
  rc = gz_write_atomic(prj, wkt ? wkt : default_wkt, strlen(wkt ? wkt : default_wkt));
done:
  free(wkt);
  free(pgw);
  free(prj);
  return rc;
}
