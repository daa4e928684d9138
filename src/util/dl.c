/* Tables of function pointers from dlopen()ed libraries (dl.h). */
#define _GNU_SOURCE
#include "util/dl.h"

#include <dlfcn.h>
#include <string.h>

int gz_dl_fill(void *handle, const gz_dl_slot *slots, size_t n, void *table, size_t table_size,
               const char **missing) {
  size_t i;
  for (i = 0; i < n; i++) {
    void *sym = dlsym(handle, slots[i].symbol);
    void (*fn)(void);
    if (!sym) {
      *missing = slots[i].symbol;
      memset(table, 0, table_size);
      return -1;
    }
    /* POSIX guarantees that dlsym()'s object pointer converts to a function
     * pointer; memcpy says so without ISO C's warning. */
    memcpy(&fn, &sym, sizeof fn);
    memcpy((char *)table + slots[i].offset, &fn, sizeof fn);
  }
  return 0;
}
