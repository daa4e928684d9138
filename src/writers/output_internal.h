/* Private: writing finished maps and layers to files, PNG encoding, and SVG
 * fix-ups. */
#ifndef GAZMAP_OUTPUT_INTERNAL_H
#define GAZMAP_OUTPUT_INTERNAL_H

#include "util/buf.h"

#include <stddef.h>

/* A cairo_write_func_t over a gz_buf (declared with plain types so this
 * header needs no cairo). Returns CAIRO_STATUS_SUCCESS or NO_MEMORY. */
int gz_buf_write(void *closure, const unsigned char *data, unsigned int length);

/* Appends a PNG (8-bit RGB) of a cairo RGB24/ARGB32 image (rows of native
 * 0xAARRGGBB words, alpha dropped) to `out`: Sub/Up row filters, deflate by
 * ISA-L in bands compressed in parallel (png.c says why).  The image is not
 * changed.  Returns 0, GAZMAP_ENOMEM, or GAZMAP_ERENDER if ISA-L fails. */
int gz_png_encode(const unsigned char *pixels, int width, int height, int stride, gz_buf *out);

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
