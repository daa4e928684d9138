/* Text folding: the keys names are matched by (see gazmap/fold.h).
 *
 * ICU holds the Unicode knowledge (decompositions, case, scripts and the
 * transliteration rules), but calling a transliterator per query is far too
 * slow for batch lookups.  So gazmap_folder_new() runs ICU once per code point
 * of the scripts a Caucasus gazetteer meets and stores the ASCII result in a
 * table; folding a query is then a loop of table look-ups.  Code points
 * outside the precomputed blocks are folded by ICU when first seen and the
 * result is cached in the same table (or, beyond the table, folded by ICU on
 * every occurrence).
 *
 * The precomputed blocks are folded at build time: the build compiles this
 * file a second time as the generator tools/gen_fold_table.c drives (with
 * GZ_FOLD_GENERATOR defined), which writes fold_table.inc from the same ICU
 * the library links.  Opening ICU's three transliterators costs about 170 M
 * instructions (its registry of every transliterator is built on first
 * use) and folding the blocks 30 M more: that was 87 % of a cold
 * `gazmap lookup Shusha` (callgrind).  The library copies the generated
 * table and opens ICU only when a code point outside it turns up. */
#include "gazmap/fold.h"

#include "util/error.h"
#include "util/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* The table covers code points below this bound (everything up to the CJK
 * blocks); each entry is (offset << 8 | length) into the pool. */
#define TABLE_END 0x3000
#define ENTRY_UNSET UINT32_MAX
/* A code point never folds to more than this many ASCII bytes, which keeps
 * the documented 4*len+16 output bound true for any input. */
#define MAX_CP_OUT 8

struct gazmap_folder {
  UTransliterator *any; /* Any-Latin, for every script without a better system */
  UTransliterator *ru;  /* Russian-Latin/BGN: kh, zh, ts, ch, sh as users type */
  UTransliterator *hy;  /* Armenian-Latin/BGN: gh, kh, j, ch as users type */
  uint32_t *table;
  char *pool;
  size_t pool_len, pool_cap;
};

#ifdef GZ_FOLD_GENERATOR
/* Blocks folded eagerly: the scripts and punctuation a gazetteer of the
 * Caucasus holds.  Other code points are folded lazily.
 * Only the generator reads this list (the library gets its result). */
static const struct {
  UChar32 lo, hi;
} eager_blocks[] = {
    {0x0080, 0x058F}, /* Latin-1 .. Latin Extended-B, IPA, marks, Greek, Cyrillic, Armenian */
    {0x0600, 0x06FF}, /* Arabic (Persian names) */
    {0x10A0, 0x10FF}, /* Georgian */
    {0x1C90, 0x1CBF}, /* Georgian Mtavruli */
    {0x1E00, 0x1EFF}, /* Latin Extended Additional (ḫ, ṣ ...) */
    {0x2000, 0x206F}, /* General Punctuation (dashes, quotes) */
};
#endif

/* Choices ICU does not make the way gazetteer users type: the Azerbaijani
 * schwa (Latin-ASCII keeps it), the Turkish dotted and dotless i, signs and
 * apostrophes that transliterations scatter, and Armenian letters whose BGN
 * form is context-dependent or doubled.  An empty string removes the code
 * point; " " makes it a word separator. */
static const struct {
  UChar32 cp;
  const char *ascii;
} overrides[] = {
    {0x0259, "e"},  /* ə */
    {0x018F, "e"},  /* Ə */
    {0x0131, "i"},  /* ı */
    {0x0130, "i"},  /* İ */
    {0x02BC, ""},   /* ʼ modifier apostrophe */
    {0x02BB, ""},   /* ʻ */
    {0x02B9, ""},   /* ʹ soft-sign transliteration */
    {0x02BA, ""},   /* ʺ */
    {0x2019, ""},   /* ’ */
    {0x2018, ""},   /* ‘ */
    {0x00B4, ""},   /* ´ */
    {0x044C, ""},   /* ь */
    {0x042C, ""},   /* Ь */
    {0x044A, ""},   /* ъ */
    {0x042A, ""},   /* Ъ */
    {0x0587, "ev"}, /* Armenian ligature և */
    {0x0582, "v"},  /* ւ outside ու */
    {0x0552, "v"},  /* Ւ */
    {0x057C, "r"},  /* ռ (BGN writes rr) */
    {0x054C, "r"},  /* Ռ */
    {0x055A, ""},   /* Armenian apostrophe */
    {0x055B, ""},   /* Armenian emphasis mark */
    {0x055C, ""},   /* Armenian exclamation mark */
    {0x055E, ""},   /* Armenian question mark */
    {0x055F, ""},   /* Armenian abbreviation mark */
};

static int is_ascii_alnum(int c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Runs `t` on `src` (n UTF-16 units) and keeps the ASCII letters and digits
 * of the result, lowercased, in `out` (room for MAX_CP_OUT + 1).  Returns the
 * number of bytes kept, or -1 when ICU failed (then `out` is a separator:
 * a character ICU cannot spell in Latin still ends a word). */
static int run_icu(UTransliterator *t, const UChar *src, int32_t n, char *out) {
  UChar buf[64];
  int32_t len = n, limit = n, i;
  int k = 0;
  UErrorCode st = U_ZERO_ERROR;
  memcpy(buf, src, (size_t)n * sizeof(UChar));
  utrans_transUChars(t, buf, &len, (int32_t)(sizeof buf / sizeof buf[0]), 0, &limit, &st);
  if (U_FAILURE(st)) {
    snprintf(out, MAX_CP_OUT + 1, " ");
    return -1;
  }
  for (i = 0; i < len && k < MAX_CP_OUT; i++) {
    UChar c = buf[i];
    if (c >= 'A' && c <= 'Z') {
      c = (UChar)(c + ('a' - 'A'));
    }
    if (c < 0x80 && is_ascii_alnum(c)) {
      out[k++] = (char)c;
    }
  }
  out[k] = '\0';
  return k;
}

/* Folds one non-ASCII code point with ICU into `out` (room for MAX_CP_OUT+1):
 * letters and digits to their ASCII transliteration, marks and apostrophes
 * to nothing, everything else to a separator " ". */
static int icu_open(gazmap_folder *f);

static int fold_cp_icu(gazmap_folder *f, UChar32 cp, char *out) {
  UChar src[4];
  int32_t n = 0;
  int32_t gc = u_charType(cp);
  UScriptCode script;
  UErrorCode st = U_ZERO_ERROR;
  size_t i;
  int k;

  for (i = 0; i < sizeof overrides / sizeof overrides[0]; i++) {
    if (overrides[i].cp == cp) {
      snprintf(out, MAX_CP_OUT + 1, "%s", overrides[i].ascii);
      return (int)strlen(out);
    }
  }
  if (U_GET_GC_MASK(cp) & U_GC_M_MASK) {
    out[0] = '\0';
    return 0;
  }
  if (!u_isalnum(cp) && gc != U_LETTER_NUMBER && gc != U_OTHER_NUMBER) {
    /* Apostrophe-like punctuation joins the word; the rest separates words. */
    if (cp == 0x2032 || cp == 0x02C8 || cp == 0xFF07) {
      out[0] = '\0';
      return 0;
    }
    snprintf(out, MAX_CP_OUT + 1, " ");
    return 1;
  }
  if (icu_open(f) < 0) {
    return -1;
  }
  script = uscript_getScript(cp, &st);
  /* Cyrillic and Armenian letters are transliterated after a neutral
   * consonant, so that the mid-word form is chosen ("e", not the word-initial
   * "ye"); the consonant's own transliteration is then cut off. */
  if (U_SUCCESS(st) && (script == USCRIPT_CYRILLIC || script == USCRIPT_ARMENIAN)) {
    UTransliterator *t = script == USCRIPT_CYRILLIC ? f->ru : f->hy;
    UChar32 lower = u_tolower(cp);
    char tmp[MAX_CP_OUT + 2];
    src[n++] = script == USCRIPT_CYRILLIC ? 0x0431 : 0x0562; /* б / բ */
    U16_APPEND_UNSAFE(src, n, lower);
    k = run_icu(t, src, n, tmp);
    if (k >= 1 && tmp[0] == 'b') {
      memcpy(out, tmp + 1, (size_t)k);
      return k - 1;
    }
    n = 0;
    U16_APPEND_UNSAFE(src, n, lower);
    k = run_icu(t, src, n, out);
    return k < 0 ? 1 : k;
  }
  U16_APPEND_UNSAFE(src, n, cp);
  k = run_icu(f->any, src, n, out);
  return k < 0 ? 1 : k;
}

/* Stores `s` (k bytes) as the table entry of `cp`. */
static int table_store(gazmap_folder *f, UChar32 cp, const char *s, int k) {
  if (f->pool_len + (size_t)k > f->pool_cap) {
    size_t cap = f->pool_cap * 2 + 4096;
    char *np = realloc(f->pool, cap);
    if (!np) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory building the folding table");
    }
    f->pool = np;
    f->pool_cap = cap;
  }
  memcpy(f->pool + f->pool_len, s, (size_t)k);
  f->table[cp] = (uint32_t)(f->pool_len << 8) | (uint32_t)k;
  f->pool_len += (size_t)k;
  return 0;
}

/* Opens the transliterator `id` (ASCII, under 128 characters); the caller
 * closes it with utrans_close(). */
static UTransliterator *open_trans(const char *id, UErrorCode *st) {
  UChar uid[128];
  int32_t n = (int32_t)strlen(id);
  if (n >= (int32_t)(sizeof uid / sizeof uid[0])) {
    *st = U_ILLEGAL_ARGUMENT_ERROR;
    return NULL;
  }
  u_charsToUChars(id, uid, n);
  return utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, NULL, st);
}

/* Opens the transliterators on first need; 0, or -1 with the error set. */
static int icu_open(gazmap_folder *f) {
  UErrorCode st = U_ZERO_ERROR;
  if (f->any) {
    return 0;
  }
  f->ru = open_trans("Russian-Latin/BGN; NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; Any-Lower",
                     &st);
  f->hy = open_trans("Armenian-Latin/BGN; NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; Any-Lower",
                     &st);
  f->any = open_trans("Any-Latin; NFKD; [:Nonspacing Mark:] Remove; Latin-ASCII; Any-Lower", &st);
  if (U_FAILURE(st) || !f->any || !f->ru || !f->hy) {
    if (f->any) {
      utrans_close(f->any);
      f->any = NULL;
    }
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "ICU transliterators unavailable: %s", u_errorName(st));
  }
  return 0;
}

#ifndef GZ_FOLD_GENERATOR
#include "fold_table.inc"

/* The table as the build folded it. */
static int table_load(gazmap_folder *f) {
  size_t i;
  f->pool_cap = sizeof gz_fold_pool + 4096;
  if (!(f->pool = malloc(f->pool_cap))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(f->pool, gz_fold_pool, sizeof gz_fold_pool);
  f->pool_len = sizeof gz_fold_pool;
  for (i = 0; i < sizeof gz_fold_cells / sizeof gz_fold_cells[0]; i++) {
    f->table[gz_fold_cells[i].cp] = gz_fold_cells[i].entry;
  }
  return 0;
}
#else
/* The generator: the eager blocks folded by ICU, written out as C. */
static int table_load(gazmap_folder *f) {
  size_t b;
  int rc;
  for (b = 0; b < sizeof eager_blocks / sizeof eager_blocks[0]; b++) {
    UChar32 cp;
    for (cp = eager_blocks[b].lo; cp <= eager_blocks[b].hi; cp++) {
      char s[MAX_CP_OUT + 2];
      int k = fold_cp_icu(f, cp, s);
      if (k < 0) {
        return gz_fail(GAZMAP_EINVAL, NULL, 0, "ICU could not fold U+%04X", (unsigned)cp);
      }
      if ((rc = table_store(f, cp, s, k)) < 0) {
        return rc;
      }
    }
  }
  return 0;
}

int gz_fold_table_write(FILE *out, const char *icu_version);
int gz_fold_table_write(FILE *out, const char *icu_version) {
  gazmap_folder *f;
  size_t i, cp;
  int rc = gazmap_folder_new(&f);
  if (rc < 0) {
    return rc;
  }
  fprintf(out, "/* Generated by the build (tools/gen_fold_table.c) with ICU %s: the folded\n"
               " * form of every code point of fold.c's eager blocks.  Do not edit. */\n",
          icu_version);
  fprintf(out, "static const char gz_fold_pool[%zu] = {", f->pool_len ? f->pool_len : 1);
  for (i = 0; i < f->pool_len; i++) {
    fprintf(out, "%s%d,", i % 24 ? "" : "\n  ", f->pool[i]);
  }
  fprintf(out, "%s};\n", f->pool_len ? "" : "0");
  fprintf(out, "static const struct {\n  uint16_t cp;\n  uint32_t entry;\n} gz_fold_cells[] = {");
  for (cp = 0, i = 0; cp < TABLE_END; cp++) {
    if (f->table[cp] != ENTRY_UNSET) {
      fprintf(out, "%s{0x%04zX, 0x%08X},", i++ % 4 ? " " : "\n  ", cp, (unsigned)f->table[cp]);
    }
  }
  fprintf(out, "\n};\n");
  gazmap_folder_free(f);
  return ferror(out) ? -1 : 0;
}
#endif

int gazmap_folder_new(gazmap_folder **out) {
  gazmap_folder *f = NULL;
  int rc = 0;

  *out = NULL;
  f = calloc(1, sizeof *f);
  if (!f) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  f->table = malloc(TABLE_END * sizeof *f->table);
  if (!f->table) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  memset(f->table, 0xFF, TABLE_END * sizeof *f->table);
  if ((rc = table_load(f)) < 0) {
    goto done;
  }
  *out = f;
  f = NULL;
done:
  gazmap_folder_free(f);
  return rc;
}

void gazmap_folder_free(gazmap_folder *f) {
  if (!f) {
    return;
  }
  if (f->any) {
    utrans_close(f->any);
  }
  if (f->ru) {
    utrans_close(f->ru);
  }
  if (f->hy) {
    utrans_close(f->hy);
  }
  free(f->table);
  free(f->pool);
  free(f);
}

/* The folded form of one code point: from the table, computed and cached on
 * first use, or (beyond the table) computed by ICU into `tmp`. */
static int lookup_cp(gazmap_folder *f, uint32_t cp, const char **s, char *tmp) {
  int k;
  if (cp < TABLE_END) {
    uint32_t e = f->table[cp];
    if (e == ENTRY_UNSET) {
      int rc;
      k = fold_cp_icu(f, (UChar32)cp, tmp);
      if (k < 0) {
        return gz_fail(GAZMAP_EINVAL, NULL, 0, "ICU could not fold U+%04X", (unsigned)cp);
      }
      rc = table_store(f, (UChar32)cp, tmp, k);
      if (rc < 0) {
        return rc;
      }
      e = f->table[cp];
    }
    *s = f->pool + (e >> 8);
    return (int)(e & 0xFF);
  }
  k = fold_cp_icu(f, (UChar32)cp, tmp);
  if (k < 0) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "ICU could not fold U+%04X", (unsigned)cp);
  }
  *s = tmp;
  return k;
}

int gazmap_fold(gazmap_folder *f, const char *in, size_t len, char *out, size_t cap,
                size_t *outlen) {
  const unsigned char *p = (const unsigned char *)in;
  size_t i = 0, o = 0;
  int pending_space = 0;

  *outlen = 0;
  if (cap == 0) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "no room for the folded key");
  }
  out[0] = '\0';
  while (i < len) {
    unsigned c = p[i];
    const char *s = NULL;
    char tmp[MAX_CP_OUT + 2];
    char one;
    int k;

    if (c < 0x80) {
      /* ASCII fast path: letters and digits stay (lowercased), apostrophes
       * vanish (Qırmızı Bazar's "Karmir'" and PDF-broken "Shusha's"), every
       * other byte separates words. */
      i++;
      if (c >= 'A' && c <= 'Z') {
        one = (char)(c + ('a' - 'A'));
      } else if (is_ascii_alnum((int)c)) {
        one = (char)c;
      } else {
        if (c != '\'' && c != '`') {
          pending_space = o > 0;
        }
        continue;
      }
      s = &one;
      k = 1;
    } else {
      uint32_t cp, next;
      size_t n = gz_utf8_decode(p + i, len - i, &cp);
      if (n == 0) {
        return gz_fail(GAZMAP_EUTF8, NULL, 0, "invalid UTF-8 at byte %zu", i);
      }
      i += n;
      /* Armenian ու is one vowel, u; ICU's per-letter forms would give "ov". */
      if ((cp == 0x0578 || cp == 0x0548) && i < len &&
          (n = gz_utf8_decode(p + i, len - i, &next)) != 0 && (next == 0x0582 || next == 0x0552)) {
        i += n;
        one = 'u';
        s = &one;
        k = 1;
      } else {
        k = lookup_cp(f, cp, &s, tmp);
        if (k < 0) {
          return k;
        }
      }
      if (k == 1 && s[0] == ' ') {
        pending_space = o > 0;
        continue;
      }
      if (k == 0) {
        continue;
      }
    }
    if (o + (size_t)k + (size_t)pending_space + 1 > cap) {
      out[o < cap ? o : cap - 1] = '\0';
      return gz_fail(GAZMAP_ERANGE, NULL, 0, "folded key longer than %zu bytes", cap - 1);
    }
    if (pending_space) {
      out[o++] = ' ';
      pending_space = 0;
    }
    memcpy(out + o, s, (size_t)k);
    o += (size_t)k;
  }
  out[o] = '\0';
  *outlen = o;
  return 0;
}

/* ---- skeleton ------------------------------------------------------------ */

static int is_vowel(int c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static int is_consonant(int c) {
  return c >= 'a' && c <= 'z' && !is_vowel(c);
}

/* One word of a folded key to its classes, written to `cls`: 'V' for any
 * vowel, then the consonant classes b c d f k l m n p r s t v z (c for
 * c/j/ch/zh/dj/dzh/tch/ts, k for k/g/q/x/kh/gh and h, s for s/sh/shch, v for
 * v/w) and digits.  Returns the number of classes. */
static size_t word_classes(const char *w, size_t n, char *cls) {
  size_t i = 0, k = 0;
  while (i < n) {
    const char *r = w + i;
    size_t left = n - i;
    char c = r[0];
#define STARTS(lit) (left >= sizeof(lit) - 1 && !memcmp(r, lit, sizeof(lit) - 1))
    if (STARTS("shch")) {
      cls[k++] = 's';
      i += 4;
    } else if (STARTS("dzh") || STARTS("tch")) {
      cls[k++] = 'c';
      i += 3;
    } else if (STARTS("sch")) {
      cls[k++] = 's';
      i += 3;
    } else if (STARTS("ch") || STARTS("zh") || STARTS("dj") || STARTS("ts")) {
      cls[k++] = 'c';
      i += 2;
    } else if (STARTS("sh")) {
      cls[k++] = 's';
      i += 2;
    } else if (STARTS("kh") || STARTS("gh") || STARTS("ck")) {
      cls[k++] = 'k';
      i += 2;
    } else if (c == 'h') {
      /* An h after a consonant only marks how that consonant sounds (th, ph,
       * dh); elsewhere it is the sound Azerbaijani writes x. */
      if (!(i > 0 && is_consonant(w[i - 1]))) {
        cls[k++] = 'k';
      }
      i++;
    } else {
      switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
        cls[k++] = 'V';
        break;
      case 'j':
      case 'c':
        cls[k++] = 'c';
        break;
      case 'g':
      case 'q':
      case 'x':
      case 'k':
        cls[k++] = 'k';
        break;
      case 'w':
        cls[k++] = 'v';
        break;
      default:
        cls[k++] = c;
        break;
      }
      i++;
    }
#undef STARTS
  }
  return k;
}

int gazmap_skeleton(const char *folded, size_t len, char *out, size_t cap, size_t *outlen) {
  size_t i = 0, o = 0;
  char cls[256];

  *outlen = 0;
  if (cap == 0) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "no room for the skeleton");
  }
  out[0] = '\0';
  while (i < len) {
    size_t start, n, k, j;
    char prev = 0;
    while (i < len && folded[i] == ' ') {
      i++;
    }
    start = i;
    while (i < len && folded[i] != ' ') {
      i++;
    }
    n = i - start;
    if (n == 0) {
      break;
    }
    if (n > sizeof cls) {
      n = sizeof cls;
    }
    k = word_classes(folded + start, n, cls);
    /* Doubled letters collapse first, then vowels drop except at the start
     * of a word: vowels are where romanizations disagree most (Nakhichevan,
     * Naxçıvan), consonants carry the name. */
    for (j = 0; j < k; j++) {
      char c = cls[j];
      if (c == prev) {
        continue;
      }
      prev = c;
      if (c == 'V' && j != 0) {
        continue;
      }
      if (o + 2 > cap) {
        out[o] = '\0';
        return gz_fail(GAZMAP_ERANGE, NULL, 0, "skeleton longer than %zu bytes", cap - 1);
      }
      out[o++] = c == 'V' ? 'a' : c;
    }
  }
  out[o] = '\0';
  *outlen = o;
  return 0;
}
