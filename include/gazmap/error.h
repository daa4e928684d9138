/* gazmap/error.h - error codes and the per-thread last error.
 *
 * Every library function that can fail returns 0 (GAZMAP_OK) or one of the
 * negative codes below, and records a message retrievable with
 * gazmap_error_last().  The library never prints and never exits. */
#ifndef GAZMAP_ERROR_H
#define GAZMAP_ERROR_H

#include "gazmap/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gazmap_status {
  GAZMAP_OK = 0,
  GAZMAP_ENOMEM = -1,   /* an allocation failed */
  GAZMAP_EIO = -2,      /* a file could not be opened, read or written */
  GAZMAP_EPARSE = -3,   /* malformed data in a file or string */
  GAZMAP_EINVAL = -4,   /* an argument is out of its domain */
  GAZMAP_EUTF8 = -5,    /* input is not valid UTF-8 */
  GAZMAP_ENOTFOUND = -6,/* a named thing (layer, place, data file) is absent */
  GAZMAP_ERANGE = -7,   /* a size or count beyond what gazmap accepts */
  GAZMAP_EPROJ = -8,    /* PROJ refused a CRS or a transformation */
  GAZMAP_ERENDER = -9   /* cairo or Pango reported a drawing error */
} gazmap_status;

/* The last error recorded on the calling thread.  `file` is NULL or the path
 * being read; `line` is 0 when no line applies.  The pointer stays valid until
 * the next failing gazmap call on this thread. */
typedef struct gazmap_error {
  int code;
  const char *file;
  unsigned long line;
  const char *message;
} gazmap_error;

GAZMAP_EXTERN const gazmap_error *gazmap_error_last(void);

/* Forgets the calling thread's last error. */
GAZMAP_EXTERN void gazmap_error_clear(void);

/* A short English name for a status code ("out of memory", ...).  Static. */
GAZMAP_EXTERN const char *gazmap_strerror(int code);

#ifdef __cplusplus
}
#endif
#endif
