/* Private: writing finished maps and layers to files, PNG encoding, and SVG
 * fix-ups. */
#ifndef GAZMAP_OUTPUT_INTERNAL_H
#define GAZMAP_OUTPUT_INTERNAL_H

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

/* A cairo_write_func_t over a gz_buf (declared with plain types so this
 * header needs no cairo). Returns CAIRO_STATUS_SUCCESS or NO_MEMORY. */
int gz_buf_write(void *closure, const unsigned char *data, unsigned int length);

/* Appends a PNG (8-bit RGB) of a cairo RGB24/ARGB32 image (rows of native
 * 0xAARRGGBB words, alpha dropped) to `out`: Sub/Up row filters, deflate by
 * ISA-L in bands compressed in parallel (png.c says why).  The image is not
 * changed.  Returns 0, GAZMAP_ENOMEM, or GAZMAP_ERENDER if ISA-L fails. */
int gz_png_encode(const unsigned char *pixels, int width, int height, int stride, gz_buf *out);

/* Page-aligned, zeroed memory of `size` bytes with its pages mapped writable
 * up front (one system call instead of a page fault per 4 KiB as a full-page
 * image is first painted); from 2 MiB up, aligned to 2 MiB and backed by
 * transparent huge pages where the kernel allows.  Free with
 * gz_pages_free(p, size).  NULL when out of memory. */
void *gz_pages_alloc(size_t size);
void gz_pages_free(void *p, size_t size);

/* Writes `len` bytes to `path` through a temporary file in the same directory
 * and rename(2), so that readers never see a partial file and a failure
 * leaves none behind.  "-" writes to standard output. */
int gz_write_atomic(const char *path, const void *data, size_t len);

/* An SVG id prefix from an output path: its base name without extension,
 * reduced to [A-Za-z0-9_-] and starting with a letter ("karabakh.svg" ->
 * "karabakh-").  Writes at most `cap` bytes to `buf`. */
void gz_svg_prefix_from_path(const char *path, char *buf, size_t cap);

/* Rewrites cairo's SVG so it embeds safely in HTML: every id="X" becomes
 * id="<prefix>X" and every reference (href="#X", xlink:href="#X", url(#X))
 * follows; a viewBox is added when missing; <title> and <desc> (XML-escaped)
 * open the document.  *out (caller frees with free()) and *out_len. */
int gz_svg_finish(const char *svg, size_t len, const char *prefix, const char *title,
                  const char *desc, double width, double height, char **out, size_t *out_len);

#endif
