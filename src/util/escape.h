/* Private: the one XML/HTML text escaper of the library, used by the SVG
 * writer and the HTML report. */
#ifndef GAZMAP_UTIL_ESCAPE_H
#define GAZMAP_UTIL_ESCAPE_H

#include "util/buf.h"

#include <stddef.h>

/* Appends `n` bytes of `s` to `b` as XML character data that is also safe in
 * a double-quoted attribute: & < > " become entities; what XML 1.0
 * does not allow in a document (invalid UTF-8, C0 controls other than tab,
 * line feed and carriage return, DEL, U+FFFE and U+FFFF) becomes U+FFFD, so the
 * result is always well formed.  Returns 0 or GAZMAP_ENOMEM. */
int gz_xml_escape(gz_buf *b, const char *s, size_t n);

#endif
