/* Writing finished bytes to files atomically, and making cairo's SVG safe to
 * inline in HTML next to other maps. */
#define _GNU_SOURCE
#include "output_internal.h"

#include "error_internal.h"

#include <cairo.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int gz_buf_append(gz_buf *b, const void *data, size_t len) {
  if (b->failed) {
    return GAZMAP_ENOMEM;
  }
  if (len == 0 && b->data) {
    return 0;
  }
  if (b->cap - b->len < len + 1) {
    size_t cap = b->cap ? b->cap : 65536;
    unsigned char *nd;
    while (cap - b->len < len + 1) {
      cap *= 2;
    }
    nd = realloc(b->data, cap);
    if (!nd) {
      b->failed = 1;
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    b->data = nd;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, len);
  b->len += len;
  /* Keep the content NUL-terminated so text formats can be scanned. */
  b->data[b->len] = '\0';
  return 0;
}

int gz_buf_write(void *closure, const unsigned char *data, unsigned int length) {
  return gz_buf_append(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_NO_MEMORY;
}

static int write_all(int fd, const void *data, size_t len) {
  const unsigned char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -1;
    }
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int gz_write_atomic(const char *path, const void *data, size_t len) {
  char tmp[PATH_MAX];
  const char *slash;
  int fd = -1, rc = 0;

  if (!strcmp(path, "-")) {
    if (write_all(STDOUT_FILENO, data, len) < 0) {
      return gz_fail(GAZMAP_EIO, "<stdout>", 0, "cannot write: %s", strerror(errno));
    }
    return 0;
  }
  /* The temporary file sits in the target's directory so rename(2) stays on
   * one file system and is atomic. */
  slash = strrchr(path, '/');
  if (slash) {
    if (snprintf(tmp, sizeof tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1) >=
        (int)sizeof tmp) {
      return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
    }
  } else if (snprintf(tmp, sizeof tmp, ".%s.XXXXXX", path) >= (int)sizeof tmp) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
  }
  fd = mkstemp(tmp);
  if (fd < 0) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
  }
  /* mkstemp makes the file private; a map is an ordinary document. */
  if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write: %s", strerror(errno));
    goto done;
  }
  if (close(fd) < 0) {
    fd = -1;
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write: %s", strerror(errno));
    goto done;
  }
  fd = -1;
  if (rename(tmp, path) < 0) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
    goto done;
  }
done:
  if (fd >= 0) {
    close(fd);
  }
  if (rc < 0) {
    unlink(tmp);
  }
  return rc;
}

void gz_svg_prefix_from_path(const char *path, char *buf, size_t cap) {
  const char *base = path ? strrchr(path, '/') : NULL;
  const char *dot;
  size_t n = 0;

  if (cap == 0) {
    return;
  }
  base = base ? base + 1 : (path ? path : "");
  dot = strrchr(base, '.');
  if (!dot || dot == base) {
    dot = base + strlen(base);
  }
  /* ids must start with a letter to be valid XML names and CSS selectors. */
  if (cap > 1 && !((*base >= 'a' && *base <= 'z') || (*base >= 'A' && *base <= 'Z'))) {
    buf[n++] = 'm';
  }
  for (; base < dot && n + 2 < cap; base++) {
    char c = *base;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-';
    buf[n++] = ok ? c : '_';
  }
  if (n + 1 < cap) {
    buf[n++] = '-';
  }
  buf[n] = '\0';
}

static int append_str(gz_buf *b, const char *s) {
  return gz_buf_append(b, s, strlen(s));
}

static int append_escaped(gz_buf *b, const char *s) {
  for (; *s; s++) {
    const char *rep = NULL;
    int rc;
    switch (*s) {
    case '&':
      rep = "&amp;";
      break;
    case '<':
      rep = "&lt;";
      break;
    case '>':
      rep = "&gt;";
      break;
    case '"':
      rep = "&quot;";
      break;
    default:
      break;
    }
    rc = rep ? append_str(b, rep) : gz_buf_append(b, s, 1);
    if (rc < 0) {
      return rc;
    }
  }
  return 0;
}

/* The id-bearing constructs cairo writes; each is followed by the id itself,
 * ended by a quote or a parenthesis. */
static const char *const id_openers[] = {" id=\"", "href=\"#", "url(#"};

typedef struct id_entry {
  const char *name; /* points into the SVG text */
  size_t len;
  size_t index; /* order of definition */
} id_entry;

static int cmp_entry(const void *a, const void *b) {
  const id_entry *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->name, y->name, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static size_t id_len(const char *s, const char *end) {
  const char *p = s;
  while (p < end && *p != '"' && *p != ')') {
    p++;
  }
  return (size_t)(p - s);
}

/* Appends the new name of id `name`: the prefix, the letters of cairo's name
 * (so "glyph", "clip", "surface" stay readable) and its definition order.
 * cairo numbers some ids from process-wide counters; renumbering makes the
 * file the same however many maps the process drew before. */
static int append_new_id(gz_buf *b, const char *prefix, const id_entry *ids, size_t n,
                         const char *name, size_t len) {
  id_entry key = {name, len, 0};
  const id_entry *hit = bsearch(&key, ids, n, sizeof *ids, cmp_entry);
  char num[32];
  size_t i;
  int rc;
  if ((rc = append_str(b, prefix)) < 0) {
    return rc;
  }
  if (!hit) {
    /* A reference to an id the file does not define: keep it (prefixed). */
    return gz_buf_append(b, name, len);
  }
  for (i = 0; i < len && ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z'));
       i++) {
  }
  if ((rc = gz_buf_append(b, name, i)) < 0) {
    return rc;
  }
  snprintf(num, sizeof num, "%zu", hit->index);
  return append_str(b, num);
}

int gz_svg_finish(const char *svg, size_t len, const char *prefix, const char *title,
                  const char *desc, double width, double height, char **out, size_t *out_len) {
  gz_buf b = {0};
  const char *p = svg, *end = svg + len;
  const char *root = strstr(svg, "<svg");
  const char *root_end = root ? strchr(root, '>') : NULL;
  id_entry *ids = NULL;
  size_t n_ids = 0, cap_ids = 0;
  int rc = 0;
  char num[128];

  if (!root_end) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo wrote no <svg> element");
  }
  /* First pass: every defined id, in document order. */
  for (p = strstr(svg, id_openers[0]); p && p < end; p = strstr(p + 1, id_openers[0])) {
    const char *name = p + strlen(id_openers[0]);
    if (n_ids == cap_ids) {
      size_t cap = cap_ids ? cap_ids * 2 : 256;
      id_entry *ni = realloc(ids, cap * sizeof *ni);
      if (!ni) {
        rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
        goto done;
      }
      ids = ni;
      cap_ids = cap;
    }
    ids[n_ids] = (id_entry){name, id_len(name, end), n_ids};
    n_ids++;
  }
  if (n_ids) {
    qsort(ids, n_ids, sizeof *ids, cmp_entry);
  }
  /* Everything up to the end of the root start tag, plus a viewBox when
   * cairo did not write one (a viewBox lets the map scale in a page). */
  p = svg;
  if ((rc = gz_buf_append(&b, p, (size_t)(root_end - p))) < 0) {
    goto done;
  }
  if (!memmem(root, (size_t)(root_end - root), "viewBox", 7)) {
    snprintf(num, sizeof num, " viewBox=\"0 0 %g %g\"", width, height);
    if ((rc = append_str(&b, num)) < 0) {
      goto done;
    }
  }
  if ((rc = append_str(&b, ">\n<title>")) < 0 || (rc = append_escaped(&b, title)) < 0 ||
      (rc = append_str(&b, "</title>\n<desc>")) < 0 || (rc = append_escaped(&b, desc)) < 0 ||
      (rc = append_str(&b, "</desc>")) < 0) {
    goto done;
  }
  /* One pass over the rest: copy runs of text, rewriting the id after each
   * opener.  The openers start with ' ', 'h' or 'u', so most bytes are
   * rejected by one comparison. */
  p = root_end + 1;
  {
    const char *run = p;
    while (p < end) {
      size_t i, ol = 0, nl;
      if (*p == ' ' || *p == 'h' || *p == 'u') {
        for (i = 0; i < sizeof id_openers / sizeof id_openers[0]; i++) {
          size_t l = strlen(id_openers[i]);
          if ((size_t)(end - p) >= l && !memcmp(p, id_openers[i], l)) {
            ol = l;
            break;
          }
        }
      }
      if (!ol) {
        p++;
        continue;
      }
      nl = id_len(p + ol, end);
      if ((rc = gz_buf_append(&b, run, (size_t)(p - run) + ol)) < 0 ||
          (rc = append_new_id(&b, prefix, ids, n_ids, p + ol, nl)) < 0) {
        goto done;
      }
      p += ol + nl;
      run = p;
    }
    rc = gz_buf_append(&b, run, (size_t)(end - run));
  }
  if (rc < 0) {
    goto done;
  }
  *out = (char *)b.data;
  *out_len = b.len;
  b.data = NULL;
done:
  free(ids);
  free(b.data);
  return rc;
}

/* ---- PNG ------------------------------------------------------------------ */

static void crc_init(uint32_t table[256]) {
  uint32_t c, k;
  int i;
  for (k = 0; k < 256; k++) {
    c = k;
    for (i = 0; i < 8; i++) {
      c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    table[k] = c;
  }
}

static uint32_t crc32_update(const uint32_t table[256], uint32_t crc, const unsigned char *p,
                             size_t n) {
  size_t i;
  crc = ~crc;
  for (i = 0; i < n; i++) {
    crc = table[(crc ^ p[i]) & 255] ^ (crc >> 8);
  }
  return ~crc;
}

static uint32_t adler32(const unsigned char *p, size_t n) {
  uint32_t a = 1, b = 0;
  while (n > 0) {
    /* 5552 is the longest run before b can overflow 32 bits (zlib's NMAX). */
    size_t k = n < 5552 ? n : 5552, i;
    for (i = 0; i < k; i++) {
      a += p[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
    p += k;
    n -= k;
  }
  return b << 16 | a;
}

static void put_be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

static int png_chunk(gz_buf *out, const uint32_t crc_table[256], const char *type,
                     const unsigned char *data, size_t len) {
  unsigned char head[8], tail[4];
  uint32_t crc;
  int rc;
  put_be32(head, (uint32_t)len);
  memcpy(head + 4, type, 4);
  crc = crc32_update(crc_table, 0, head + 4, 4);
  crc = crc32_update(crc_table, crc, data, len);
  put_be32(tail, crc);
  if ((rc = gz_buf_append(out, head, 8)) < 0 || (rc = gz_buf_append(out, data, len)) < 0) {
    return rc;
  }
  return gz_buf_append(out, tail, 4);
}

/* Deflate with the fixed Huffman codes of RFC 1951, section 3.2.6. */
typedef struct bits {
  unsigned char *p;
  uint64_t acc;
  int n;
} bits;

static void put_bits(bits *b, uint32_t v, int n) {
  b->acc |= (uint64_t)v << b->n;
  b->n += n;
  while (b->n >= 8) {
    *b->p++ = (unsigned char)b->acc;
    b->acc >>= 8;
    b->n -= 8;
  }
}

static uint32_t reverse_bits(uint32_t v, int n) {
  uint32_t r = 0;
  int i;
  for (i = 0; i < n; i++) {
    r = r << 1 | (v >> i & 1);
  }
  return r;
}

static const unsigned short len_base[29] = {3,  4,  5,  6,   7,   8,   9,   10,  11, 13,
                                            15, 17, 19, 23,  27,  31,  35,  43,  51, 59,
                                            67, 83, 99, 115, 131, 163, 195, 227, 258};
static const unsigned char len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                            2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const unsigned short dist_base[30] = {
    1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const unsigned char dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                             6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

typedef struct fixed_codes {
  uint32_t lit[288]; /* bit-reversed code */
  unsigned char lit_len[288];
  uint32_t dist[30];
} fixed_codes;

static void fixed_init(fixed_codes *fc) {
  int s;
  for (s = 0; s < 288; s++) {
    uint32_t code;
    int n;
    if (s < 144) {
      code = 0x30u + (uint32_t)s, n = 8;
    } else if (s < 256) {
      code = 0x190u + (uint32_t)(s - 144), n = 9;
    } else if (s < 280) {
      code = (uint32_t)(s - 256), n = 7;
    } else {
      code = 0xC0u + (uint32_t)(s - 280), n = 8;
    }
    fc->lit[s] = reverse_bits(code, n);
    fc->lit_len[s] = (unsigned char)n;
  }
  for (s = 0; s < 30; s++) {
    fc->dist[s] = reverse_bits((uint32_t)s, 5);
  }
}

static void put_match(bits *b, const fixed_codes *fc, int len, int dist) {
  int l = 28, d = 29;
  while (len_base[l] > len) {
    l--;
  }
  put_bits(b, fc->lit[257 + l], fc->lit_len[257 + l]);
  put_bits(b, (uint32_t)(len - len_base[l]), len_extra[l]);
  while (dist_base[d] > dist) {
    d--;
  }
  put_bits(b, fc->dist[d], 5);
  put_bits(b, (uint32_t)(dist - dist_base[d]), dist_extra[d]);
}

#define HASH_BITS 15
#define WINDOW 32768
#define MAX_MATCH 258

/* Greedy LZ77 over `in`, into `out` (room for n * 9 / 8 + 64 bytes). */
static size_t deflate_fixed(const unsigned char *in, size_t n, unsigned char *out, int32_t *head) {
  fixed_codes fc;
  bits b = {out, 0, 0};
  size_t i = 0;

  fixed_init(&fc);
  memset(head, 0xff, sizeof *head << HASH_BITS);
  put_bits(&b, 1, 1); /* BFINAL */
  put_bits(&b, 1, 2); /* BTYPE 01: fixed codes */
  while (i < n) {
    int best = 0;
    size_t cand = 0;
    if (i + 3 <= n) {
      uint32_t h = ((uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2]) * 2654435761u >>
                   (32 - HASH_BITS);
      int32_t prev = head[h];
      head[h] = (int32_t)i;
      /* Runs of one byte (filtered flat areas) match at distance 1 more
       * often than the hash remembers; try it first. */
      if (i > 0 && in[i - 1] == in[i] && in[i] == in[i + 1] && in[i + 1] == in[i + 2]) {
        cand = i - 1;
        best = 1;
      } else if (prev >= 0 && i - (size_t)prev <= WINDOW && in[prev] == in[i] &&
                 in[prev + 1] == in[i + 1] && in[prev + 2] == in[i + 2]) {
        cand = (size_t)prev;
        best = 1;
      }
      if (best) {
        size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH, len = 3;
        while (len < max && in[cand + len] == in[i + len]) {
          len++;
        }
        put_match(&b, &fc, (int)len, (int)(i - cand));
        i += len;
        continue;
      }
    }
    put_bits(&b, fc.lit[in[i]], fc.lit_len[in[i]]);
    i++;
  }
  put_bits(&b, fc.lit[256], fc.lit_len[256]);
  if (b.n > 0) {
    put_bits(&b, 0, 8 - b.n);
  }
  return (size_t)(b.p - out);
}

void *gz_pages_alloc(size_t size) {
  void *p =
      mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  return p == MAP_FAILED ? NULL : p;
}

void gz_pages_free(void *p, size_t size) {
  if (p) {
    munmap(p, size);
  }
}

int gz_png_encode(unsigned char *pixels, int width, int height, int stride, gz_buf *out) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  size_t row = 1 + 3 * (size_t)width, raw_len = row * (size_t)height, z_len;
  unsigned char *raw = pixels, *cur = malloc(row), *prev = calloc(1, row), *z = NULL, ihdr[13];
  int32_t *head = malloc(sizeof *head << HASH_BITS);
  uint32_t crc_table[256];
  int rc = 0, y, x;

  crc_init(crc_table);
  /* Only the pages the compressed data reaches are ever touched. */
  z = malloc(raw_len + raw_len / 8 + 64 + 6);
  if (!cur || !prev || !head || !z || (size_t)stride < row) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (y = 0; y < height; y++) {
    const uint32_t *px = (const uint32_t *)(const void *)(pixels + (size_t)y * (size_t)stride);
    unsigned char *dst, *tmp;
    size_t i;
    for (x = 0; x < width; x++) {
      cur[1 + 3 * x] = (unsigned char)(px[x] >> 16);
      cur[2 + 3 * x] = (unsigned char)(px[x] >> 8);
      cur[3 + 3 * x] = (unsigned char)px[x];
    }
    /* Row y of filtered data ends before row y + 1 of pixels begins
     * (row <= stride), so it can take the place of pixels already read.
     * Up for every row but the first (Sub): flat areas become zeros. */
    dst = raw + (size_t)y * row;
    if (y == 0) {
      dst[0] = 1;
      for (i = 1; i < row; i++) {
        dst[i] = (unsigned char)(cur[i] - (i > 3 ? cur[i - 3] : 0));
      }
    } else {
      dst[0] = 2;
      for (i = 1; i < row; i++) {
        dst[i] = (unsigned char)(cur[i] - prev[i]);
      }
    }
    tmp = prev, prev = cur, cur = tmp;
  }
  z[0] = 0x78; /* zlib: deflate, 32K window */
  z[1] = 0x01; /* fastest level; 0x7801 is a multiple of 31 */
  z_len = 2 + deflate_fixed(raw, raw_len, z + 2, head);
  put_be32(z + z_len, adler32(raw, raw_len));
  z_len += 4;
  put_be32(ihdr, (uint32_t)width);
  put_be32(ihdr + 4, (uint32_t)height);
  ihdr[8] = 8;  /* bits per sample */
  ihdr[9] = 2;  /* RGB */
  ihdr[10] = 0; /* deflate */
  ihdr[11] = 0; /* adaptive filtering */
  ihdr[12] = 0; /* no interlace */
  if ((rc = gz_buf_append(out, sig, 8)) < 0 ||
      (rc = png_chunk(out, crc_table, "IHDR", ihdr, 13)) < 0 ||
      (rc = png_chunk(out, crc_table, "IDAT", z, z_len)) < 0 ||
      (rc = png_chunk(out, crc_table, "IEND", ihdr, 0)) < 0) {
    goto done;
  }
done:
  free(head);
  free(z);
  free(prev);
  free(cur);
  return rc;
}
