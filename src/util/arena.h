/* Private: a bump allocator. */
#ifndef GAZMAP_UTIL_ARENA_H
#define GAZMAP_UTIL_ARENA_H

#include <stddef.h>

/* A bump allocator: a list of big blocks, freed at once.  Strings the
 * gazetteer creates (folded keys, GeoNames ids) live here. */
typedef struct gz_arena_block gz_arena_block;
typedef struct gz_arena {
  gz_arena_block *head;
  char *cur;
  size_t left;
} gz_arena;

/* Returns `n` bytes owned by the arena (freed by gz_arena_free), or NULL. */
void *gz_arena_alloc(gz_arena *a, size_t n);
/* A NUL-terminated copy of `n` bytes of `s` in the arena, or NULL. */
char *gz_arena_strndup(gz_arena *a, const char *s, size_t n);
void gz_arena_free(gz_arena *a);

#endif
