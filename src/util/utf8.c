/* UTF-8 decoding (util/utf8.h). */
#include "util/utf8.h"

#include <string.h>

size_t gz_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  unsigned c = s[0];
  uint32_t v;
  size_t n, i;
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (len < n) {
    return 0;
  }
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      return 0;
    }
    v = (v << 6) | (s[i] & 0x3F);
  }
  /* Overlong forms, surrogates and values beyond U+10FFFF are invalid. */
  if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return n;
}

size_t gz_utf8_invalid_at(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n;
    if (p[i] < 0x80) {
      i++;
      continue;
    }
    n = gz_utf8_decode(p + i, len - i, &cp);
    if (n == 0) {
      return i;
    }
    i += n;
  }
  return len;
}

/* The length a sequence starting with `c` claims, 0 for a byte no sequence
 * starts with. */
static size_t utf8_need(unsigned char c) {
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    return 4;
  }
  return 0;
}

int gz_utf8_next(const unsigned char *s, size_t len, int final, uint32_t *cp, size_t *n) {
  size_t need = utf8_need(s[0]);
  if (need == 0) {
    *n = 1;
    return GZ_UTF8_BAD;
  }
  if (need > len && !final) {
    size_t k;
    for (k = 1; k < len && (s[k] & 0xC0) == 0x80; k++) {
    }
    if (k == len) {
      *n = 0;
      return GZ_UTF8_SHORT; /* wait for the rest of the character */
    }
    *n = 1;
    return GZ_UTF8_BAD;
  }
  *n = gz_utf8_decode(s, len, cp);
  if (*n == 0) {
    *n = 1;
    return GZ_UTF8_BAD;
  }
  return GZ_UTF8_CHAR;
}

size_t gz_utf8_put(char *buf, size_t n, size_t cap, uint32_t cp) {
  unsigned char b[4];
  size_t k;
  if (cp < 0x80) {
    b[0] = (unsigned char)cp;
    k = 1;
  } else if (cp < 0x800) {
    b[0] = (unsigned char)(0xC0 | (cp >> 6));
    b[1] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 2;
  } else if (cp < 0x10000) {
    b[0] = (unsigned char)(0xE0 | (cp >> 12));
    b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 3;
  } else {
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 4;
  }
  if (n + k > cap) {
    return cap + 1; /* overflow marker */
  }
  memcpy(buf + n, b, k);
  return n + k;
}
