/* gazmap/output.h - writing output files the way every gazmap writer does. */
#ifndef GAZMAP_OUTPUT_H
#define GAZMAP_OUTPUT_H

#include "gazmap/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes `len` bytes to `path` through a temporary file in the same directory
 * and a rename, so that readers never see a partial file and a failure leaves
 * none behind.  "-" writes to standard output.  Returns 0 or GAZMAP_EIO /
 * GAZMAP_EINVAL with the path and the system's reason in gazmap_error_last(). */
GAZMAP_EXTERN int gazmap_write_file(const char *path, const void *data, size_t len);

#ifdef __cplusplus
}
#endif
#endif
