/* Places the gazetteer lacks: a capitalised word or two that the text itself
 * marks as a place ("the village of X", "X village", "X köyü", "X kəndi",
 * "село X", "в селе X", "X գյուղ", "X district", "X rayonu", "the X river",
 * "the X pass") and that no name of the gazetteer matched.  Reported, when
 * gazmap_scan_opts.unresolved asks for it, as GAZMAP_ROLE_UNRESOLVED
 * mentions without a place, with the cue words and, where the text names a
 * district or province near it, that area as a hint.
 *
 * The cue words are the languages' (text/lang/): the district and
 * settlement cues, and place_cues / place_cues_before. */
#include "scan/scan_internal.h"

#include "gazmap/gazetteer.h"

#include <stdio.h>
#include <string.h>

#define UNRESOLVED_CONF 0.5

/* Whether token t can be (a word of) the unknown name: capitalised, a word
 * of letters, not a function word, title, cue or head word, not a
 * demonym ("the Armenian village of ..."). */
static int name_word(gazmap_scanner *s, tok *t) {
  static const int not_names[] = {T_NOTGIVEN, T_TITLE, T_ORG,  T_AGREE,
                                  T_DCUE,     T_SCUE,  T_PCUE, T_PCUE_BEFORE};
  size_t k;
  if ((t->flags & (F_URL | F_LONG | F_DIGIT)) || !(t->flags & F_CAP)) {
    return 0;
  }
  ensure_key(s, t);
  if (t->keylen < 2) {
    return 0;
  }
  for (k = 0; k < sizeof not_names / sizeof not_names[0]; k++) {
    if (gz_key_in(s, not_names[k], t)) {
      return 0;
    }
  }
  return !gz_demonym_like(s, t);
}

/* Whether a word opens a sentence: there a capitalised word is most often
 * no name at all ("This region ..."), so only a cue before it counts. */
static int opens_sentence(const tok *t) {
  return t->sep == SEP_START || t->sep == SEP_PARA || memchr(t->sepraw, '.', t->seplen) ||
         memchr(t->sepraw, '!', t->seplen) || memchr(t->sepraw, '?', t->seplen) ||
         memchr(t->sepraw, ':', t->seplen) || memchr(t->sepraw, '"', t->seplen);
}

/* Whether token c, right after a name, marks it as a place. */
static int cue_after(gazmap_scanner *s, tok *c) {
  return c->sep == SEP_SPACE && !(c->flags & F_URL) &&
         (gz_key_in(s, T_DCUE, c) || gz_key_in(s, T_SCUE, c) || gz_key_in(s, T_PCUE, c));
}

/* Whether the two words before token i are a settlement or district cue
 * and "of": "the village of X", "the district of X". */
static int of_cue(gazmap_scanner *s, uint64_t i) {
  tok *of = qat(s, i - 1), *c = qat(s, i - 2);
  ensure_key(s, of);
  return of->keylen == 2 && !memcmp(of->key, "of", 2) && of->sep == SEP_SPACE &&
         (gz_key_in(s, T_SCUE, c) || gz_key_in(s, T_DCUE, c));
}

/* Appends the raw bytes of a token (with its separator when `sep`) to the
 * cue text of p, cut at its size. */
static void cue_add(gz_pending *p, size_t *n, const tok *t, int sep) {
  size_t room, m;
  if (sep) {
    room = sizeof p->cue_text - 1 - *n;
    m = t->seplen < room ? t->seplen : room;
    memcpy(p->cue_text + *n, t->sepraw, m);
    *n += m;
  }
  room = sizeof p->cue_text - 1 - *n;
  m = t->rawlen < room ? t->rawlen : room;
  memcpy(p->cue_text + *n, t->raw, m);
  *n += m;
  p->cue_text[*n] = '\0';
}

size_t gz_unresolved_at(gazmap_scanner *s, uint64_t i, gz_pending *p) {
  tok *t = qat(s, i), *u = NULL;
  size_t words = 0, n = 0;
  int two;
  /* Most capitalised words that no name matched have no cue around them at
   * all: that is looked at first, since it costs a few cached look-ups
   * where name_word costs a dozen.  The same conditions as below, only
   * looser (no word is yet known to be a name word). */
  if (!(t->sep == SEP_SPACE &&
        ((i >= 1 && i - 1 >= s->qhead && gz_key_in(s, T_PCUE_BEFORE, qat(s, i - 1))) ||
         (i >= 2 && i - 2 >= s->qhead && of_cue(s, i)))) &&
      (opens_sentence(t) || !((i + 1 < s->qtail && t->suffix == 0 && cue_after(s, qat(s, i + 1))) ||
                              (i + 2 < s->qtail && cue_after(s, qat(s, i + 2)))))) {
    return 0;
  }
  if (!name_word(s, t)) {
    return 0;
  }
  /* A second capitalised word, not itself the start of a known name. */
  if (i + 1 < s->qtail) {
    u = qat(s, i + 1);
    two =
        t->suffix == 0 && u->sep == SEP_SPACE && name_word(s, u) && !gz_key_in(s, T_FIRST_FOLD, u);
    if (!two) {
      u = NULL;
    }
  }
  p->cue_text[0] = '\0';
  /* Before it: "село X", "в селе X"; "the village of X", "the district of X". */
  if (i >= 1 && i - 1 >= s->qhead && t->sep == SEP_SPACE &&
      gz_key_in(s, T_PCUE_BEFORE, qat(s, i - 1))) {
    cue_add(p, &n, qat(s, i - 1), 0);
    words = u && !(i + 2 < s->qtail && cue_after(s, qat(s, i + 2))) ? 2 : 1;
  } else if (i >= 2 && i - 2 >= s->qhead && t->sep == SEP_SPACE && of_cue(s, i)) {
    cue_add(p, &n, qat(s, i - 2), 0);
    cue_add(p, &n, qat(s, i - 1), 1);
    words = u ? 2 : 1;
  }
  /* After it: "X village", "X köyü", "X Nor village", "the X river". */
  if (words == 0 && !opens_sentence(t)) {
    if (i + 1 < s->qtail && t->suffix == 0 && cue_after(s, qat(s, i + 1))) {
      cue_add(p, &n, qat(s, i + 1), 0);
      words = 1;
    } else if (u && i + 2 < s->qtail && u->suffix == 0 && cue_after(s, qat(s, i + 2))) {
      cue_add(p, &n, qat(s, i + 2), 0);
      words = 2;
    }
  }
  if (words == 0) {
    return 0;
  }
  p->ncand = 0;
  p->twin = 0;
  p->kind = GAZMAP_MATCH_NONE;
  p->match_conf = UNRESOLVED_CONF;
  p->role = GAZMAP_ROLE_UNRESOLVED;
  p->cue = GZ_CUE_NONE;
  p->weak = 0;
  p->how[0] = '\0';
  p->chosen = 0;
  p->drop = 0;
  p->resolve_conf = 1.0;
  p->hint = GZ_NO_HINT;
  snprintf(p->why, sizeof p->why, "no gazetteer name; '%s' next to it says it is a place",
           p->cue_text);
  return words;
}

/* Whether place index pl is a district or province. */
static int is_area(gazmap_scanner *s, size_t pl) {
  gazmap_kind k = gazmap_place_kind(gazmap_gazetteer_at(s->g, pl));
  return k == GAZMAP_KIND_DISTRICT || k == GAZMAP_KIND_REGION;
}

void gz_unresolved_hint(gazmap_scanner *s, gz_pending *p) {
  uint64_t j, lo = s->ptail > PQ_CAP ? s->ptail - PQ_CAP + 1 : 0, best_d = GZ_HINT_WINDOW + 1;
  size_t best = GZ_NO_HINT;
  /* Before it: resolved mentions still in the ring, nearest first. */
  for (j = s->phead; j-- > lo;) {
    const gz_pending *q = &s->pq[j % PQ_CAP];
    uint64_t end = q->offset + q->length, d;
    if (end > p->offset) {
      continue;
    }
    d = p->offset - end;
    if (d > GZ_HINT_WINDOW) {
      break;
    }
    if (!q->drop && q->role == GAZMAP_ROLE_LOCATION && q->ncand > 0 &&
        is_area(s, q->cand[q->chosen])) {
      best = q->cand[q->chosen];
      best_d = d;
      break;
    }
  }
  /* After it: unambiguous mentions not yet resolved. */
  for (j = s->phead + 1; j < s->ptail; j++) {
    const gz_pending *q = &s->pq[j % PQ_CAP];
    uint64_t d = q->offset - (p->offset + p->length);
    if (q->offset < p->offset + p->length) {
      continue;
    }
    if (d >= best_d || d > GZ_HINT_WINDOW) {
      break;
    }
    if (q->role == GAZMAP_ROLE_LOCATION && q->ncand == 1 && is_area(s, q->cand[0])) {
      best = q->cand[0];
      break;
    }
  }
  p->hint = best;
  if (best != GZ_NO_HINT) {
    size_t n = strlen(p->why);
    snprintf(p->why + n, sizeof p->why - n, "; the text names %s nearby, where it may lie",
             gazmap_place_name(gazmap_gazetteer_at(s->g, best)));
  }
}
