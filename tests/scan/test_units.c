/* Code-point and UTF-16 offsets against a count made from scratch.
 *
 * The tokenizer counts code points and UTF-16 units as it reads (its inline
 * paths for ASCII and two-byte letters count the bytes they take, the rest
 * is counted on demand).  Here a made-up text that mixes every kind of byte
 * the counting distinguishes -- ASCII, two-, three- and four-byte
 * characters, invalid bytes, NULs, line breaks, apostrophe suffixes,
 * hyphens at a line end, words that start with a letter of each width --
 * is scanned whole and in chunks of many sizes, and every mention's
 * char_offset, char_length, utf16_offset and utf16_length must be what a
 * plain decoder counts over the same bytes.  Bytes and code points each
 * name their own way: a valid sequence is one code point (a four-byte one
 * two UTF-16 units), each byte of an invalid one is one code point and one
 * unit (doc/find.md, "Offsets"). */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/scan.h"
#include "scan_fixture.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at t[i] (Unicode's table of
 * well-formed byte sequences), or 0 when the byte starts none. */
static size_t valid_at(const unsigned char *t, size_t n, size_t i) {
  unsigned char c = t[i];
  size_t m, k;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    m = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    m = 3;
    lo = c == 0xE0 ? 0xA0 : 0x80;
    hi = c == 0xED ? 0x9F : 0xBF;
  } else if (c >= 0xF0 && c <= 0xF4) {
    m = 4;
    lo = c == 0xF0 ? 0x90 : 0x80;
    hi = c == 0xF4 ? 0x8F : 0xBF;
  } else {
    return 0;
  }
  if (i + m > n || t[i + 1] < lo || t[i + 1] > hi) {
    return 0;
  }
  for (k = 2; k < m; k++) {
    if (t[i + k] < 0x80 || t[i + k] > 0xBF) {
      return 0;
    }
  }
  return m;
}

/* chars[i] and u16[i]: code points and UTF-16 units before byte i (for the
 * byte boundaries a mention can start or end at; others are left 0). */
static void count_units(const unsigned char *t, size_t n, uint64_t *chars, uint64_t *u16) {
  size_t i = 0;
  uint64_t c = 0, u = 0;
  while (i < n) {
    size_t m = valid_at(t, n, i), k;
    chars[i] = c;
    u16[i] = u;
    for (k = 1; k < m; k++) {
      chars[i + k] = u16[i + k] = 0;
    }
    c++;
    u += m == 4 ? 2 : 1;
    i += m ? m : 1;
  }
  chars[n] = c;
  u16[n] = u;
}

/* The pieces the text is made of. */
static const char *const pieces[] = {"Shusha",
                                     "Şuşa",
                                     "Шуша",
                                     "Шуше",
                                     "Ստեփանակերտ",
                                     "Kelbecer'e",
                                     "Aghdam",
                                     "Berd",
                                     "Tovuz",
                                     "Nagorno-\nKarabakh",
                                     "Qarabağda",
                                     "Ağdam",
                                     "Ermənistanla",
                                     "the",
                                     "и",
                                     "переговоры",
                                     "village",
                                     "köyü",
                                     "\xf0\x9f\x98\x80",
                                     "\xe2\x82\xac",
                                     "\xe4\xb8\xad",
                                     "\xff",
                                     "\x80",
                                     "\xc3",
                                     "\xe2\x82",
                                     "\xf0",
                                     "(",
                                     ")",
                                     ",",
                                     ".",
                                     "'",
                                     "-",
                                     "\t",
                                     "\n",
                                     "Ğ",
                                     "Ж",
                                     "é",
                                     "Iran's",
                                     "R13",
                                     "Martuni",
                                     "Red Bazaar"};
#define NPIECES (sizeof pieces / sizeof pieces[0])

/* A made-up text of about `want` bytes from the pieces, joined by a space,
 * nothing, a NUL or a line break (a fixed generator: the same text each
 * run).  Caller frees. */
static char *make_text(size_t want, size_t *len) {
  char *t = malloc(want + 64);
  size_t n = 0;
  uint32_t r = 12345;
  while (t && n < want) {
    const char *p;
    size_t pl;
    r = r * 1103515245u + 12345u;
    p = pieces[(r >> 8) % NPIECES];
    pl = strlen(p);
    memcpy(t + n, p, pl);
    n += pl;
    r = r * 1103515245u + 12345u;
    switch ((r >> 12) % 8) {
    case 0:
      break;
    case 1:
      t[n++] = '\0';
      break;
    case 2:
      t[n++] = '\n';
      break;
    default:
      t[n++] = ' ';
      break;
    }
  }
  *len = n;
  return t;
}

typedef struct unit_check {
  const uint64_t *chars, *u16;
  size_t n, bad;
  char first[256]; /* the first disagreement, for the failure message */
} unit_check;

static int check_units(void *ud, const gazmap_mention *m) {
  unit_check *c = ud;
  uint64_t end = m->offset + m->length;
  uint64_t wc = c->chars[m->offset], wcl = c->chars[end] - wc;
  uint64_t wu = c->u16[m->offset], wul = c->u16[end] - wu;
  c->n++;
  if (m->char_offset != wc || m->char_length != wcl || m->utf16_offset != wu ||
      m->utf16_length != wul) {
    if (c->bad++ == 0) {
      snprintf(c->first, sizeof c->first,
               "'%s' at byte %llu: chars %llu+%zu (want %llu+%llu), utf16 %llu+%zu (want "
               "%llu+%llu)",
               m->surface, (unsigned long long)m->offset, (unsigned long long)m->char_offset,
               m->char_length, (unsigned long long)wc, (unsigned long long)wcl,
               (unsigned long long)m->utf16_offset, m->utf16_length, (unsigned long long)wu,
               (unsigned long long)wul);
    }
  }
  return 0;
}

static const size_t chunk_sizes[] = {0, 1, 2, 3, 5, 8, 13, 64, 4096};

START_TEST(units_agree_with_a_plain_count) {
  size_t len, chunk = chunk_sizes[_i];
  char *t = make_text(60000, &len);
  uint64_t *chars = calloc(len + 1, sizeof *chars), *u16 = calloc(len + 1, sizeof *u16);
  unit_check c = {chars, u16, 0, 0, ""};
  ck_assert_ptr_nonnull(t);
  ck_assert_ptr_nonnull(chars);
  ck_assert_ptr_nonnull(u16);
  count_units((const unsigned char *)t, len, chars, u16);
  if (chunk == 0) {
    ck_assert_int_eq(gazmap_scan_buffer(scanner, t, len, check_units, &c), 0);
  } else {
    size_t off;
    for (off = 0; off < len; off += chunk) {
      size_t k = len - off < chunk ? len - off : chunk;
      ck_assert_int_eq(gazmap_scanner_feed(scanner, t + off, k, check_units, &c), 0);
    }
    ck_assert_int_eq(gazmap_scanner_finish(scanner, check_units, &c), 0);
  }
  /* The text names places all along: a scan that found few would prove
   * little. */
  ck_assert_msg(c.n > 1000, "chunks of %zu: only %zu mentions", chunk, c.n);
  ck_assert_msg(c.bad == 0, "chunks of %zu: %zu of %zu mentions miscounted; first: %s", chunk,
                c.bad, c.n, c.first);
  free(chars);
  free(u16);
  free(t);
}
END_TEST

/* One scanner over the bundled gazetteer, reporting unresolved mentions as
 * the CLI does, shared by the tests (run in this process). */
int main(void) {
  tu_test tests[] = {TU_ROWS(units_agree_with_a_plain_count, chunk_sizes)};
  tu_tcase tc = {.name = "units", .tests = TU_TESTS(tests)};
  return sc_scanner_main("units", &tc, 1, 1);
}
