/* Private: UTF-8 decoding, the one strict decoder of the library. */
#ifndef GAZMAP_UTIL_UTF8_H
#define GAZMAP_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one strictly valid UTF-8 sequence (no overlong forms, surrogates or
 * values beyond U+10FFFF) at `s` (len >= 1 bytes available).  Returns its
 * length and stores the code point in *cp, or returns 0 when it is invalid. */
size_t gz_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* The offset of the first invalid byte of `s`, or `len` when all is valid. */
size_t gz_utf8_invalid_at(const char *s, size_t len);

#endif
