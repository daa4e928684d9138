/* Fuzzes folding, skeletons and every lookup layer against the bundled
 * gazetteer.  The first byte picks the options (fuzzy, prefix, a kind or
 * country filter); the rest is the query, valid UTF-8 or not. */
#include "fuzz_target.h"

#include "gazmap/gazmap.h"

#include <stdlib.h>
#include <string.h>

static gazmap_gazetteer *bundled;
static gazmap_folder *folder;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[16];
  size_t n = 0, i, cap, folded_len = 0, skel_len = 0;
  char *folded, *skel;
  const char *q;
  int rc;

  if (!bundled && gazmap_gazetteer_open(&bundled, NULL) < 0) {
    abort(); /* run with GAZMAP_DATA_DIR set to a data dir */
  }
  if (!folder && gazmap_folder_new(&folder) < 0) {
    abort();
  }
  if (size < 1) {
    return 0;
  }
  o.fuzzy = data[0] & 1;
  o.prefix = (data[0] >> 1) & 1;
  o.stop_at_first_kind = (data[0] >> 2) & 1;
  if (data[0] & 8) {
    o.kinds = 1u << (data[0] >> 4) % GAZMAP_KIND_COUNT_;
  }
  if (data[0] & 0x80) {
    o.country = "AZ";
  }
  q = (const char *)data + 1;
  size--;

  rc = gazmap_lookup(bundled, q, size, &o, m, 16, &n);
  if (rc == 0) {
    for (i = 0; i < n; i++) {
      if (!m[i].place || m[i].kind == GAZMAP_MATCH_NONE || m[i].score < 0 || m[i].score > 1 ||
          (i > 0 && m[i].score > m[i - 1].score)) {
        abort(); /* results must be real, scored in 0..1 and sorted */
      }
    }
  }
  cap = 4 * size + 16;
  folded = malloc(cap);
  skel = malloc(cap);
  if (folded && skel && gazmap_fold(folder, q, size, folded, cap, &folded_len) == 0) {
    if (strlen(folded) != folded_len) {
      abort();
    }
    if (gazmap_skeleton(folded, folded_len, skel, cap, &skel_len) == 0 && skel_len > folded_len) {
      abort(); /* a skeleton never grows: fold.h promises cap len+1 suffices */
    }
  }
  free(folded);
  free(skel);
  return 0;
}
