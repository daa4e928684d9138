/* PROJ through dlopen(): the table of proj_dl.h, filled once per process. */
#define _GNU_SOURCE
#include "util/proj_dl.h"

#include "gazmap/error.h"

#include "util/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Each slot of gz_proj_api and the PROJ symbol that fills it. */
static const struct {
  const char *symbol;
  size_t offset;
} slots[] = {
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
    {"geod_init", offsetof(gz_proj_api, geod_init)},
    {"geod_inverse", offsetof(gz_proj_api, geod_inverse)},
};

int gz_proj_dl_load(gz_proj_api *api, void **handle, const char *soname) {
  void *h;
  size_t i;

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
  for (i = 0; i < sizeof slots / sizeof *slots; i++) {
    void *sym = dlsym(h, slots[i].symbol);
    void (*fn)(void);
    if (!sym) {
      dlclose(h);
      memset(api, 0, sizeof *api);
      return gz_fail(GAZMAP_EPROJ, NULL, 0, "cannot load PROJ (%s): it has no %s", soname,
                     slots[i].symbol);
    }
    /* POSIX guarantees that dlsym()'s object pointer converts to a function
     * pointer; memcpy says so without ISO C's warning. */
    memcpy(&fn, &sym, sizeof fn);
    memcpy((char *)api + slots[i].offset, &fn, sizeof fn);
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
