/* The PNG writer: the page is painted on a cairo image in memory mapped up
 * front (util/pages.h), then encoded here: row filtering, one deflate
 * stream by ISA-L, chunks and their CRCs.
 *
 * Why ISA-L: on the default map's filtered rows (5.8 MB, mostly runs of
 * zeros) its level 1 compresses in 3.3 ms against 13.6 ms for libdeflate's
 * fastest useful level (2), for a file 8% larger (591 KB against 546 KB),
 * out of a render of about 100 ms.
 *
 * One stream, one thread: compressing the image in two bands on two
 * threads (a sync flush between them, the checksums joined with zlib's
 * adler32_combine) saved less than 3% of the default render's wall and CPU
 * time in interleaved runs (doc/render.md), not enough to pay for a thread
 * and the zlib dependency. */
#define _GNU_SOURCE
#include "writers/writer.h"

#include "gazmap/error.h"
#include "gazmap/gazmap.h"

#include "util/error.h"
#include "util/pages.h"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  PNG_CHUNK_ROWS = 16, /* rows filtered per call to the compressor */
  PNG_LEVEL = 1
};

/* Largest IDAT chunk written (PNG allows 2^31 - 1 bytes). */
#define PNG_MAX_CHUNK ((size_t)1 << 30)

static void put_be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* One PNG chunk: length, type, data, and the CRC-32 of type and data. */
static int png_chunk(gz_buf *out, const char *type, const unsigned char *data, size_t len) {
  unsigned char head[8], tail[4];
  uint32_t crc;
  int rc;
  put_be32(head, (uint32_t)len);
  memcpy(head + 4, type, 4);
  crc = crc32_gzip_refl(0, head + 4, 4);
  crc = crc32_gzip_refl(crc, data, len);
  put_be32(tail, crc);
  if ((rc = gz_buf_append(out, head, 8)) < 0 || (rc = gz_buf_append(out, data, len)) < 0) {
    return rc;
  }
  return gz_buf_append(out, tail, 4);
}

/* The zlib stream as IDAT chunks of at most PNG_MAX_CHUNK bytes. */
static int put_idat(gz_buf *out, const unsigned char *z, size_t len) {
  int rc = 0;
  do {
    size_t n = len < PNG_MAX_CHUNK ? len : PNG_MAX_CHUNK;
    if ((rc = png_chunk(out, "IDAT", z, n)) < 0) {
      return rc;
    }
    z += n;
    len -= n;
  } while (len > 0);
  return 0;
}

/* Row y of the image, filtered: Sub for the first row, Up for the others
 * (flat areas become zeros, which is most of a map).  Up is computed on
 * the native 0x00RRGGBB words a byte at a time, a loop the compiler turns
 * into vector code, into `diff`; the words are then packed to R, G, B.
 * Together 20 instructions a pixel fewer than filtering packed rows (by
 * callgrind on the default map: 38 M against 10 M for 1.9 M pixels). */
static void filter_row(unsigned char *dst, const uint32_t *cur, const uint32_t *prev,
                       uint32_t *diff, int width) {
  const unsigned char *a = (const unsigned char *)cur, *b = (const unsigned char *)prev;
  unsigned char *d = (unsigned char *)diff;
  size_t i, n = 4 * (size_t)width;
  int x;
  if (!prev) {
    for (i = 0; i < n; i++) {
      d[i] = (unsigned char)(a[i] - (i >= 4 ? a[i - 4] : 0));
    }
    dst[0] = 1;
  } else {
    for (i = 0; i < n; i++) {
      d[i] = (unsigned char)(a[i] - b[i]);
    }
    dst[0] = 2;
  }
  for (x = 0; x < width; x++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* 0xXXRRGGBB -> the bytes R, G, B, 0: one unaligned store a pixel, whose
     * fourth byte the next pixel (or the next row's filter byte, or the
     * slack after the last row) overwrites. */
    uint32_t v = __builtin_bswap32(diff[x] << 8);
    memcpy(dst + 1 + 3 * (size_t)x, &v, 4);
#else
    dst[1 + 3 * (size_t)x] = (unsigned char)(diff[x] >> 16);
    dst[2 + 3 * (size_t)x] = (unsigned char)(diff[x] >> 8);
    dst[3 + 3 * (size_t)x] = (unsigned char)diff[x];
#endif
  }
}

/* Doubles the output buffer, keeping what is written; 0 or an error code. */
static int grow_output(unsigned char **z, size_t *cap, struct isal_zstream *s) {
  size_t ncap = *cap * 2;
  unsigned char *nz = gz_pages_alloc(ncap);
  if (!nz) {
    return GAZMAP_ENOMEM;
  }
  memcpy(nz, *z, s->total_out);
  gz_pages_free(*z, *cap);
  *z = nz;
  *cap = ncap;
  s->next_out = nz + s->total_out;
  s->avail_out = ncap - s->total_out > UINT32_MAX ? UINT32_MAX : (uint32_t)(ncap - s->total_out);
  return 0;
}

/* The filtered rows of the image as one zlib stream: *z (gz_pages_alloc'd,
 * *z_cap bytes, free with gz_pages_free) and *z_len.  0 or an error code. */
static int deflate_image(const unsigned char *pixels, int width, int height, size_t stride,
                         unsigned char **z, size_t *z_cap, size_t *z_len) {
  size_t row = 1 + 3 * (size_t)width;
  /* Maps compress about tenfold; the buffer grows if an image does not. */
  size_t cap = row * (size_t)height / 8 + 65536;
  /* Filtered rows, with 4 bytes of slack for the last pixel's store. */
  unsigned char *chunk = malloc(row * PNG_CHUNK_ROWS + 4);
  uint32_t *diff = malloc(4 * (size_t)width);
  /* The compressor's tables and output are mapped up front: a page fault
   * each would cost as much as the compression. */
  unsigned char *level_buf = gz_pages_alloc(ISAL_DEF_LVL1_DEFAULT);
  struct isal_zstream s;
  int y, err = 0;

  *z = gz_pages_alloc(cap);
  *z_cap = cap;
  if (!chunk || !diff || !level_buf || !*z) {
    err = GAZMAP_ENOMEM;
    goto done;
  }
  isal_deflate_init(&s);
  s.level = PNG_LEVEL;
  s.level_buf = level_buf;
  s.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
  s.gzip_flag = IGZIP_ZLIB; /* header and Adler-32 trailer by ISA-L */
  s.next_out = *z;
  s.avail_out = cap > UINT32_MAX ? UINT32_MAX : (uint32_t)cap;
  for (y = 0; y < height;) {
    int k = height - y < PNG_CHUNK_ROWS ? height - y : PNG_CHUNK_ROWS, i;
    for (i = 0; i < k; i++, y++) {
      const uint32_t *cur = (const uint32_t *)(const void *)(pixels + (size_t)y * stride);
      const uint32_t *prev =
          y > 0 ? (const uint32_t *)(const void *)(pixels + (size_t)(y - 1) * stride) : NULL;
      filter_row(chunk + (size_t)i * row, cur, prev, diff, width);
    }
    s.next_in = chunk;
    s.avail_in = (uint32_t)((size_t)k * row);
    s.end_of_stream = y == height;
    /* A call returns with its input taken and room left over, or with the
     * output full; the last call must also have ended the stream. */
    do {
      if (s.avail_out == 0 && (err = grow_output(z, z_cap, &s)) != 0) {
        goto done;
      }
      if (isal_deflate(&s) != COMP_OK) {
        err = GAZMAP_ERENDER;
        goto done;
      }
    } while (s.avail_in > 0 || s.avail_out == 0 ||
             (s.end_of_stream && s.internal_state.state != ZSTATE_END));
  }
  *z_len = s.total_out;
done:
  free(chunk);
  free(diff);
  gz_pages_free(level_buf, ISAL_DEF_LVL1_DEFAULT);
  return err;
}

int gz_png_encode(const unsigned char *pixels, int width, int height, int stride, gz_buf *out) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  unsigned char ihdr[13], *z = NULL;
  size_t z_cap = 0, z_len = 0;
  int rc, err;

  if (width <= 0 || height <= 0 || (size_t)stride < 4 * (size_t)width) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "bad image geometry for PNG");
  }
  if ((err = deflate_image(pixels, width, height, (size_t)stride, &z, &z_cap, &z_len)) != 0) {
    rc = err == GAZMAP_ENOMEM
             ? gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory for the PNG data")
             : gz_fail(GAZMAP_ERENDER, NULL, 0, "ISA-L could not compress the image");
    goto done;
  }
  put_be32(ihdr, (uint32_t)width);
  put_be32(ihdr + 4, (uint32_t)height);
  ihdr[8] = 8;  /* bits per sample */
  ihdr[9] = 2;  /* RGB */
  ihdr[10] = 0; /* deflate */
  ihdr[11] = 0; /* adaptive filtering */
  ihdr[12] = 0; /* no interlace */
  /* The output gets its final size once, so it is never copied. */
  if ((rc = gz_buf_reserve(out, 8 + 25 + z_len + 12 * (z_len / PNG_MAX_CHUNK + 1) + 12)) < 0 ||
      (rc = gz_buf_append(out, sig, 8)) < 0 || (rc = png_chunk(out, "IHDR", ihdr, 13)) < 0 ||
      (rc = put_idat(out, z, z_len)) < 0) {
    goto done;
  }
  rc = png_chunk(out, "IEND", ihdr, 0);
done:
  gz_pages_free(z, z_cap);
  return rc;
}

/* No alpha channel: the page is opaque, and RGB24 encodes faster. */
static int png_surface_new(gz_target *t, const gz_page_info *page) {
  t->stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, page->width);
  t->pixels_len = (size_t)t->stride * (size_t)page->height;
  if (!(t->pixels = gz_pages_alloc(t->pixels_len))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory for a %dx%d image", page->width,
                   page->height);
  }
  t->surface = cairo_image_surface_create_for_data(t->pixels, CAIRO_FORMAT_RGB24, page->width,
                                                   page->height, t->stride);
  return 0;
}

/* ---- metadata chunks (only when asked: the default PNG stays as it was) ---- */

/* One text chunk: tEXt when the text is ASCII (tEXt is Latin-1, and ASCII
 * reads the same either way), else iTXt, whose text is UTF-8. */
static int png_text(gz_buf *out, const char *key, const char *text) {
  size_t kn = strlen(key), tn = strlen(text), i, n;
  int ascii = 1, rc;
  unsigned char *data;
  for (i = 0; i < tn; i++) {
    ascii &= (unsigned char)text[i] < 0x80;
  }
  /* keyword NUL text, or keyword NUL flag method language NUL translated NUL text */
  n = kn + 1 + (ascii ? 0 : 4) + tn;
  if (!(data = calloc(n, 1))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(data, key, kn);
  memcpy(data + n - tn, text, tn);
  rc = png_chunk(out, ascii ? "tEXt" : "iTXt", data, n);
  free(data);
  return rc;
}

/* The chunks the page asks for, which go between IHDR and IDAT: pHYs in
 * pixels per metre of the page's dpi (what a word processor sizes the
 * image by), and the title, author, sources and the software as text. */
static int png_meta(gz_buf *out, const gz_page_info *page) {
  char software[64];
  int rc = 0;
  if (page->png_meta & GAZMAP_PNG_META_PHYS) {
    unsigned char phys[9];
    uint32_t ppm = (uint32_t)(page->dpi / 0.0254 + 0.5);
    put_be32(phys, ppm);
    put_be32(phys + 4, ppm);
    phys[8] = 1; /* the unit is the metre */
    rc = png_chunk(out, "pHYs", phys, 9);
  }
  if (rc == 0 && (page->png_meta & GAZMAP_PNG_META_TEXT)) {
    snprintf(software, sizeof software, "gazmap %s", gazmap_version());
    if ((page->title && (rc = png_text(out, "Title", page->title)) < 0) ||
        (page->author && (rc = png_text(out, "Author", page->author)) < 0) ||
        (page->copyright && (rc = png_text(out, "Copyright", page->copyright)) < 0) ||
        (page->desc && (rc = png_text(out, "Description", page->desc)) < 0)) {
      return rc;
    }
    rc = png_text(out, "Software", software);
  }
  return rc;
}

/* The signature and IHDR: where the metadata chunks are inserted. */
enum { PNG_HEAD_LEN = 8 + 25 };

static int png_finish(gz_target *t, const gz_page_info *page, unsigned char **out,
                      size_t *out_len) {
  gz_buf b = {0}, meta = {0}, all = {0};
  int rc;
  cairo_surface_flush(t->surface);
  if ((rc = gz_png_encode(t->pixels, page->width, page->height, t->stride, &b)) < 0) {
    free(b.data);
    return rc;
  }
  if (page->png_meta) {
    if ((rc = png_meta(&meta, page)) < 0 || (rc = gz_buf_reserve(&all, b.len + meta.len)) < 0 ||
        (rc = gz_buf_append(&all, b.data, PNG_HEAD_LEN)) < 0 ||
        (rc = gz_buf_append(&all, meta.data, meta.len)) < 0 ||
        (rc = gz_buf_append(&all, b.data + PNG_HEAD_LEN, b.len - PNG_HEAD_LEN)) < 0) {
      free(all.data);
      free(meta.data);
      free(b.data);
      return rc;
    }
    free(meta.data);
    free(b.data);
    b = all;
  }
  *out = b.data;
  *out_len = b.len;
  return 0;
}

const gz_writer gz_png_writer = {GAZMAP_FORMAT_PNG, "png", ".png", 1, png_surface_new, png_finish};
