/* Mentions -> map highlights: the one aggregation behind `find --render`
 * and `report` (see gazmap/report.h for the semantics).
 *
 * A set is a growing array of highlights plus an open-addressing table of
 * indices into it, keyed by the place pointer, so adding a mention costs
 * O(1) whatever the length of the text and memory grows with the distinct
 * places only (at most the gazetteer), never with the input. */
#include "gazmap/report.h"
#include "util/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct gazmap_highlight_set {
  gazmap_highlight *items;
  size_t n, cap;
  size_t *slots; /* index + 1 into items; 0 = empty; nslots a power of two */
  size_t nslots;
  int sorted; /* items are in the documented order (and slots are stale) */
};

static size_t slot_of(const gazmap_highlight_set *s, const gazmap_place *p) {
  /* Places are allocated structs: the low bits of their address carry no
   * information, the multiply spreads the rest. */
  uint64_t h = ((uint64_t)(uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull;
  size_t i = (size_t)(h >> 32) & (s->nslots - 1);
  while (s->slots[i] && s->items[s->slots[i] - 1].place != p) {
    i = (i + 1) & (s->nslots - 1);
  }
  return i;
}

/* (Re)builds the slot table for the items, with room to grow. */
static int rehash(gazmap_highlight_set *s, size_t nslots) {
  size_t *slots = calloc(nslots, sizeof *slots), i;
  if (!slots) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  free(s->slots);
  s->slots = slots;
  s->nslots = nslots;
  for (i = 0; i < s->n; i++) {
    s->slots[slot_of(s, s->items[i].place)] = i + 1;
  }
  return 0;
}

int gazmap_highlight_set_new(gazmap_highlight_set **out) {
  gazmap_highlight_set *s = calloc(1, sizeof *s);
  *out = NULL;
  if (!s || rehash(s, 64) < 0) {
    free(s);
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  *out = s;
  return 0;
}

int gazmap_highlight_set_add(gazmap_highlight_set *s, const gazmap_place *place) {
  size_t i;
  int rc;
  if (!place) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "a mention without a place");
  }
  if (s->sorted && (rc = rehash(s, s->nslots)) < 0) {
    return rc;
  }
  s->sorted = 0;
  i = slot_of(s, place);
  if (s->slots[i]) {
    s->items[s->slots[i] - 1].weight += 1;
    return 0;
  }
  if (s->n == s->cap) {
    size_t cap = s->cap ? 2 * s->cap : 32;
    gazmap_highlight *items = realloc(s->items, cap * sizeof *items);
    if (!items) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    s->items = items;
    s->cap = cap;
  }
  s->items[s->n].place = place;
  s->items[s->n].weight = 1;
  s->n++;
  s->slots[i] = s->n;
  /* Keep the table at most half full, so probes stay short. */
  if (2 * s->n > s->nslots) {
    return rehash(s, 2 * s->nslots);
  }
  return 0;
}

static int cmp_highlight(const void *a, const void *b) {
  const gazmap_highlight *x = a, *y = b;
  if (x->weight != y->weight) {
    return x->weight > y->weight ? -1 : 1;
  }
  return strcmp(gazmap_place_id(x->place), gazmap_place_id(y->place));
}

void gazmap_highlight_set_get(gazmap_highlight_set *s, const gazmap_highlight **out, size_t *n) {
  /* No qsort of an empty set: its array may still be NULL, which qsort
   * must not be given (UBSan says so). */
  if (!s->sorted && s->n > 1) {
    qsort(s->items, s->n, sizeof *s->items, cmp_highlight);
  }
  s->sorted = 1;
  *out = s->items;
  *n = s->n;
}

void gazmap_highlight_set_free(gazmap_highlight_set *s) {
  if (s) {
    free(s->items);
    free(s->slots);
    free(s);
  }
}

int gazmap_highlights_from_mentions(const gazmap_report_mention *mentions, size_t n,
                                    gazmap_highlight **out, size_t *nout) {
  gazmap_highlight_set *s = NULL;
  const gazmap_highlight *h;
  size_t i, nh;
  int rc;

  *out = NULL;
  *nout = 0;
  if ((rc = gazmap_highlight_set_new(&s)) < 0) {
    return rc;
  }
  for (i = 0; i < n; i++) {
    if ((rc = gazmap_highlight_set_add(s, mentions[i].place)) < 0) {
      goto done;
    }
  }
  gazmap_highlight_set_get(s, &h, &nh);
  /* Hand the set's own array over rather than copying it. */
  *out = s->items;
  *nout = nh;
  s->items = NULL;
  if (!*out) {
    /* No mention: still a valid (empty) array the caller may free. */
    *out = malloc(sizeof **out);
    if (!*out) {
      rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
  }
done:
  gazmap_highlight_set_free(s);
  return rc;
}
