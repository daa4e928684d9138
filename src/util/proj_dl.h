/* Private: PROJ, loaded with dlopen() the first time it is needed.
 *
 * The default map (its projection computed in map/project.c, its scale bar
 * from that projection's own scale factor) calls nothing in PROJ, yet a
 * binary linked against libproj pays for PROJ and the 33 libraries it
 * brings at every start: an empty program linked against gazmap's
 * libraries took 14.7 ms of CPU with PROJ and 4.6 ms without (100 runs),
 * 10-14 % of a default render.  So PROJ is not linked; its functions are
 * reached through this table, filled on the first call of gz_proj_api_get(),
 * which only a --crs other than the default and geodesic distances make.
 * PROJ's headers are still used for its types and constants. */
#ifndef GAZMAP_PROJ_DL_H
#define GAZMAP_PROJ_DL_H

#include <geodesic.h>
#include <proj.h>

/* The SONAME of the PROJ library found at configure time (CMakeLists.txt
 * reads it from the library pkg-config names), so that a runtime without
 * the -dev package's libproj.so symlink works. */
#ifndef GAZMAP_PROJ_SONAME
#define GAZMAP_PROJ_SONAME "libproj.so"
#endif

/* The PROJ functions gazmap calls, one pointer each, named after them
 * without the "proj_" prefix. */
typedef struct gz_proj_api {
  PJ_CONTEXT *(*context_create)(void);
  PJ_CONTEXT *(*context_destroy)(PJ_CONTEXT *ctx);
  void (*log_func)(PJ_CONTEXT *ctx, void *app_data, PJ_LOG_FUNCTION logf);
  PJ_LOG_LEVEL (*log_level)(PJ_CONTEXT *ctx, PJ_LOG_LEVEL level);
  int (*context_errno)(PJ_CONTEXT *ctx);
  const char *(*context_errno_string)(PJ_CONTEXT *ctx, int err);
  PJ *(*create_crs_to_crs)(PJ_CONTEXT *ctx, const char *source_crs, const char *target_crs,
                           PJ_AREA *area);
  PJ *(*normalize_for_visualization)(PJ_CONTEXT *ctx, const PJ *obj);
  PJ *(*destroy)(PJ *p);
  size_t (*trans_generic)(PJ *p, PJ_DIRECTION direction, double *x, size_t sx, size_t nx, double *y,
                          size_t sy, size_t ny, double *z, size_t sz, size_t nz, double *t,
                          size_t st, size_t nt);
  PJ_COORD (*trans)(PJ *p, PJ_DIRECTION direction, PJ_COORD coord);
  int (*errno_reset)(const PJ *p);
  PJ *(*create)(PJ_CONTEXT *ctx, const char *definition);
  const char *(*as_wkt)(PJ_CONTEXT *ctx, const PJ *obj, PJ_WKT_TYPE type,
                        const char *const *options);
  void (*geod_init)(struct geod_geodesic *g, double a, double f);
  void (*geod_inverse)(const struct geod_geodesic *g, double lat1, double lon1, double lat2,
                       double lon2, double *ps12, double *pazi1, double *pazi2);
} gz_proj_api;

/* The process's table, loading GAZMAP_PROJ_SONAME on the first call (once,
 * thread-safe; the library stays loaded until the process ends).  The table
 * is static: the caller does not free it.  NULL when PROJ cannot be loaded,
 * with GAZMAP_EPROJ and a one-line message naming the library recorded as
 * the last error (on every call, not only the first). */
const gz_proj_api *gz_proj_api_get(void);

/* Loads `soname` and fills `*api` from it: the loader behind gz_proj_api_get(),
 * callable with another name so that tests can exercise its failures.  On
 * success `*handle` is the dlopen() handle (the caller dlclose()s it when
 * the table is no longer used); on failure 0 is not returned, *handle is
 * NULL, nothing stays loaded and the error is GAZMAP_EPROJ naming `soname`
 * (and the missing function, if that is the reason). */
int gz_proj_dl_load(gz_proj_api *api, void **handle, const char *soname);

#endif
