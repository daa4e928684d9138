/* Fuzzes the GeoNames loader with its alternate-names table through the
 * public API (gazmap_gazetteer_load_geonames), and looks up every name it
 * loads (fuzz_geonames.c fuzzes the loaders and the layering).  Input layout: byte 0 holds
 * flags (bit 0: load an alternate-names table, bit 1: prefix lookups),
 * bytes 1-2 the length of the dump (little-endian, cut to what is there);
 * the dump follows, and the rest is the alternate-names table.  A loaded
 * gazetteer has every place's names looked up, which must find the place. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* An anonymous memory file holding `len` bytes, its path in path[cap];
 * the descriptor, or -1. */
static int memory_file(const uint8_t *data, size_t len, char *path, size_t cap) {
  int fd = memfd_create("gazmap-fuzz", 0);
  if (fd < 0) {
    return -1;
  }
  if (len && write(fd, data, len) != (ssize_t)len) {
    close(fd);
    return -1;
  }
  snprintf(path, cap, "/proc/self/fd/%d", fd);
  return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char dump[64], alt[64];
  gazmap_gazetteer *g = NULL;
  size_t n_dump, i, n;
  int fd_dump, fd_alt = -1;
  unsigned flags;

  if (size < 3) {
    return 0;
  }
  flags = data[0];
  n_dump = (size_t)data[1] | (size_t)data[2] << 8;
  data += 3;
  size -= 3;
  if (n_dump > size) {
    n_dump = size;
  }
  if ((fd_dump = memory_file(data, n_dump, dump, sizeof dump)) < 0) {
    return 0;
  }
  if ((flags & 1) && (fd_alt = memory_file(data + n_dump, size - n_dump, alt, sizeof alt)) < 0) {
    close(fd_dump);
    return 0;
  }
  if (gazmap_gazetteer_load_geonames(&g, dump, fd_alt >= 0 ? alt : NULL) == 0) {
    n = gazmap_gazetteer_count(g);
    for (i = 0; i < n && i < 64; i++) {
      const gazmap_place *p = gazmap_gazetteer_at(g, i);
      size_t k, got = 0;
      for (k = 0; k < gazmap_place_name_count(p) && k < 8; k++) {
        const gazmap_name *nm = gazmap_place_name_at(p, k);
        gazmap_match m[64];
        gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
        o.prefix = (flags >> 1) & 1;
        got = 0;
        /* Errors (a name that is not valid UTF-8, say) are answers too. */
        gazmap_lookup(g, nm->text, strlen(nm->text), &o, m, 64, &got);
        (void)gazmap_place_name_in(p, nm->lang);
      }
      (void)got;
    }
    gazmap_gazetteer_free(g);
  }
  close(fd_dump);
  if (fd_alt >= 0) {
    close(fd_alt);
  }
  return 0;
}
