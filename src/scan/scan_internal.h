/* Private: what the scanner (scan.c) hands to homonym resolution (resolve.c).
 *
 * scan.c finds candidate mentions (a span of text and every place whose name
 * it could be); resolve.c picks one place per mention from the document's
 * context and says why.  The context is bounded: per-place counters plus a
 * short ring of recent point places, so memory never grows with the text. */
#ifndef GAZMAP_SCAN_INTERNAL_H
#define GAZMAP_SCAN_INTERNAL_H

#include "gazmap/scan.h"

#include <stddef.h>
#include <stdint.h>

/* At most this many places share one surface (Nakhchivan city and exclave,
 * the two Martunis, a town and its district). */
#define GZ_MAX_CANDS 8
/* Longest surface kept for a mention, in bytes (longer names are cut). */
#define GZ_SURFACE_MAX 256
#define GZ_WHY_MAX 400

/* What follows or precedes a mention and tells which kind of place it is. */
enum gz_cue {
  GZ_CUE_NONE = 0,
  GZ_CUE_DISTRICT,  /* "X region", "X district", "X rayonu", "X район" */
  GZ_CUE_SETTLEMENT /* "city of X", "town of X", "X city" */
};

/* One candidate mention, waiting in the look-ahead queue. */
typedef struct gz_pending {
  uint64_t offset;
  size_t length;
  char surface[GZ_SURFACE_MAX];
  size_t ncand;
  size_t cand[GZ_MAX_CANDS];              /* place indexes in the gazetteer */
  const gazmap_name *cname[GZ_MAX_CANDS]; /* the name of each that matched */
  unsigned twin;                          /* 1 when cand[1] was added as cand[0]'s district twin */
  gazmap_match_kind kind;
  double match_conf; /* how sure the match is before resolution */
  gazmap_role role;
  int cue;      /* enum gz_cue */
  char how[96]; /* how it matched: "Turkish suffix after an apostrophe" */
  /* Filled by resolution: */
  size_t chosen; /* index into cand[] */
  double resolve_conf;
  char why[GZ_WHY_MAX];
} gz_pending;

/* The resolver's view of the document so far. */
typedef struct gz_context gz_context;

/* Creates the context for a gazetteer of `nplaces` places.  Returns NULL when
 * out of memory; free with gz_context_free(). */
gz_context *gz_context_new(gazmap_gazetteer *g, size_t nplaces);
void gz_context_free(gz_context *c);
/* Forgets the document (a new text starts). */
void gz_context_reset(gz_context *c);

/* Index of the district twin of place `i` (the row "<id>-district"), or
 * (size_t)-1 when it has none. */
size_t gz_context_twin(const gz_context *c, size_t i);

/* Counts `p` in (delta 1, when it is queued) or out (-1, when it leaves the
 * queue) of the look-ahead: unambiguous mentions there are context for the
 * mentions before them. */
void gz_context_queued(gz_context *c, const gz_pending *p, int delta);

/* Chooses p->chosen, p->resolve_conf and p->why for the pending mention `p`,
 * looking at the document so far and at the mentions queued after it, not yet
 * resolved: ring[k % cap] for k in [from, to).  Then records the choice in
 * the context. */
void gz_resolve(gz_context *c, gz_pending *p, const gz_pending *ring, size_t cap, uint64_t from,
                uint64_t to);

#endif
