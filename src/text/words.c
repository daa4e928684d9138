/* Words: code point classes, the folding of one word, Russian stems and the
 * splitting of names (text/words.h). */
#include "text/words.h"

#include "text/lang.h"
#include "util/utf8.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

enum gz_cls gz_classify_slow(uint32_t cp, int *upper, int *lower, int *cyr) {
  *upper = *lower = *cyr = 0;
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') {
      *lower = 1;
      return C_LETTER;
    }
    if (cp >= 'A' && cp <= 'Z') {
      *upper = 1;
      return C_LETTER;
    }
    if (cp >= '0' && cp <= '9') {
      return C_DIGIT;
    }
    switch (cp) {
    case 0: /* a NUL separates words (binary junk, C strings pasted together) */
    case ' ':
    case '\t':
    case '\r':
    case '\v':
    case '\f':
      return C_SPACE;
    case '\n':
      return C_NEWLINE;
    case '-':
      return C_HYPHEN;
    case '\'':
    case '`':
      return C_APOS;
    case '.':
      return C_DOT;
    case '@':
      return C_AT;
    default:
      break;
    }
    return cp < 0x20 || cp == 0x7f ? C_CTRL : C_PUNCT;
  }
  switch (cp) {
  case 0x2019:
  case 0x2018:
  case 0x02BC:
  case 0x00B4:
  case 0x2032:
  case 0xFFFD:
    return C_APOS; /* U+FFFD: what PDF extraction often leaves of an apostrophe */
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
    return C_HYPHEN;
  case 0x00AD:
    return C_IGNORE; /* soft hyphen */
  case 0x2028:
  case 0x2029:
  case 0x0085:
    return C_NEWLINE;
  default:
    break;
  }
  if (u_isUWhiteSpace((UChar32)cp)) {
    return C_SPACE;
  }
  {
    int8_t t = u_charType((UChar32)cp);
    if (t == U_CONTROL_CHAR) {
      return C_CTRL;
    }
    if (t == U_FORMAT_CHAR) {
      return C_IGNORE;
    }
    if (t == U_DECIMAL_DIGIT_NUMBER) {
      return C_DIGIT;
    }
    if (u_isalpha((UChar32)cp) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
        t == U_ENCLOSING_MARK) {
      UErrorCode st = U_ZERO_ERROR;
      UScriptCode sc = uscript_getScript((UChar32)cp, &st);
      switch (sc) {
      case USCRIPT_LATIN:
      case USCRIPT_CYRILLIC:
      case USCRIPT_ARMENIAN:
      case USCRIPT_GEORGIAN:
      case USCRIPT_GREEK:
      case USCRIPT_ARABIC:
      case USCRIPT_COMMON:
      case USCRIPT_INHERITED:
        *upper = u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
        *lower = u_islower((UChar32)cp);
        *cyr = sc == USCRIPT_CYRILLIC;
        if (sc == USCRIPT_GEORGIAN) {
          /* Georgian is written in one case: Unicode 11 made the everyday
           * Mkhedruli letters lower case (beside the new Mtavruli capitals),
           * which read every Georgian name as a lower-case word that opens
           * no name.  Treat the script as caseless, as Arabic is. */
          *upper = *lower = 0;
        }
        return C_LETTER;
      default:
        /* Han, Limbu ... in a text about the Caucasus are what broken PDF
         * extraction makes of an apostrophe or a ligature. */
        return C_NOISE;
      }
    }
  }
  return C_PUNCT;
}

int gz_fold_word(gazmap_folder *f, const char *let, size_t n, int ascii, char *key,
                 uint16_t *keylen) {
  size_t i, out = 0;
  if (ascii) {
    for (i = 0; i < n && i < GZ_WORD_MAX - 1; i++) {
      char c = let[i];
      key[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    key[i] = '\0';
    *keylen = (uint16_t)i;
    return 0;
  }
  if (gazmap_fold(f, let, n, key, GZ_WORD_MAX, &out) < 0) {
    key[0] = '\0';
    *keylen = 0;
    return -1;
  }
  *keylen = (uint16_t)out;
  return 0;
}

void gz_skel_of(const char *key, size_t n, char *out, size_t cap, uint16_t *outlen) {
  size_t o = 0;
  if (gazmap_skeleton(key, n, out, cap, &o) < 0) {
    o = 0;
    out[0] = '\0';
  }
  *outlen = (uint16_t)o;
}

size_t gz_ru_lower(const char *let, size_t n, char *low, size_t cap, size_t *letters) {
  size_t ln = 0, i = 0;
  *letters = 0;
  while (i < n) {
    uint32_t cp;
    size_t m = gz_utf8_decode((const unsigned char *)let + i, n - i, &cp);
    if (m == 0) {
      return 0;
    }
    i += m;
    ln = gz_utf8_put(low, ln, cap, (uint32_t)u_tolower((UChar32)cp));
    if (ln > cap) {
      return 0;
    }
    (*letters)++;
  }
  return ln;
}

int gz_ends_with(const char *w, size_t n, const char *end, size_t letters) {
  size_t el = strlen(end);
  /* Cyrillic letters are two bytes: keep at least three letters. */
  return n > el && !memcmp(w + n - el, end, el) && letters >= el / 2 + 3;
}

/* The stem of a name's Cyrillic word: its nominative ending off, folded
 * ("Шуша" -> "shush", "Нагорный" -> "nagorn", "Карабах" stays "karabakh"). */
static int stem_nominative(gazmap_folder *f, const char *let, size_t n, char *out,
                           uint16_t *outlen) {
  char low[GZ_WORD_MAX * 2];
  size_t letters, ln = gz_ru_lower(let, n, low, sizeof low, &letters), i, k;
  if (ln == 0) {
    return -1;
  }
  for (i = 0; i < gz_lang_count(); i++) {
    const char *const *end = gz_lang_at(i)->nominative_endings;
    for (k = 0; end && end[k]; k++) {
      if (gz_ends_with(low, ln, end[k], letters)) {
        ln -= strlen(end[k]);
        goto cut;
      }
    }
  }
cut:
  return gz_fold_word(f, low, ln, 0, out, outlen);
}

/* Adds the folded `low` (ln bytes) to the stems unless it is there. */
static void add_stem(gazmap_folder *f, const char *low, size_t ln, char var[][GZ_STEM_MAX],
                     uint8_t *varlen, size_t *nvar) {
  char key[GZ_WORD_MAX];
  uint16_t kl = 0;
  size_t j;
  if (gz_fold_word(f, low, ln, 0, key, &kl) < 0 || kl == 0 || kl >= GZ_STEM_MAX) {
    return;
  }
  for (j = 0; j < *nvar; j++) {
    if (varlen[j] == kl && !memcmp(var[j], key, kl)) {
      return;
    }
  }
  memcpy(var[*nvar], key, kl);
  varlen[(*nvar)++] = (uint8_t)kl;
}

size_t gz_stems(gazmap_folder *f, const char *let, size_t n, char var[][GZ_STEM_MAX],
                uint8_t *varlen) {
  char low[GZ_WORD_MAX * 2];
  size_t letters, i, k, nvar = 0;
  size_t ln = gz_ru_lower(let, n, low, sizeof low, &letters);
  if (ln == 0) {
    return 0;
  }
  add_stem(f, low, ln, var, varlen, &nvar);
  for (i = 0; i < gz_lang_count(); i++) {
    const char *const *end = gz_lang_at(i)->case_endings;
    for (k = 0; end && end[k] && nvar < GZ_MAX_STEMS; k++) {
      if (gz_ends_with(low, ln, end[k], letters)) {
        add_stem(f, low, ln - strlen(end[k]), var, varlen, &nvar);
      }
    }
  }
  return nvar;
}

size_t gz_script_stems(gazmap_folder *f, const char *let, size_t n, char var[][GZ_STEM_MAX],
                       uint8_t *varlen, uint32_t *langs) {
  size_t i, k, nvar = 0, letters = 0, b;
  for (b = 0; b < n; b++) {
    letters += ((unsigned char)let[b] & 0xC0) != 0x80;
  }
  for (i = 0; i < gz_lang_count(); i++) {
    const char *const *end = gz_lang_at(i)->script_endings;
    for (k = 0; end && end[k] && nvar < GZ_MAX_STEMS; k++) {
      size_t before = nvar;
      /* The endings' letters are two bytes each, like the word's. */
      if (gz_ends_with(let, n, end[k], letters)) {
        add_stem(f, let, n - strlen(end[k]), var, varlen, &nvar);
        if (nvar > before) {
          langs[before] = 1u << i;
        }
      }
    }
  }
  return nvar;
}

int gz_split_name(gazmap_folder *f, gz_cls_cache *cc, const char *text, gz_name_keys *nk) {
  const unsigned char *p = (const unsigned char *)text;
  size_t n = strlen(text), i = 0;
  char let[GZ_WORD_MAX];
  size_t letlen = 0;
  int ascii = 1, cyr = 0;
  memset(nk, 0, sizeof *nk);
  for (;;) {
    uint32_t cp = 0;
    size_t m = 0;
    enum gz_cls c = C_SPACE;
    int up, lo, cy;
    if (i < n) {
      m = gz_utf8_decode(p + i, n - i, &cp);
      if (m == 0) {
        return -1;
      }
      c = gz_classify(cc, cp, &up, &lo, &cy);
    }
    if (c == C_LETTER || c == C_DIGIT) {
      size_t k = gz_utf8_put(let, letlen, sizeof let, cp);
      if (k > sizeof let) {
        return -1;
      }
      letlen = k;
      ascii &= cp < 0x80;
      cyr |= cy;
      if (c == C_LETTER && !gz_is_latin_cp(cp)) {
        nk->nonlatin = 1;
      }
    } else if (c == C_APOS || c == C_IGNORE || c == C_CTRL) {
      /* joins */
    } else if (letlen) {
      char key[GZ_WORD_MAX], stem[GZ_WORD_MAX];
      uint16_t kl = 0, sl = 0;
      if (gz_fold_word(f, let, letlen, ascii, key, &kl) < 0 || kl == 0) {
        return -1;
      }
      if (cyr) {
        if (stem_nominative(f, let, letlen, stem, &sl) < 0) {
          return -1;
        }
        nk->cyr = 1;
      } else {
        memcpy(stem, key, kl);
        sl = kl;
      }
      if (nk->foldlen + kl + 2 > GZ_SPAN_MAX || nk->stemlen + sl + 2 > GZ_SPAN_MAX) {
        return -1;
      }
      if (nk->ntok++ == 0) {
        memcpy(nk->first_fold, key, kl);
        nk->first_foldlen = kl;
        memcpy(nk->first_stem, stem, sl);
        nk->first_stemlen = sl;
      } else {
        nk->fold[nk->foldlen++] = ' ';
        nk->stem[nk->stemlen++] = ' ';
      }
      memcpy(nk->fold + nk->foldlen, key, kl);
      nk->foldlen += kl;
      memcpy(nk->stem + nk->stemlen, stem, sl);
      nk->stemlen += sl;
      letlen = 0;
      ascii = 1;
      cyr = 0;
    }
    if (i >= n) {
      break;
    }
    i += m;
  }
  return nk->ntok ? 0 : -1;
}
