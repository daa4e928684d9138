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

/* 0 when `s` is valid UTF-8 with no character gz_xml_escape would replace
 * (C0 controls but tab, DEL, U+FFFE, U+FFFF; line feed and carriage return
 * too, since the text is one line); otherwise GAZMAP_EINVAL with the
 * message "<what>: invalid UTF-8 at byte N" or "<what>: control character
 * U+0001 at byte N". */
int gz_text_check(const char *what, const char *s);

#endif
