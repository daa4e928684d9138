/* Fuzzes the GeoNames loaders: the `geoname` table and the alternateNamesV2
 * table joined to it, and stacking the result under the bundled gazetteer.
 * The input is a mode byte, the geoname rows, and optionally a 0x1E byte
 * followed by the alternate names.  Mode bit 0 stacks the dump under the
 * bundled data (gazmap_gazetteer_open_layers) instead of loading it alone;
 * bit 1 limits the import to Armenia and Georgia, bit 2 to populated
 * places. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* An anonymous memory file holding `n` bytes, its path in `path`; -1 on
 * failure. */
static int memfile(const uint8_t *data, size_t n, char *path, size_t cap) {
  int fd = memfd_create("gazmap-fuzz", 0);
  if (fd < 0) {
    return -1;
  }
  if (n && write(fd, data, n) != (ssize_t)n) {
    close(fd);
    return -1;
  }
  snprintf(path, cap, "/proc/self/fd/%d", fd);
  return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char gpath[64], apath[64];
  const uint8_t *sep;
  size_t glen;
  gazmap_gazetteer *g = NULL;
  int gfd, afd = -1, rc;
  unsigned mode;

  if (size < 1) {
    return 0;
  }
  mode = data[0];
  data++;
  size--;
  sep = memchr(data, 0x1E, size);
  glen = sep ? (size_t)(sep - data) : size;
  gfd = memfile(data, glen, gpath, sizeof gpath);
  if (gfd < 0) {
    return 0;
  }
  if (sep) {
    afd = memfile(sep + 1, size - glen - 1, apath, sizeof apath);
    if (afd < 0) {
      close(gfd);
      return 0;
    }
  }
  if (mode & 1) {
    gazmap_layers_opts o = GAZMAP_LAYERS_OPTS_INIT;
    const char *files[1] = {gpath}, *alts[1] = {apath};
    o.files = files;
    o.nfiles = 1;
    o.altnames = alts;
    o.naltnames = sep ? 1 : 0;
    o.countries = mode & 2 ? "AM,GE" : NULL;
    o.classes = mode & 4 ? GAZMAP_CLASS_POPULATED : 0;
    rc = gazmap_gazetteer_open_layers(&g, &o);
  } else {
    rc = gazmap_gazetteer_load_geonames(&g, gpath, sep ? apath : NULL);
  }
  if (rc == 0) {
    size_t i, n = gazmap_gazetteer_count(g);
    /* The dump's places come last when stacked: try the last 64. */
    for (i = n > 64 ? n - 64 : 0; i < n; i++) {
      const gazmap_place *p = gazmap_gazetteer_at(g, i);
      const char *name = gazmap_place_name(p);
      gazmap_lookup_opts lo = GAZMAP_LOOKUP_OPTS_INIT;
      gazmap_match m[4];
      size_t got = 0;
      /* Every place is found again by its own name, in whatever layer. */
      if (gazmap_lookup(g, name, strlen(name), &lo, m, 4, &got) == 0 && got == 0 && *name) {
        abort();
      }
    }
    gazmap_gazetteer_free(g);
  } else if (g) {
    abort(); /* a failed load hands out nothing */
  }
  close(gfd);
  if (afd >= 0) {
    close(afd);
  }
  return 0;
}
