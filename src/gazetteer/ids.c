/* The table of place ids: gazmap_gazetteer_find_id in one probe.
 *
 * It is the one index built while loading (by gz_gazetteer_finish): rendering
 * a map or a report finds places by id and never by name, so the name index
 * (match/index.c) waits for the first lookup or scanner. */
#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/index_format.h"

#include "util/error.h"
#include "util/hashtab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct gz_ids {
  gz_hashtab t;
  gz_keysrc src; /* the places' ids: in memory, or a compiled index's records */
};

static gz_keysrc place_ids(const gazmap_gazetteer *g) {
  gz_keysrc src = {g->places, sizeof *g->places, offsetof(gazmap_place, id), NULL, 0};
  return src;
}

int gz_ids_build(gazmap_gazetteer *g) {
  gz_ids *ids = calloc(1, sizeof *ids);
  size_t i;
  if (!ids || gz_hashtab_init(&ids->t, g->nplaces) < 0) {
    gz_ids_free(ids);
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  /* Reverse order, so that of two places with one id the first is found. */
  for (i = g->nplaces; i-- > 0;) {
    const char *id = g->places[i].id;
    gz_hashtab_put(&ids->t, gz_hash_bytes(id, strlen(id)), (uint32_t)i, id, place_ids(g));
  }
  ids->src = place_ids(g);
  g->ids = ids;
  return 0;
}

int gz_ids_map(gazmap_gazetteer *g) {
  gz_ids *ids = calloc(1, sizeof *ids);
  if (!ids) {
    return GAZMAP_ENOMEM;
  }
  if (ix_hashtab_attach(&ids->t, g->map, IX_S_HT_IDS, g->nplaces) < 0) {
    free(ids);
    return GAZMAP_EPARSE;
  }
  ids->src = ix_keys(g->map, g->map->sec[IX_S_PLACES], sizeof(ix_place), offsetof(ix_place, id));
  g->ids = ids;
  return 0;
}

const gz_hashtab *gz_ids_table(const gazmap_gazetteer *g) {
  return &g->ids->t;
}

void gz_ids_free(gz_ids *ids) {
  if (ids) {
    gz_hashtab_free(&ids->t);
    free(ids);
  }
}

const gazmap_place *gazmap_gazetteer_find_id(const gazmap_gazetteer *g, const char *id) {
  uint32_t hit = gz_hashtab_get(&g->ids->t, id, strlen(id), g->ids->src);
  return hit ? gz_place(g, hit - 1) : NULL;
}
