/* Private: THE name index of a gazetteer, shared by lookup (match/) and the
 * scanner (scan/).
 *
 * Built once per gazetteer, on first use (gz_index_get; its scanner's part
 * by gz_index_words), and cached in g->index; every scanner borrows it and
 * never changes it.  It holds:
 *  - for lookup, three keys of every name (its bytes, its folded key and its
 *    skeleton, gazmap/fold.h) in util/hashtab tables, plus aliases: names
 *    without a generic first or last word ("Aghdam District" is also
 *    "aghdam");
 *  - for the scanner, the same names split into words as running text is
 *    split (text/words.h), in one table of (table, key) groups: joined
 *    folded keys, skeletons and Russian stems, the first word of each (so a
 *    word opens a span only when some name starts with it), and the cue,
 *    title and given-name words of every registered language (text/lang.h);
 *    and the case suffixes of every language, merged.
 *  - the lazily built fuzzy and prefix indexes (fuzzy.c, prefix.c) and the
 *    scratch of one lookup (lookup.c).
 * For a compiled index (gazetteer/index_format.h) the lookup part is not
 * built but read where the file is mapped: the tables are the same slots
 * and chains, and keys are read through gz_keysrc, which takes either
 * pointers (built here) or pool offsets (mapped), so that lookup, fuzzy.c
 * and prefix.c have one code path over both.
 * Lookup's scratch makes lookup, like the gazetteer, single-threaded; after
 * the index is built, scanners only read it. */
#ifndef GAZMAP_MATCH_INDEX_H
#define GAZMAP_MATCH_INDEX_H

#include "gazetteer/gazetteer_internal.h"
#include "util/hashtab.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ---- the scanner's tables ---------------------------------------------- */

enum gz_word_table {
  T_FOLD = 1,    /* folded key of a whole name */
  T_SKEL,        /* skeleton of a whole name */
  T_STEM,        /* Russian-stemmed key of a Cyrillic name */
  T_FIRST_FOLD,  /* first word of a folded name */
  T_FIRST_SKEL,  /* skeleton of that first word */
  T_FIRST_STEM,  /* first word of a stemmed name */
  T_ORG,         /* organisation head word */
  T_AGREE,       /* agreement head word */
  T_DCUE,        /* district cue word */
  T_SCUE,        /* settlement cue word */
  T_TITLE,       /* title before a person's name */
  T_NOTGIVEN,    /* capitalised word that is not a given name */
  T_WEAK,        /* a common word or given name that is also a place's name */
  T_PCUE,        /* a place word after an unknown name ("river", "çayı") */
  T_PCUE_BEFORE, /* a place word before one ("село", "селе") */
  T_RCUE,        /* river cue word ("river", "çayı", "река") */
  /* The first two words of the names of two words or more, folded (joined
   * by a space as in T_FOLD) and stemmed (as in T_STEM), each entry holding
   * the name's word count; and every prefix of every T_SKEL key (skeletons
   * are concatenated, so word counts need not agree).  A span of n >= 3
   * words is tried only when its own first two words begin a name of at
   * least n words: a common town name that begins a few long names ("Meghri
   * border crossing") then costs one lookup, not a try of every longer
   * span.  Not word tables (gz_key_in). */
  T_PAIR_FOLD,
  T_PAIR_STEM,
  T_PAIR_SKEL
};

/* Names longer than this many words are not in the scanner's tables. */
#define GZ_MAX_NAME_TOKENS 8

typedef struct gz_entry {
  uint32_t place; /* in first-word tables: the most words of a name starting so */
  uint16_t latin; /* the name is written in Latin letters only */
  char lastc;     /* last byte of the folded name */
  const gazmap_name *name;
} gz_entry;

typedef struct gz_group {
  uint64_t hash;
  uint32_t keyoff, keylen;
  uint8_t table;
  uint32_t first, count; /* range in entries[] */
} gz_group;

/* A case suffix of some languages ("da" of Turkish and Azerbaijani). */
typedef struct gz_suffix {
  const char *text;
  size_t len;
  uint32_t langs; /* bit i: registry language i */
  char how[96];   /* "a Turkish/Azerbaijani case suffix (-da)" */
} gz_suffix;

#define GZ_MAX_SUFFIXES 64

typedef struct gz_words {
  int built;
  char *keys; /* key bytes */
  size_t keys_len, keys_cap;
  struct gz_item *items; /* only while building */
  size_t nitems, items_cap;
  gz_group *groups;
  size_t ngroups;
  gz_entry *entries;
  uint32_t *slots; /* group index + 1, 0 = empty */
  size_t nslots;
  gz_suffix suffixes[GZ_MAX_SUFFIXES];
  size_t nsuffixes;
  char suffix_ends[GZ_MAX_SUFFIXES + 1]; /* the last bytes of the suffixes */
  uint32_t possessive_langs;             /* bit i: registry language i has possessive_s */
  int pairs;                             /* the T_PAIR_ tables hold every name's first two
                                            words (0: some name's keys could not be cut
                                            there, and the scanner must not use them) */
} gz_words;

/* FNV-1a of a key, computed once per word and mixed with each table's number
 * (gz_hash_in), so that one word is looked up in several tables cheaply. */
static inline uint64_t gz_hash_base(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static inline uint64_t gz_hash_in(int table, uint64_t base) {
  uint64_t h = base ^ ((uint64_t)table * 0x9E3779B97F4A7C15ull);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return h ? h : 1;
}

/* The group of key `key` (n bytes, gz_hash_base `base`) in `table`, or NULL. */
static inline const gz_group *gz_words_get_h(const gz_words *w, int table, const char *key,
                                             size_t n, uint64_t base) {
  uint64_t h = gz_hash_in(table, base);
  size_t i = (size_t)h & (w->nslots - 1);
  while (w->slots[i]) {
    const gz_group *gr = &w->groups[w->slots[i] - 1];
    if (gr->hash == h && gr->table == table && gr->keylen == n &&
        !memcmp(w->keys + gr->keyoff, key, n)) {
      return gr;
    }
    i = (i + 1) & (w->nslots - 1);
  }
  return NULL;
}

static inline const gz_group *gz_words_get(const gz_words *w, int table, const char *key,
                                           size_t n) {
  return gz_words_get_h(w, table, key, n, gz_hash_base(key, n));
}

/* For a first-word table: the most words of the names that start with this
 * word, 0 when none does (gr may be NULL). */
static inline size_t gz_first_words(const gz_words *w, const gz_group *gr) {
  size_t k, m = 0;
  for (k = 0; gr && k < gr->count; k++) {
    if (w->entries[gr->first + k].place > m) {
      m = w->entries[gr->first + k].place;
    }
  }
  return m;
}

/* ---- the whole index ----------------------------------------------------- */

/* A lookup candidate carries what ranking needs, so the comparator needs no
 * context. */
typedef struct gz_cand {
  uint32_t place;
  uint32_t name;
  gazmap_match_kind kind;
  int dist;
  double importance;
  /* Within a match kind and distance: curated places first; of two imported
   * exact or folded ones, the one matched on its own name ("Goris", not
   * Gori's alternate "Goris"); then `rank` (importance, and for the looser
   * layers the region of interest), higher first. */
  uint8_t curated, primary;
  double rank;
  const char *id;
} gz_cand;

struct gz_index {
  int mapped; /* the lookup tables are a compiled index's (not freed here) */
  gz_hashtab exact, folded, skel;
  /* Aliases: names without their generic word, matched in the folded and
   * skeleton layers. */
  gz_hashtab alias_folded, alias_skel;
  uint32_t *alias_name;
  const char **alias_fold, **alias_skelk; /* built only */
  uint16_t *alias_len;
  size_t nalias;
  const char **fold;  /* folded key of each name (arena), "" when unindexed; built only */
  const char **skelk; /* skeleton of each name (arena); built only */
  uint16_t *fold_len;
  /* Where the keys are read from, built or mapped: per name its folded key
   * and skeleton, per alias the same.  Every reader goes through these. */
  gz_keysrc fold_src, skel_src, alias_fold_src, alias_skel_src;
  /* The names and the exact table's keys (their text). */
  gz_keysrc name_src;
  /* The scanner's tables. */
  gz_words words;
  /* Fuzzy index (fuzzy.c), built on first use. */
  int fuzzy_built;
  uint64_t *del; /* (hash32 << 32) | name id of a representative */
  size_t ndel;
  /* Prefix index (prefix.c), built on first use. */
  int prefix_built;
  uint32_t *sorted; /* name ids with a folded key, by folded key */
  size_t nsorted;
  /* Per-lookup scratch (lookup.c), proportional to the candidates, not to
   * the gazetteer: the places collected so far, an open-addressing table
   * of (lookup generation, place, index into cands); a slot of an older
   * generation is empty, so a lookup clears nothing. */
  struct gz_seen {
    uint32_t gen, place, pos;
  } *seen;
  size_t seen_mask;
  uint32_t gen;
  gz_cand *cands;
  size_t ncands, cap_cands;
  char *qfold, *qskel, *qstrip;
  size_t qcap;
};

/* The gazetteer's index (and folder), built on first use: sets *out and
 * returns 0, or returns a negative status (then g->index stays NULL and the
 * next call tries again).  Not thread-safe: build it (by a first lookup or
 * scanner) before sharing the gazetteer between scanners in threads. */
int gz_index_get(gazmap_gazetteer *g, gz_index **out);

/* The scanner's tables of the gazetteer's index, built by the first call
 * (after the rest of the index, gz_index_get): sets *out and returns 0, or
 * returns a negative status (the next call tries again).  Thread safety as
 * gz_index_get. */
int gz_index_words(gazmap_gazetteer *g, const gz_words **out);

/* Where the keys of the lookup tables are read from. */
static inline gz_keysrc gz_keys_of(const char *const *keys) {
  gz_keysrc src = {keys, sizeof *keys, 0, NULL, 0};
  return src;
}

/* Grows the lookup query buffers to hold keys of a `len`-byte query. */
int gz_index_query_room(gz_index *ix, size_t len);

#endif
