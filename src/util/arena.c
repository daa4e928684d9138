/* A bump allocator (util/arena.h). */
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

struct gz_arena_block {
  gz_arena_block *next;
};

#define ARENA_BLOCK (1u << 20)

void *gz_arena_alloc(gz_arena *a, size_t n) {
  void *p;
  n = (n + 7) & ~(size_t)7;
  if (n > a->left) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    gz_arena_block *b = malloc(sizeof *b + size);
    if (!b) {
      return NULL;
    }
    b->next = a->head;
    a->head = b;
    /* The header is one pointer, so the payload after it is 8-aligned. */
    a->cur = (char *)(b + 1);
    a->left = size;
  }
  p = a->cur;
  a->cur += n;
  a->left -= n;
  return p;
}

char *gz_arena_strndup(gz_arena *a, const char *s, size_t n) {
  char *d = gz_arena_alloc(a, n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

void gz_arena_free(gz_arena *a) {
  gz_arena_block *b = a->head;
  while (b) {
    gz_arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
  a->cur = NULL;
  a->left = 0;
}

