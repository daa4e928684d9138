/* Private: what the layers of gazmap_lookup share.  lookup.c runs the
 * exact, folded and skeleton layers and ranks; fuzzy.c and prefix.c are the
 * looser layers, each with an index of its own built on first use. */
#ifndef GAZMAP_MATCH_LAYERS_H
#define GAZMAP_MATCH_LAYERS_H

#include "match/index.h"

/* One probe-able set of keys: a table over entries, where the entries'
 * keys are read from, their folded lengths (for the short-skeleton guard)
 * and, for aliases, the name each entry stands for (NULL: entries are names). */
typedef struct gz_keyset {
  const gz_hashtab *t;
  gz_keysrc src;
  const uint16_t *lens;
  const uint32_t *name_of;
} gz_keyset;

/* Adds name `name` as a candidate of kind `kind`, keeping for each place
 * only its best match (strictest layer, then smallest distance). */
int gz_collect(gazmap_gazetteer *g, const gazmap_lookup_opts *o, uint32_t name,
               gazmap_match_kind kind, int dist);

/* Collects the names of the chain starting at entry `head` (id + 1).
 * `guard_len` (when not 0) limits matches of short skeletons to names whose
 * folded key is about as long as the query's. */
int gz_collect_chain(gazmap_gazetteer *g, const gazmap_lookup_opts *o, gz_keyset ks, uint32_t head,
                     gazmap_match_kind kind, int dist, size_t guard_len);

/* Levenshtein distance of a and b if it is at most `max`, else max + 1;
 * b at most GZ_EDIT_MAX bytes (longer: max + 1).  fuzzy.c. */
#define GZ_EDIT_MAX 128
int gz_bounded_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max);

/* The fuzzy layer for the query skeleton q (ql bytes), fuzzy.c. */
int gz_fuzzy_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q, size_t ql);

/* Builds the fuzzy / prefix index when it is not there yet (a compiled
 * index has them): 0 or a negative status.  The first query of each layer
 * calls it; so does the writer of a compiled index. */
int gz_fuzzy_ready(gazmap_gazetteer *g);
int gz_prefix_ready(gazmap_gazetteer *g);

/* The prefix layer for the folded query q (ql bytes), prefix.c. */
int gz_prefix_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q, size_t ql);

#endif
