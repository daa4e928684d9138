/* Fuzzes the gazetteer loaders (gazmap TSV and GeoNames dumps, detected from
 * the content) and the checker.  The first byte picks what else to exercise
 * once a file loads: a lookup of every place's own names, or a near query. */
#define _GNU_SOURCE
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  gazmap_gazetteer *g = NULL;
  int fd, problems = 0;
  unsigned mode;

  if (size < 1) {
    return 0;
  }
  mode = data[0];
  /* The loaders take paths; an anonymous memory file gives them one. */
  fd = memfd_create("gazmap-fuzz", 0);
  if (fd < 0) {
    return 0;
  }
  if (write(fd, data + 1, size - 1) != (ssize_t)(size - 1)) {
    close(fd);
    return 0;
  }
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);

  if (gazmap_gazetteer_check(path, fuzz_count_problem, &problems) < 0 && problems) {
    abort(); /* a file that cannot be read at all must report no problems */
  }
  if (gazmap_gazetteer_open(&g, path) == 0) {
    size_t i, n = gazmap_gazetteer_count(g);
    for (i = 0; i < n && i < 64; i++) {
      const gazmap_place *p = gazmap_gazetteer_at(g, i);
      gazmap_match m[4];
      size_t got = 0;
      gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
      const char *name = gazmap_place_name(p);
      o.prefix = mode & 1;
      if (mode & 2) {
        const gazmap_place *near[3];
        double km[3];
        size_t k = 0;
        gazmap_near(g, gazmap_place_lat(p), gazmap_place_lon(p), 0, near, km, 3, &k);
      }
      /* Every place must be found again by its own canonical name. */
      if (gazmap_lookup(g, name, strlen(name), &o, m, 4, &got) == 0 && got == 0 && *name) {
        abort();
      }
    }
    gazmap_gazetteer_free(g);
  }
  close(fd);
  return 0;
}
