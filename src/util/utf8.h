/* Private: UTF-8, the one strict and the one streaming decoder of the
 * library, and the encoder. */
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

/* Streaming decoding, for text that arrives in chunks and may be invalid
 * (the scanner): what the bytes at `s` (len >= 1 available) are.  Sets *n
 * to the bytes to consume and returns
 *   GZ_UTF8_CHAR: a valid character (*cp), *n its length;
 *   GZ_UTF8_BAD:  an invalid byte, *n = 1 (a decoder resynchronises at the
 *                 next byte, so each invalid byte is reported once);
 *   GZ_UTF8_SHORT: the start of a valid sequence cut by the end of the chunk,
 *                 *n = 0; keep the bytes and decode them with the next chunk.
 *                 Never returned when `final` (the text ends here). */
enum { GZ_UTF8_CHAR, GZ_UTF8_BAD, GZ_UTF8_SHORT };
int gz_utf8_next(const unsigned char *s, size_t len, int final, uint32_t *cp, size_t *n);

/* Appends the UTF-8 of `cp` to buf (n bytes used of cap); returns the new
 * length, or cap + 1 when it does not fit (nothing written then). */
size_t gz_utf8_put(char *buf, size_t n, size_t cap, uint32_t cp);

#endif
