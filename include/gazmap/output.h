/* gazmap/output.h - writing output files the way every gazmap writer does.
 *
 * The output policy (doc/output.md): "-" is standard output; a regular file
 * or an absent name is written through a temporary file created with O_EXCL
 * in the same directory and renamed over the target; a character device or
 * a FIFO (which must already have a reader) is written in place; a symbolic
 * link, a directory, a socket or a block device at the target is refused, and
 * so is a target that is a file this process has read (an input). */
#ifndef GAZMAP_OUTPUT_H
#define GAZMAP_OUTPUT_H

#include "gazmap/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes `len` bytes to `path` under the policy above, so that readers never
 * see a partial file and a failure leaves none behind.  Returns 0 or
 * GAZMAP_EIO / GAZMAP_EINVAL with the path and the reason in
 * gazmap_error_last(). */
GAZMAP_EXTERN int gazmap_write_file(const char *path, const void *data, size_t len);

/* An output written in pieces under the same policy, for a document too
 * large to build in memory first (a report of a long text).  Nothing
 * appears at a regular-file target until gazmap_output_close succeeds;
 * standard output, a device or a FIFO receives the pieces as they come. */
typedef struct gazmap_output gazmap_output;

/* Checks `path` against the policy and opens it (for a regular target, a
 * temporary file beside it).  Sets *out, which gazmap_output_close or
 * gazmap_output_abandon frees; returns 0 or a status as gazmap_write_file. */
GAZMAP_EXTERN int gazmap_output_open(gazmap_output **out, const char *path);

/* Appends `len` bytes.  0, or GAZMAP_EIO naming the target. */
GAZMAP_EXTERN int gazmap_output_write(gazmap_output *o, const void *data, size_t len);

/* The bytes a target written in place (standard output, a device, a FIFO)
 * has received so far, a failed write's part included: what its reader
 * already holds if the output fails now.  A regular target receives
 * nothing before gazmap_output_close, so 0; also 0 for NULL. */
GAZMAP_EXTERN size_t gazmap_output_streamed(const gazmap_output *o);

/* Finishes the output (renames the temporary file over the target) and
 * frees `o`, also when it fails (the temporary file is then removed).
 * 0, or GAZMAP_EIO naming the target. */
GAZMAP_EXTERN int gazmap_output_close(gazmap_output *o);

/* Gives the output up: removes the temporary file (a regular target is
 * left as it was) and frees `o`.  NULL is allowed. */
GAZMAP_EXTERN void gazmap_output_abandon(gazmap_output *o);

/* Notes `path` as an input of this process (the library notes the files it
 * reads itself; a caller that reads a file on its own, as `gazmap report`
 * does, calls this), so that no output replaces it.  "-" and non-regular
 * files are ignored.  0, or GAZMAP_EIO when `path` cannot be examined. */
GAZMAP_EXTERN int gazmap_output_note_input(const char *path);

/* Removes every temporary file and directory that a write in progress holds.
 * Async-signal-safe (it only calls unlink and rmdir): a SIGINT or SIGTERM
 * handler calls it and then lets the signal end the process. */
GAZMAP_EXTERN void gazmap_output_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif
