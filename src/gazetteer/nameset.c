/* A set of strings for deduplicating the names of one place at a time
 * (gazetteer_internal.h).  Slots carry the generation that wrote them, so
 * that starting on the next place costs nothing, and the table doubles when
 * half full, so that a place with 300,000 alternate names costs 300,000
 * probes, not 300,000 squared comparisons. */
#include "gazetteer/gazetteer_internal.h"
#include "util/hashtab.h"

#include <stdlib.h>
#include <string.h>

struct gz_nameset_slot {
  uint32_t gen, hash, value;
  const char *text;
};

enum { FIRST_SLOTS = 64 };

int gz_nameset_reset(gz_nameset *s) {
  if (!s->slots) {
    s->slots = calloc(FIRST_SLOTS, sizeof *s->slots);
    if (!s->slots) {
      return -1;
    }
    s->mask = FIRST_SLOTS - 1;
  }
  s->count = 0;
  if (++s->gen == 0) {
    /* Wrapped after four billion places: clear the stamps once. */
    memset(s->slots, 0, (s->mask + 1) * sizeof *s->slots);
    s->gen = 1;
  }
  return 0;
}

/* Doubles the table, keeping the current generation's strings. */
static int grow(gz_nameset *s) {
  size_t n = (s->mask + 1) * 2, i;
  struct gz_nameset_slot *ns = calloc(n, sizeof *ns);
  if (!ns) {
    return -1;
  }
  for (i = 0; i <= s->mask; i++) {
    if (s->slots[i].gen == s->gen) {
      size_t j = s->slots[i].hash & (n - 1);
      while (ns[j].gen == s->gen) {
        j = (j + 1) & (n - 1);
      }
      ns[j] = s->slots[i];
    }
  }
  free(s->slots);
  s->slots = ns;
  s->mask = n - 1;
  return 0;
}

int gz_nameset_add(gz_nameset *s, const char *text, uint32_t value, uint32_t *found) {
  size_t len = strlen(text), i;
  uint32_t h;
  if ((s->count + 1) * 2 > s->mask + 1 && grow(s) < 0) {
    return -1;
  }
  h = gz_hash_bytes(text, len);
  for (i = h & s->mask; s->slots[i].gen == s->gen; i = (i + 1) & s->mask) {
    if (s->slots[i].hash == h && !strcmp(s->slots[i].text, text)) {
      if (found) {
        *found = s->slots[i].value;
      }
      return 1;
    }
  }
  s->slots[i].gen = s->gen;
  s->slots[i].hash = h;
  s->slots[i].value = value;
  s->slots[i].text = text;
  s->count++;
  return 0;
}

int gz_nameset_get(const gz_nameset *s, const char *text, uint32_t *value) {
  uint32_t h = gz_hash_bytes(text, strlen(text));
  size_t i;
  if (!s->slots) {
    return 0;
  }
  for (i = h & s->mask; s->slots[i].gen == s->gen; i = (i + 1) & s->mask) {
    if (s->slots[i].hash == h && !strcmp(s->slots[i].text, text)) {
      *value = s->slots[i].value;
      return 1;
    }
  }
  return 0;
}

void gz_nameset_free(gz_nameset *s) {
  free(s->slots);
  s->slots = NULL;
  s->mask = s->count = 0;
}
