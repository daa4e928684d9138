/* Fuzzes the compiled index (gazetteer/load_index.c): opening, checking, and
 * reading places, names, lookups and near from whatever the file holds.
 * The first byte picks the options: bit 0 prefix lookups, bit 1 near
 * queries, bit 2 rewrites the header's checksum after the input was
 * mutated and bit 3 the sections' too, so that mutations get past the
 * checks at open and `check` into the sections themselves (which must then
 * be read safely: wrong answers at worst, never a crash or a hang). */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <isa-l/crc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The header layout of src/gazetteer/index_format.h, as a reader of the
 * file sees it. */
#define HDR_SIZE 120
#define HDR_NSECTIONS 20
#define HDR_CRC 32
#define SEC_SIZE 24

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p) {
  return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void wr32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)v;
  p[1] = (unsigned char)(v >> 8);
  p[2] = (unsigned char)(v >> 16);
  p[3] = (unsigned char)(v >> 24);
}

/* Makes the checksums of a mutated file right again (bit 3: the sections'
 * first, since the header's covers the section table). */
static void fix_checksums(unsigned char *d, size_t n, unsigned mode) {
  uint32_t ns, i;
  size_t tab;
  if (n < HDR_SIZE) {
    return;
  }
  ns = rd32(d + HDR_NSECTIONS);
  tab = HDR_SIZE + (size_t)ns * SEC_SIZE;
  if (ns > 64 || tab > n) {
    return;
  }
  for (i = 0; (mode & 8) && i < ns; i++) {
    unsigned char *s = d + HDR_SIZE + (size_t)i * SEC_SIZE;
    uint64_t off = rd64(s + 8), size = rd64(s + 16);
    if (off <= n && size <= n - off) {
      wr32(s + 4, crc32_gzip_refl(0, d + off, size));
    }
  }
  wr32(d + HDR_CRC, 0);
  wr32(d + HDR_CRC, crc32_gzip_refl(0, d, tab));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  gazmap_gazetteer *g = NULL;
  unsigned char *copy;
  int fd, problems = 0;
  unsigned mode;

  if (size < 1) {
    return 0;
  }
  mode = data[0];
  if (!(copy = malloc(size))) {
    return 0;
  }
  memcpy(copy, data + 1, size - 1);
  if (mode & 4) {
    fix_checksums(copy, size - 1, mode);
  }
  /* The loader maps a path; an anonymous memory file gives it one. */
  fd = memfd_create("gazmap-fuzz-index", 0);
  if (fd < 0 || write(fd, copy, size - 1) != (ssize_t)(size - 1)) {
    if (fd >= 0) {
      close(fd);
    }
    free(copy);
    return 0;
  }
  free(copy);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

  if (gazmap_gazetteer_check(path, fuzz_count_problem, &problems) < 0 && problems) {
    abort(); /* a file that cannot be read at all must report no problems */
  }
  if (gazmap_gazetteer_open(&g, path) == 0) {
    size_t i, k, n = gazmap_gazetteer_count(g);
    gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
    o.prefix = mode & 1;
    o.stop_at_first_kind = 0;
    for (i = 0; i < n && i < 64; i++) {
      const gazmap_place *p = gazmap_gazetteer_at(g, i);
      gazmap_match m[4];
      size_t got = 0;
      const char *name = gazmap_place_name(p);
      if (mode & 2) {
        const gazmap_place *near[3];
        double km[3];
        gazmap_near(g, gazmap_place_lat(p), gazmap_place_lon(p), 0, near, km, 3, &got);
      }
      gazmap_lookup(g, name, strlen(name), &o, m, 4, &got);
      for (k = 0; k < got; k++) {
        /* Every match is a readable place with a readable name. */
        if (!gazmap_place_id(m[k].place) || !m[k].name->text) {
          abort();
        }
      }
      gazmap_gazetteer_find_id(g, gazmap_place_id(p));
      for (k = 0; k < gazmap_place_name_count(p); k++) {
        const gazmap_name *nm = gazmap_place_name_at(p, k);
        if (!nm->text || !nm->lang || !nm->usage) {
          abort();
        }
      }
    }
    gazmap_gazetteer_free(g);
  }
  close(fd);
  return 0;
}
