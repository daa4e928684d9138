/* Private: the generic hash table of the library, over keys that live in the
 * caller's own records.
 *
 * Open addressing over distinct keys: each slot holds a key's hash and the
 * first entry (entry id + 1, 0 = empty) with that key; entries sharing a key
 * are chained through `next`.  Keeping duplicates out of the probe sequence
 * keeps probes short however many entries share a key.  The table stores no
 * key bytes: it reads entry `id`'s key from a gz_keysrc, a NUL-terminated
 * `const char *` field of an array of records, or a uint32_t offset into a
 * pool of strings (a compiled index, gazetteer/index_format.h, whose tables
 * are these very slots and chains, mapped from the file).  Used by the
 * gazetteer's id table and by the name index (match/index.c).
 *
 * Reading never trusts the table: a mapped one may be corrupt, so probes
 * stop after visiting every slot, entry numbers beyond the table's entries
 * end a chain, and a pool offset beyond the pool reads as "". */
#ifndef GAZMAP_UTIL_HASHTAB_H
#define GAZMAP_UTIL_HASHTAB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct gz_hashtab_slot {
  uint32_t hash;
  uint32_t head;
} gz_hashtab_slot;

typedef struct gz_hashtab {
  gz_hashtab_slot *slots;
  size_t mask;
  uint32_t *next; /* per entry: next entry id + 1 with the same key, 0 = end */
  size_t n;       /* entries */
  int borrowed;   /* slots and next belong to a mapping: not freed */
} gz_hashtab;

/* Where entry `id`'s key is: the `const char *` at base + id * stride +
 * offset, or with a pool, the uint32_t there is an offset into the pool
 * (pool_len bytes, whose last byte is NUL).  An array of strings is
 * {keys, sizeof(char *), 0}. */
typedef struct gz_keysrc {
  const void *base;
  size_t stride, offset;
  const char *pool;
  size_t pool_len;
} gz_keysrc;

static inline const char *gz_key_at(gz_keysrc src, uint32_t id) {
  const char *field = (const char *)src.base + (size_t)id * src.stride + src.offset;
  if (src.pool) {
    uint32_t off;
    memcpy(&off, field, sizeof off);
    return off < src.pool_len ? src.pool + off : "";
  }
  return *(const char *const *)field;
}

/* The entry after entry `id` (id + 1) in its chain, or 0 at the end (or
 * when the table names an entry it does not have). */
static inline uint32_t gz_hashtab_next(const gz_hashtab *t, uint32_t id) {
  uint32_t nx = id < t->n ? t->next[id] : 0;
  return nx <= t->n ? nx : 0;
}

/* FNV-1a with a final mix (FNV's low bits are weak for short keys). */
uint32_t gz_hash_bytes(const char *s, size_t n);

/* Makes an empty table for entries 0..n-1.  Returns 0 or GAZMAP_ENOMEM (no
 * message set); free with gz_hashtab_free even on failure. */
int gz_hashtab_init(gz_hashtab *t, size_t n);

/* Adds entry `id` with key `key` (hash h = gz_hash_bytes of it).  Entries
 * must be added in reverse order for each chain to list them in order. */
void gz_hashtab_put(gz_hashtab *t, uint32_t h, uint32_t id, const char *key, gz_keysrc src);

/* The first entry (id + 1) whose key is `key` (n bytes), or 0; follow the
 * chain with gz_hashtab_next. */
uint32_t gz_hashtab_get(const gz_hashtab *t, const char *key, size_t n, gz_keysrc src);

/* Frees the table's arrays (not a borrowed table's). */
void gz_hashtab_free(gz_hashtab *t);

#endif
