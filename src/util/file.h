/* Private: whole files in and out, and the output policy (doc/output.md). */
#ifndef GAZMAP_UTIL_FILE_H
#define GAZMAP_UTIL_FILE_H

#include <stddef.h>
#include <sys/stat.h>

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees),
 * refusing files larger than `max` and anything but a regular file (a FIFO
 * is refused without waiting for a writer).  The file is noted as an input
 * (gz_note_input_stat), so that no output of the process replaces it. */
int gz_read_file(const char *path, size_t max, char **out, size_t *len);

/* Writes `len` bytes to `path` under the output policy: "-" is standard
 * output; a character device or FIFO is written in place; an absent name or
 * a regular file is written through a temporary file (O_EXCL, in the same
 * directory) and rename(2), so readers never see a partial file and a
 * failure leaves none behind; anything else, and an input, is refused. */
int gz_write_atomic(const char *path, const void *data, size_t len);

/* write(2) until done, retrying on EINTR; 0 or -1 with errno.  Adds the
 * bytes written, also those of a write that then fails, to *written (NULL:
 * not counted). */
int gz_write_all(int fd, const void *data, size_t len, size_t *written);

/* What the policy does with output `path` (not "-"): GZ_OUT_NEW (absent),
 * GZ_OUT_REPLACE (a regular file, *st filled), GZ_OUT_IN_PLACE (device or
 * FIFO), or a negative status with the reason recorded. */
enum { GZ_OUT_NEW = 1, GZ_OUT_REPLACE, GZ_OUT_IN_PLACE };
int gz_output_kind(const char *path, struct stat *st);

/* The directory part of `path` ("." when it has none) into dir[cap]. */
int gz_temp_dir_of(const char *path, char *dir, size_t cap);

/* Records a file's identity as an input of this process. */
void gz_note_input_stat(const struct stat *st);

/* Registers a temporary file (or, with is_dir, directory) for
 * gazmap_output_cleanup(); returns the slot, or -1 when the table is full.
 * gz_temp_release(slot) forgets it once it is renamed or removed. */
int gz_temp_register(const char *path, int is_dir);
void gz_temp_release(int slot);

/* A set of files committed together: the parts of a shapefile.
 *
 * gz_outset_begin checks every target `<stem><ext>` against the policy
 * (each must be absent or a regular file that is not an input) and makes a
 * private temporary directory beside them; the writer creates its parts as
 * gz_outset_tmp_stem(set) + ext.  gz_outset_commit renames them all into
 * place, first keeping a hard link to each previous part, and on any
 * failure puts the previous parts back and removes the new ones, so that
 * either every part is new or every part is as it was.  Signals are held off
 * during the renames.  gz_outset_free removes the temporary directory and
 * whatever is left in it (after a failed or abandoned write too). */
typedef struct gz_outset gz_outset;
int gz_outset_begin(gz_outset **out, const char *stem, const char *const *exts, size_t n);
const char *gz_outset_tmp_stem(const gz_outset *set);
int gz_outset_commit(gz_outset *set);
void gz_outset_free(gz_outset *set);

#endif
