/* Private: the one growable byte buffer of the library. */
#ifndef GAZMAP_UTIL_BUF_H
#define GAZMAP_UTIL_BUF_H

#include <stddef.h>

/* A growing byte buffer; cairo's stream surfaces write into it through
 * gz_buf_write.  Free `data` with free(). */
typedef struct gz_buf {
  unsigned char *data;
  size_t len, cap;
  int failed; /* an allocation failed; the content is incomplete */
} gz_buf;

/* Appends `len` bytes; returns 0, or GAZMAP_ENOMEM (and sets `failed`). */
int gz_buf_append(gz_buf *b, const void *data, size_t len);

/* Makes room for `len` more bytes (and the NUL kept after the content), so
 * a writer can fill data + len directly and then advance len.  Returns 0,
 * or GAZMAP_ENOMEM (and sets `failed`). */
int gz_buf_reserve(gz_buf *b, size_t len);

#endif
