/* The generic hash table (util/hashtab.h). */
#include "util/hashtab.h"

#include "gazmap/error.h"

#include <stdlib.h>
#include <string.h>

uint32_t gz_hash_bytes(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) {
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  }
  /* A final mix: FNV's low bits are weak for short keys. */
  h ^= h >> 15;
  h *= 0x2c1b3c6dU;
  h ^= h >> 12;
  return h;
}

int gz_hashtab_init(gz_hashtab *t, size_t n) {
  size_t cap = 16;
  while (cap < n * 2) {
    cap *= 2;
  }
  t->slots = calloc(cap, sizeof *t->slots);
  t->next = calloc(n ? n : 1, sizeof *t->next);
  t->mask = cap - 1;
  t->n = n;
  t->borrowed = 0;
  return t->slots && t->next ? 0 : GAZMAP_ENOMEM;
}

void gz_hashtab_put(gz_hashtab *t, uint32_t h, uint32_t id, const char *key, gz_keysrc src) {
  size_t i = h & t->mask;
  while (t->slots[i].head) {
    if (t->slots[i].hash == h && !strcmp(gz_key_at(src, t->slots[i].head - 1), key)) {
      t->next[id] = t->slots[i].head;
      t->slots[i].head = id + 1;
      return;
    }
    i = (i + 1) & t->mask;
  }
  t->slots[i].hash = h;
  t->slots[i].head = id + 1;
}

uint32_t gz_hashtab_get(const gz_hashtab *t, const char *key, size_t n, gz_keysrc src) {
  uint32_t h = gz_hash_bytes(key, n);
  size_t i = h & t->mask, probes;
  /* At most every slot once: a mapped table may have no empty one. */
  for (probes = 0; probes <= t->mask && t->slots[i].head; probes++) {
    if (t->slots[i].head > t->n) {
      return 0; /* an entry the table does not have: a corrupt table */
    }
    if (t->slots[i].hash == h) {
      const char *k = gz_key_at(src, t->slots[i].head - 1);
      size_t j = 0;
      /* Not memcmp: a stored key shorter than n (a hash collision, or a
       * corrupt index's key read as "") must not be read past its NUL. */
      while (j < n && k[j] && k[j] == key[j]) {
        j++;
      }
      if (j == n && k[n] == '\0') {
        return t->slots[i].head;
      }
    }
    i = (i + 1) & t->mask;
  }
  return 0;
}

void gz_hashtab_free(gz_hashtab *t) {
  if (!t->borrowed) {
    free(t->slots);
    free(t->next);
  }
  t->slots = NULL;
  t->next = NULL;
}
