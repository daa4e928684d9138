/* Private: how library modules record the per-thread last error. */
#ifndef GAZMAP_ERROR_INTERNAL_H
#define GAZMAP_ERROR_INTERNAL_H

#include "gazmap/error.h"

/* Records an error and returns `code`, so that callers can write
 * `return gz_fail(GAZMAP_EPARSE, path, lineno, "bad latitude '%s'", s);`.
 * `file` may be NULL and `line` 0 when they do not apply. */
int gz_fail(int code, const char *file, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
