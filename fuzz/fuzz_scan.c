/* Fuzzes the geoparser.  The text is scanned twice: as one buffer, and fed in
 * chunks whose size the first byte picks.  Chunk boundaries may fall anywhere,
 * so both scans must report exactly the same mentions, and every mention must
 * lie inside the input and quote it. */
#include "fuzz_target.h"

#include "gazmap/gazmap.h"
#include "gazmap/scan.h"

#include <stdlib.h>
#include <string.h>

typedef struct seen {
  uint64_t offset;
  size_t length;
  const gazmap_place *place;
} seen;

typedef struct run {
  const uint8_t *text;
  size_t size;
  seen items[512];
  size_t n;
  size_t total;
} run;

static gazmap_gazetteer *bundled;
static gazmap_scanner *scanner;

/* Whether the surface is the text's bytes, a NUL in them written as a
 * space (a NUL separates words like one). */
static int same_bytes(const uint8_t *text, const char *surface, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if ((text[i] ? (char)text[i] : ' ') != surface[i]) {
      return 0;
    }
  }
  return 1;
}

/* The span in code points and UTF-16 units: never more than in bytes, the
 * UTF-16 count never less than the code points, and equal to the bytes
 * where the text before the end of the mention is ASCII. */
static int units_fit(const run *r, const gazmap_mention *m) {
  uint64_t end = m->offset + m->length, i;
  if (m->char_offset > m->offset || m->char_length > m->length ||
      m->utf16_offset < m->char_offset || m->utf16_length < m->char_length ||
      m->utf16_offset > m->offset || m->utf16_length > m->length) {
    return 0;
  }
  for (i = 0; i < end && r->text[i] < 0x80; i++) {
  }
  return i < end || (m->char_offset == m->offset && m->char_length == m->length &&
                     m->utf16_offset == m->offset && m->utf16_length == m->length);
}

static int record(void *ud, const gazmap_mention *m) {
  run *r = ud;
  if (m->offset + m->length > r->size || m->length == 0 ||
      !same_bytes(r->text + m->offset, m->surface, m->length) || !m->place ||
      !units_fit(r, m)) {
    abort();
  }
  if (r->n > 0 && m->offset < r->items[r->n - 1].offset) {
    abort(); /* mentions come in text order */
  }
  if (r->n < sizeof r->items / sizeof r->items[0]) {
    r->items[r->n].offset = m->offset;
    r->items[r->n].length = m->length;
    r->items[r->n].place = m->place;
    r->n++;
  }
  r->total++;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static run whole, chunked;
  size_t chunk, pos;

  if (!bundled && gazmap_gazetteer_open(&bundled, NULL) < 0) {
    abort(); /* run with GAZMAP_DATA_DIR set to a data dir */
  }
  if (!scanner && gazmap_scanner_new(&scanner, bundled, NULL) < 0) {
    abort();
  }
  if (size < 1) {
    return 0;
  }
  chunk = 1 + data[0] % 64;
  data++;
  size--;

  memset(&whole, 0, sizeof whole);
  memset(&chunked, 0, sizeof chunked);
  whole.text = chunked.text = data;
  whole.size = chunked.size = size;
  if (gazmap_scan_buffer(scanner, (const char *)data, size, record, &whole) != 0) {
    abort();
  }
  for (pos = 0; pos < size; pos += chunk) {
    size_t len = size - pos < chunk ? size - pos : chunk;
    if (gazmap_scanner_feed(scanner, (const char *)data + pos, len, record, &chunked) != 0) {
      abort();
    }
  }
  if (gazmap_scanner_finish(scanner, record, &chunked) != 0) {
    abort();
  }
  if (whole.total != chunked.total || memcmp(whole.items, chunked.items, whole.n * sizeof(seen))) {
    abort(); /* chunking changed what was found */
  }
  return 0;
}
