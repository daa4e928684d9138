/* The name index (match/index.h): built once per gazetteer, on first use,
 * for lookup and for every scanner.
 *
 * Lookup's part: every name gets three keys, its bytes, its folded key and
 * its skeleton, each in an open-addressing table of distinct keys whose
 * names are chained (util/hashtab.h), so the first three layers of lookup
 * cost one probe each.  Names with a generic first or last word ("Aghdam
 * District") are also indexed without it, as aliases.
 *
 * The scanner's part: each name split into words as running text is
 * (text/words.h), its joined keys and first words, and the cue words of the
 * registered languages, as (table, key) items sorted into groups and put in
 * one open-addressing table of groups.  It is built by the first scanner
 * (gz_index_words), so that lookup alone never pays for it.
 *
 * The folder (whose ICU tables take longer than parsing the file) and this
 * index wait for the first lookup or scanner: rendering a map finds places
 * by id and never by name.  Building it for the bundled gazetteer takes about
 * 40 ms; each scanner used to build its own copy of the scanner's part. */
#include "match/index.h"

#include "gazetteer/index_format.h"
#include "text/lang.h"
#include "text/words.h"
#include "util/error.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void words_free(gz_words *w) {
  free(w->keys);
  free(w->items);
  free(w->groups);
  free(w->entries);
  free(w->slots);
  memset(w, 0, sizeof *w);
}

static void index_free(gz_index *ix) {
  if (!ix) {
    return;
  }
  gz_hashtab_free(&ix->exact);
  gz_hashtab_free(&ix->folded);
  gz_hashtab_free(&ix->skel);
  gz_hashtab_free(&ix->alias_folded);
  gz_hashtab_free(&ix->alias_skel);
  if (!ix->mapped) {
    free(ix->alias_name);
    free(ix->alias_len);
    free(ix->fold_len);
    free(ix->del);
    free(ix->sorted);
  }
  free(ix->alias_fold);
  free(ix->alias_skelk);
  free(ix->fold);
  free(ix->skelk);
  words_free(&ix->words);
  free(ix->seen);
  free(ix->cands);
  free(ix->qfold);
  free(ix->qskel);
  free(ix->qstrip);
  free(ix);
}

int gz_index_query_room(gz_index *ix, size_t len) {
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

/* Whether the folded word w (n bytes) is a generic word of some language
 * (gz_lang.generic_words): "Aghdam District", "Ağdam rayonu" and "Lake
 * Sevan" are also found by "Aghdam" and "Sevan". */
static int is_generic(const char *w, size_t n) {
  size_t i, k;
  for (i = 0; i < gz_lang_count(); i++) {
    const char *const *gw = gz_lang_at(i)->generic_words;
    for (k = 0; gw && gw[k]; k++) {
      if (strlen(gw[k]) == n && !memcmp(gw[k], w, n)) {
        return 1;
      }
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

/* Adds the aliases of every name (see is_generic). */
static int build_aliases(gazmap_gazetteer *g, gz_index *ix) {
  size_t i, k = 0, n = 0;
  char sbuf[GZ_MAX_KEY + 1];
  for (i = 0; i < g->nnames; i++) {
    size_t st, len;
    n += ix->fold_len[i] && strip_generic(ix->fold[i], ix->fold_len[i], &st, &len);
  }
  if (gz_hashtab_init(&ix->alias_folded, n) < 0 || gz_hashtab_init(&ix->alias_skel, n) < 0) {
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
    const char *fk = ix->alias_fold[i], *sk = ix->alias_skelk[i];
    gz_hashtab_put(&ix->alias_folded, gz_hash_bytes(fk, strlen(fk)), (uint32_t)i, fk,
                   gz_keys_of(ix->alias_fold));
    if (*sk) {
      gz_hashtab_put(&ix->alias_skel, gz_hash_bytes(sk, strlen(sk)), (uint32_t)i, sk,
                     gz_keys_of(ix->alias_skelk));
    }
  }
  ix->nalias = k;
  return 0;
}

/* One (table, key) -> entry, while building. */
typedef struct gz_item {
  uint64_t hash;
  uint32_t keyoff, keylen;
  uint8_t table;
  gz_entry e;
} gz_item;

static int ix_add(gz_words *ix, int table, const char *key, size_t n, uint32_t place,
                  const gazmap_name *name, int latin, char lastc) {
  gz_item *it;
  if (n == 0) {
    return 0;
  }
  if (ix->keys_len + n > ix->keys_cap) {
    size_t cap = ix->keys_cap ? ix->keys_cap * 2 : 65536;
    char *k;
    while (cap < ix->keys_len + n) {
      cap *= 2;
    }
    k = realloc(ix->keys, cap);
    if (!k) {
      return GAZMAP_ENOMEM;
    }
    ix->keys = k;
    ix->keys_cap = cap;
  }
  if (ix->nitems == ix->items_cap) {
    size_t cap = ix->items_cap ? ix->items_cap * 2 : 4096;
    gz_item *p = realloc(ix->items, cap * sizeof *p);
    if (!p) {
      return GAZMAP_ENOMEM;
    }
    ix->items = p;
    ix->items_cap = cap;
  }
  it = &ix->items[ix->nitems++];
  memcpy(ix->keys + ix->keys_len, key, n);
  it->keyoff = (uint32_t)ix->keys_len;
  it->keylen = (uint32_t)n;
  ix->keys_len += n;
  it->table = (uint8_t)table;
  it->hash = gz_hash_in(table, gz_hash_base(key, n));
  it->e.place = place;
  it->e.name = name;
  it->e.latin = (uint16_t)latin;
  it->e.lastc = lastc;
  return 0;
}

/* The key bytes of the items being sorted: qsort passes no context.  Set
 * only inside ix_finish. */
static const char *sort_keys;

static int item_cmp(const void *a, const void *b) {
  const gz_item *x = a, *y = b;
  size_t n;
  int c;
  if (x->hash != y->hash) {
    return x->hash < y->hash ? -1 : 1;
  }
  if (x->table != y->table) {
    return x->table < y->table ? -1 : 1;
  }
  n = x->keylen < y->keylen ? x->keylen : y->keylen;
  c = memcmp(sort_keys + x->keyoff, sort_keys + y->keyoff, n);
  if (c) {
    return c;
  }
  if (x->keylen != y->keylen) {
    return x->keylen < y->keylen ? -1 : 1;
  }
  if (x->e.place != y->e.place) {
    return x->e.place < y->e.place ? -1 : 1;
  }
  return 0;
}

/* Groups equal (table, key) items and builds the open-addressing table. */
static int ix_finish(gz_words *ix) {
  size_t i, j;
  sort_keys = ix->keys;
  qsort(ix->items, ix->nitems, sizeof *ix->items, item_cmp);
  sort_keys = NULL;
  ix->entries = malloc((ix->nitems ? ix->nitems : 1) * sizeof *ix->entries);
  ix->groups = malloc((ix->nitems ? ix->nitems : 1) * sizeof *ix->groups);
  if (!ix->entries || !ix->groups) {
    return GAZMAP_ENOMEM;
  }
  for (i = 0; i < ix->nitems; i++) {
    const gz_item *it = &ix->items[i];
    gz_group *gr = ix->ngroups ? &ix->groups[ix->ngroups - 1] : NULL;
    ix->entries[i] = it->e;
    if (gr && gr->hash == it->hash && gr->table == it->table && gr->keylen == it->keylen &&
        !memcmp(ix->keys + gr->keyoff, ix->keys + it->keyoff, it->keylen)) {
      gr->count++;
      continue;
    }
    gr = &ix->groups[ix->ngroups++];
    gr->hash = it->hash;
    gr->keyoff = it->keyoff;
    gr->keylen = it->keylen;
    gr->table = it->table;
    gr->first = (uint32_t)i;
    gr->count = 1;
  }
  ix->nslots = 1024;
  while (ix->nslots < ix->ngroups * 3) {
    ix->nslots *= 2;
  }
  ix->slots = calloc(ix->nslots, sizeof *ix->slots);
  if (!ix->slots) {
    return GAZMAP_ENOMEM;
  }
  for (j = 0; j < ix->ngroups; j++) {
    size_t h = (size_t)ix->groups[j].hash & (ix->nslots - 1);
    while (ix->slots[h]) {
      h = (h + 1) & (ix->nslots - 1);
    }
    ix->slots[h] = (uint32_t)(j + 1);
  }
  free(ix->items);
  ix->items = NULL;
  return 0;
}

/* Adds a NULL-terminated list of cue words to `table`. */
static int add_words(gazmap_gazetteer *g, gz_cls_cache *cc, gz_words *w, int table,
                     const char *const *words) {
  size_t i;
  gz_name_keys *nk;
  if (!words) {
    return 0;
  }
  nk = malloc(sizeof *nk);
  int rc = 0;
  if (!nk) {
    return GAZMAP_ENOMEM;
  }
  for (i = 0; words[i] && rc == 0; i++) {
    if (gz_split_name(g->folder, cc, words[i], nk) < 0) {
      continue;
    }
    rc = ix_add(w, table, nk->fold, nk->foldlen, 0, NULL, 0, 0);
    if (rc == 0 && nk->cyr) {
      rc = ix_add(w, table, nk->stem, nk->stemlen, 0, NULL, 0, 0);
    }
  }
  free(nk);
  return rc;
}

/* Merges the case suffixes of every language (a language with suffixes_of
 * shares another's list), in registry and list order, each once with the
 * set of languages it belongs to. */
static void merge_suffixes(gz_words *w) {
  size_t i, k, j, nl = gz_lang_count();
  for (i = 0; i < nl; i++) {
    const gz_lang *l = gz_lang_at(i);
    const char *const *list = l->case_suffixes;
    if (!list && l->suffixes_of && gz_lang_find(l->suffixes_of)) {
      list = gz_lang_find(l->suffixes_of)->case_suffixes;
    }
    if (l->possessive_s) {
      w->possessive_langs |= 1u << i;
    }
    for (k = 0; list && list[k]; k++) {
      for (j = 0; j < w->nsuffixes && strcmp(w->suffixes[j].text, list[k]); j++) {
      }
      if (j == w->nsuffixes) {
        if (j == GZ_MAX_SUFFIXES || !*list[k]) {
          continue;
        }
        w->suffixes[j].text = list[k];
        w->suffixes[j].len = strlen(list[k]);
        w->nsuffixes++;
      }
      w->suffixes[j].langs |= 1u << i;
    }
  }
  for (j = 0; j < w->nsuffixes; j++) {
    gz_suffix *sf = &w->suffixes[j];
    size_t ne = strlen(w->suffix_ends);
    size_t o = (size_t)snprintf(sf->how, sizeof sf->how, "a ");
    for (i = 0; i < nl; i++) {
      if ((sf->langs >> i & 1u) && o < sizeof sf->how) {
        o += (size_t)snprintf(sf->how + o, sizeof sf->how - o, "%s%s", o > 2 ? "/" : "",
                              gz_lang_at(i)->name);
      }
    }
    if (o < sizeof sf->how) {
      snprintf(sf->how + o, sizeof sf->how - o, " case suffix (-%s)", sf->text);
    }
    if (!strchr(w->suffix_ends, sf->text[sf->len - 1])) {
      w->suffix_ends[ne] = sf->text[sf->len - 1];
    }
  }
}

/* Which list of a language goes into which cue-word table. */
static const struct {
  int table;
  size_t list; /* offset of the list in gz_lang */
} lang_lists[] = {
    {T_ORG, offsetof(gz_lang, org_heads)},
    {T_AGREE, offsetof(gz_lang, agreement_heads)},
    {T_DCUE, offsetof(gz_lang, district_cues)},
    {T_SCUE, offsetof(gz_lang, settlement_cues)},
    {T_TITLE, offsetof(gz_lang, titles)},
    {T_NOTGIVEN, offsetof(gz_lang, not_given_names)},
    {T_WEAK, offsetof(gz_lang, weak_names)},
    {T_PCUE, offsetof(gz_lang, place_cues)},
    {T_PCUE_BEFORE, offsetof(gz_lang, place_cues_before)},
    {T_RCUE, offsetof(gz_lang, river_cues)},
};

/* The cue-word lists of language `l`, one per table. */
static int add_lang_words(gazmap_gazetteer *g, gz_cls_cache *cc, gz_words *w, const gz_lang *l) {
  size_t i;
  int rc = 0;
  for (i = 0; i < sizeof lang_lists / sizeof *lang_lists && rc == 0; i++) {
    const char *const *list;
    memcpy(&list, (const char *)l + lang_lists[i].list, sizeof list);
    rc = add_words(g, cc, w, lang_lists[i].table, list);
  }
  return rc;
}

/* The length of the first two words of `key`, joined by one space (a
 * T_FOLD or T_STEM key of `ntok` words); 0 when the key does not have
 * exactly ntok - 1 spaces, so that it cannot be cut where the text's words
 * are. */
static size_t two_words(const char *key, size_t n, size_t ntok) {
  size_t i, spaces = 0, cut = n;
  for (i = 0; i < n; i++) {
    if (key[i] == ' ' && ++spaces == 2) {
      cut = i;
    }
  }
  return spaces + 1 == ntok ? cut : 0;
}

/* The T_PAIR_FOLD and T_PAIR_STEM entries of one name of two words or more
 * (its keys in nk).  Clears w->pairs when a key cannot be cut at its second
 * word (a word's key with a space in it). */
static int add_pairs(gz_words *w, const gz_name_keys *nk) {
  size_t pf = two_words(nk->fold, nk->foldlen, nk->ntok), ps;
  int rc;
  if (pf == 0) {
    w->pairs = 0;
    return 0;
  }
  rc = ix_add(w, T_PAIR_FOLD, nk->fold, pf, (uint32_t)nk->ntok, NULL, 0, 0);
  if (rc == 0 && nk->cyr) {
    ps = two_words(nk->stem, nk->stemlen, nk->ntok);
    if (ps == 0) {
      w->pairs = 0;
      return 0;
    }
    rc = ix_add(w, T_PAIR_STEM, nk->stem, ps, (uint32_t)nk->ntok, NULL, 0, 0);
  }
  return rc;
}

/* The T_PAIR_SKEL entries of a T_SKEL key: every prefix of it.  Skeletons
 * are concatenated without spaces, so a span may meet a name of another
 * word count; only a span whose first two words' skeletons begin some
 * name's skeleton can meet one at all. */
static int add_skel_prefixes(gz_words *w, const char *sk, size_t n) {
  size_t k;
  int rc = 0;
  for (k = 1; k <= n && rc == 0; k++) {
    rc = ix_add(w, T_PAIR_SKEL, sk, k, 1, NULL, 0, 0);
  }
  return rc;
}

/* Name `nm` of place `place` under `key` in `table`, and the first word of
 * that key, with the name's word count, in `first_table`. */
static int add_name_key(gz_words *w, const gz_name_keys *nk, uint32_t place, const gazmap_name *nm,
                        int table, const char *key, size_t len, int first_table, const char *first,
                        size_t first_len) {
  int rc = ix_add(w, table, key, len, place, nm, !nk->nonlatin, nk->fold[nk->foldlen - 1]);
  if (rc == 0) {
    rc = ix_add(w, first_table, first, first_len, (uint32_t)nk->ntok, NULL, 0, 0);
  }
  return rc;
}

/* The scanner's tables: every name of up to GZ_MAX_NAME_TOKENS words, then
 * every language's cue words. */
static int build_words(gazmap_gazetteer *g, gz_words *w) {
  size_t i, j;
  gz_name_keys *nk = malloc(sizeof *nk);
  gz_cls_cache *cc = calloc(1, sizeof *cc);
  int rc = 0;
  gz_materialise_all(g); /* the scanner reads every name */
  if (!nk || !cc) {
    rc = GAZMAP_ENOMEM;
    goto done;
  }
  w->pairs = 1;
  for (i = 0; i < g->nplaces && rc == 0; i++) {
    const gazmap_place *p = &g->places[i];
    for (j = 0; j < p->name_count && rc == 0; j++) {
      const gazmap_name *nm = &p->names[j];
      char sk[GZ_SPAN_MAX];
      uint16_t sklen = 0, fsklen = 0;
      char fsk[GZ_WORD_MAX];
      if (gz_split_name(g->folder, cc, nm->text, nk) < 0 || nk->ntok > GZ_MAX_NAME_TOKENS) {
        continue;
      }
      rc = add_name_key(w, nk, (uint32_t)i, nm, T_FOLD, nk->fold, nk->foldlen, T_FIRST_FOLD,
                        nk->first_fold, nk->first_foldlen);
      if (rc == 0 && nk->cyr) {
        rc = add_name_key(w, nk, (uint32_t)i, nm, T_STEM, nk->stem, nk->stemlen, T_FIRST_STEM,
                          nk->first_stem, nk->first_stemlen);
      }
      /* Skeletons are loose (vowels dropped): only long names get one, so
       * that short English words never meet a place ("Berd" and "bird"). */
      gz_skel_of(nk->fold, nk->foldlen, sk, sizeof sk, &sklen);
      if (rc == 0 && !(nm->flags & GAZMAP_NAME_ABBREV) && nk->foldlen >= 6 && sklen >= 5) {
        gz_skel_of(nk->first_fold, nk->first_foldlen, fsk, sizeof fsk, &fsklen);
        rc = add_name_key(w, nk, (uint32_t)i, nm, T_SKEL, sk, sklen, T_FIRST_SKEL, fsk, fsklen);
        if (rc == 0) {
          rc = add_skel_prefixes(w, sk, sklen);
        }
      }
      if (rc == 0 && nk->ntok >= 2) {
        rc = add_pairs(w, nk);
      }
    }
  }
  for (i = 0; i < gz_lang_count() && rc == 0; i++) {
    rc = add_lang_words(g, cc, w, gz_lang_at(i));
  }
  if (rc == 0) {
    rc = ix_finish(w);
  }
  if (rc == 0) {
    merge_suffixes(w);
  }
  if (rc < 0) {
    rc = gz_fail(rc, g->path, 0, "cannot build the scanner's name tables");
  }
done:
  free(nk);
  free(cc);
  return rc;
}

/* Builds the name index of `g` into the empty `ix` (gz_index_get's). */
static int index_build(gazmap_gazetteer *g, gz_index *ix) {
  size_t i, n = g->nnames;
  int rc = 0;
  char fbuf[4 * GZ_MAX_KEY + 16], sbuf[4 * GZ_MAX_KEY + 16];

  if (gz_hashtab_init(&ix->exact, n) < 0 || gz_hashtab_init(&ix->folded, n) < 0 ||
      gz_hashtab_init(&ix->skel, n) < 0) {
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
  }
  ix->fold = malloc((n ? n : 1) * sizeof *ix->fold);
  ix->skelk = malloc((n ? n : 1) * sizeof *ix->skelk);
  ix->fold_len = malloc((n ? n : 1) * sizeof *ix->fold_len);
  if (!ix->fold || !ix->skelk || !ix->fold_len || gz_index_query_room(ix, 256) < 0) {
    return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
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
      return gz_fail(rc, g->path, 0, "cannot fold name '%s': %s", text,
                     gazmap_error_last()->message);
    }
    if (flen == 0 || flen > GZ_MAX_KEY) {
      continue;
    }
    rc = gazmap_skeleton(fbuf, flen, sbuf, sizeof sbuf, &slen);
    if (rc < 0) {
      return rc;
    }
    fk = gz_arena_strndup(&g->arena, fbuf, flen);
    sk = slen == flen && !memcmp(fbuf, sbuf, flen) ? fk : gz_arena_strndup(&g->arena, sbuf, slen);
    if (!fk || !sk) {
      return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    }
    ix->fold[i] = fk;
    ix->skelk[i] = sk;
    ix->fold_len[i] = (uint16_t)flen;
  }
  /* Reverse order, so that each key's chain lists its names in file order. */
  for (i = n; i-- > 0;) {
    gz_keysrc names = {g->names, sizeof *g->names, offsetof(gazmap_name, text), NULL, 0};
    const char *text = g->names[i].text;
    gz_hashtab_put(&ix->exact, gz_hash_bytes(text, strlen(text)), (uint32_t)i, text, names);
    if (ix->fold_len[i]) {
      gz_hashtab_put(&ix->folded, gz_hash_bytes(ix->fold[i], ix->fold_len[i]), (uint32_t)i,
                     ix->fold[i], gz_keys_of(ix->fold));
    }
    if (*ix->skelk[i]) {
      gz_hashtab_put(&ix->skel, gz_hash_bytes(ix->skelk[i], strlen(ix->skelk[i])), (uint32_t)i,
                     ix->skelk[i], gz_keys_of(ix->skelk));
    }
  }
  rc = build_aliases(g, ix);
  if (rc < 0) {
    return rc;
  }
  ix->fold_src = gz_keys_of(ix->fold);
  ix->skel_src = gz_keys_of(ix->skelk);
  ix->alias_fold_src = gz_keys_of(ix->alias_fold);
  ix->alias_skel_src = gz_keys_of(ix->alias_skelk);
  {
    gz_keysrc names = {g->names, sizeof *g->names, offsetof(gazmap_name, text), NULL, 0};
    ix->name_src = names;
  }
  return 0;
}

/* The lookup part of a compiled index's name index, into the empty `ix`
 * (gz_index_get's): its tables where the file is mapped
 * (gazetteer/index_format.h); nothing is built. */
static int index_attach(gazmap_gazetteer *g, gz_index *ix) {
  const gz_mapped *m = g->map;
  size_t nn = g->nnames, na = (size_t)m->hdr->nalias, size;
  int rc = 0;
  ix->mapped = 1;
  if (ix_hashtab_attach(&ix->exact, m, IX_S_HT_EXACT, nn) < 0 ||
      ix_hashtab_attach(&ix->folded, m, IX_S_HT_FOLDED, nn) < 0 ||
      ix_hashtab_attach(&ix->skel, m, IX_S_HT_SKEL, nn) < 0 ||
      ix_hashtab_attach(&ix->alias_folded, m, IX_S_HT_ALIAS_FOLDED, na) < 0 ||
      ix_hashtab_attach(&ix->alias_skel, m, IX_S_HT_ALIAS_SKEL, na) < 0) {
    return gz_fail(GAZMAP_EPARSE, g->path, 0,
                   "corrupt compiled index: a name table is out of shape");
  }
  if ((rc = gz_index_query_room(ix, 256)) < 0) {
    return rc;
  }
  ix->fold_len = (uint16_t *)m->sec[IX_S_FOLD_LEN];
  ix->alias_name = (uint32_t *)m->sec[IX_S_ALIAS_NAME];
  ix->alias_len = (uint16_t *)m->sec[IX_S_ALIAS_LEN];
  ix->nalias = na;
  ix->fold_src = ix_keys(m, m->sec[IX_S_FOLD_OFF], 4, 0);
  ix->skel_src = ix_keys(m, m->sec[IX_S_SKEL_OFF], 4, 0);
  ix->alias_fold_src = ix_keys(m, m->sec[IX_S_ALIAS_FOLD_OFF], 4, 0);
  ix->alias_skel_src = ix_keys(m, m->sec[IX_S_ALIAS_SKEL_OFF], 4, 0);
  ix->name_src = ix_keys(m, m->sec[IX_S_NAMES], sizeof(ix_name), offsetof(ix_name, text));
  ix->sorted = (uint32_t *)ix_sec(m, IX_S_PREFIX, &size);
  ix->nsorted = size / 4;
  ix->prefix_built = 1;
  ix->del = (uint64_t *)ix_sec(m, IX_S_FUZZY, &size);
  ix->ndel = size / 8;
  ix->fuzzy_built = 1;
  return 0;
}

/* Folded keys land in the arena; a build that fails half-way leaves some
 * there, which is memory of the gazetteer like the rest and freed with it. */
int gz_index_get(gazmap_gazetteer *g, gz_index **out) {
  gz_index *ix;
  int rc;
  if (!g->index) {
    if (!g->folder && (rc = gazmap_folder_new(&g->folder)) < 0) {
      return rc;
    }
    /* On failure g->index stays NULL and the next lookup tries again. */
    ix = calloc(1, sizeof *ix);
    if (!ix) {
      return gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory");
    }
    if ((rc = g->map ? index_attach(g, ix) : index_build(g, ix)) < 0) {
      index_free(ix);
      return rc;
    }
    g->index = ix;
    g->index_free = index_free;
  }
  *out = g->index;
  return 0;
}

int gz_index_words(gazmap_gazetteer *g, const gz_words **out) {
  gz_index *ix = NULL;
  int rc = gz_index_get(g, &ix);
  if (rc < 0) {
    return rc;
  }
  if (!ix->words.built) {
    if ((rc = build_words(g, &ix->words)) < 0) {
      words_free(&ix->words); /* the next scanner tries again */
      return rc;
    }
    ix->words.built = 1;
  }
  *out = &ix->words;
  return 0;
}
