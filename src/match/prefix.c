/* The prefix layer of gazmap_lookup (autocompletion): a binary search in
 * the names sorted by folded key, built by the first prefix query. */
#include "match/layers.h"

#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A folded key with its first 8 bytes as a big-endian number, so that most
 * comparisons while sorting need no string access. */
typedef struct keyed {
  uint64_t head;
  const char *key;
  uint32_t id;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  int c;
  if (x->head != y->head) {
    return x->head < y->head ? -1 : 1;
  }
  c = strcmp(x->key, y->key);
  return c ? c : (x->id > y->id) - (x->id < y->id);
}

static uint64_t key_head(const char *k) {
  uint64_t h = 0;
  int i;
  for (i = 0; i < 8; i++) {
    h = h << 8 | (unsigned char)*k;
    k += *k != '\0';
  }
  return h;
}

static int build_prefix(gazmap_gazetteer *g) {
  gz_index *ix = g->index;
  keyed *tmp = NULL;
  size_t i, k = 0;
  int rc = 0;
  ix->sorted = malloc((g->nnames ? g->nnames : 1) * sizeof *ix->sorted);
  tmp = malloc((g->nnames ? g->nnames : 1) * sizeof *tmp);
  if (!ix->sorted || !tmp) {
    free(ix->sorted);
    ix->sorted = NULL;
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory building the prefix index");
    goto done;
  }
  for (i = 0; i < g->nnames; i++) {
    if (ix->fold_len[i]) {
      tmp[k].head = key_head(ix->fold[i]);
      tmp[k].key = ix->fold[i];
      tmp[k].id = (uint32_t)i;
      k++;
    }
  }
  qsort(tmp, k, sizeof *tmp, cmp_keyed);
  for (i = 0; i < k; i++) {
    ix->sorted[i] = tmp[i].id;
  }
  ix->nsorted = k;
  ix->prefix_built = 1;
done:
  free(tmp);
  return rc;
}

/* Prefix matches are capped: autocompletion wants the first few hundred. */
#define PREFIX_MAX 1000

int gz_prefix_ready(gazmap_gazetteer *g) {
  return g->index->prefix_built ? 0 : build_prefix(g);
}

/* The folded key of sorted entry i ("" for a number beyond the names, in a
 * corrupt compiled index). */
static const char *sorted_key(const gazmap_gazetteer *g, const gz_index *ix, size_t i) {
  uint32_t id = ix->sorted[i];
  return id < g->nnames ? gz_key_at(ix->fold_src, id) : "";
}

int gz_prefix_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q, size_t ql) {
  gz_index *ix = g->index;
  size_t lo = 0, hi, seen = 0;
  int rc;
  if ((rc = gz_prefix_ready(g)) < 0) {
    return rc;
  }
  hi = ix->nsorted;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(sorted_key(g, ix, mid), q) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < ix->nsorted && seen < PREFIX_MAX; lo++, seen++) {
    uint32_t id = ix->sorted[lo];
    if (strncmp(sorted_key(g, ix, lo), q, ql) != 0) {
      break;
    }
    if ((rc = gz_collect(g, o, id, GAZMAP_MATCH_PREFIX, 0)) < 0) {
      return rc;
    }
  }
  return 0;
}
