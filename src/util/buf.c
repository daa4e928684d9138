/* The one growable byte buffer of the library (util/buf.h). */
#include "util/buf.h"

#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int gz_buf_reserve(gz_buf *b, size_t len) {
  if (b->failed) {
    return GAZMAP_ENOMEM;
  }
  if (b->cap - b->len < len + 1) {
    size_t cap = b->cap ? b->cap : 65536;
    unsigned char *nd;
    while (cap - b->len < len + 1) {
      if (cap > SIZE_MAX / 2) {
        b->failed = 1;
        return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
      }
      cap *= 2;
    }
    nd = realloc(b->data, cap);
    if (!nd) {
      b->failed = 1;
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    b->data = nd;
    b->cap = cap;
  }
  return 0;
}

int gz_buf_append(gz_buf *b, const void *data, size_t len) {
  int rc;
  if (b->failed) {
    return GAZMAP_ENOMEM;
  }
  if (len == 0 && b->data) {
    return 0;
  }
  if ((rc = gz_buf_reserve(b, len)) < 0) {
    return rc;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  /* Keep the content NUL-terminated so text formats can be scanned. */
  b->data[b->len] = '\0';
  return 0;
}

