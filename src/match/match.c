/* Matching: the lookup index and the five layers of gazmap_lookup().
 *
 * Every name gets three keys: its bytes, its folded key and its skeleton
 * (gazmap/fold.h), each in an open-addressing hash table of distinct
 * keys whose names are chained, so the first three layers cost one probe
 * each.  Names with a generic first or last word ("Aghdam District") are
 * also indexed without it, as aliases.  The fuzzy layer uses a
 * single-deletion index over the distinct skeletons (SymSpell style): a sorted
 * array of (hash of the skeleton with one letter deleted, skeleton's name id).
 * A query's deletions are looked up by binary search and each candidate is
 * verified with a bounded Levenshtein distance, so no skeleton is compared
 * unless it shares a deletion with the query.  The prefix layer binary
 * searches the names sorted by folded key.
 *
 * Only the table of place ids is built at load.  The folder (whose ICU tables
 * take longer than parsing the file) and the name index are built by the
 * first gazmap_lookup(), and the fuzzy and prefix indexes by the first query
 * that reaches them: rendering a map finds places by id and never by name,
 * and most lookups never need the looser layers. */
#include "util/error.h"
#include "util/utf8.h"
#include "gazetteer/gazetteer_internal.h"

#include <stdlib.h>
#include <string.h>

/* Skeletons shorter than this never match fuzzily: one edit in three
 * consonants is a different name. */
#define FUZZY_MIN 4
/* Skeletons this long or longer allow two edits. */
#define FUZZY_TWO 7
/* Fuzzy matching only considers skeletons up to this length. */
#define FUZZY_MAX 48

/* Open addressing over distinct keys: each slot holds a key's hash and the
 * first entry (entry id + 1, 0 = empty) with that key; entries sharing a key
 * are chained through `next`, in file order.  Keeping homonyms out of the
 * probe sequence keeps probes short however many places share a name. */
typedef struct slot {
  uint32_t hash;
  uint32_t head;
} slot;

typedef struct table {
  slot *slots;
  size_t mask;
  uint32_t *next; /* per entry: next entry id + 1 with the same key, 0 = end */
} table;

/* Where a table's keys are read from: per-entry strings, or the text of the
 * names, or the ids of the places. */
typedef struct keysrc {
  const char *const *keys;
  const gazmap_name *names;
  const gazmap_place *places;
} keysrc;

static const char *key_at(keysrc src, uint32_t id) {
  if (src.keys) {
    return src.keys[id];
  }
  return src.names ? src.names[id].text : src.places[id].id;
}

/* A candidate carries what ranking needs, so the comparator needs no
 * context. */
typedef struct cand {
  uint32_t place;
  uint32_t name;
  gazmap_match_kind kind;
  int dist;
  double importance;
  const char *id;
} cand;

/* Place id -> place. */
struct gz_ids {
  table t;
};

struct gz_index {
  table exact, folded, skel;
  /* Aliases: names without their generic word ("Aghdam District" is also
   * "aghdam"), matched in the folded and skeleton layers. */
  table alias_folded, alias_skel;
  uint32_t *alias_name;
  const char **alias_fold, **alias_skelk;
  uint16_t *alias_len;
  size_t nalias;
  const char **fold;  /* folded key of each name (arena), "" when unindexed */
  const char **skelk; /* skeleton of each name (arena) */
  uint16_t *fold_len;
  /* Fuzzy index, built on first use. */
  int fuzzy_built;
  uint64_t *del; /* (hash32 << 32) | name id of a representative */
  size_t ndel;
  /* Prefix index, built on first use. */
  int prefix_built;
  uint32_t *sorted; /* name ids with a folded key, by folded key */
  size_t nsorted;
  /* Per-lookup scratch. */
  uint32_t *stamp; /* per place: generation when last collected */
  uint32_t *pos;   /* per place: index into cands */
  uint32_t gen;
  cand *cands;
  size_t ncands, cap_cands;
  char *qfold, *qskel, *qstrip;
  size_t qcap;
};

static uint32_t hash_bytes(const char *s, size_t n) {
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

static int table_init(table *t, size_t n) {
  size_t cap = 16;
  while (cap < n * 2) {
    cap *= 2;
  }
  t->slots = calloc(cap, sizeof *t->slots);
  t->next = calloc(n ? n : 1, sizeof *t->next);
  t->mask = cap - 1;
  return t->slots && t->next ? 0 : -1;
}

/* Adds entry `id` with key `key` (hash h).  Entries must be added in
 * reverse order for the chains to end up in file order. */
static void table_put(table *t, uint32_t h, uint32_t id, const char *key, keysrc src) {
  size_t i = h & t->mask;
  while (t->slots[i].head) {
    if (t->slots[i].hash == h && !strcmp(key_at(src, t->slots[i].head - 1), key)) {
      t->next[id] = t->slots[i].head;
      t->slots[i].head = id + 1;
      return;
    }
    i = (i + 1) & t->mask;
  }
  t->slots[i].hash = h;
  t->slots[i].head = id + 1;
}

/* The first entry (id + 1) whose key is `key` (n bytes), or 0. */
static uint32_t table_get(const table *t, const char *key, size_t n, keysrc src) {
  uint32_t h = hash_bytes(key, n);
  size_t i = h & t->mask;
  while (t->slots[i].head) {
    if (t->slots[i].hash == h) {
      const char *k = key_at(src, t->slots[i].head - 1);
      if (!memcmp(k, key, n) && k[n] == '\0') {
        return t->slots[i].head;
      }
    }
    i = (i + 1) & t->mask;
  }
  return 0;
}

static void table_free(table *t) {
  free(t->slots);
  free(t->next);
}

void gz_index_free(gz_index *ix) {
  if (!ix) {
    return;
  }
  table_free(&ix->exact);
  table_free(&ix->folded);
  table_free(&ix->skel);
  table_free(&ix->alias_folded);
  table_free(&ix->alias_skel);
  free(ix->alias_name);
  free(ix->alias_fold);
  free(ix->alias_skelk);
  free(ix->alias_len);
  free(ix->fold);
  free(ix->skelk);
  free(ix->fold_len);
  free(ix->del);
  free(ix->sorted);
  free(ix->stamp);
  free(ix->pos);
  free(ix->cands);
  free(ix->qfold);
  free(ix->qskel);
  free(ix->qstrip);
  free(ix);
}

/* Grows the query buffers to hold keys of a `len`-byte query. */
static int ensure_query_room(gz_index *ix, size_t len) {
  size_t need = 4 * len + 16;
  char *a, *b;
  if (need <= ix->qcap) {
    return 0;
  }
  a = realloc(ix->qfold, need);
  if (!a) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ix->qfold = a;
  b = realloc(ix->qskel, need);
  if (!b) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ix->qskel = b;
  b = realloc(ix->qstrip, need);
  if (!b) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ix->qstrip = b;
  ix->qcap = need;
  return 0;
}

/* Words that say what kind of place a name is rather than which place
 * (folded forms, in the languages of the region).  A name starting or ending
 * with one also answers to the rest: "Aghdam District", "Ağdam rayonu" and
 * "Lake Sevan" are found by "Aghdam" and "Sevan". */
static const char *const generic_words[] = {
    "district", "rayon",   "rayonu", "region",  "province", "marz",  "oblast", "raion",
    "bolgesi",  "ili",     "lake",   "golu",    "gol",      "ozero", "lich",   "river",
    "cayi",     "reka",    "pass",   "asirimi", "pereval",  "city",  "sheher", "saheri",
    "seheri",   "village", "kendi",  "town",    "mountains"};

static int is_generic(const char *w, size_t n) {
  size_t i;
  for (i = 0; i < sizeof generic_words / sizeof generic_words[0]; i++) {
    if (strlen(generic_words[i]) == n && !memcmp(generic_words[i], w, n)) {
      return 1;
    }
  }
  return 0;
}

/* The folded key `fk` (n bytes) without a generic first or last word: sets
 * *start and *len and returns 1, or returns 0 when there is none to drop. */
static int strip_generic(const char *fk, size_t n, size_t *start, size_t *len) {
  const char *sp = memchr(fk, ' ', n);
  const char *last = fk + n;
  if (!sp) {
    return 0;
  }
  while (last > fk && last[-1] != ' ') {
    last--;
  }
  if (is_generic(last, (size_t)(fk + n - last))) {
    *start = 0;
    *len = (size_t)(last - 1 - fk);
    return 1;
  }
  if (is_generic(fk, (size_t)(sp - fk))) {
    *start = (size_t)(sp - fk) + 1;
    *len = n - *start;
    return 1;
  }
  return 0;
}

/* Adds the aliases of every name (see generic_words). */
static int build_aliases(gazmap_gazetteer *g, gz_index *ix) {
  size_t i, k = 0, n = 0;
  char sbuf[GZ_MAX_KEY + 1];
  for (i = 0; i < g->nnames; i++) {
    size_t st, len;
    n += ix->fold_len[i] && strip_generic(ix->fold[i], ix->fold_len[i], &st, &len);
  }
  if (table_init(&ix->alias_folded, n) < 0 || table_init(&ix->alias_skel, n) < 0) {
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  ix->alias_name = malloc((n ? n : 1) * sizeof *ix->alias_name);
  ix->alias_fold = malloc((n ? n : 1) * sizeof *ix->alias_fold);
  ix->alias_skelk = malloc((n ? n : 1) * sizeof *ix->alias_skelk);
  ix->alias_len = malloc((n ? n : 1) * sizeof *ix->alias_len);
  if (!ix->alias_name || !ix->alias_fold || !ix->alias_skelk || !ix->alias_len) {
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  for (i = 0; i < g->nnames && k < n; i++) {
    size_t st, len, slen = 0;
    char *fk, *sk;
    if (!ix->fold_len[i] || !strip_generic(ix->fold[i], ix->fold_len[i], &st, &len)) {
      continue;
    }
    fk = gz_arena_strndup(&g->arena, ix->fold[i] + st, len);
    if (!fk || gazmap_skeleton(fk, len, sbuf, sizeof sbuf, &slen) < 0) {
      return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    }
    sk = gz_arena_strndup(&g->arena, sbuf, slen);
    if (!sk) {
      return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    }
    ix->alias_name[k] = (uint32_t)i;
    ix->alias_fold[k] = fk;
    ix->alias_skelk[k] = sk;
    ix->alias_len[k] = (uint16_t)len;
    k++;
  }
  for (i = k; i-- > 0;) {
    keysrc fsrc = {ix->alias_fold, NULL, NULL}, ssrc = {ix->alias_skelk, NULL, NULL};
    const char *fk = ix->alias_fold[i], *sk = ix->alias_skelk[i];
    table_put(&ix->alias_folded, hash_bytes(fk, strlen(fk)), (uint32_t)i, fk, fsrc);
    if (*sk) {
      table_put(&ix->alias_skel, hash_bytes(sk, strlen(sk)), (uint32_t)i, sk, ssrc);
    }
  }
  ix->nalias = k;
  return 0;
}

int gz_ids_build(gazmap_gazetteer *g) {
  gz_ids *ids = calloc(1, sizeof *ids);
  keysrc src = {NULL, NULL, g->places};
  size_t i;
  if (!ids || table_init(&ids->t, g->nplaces) < 0) {
    gz_ids_free(ids);
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  /* Reverse order, so that of two places with one id the first is found. */
  for (i = g->nplaces; i-- > 0;) {
    const char *id = g->places[i].id;
    table_put(&ids->t, hash_bytes(id, strlen(id)), (uint32_t)i, id, src);
  }
  g->ids = ids;
  return 0;
}

void gz_ids_free(gz_ids *ids) {
  if (ids) {
    table_free(&ids->t);
    free(ids);
  }
}

/* Builds the name index into g->index; on failure g->index stays NULL and
 * the next lookup tries again. */
static int index_build(gazmap_gazetteer *g) {
  gz_index *ix = calloc(1, sizeof *ix);
  size_t i, n = g->nnames;
  int rc = 0;
  char fbuf[4 * GZ_MAX_KEY + 16], sbuf[4 * GZ_MAX_KEY + 16];

  if (!ix) {
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  if (table_init(&ix->exact, n) < 0 || table_init(&ix->folded, n) < 0 ||
      table_init(&ix->skel, n) < 0) {
    rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    goto done;
  }
  ix->fold = malloc((n ? n : 1) * sizeof *ix->fold);
  ix->skelk = malloc((n ? n : 1) * sizeof *ix->skelk);
  ix->fold_len = malloc((n ? n : 1) * sizeof *ix->fold_len);
  ix->stamp = calloc(g->nplaces ? g->nplaces : 1, sizeof *ix->stamp);
  ix->pos = calloc(g->nplaces ? g->nplaces : 1, sizeof *ix->pos);
  if (!ix->fold || !ix->skelk || !ix->fold_len || !ix->stamp || !ix->pos ||
      ensure_query_room(ix, 256) < 0) {
    rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < n; i++) {
    const char *text = g->names[i].text;
    size_t len = strlen(text), flen = 0, slen = 0;
    char *fk, *sk;
    ix->fold[i] = ix->skelk[i] = "";
    ix->fold_len[i] = 0;
    if (len > GZ_MAX_KEY) {
      continue;
    }
    rc = gazmap_fold(g->folder, text, len, fbuf, sizeof fbuf, &flen);
    if (rc < 0) {
      /* Loaders validated UTF-8, so this is ICU failing: say which name. */
      rc = gz_fail(rc, g->path, 0, "cannot fold name '%s': %s", text, gazmap_error_last()->message);
      goto done;
    }
    if (flen == 0 || flen > GZ_MAX_KEY) {
      continue;
    }
    rc = gazmap_skeleton(fbuf, flen, sbuf, sizeof sbuf, &slen);
    if (rc < 0) {
      goto done;
    }
    fk = gz_arena_strndup(&g->arena, fbuf, flen);
    sk = slen == flen && !memcmp(fbuf, sbuf, flen) ? fk : gz_arena_strndup(&g->arena, sbuf, slen);
    if (!fk || !sk) {
      rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
      goto done;
    }
    ix->fold[i] = fk;
    ix->skelk[i] = sk;
    ix->fold_len[i] = (uint16_t)flen;
  }
  /* Reverse order, so that each key's chain lists its names in file order. */
  for (i = n; i-- > 0;) {
    keysrc names = {NULL, g->names, NULL};
    keysrc folds = {ix->fold, NULL, NULL}, skels = {ix->skelk, NULL, NULL};
    const char *text = g->names[i].text;
    table_put(&ix->exact, hash_bytes(text, strlen(text)), (uint32_t)i, text, names);
    if (ix->fold_len[i]) {
      table_put(&ix->folded, hash_bytes(ix->fold[i], ix->fold_len[i]), (uint32_t)i, ix->fold[i],
                folds);
    }
    if (*ix->skelk[i]) {
      table_put(&ix->skel, hash_bytes(ix->skelk[i], strlen(ix->skelk[i])), (uint32_t)i,
                ix->skelk[i], skels);
    }
  }
  rc = build_aliases(g, ix);
  if (rc < 0) {
    goto done;
  }
  g->index = ix;
  ix = NULL;
done:
  gz_index_free(ix);
  return rc;
}

/* The folder and the name index, built on first use.  Folded keys land in
 * the arena; a build that fails half-way leaves some there, which is memory
 * of the gazetteer like the rest and freed with it. */
static int ensure_index(gazmap_gazetteer *g) {
  int rc;
  if (g->index) {
    return 0;
  }
  if (!g->folder && (rc = gazmap_folder_new(&g->folder)) < 0) {
    return rc;
  }
  return index_build(g);
}

const gazmap_place *gazmap_gazetteer_find_id(const gazmap_gazetteer *g, const char *id) {
  keysrc src = {NULL, NULL, g->places};
  uint32_t hit = table_get(&g->ids->t, id, strlen(id), src);
  return hit ? &g->places[hit - 1] : NULL;
}

/* ---- collecting candidates -------------------------------------------- */

static int accepts(const gazmap_lookup_opts *o, const gazmap_place *p) {
  if (o->kinds && !(o->kinds & (1u << p->kind))) {
    return 0;
  }
  if (o->country && *o->country && strcmp(o->country, p->country) != 0) {
    return 0;
  }
  return 1;
}

/* Adds name `name` as a candidate of kind `kind`, keeping for each place
 * only its best match (strictest layer, then smallest distance). */
static int collect(gazmap_gazetteer *g, const gazmap_lookup_opts *o, uint32_t name,
                   gazmap_match_kind kind, int dist) {
  gz_index *ix = g->index;
  uint32_t place = g->name_place[name];
  cand *c;
  if (!accepts(o, &g->places[place])) {
    return 0;
  }
  if (ix->stamp[place] == ix->gen) {
    c = &ix->cands[ix->pos[place]];
    if (kind < c->kind || (kind == c->kind && dist < c->dist)) {
      c->kind = kind;
      c->dist = dist;
      c->name = name;
    }
    return 0;
  }
  if (ix->ncands == ix->cap_cands) {
    size_t cap = ix->cap_cands ? ix->cap_cands * 2 : 64;
    cand *nc = realloc(ix->cands, cap * sizeof *nc);
    if (!nc) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    ix->cands = nc;
    ix->cap_cands = cap;
  }
  ix->stamp[place] = ix->gen;
  ix->pos[place] = (uint32_t)ix->ncands;
  c = &ix->cands[ix->ncands++];
  c->place = place;
  c->name = name;
  c->kind = kind;
  c->dist = dist;
  c->importance = g->places[place].importance;
  c->id = g->places[place].id;
  return 0;
}

/* One probe-able set of keys: a table over entries, where the entries'
 * keys are read from, their folded lengths (for the short-skeleton guard)
 * and, for aliases, the name each entry stands for (NULL: entries are names). */
typedef struct keyset {
  const table *t;
  keysrc src;
  const uint16_t *lens;
  const uint32_t *name_of;
} keyset;

/* Collects the names of the chain starting at entry `head` (id + 1).
 * `guard_len` (when not 0) limits matches of short skeletons to names whose
 * folded key is about as long as the query's. */
static int collect_chain(gazmap_gazetteer *g, const gazmap_lookup_opts *o, keyset ks, uint32_t head,
                         gazmap_match_kind kind, int dist, size_t guard_len) {
  int rc;
  for (; head; head = ks.t->next[head - 1]) {
    uint32_t id = head - 1;
    if (guard_len) {
      size_t fl = ks.lens[id];
      if ((fl > guard_len ? fl - guard_len : guard_len - fl) > 2) {
        continue;
      }
    }
    rc = collect(g, o, ks.name_of ? ks.name_of[id] : id, kind, dist);
    if (rc < 0) {
      return rc;
    }
  }
  return 0;
}

/* Probes `ks` for `key` (n bytes) and collects every name that has it. */
static int probe(gazmap_gazetteer *g, const gazmap_lookup_opts *o, keyset ks, const char *key,
                 size_t n, gazmap_match_kind kind, int dist, size_t guard_len) {
  uint32_t head = table_get(ks.t, key, n, ks.src);
  return head ? collect_chain(g, o, ks, head, kind, dist, guard_len) : 0;
}

/* ---- fuzzy ------------------------------------------------------------- */

/* Levenshtein distance of a and b if it is at most `max`, else max + 1. */
static int bounded_levenshtein(const char *a, size_t la, const char *b, size_t lb, int max) {
  int row[FUZZY_MAX + 2];
  size_t i, j;
  if ((la > lb ? la - lb : lb - la) > (size_t)max || lb > FUZZY_MAX) {
    return max + 1;
  }
  for (j = 0; j <= lb; j++) {
    row[j] = (int)j;
  }
  for (i = 1; i <= la; i++) {
    int diag = row[0], best;
    row[0] = (int)i;
    best = row[0];
    for (j = 1; j <= lb; j++) {
      int up = row[j];
      int v = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < v) {
        v = up + 1;
      }
      if (row[j - 1] + 1 < v) {
        v = row[j - 1] + 1;
      }
      row[j] = v;
      diag = up;
      if (v < best) {
        best = v;
      }
    }
    if (best > max) {
      return max + 1;
    }
  }
  return row[lb] <= max ? row[lb] : max + 1;
}

/* Hash of `s` (n bytes) with the byte at `skip` left out (skip >= n: none). */
static uint32_t hash_without(const char *s, size_t n, size_t skip) {
  char buf[FUZZY_MAX + 1];
  size_t i, k = 0;
  for (i = 0; i < n; i++) {
    if (i != skip) {
      buf[k++] = s[i];
    }
  }
  return hash_bytes(buf, k);
}

/* Sorts `n` 64-bit keys by their upper 32 bits (LSD radix, 16 bits a pass),
 * using `tmp` of the same size. */
static void radix_sort_hi(uint64_t *a, uint64_t *tmp, size_t n) {
  int shift;
  for (shift = 32; shift < 64; shift += 16) {
    size_t count[65537] = {0};
    size_t i;
    for (i = 0; i < n; i++) {
      count[((a[i] >> shift) & 0xFFFF) + 1]++;
    }
    for (i = 1; i <= 65536; i++) {
      count[i] += count[i - 1];
    }
    for (i = 0; i < n; i++) {
      tmp[count[(a[i] >> shift) & 0xFFFF]++] = a[i];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
}

static int build_fuzzy(gazmap_gazetteer *g) {
  gz_index *ix = g->index;
  size_t i, total = 0, k = 0;
  uint64_t *tmp = NULL;
  int rc = 0;

  /* Each distinct skeleton is one slot of the skeleton table; the index
   * stores its chain's head. */
  for (i = 0; i <= ix->skel.mask; i++) {
    uint32_t head = ix->skel.slots[i].head;
    size_t slen = head ? strlen(ix->skelk[head - 1]) : 0;
    if (slen >= FUZZY_MIN && slen <= FUZZY_MAX) {
      total += slen + 1;
    }
  }
  ix->del = malloc((total ? total : 1) * sizeof *ix->del);
  tmp = malloc((total ? total : 1) * sizeof *tmp);
  if (!ix->del || !tmp) {
    /* Forget the half-built index: the next fuzzy query tries again. */
    free(ix->del);
    ix->del = NULL;
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory building the fuzzy index");
    goto done;
  }
  for (i = 0; i <= ix->skel.mask; i++) {
    uint32_t head = ix->skel.slots[i].head, id = head - 1;
    const char *s = head ? ix->skelk[id] : "";
    size_t slen = strlen(s), j;
    if (slen < FUZZY_MIN || slen > FUZZY_MAX) {
      continue;
    }
    ix->del[k++] = (uint64_t)ix->skel.slots[i].hash << 32 | id;
    for (j = 0; j < slen; j++) {
      ix->del[k++] = (uint64_t)hash_without(s, slen, j) << 32 | id;
    }
  }
  radix_sort_hi(ix->del, tmp, k);
  ix->ndel = k;
  ix->fuzzy_built = 1;
done:
  free(tmp);
  return rc;
}

/* Verifies every index entry with hash `h` against the query skeleton. */
static int fuzzy_probe(gazmap_gazetteer *g, const gazmap_lookup_opts *o, uint32_t h, const char *q,
                       size_t ql, int maxd) {
  gz_index *ix = g->index;
  size_t lo = 0, hi = ix->ndel;
  int rc;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((uint32_t)(ix->del[mid] >> 32) < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < ix->ndel && (uint32_t)(ix->del[lo] >> 32) == h; lo++) {
    uint32_t rep = (uint32_t)ix->del[lo];
    const char *s = ix->skelk[rep];
    size_t sl = strlen(s);
    int d = bounded_levenshtein(q, ql, s, sl, maxd);
    if (d <= maxd) {
      keyset ks = {&ix->skel, {ix->skelk, NULL, NULL}, ix->fold_len, NULL};
      rc = collect_chain(g, o, ks, rep + 1, GAZMAP_MATCH_FUZZY, d, 0);
      if (rc < 0) {
        return rc;
      }
    }
  }
  return 0;
}

static int fuzzy_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q, size_t ql) {
  int maxd = ql >= FUZZY_TWO ? 2 : 1;
  size_t i, j;
  int rc;
  if (ql < FUZZY_MIN || ql > FUZZY_MAX) {
    return 0;
  }
  if (!g->index->fuzzy_built && (rc = build_fuzzy(g)) < 0) {
    return rc;
  }
  /* The query itself and its single deletions meet the index's skeletons
   * and their single deletions: every skeleton one edit away is found. */
  if ((rc = fuzzy_probe(g, o, hash_bytes(q, ql), q, ql, maxd)) < 0) {
    return rc;
  }
  for (i = 0; i < ql; i++) {
    if (i > 0 && q[i] == q[i - 1]) {
      continue;
    }
    if ((rc = fuzzy_probe(g, o, hash_without(q, ql, i), q, ql, maxd)) < 0) {
      return rc;
    }
  }
  /* With two edits allowed, double deletions of the query find skeletons
   * two letters shorter, or one shorter with one letter changed. */
  if (maxd >= 2) {
    char buf[FUZZY_MAX + 1];
    for (i = 0; i < ql; i++) {
      size_t k = 0, m;
      for (m = 0; m < ql; m++) {
        if (m != i) {
          buf[k++] = q[m];
        }
      }
      for (j = i; j < k; j++) {
        if ((rc = fuzzy_probe(g, o, hash_without(buf, k, j), q, ql, maxd)) < 0) {
          return rc;
        }
      }
    }
  }
  return 0;
}

/* ---- prefix ------------------------------------------------------------ */

/* A folded key with its first 8 bytes as a big-endian number, so that most
 * comparisons while sorting need no string access. */
typedef struct keyed {
  uint64_t head;
  const char *key;
  uint32_t id;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  int c;
  if (x->head != y->head) {
    return x->head < y->head ? -1 : 1;
  }
  c = strcmp(x->key, y->key);
  return c ? c : (x->id > y->id) - (x->id < y->id);
}

static uint64_t key_head(const char *k) {
  uint64_t h = 0;
  int i;
  for (i = 0; i < 8; i++) {
    h = h << 8 | (unsigned char)*k;
    k += *k != '\0';
  }
  return h;
}

static int build_prefix(gazmap_gazetteer *g) {
  gz_index *ix = g->index;
  keyed *tmp = NULL;
  size_t i, k = 0;
  int rc = 0;
  ix->sorted = malloc((g->nnames ? g->nnames : 1) * sizeof *ix->sorted);
  tmp = malloc((g->nnames ? g->nnames : 1) * sizeof *tmp);
  if (!ix->sorted || !tmp) {
    free(ix->sorted);
    ix->sorted = NULL;
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory building the prefix index");
    goto done;
  }
  for (i = 0; i < g->nnames; i++) {
    if (ix->fold_len[i]) {
      tmp[k].head = key_head(ix->fold[i]);
      tmp[k].key = ix->fold[i];
      tmp[k].id = (uint32_t)i;
      k++;
    }
  }
  qsort(tmp, k, sizeof *tmp, cmp_keyed);
  for (i = 0; i < k; i++) {
    ix->sorted[i] = tmp[i].id;
  }
  ix->nsorted = k;
  ix->prefix_built = 1;
done:
  free(tmp);
  return rc;
}

/* Prefix matches are capped: autocompletion wants the first few hundred. */
#define PREFIX_MAX 1000

static int prefix_layer(gazmap_gazetteer *g, const gazmap_lookup_opts *o, const char *q,
                        size_t ql) {
  gz_index *ix = g->index;
  size_t lo = 0, hi, seen = 0;
  int rc;
  if (!ix->prefix_built && (rc = build_prefix(g)) < 0) {
    return rc;
  }
  hi = ix->nsorted;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ix->fold[ix->sorted[mid]], q) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < ix->nsorted && seen < PREFIX_MAX; lo++, seen++) {
    uint32_t id = ix->sorted[lo];
    if (strncmp(ix->fold[id], q, ql) != 0) {
      break;
    }
    if ((rc = collect(g, o, id, GAZMAP_MATCH_PREFIX, 0)) < 0) {
      return rc;
    }
  }
  return 0;
}

/* ---- suffixes after apostrophes ----------------------------------------- */

/* The length of the apostrophe-like character at `s` (', `, ’, ʼ, ´), or 0. */
static size_t apostrophe_at(const unsigned char *s, size_t left) {
  if (s[0] == '\'' || s[0] == '`') {
    return 1;
  }
  if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99) {
    return 3; /* U+2019 */
  }
  if (left >= 2 && ((s[0] == 0xCA && s[1] == 0xBC) || (s[0] == 0xC2 && s[1] == 0xB4))) {
    return 2; /* U+02BC, U+00B4 */
  }
  return 0;
}

static int is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Copies `q` to `out` without the short suffixes that English and Turkish
 * write after an apostrophe ("Karabakh's", "Şuşa'da", "Ermenistan'ın"):
 * a tail of at most 5 letters after a word of at least 3.  Transliteration
 * marks inside names (K'arvachar, Step'anakert) have longer tails or shorter
 * heads and stay.  Returns the new length (len when nothing was cut). */
static size_t strip_suffixes(const char *q, size_t len, char *out) {
  const unsigned char *p = (const unsigned char *)q;
  size_t i = 0, o = 0, head = 0;
  while (i < len) {
    size_t a = apostrophe_at(p + i, len - i);
    if (a && head >= 3) {
      size_t j = i + a, letters = 0;
      while (j < len && is_word_byte(p[j])) {
        letters += (p[j] & 0xC0) != 0x80;
        j++;
      }
      if (letters >= 1 && letters <= 5) {
        i = j;
        head = 0;
        continue;
      }
    }
    head = is_word_byte(p[i]) ? head + ((p[i] & 0xC0) != 0x80) : 0;
    out[o++] = q[i++];
  }
  return o;
}

/* ---- ranking ----------------------------------------------------------- */

static int cmp_cand(const void *a, const void *b) {
  const cand *x = a, *y = b;
  if (x->kind != y->kind) {
    return x->kind < y->kind ? -1 : 1;
  }
  if (x->dist != y->dist) {
    return x->dist < y->dist ? -1 : 1;
  }
  if (x->importance != y->importance) {
    return x->importance > y->importance ? -1 : 1;
  }
  return strcmp(x->id, y->id);
}

/* Scores keep the ranking's order: the layer (and, for fuzzy matches, the
 * distance) sets a band at least 0.1 wide, and importance (0..1) moves a
 * match by at most 0.09 within it, so bands never overlap. */
static double score_of(const cand *c, const gazmap_place *p) {
  double base;
  switch (c->kind) {
  case GAZMAP_MATCH_EXACT:
    base = 0.90;
    break;
  case GAZMAP_MATCH_FOLDED:
    base = 0.80;
    break;
  case GAZMAP_MATCH_SKELETON:
    base = 0.60;
    break;
  case GAZMAP_MATCH_FUZZY:
    base = 0.55 - 0.10 * c->dist;
    break;
  default:
    base = 0.20;
    break;
  }
  return base + 0.09 * p->importance;
}

int gazmap_lookup(gazmap_gazetteer *g, const char *query, size_t len,
                  const gazmap_lookup_opts *opts, gazmap_match *out, size_t cap, size_t *n) {
  static const gazmap_lookup_opts defaults = GAZMAP_LOOKUP_OPTS_INIT;
  const gazmap_lookup_opts *o = opts ? opts : &defaults;
  gz_index *ix;
  size_t flen = 0, slen = 0, i;
  int rc;

  *n = 0;
  if (gz_utf8_invalid_at(query, len) < len) {
    return gz_fail(GAZMAP_EUTF8, NULL, 0, "the query is not valid UTF-8 (byte %zu)",
                   gz_utf8_invalid_at(query, len) + 1);
  }
  if ((rc = ensure_index(g)) < 0) {
    return rc;
  }
  ix = g->index;
  if (++ix->gen == 0) {
    /* The stamps wrapped: forget them all once every 4 billion lookups. */
    memset(ix->stamp, 0, g->nplaces * sizeof *ix->stamp);
    ix->gen = 1;
  }
  ix->ncands = 0;
  keyset exact = {&ix->exact, {NULL, g->names, NULL}, ix->fold_len, NULL};
  keyset folded = {&ix->folded, {ix->fold, NULL, NULL}, ix->fold_len, NULL};
  keyset skel = {&ix->skel, {ix->skelk, NULL, NULL}, ix->fold_len, NULL};
  keyset alias_folded = {
      &ix->alias_folded, {ix->alias_fold, NULL, NULL}, ix->alias_len, ix->alias_name};
  keyset alias_skel = {
      &ix->alias_skel, {ix->alias_skelk, NULL, NULL}, ix->alias_len, ix->alias_name};
  if ((rc = probe(g, o, exact, query, len, GAZMAP_MATCH_EXACT, 0, 0)) < 0) {
    return rc;
  }
  if (!(o->stop_at_first_kind && ix->ncands)) {
    if ((rc = ensure_query_room(ix, len)) < 0) {
      return rc;
    }
    rc = gazmap_fold(g->folder, query, len, ix->qfold, ix->qcap, &flen);
    if (rc < 0) {
      return rc;
    }
    if (flen) {
      rc = gazmap_skeleton(ix->qfold, flen, ix->qskel, ix->qcap, &slen);
      if (rc < 0) {
        return rc;
      }
    }
  }
  if (flen && !(o->stop_at_first_kind && ix->ncands)) {
    size_t before = ix->ncands, slen2;
    rc = probe(g, o, folded, ix->qfold, flen, GAZMAP_MATCH_FOLDED, 0, 0);
    if (rc == 0) {
      rc = probe(g, o, alias_folded, ix->qfold, flen, GAZMAP_MATCH_FOLDED, 0, 0);
    }
    if (rc < 0) {
      return rc;
    }
    /* Nothing folded alike: try again without apostrophe suffixes, and go
     * on to the looser layers with that shorter query. */
    slen2 = ix->ncands == before ? strip_suffixes(query, len, ix->qstrip) : len;
    if (slen2 < len) {
      if ((rc = gazmap_fold(g->folder, ix->qstrip, slen2, ix->qfold, ix->qcap, &flen)) < 0 ||
          (rc = gazmap_skeleton(ix->qfold, flen, ix->qskel, ix->qcap, &slen)) < 0 ||
          (rc = probe(g, o, folded, ix->qfold, flen, GAZMAP_MATCH_FOLDED, 0, 0)) < 0 ||
          (rc = probe(g, o, alias_folded, ix->qfold, flen, GAZMAP_MATCH_FOLDED, 0, 0)) < 0) {
        return rc;
      }
    }
  }
  if (slen && !(o->stop_at_first_kind && ix->ncands)) {
    size_t guard = slen < 3 ? flen : 0;
    rc = probe(g, o, skel, ix->qskel, slen, GAZMAP_MATCH_SKELETON, 0, guard);
    if (rc == 0) {
      rc = probe(g, o, alias_skel, ix->qskel, slen, GAZMAP_MATCH_SKELETON, 0, guard);
    }
    if (rc < 0) {
      return rc;
    }
  }
  if (slen && o->fuzzy && !(o->stop_at_first_kind && ix->ncands)) {
    if ((rc = fuzzy_layer(g, o, ix->qskel, slen)) < 0) {
      return rc;
    }
  }
  if (flen && o->prefix && !(o->stop_at_first_kind && ix->ncands)) {
    if ((rc = prefix_layer(g, o, ix->qfold, flen)) < 0) {
      return rc;
    }
  }
  if (ix->ncands > 1) {
    qsort(ix->cands, ix->ncands, sizeof *ix->cands, cmp_cand);
  }
  for (i = 0; i < ix->ncands && i < cap; i++) {
    const cand *c = &ix->cands[i];
    const gazmap_place *p = &g->places[c->place];
    out[i].place = p;
    out[i].name = &g->names[c->name];
    out[i].kind = c->kind;
    out[i].distance = c->dist;
    out[i].score = score_of(c, p);
  }
  *n = i;
  return 0;
}

const char *gazmap_match_kind_name(gazmap_match_kind k) {
  switch (k) {
  case GAZMAP_MATCH_EXACT:
    return "exact";
  case GAZMAP_MATCH_FOLDED:
    return "folded";
  case GAZMAP_MATCH_SKELETON:
    return "skeleton";
  case GAZMAP_MATCH_FUZZY:
    return "fuzzy";
  case GAZMAP_MATCH_PREFIX:
    return "prefix";
  default:
    return "none";
  }
}
