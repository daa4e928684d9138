/* shapelib through dlopen() (shp_dl.h), and its error hooks. */
#define _GNU_SOURCE
#include "util/shp_dl.h"

#include "gazmap/error.h"

#include "util/dl.h"
#include "util/error.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

#define GZ_SHP_ENTRY(name) {#name, offsetof(gz_shp_api, name)},
static const gz_dl_slot slots[] = {GZ_SHP_FUNCTIONS(GZ_SHP_ENTRY)};

/* Loaded at most once and kept (shapelib handles may outlive any caller);
 * written only inside pthread_once, read-only after, as proj_dl.c does. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static gz_shp_api api;
static int loaded;
static char failure[512];

static void load_once(void) {
  const char *missing = NULL, *why;
  /* RTLD_LAZY | RTLD_LOCAL, as for PROJ: the 12 functions are found by
   * dlsym() now, so a shapelib without one is refused here. */
  void *h = dlopen(GAZMAP_SHP_SONAME, RTLD_LAZY | RTLD_LOCAL);
  if (!h) {
    why = dlerror();
    snprintf(failure, sizeof failure, "cannot load shapelib (%s): %s", GAZMAP_SHP_SONAME,
             why ? why : "unknown reason");
    return;
  }
  if (gz_dl_fill(h, slots, sizeof slots / sizeof *slots, &api, sizeof api, &missing) < 0) {
    snprintf(failure, sizeof failure, "cannot load shapelib (%s): it has no %s", GAZMAP_SHP_SONAME,
             missing);
    dlclose(h);
    return;
  }
  loaded = 1;
}

const gz_shp_api *gz_shp_api_get(void) {
  pthread_once(&once, load_once);
  if (!loaded) {
    gz_fail(GAZMAP_ENOTFOUND, NULL, 0, "%s", failure);
    return NULL;
  }
  return &api;
}

/* shapelib reports problems through a hook that would print to stderr; the
 * message is kept for the error instead. */
static _Thread_local char shapelib_msg[256];

static void shapelib_error(const char *message) {
  snprintf(shapelib_msg, sizeof shapelib_msg, "%s", message);
}

void gz_shapelib_hooks(SAHooks *hooks, void (*setup)(SAHooks *hooks)) {
  shapelib_msg[0] = '\0';
  setup(hooks);
  hooks->Error = shapelib_error;
}

const char *gz_shapelib_msg(void) {
  return shapelib_msg;
}
