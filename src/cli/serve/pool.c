/* One gazetteer per worker thread.  A gazetteer's lookups reuse scratch
 * space inside it (gazmap/gazetteer.h), so two threads must never query one
 * at the same time; loading a copy per worker costs a few megabytes and
 * keeps the workers from waiting on each other. */
#define _GNU_SOURCE
#include "../cli.h"
#include "serve.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct serve_pool {
  pthread_mutex_t lock;
  pthread_cond_t freed;
  serve_ctx *ctx;
  unsigned n;
};

static size_t slot_of(const serve_ctx *c, const gazmap_place *p) {
  return (size_t)(((uintptr_t)p >> 4) * 2654435761u) % c->nslots;
}

static int ctx_init(serve_ctx *c, const char *path) {
  gazmap_match m[1];
  size_t n, i, got;
  int rc;
  (void)path;
  if ((rc = cli_gazetteer_load(&c->g)) < 0) {
    return rc;
  }
  n = gazmap_gazetteer_count(c->g);
  c->nslots = 2 * n + 1;
  c->slot_place = calloc(c->nslots, sizeof *c->slot_place);
  c->slot_index = calloc(c->nslots, sizeof *c->slot_index);
  if (!c->slot_place || !c->slot_index) {
    return GAZMAP_ENOMEM;
  }
  for (i = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(c->g, i);
    size_t h = slot_of(c, p);
    while (c->slot_place[h]) {
      h = (h + 1) % c->nslots;
    }
    c->slot_place[h] = p;
    c->slot_index[h] = i;
    if (gazmap_place_kind(p) == GAZMAP_KIND_COUNTRY && *gazmap_place_country(p) &&
        c->ncountries < sizeof c->countries / sizeof c->countries[0] &&
        !serve_country(c, gazmap_place_country(p))) {
      c->countries[c->ncountries++] = p;
    }
  }
  /* The first lookup builds the name index; do it now, not in the first
   * request. */
  return gazmap_lookup(c->g, "x", 1, NULL, m, 1, &got);
}

int serve_pool_new(serve_pool **out, const char *path, unsigned n) {
  serve_pool *p = calloc(1, sizeof *p);
  unsigned i;
  int rc = GAZMAP_ENOMEM;
  *out = NULL;
  if (!p || !(p->ctx = calloc(n, sizeof *p->ctx))) {
    free(p);
    return GAZMAP_ENOMEM;
  }
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->freed, NULL);
  p->n = n;
  for (i = 0; i < n; i++) {
    if ((rc = ctx_init(&p->ctx[i], path)) < 0) {
      serve_pool_free(p);
      return rc;
    }
  }
  *out = p;
  return 0;
}

void serve_pool_free(serve_pool *p) {
  unsigned i;
  if (!p) {
    return;
  }
  for (i = 0; i < p->n; i++) {
    gazmap_gazetteer_free(p->ctx[i].g);
    free(p->ctx[i].slot_place);
    free(p->ctx[i].slot_index);
  }
  pthread_mutex_destroy(&p->lock);
  pthread_cond_destroy(&p->freed);
  free(p->ctx);
  free(p);
}

serve_ctx *serve_pool_get(serve_pool *p) {
  serve_ctx *c = NULL;
  unsigned i;
  pthread_mutex_lock(&p->lock);
  while (!c) {
    for (i = 0; i < p->n && !c; i++) {
      if (!p->ctx[i].busy) {
        c = &p->ctx[i];
      }
    }
    if (!c) {
      pthread_cond_wait(&p->freed, &p->lock);
    }
  }
  c->busy = 1;
  pthread_mutex_unlock(&p->lock);
  return c;
}

void serve_pool_put(serve_pool *p, serve_ctx *c) {
  pthread_mutex_lock(&p->lock);
  c->busy = 0;
  pthread_cond_signal(&p->freed);
  pthread_mutex_unlock(&p->lock);
}

size_t serve_place_id(const serve_ctx *c, const gazmap_place *p) {
  size_t h = slot_of(c, p);
  while (c->slot_place[h] && c->slot_place[h] != p) {
    h = (h + 1) % c->nslots;
  }
  return c->slot_place[h] ? c->slot_index[h] + 1 : 0;
}

const gazmap_place *serve_country(const serve_ctx *c, const char *code) {
  size_t i;
  for (i = 0; i < c->ncountries; i++) {
    if (!strcmp(gazmap_place_country(c->countries[i]), code)) {
      return c->countries[i];
    }
  }
  return NULL;
}
