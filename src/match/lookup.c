/* gazmap_lookup: the exact, folded and skeleton layers over the name index
 * (match/index.h), the looser layers (fuzzy.c, prefix.c) when asked for,
 * and the ranking.  The first lookup builds the index. */
#include "match/layers.h"

#include "util/error.h"
#include "util/utf8.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- collecting candidates -------------------------------------------- */

static int accepts(const gazmap_lookup_opts *o, const gazmap_place *p) {
  if (o->kinds && !(o->kinds & (1u << p->kind))) {
    return 0;
  }
  if (o->country && *o->country && !gazmap_country_in_list(o->country, p->country)) {
    return 0;
  }
  return 1;
}

/* Beyond this many km from the region of interest, a place's weight has
 * fallen to 1/e; within ROI_NEAR_KM of the point it is whole. */
#define ROI_SCALE_KM 250.0
#define ROI_NEAR_KM 50.0
/* A fuzzy match's folded letters may differ in at most one letter in
 * FUZZY_LETTERS (of the longer): the skeleton drops the vowels, which tell
 * short names apart. */
#define FUZZY_LETTERS 3

/* Rough km between two points (equirectangular: the region of interest is
 * a ranking weight, not a measurement, and must not load PROJ). */
static double rough_km(double lat1, double lon1, double lat2, double lon2) {
  const double rad = 3.14159265358979323846 / 180.0;
  double x = (lon2 - lon1) * cos((lat1 + lat2) / 2 * rad), y = lat2 - lat1;
  if (x > 180) {
    x = 360 - x;
  } else if (x < -180) {
    x = 360 + x;
  }
  return 111.195 * sqrt(x * x + y * y);
}

/* How much `p` lies in the region of interest, 0..1 (gazetteer.h). */
static double roi_of(const gazmap_gazetteer *g, const gazmap_lookup_opts *o,
                     const gazmap_place *p) {
  double d;
  if (o->version >= 2 && o->has_near) {
    d = rough_km(o->near_lat, o->near_lon, p->lat, p->lon) - ROI_NEAR_KM;
  } else if (o->country && *o->country) {
    return gazmap_country_in_list(o->country, p->country) ? 1.0 : 0.0;
  } else if (g->has_roi) {
    double lat = p->lat < g->roi_lat0 ? g->roi_lat0 : p->lat > g->roi_lat1 ? g->roi_lat1 : p->lat;
    double lon = p->lon < g->roi_lon0 ? g->roi_lon0 : p->lon > g->roi_lon1 ? g->roi_lon1 : p->lon;
    d = rough_km(lat, lon, p->lat, p->lon);
  } else {
    return 1.0;
  }
  return d <= 0 ? 1.0 : exp(-d / ROI_SCALE_KM);
}

/* The weight that orders candidates of one kind and distance: importance,
 * and for the looser layers the region of interest too, which can lower a
 * far place's score by up to 0.25 (so that a fuzzy "Voskepar" far away is
 * refused rather than shown). */
static double rank_of(const gazmap_gazetteer *g, const gazmap_lookup_opts *o,
                      const gazmap_place *p, gazmap_match_kind kind) {
  double r = 0.09 * p->importance;
  if (kind == GAZMAP_MATCH_SKELETON || kind == GAZMAP_MATCH_FUZZY) {
    r -= 0.25 * (1.0 - roi_of(g, o, p));
  }
  return r;
}

/* The slot of `place` in the table of places collected by this lookup
 * (of an older generation when the place is not there yet). */
static struct gz_seen *seen_slot(gz_index *ix, uint32_t place) {
  size_t i = (size_t)(place * 2654435761u) & ix->seen_mask;
  while (ix->seen[i].gen == ix->gen && ix->seen[i].place != place) {
    i = (i + 1) & ix->seen_mask;
  }
  return &ix->seen[i];
}

/* Makes room for one more candidate: the candidates and the table of
 * places seen (kept at most half full) grow together. */
static int cand_room(gz_index *ix) {
  size_t i;
  if (ix->ncands == ix->cap_cands) {
    size_t cap = ix->cap_cands ? ix->cap_cands * 2 : 64;
    gz_cand *nc = realloc(ix->cands, cap * sizeof *nc);
    if (!nc) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    ix->cands = nc;
    ix->cap_cands = cap;
  }
  if (!ix->seen || 2 * (ix->ncands + 1) > ix->seen_mask + 1) {
    size_t cap = ix->seen ? 2 * (ix->seen_mask + 1) : 128;
    struct gz_seen *ns = calloc(cap, sizeof *ns);
    if (!ns) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    free(ix->seen);
    ix->seen = ns;
    ix->seen_mask = cap - 1;
    for (i = 0; i < ix->ncands; i++) {
      struct gz_seen *sl = seen_slot(ix, ix->cands[i].place);
      sl->gen = ix->gen;
      sl->place = ix->cands[i].place;
      sl->pos = (uint32_t)i;
    }
  }
  return 0;
}

int gz_collect(gazmap_gazetteer *g, const gazmap_lookup_opts *o, uint32_t name,
               gazmap_match_kind kind, int dist) {
  gz_index *ix = g->index;
  uint32_t place;
  const gazmap_place *p;
  const gazmap_name *nm;
  struct gz_seen *sl;
  gz_cand *c;
  int rc;
  /* A compiled index's numbers are checked where they are used. */
  if (name >= g->nnames || (place = g->name_place[name]) >= g->nplaces) {
    return 0;
  }
  p = gz_place(g, place);
  if (!accepts(o, p)) {
    return 0;
  }
  nm = gz_name(g, name);
  sl = seen_slot(ix, place);
  if (sl->gen == ix->gen) {
    c = &ix->cands[sl->pos];
    if (kind < c->kind || (kind == c->kind && dist < c->dist)) {
      c->kind = kind;
      c->dist = dist;
      c->name = name;
      c->primary = !strcmp(nm->text, p->name);
      c->rank = rank_of(g, o, p, kind);
    }
    return 0;
  }
  if ((rc = cand_room(ix)) < 0) {
    return rc;
  }
  sl = seen_slot(ix, place);
  sl->gen = ix->gen;
  sl->place = place;
  sl->pos = (uint32_t)ix->ncands;
  c = &ix->cands[ix->ncands++];
  c->place = place;
  c->name = name;
  c->kind = kind;
  c->dist = dist;
  c->importance = p->importance;
  c->curated = !p->imported;
  c->primary = !strcmp(nm->text, p->name);
  c->rank = rank_of(g, o, p, kind);
  c->id = p->id;
  return 0;
}

/* The first sound of a folded key, as far as onset_agrees needs it: 'k'
 * for k, q and gh, 'g' for g, 'x' for x and kh, 'h' for h, else 0. */
static char onset_of(const char *k) {
  switch (k[0]) {
  case 'k':
    return k[1] == 'h' ? 'x' : 'k';
  case 'q':
    return 'k';
  case 'g':
    return k[1] == 'h' ? 'k' : 'g';
  case 'x':
    return 'x';
  case 'h':
    return 'h';
  default:
    return 0;
  }
}

/* Whether a skeleton or fuzzy match keeps the first sound of the query.
 * The skeleton puts k, q, g, x, kh and h in one class, which the
 * romanizations need inside a name; a name's first sound is written more
 * steadily: k, q, g and gh are one sound (Qazax, Gazakh, Kazakh, Ghapan),
 * x, kh and h another (Xankəndi, Khankendi, Hankendi), and only Russian's
 * г for h crosses them (Гадрут, Hadrut).  So Xeyrimli or Heyrimli is not
 * Kərəmli, nor Qovlar Khanlar. */
static int onset_agrees(const char *q, const char *k) {
  char a = onset_of(q), b = onset_of(k);
  if (!a || !b || a == b) {
    return 1;
  }
  if (a > b) {
    char t = a;
    a = b;
    b = t;
  }
  /* pairs in order: g-h, g-k, h-x agree; g-x, h-k, k-x do not */
  return (a == 'g' && (b == 'h' || b == 'k')) || (a == 'h' && b == 'x');
}

int gz_collect_chain(gazmap_gazetteer *g, const gazmap_lookup_opts *o, gz_keyset ks, uint32_t head,
                     gazmap_match_kind kind, int dist, size_t guard_len) {
  size_t steps;
  int rc;
  gz_index *ix = g->index;
  int loose = kind == GAZMAP_MATCH_SKELETON || kind == GAZMAP_MATCH_FUZZY;
  /* A chain is at most every entry long: a mapped one may loop. */
  for (steps = 0; head && steps < ks.t->n; head = gz_hashtab_next(ks.t, head - 1), steps++) {
    uint32_t id = head - 1;
    if (loose) {
      const char *fk = gz_key_at(ks.name_of ? ix->alias_fold_src : ix->fold_src, id);
      if (!onset_agrees(ix->qfold, fk)) {
        continue;
      }
      /* A fuzzy match is near in its letters too, vowels included: the
       * skeleton drops them, and a name of four consonants is then one
       * edit from many others (Kheyrimli, krml, is not Horovlu, krvl). */
      if (kind == GAZMAP_MATCH_FUZZY) {
        size_t ql = strlen(ix->qfold), fl = strlen(fk);
        int max = (int)((ql > fl ? ql : fl) / FUZZY_LETTERS);
        if (fl <= GZ_EDIT_MAX && gz_bounded_levenshtein(ix->qfold, ql, fk, fl, max) > max) {
          continue;
        }
      }
    }
    if (guard_len) {
      size_t fl = ks.lens[id];
      if ((fl > guard_len ? fl - guard_len : guard_len - fl) > 2) {
        continue;
      }
    }
    rc = gz_collect(g, o, ks.name_of ? ks.name_of[id] : id, kind, dist);
    if (rc < 0) {
      return rc;
    }
  }
  return 0;
}

/* Probes `ks` for `key` (n bytes) and collects every name that has it. */
static int probe(gazmap_gazetteer *g, const gazmap_lookup_opts *o, gz_keyset ks, const char *key,
                 size_t n, gazmap_match_kind kind, int dist, size_t guard_len) {
  uint32_t head = gz_hashtab_get(ks.t, key, n, ks.src);
  return head ? gz_collect_chain(g, o, ks, head, kind, dist, guard_len) : 0;
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
  const gz_cand *x = a, *y = b;
  if (x->kind != y->kind) {
    return x->kind < y->kind ? -1 : 1;
  }
  if (x->dist != y->dist) {
    return x->dist < y->dist ? -1 : 1;
  }
  if (x->curated != y->curated) {
    return x->curated ? -1 : 1;
  }
  if (!x->curated && x->kind <= GAZMAP_MATCH_FOLDED && x->primary != y->primary) {
    return x->primary ? -1 : 1;
  }
  if (x->rank != y->rank) {
    return x->rank > y->rank ? -1 : 1;
  }
  return strcmp(x->id, y->id);
}

/* Scores keep the ranking's order: the layer (and, for fuzzy matches, the
 * distance) sets a band at least 0.1 wide, and importance (0..1) moves a
 * match by at most 0.09 within it, so bands never overlap. */
static double score_of(const gz_cand *c) {
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
  /* rank is 0.09 * importance, less the region-of-interest penalty. */
  return base + c->rank;
}

int gazmap_lookup(gazmap_gazetteer *g, const char *query, size_t len,
                  const gazmap_lookup_opts *opts, gazmap_match *out, size_t cap, size_t *n) {
  static const gazmap_lookup_opts defaults = GAZMAP_LOOKUP_OPTS_INIT;
  const gazmap_lookup_opts *o = opts ? opts : &defaults;
  gz_index *ix;
  size_t flen = 0, slen = 0, i, k;
  int rc;

  *n = 0;
  if (gz_utf8_invalid_at(query, len) < len) {
    return gz_fail(GAZMAP_EUTF8, NULL, 0, "the query is not valid UTF-8 (byte %zu)",
                   gz_utf8_invalid_at(query, len) + 1);
  }
  if ((rc = gz_index_get(g, &ix)) < 0) {
    return rc;
  }
  if (!ix->seen && (rc = cand_room(ix)) < 0) {
    return rc;
  }
  /* A new generation forgets the places of the last lookup; when it wraps
   * (every 4 billion lookups), the table is cleared once. */
  if (++ix->gen == 0) {
    memset(ix->seen, 0, (ix->seen_mask + 1) * sizeof *ix->seen);
    ix->gen = 1;
  }
  ix->ncands = 0;
  gz_keyset exact = {&ix->exact, ix->name_src, ix->fold_len, NULL};
  gz_keyset folded = {&ix->folded, ix->fold_src, ix->fold_len, NULL};
  gz_keyset skel = {&ix->skel, ix->skel_src, ix->fold_len, NULL};
  gz_keyset alias_folded = {&ix->alias_folded, ix->alias_fold_src, ix->alias_len,
                            ix->alias_name};
  gz_keyset alias_skel = {&ix->alias_skel, ix->alias_skel_src, ix->alias_len, ix->alias_name};
  if ((rc = probe(g, o, exact, query, len, GAZMAP_MATCH_EXACT, 0, 0)) < 0) {
    return rc;
  }
  if (!(o->stop_at_first_kind && ix->ncands)) {
    if ((rc = gz_index_query_room(ix, len)) < 0) {
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
    if ((rc = gz_fuzzy_layer(g, o, ix->qskel, slen)) < 0) {
      return rc;
    }
  }
  if (flen && o->prefix && !(o->stop_at_first_kind && ix->ncands)) {
    if ((rc = gz_prefix_layer(g, o, ix->qfold, flen)) < 0) {
      return rc;
    }
  }
  if (ix->ncands > 1) {
    qsort(ix->cands, ix->ncands, sizeof *ix->cands, cmp_cand);
  }
  for (i = 0, k = 0; i < ix->ncands && k < cap; i++) {
    const gz_cand *c = &ix->cands[i];
    double score = score_of(c);
    /* The looser layers' matches below the confidence asked for are refused. */
    if ((c->kind == GAZMAP_MATCH_SKELETON || c->kind == GAZMAP_MATCH_FUZZY) && o->version >= 2 &&
        score < o->min_score) {
      continue;
    }
    out[k].place = gz_place(g, c->place);
    out[k].name = gz_name(g, c->name);
    out[k].kind = c->kind;
    out[k].distance = c->dist;
    out[k].score = score < 0 ? 0 : score;
    k++;
  }
  *n = k;
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
