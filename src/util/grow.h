/* Private: growing arrays. */
#ifndef GAZMAP_UTIL_GROW_H
#define GAZMAP_UTIL_GROW_H

#include <stddef.h>

/* Room for element `n` of the array `p` of `*cap` elements of `elem` bytes:
 * returns `p` itself while n < *cap; otherwise the array reallocated to
 * twice the capacity (`first` when empty), with *cap updated.  NULL when out
 * of memory or the size would overflow; `p` and *cap are then unchanged and
 * still the caller's to free. */
void *gz_grow(void *p, size_t *cap, size_t n, size_t elem, size_t first);

#endif
