/* Finding place names in running text: the scanner's life cycle, the
 * longest match over the gazetteer's name index, the pending queue and the
 * emitting of mentions.
 *
 * Data flow: bytes -> tokens (tokenize.c) -> a short queue of tokens ->
 * longest run of tokens whose folded key is a name in the name index
 * (match/index.h, built once per gazetteer and borrowed here) -> cues from
 * the words around it (cues.c) -> a pending mention with every candidate
 * place -> resolve.c picks one after a bounded look-ahead -> the caller's
 * callback.
 *
 * Everything the scanner keeps is bounded: one token queue, one pending
 * mention queue, the per-place context of resolve.c.  Nothing grows with the
 * input. */
#include "scan/scan_internal.h"

#include "gazmap/fold.h"
#include "text/lang.h"
#include "util/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *gazmap_role_name(gazmap_role r) {
  switch (r) {
  case GAZMAP_ROLE_LOCATION:
    return "location";
  case GAZMAP_ROLE_ORGANISATION:
    return "organisation";
  case GAZMAP_ROLE_AGREEMENT:
    return "agreement";
  case GAZMAP_ROLE_UNRESOLVED:
    return "unresolved";
  }
  return "location";
}

int gazmap_role_parse(const char *word) {
  if (!strcmp(word, "location")) {
    return GAZMAP_ROLE_LOCATION;
  }
  if (!strcmp(word, "organisation") || !strcmp(word, "organization")) {
    return GAZMAP_ROLE_ORGANISATION;
  }
  if (!strcmp(word, "agreement")) {
    return GAZMAP_ROLE_AGREEMENT;
  }
  if (!strcmp(word, "unresolved")) {
    return GAZMAP_ROLE_UNRESOLVED;
  }
  return -1;
}

/* ---- life cycle ---------------------------------------------------------- */

static void reset_text(gazmap_scanner *s) {
  memset(&s->st, 0, sizeof s->st);
  s->finished = 0;
  gz_tokenizer_reset(s);
  s->qhead = s->qproc = s->qtail = 0;
  s->last_match_seq = 0;
  s->phead = s->ptail = s->pwin = 0;
  gz_context_reset(s->ctx);
}

/* The case suffixes of the index by their last byte, in the index's order
 * (the first that fits wins): a word is tried only with the suffixes it can
 * end with, not with every suffix of every language.  A suffix of no bytes
 * would end every word: none is listed, and the index never holds one. */
static void index_suffixes(gazmap_scanner *s) {
  size_t k, b, n = 0;
  for (b = 0; b < 256; b++) {
    s->sfx_start[b] = (uint8_t)n;
    for (k = 0; k < s->ix->nsuffixes; k++) {
      const gz_suffix *sf = &s->ix->suffixes[k];
      if (sf->len > 0 && (unsigned char)sf->text[sf->len - 1] == b) {
        s->sfx_list[n++] = (uint8_t)k;
      }
    }
  }
  s->sfx_start[256] = (uint8_t)n;
}

int gazmap_scanner_new(gazmap_scanner **out, gazmap_gazetteer *g, const gazmap_scan_opts *opts) {
  gazmap_scanner *s = NULL;
  int rc;
  *out = NULL;
  if (!g) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "scanner needs a gazetteer");
  }
  if (opts && (opts->version < 1 || opts->version > GAZMAP_SCAN_OPTS_VERSION)) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown gazmap_scan_opts version %u", opts->version);
  }
  s = calloc(1, sizeof *s);
  if (!s) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  s->g = g;
  s->lookahead = opts && opts->lookahead ? opts->lookahead : DEFAULT_LOOKAHEAD;
  s->keep_persons = opts ? opts->keep_persons : 0;
  /* A version-1 struct has no such field: its callers never see one. */
  s->unresolved = opts && opts->version >= 2 ? opts->unresolved : 0;
  for (size_t l = 0; l < gz_lang_count(); l++) {
    if (gz_lang_at(l)->script_endings) {
      s->script_langs |= 1u << l;
    }
  }
  rc = gazmap_folder_new(&s->folder);
  if (rc < 0) {
    goto fail;
  }
  for (size_t l = 0; l < gz_lang_count(); l++) {
    const char *const *w = gz_lang_at(l)->road_cues;
    for (size_t k = 0; w && w[k] && s->nroad < GZ_ROAD_KEYS; k++) {
      size_t kl = 0;
      if (gazmap_fold(s->folder, w[k], strlen(w[k]), s->road_key[s->nroad], GZ_ROAD_KEY, &kl) ==
              0 &&
          kl > 0) {
        s->road_len[s->nroad++] = (uint8_t)kl;
      }
    }
  }
  s->pq = calloc(PQ_CAP, sizeof *s->pq);
  s->ctx = gz_context_new(g, gazmap_gazetteer_count(g));
  if (!s->pq || !s->ctx) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto fail;
  }
  /* The name index is the gazetteer's: the first scanner (or lookup)
   * builds it, every scanner borrows it. */
  rc = gz_index_words(g, &s->ix);
  if (rc < 0) {
    goto fail;
  }
  index_suffixes(s);
  reset_text(s);
  *out = s;
  return 0;
fail:
  gazmap_scanner_free(s);
  return rc;
}

void gazmap_scanner_free(gazmap_scanner *s) {
  if (!s) {
    return;
  }
  gz_context_free(s->ctx);
  gazmap_folder_free(s->folder);
  free(s->pq);
  free(s);
}

void gazmap_scanner_stats(const gazmap_scanner *s, gazmap_scan_stats *out) {
  *out = s->st;
}

/* ---- emitting mentions ----------------------------------------------------- */

static int emit_one(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  gz_pending *p = &s->pq[s->phead % PQ_CAP];
  gazmap_mention m;
  int rc;
  /* The look-ahead window of p: the queued mentions that start less than
   * `lookahead` bytes after it.  Exactly those, never more, so that the
   * result does not depend on how the input was cut into chunks. */
  if (s->pwin <= s->phead) {
    s->pwin = s->phead + 1;
  } else {
    gz_context_queued(s->ctx, p, -1);
  }
  while (s->pwin < s->ptail && s->pq[s->pwin % PQ_CAP].offset < p->offset + s->lookahead) {
    gz_context_queued(s->ctx, &s->pq[s->pwin % PQ_CAP], 1);
    s->pwin++;
  }
  if (p->role == GAZMAP_ROLE_UNRESOLVED) {
    gz_unresolved_hint(s, p);
  } else {
    gz_resolve(s->ctx, p, s->pq, PQ_CAP, s->phead + 1, s->pwin);
  }
  s->phead++;
  if (p->drop) {
    return 0; /* too little evidence that the word names a place */
  }
  m.offset = p->offset;
  m.length = p->length;
  m.char_offset = p->char_offset;
  m.char_length = p->char_length;
  m.utf16_offset = p->utf16_offset;
  m.utf16_length = p->utf16_length;
  m.surface = p->surface;
  m.cue = NULL;
  m.hint = NULL;
  if (p->role == GAZMAP_ROLE_UNRESOLVED) {
    m.place = NULL;
    m.name = NULL;
    m.cue = p->cue_text;
    m.hint = p->hint == GZ_NO_HINT ? NULL : gazmap_gazetteer_at(s->g, p->hint);
  } else {
    m.place = gazmap_gazetteer_at(s->g, p->cand[p->chosen]);
    m.name = p->cname[p->chosen];
  }
  m.kind = p->kind;
  m.confidence = p->match_conf * p->resolve_conf;
  m.role = p->role;
  m.alternatives = p->ncand ? (unsigned)(p->ncand - 1) : 0;
  m.why = p->why;
  s->st.mentions++;
  rc = fn ? fn(ud, &m) : 0;
  return rc;
}

/* Every mention starting before this offset has been queued: the matcher
 * has passed it. */
static uint64_t matched_upto(gazmap_scanner *s) {
  if (s->qproc < s->qtail) {
    return s->q[s->qproc % QCAP].off;
  }
  if (s->qtail > 0) {
    const tok *t = &s->q[(s->qtail - 1) % QCAP];
    return t->off + t->len;
  }
  return 0;
}

/* Reports every pending mention whose look-ahead is complete (all when
 * `all`): every mention that starts within `lookahead` bytes after it has
 * been queued. */
static int emit_ready(gazmap_scanner *s, int all, gazmap_mention_fn fn, void *ud) {
  uint64_t upto = all ? UINT64_MAX : matched_upto(s);
  while (s->phead < s->ptail) {
    const gz_pending *p = &s->pq[s->phead % PQ_CAP];
    int rc;
    if (!all && p->offset + s->lookahead > upto) {
      break;
    }
    rc = emit_one(s, fn, ud);
    if (rc) {
      return rc;
    }
  }
  return 0;
}

/* ---- matching ------------------------------------------------------------ */

void gz_tok_key(gazmap_scanner *s, tok *t) {
  const char *letters;
  size_t nl;
  t->flags |= F_KEYED;
  t->keylen = 0;
  t->nvar = 0;
  t->key[0] = '\0';
  if (t->flags & F_LONG) {
    return;
  }
  letters = tok_letters(t, &nl);
  if (!(t->flags & F_ASCII) && nl > 0 && nl <= KCACHE_LET) {
    uint64_t h = gz_hash_base(letters, nl);
    key_cache *c = &s->kcache[h & (KCACHE - 1)];
    if (c->letlen == nl && c->h == h && !memcmp(c->let, letters, nl)) {
      memcpy(t->key, c->key, c->keylen);
      t->key[c->keylen] = '\0';
      t->keylen = c->keylen;
    } else {
      if (gz_fold_word(s->folder, letters, nl, 0, t->key, &t->keylen) < 0) {
        t->flags |= F_LONG;
        return;
      }
      if (t->keylen < sizeof c->key) {
        c->h = h;
        c->letlen = (uint8_t)nl;
        c->keylen = (uint8_t)t->keylen;
        memcpy(c->let, letters, nl);
        memcpy(c->key, t->key, t->keylen);
      }
    }
  } else if (gz_fold_word(s->folder, letters, nl, (t->flags & F_ASCII) != 0, t->key, &t->keylen) <
             0) {
    t->flags |= F_LONG;
    return;
  }
  t->kh = gz_hash_base(t->key, t->keylen);
  t->flags &= (uint16_t)~F_VARD;
}

/* The skeleton of a word, computed once.  The skeleton of several words is
 * the concatenation of theirs (gazmap_skeleton works word by word). */
static void ensure_skel(gazmap_scanner *s, tok *t) {
  skel_cache *c;
  ensure_key(s, t);
  if (t->flags & F_SKELD) {
    return;
  }
  t->flags |= F_SKELD;
  c = &s->scache[t->kh & (SCACHE - 1)];
  if (c->keylen && c->kh == t->kh && c->keylen == t->keylen && !memcmp(c->key, t->key, c->keylen)) {
    memcpy(t->skel, c->skel, c->skellen);
    t->skel[c->skellen] = '\0';
    t->skellen = c->skellen;
    return;
  }
  gz_skel_of(t->key, t->keylen, t->skel, sizeof t->skel, &t->skellen);
  if (t->keylen > 0 && t->keylen < SCACHE_KEY && t->skellen < SCACHE_KEY) {
    c->kh = t->kh;
    c->keylen = (uint8_t)t->keylen;
    c->skellen = (uint8_t)t->skellen;
    memcpy(c->key, t->key, t->keylen);
    memcpy(c->skel, t->skel, t->skellen);
  }
}

void gz_ensure_vars(gazmap_scanner *s, tok *t) {
  ensure_key(s, t);
  if ((t->flags & F_CYR) && !(t->flags & F_VARD)) {
    size_t nl;
    const char *lt = tok_letters(t, &nl);
    uint64_t h = gz_hash_base(lt, nl);
    stem_cache *c = &s->vcache[h & (VCACHE - 1)];
    if (c->letlen && c->h == h && c->letlen == nl && !memcmp(c->let, lt, nl)) {
      t->nvar = c->nvar;
      memcpy(t->varlen, c->varlen, sizeof t->varlen);
      memcpy(t->var, c->var, sizeof t->var);
    } else {
      t->nvar = (uint8_t)gz_stems(s->folder, lt, nl, t->var, t->varlen);
      if (nl > 0 && nl <= VCACHE_LET) {
        c->h = h;
        c->letlen = (uint8_t)nl;
        c->nvar = t->nvar;
        memcpy(c->let, lt, nl);
        memcpy(c->varlen, t->varlen, sizeof c->varlen);
        memcpy(c->var, t->var, sizeof c->var);
      }
    }
  }
  t->flags |= F_VARD;
}

/* Joins the keys of tokens [i, i+n) with single spaces into buf; with
 * `combo`, Cyrillic words use their stem variant number combo % nvar (the
 * combination counter read in mixed radix).  `last`/`lastlen` replace the
 * last word when not NULL.  Returns the length, or 0 when it does not fit. */
static size_t join_keys(gazmap_scanner *s, uint64_t i, size_t n, int stems, unsigned combo,
                        const char *last, size_t lastlen, char *buf) {
  size_t k, o = 0;
  for (k = 0; k < n; k++) {
    tok *t = qat(s, i + k);
    const char *w = t->key;
    size_t wl = t->keylen;
    if (stems && t->nvar) {
      unsigned v = combo % t->nvar;
      combo /= t->nvar;
      w = t->var[v];
      wl = t->varlen[v];
    }
    if (k == n - 1 && last) {
      w = last;
      wl = lastlen;
    }
    if (o + wl + 2 > SPAN_MAX) {
      return 0;
    }
    if (k) {
      buf[o++] = ' ';
    }
    memcpy(buf + o, w, wl);
    o += wl;
  }
  buf[o] = '\0';
  return o;
}

static size_t build_surface(gazmap_scanner *s, uint64_t i, size_t n, char *out, size_t cap);

/* The span of words [first, last] in code points and UTF-16 units. */
static void set_units(gz_pending *p, const tok *first, const tok *last) {
  p->char_offset = first->coff;
  p->char_length = (size_t)(last->cend - first->coff);
  p->utf16_offset = first->uoff;
  p->utf16_length = (size_t)(last->uend - first->uoff);
}

/* The language of a name, primary subtag only ("hy-Latn" -> "hy"). */
static int lang_is(const gazmap_name *nm, const char *l) {
  size_t n = strlen(l);
  return nm && nm->lang && !strncmp(nm->lang, l, n) && (nm->lang[n] == '\0' || nm->lang[n] == '-');
}

/* Whether a name is in one of the registry languages of `langs`. */
static int lang_in(const gazmap_name *nm, uint32_t langs) {
  size_t i;
  for (i = 0; i < gz_lang_count(); i++) {
    if ((langs >> i & 1u) && lang_is(nm, gz_lang_at(i)->code)) {
      return 1;
    }
  }
  return 0;
}

size_t gz_take(gazmap_scanner *s, const gz_group *gr, uint32_t langs, gz_pending *p) {
  uint32_t k;
  int latin_text = (qat(s, s->span_first)->flags & F_LATIN) != 0;
  p->ncand = 0;
  for (k = 0; k < gr->count; k++) {
    const gz_entry *e = &s->ix->entries[gr->first + k];
    size_t j;
    if (langs && !lang_in(e->name, langs)) {
      continue;
    }
    /* Latin text meets only names written in Latin letters: a name in
     * another script folds to a transliteration, which may be an ordinary
     * word ("Azerbaijani" from the Georgian name of Azerbaijan).  Latin
     * spellings worth finding are listed as names of their own. */
    if (latin_text && !e->latin) {
      continue;
    }
    /* A looser spelling must still end as the name ends: the skeleton
     * drops vowels, and "Azerbaijani" is no spelling of "Azerbaijan". */
    if (gr->table == T_SKEL && e->lastc != s->span_last) {
      continue;
    }
    /* Abbreviations (NK, USSR) count only as written: "Nk" is no name. */
    if (e->name->flags & GAZMAP_NAME_ABBREV) {
      if (!s->surface_built) {
        build_surface(s, s->span_first, s->span_n, s->surface, sizeof s->surface);
        s->surface_built = 1;
      }
      if (strcmp(e->name->text, s->surface)) {
        continue;
      }
    }
    for (j = 0; j < p->ncand; j++) {
      if (p->cand[j] == e->place) {
        break;
      }
    }
    if (j == p->ncand && p->ncand < GZ_MAX_CANDS) {
      p->cand[p->ncand] = e->place;
      p->cname[p->ncand] = e->name;
      p->ncand++;
    }
  }
  return p->ncand;
}

/* The surface of tokens [i, i+n): words and the separators between them, as
 * written.  Returns its length (cut at GZ_SURFACE_MAX - 1). */
static size_t build_surface(gazmap_scanner *s, uint64_t i, size_t n, char *out, size_t cap) {
  size_t k, o = 0;
  for (k = 0; k < n; k++) {
    tok *t = qat(s, i + k);
    if (k) {
      size_t m = t->seplen < cap - 1 - o ? t->seplen : cap - 1 - o;
      memcpy(out + o, t->sepraw, m);
      o += m;
    }
    {
      size_t m = t->rawlen < cap - 1 - o ? t->rawlen : cap - 1 - o;
      memcpy(out + o, t->raw, m);
      o += m;
    }
  }
  out[o] = '\0';
  return o;
}

/* The ways a span is tried (try_span), as bits: the folded key, Russian
 * stems, a suffix or possessive on the last word, the skeleton. */
enum { L_FOLD = 1, L_STEM = 2, L_ENDING = 4, L_SKEL = 8 };

/* Tries the span [i, i+n) in every way of `layers` a name can be written in
 * running text, strictest first.  Fills p and returns 1 on a match. */
static int try_span(gazmap_scanner *s, uint64_t i, size_t n, unsigned layers, gz_pending *p) {
  tok *last = qat(s, i + n - 1);
  const gz_group *gr;
  size_t kl;
  ensure_key(s, last);
  p->how[0] = '\0';
  s->span_first = i;
  s->span_n = n;
  s->surface_built = 0;
  s->last_group = NULL;
  if (layers & L_FOLD) {
    kl = join_keys(s, i, n, 0, 0, NULL, 0, s->span);
    if (kl && (gr = gz_words_get(s->ix, T_FOLD, s->span, kl)) && gz_take(s, gr, 0, p)) {
      p->kind = GAZMAP_MATCH_FOLDED;
      p->match_conf = 0.97;
      s->last_group = gr;
      return 1;
    }
  }
  if (layers & L_STEM) {
    unsigned combos = 1, combo;
    size_t k;
    for (k = 0; k < n; k++) {
      tok *u = qat(s, i + k);
      gz_ensure_vars(s, u);
      combos *= u->nvar ? u->nvar : 1;
    }
    for (combo = 0; combo < combos && combo < MAX_COMBOS; combo++) {
      kl = join_keys(s, i, n, 1, combo, NULL, 0, s->span);
      if (kl && (gr = gz_words_get(s->ix, T_STEM, s->span, kl)) && gz_take(s, gr, 0, p)) {
        p->kind = GAZMAP_MATCH_FOLDED;
        p->match_conf = 0.92;
        strcpy(p->how, "a Russian case form");
        return 1;
      }
    }
  }
  /* Case suffixes written without an apostrophe (gz_lang.case_suffixes:
   * Turkish and Azerbaijani), tried on the last word and kept only for names
   * of the suffix's languages: "Qarabağda". */
  if ((layers & L_ENDING) && (last->flags & F_LATIN) && !(last->flags & F_ALLCAPS) &&
      last->suffix == 0 && last->keylen >= 5 &&
      strchr(s->ix->suffix_ends, last->key[last->keylen - 1])) {
    unsigned char end = (unsigned char)last->key[last->keylen - 1];
    size_t k;
    for (k = s->sfx_start[end]; k < s->sfx_start[end + 1]; k++) {
      const gz_suffix *sf = &s->ix->suffixes[s->sfx_list[k]];
      size_t sl = sf->len;
      if (last->keylen >= sl + 4 && !memcmp(last->key + last->keylen - sl, sf->text, sl)) {
        kl = join_keys(s, i, n, 0, 0, last->key, last->keylen - sl, s->span);
        if (kl && (gr = gz_words_get(s->ix, T_FOLD, s->span, kl)) && gz_take(s, gr, sf->langs, p)) {
          p->kind = GAZMAP_MATCH_FOLDED;
          p->match_conf = 0.88;
          memcpy(p->how, sf->how, sizeof p->how);
          return 1;
        }
      }
    }
  }
  /* Endings of a script with no other stemming (gz_lang.script_endings:
   * Armenian) on the last word, kept only for names of the ending's
   * language: "Շուշիում", "Լեռնային Ղարաբաղում". */
  if ((layers & L_ENDING) && s->script_langs &&
      !(last->flags & (F_LATIN | F_CYR | F_ASCII | F_DIGIT)) && last->suffix == 0) {
    char var[GZ_MAX_STEMS][GZ_STEM_MAX];
    uint8_t vl[GZ_MAX_STEMS];
    uint32_t langs[GZ_MAX_STEMS];
    size_t nl, nv, v;
    const char *lt = tok_letters(last, &nl);
    nv = gz_script_stems(s->folder, lt, nl, var, vl, langs);
    for (v = 0; v < nv; v++) {
      kl = join_keys(s, i, n, 0, 0, var[v], vl[v], s->span);
      if (kl && (gr = gz_words_get(s->ix, T_FOLD, s->span, kl)) && gz_take(s, gr, langs[v], p)) {
        p->kind = GAZMAP_MATCH_FOLDED;
        p->match_conf = 0.88;
        snprintf(p->how, sizeof p->how, "an %s case ending",
                 gz_lang_at((size_t)__builtin_ctz(langs[v]))->name);
        return 1;
      }
    }
  }
  /* A possessive whose apostrophe the PDF extraction lost (languages with
   * possessive_s: English): "Azerbaijans belief". */
  if (s->ix->possessive_langs && (layers & L_ENDING) && (last->flags & F_LATIN) &&
      last->suffix == 0 && last->keylen >= 5 && last->key[last->keylen - 1] == 's') {
    kl = join_keys(s, i, n, 0, 0, last->key, last->keylen - 1u, s->span);
    if (kl && (gr = gz_words_get(s->ix, T_FOLD, s->span, kl)) &&
        gz_take(s, gr, s->ix->possessive_langs, p)) {
      p->kind = GAZMAP_MATCH_FOLDED;
      p->match_conf = 0.8;
      snprintf(p->how, sizeof p->how, "a possessive whose apostrophe is missing");
      return 1;
    }
  }
  if (layers & L_SKEL) {
    char sk[SPAN_MAX];
    size_t sl = 0, k;
    kl = n - 1;
    for (k = 0; k < n; k++) {
      tok *u = qat(s, i + k);
      ensure_skel(s, u);
      kl += u->keylen;
      if (sl + u->skellen < sizeof sk) {
        memcpy(sk + sl, u->skel, u->skellen);
        sl += u->skellen;
      }
    }
    s->span_last = last->keylen ? last->key[last->keylen - 1] : 0;
    if (kl >= 6) {
      if (sl >= 5 && (gr = gz_words_get(s->ix, T_SKEL, sk, sl)) && gz_take(s, gr, 0, p)) {
        p->kind = GAZMAP_MATCH_SKELETON;
        p->match_conf = 0.75;
        snprintf(p->how, sizeof p->how, "a spelling with the same skeleton");
        return 1;
      }
    }
  }
  return 0;
}

/* Whether `key` (n bytes) holds exactly one space: two words' keys joined,
 * neither with a space of its own. */
static int one_space(const char *key, size_t n) {
  const char *sp = memchr(key, ' ', n);
  return sp && !memchr(sp + 1, ' ', n - (size_t)(sp + 1 - key));
}

/* For a span of `navail` words at i whose first word begins names of at
 * most ff (folded), fst (stemmed) and fsk (skeleton) words, what its first
 * two words allow (the T_PAIR_ tables): the most words of the folded and of
 * the stemmed names that begin with them into pair[0] and pair[1] (0 when
 * none does), and in pair[2] whether their skeletons begin some name's
 * skeleton.  With one word available, or where the tables cannot say
 * (ix->pairs == 0, a key with a space in it), the first-word limits stand. */
static void pairs_of(gazmap_scanner *s, uint64_t i, size_t navail, int ff, int fst, int fsk,
                     size_t pair[3]) {
  char key[SPAN_MAX];
  size_t kl;
  pair[0] = (size_t)ff;
  pair[1] = (size_t)fst;
  pair[2] = (size_t)fsk;
  if (navail < 2 || !s->ix->pairs) {
    return;
  }
  if (ff >= 2) {
    kl = join_keys(s, i, 2, 0, 0, NULL, 0, key);
    if (kl && one_space(key, kl)) {
      pair[0] = gz_first_words(s->ix, gz_words_get(s->ix, T_PAIR_FOLD, key, kl));
    }
  }
  if (fst >= 2) {
    tok *a = qat(s, i), *b = qat(s, i + 1);
    unsigned combo, combos;
    size_t most = 0;
    gz_ensure_vars(s, a);
    gz_ensure_vars(s, b);
    combos = (a->nvar ? a->nvar : 1u) * (b->nvar ? b->nvar : 1u);
    for (combo = 0; combo < combos && most < (size_t)fst; combo++) {
      size_t m = (size_t)fst;
      kl = join_keys(s, i, 2, 1, combo, NULL, 0, key);
      if (kl && one_space(key, kl)) {
        m = gz_first_words(s->ix, gz_words_get(s->ix, T_PAIR_STEM, key, kl));
      }
      most = m > most ? m : most;
    }
    pair[1] = most;
  }
  if (fsk >= 1) {
    tok *a = qat(s, i), *b = qat(s, i + 1);
    ensure_skel(s, a);
    ensure_skel(s, b);
    kl = (size_t)a->skellen + b->skellen;
    if (kl && kl < sizeof key) {
      memcpy(key, a->skel, a->skellen);
      memcpy(key + a->skellen, b->skel, b->skellen);
      pair[2] = gz_words_get(s->ix, T_PAIR_SKEL, key, kl) ? (size_t)fsk : 0;
    }
  }
}

/* The ways to try a span of n words (try_span's layers), from the first-word
 * limits ff, fst, fsk and what the first two words allow (pair[], pairs_of).
 * A span of one word is tried in every way; of two, the suffix and
 * possessive forms change the second word, so only the first word limits
 * them; of three or more, the folded and stemmed layers need a name of at
 * least n words that begins with the span's first two words.  The skeleton
 * layer of a span of two words or more needs only that its first two words'
 * skeletons begin a name's. */
static unsigned span_layers(size_t n, int ff, int fst, int fsk, const size_t pair[3]) {
  unsigned layers = 0;
  if (n == 1) {
    return (ff ? L_FOLD : 0) | (fst ? L_STEM : 0) | L_ENDING | (fsk ? L_SKEL : 0);
  }
  if (n <= pair[0]) {
    layers |= L_FOLD | L_ENDING;
  }
  if (n == 2 && ff >= 2) {
    layers |= L_ENDING;
  }
  if (n <= pair[1]) {
    layers |= L_STEM;
  }
  if (fsk && pair[2]) {
    layers |= L_SKEL;
  }
  return layers;
}

/* Looks for a name starting at token qproc; advances qproc past it (or by one
 * token) and queues a pending mention. */
static int match_at(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  uint64_t i = s->qproc;
  tok *t = qat(s, i);
  size_t navail = 1, n, maxn;
  int ff, fst, fsk, adjective = 0;
  size_t pair[3];
  gz_pending *p;

  s->qproc++;
  if ((t->flags & (F_URL | F_LONG)) || !(t->flags & F_CAP)) {
    return 0;
  }
  ensure_key(s, t);
  if (t->keylen == 0) {
    return 0;
  }
  {
    /* Whether a word may start a name: the same few hundred words come back
     * all the time in running text, so the answer is cached by key hash (a
     * 64-bit hash: a collision would only cost one missed span). */
    first_cache *fc = cache_slot(s, t);
    if (fc->valid) {
      ff = fc->ff;
      fsk = fc->fsk;
    } else {
      ff =
          (int)gz_first_words(s->ix, gz_words_get_h(s->ix, T_FIRST_FOLD, t->key, t->keylen, t->kh));
      fsk = 0;
      if (t->keylen >= 4 && !(t->flags & F_DIGIT)) {
        ensure_skel(s, t);
        fsk =
            t->skellen >= 2
                ? (int)gz_first_words(s->ix, gz_words_get(s->ix, T_FIRST_SKEL, t->skel, t->skellen))
                : 0;
      }
      fc->kh = t->kh;
      fc->valid = 1;
      fc->ff = (uint8_t)ff;
      fc->fsk = (uint8_t)fsk;
    }
  }
  fst = 0;
  if (t->flags & F_CYR) {
    first_cache *fc = cache_slot(s, t);
    if (!fc->fst_valid) {
      size_t k;
      gz_ensure_vars(s, t);
      for (k = 0; k < t->nvar; k++) {
        size_t w =
            gz_first_words(s->ix, gz_words_get(s->ix, T_FIRST_STEM, t->var[k], t->varlen[k]));
        fst = w > (size_t)fst ? (int)w : fst;
      }
      fc->fst = (uint8_t)fst;
      fc->fst_valid = 1;
    }
    fst = fc->fst;
  }
  /* Only a word that starts some name opens a span of several words, and
   * only as many as the longest such name has. */
  maxn = (size_t)(ff > fst ? ff : fst);
  maxn = (size_t)fsk > maxn ? (size_t)fsk : maxn;
  while (navail < maxn && i + navail < s->qtail && qat(s, i + navail - 1)->suffix == 0) {
    tok *u = qat(s, i + navail);
    if (!joinable(u->sep) || (u->flags & (F_URL | F_LONG))) {
      break;
    }
    ensure_key(s, u);
    navail++;
  }
  if (s->ptail - s->phead == PQ_CAP) {
    int rc = emit_one(s, fn, ud);
    if (rc) {
      return rc;
    }
  }
  p = &s->pq[s->ptail % PQ_CAP];
  pairs_of(s, i, navail, ff, fst, fsk, pair);
  for (n = navail; n >= 1; n--) {
    unsigned layers = span_layers(n, ff, fst, fsk, pair);
    if (layers && try_span(s, i, n, layers, p)) {
      break;
    }
  }
  if (n == 0 && (t->flags & F_CYR) && (adjective = gz_ru_adjective(s, i, p)) > 0) {
    n = 1;
  }
  if (n == 0) {
    /* A word the text marks as a place that no name matches. */
    if (s->unresolved && (n = gz_unresolved_at(s, i, p)) > 0) {
      tok *last = qat(s, i + n - 1);
      p->offset = t->off;
      p->length = (size_t)(last->off + last->len - t->off);
      set_units(p, t, last);
      if (p->length >= GZ_SURFACE_MAX) {
        return 0;
      }
      build_surface(s, i, n, p->surface, sizeof p->surface);
      s->ptail++;
      s->qproc = i + n;
      s->last_match_seq = last->seq + 1;
    }
    return 0;
  }
  {
    tok *last = qat(s, i + n - 1);
    size_t sl;
    if (!s->keep_persons && p->how[0] == '\0' && gz_person_around(s, i, i + n, t)) {
      return 0;
    }
    p->offset = t->off;
    p->length = (size_t)(last->off + last->len - t->off);
    set_units(p, t, last);
    if (p->length >= GZ_SURFACE_MAX) {
      return 0; /* only noise makes a name this long: no mention */
    }
    sl = build_surface(s, i, n, p->surface, sizeof p->surface);
    /* An exact match is the name byte for byte as the gazetteer writes it,
     * whichever of the names with this key that is ("Nagorno Karabakh"
     * beside "Nagorno-Karabakh"). */
    if (p->how[0] == '\0' && p->kind == GAZMAP_MATCH_FOLDED && s->last_group) {
      const gz_group *gr = s->last_group;
      uint32_t k;
      size_t j;
      for (k = 0; k < gr->count; k++) {
        const gz_entry *e = &s->ix->entries[gr->first + k];
        if (strlen(e->name->text) != sl || memcmp(e->name->text, p->surface, sl)) {
          continue;
        }
        for (j = 0; j < p->ncand; j++) {
          if (p->cand[j] == e->place) {
            p->cname[j] = e->name;
            p->kind = GAZMAP_MATCH_EXACT;
            p->match_conf = 1.0;
          }
        }
      }
    }
    p->role = gz_role_after(s, i + n);
    /* An adjective before a district word names the district, even when
     * other adjectives stand between ("Агдамского и Лачинского районов"). */
    p->cue = adjective == 2 ? GZ_CUE_DISTRICT : gz_cue_around(s, i, i + n);
    p->weak = n == 1 && gz_key_in(s, T_WEAK, t) ? GZ_WEAK_WORD : 0;
    if (n == 1 && gz_name_follows(s, i + 1)) {
      p->weak |= GZ_WEAK_BEFORE_NAME;
    }
    p->road = ((t->flags | last->flags) & F_DIGIT) ? gz_road_around(s, i, i + n) : 0;
    p->twin = 0;
    p->drop = 0;
    p->chosen = 0;
    p->resolve_conf = 1.0;
    p->why[0] = '\0';
    s->ptail++;
    s->qproc = i + n;
    s->last_match_seq = last->seq + 1;
  }
  return 0;
}

int gz_run_matcher(gazmap_scanner *s, int all, gazmap_mention_fn fn, void *ud) {
  /* The first word that must wait for the open blob to end (see BLOB_HOLD);
   * UINT64_MAX when none must. */
  uint64_t hold = UINT64_MAX;
  if (!all && s->in_blob && s->blob_ntok < BLOB_HOLD) {
    uint64_t ob = s->qtail - s->blob_ntok;
    hold = ob > LOOK_TOKENS ? ob - LOOK_TOKENS : 0;
  }
  while (s->qproc < s->qtail && (all || s->qtail - s->qproc > LOOK_TOKENS)) {
    int rc;
    if (s->qproc >= hold) {
      break;
    }
    rc = match_at(s, fn, ud);
    /* Report what became ready at once: the queue's length when the next
     * word is matched must not depend on where the input was cut. */
    if (rc == 0 && !all && s->phead < s->ptail &&
        s->pq[s->phead % PQ_CAP].offset + s->lookahead <= matched_upto(s)) {
      rc = emit_ready(s, 0, fn, ud);
    }
    if (rc) {
      return rc;
    }
  }
  while (s->qproc - s->qhead > HISTORY) {
    s->qhead++;
  }
  return 0;
}

int gazmap_scanner_feed(gazmap_scanner *s, const char *data, size_t len, gazmap_mention_fn fn,
                        void *ud) {
  const unsigned char *b = (const unsigned char *)data;
  size_t used = 0;
  int rc = 0;
  if (s->finished) {
    reset_text(s);
  }
  if (len == 0) {
    return 0;
  }
  if (s->ncarry) {
    /* Complete the character split by the previous chunk. */
    unsigned char tmp[8];
    size_t take_n = 4 - s->ncarry < len ? 4 - s->ncarry : len, n = s->ncarry + take_n;
    uint64_t base = s->st.bytes - s->ncarry;
    memcpy(tmp, s->carry, s->ncarry);
    memcpy(tmp + s->ncarry, b, take_n);
    rc = gz_tokenize(s, tmp, n, base, 0, fn, ud, &used);
    if (rc) {
      return rc;
    }
    if (used < s->ncarry) {
      /* still incomplete: the chunk was tiny */
      memcpy(s->carry, tmp + used, n - used);
      s->ncarry = n - used;
      s->st.bytes += take_n;
      return gazmap_scanner_feed(s, data + take_n, len - take_n, fn, ud);
    }
    b += used - s->ncarry;
    len -= used - s->ncarry;
    s->st.bytes += used - s->ncarry;
    s->ncarry = 0;
  }
  rc = gz_tokenize(s, b, len, s->st.bytes, 0, fn, ud, &used);
  s->st.bytes += len;
  if (rc) {
    return rc;
  }
  if (used < len) {
    memcpy(s->carry, b + used, len - used);
    s->ncarry = len - used;
  }
  rc = gz_run_matcher(s, 0, fn, ud);
  if (rc == 0) {
    rc = emit_ready(s, 0, fn, ud);
  }
  return rc;
}

int gazmap_scanner_finish(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  int rc = 0;
  size_t used = 0;
  if (s->ncarry) {
    rc = gz_tokenize(s, s->carry, s->ncarry, s->st.bytes - s->ncarry, 1, fn, ud, &used);
    s->ncarry = 0;
  }
  if (rc == 0 && s->in_tok) {
    rc = gz_end_token(s, fn, ud);
  }
  if (rc == 0) {
    rc = gz_run_matcher(s, 1, fn, ud);
  }
  if (rc == 0) {
    rc = emit_ready(s, 1, fn, ud);
  }
  /* The counters stay readable until the next feed starts a new text. */
  s->finished = 1;
  return rc;
}

int gazmap_scan_buffer(gazmap_scanner *s, const char *text, size_t len, gazmap_mention_fn fn,
                       void *ud) {
  int rc = gazmap_scanner_feed(s, text, len, fn, ud);
  if (rc == 0) {
    rc = gazmap_scanner_finish(s, fn, ud);
  }
  return rc;
}
