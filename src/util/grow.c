/* Growing arrays (util/grow.h). */
#include "util/grow.h"

#include <stdint.h>
#include <stdlib.h>

void *gz_grow(void *p, size_t *cap, size_t n, size_t elem, size_t first) {
  size_t want;
  void *np;
  if (n < *cap) {
    return p;
  }
  want = *cap ? *cap : first;
  while (want <= n) {
    if (want > SIZE_MAX / 2 / elem) {
      return NULL;
    }
    want *= 2;
  }
  if (want > SIZE_MAX / elem) {
    return NULL;
  }
  np = realloc(p, want * elem);
  if (np) {
    *cap = want;
  }
  return np;
}
