/* The fuzzy layer of gazmap_lookup: a single-deletion index over the
 * distinct skeletons (SymSpell style), a sorted array of (hash of the
 * skeleton with one letter deleted, skeleton's name id).  A query's
 * deletions are looked up by binary search and each candidate is verified
 * with a bounded Levenshtein distance, so no skeleton is compared unless it
 * shares a deletion with the query.  Built by the first query that reaches
 * this layer. */
#include "match/layers.h"

#include "util/error.h"

#include <stdlib.h>
#include <string.h>

/* Skeletons shorter than this never match fuzzily: one edit in three
 * consonants is a different name.  (The folded letters must be near too:
 * lookup.c, FUZZY_LETTERS.) */
#define FUZZY_MIN 4
/* Skeletons this long or longer allow two edits. */
#define FUZZY_TWO 7
/* Fuzzy matching only considers skeletons up to this length. */
#define FUZZY_MAX 48

/* Levenshtein distance of a and b if it is at most `max`, else max + 1;
 * b at most GZ_EDIT_MAX bytes (longer: max + 1). */
int gz_bounded_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max) {
  int row[GZ_EDIT_MAX + 2];
  size_t i, j;
  if ((la > lb ? la - lb : lb - la) > (size_t)max || lb > GZ_EDIT_MAX) {
    return max + 1;
  }
  for (j = 0; j <= lb; j++) {
    row[j] = (int)j;
  }
  for (i = 1; i <= la; i++) {
    int diag = row[0], best;
    row[0] = (int)i;
    best = row[0];
    for (j = 1; j <= lb; j++) {
      int up = row[j];
      int v = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < v) {
        v = up + 1;
      }
      if (row[j - 1] + 1 < v) {
        v = row[j - 1] + 1;
      }
      row[j] = v;
      diag = up;
      if (v < best) {
        best = v;
      }
    }
    if (best > max) {
      return max + 1;
    }
  }
  return row[lb] <= max ? row[lb] : max + 1;
}

/* Hash of `s` (n bytes) with the byte at `skip` left out (skip >= n: none). */
static uint32_t hash_without(const char *s, size_t n, size_t skip) {
  char buf[FUZZY_MAX + 1];
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    if (i != skip) {
      buf[k++] = s[i];
    }
  }
  return gz_hash_bytes(buf, k);
}

/* Sorts `n` 64-bit keys by their upper 32 bits (LSD radix, 16 bits a pass),
 * using `tmp` of the same size. */
static void radix_sort_hi(uint64_t *a, uint64_t *tmp, size_t n) {
  int shift;
  for (shift = 32; shift < 64; shift += 16) {
    size_t count[65537] = {0};
    size_t i;
    for (i = 0; i < n; i++) {
      count[((a[i] >> shift) & 0xFFFF) + 1]++;
    }
    for (i = 1; i <= 65536; i++) {
      count[i] += count[i - 1];
    }
    for (i = 0; i < n; i++) {
      tmp[count[(a[i] >> shift) & 0xFFFF]++] = a[i];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
}

static int build_fuzzy(gazmap_gazetteer *g) {
  gz_index *ix = g->index;
  size_t i, total = 0, k = 0;
  uint64_t *tmp = NULL;
  int rc = 0;

  /* Each distinct skeleton is one slot of the skeleton table; the index
   * stores its chain's head. */
  for (i = 0; i <= ix->skel.mask; i++) {
    uint32_t head = ix->skel.slots[i].head;
    size_t slen = head ? strlen(ix->skelk[head - 1]) : 0;
    if (slen >= FUZZY_MIN && slen <= FUZZY_MAX) {
      total += slen + 1;
    }
  }
  ix->del = malloc((total ? total : 1) * sizeof *ix->del);
  tmp = malloc((total ? total : 1) * sizeof *tmp);
  if (!ix->del || !tmp) {
    /* Forget the half-built index: the next fuzzy query tries again. */
    free(ix->del);
    ix->del = NULL;
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory building the fuzzy index");
    goto done;
  }
  for (i = 0; i <= ix->skel.mask; i++) {
    uint32_t head = ix->skel.slots[i].head, id = head - 1;
    const char *s = head ? ix->skelk[id] : "";
    size_t slen = strlen(s), j;
    if (slen < FUZZY_MIN || slen > FUZZY_MAX) {
      continue;
    }
    ix->del[k++] = (uint64_t)ix->skel.slots[i].hash << 32 | id;
    for (j = 0; j < slen; j++) {
      ix->del[k++] = (uint64_t)hash_without(s, slen, j) << 32 | id;
    }
  }
  radix_sort_hi(ix->del, tmp, k);
  ix->ndel = k;
  ix->fuzzy_built = 1;
done:
  free(tmp);
  return rc;
}

int gz_fuzzy_ready(gazmap_gazetteer *g) {
  return g->index->fuzzy_built ? 0 : build_fuzzy(g);
}

/* Verifies every index entry with hash `h` against the query skeleton. */
static int fuzzy_probe(gazmap_gazetteer *g, const gazmap_lookup_opts *o, uint32_t h, const char *q,
                       size_t ql, int maxd) {
  gz_index *ix = g->index;
  size_t lo = 0, hi = ix->ndel;
  int rc;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((uint32_t)(ix->del[mid] >> 32) < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < ix->ndel && (uint32_t)(ix->del[lo] >> 32) == h; lo++) {
    uint32_t rep = (uint32_t)ix->del[lo];
    const char *s;
    size_t sl;
    int d;
    if (rep >= g->nnames) {
      continue; /* a corrupt compiled index */
    }
    s = gz_key_at(ix->skel_src, rep);
    sl = strlen(s);
    d = gz_bounded_levenshtein(q, ql, s, sl, maxd);
    if (d <= maxd) {
      gz_keyset ks = {&ix->skel, ix->skel_src, ix->fold_len, NULL};
      rc = gz_collect_chain(g, o, ks, rep + 1, GAZMAP_MATCH_FUZZY, d, 0);
      if (rc < 0) {
        return rc;
      }
    }
  }
  return 0;
}

int gz_fuzzy_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q, size_t ql) {
  int maxd = ql >= FUZZY_TWO ? 2 : 1;
  size_t i, j;
  int rc;
  if (ql < FUZZY_MIN || ql > FUZZY_MAX) {
    return 0;
  }
  if ((rc = gz_fuzzy_ready(g)) < 0) {
    return rc;
  }
  /* The query itself and its single deletions meet the index's skeletons
   * and their single deletions: every skeleton one edit away is found. */
  if ((rc = fuzzy_probe(g, o, gz_hash_bytes(q, ql), q, ql, maxd)) < 0) {
    return rc;
  }
  for (i = 0; i < ql; i++) {
    if (i > 0 && q[i] == q[i - 1]) {
      continue;
    }
    if ((rc = fuzzy_probe(g, o, hash_without(q, ql, i), q, ql, maxd)) < 0) {
      return rc;
    }
  }
  /* With two edits allowed, double deletions of the query find skeletons
   * two letters shorter, or one shorter with one letter changed. */
  if (maxd >= 2) {
    char buf[FUZZY_MAX + 1];
    for (i = 0; i < ql; i++) {
      size_t k = 0, m;
      for (m = 0; m < ql; m++) {
        if (m != i) {
          buf[k++] = q[m];
        }
      }
      for (j = i; j < k; j++) {
        if ((rc = fuzzy_probe(g, o, hash_without(buf, k, j), q, ql, maxd)) < 0) {
          return rc;
        }
      }
    }
  }
  return 0;
}
