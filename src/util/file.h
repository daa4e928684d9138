/* Private: whole files in and out. */
#ifndef GAZMAP_UTIL_FILE_H
#define GAZMAP_UTIL_FILE_H

#include <stddef.h>

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees),
 * refusing files larger than `max`. */
int gz_read_file(const char *path, size_t max, char **out, size_t *len);

/* Writes `len` bytes to `path` through a temporary file in the same directory
 * and rename(2), so that readers never see a partial file and a failure
 * leaves none behind.  "-" writes to standard output. */
int gz_write_atomic(const char *path, const void *data, size_t len);

#endif
