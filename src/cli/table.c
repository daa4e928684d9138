/* Display width by ICU, for aligned tables (see table.h).  printf's "%-24s"
 * pads by bytes: "Çankaya" is 8 bytes and 7 columns, so it came out one
 * column short and pushed the next columns left. */
#include "table.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string.h>

/* Columns of one code point. */
static int char_width(UChar32 c) {
  int8_t gc;
  if (c < 0x80) {
    /* Control characters are printed as a space; no ASCII character is a
     * mark or wide, and answering here keeps ICU unloaded for a table of
     * ASCII names (`near`, doc/startup.md). */
    return 1;
  }
  gc = (int8_t)u_charType(c);
  if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR) {
    return 0;
  }
  switch (u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH)) {
  case U_EA_WIDE:
  case U_EA_FULLWIDTH:
    return 2;
  default:
    return 1;
  }
}

size_t cli_text_width(const char *s, size_t len) {
  int32_t i = 0, n = (int32_t)len;
  size_t w = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT((const uint8_t *)s, i, n, c);
    w += c < 0 ? 1 : (size_t)char_width(c);
  }
  return w;
}

void cli_print_cell(FILE *to, const char *s, size_t width, int cut) {
  int32_t i = 0, n = (int32_t)strlen(s);
  size_t w = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    int cw;
    U8_NEXT((const uint8_t *)s, i, n, c);
    cw = c < 0 ? 1 : char_width(c);
    if (cut && w + (size_t)cw > width) {
      break;
    }
    w += (size_t)cw;
    if (c < 0) {
      fputs("\xEF\xBF\xBD", to);
    } else if (c < 0x20 || c == 0x7f) {
      fputc(' ', to);
    } else {
      fwrite(s + start, 1, (size_t)(i - start), to);
    }
  }
  for (; w < width; w++) {
    fputc(' ', to);
  }
}
