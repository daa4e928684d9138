/* Private: filling a table of function pointers from a dlopen()ed library,
 * for the libraries gazmap opens only when a command needs them
 * (proj_dl.c, shp_dl.c). */
#ifndef GAZMAP_UTIL_DL_H
#define GAZMAP_UTIL_DL_H

#include <stddef.h>

/* One entry of a table: the library's symbol and where its pointer goes
 * (offsetof into the table). */
typedef struct gz_dl_slot {
  const char *symbol;
  size_t offset;
} gz_dl_slot;

/* Looks up every slot's symbol in `handle` and stores it at `table` +
 * offset.  0, or -1 with the first missing symbol in *missing (the table
 * is then zeroed over `table_size` bytes). */
int gz_dl_fill(void *handle, const gz_dl_slot *slots, size_t n, void *table, size_t table_size,
               const char **missing);

#endif
