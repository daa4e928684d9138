/* PROJ through dlopen(): the table of proj_dl.h, filled once per process. */
#define _GNU_SOURCE
#include "util/proj_dl.h"

#include "gazmap/error.h"

#include "util/dl.h"
#include "util/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Each slot of gz_proj_api and the PROJ symbol that fills it. */
static const gz_dl_slot slots[] = {
    {"proj_context_create", offsetof(gz_proj_api, context_create)},
    {"proj_context_destroy", offsetof(gz_proj_api, context_destroy)},
    {"proj_log_func", offsetof(gz_proj_api, log_func)},
    {"proj_log_level", offsetof(gz_proj_api, log_level)},
    {"proj_context_errno", offsetof(gz_proj_api, context_errno)},
    {"proj_context_errno_string", offsetof(gz_proj_api, context_errno_string)},
    {"proj_create_crs_to_crs", offsetof(gz_proj_api, create_crs_to_crs)},
    {"proj_normalize_for_visualization", offsetof(gz_proj_api, normalize_for_visualization)},
    {"proj_destroy", offsetof(gz_proj_api, destroy)},
    {"proj_trans_generic", offsetof(gz_proj_api, trans_generic)},
    {"proj_trans", offsetof(gz_proj_api, trans)},
    {"proj_errno_reset", offsetof(gz_proj_api, errno_reset)},
    {"proj_create", offsetof(gz_proj_api, create)},
    {"proj_as_wkt", offsetof(gz_proj_api, as_wkt)},
    {"proj_get_type", offsetof(gz_proj_api, get_type)},
    {"proj_get_name", offsetof(gz_proj_api, get_name)},
    {"proj_crs_get_coordinate_system", offsetof(gz_proj_api, crs_get_coordinate_system)},
    {"proj_cs_get_axis_count", offsetof(gz_proj_api, cs_get_axis_count)},
    {"geod_init", offsetof(gz_proj_api, geod_init)},
    {"geod_inverse", offsetof(gz_proj_api, geod_inverse)},
};

int gz_proj_dl_load(gz_proj_api *api, void **handle, const char *soname) {
  void *h;
  const char *missing = NULL;

  *handle = NULL;
  memset(api, 0, sizeof *api);
  /* RTLD_LAZY: PROJ's own calls are bound as they are made.  With RTLD_NOW,
   * which binds all of PROJ's PLT at once, `gazmap near` (which needs PROJ)
   * took +8.9% CPU against the build that linked PROJ; with RTLD_LAZY +4.2%,
   * +5.7% and +1.7% (bench/bench_start.sh, 50 rounds each).  A PROJ without
   * one of gazmap's functions is still refused here, by dlsym() below.
   * RTLD_LOCAL: PROJ's symbols stay out of the global namespace (RTLD_GLOBAL
   * measured the same). */
  if (!(h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL))) {
    const char *why = dlerror();
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "cannot load PROJ (%s): %s", soname,
                   why ? why : "unknown reason");
  }
  if (gz_dl_fill(h, slots, sizeof slots / sizeof *slots, api, sizeof *api, &missing) < 0) {
    dlclose(h);
    return gz_fail(GAZMAP_EPROJ, NULL, 0, "cannot load PROJ (%s): it has no %s", soname, missing);
  }
  *handle = h;
  return 0;
}

/* The process's PROJ: loaded at most once, kept until exit (PROJ objects
 * made from it may live as long as the process).  With the per-thread last
 * error, the only mutable global state of the library; written only inside
 * pthread_once, read-only after. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static gz_proj_api api;
static int loaded;
static char failure[512];

static void load_once(void) {
  void *handle;
  if (gz_proj_dl_load(&api, &handle, GAZMAP_PROJ_SONAME) < 0) {
    snprintf(failure, sizeof failure, "%s", gazmap_error_last()->message);
    return;
  }
  loaded = 1;
}

const gz_proj_api *gz_proj_api_get(void) {
  pthread_once(&once, load_once);
  if (!loaded) {
    gz_fail(GAZMAP_EPROJ, NULL, 0, "%s", failure);
    return NULL;
  }
  return &api;
}
