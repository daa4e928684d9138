/* Cues: what the words around a matched name say about it.  After it,
 * "Group" or "Üniversitesi" make it part of an organisation's name and
 * "Protocol" of an agreement's; a title before it ("Mr", "Sayın"), a family
 * name after it ("Sevan Nisanyan") or a lone given name before it make it
 * part of a person's name; "region", "rayonu" or "city of" tell a district
 * from a settlement for the resolver.  The words come from the language
 * registry (text/lang.h) through the name index's word tables. */
#include "scan/scan_internal.h"

#include "text/lang.h"

#include <string.h>

/* The word tables a key is in, cached like first words: the words around
 * each mention are asked about again and again. */
static const int word_tables[] = {T_FIRST_FOLD, T_ORG,  T_AGREE, T_DCUE,        T_SCUE, T_TITLE,
                                  T_NOTGIVEN,   T_WEAK, T_PCUE,  T_PCUE_BEFORE, T_RCUE};

_Static_assert(T_RCUE - T_FIRST_FOLD < 16, "a word table's bit must fit first_cache.words");

static int in_table(gazmap_scanner *s, int table, tok *t) {
  first_cache *fc;
  size_t k, v;
  ensure_key(s, t);
  fc = cache_slot(s, t);
  if (!fc->words_valid) {
    fc->words = 0;
    if (t->flags & F_CYR) {
      gz_ensure_vars(s, t);
    }
    for (k = 0; k < sizeof word_tables / sizeof word_tables[0]; k++) {
      int in = gz_words_get_h(s->ix, word_tables[k], t->key, t->keylen, t->kh) != NULL;
      for (v = 0; !in && v < t->nvar && (t->flags & F_CYR); v++) {
        in = gz_words_get(s->ix, word_tables[k], t->var[v], t->varlen[v]) != NULL;
      }
      if (in) {
        fc->words |= (uint16_t)(1u << (word_tables[k] - T_FIRST_FOLD));
      }
    }
    fc->words_valid = 1;
  }
  return (fc->words >> (table - T_FIRST_FOLD)) & 1;
}

int gz_key_in(gazmap_scanner *s, int table, tok *t) {
  return in_table(s, table, t);
}

/* The role of a name from the words after it: "Minsk Group", "OSCE Minsk
 * group", "Ankara Yıldırım Beyazıt University", "Bishkek protocol". */
gazmap_role gz_role_after(gazmap_scanner *s, uint64_t end) {
  size_t d;
  for (d = 0; d < ROLE_LOOK && end + d < s->qtail; d++) {
    tok *t = qat(s, end + d);
    if (!joinable(t->sep) || (t->flags & F_URL)) {
      break;
    }
    if (gz_key_in(s, T_ORG, t)) {
      return GAZMAP_ROLE_ORGANISATION;
    }
    if (gz_key_in(s, T_AGREE, t)) {
      return GAZMAP_ROLE_AGREEMENT;
    }
    if (!(t->flags & F_CAP) || (t->flags & F_DIGIT)) {
      break;
    }
  }
  return GAZMAP_ROLE_LOCATION;
}

/* Whether the folded key kl (n bytes) ends with one of `ends` (NULL-
 * terminated) and keeps more than `keep` bytes without it. */
static int ends_in(const char *key, size_t kl, const char *const *ends, size_t keep) {
  size_t k;
  for (k = 0; ends && ends[k]; k++) {
    size_t n = strlen(ends[k]);
    if (kl > n + keep && !memcmp(key + kl - n, ends[k], n)) {
      return 1;
    }
  }
  return 0;
}

/* A family name of the region (gz_lang.surname_endings): a capitalised word
 * right after a place word and ending so makes it a given name ("Sevan
 * Nisanyan", "Ararat Mirzoyan"). */
static int surname_like(gazmap_scanner *s, tok *t) {
  size_t i;
  ensure_key(s, t);
  for (i = 0; i < gz_lang_count(); i++) {
    if (ends_in(t->key, t->keylen, gz_lang_at(i)->surname_endings, 2)) {
      return 1;
    }
  }
  return 0;
}

/* An adjective of nationality ("Armenian", "Turkish": gz_lang.demonym_endings). */
static int demonym_like(const char *key, size_t kl) {
  size_t i;
  for (i = 0; i < gz_lang_count(); i++) {
    if (ends_in(key, kl, gz_lang_at(i)->demonym_endings, 0)) {
      return 1;
    }
  }
  return 0;
}

/* Whether the plain name at tokens [i, end) is part of a person's name:
 * after a title ("Mr", "President", "Sayın"), before a family name ("Sevan
 * Nisanyan"), or right after a lone capitalised word inside a sentence that
 * can only be a given name ("the poet Anna Berd"). */
int gz_person_around(gazmap_scanner *s, uint64_t i, uint64_t end, tok *first) {
  tok *a, *b;
  if (end < s->qtail) {
    tok *nx = qat(s, end);
    if (nx->sep == SEP_SPACE && nx->seplen == 1 && (nx->flags & F_CAP) &&
        !(nx->flags & (F_ALLCAPS | F_URL)) && qat(s, end - 1)->suffix == 0 && surname_like(s, nx)) {
      return 1;
    }
  }
  if (i == 0 || i - 1 < s->qhead) {
    return 0;
  }
  a = qat(s, i - 1);
  if ((first->sep == SEP_SPACE || first->sep == SEP_DOT) && gz_key_in(s, T_TITLE, a)) {
    return 1;
  }
  if (i >= 2 && i - 2 >= s->qhead && first->sep == SEP_SPACE && (a->flags & F_CAP) &&
      !(a->flags & F_ALLCAPS)) {
    b = qat(s, i - 2);
    if ((a->sep == SEP_SPACE || a->sep == SEP_DOT) && gz_key_in(s, T_TITLE, b)) {
      return 1; /* Mr Jack London */
    }
  }
  /* A given name: a capitalised Latin word on the same line, one space
   * before, not a place itself, not part of the previous mention, not a
   * function word or an adjective of nationality ("Armenian", "Turkish"). */
  if (first->sep == SEP_SPACE && first->seplen == 1 && first->sepraw[0] == ' ' &&
      (a->flags & F_CAP) && (a->flags & F_LATIN) && !(a->flags & (F_ALLCAPS | F_DIGIT | F_URL)) &&
      !(first->flags & F_ALLCAPS) && a->suffix == 0 && a->seq >= s->last_match_seq) {
    size_t kl;
    ensure_key(s, a);
    kl = a->keylen;
    /* "İlham Əliyev Şuşa..." in a verb-final sentence: a full name before
     * a place, not a given name. */
    if (surname_like(s, a)) {
      return 0;
    }
    if (i >= 2 && i - 2 >= s->qhead && joinable(a->sep) && (qat(s, i - 2)->flags & F_CAP)) {
      return 0;
    }
    /* A capitalised word opening a sentence is most often no name at all
     * ("Despite Armenia's ..."): only a word inside a sentence counts. */
    if (a->sep == SEP_START || a->sep == SEP_PARA || memchr(a->sepraw, '.', a->seplen) ||
        memchr(a->sepraw, '!', a->seplen) || memchr(a->sepraw, '?', a->seplen) ||
        memchr(a->sepraw, ':', a->seplen) || memchr(a->sepraw, '"', a->seplen)) {
      return 0;
    }
    if (kl < 2 || gz_key_in(s, T_NOTGIVEN, a) || gz_key_in(s, T_FIRST_FOLD, a) ||
        gz_key_in(s, T_ORG, a) || gz_key_in(s, T_AGREE, a)) {
      return 0;
    }
    if (demonym_like(a->key, kl)) {
      return 0;
    }
    return 1;
  }
  return 0;
}

int gz_demonym_like(gazmap_scanner *s, tok *t) {
  size_t cut;
  ensure_key(s, t);
  if (!demonym_like(t->key, t->keylen)) {
    return 0;
  }
  /* Village names end as demonyms do (Berdavan): only a word that is a
   * place's name plus a short ending counts ("Armenia-n", "Azerbaijan-i"). */
  for (cut = 1; cut <= 3 && cut + 3 <= t->keylen; cut++) {
    if (gz_words_get(s->ix, T_FIRST_FOLD, t->key, t->keylen - cut)) {
      return 1;
    }
  }
  return 0;
}

int gz_name_follows(gazmap_scanner *s, uint64_t end) {
  tok *nx;
  if (end >= s->qtail || qat(s, end - 1)->suffix) {
    return 0;
  }
  nx = qat(s, end);
  if (nx->sep != SEP_SPACE || nx->seplen != 1 || !(nx->flags & F_CAP) || !(nx->flags & F_LATIN) ||
      (nx->flags & (F_ALLCAPS | F_DIGIT | F_URL))) {
    return 0;
  }
  return !gz_key_in(s, T_FIRST_FOLD, nx) && !gz_key_in(s, T_DCUE, nx) &&
         !gz_key_in(s, T_SCUE, nx) && !gz_key_in(s, T_ORG, nx) && !gz_key_in(s, T_AGREE, nx) &&
         !gz_key_in(s, T_NOTGIVEN, nx);
}

int gz_cue_around(gazmap_scanner *s, uint64_t i, uint64_t end) {
  if (end < s->qtail) {
    tok *t = qat(s, end);
    if (joinable(t->sep) && !(t->flags & F_URL)) {
      if (gz_key_in(s, T_RCUE, t)) {
        return GZ_CUE_RIVER;
      }
      if (gz_key_in(s, T_DCUE, t)) {
        return GZ_CUE_DISTRICT;
      }
      if (gz_key_in(s, T_SCUE, t)) {
        return GZ_CUE_SETTLEMENT;
      }
    }
  }
  /* Russian puts the word before the name: "над городом Кельбаджар". */
  if (i >= 1 && i - 1 >= s->qhead && (qat(s, i)->flags & F_CYR)) {
    tok *b = qat(s, i - 1);
    if ((b->flags & F_CYR) && joinable(qat(s, i)->sep) && !(b->flags & F_URL)) {
      if (gz_key_in(s, T_RCUE, b)) {
        return GZ_CUE_RIVER;
      }
      if (gz_key_in(s, T_SCUE, b)) {
        return GZ_CUE_SETTLEMENT;
      }
      if (gz_key_in(s, T_DCUE, b)) {
        return GZ_CUE_DISTRICT;
      }
    }
  }
  if (i >= 2 && i - 2 >= s->qhead) {
    tok *of = qat(s, i - 1), *c = qat(s, i - 2);
    ensure_key(s, of);
    if (of->keylen == 2 && !memcmp(of->key, "of", 2) && gz_key_in(s, T_SCUE, c)) {
      return GZ_CUE_SETTLEMENT;
    }
  }
  return GZ_CUE_NONE;
}

/* The adjective ending (gz_lang.adjective_endings) the lower-case word
 * low ends with, or NULL. */
static const char *adjective_ending(const char *low, size_t ln, size_t letters) {
  size_t i, k;
  for (i = 0; i < gz_lang_count(); i++) {
    const char *const *end = gz_lang_at(i)->adjective_endings;
    for (k = 0; end && end[k]; k++) {
      if (gz_ends_with(low, ln, end[k], letters)) {
        return end[k];
      }
    }
  }
  return NULL;
}

/* Whether token t is a Russian place adjective ("Агдамского"); its ending
 * into *end. */
static int ru_adjective_tok(tok *t, char *low, size_t cap, size_t *ln, const char **end) {
  size_t nl, letters;
  const char *lt = tok_letters(t, &nl);
  if (!(t->flags & F_CYR) || (t->flags & F_URL)) {
    return 0;
  }
  *ln = gz_ru_lower(lt, nl, low, cap, &letters);
  *end = *ln ? adjective_ending(low, *ln, letters) : NULL;
  return *end != NULL;
}

/* Whether the adjective at token i stands before a district word in any
 * case ("Агдамского района"), directly or as one of a list of adjectives
 * that share it ("Кельбаджарского, Агдамского и Лачинского районов",
 * "Нахчыванской АР"). */
static int ru_adjective_of_district(gazmap_scanner *s, uint64_t i) {
  uint64_t k;
  for (k = i + 1; k < s->qtail && k <= i + LOOK_TOKENS - 1; k++) {
    tok *t = qat(s, k);
    char low[TOK_RAW * 2];
    size_t ln;
    const char *end;
    if (t->flags & F_URL || t->sep == SEP_PARA || t->sep == SEP_START) {
      return 0;
    }
    ensure_key(s, t);
    if (gz_key_in(s, T_DCUE, t)) {
      return 1;
    }
    /* Only other adjectives, commas and "и" may stand between. */
    if (t->sep != SEP_SPACE && t->sep != SEP_NEWLINE && t->sep != SEP_PUNCT) {
      return 0;
    }
    if (t->keylen == 1 && t->key[0] == 'i') {
      continue; /* и */
    }
    if (!ru_adjective_tok(t, low, sizeof low, &ln, &end)) {
      return 0;
    }
  }
  return 0;
}

/* The names whose stem the adjective's stem (folded) is: itself
 * ("Агдам-ского"), or without the linking "-ин-", "-ов-" or "-ев-" that
 * adjectives of names ending in a vowel or of family names take
 * ("Шуш-ин-ского" of Шуша, "Шаумян-ов-ского" of Шаумян, "Физули-н-ского"). */
static const gz_group *ru_adjective_stem(gazmap_scanner *s, const char *key, size_t kl) {
  static const char *const links[] = {"in", "ov", "ev", "n"};
  const gz_group *gr = gz_words_get(s->ix, T_STEM, key, kl);
  size_t k;
  for (k = 0; !gr && kl >= 5 && k < sizeof links / sizeof *links; k++) {
    size_t ll = strlen(links[k]);
    if (!memcmp(key + kl - ll, links[k], ll)) {
      gr = gz_words_get(s->ix, T_STEM, key, kl - ll);
    }
  }
  return gr;
}

/* A Russian adjective of a place name ("Бишкекский", "Карабахского") is no
 * mention of the place (see the demonym rule), except inside the name of an
 * organisation or agreement ("Бишкекский протокол"), where it names the
 * place as "Bishkek protocol" does, and before a district word, where it
 * names the district ("Агдамского района", "Нахчыванской АР"; the names of
 * the form "X-ский район" the gazetteer lists are matched before this).
 * Fills p and returns 1 then. */
int gz_ru_adjective(gazmap_scanner *s, uint64_t i, gz_pending *p) {
  tok *t = qat(s, i);
  char low[TOK_RAW * 2], key[TOK_KEY], sk[TOK_KEY];
  size_t ln, sl = 0;
  uint16_t kl = 0;
  const char *end = NULL;
  const gz_group *gr;
  gazmap_role role;
  int district = 0;
  if (!ru_adjective_tok(t, low, sizeof low, &ln, &end)) {
    return 0;
  }
  role = gz_role_after(s, i + 1);
  if (role == GAZMAP_ROLE_LOCATION && !(district = ru_adjective_of_district(s, i))) {
    return 0;
  }
  if (gz_fold_word(s->folder, low, ln - strlen(end), 0, key, &kl) < 0 || kl == 0) {
    return 0;
  }
  s->span_first = i;
  s->span_n = 1;
  s->surface_built = 0;
  s->last_group = NULL;
  p->how[0] = '\0';
  if ((gr = ru_adjective_stem(s, key, kl)) && gz_take(s, gr, 0, p)) {
    p->kind = GAZMAP_MATCH_FOLDED;
    p->match_conf = 0.85;
    strcpy(p->how, "a Russian adjective in a name");
  } else if (district && kl >= 5 && gazmap_skeleton(key, kl, sk, sizeof sk, &sl) == 0 &&
             sl >= 4 && (s->span_last = key[kl - 1], gr = gz_words_get(s->ix, T_SKEL, sk, sl)) &&
             gz_take(s, gr, 0, p)) {
    /* A spelling the gazetteer lacks ("Нахчыван" beside "Нахичевань"). */
    p->kind = GAZMAP_MATCH_SKELETON;
    p->match_conf = 0.7;
    strcpy(p->how, "a Russian adjective spelt another way");
  } else {
    return 0;
  }
  if (district) {
    strcpy(p->how, "a Russian adjective before a district word");
  }
  return district ? 2 : 1;
}

/* Whether token t is a road word. */
static int is_road_word(gazmap_scanner *s, tok *t) {
  size_t k;
  if (t->flags & (F_URL | F_DIGIT)) {
    return 0;
  }
  ensure_key(s, t);
  for (k = 0; k < s->nroad; k++) {
    if (s->road_len[k] == t->keylen && !memcmp(s->road_key[k], t->key, t->keylen)) {
      return 1;
    }
  }
  return 0;
}

/* Whether t may stand inside a list of road codes: another code ("H37",
 * "2" of "M-2", "AH" of "AH-82") or a short word such as "and", "и", "və". */
static int in_code_list(gazmap_scanner *s, tok *t) {
  if (t->flags & F_URL) {
    return 0;
  }
  ensure_key(s, t);
  return (t->flags & (F_DIGIT | F_ALLCAPS)) || t->keylen <= 3;
}

int gz_road_around(gazmap_scanner *s, uint64_t i, uint64_t end) {
  uint64_t k;
  /* After: "the R13 road", "the R13, H37 and E117 roads". */
  for (k = end; k < s->qtail && k < end + ROLE_LOOK + 2; k++) {
    tok *t = qat(s, k);
    if (t->sep == SEP_PARA) {
      break;
    }
    if (is_road_word(s, t)) {
      return 1;
    }
    if (!in_code_list(s, t)) {
      break;
    }
  }
  /* Before: "трасса М-2", "the roads R13 and H37": at most HISTORY words,
   * all that a scanner fed in chunks is sure to still hold (the queue's
   * head would otherwise depend on where the input was cut). */
  for (k = i; k > s->qhead && i - k < HISTORY;) {
    tok *t = qat(s, --k), *next = qat(s, k + 1);
    if (next->sep == SEP_PARA) {
      break;
    }
    if (is_road_word(s, t)) {
      return 1;
    }
    if (!in_code_list(s, t)) {
      break;
    }
  }
  return 0;
}
