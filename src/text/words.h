/* Private: words, the unit the name index and the scanner share.
 *
 * A name in the index and the same name in running text must be split into
 * words and folded by one code, or the two disagree about what matches; so
 * the classes of code points, the folding of one word, the Russian stems
 * and the splitting of a whole name live here, used by match/index.c (to
 * build the scanner's tables) and by scan/ (to read text). */
#ifndef GAZMAP_TEXT_WORDS_H
#define GAZMAP_TEXT_WORDS_H

#include "gazmap/fold.h"

#include <stddef.h>
#include <stdint.h>

#define GZ_WORD_MAX 128  /* bytes of a word, and of its folded key, that are kept */
#define GZ_SPAN_MAX 2048 /* bytes of the joined key of several words */
#define GZ_MAX_STEMS 5   /* Russian stems tried per word */
#define GZ_STEM_MAX 48   /* bytes of one folded stem */

/* Code point classes. */
enum gz_cls {
  C_LETTER,
  C_DIGIT,
  C_SPACE,
  C_NEWLINE,
  C_HYPHEN,
  C_APOS,
  C_DOT,
  C_IGNORE, /* format characters: dropped even inside a word */
  C_CTRL,   /* control characters: dropped inside a word, noise outside */
  C_NOISE,  /* letters of scripts no name uses (PDF garbage), invalid bytes */
  C_AT,
  C_PUNCT
};

/* The class of `cp` and whether it is upper case, lower case, Cyrillic;
 * through ICU, so slow: use gz_classify. */
enum gz_cls gz_classify_slow(uint32_t cp, int *upper, int *lower, int *cyr);

/* A cache of gz_classify_slow over the Basic Multilingual Plane, filled on
 * use: ICU's property lookups are the costliest part of reading non-Latin
 * text.  Zero it before use.  Bits: 0-3 class, 4 upper, 5 lower,
 * 6 Cyrillic, 7 known. */
typedef struct gz_cls_cache {
  uint8_t e[0x10000];
} gz_cls_cache;

static inline enum gz_cls gz_classify(gz_cls_cache *cc, uint32_t cp, int *upper, int *lower,
                                      int *cyr) {
  uint8_t e;
  if (cp >= 0x10000) {
    return gz_classify_slow(cp, upper, lower, cyr);
  }
  e = cc->e[cp];
  if (!(e & 0x80)) {
    enum gz_cls c = gz_classify_slow(cp, upper, lower, cyr);
    e = (uint8_t)(0x80 | (unsigned)c | (*upper ? 0x10 : 0) | (*lower ? 0x20 : 0) |
                  (*cyr ? 0x40 : 0));
    cc->e[cp] = e;
  }
  *upper = (e & 0x10) != 0;
  *lower = (e & 0x20) != 0;
  *cyr = (e & 0x40) != 0;
  return (enum gz_cls)(e & 0x0F);
}

/* Whether `cp` is a Latin letter (or ASCII). */
static inline int gz_is_latin_cp(uint32_t cp) {
  return cp < 0x80 || (cp >= 0xC0 && cp < 0x2B0) || (cp >= 0x1E00 && cp < 0x1F00);
}

/* Folds the letters of one word (n bytes; `ascii`: all ASCII, folded by
 * lower-casing) into key (GZ_WORD_MAX bytes, NUL-terminated).  0, or -1
 * when folding fails (key is then empty). */
int gz_fold_word(gazmap_folder *f, const char *let, size_t n, int ascii, char *key,
                 uint16_t *keylen);

/* The skeleton of a folded key into out (cap bytes); empty when it fails. */
void gz_skel_of(const char *key, size_t n, char *out, size_t cap, uint16_t *outlen);

/* Lower-cases a Cyrillic word into low (cap bytes); returns its length in
 * bytes (0 on failure) and its letters in *letters. */
size_t gz_ru_lower(const char *let, size_t n, char *low, size_t cap, size_t *letters);

/* Whether the lower-case word w (n bytes, `letters` letters) ends with
 * `end` and keeps at least three letters without it. */
int gz_ends_with(const char *w, size_t n, const char *end, size_t letters);

/* Every stem a Cyrillic word of running text may have: the word itself (a
 * nominative "Карабах") and the word without each case ending of the
 * registered languages it ends with ("Армении" -> "армени", "армен").  A
 * rule, not a list of forms: one of them meets the stem of the name
 * whatever the case.  Writes at most GZ_MAX_STEMS distinct folded stems;
 * returns how many. */
size_t gz_stems(gazmap_folder *f, const char *let, size_t n, char var[][GZ_STEM_MAX],
                uint8_t *varlen);

/* The stems a word in a script with gz_lang.script_endings (Armenian) may
 * have in running text: the word without each such ending it ends with
 * (at least three letters kept), folded.  Writes at most GZ_MAX_STEMS,
 * with in langs[k] the registry bit (1 << i) of the ending's language;
 * returns how many. */
size_t gz_script_stems(gazmap_folder *f, const char *let, size_t n, char var[][GZ_STEM_MAX],
                       uint8_t *varlen, uint32_t *langs);

/* The keys of a name (or a cue word) split into words exactly as running
 * text is split: the joined folded key, the joined stemmed key (Cyrillic
 * words lose their nominative ending) and the first word of each.
 * Apostrophes inside a name join its letters ("Angeghakot'"). */
typedef struct gz_name_keys {
  char fold[GZ_SPAN_MAX], stem[GZ_SPAN_MAX], first_fold[GZ_WORD_MAX], first_stem[GZ_WORD_MAX];
  size_t foldlen, stemlen, ntok;
  uint16_t first_foldlen, first_stemlen;
  int cyr;
  int nonlatin; /* some letter is not Latin */
} gz_name_keys;

/* Splits `text` into nk; 0, or -1 when it has no word or a word too long. */
int gz_split_name(gazmap_folder *f, gz_cls_cache *cc, const char *text, gz_name_keys *nk);

#endif
