/* Private: shapelib for the core, loaded with dlopen() the first time a
 * command reads a shapefile there (the extents of places, gazmap/frame.h).
 *
 * The map module links shapelib as it links cairo; the tool does not, so
 * that only `lookup --json`, `list --json` and `near --json` (which read the
 * polygon layers' boxes) and the drawing commands load it: the commands that
 * read no shape keep the four libraries of doc/startup.md.  shapelib's
 * header still gives the types.  In a process that has the module or
 * libgazmap.so loaded, dlopen() returns the shapelib already there. */
#ifndef GAZMAP_UTIL_SHP_DL_H
#define GAZMAP_UTIL_SHP_DL_H

#include <shapefil.h>

#ifndef GAZMAP_SHP_SONAME
#define GAZMAP_SHP_SONAME "libshp.so"
#endif

/* The shapelib functions the core calls, one pointer each, under their own
 * names and of their own types. */
#define GZ_SHP_FUNCTIONS(X)                                                                        \
  X(SASetupDefaultHooks)                                                                           \
  X(SHPOpenLL)                                                                                     \
  X(SHPGetInfo)                                                                                    \
  X(SHPReadObject)                                                                                 \
  X(SHPDestroyObject)                                                                              \
  X(SHPClose)                                                                                      \
  X(DBFOpenLL)                                                                                     \
  X(DBFGetRecordCount)                                                                             \
  X(DBFGetFieldIndex)                                                                              \
  X(DBFIsAttributeNULL)                                                                            \
  X(DBFReadStringAttribute)                                                                        \
  X(DBFClose)

#define GZ_SHP_SLOT(name) __typeof__(&name) name;
typedef struct gz_shp_api {
  GZ_SHP_FUNCTIONS(GZ_SHP_SLOT)
} gz_shp_api;

/* The process's table, loading GAZMAP_SHP_SONAME on the first call (once,
 * thread-safe, kept until exit; the caller does not free it).  NULL when
 * shapelib cannot be loaded, with GAZMAP_ENOTFOUND and a one-line message
 * naming the library as the last error (on every call). */
const gz_shp_api *gz_shp_api_get(void);

/* shapelib hooks that keep its messages for gz_shapelib_msg() instead of
 * printing them (the library never prints): `setup` is shapelib's
 * SASetupDefaultHooks, linked (the map module) or from the table above.
 * The message is per thread and cleared by each call. */
void gz_shapelib_hooks(SAHooks *hooks, void (*setup)(SAHooks *hooks));
const char *gz_shapelib_msg(void);

#endif
