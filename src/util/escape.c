/* XML/HTML escaping (util/escape.h). */
#include "util/escape.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/utf8.h"

#include <stdint.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

/* The entity or replacement for the character of `m` bytes at `p` (code
 * point `cp`, or m == 0 when the bytes are not valid UTF-8), or NULL when it
 * is copied as it is. */
static const char *replacement_of(size_t m, uint32_t cp) {
  if (m == 0) {
    return REPLACEMENT;
  }
  switch (cp) {
  case '&':
    return "&amp;";
  case '<':
    return "&lt;";
  case '>':
    return "&gt;";
  case '"':
    return "&quot;";
  case '\t':
  case '\n':
  case '\r':
    return NULL;
  default:
    break;
  }
  if (cp < 0x20 || cp == 0x7f || cp == 0xfffe || cp == 0xffff) {
    return REPLACEMENT;
  }
  return NULL;
}

int gz_xml_escape(gz_buf *b, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run = 0;
  int rc;
  while (i < n) {
    uint32_t cp = p[i];
    size_t m = p[i] < 0x80 ? 1 : gz_utf8_decode(p + i, n - i, &cp);
    const char *rep = replacement_of(m, cp);
    if (rep) {
      const char *r;
      if ((rc = gz_buf_append(b, s + i - run, run)) < 0) {
        return rc;
      }
      run = 0;
      for (r = rep; *r; r++) {
      }
      if ((rc = gz_buf_append(b, rep, (size_t)(r - rep))) < 0) {
        return rc;
      }
      i += m ? m : 1;
    } else {
      run += m;
      i += m;
    }
  }
  return gz_buf_append(b, s + i - run, run);
}

int gz_text_check(const char *what, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, n = strlen(s);
  while (i < n) {
    uint32_t cp = p[i];
    size_t m = p[i] < 0x80 ? 1 : gz_utf8_decode(p + i, n - i, &cp);
    if (m == 0) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "%s: invalid UTF-8 at byte %zu", what, i + 1);
    }
    if ((cp < 0x20 && cp != '\t') || cp == 0x7f || cp == 0xfffe || cp == 0xffff) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "%s: control character U+%04X at byte %zu", what,
                     (unsigned)cp, i + 1);
    }
    i += m;
  }
  return 0;
}
