/* Finding place names in running text: tokenising, folding and longest match.
 *
 * Data flow: bytes -> code points (UTF-8, invalid bytes become separators) ->
 * tokens (letters of the scripts gazmap knows; apostrophe suffixes, URLs and
 * PDF noise recognised on the way) -> a short queue of tokens -> longest run
 * of tokens whose folded key is a name in the index built from the gazetteer
 * -> a pending mention with every candidate place -> resolve.c picks one
 * after a bounded look-ahead -> the caller's callback.
 *
 * Everything the scanner keeps is bounded: one token queue, one pending
 * mention queue, the per-place context of resolve.c.  Nothing grows with the
 * input. */
#include "scan/scan_internal.h"

#include "util/error.h"
#include "util/utf8.h"
#include "gazmap/fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* ---- limits ---------------------------------------------------------------- */

#define TOK_RAW 128 /* bytes of a word kept; longer words are never names */
#define TOK_KEY 128 /* folded key of one word */
#define SEP_RAW 24  /* bytes of a separator kept; longer ones break a name */
#define QCAP 64     /* token ring: look-ahead, history and the word being read */
#define HISTORY 3   /* processed tokens kept for cues before a mention */
#define MAX_NAME_TOKENS 8
#define ROLE_LOOK 4 /* tokens looked at after a name for "Group", "protocol" */
#define LOOK_TOKENS (MAX_NAME_TOKENS + ROLE_LOOK)
/* Words of a whitespace-delimited blob still being read are not matched (nor
 * any word whose look-ahead reaches them) until the blob ends or holds this
 * many words: a later '@' or "://" can still make the blob a URL.  Small
 * enough that held words never fill the ring. */
#define BLOB_HOLD (QCAP - HISTORY - LOOK_TOKENS - 4)
#define PQ_CAP 512 /* pending mentions */
#define DEFAULT_LOOKAHEAD (16u * 1024u)
#define SPAN_MAX 2048  /* bytes of a joined key or surface */
#define MAX_VARIANTS 5 /* Russian stems tried per word */
#define VAR_KEY 48     /* bytes of one folded stem */
#define MAX_COMBOS 64  /* stem combinations tried per span */

/* ---- tables of words ------------------------------------------------------- */

/* Words written here in their usual spelling; the scanner folds them once at
 * start-up, so they are compared the way names are. */
static const char *const org_heads[] = {
    "Group",        "Groups",    "Grubu",        "группа",     "University",  "Üniversitesi",
    "Universiteti", "Institute", "Institut",     "Enstitüsü",  "Ministry",    "Bakanlığı",
    "Başkanlığı",   "Nazirliyi", "министерство", "Council",    "Committee",   "Commission",
    "Conference",   "Studies",   "Program",      "Programme",  "Center",      "Centre",
    "Merkezi",      "Airlines",  "Airways",      "Bank",       "Club",        "Academy",
    "Akademisi",    "College",   "School",       "Agency",     "Ajansı",      "Foundation",
    "Vakfı",        "Party",     "Partisi",      "Forum",      "Times",       "Herald",
    "Post",         "Press",     "Radio",        "Television", "Universität", "Üniversitesinde"};
static const char *const agreement_heads[] = {
    "Protocol",   "Protocols", "Protokolü",  "Protokol",   "протокол",    "Agreement",
    "Agreements", "Anlaşması", "Accord",     "Accords",    "Declaration", "Deklarasiyası",
    "Bildirisi",  "Treaty",    "Antlaşması", "Principles", "Process",     "Format",
    "соглашение", "договор",   "декларация", "формат",     "процесс"};
static const char *const district_cues[] = {"region",   "district", "rayon",   "rayonu",   "raion",
                                            "province", "oblast",   "marz",    "bölgesi",  "ilçesi",
                                            "район",    "области",  "regions", "districts"};
static const char *const settlement_cues[] = {"city", "town",  "village", "şehri",  "kenti",
                                              "köyü", "город", "село",    "şəhəri", "kəndi"};
static const char *const titles[] = {"Mr",       "Mrs",       "Ms",      "Miss",       "Dr",
                                     "Prof",     "Professor", "Sir",     "Madam",      "President",
                                     "Minister", "General",   "Colonel", "Ambassador", "Senator",
                                     "Sayın",    "Bay",       "Bayan",   "Mister",     "Lady",
                                     "Lord",     "Judge",     "Father",  "Saint",      "St"};
/* Capitalised words that often stand right before a place name without
 * being a given name: sentence openers, function words, months, days,
 * ordinals and directions. */
static const char *const not_given_names[] = {
    "the",       "a",         "an",         "in",          "on",          "at",         "by",
    "for",       "from",      "to",         "and",         "but",         "or",         "with",
    "since",     "after",     "before",     "during",      "while",       "when",       "if",
    "as",        "of",        "yesterday",  "today",       "tomorrow",    "both",       "even",
    "also",      "then",      "now",        "meanwhile",   "however",     "unlike",     "like",
    "than",      "between",   "across",     "into",        "near",        "via",        "against",
    "north",     "south",     "east",       "west",        "northern",    "southern",   "eastern",
    "western",   "central",   "upper",      "lower",       "greater",     "old",        "new",
    "first",     "second",    "third",      "last",        "great",       "soviet",     "republic",
    "free",      "occupied",  "liberated",  "independent", "historic",    "historical", "modern",
    "ancient",   "all",       "whole",      "united",      "mountainous", "autonomous", "monday",
    "tuesday",   "wednesday", "thursday",   "friday",      "saturday",    "sunday",     "january",
    "february",  "march",     "april",      "may",         "june",        "july",       "august",
    "september", "october",   "november",   "december",    "this",        "that",       "these",
    "those",     "its",       "his",        "her",         "their",       "our",        "where",
    "why",       "how",       "what",       "which",       "who",         "about",      "over",
    "under",     "around",    "although",   "though",      "because",     "until",      "through",
    "toward",    "towards",   "throughout", "within",      "without",     "along",      "among",
    "beyond",    "only",      "both",       "whether",     "so",          "yet",        "neither",
    "nor",       "either",    "once",       "every",       "each",        "some",       "many",
    "most",      "not",       "no",         "official",    "officially",  "president",  "minister",
    "ve",        "ile",       "da",         "de",          "bu",          "и",          "в",
    "во",        "на",        "из"};
/* Turkish and Azerbaijani case suffixes, folded (ı ə ü ö ğ ş ç become i e u
 * o g s c), longest first.  Written without an apostrophe in Azerbaijani and
 * in much Turkish text. */
static const char *const turkic_suffixes[] = {"ndan", "nden", "nin", "nun", "dan", "den", "tan",
                                              "ten",  "nda",  "nde", "na",  "ne",  "yla", "yle",
                                              "ya",   "ye",   "da",  "de",  "ta",  "te",  "in",
                                              "un",   "yi",   "yu",  "la",  "le",  "a",   "e"};
static size_t turkic_len[sizeof turkic_suffixes / sizeof turkic_suffixes[0]];

/* Endings of the nominative, the case names are listed in: stripped from a
 * name's words so that every case of the text meets the same stem. */
static const char *const ru_nominative[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые",
                                            "ие", "а",  "я",  "о",  "е",  "ь",  "й"};
/* Russian case endings, longest first (applied to lowercase Cyrillic). */
static const char *const ru_endings[] = {
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом",
    "ем",  "ым",  "им",  "ых",  "их",  "ый",  "ий",  "ая",  "яя", "ое", "ее",
    "ую",  "юю",  "ах",  "ях",  "ам",  "ям",  "ов",  "ев",  "ию", "ии", "ия",
    "а",   "я",   "у",   "ю",   "е",   "и",   "ы",   "о",   "ь",  "й",  "ью"};

/* ---- the name index -------------------------------------------------------- */

enum table {
  T_FOLD = 1,   /* folded key of a whole name */
  T_SKEL,       /* skeleton of a whole name */
  T_STEM,       /* Russian-stemmed key of a Cyrillic name */
  T_FIRST_FOLD, /* first word of a folded name */
  T_FIRST_SKEL, /* skeleton of that first word */
  T_FIRST_STEM, /* first word of a stemmed name */
  T_ORG,        /* organisation head word */
  T_AGREE,      /* agreement head word */
  T_DCUE,       /* district cue word */
  T_SCUE,       /* settlement cue word */
  T_TITLE,      /* title before a person's name */
  T_NOTGIVEN    /* capitalised word that is not a given name */
};

typedef struct entry {
  uint32_t place;
  uint16_t latin; /* the name is written in Latin letters only */
  char lastc;     /* last byte of the folded name */
  const gazmap_name *name;
} entry;

typedef struct item { /* one (table, key) -> entry, while building */
  uint64_t hash;
  uint32_t keyoff, keylen;
  uint8_t table;
  entry e;
} item;

typedef struct group {
  uint64_t hash;
  uint32_t keyoff, keylen;
  uint8_t table;
  uint32_t first, count; /* range in entries[] */
} group;

typedef struct index {
  char *keys; /* arena of key bytes */
  size_t keys_len, keys_cap;
  item *items;
  size_t nitems, items_cap;
  group *groups;
  size_t ngroups;
  entry *entries;
  uint32_t *slots; /* group index + 1, 0 = empty */
  size_t nslots;
} index_t;

/* ---- tokens ---------------------------------------------------------------- */

enum sep {
  SEP_START = 0,
  SEP_SPACE,     /* spaces, tabs, noise */
  SEP_NEWLINE,   /* one line break (and spaces) */
  SEP_HYPHEN,    /* a hyphen (with or without spaces) */
  SEP_HYPHEN_NL, /* a hyphen at a line end */
  SEP_DOT,       /* ". " as after "Mr." */
  SEP_PUNCT,     /* anything else: the words do not form one name */
  SEP_PARA       /* a blank line */
};

enum {
  F_CAP = 1u << 0,     /* first letter upper case (or of a caseless script) */
  F_ALLCAPS = 1u << 1, /* no lower-case letter at all */
  F_CYR = 1u << 2,     /* has Cyrillic letters */
  F_ASCII = 1u << 3,   /* letters and digits only in ASCII */
  F_LONG = 1u << 4,    /* too long to be (part of) a name */
  F_URL = 1u << 5,     /* inside a URL or e-mail address */
  F_KEYED = 1u << 6,   /* key (and stem) computed */
  F_DIGIT = 1u << 7,   /* contains a digit */
  F_LATIN = 1u << 8,   /* has Latin letters */
  F_LOWER0 = 1u << 9,  /* first letter lower case */
  F_IGN = 1u << 10,    /* has dropped characters: its letters are in let, not raw */
  F_SKELD = 1u << 11,  /* skel computed */
  F_VARD = 1u << 12    /* var (Russian stems) computed */
};

typedef struct tok {
  uint64_t off;
  uint64_t seq; /* number of the token in the text */
  uint64_t blob;
  uint32_t len;    /* bytes of the word as written (no apostrophe suffix) */
  uint32_t suffix; /* bytes of an apostrophe suffix after it ('da, 's) */
  uint64_t kh;     /* hash_base of key */
  uint16_t rawlen, letlen, keylen, skellen;
  uint8_t nvar; /* Russian stems of a Cyrillic word, see stem_variants */
  uint8_t varlen[MAX_VARIANTS];
  uint16_t flags;
  uint8_t sep;
  uint8_t seplen;
  char raw[TOK_RAW];
  char let[TOK_RAW]; /* with F_IGN: letters only (control and format characters
                        dropped); else the letters are raw itself */
  char key[TOK_KEY];
  char skel[TOK_KEY]; /* gazmap_skeleton of key, with F_SKELD */
  char var[MAX_VARIANTS][VAR_KEY];
  char sepraw[SEP_RAW];
} tok;

/* Code point classes. */
enum cls {
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

#define FCACHE 4096
typedef struct first_cache {
  uint64_t kh;
  uint8_t valid, ff, fsk; /* longest name (in words) starting so, by key and skeleton */
  uint8_t fst_valid, fst; /* the same by Russian stems */
  uint8_t words_valid;
  uint16_t words; /* bit (1 << table) for the word tables (T_FIRST_FOLD, T_ORG ...) */
} first_cache;

struct gazmap_scanner {
  gazmap_gazetteer *g;
  gazmap_folder *folder;
  gz_context *ctx;
  index_t ix;
  size_t maxtok;
  size_t lookahead;
  int keep_persons;
  int finished; /* the last text ended; the next feed starts a new one */
  gazmap_scan_stats st;

  /* decoder */
  unsigned char carry[4];
  size_t ncarry;

  /* tokenizer */
  int in_tok;
  int in_suffix;     /* reading the letters after an apostrophe */
  int apos_pending;  /* an apostrophe right after a word, decision pending */
  uint32_t apos_len; /* its bytes */
  int sep_nl, sep_hyphen, sep_punct, sep_dot, sep_hyphen_nl;
  size_t sepraw_len;
  int sep_overflow;
  char sepraw[SEP_RAW];
  uint64_t seq;
  /* URL and e-mail detection over whitespace-delimited blobs */
  uint64_t blob;
  int in_blob;
  uint64_t url_blob; /* blob id + 1 of the URL being read, 0 = none */
  int url_continues; /* the URL ended at a line end with - / _ ... */
  uint32_t blob_chars;
  uint32_t blob_ntok; /* words queued in the blob being read */
  char last3[3];
  int at_pending;
  int blob_last; /* last ASCII byte of the blob */

  /* token ring: [qhead, qtail) are live, qproc is the next to match */
  tok q[QCAP]; /* the slot at qtail is the word being read */
  uint64_t qhead, qproc, qtail;
  uint64_t last_match_seq; /* seq of the last token of the last mention + 1 */

  /* pending mentions: [phead, ptail); [phead + 1, pwin) are counted in the
   * context as the look-ahead of the mention at phead */
  gz_pending *pq;
  uint64_t phead, ptail, pwin;

  first_cache fcache[FCACHE];
  uint8_t cls_cache[0x10000];

  /* scratch */
  uint64_t span_first;            /* first token of the span being tried */
  size_t span_n;                  /* and its number of tokens */
  int surface_built;              /* s->surface holds that span's surface */
  const struct group *last_group; /* the T_FOLD group of the last plain match */
  char span_last;                 /* last byte of its folded key */
  char span[SPAN_MAX];
  char span2[SPAN_MAX];
  char surface[SPAN_MAX];
};

/* ---- small helpers ------------------------------------------------------- */

/* FNV-1a of a key, computed once per word and mixed with each table's number
 * (hash_in), so that one word is looked up in several tables cheaply. */
static uint64_t hash_base(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  size_t i;
  for (i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ull;
  }
  return h;
}

static uint64_t hash_in(int table, uint64_t base) {
  uint64_t h = base ^ ((uint64_t)table * 0x9E3779B97F4A7C15ull);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 29;
  return h ? h : 1;
}

static uint64_t hash_key(int table, const char *s, size_t n) {
  return hash_in(table, hash_base(s, n));
}

const char *gazmap_role_name(gazmap_role r) {
  switch (r) {
  case GAZMAP_ROLE_LOCATION:
    return "location";
  case GAZMAP_ROLE_ORGANISATION:
    return "organisation";
  case GAZMAP_ROLE_AGREEMENT:
    return "agreement";
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
  return -1;
}

static enum cls classify_slow(uint32_t cp, int *upper, int *lower, int *cyr);

/* classify() of the Basic Multilingual Plane, computed once per code point
 * into the scanner's `cls_cache`: ICU's property lookups are the costliest
 * part of reading non-Latin text.  Bits: 0-3 class, 4 upper, 5 lower,
 * 6 Cyrillic, 7 known. */
static inline enum cls classify(uint8_t *cls_cache, uint32_t cp, int *upper, int *lower, int *cyr) {
  uint8_t e;
  if (cp >= 0x10000) {
    return classify_slow(cp, upper, lower, cyr);
  }
  e = cls_cache[cp];
  if (!(e & 0x80)) {
    enum cls c = classify_slow(cp, upper, lower, cyr);
    e = (uint8_t)(0x80 | (unsigned)c | (*upper ? 0x10 : 0) | (*lower ? 0x20 : 0) |
                  (*cyr ? 0x40 : 0));
    cls_cache[cp] = e;
  }
  *upper = (e & 0x10) != 0;
  *lower = (e & 0x20) != 0;
  *cyr = (e & 0x40) != 0;
  return (enum cls)(e & 0x0F);
}

static enum cls classify_slow(uint32_t cp, int *upper, int *lower, int *cyr) {
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

/* Appends the UTF-8 of `cp` to buf (cap bytes); returns the new length. */
static size_t put_utf8(char *buf, size_t n, size_t cap, uint32_t cp) {
  unsigned char b[4];
  size_t k;
  if (cp < 0x80) {
    b[0] = (unsigned char)cp;
    k = 1;
  } else if (cp < 0x800) {
    b[0] = (unsigned char)(0xC0 | (cp >> 6));
    b[1] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 2;
  } else if (cp < 0x10000) {
    b[0] = (unsigned char)(0xE0 | (cp >> 12));
    b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 3;
  } else {
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    k = 4;
  }
  if (n + k > cap) {
    return cap + 1; /* overflow marker */
  }
  memcpy(buf + n, b, k);
  return n + k;
}

/* Folds the letters of one word into key; 0 or a negative status. */
static int fold_word(gazmap_scanner *s, const char *let, size_t n, int ascii, char *key,
                     uint16_t *keylen) {
  size_t i, out = 0;
  if (ascii) {
    for (i = 0; i < n && i < TOK_KEY - 1; i++) {
      char c = let[i];
      key[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    key[i] = '\0';
    *keylen = (uint16_t)i;
    return 0;
  }
  if (gazmap_fold(s->folder, let, n, key, TOK_KEY, &out) < 0) {
    key[0] = '\0';
    *keylen = 0;
    return -1;
  }
  *keylen = (uint16_t)out;
  return 0;
}

/* Lower-cases a Cyrillic word into low; returns its length in bytes (0 on
 * failure) and its letters in *letters. */
/* The letters of a word: raw, unless characters were dropped from it. */
static const char *tok_letters(const tok *t, size_t *n) {
  if (t->flags & F_IGN) {
    *n = t->letlen;
    return t->let;
  }
  *n = t->rawlen;
  return t->raw;
}

static size_t ru_lower(const char *let, size_t n, char *low, size_t cap, size_t *letters) {
  size_t ln = 0, i = 0;
  *letters = 0;
  while (i < n) {
    uint32_t cp;
    size_t m = gz_utf8_decode((const unsigned char *)let + i, n - i, &cp);
    if (m == 0) {
      return 0;
    }
    i += m;
    ln = put_utf8(low, ln, cap, (uint32_t)u_tolower((UChar32)cp));
    if (ln > cap) {
      return 0;
    }
    (*letters)++;
  }
  return ln;
}

static int ends_with(const char *w, size_t n, const char *end, size_t letters) {
  size_t el = strlen(end);
  /* Cyrillic letters are two bytes: keep at least three letters. */
  return n > el && !memcmp(w + n - el, end, el) && letters >= el / 2 + 3;
}

/* The stem of a name's Cyrillic word: its nominative ending off, folded
 * ("Шуша" -> "shush", "Нагорный" -> "nagorn", "Карабах" stays "karabakh"). */
static int stem_nominative(gazmap_scanner *s, const char *let, size_t n, char *out,
                           uint16_t *outlen) {
  char low[TOK_RAW * 2];
  size_t letters, ln = ru_lower(let, n, low, sizeof low, &letters), k;
  if (ln == 0) {
    return -1;
  }
  for (k = 0; k < sizeof ru_nominative / sizeof ru_nominative[0]; k++) {
    if (ends_with(low, ln, ru_nominative[k], letters)) {
      ln -= strlen(ru_nominative[k]);
      break;
    }
  }
  return fold_word(s, low, ln, 0, out, outlen);
}

/* Every stem a Cyrillic word of running text may have: the word itself (a
 * nominative "Карабах") and the word without each case ending it ends with
 * ("Армении" -> "армени", "армен").  A rule, not a list of forms: one of them
 * meets the stem of the name whatever the case. */
static void stem_variants(gazmap_scanner *s, tok *t) {
  char low[TOK_RAW * 2];
  size_t nl, letters, k, j, ln;
  const char *lt = tok_letters(t, &nl);
  ln = ru_lower(lt, nl, low, sizeof low, &letters);
  t->nvar = 0;
  if (ln == 0) {
    return;
  }
  for (k = 0; k <= sizeof ru_endings / sizeof ru_endings[0] && t->nvar < MAX_VARIANTS; k++) {
    size_t cut = 0;
    char key[TOK_KEY];
    uint16_t kl = 0;
    int dup = 0;
    if (k > 0) {
      if (!ends_with(low, ln, ru_endings[k - 1], letters)) {
        continue;
      }
      cut = strlen(ru_endings[k - 1]);
    }
    if (fold_word(s, low, ln - cut, 0, key, &kl) < 0 || kl == 0 || kl >= VAR_KEY) {
      continue;
    }
    for (j = 0; j < t->nvar; j++) {
      dup |= t->varlen[j] == kl && !memcmp(t->var[j], key, kl);
    }
    if (!dup) {
      memcpy(t->var[t->nvar], key, kl);
      t->varlen[t->nvar++] = (uint8_t)kl;
    }
  }
}

static void skel_of(const char *key, size_t n, char *out, size_t cap, uint16_t *outlen) {
  size_t o = 0;
  if (gazmap_skeleton(key, n, out, cap, &o) < 0) {
    o = 0;
    out[0] = '\0';
  }
  *outlen = (uint16_t)o;
}

static int is_latin_cp(uint32_t cp) {
  return cp < 0x80 || (cp >= 0xC0 && cp < 0x2B0) || (cp >= 0x1E00 && cp < 0x1F00);
}

/* ---- index building -------------------------------------------------------- */

static int ix_add(index_t *ix, int table, const char *key, size_t n, uint32_t place,
                  const gazmap_name *name, int latin, char lastc) {
  item *it;
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
    item *p = realloc(ix->items, cap * sizeof *p);
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
  it->hash = hash_key(table, key, n);
  it->e.place = place;
  it->e.name = name;
  it->e.latin = (uint16_t)latin;
  it->e.lastc = lastc;
  return 0;
}

static const char *sort_keys; /* only while sorting, see ix_finish */

static int item_cmp(const void *a, const void *b) {
  const item *x = a, *y = b;
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
static int ix_finish(index_t *ix) {
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
    const item *it = &ix->items[i];
    group *gr = ix->ngroups ? &ix->groups[ix->ngroups - 1] : NULL;
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

static const group *ix_get_h(const index_t *ix, int table, const char *key, size_t n,
                             uint64_t base) {
  uint64_t h = hash_in(table, base);
  size_t i = (size_t)h & (ix->nslots - 1);
  while (ix->slots[i]) {
    const group *gr = &ix->groups[ix->slots[i] - 1];
    if (gr->hash == h && gr->table == table && gr->keylen == n &&
        !memcmp(ix->keys + gr->keyoff, key, n)) {
      return gr;
    }
    i = (i + 1) & (ix->nslots - 1);
  }
  return NULL;
}

/* For a first-word table: the most words of the names that start with this
 * word (their `place` field holds it), 0 when none does. */
static size_t first_words(const index_t *ix, const group *gr) {
  size_t k, m = 0;
  for (k = 0; gr && k < gr->count; k++) {
    if (ix->entries[gr->first + k].place > m) {
      m = ix->entries[gr->first + k].place;
    }
  }
  return m;
}

static const group *ix_get(const index_t *ix, int table, const char *key, size_t n) {
  return ix_get_h(ix, table, key, n, hash_base(key, n));
}

static void ix_free(index_t *ix) {
  free(ix->keys);
  free(ix->items);
  free(ix->groups);
  free(ix->entries);
  free(ix->slots);
  memset(ix, 0, sizeof *ix);
}

/* Splits a name (or a cue word) into words exactly as running text is split,
 * and writes the joined folded key, stemmed key and the first words of each.
 * Apostrophes inside a name join its letters ("Angeghakot'"). */
typedef struct name_keys {
  char fold[SPAN_MAX], stem[SPAN_MAX], first_fold[TOK_KEY], first_stem[TOK_KEY];
  size_t foldlen, stemlen, ntok;
  uint16_t first_foldlen, first_stemlen;
  int cyr;
  int nonlatin; /* some letter is not Latin */
} name_keys;

static int split_name(gazmap_scanner *s, const char *text, name_keys *nk) {
  const unsigned char *p = (const unsigned char *)text;
  size_t n = strlen(text), i = 0;
  char let[TOK_RAW];
  size_t letlen = 0;
  int ascii = 1, cyr = 0;
  memset(nk, 0, sizeof *nk);
  for (;;) {
    uint32_t cp = 0;
    size_t m = 0;
    enum cls c = C_SPACE;
    int up, lo, cy;
    if (i < n) {
      m = gz_utf8_decode(p + i, n - i, &cp);
      if (m == 0) {
        return -1;
      }
      c = classify(s->cls_cache, cp, &up, &lo, &cy);
    }
    if (c == C_LETTER || c == C_DIGIT) {
      size_t k = put_utf8(let, letlen, sizeof let, cp);
      if (k > sizeof let) {
        return -1;
      }
      letlen = k;
      ascii &= cp < 0x80;
      cyr |= cy;
      if (c == C_LETTER && !is_latin_cp(cp)) {
        nk->nonlatin = 1;
      }
    } else if (c == C_APOS || c == C_IGNORE || c == C_CTRL) {
      /* joins */
    } else if (letlen) {
      char key[TOK_KEY], stem[TOK_KEY];
      uint16_t kl = 0, sl = 0;
      if (fold_word(s, let, letlen, ascii, key, &kl) < 0 || kl == 0) {
        return -1;
      }
      if (cyr) {
        if (stem_nominative(s, let, letlen, stem, &sl) < 0) {
          return -1;
        }
        nk->cyr = 1;
      } else {
        memcpy(stem, key, kl);
        sl = kl;
      }
      if (nk->foldlen + kl + 2 > SPAN_MAX || nk->stemlen + sl + 2 > SPAN_MAX) {
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

static int add_words(gazmap_scanner *s, int table, const char *const *words, size_t n) {
  size_t i;
  name_keys *nk = malloc(sizeof *nk);
  int rc = 0;
  if (!nk) {
    return GAZMAP_ENOMEM;
  }
  for (i = 0; i < n && rc == 0; i++) {
    if (split_name(s, words[i], nk) < 0) {
      continue;
    }
    rc = ix_add(&s->ix, table, nk->fold, nk->foldlen, 0, NULL, 0, 0);
    if (rc == 0 && nk->cyr) {
      rc = ix_add(&s->ix, table, nk->stem, nk->stemlen, 0, NULL, 0, 0);
    }
  }
  free(nk);
  return rc;
}

static int build_index(gazmap_scanner *s) {
  size_t np = gazmap_gazetteer_count(s->g), i, j;
  name_keys *nk = malloc(sizeof *nk);
  int rc = 0;
  if (!nk) {
    return GAZMAP_ENOMEM;
  }
  s->maxtok = 1;
  for (i = 0; i < np && rc == 0; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(s->g, i);
    size_t nn = gazmap_place_name_count(p);
    for (j = 0; j < nn && rc == 0; j++) {
      const gazmap_name *nm = gazmap_place_name_at(p, j);
      char sk[SPAN_MAX];
      uint16_t sklen = 0, fsklen = 0;
      char fsk[TOK_KEY];
      if (split_name(s, nm->text, nk) < 0 || nk->ntok > MAX_NAME_TOKENS) {
        continue;
      }
      if (nk->ntok > s->maxtok) {
        s->maxtok = nk->ntok;
      }
      rc = ix_add(&s->ix, T_FOLD, nk->fold, nk->foldlen, (uint32_t)i, nm, !nk->nonlatin,
                  nk->fold[nk->foldlen - 1]);
      if (rc == 0) {
        rc = ix_add(&s->ix, T_FIRST_FOLD, nk->first_fold, nk->first_foldlen, (uint32_t)nk->ntok,
                    NULL, 0, 0);
      }
      if (rc == 0 && nk->cyr) {
        rc = ix_add(&s->ix, T_STEM, nk->stem, nk->stemlen, (uint32_t)i, nm, !nk->nonlatin,
                    nk->fold[nk->foldlen - 1]);
        if (rc == 0) {
          rc = ix_add(&s->ix, T_FIRST_STEM, nk->first_stem, nk->first_stemlen, (uint32_t)nk->ntok,
                      NULL, 0, 0);
        }
      }
      /* Skeletons are loose (vowels dropped): only long names get one, so
       * that short English words never meet a place ("Berd" and "bird"). */
      skel_of(nk->fold, nk->foldlen, sk, sizeof sk, &sklen);
      if (rc == 0 && !(nm->flags & GAZMAP_NAME_ABBREV) && nk->foldlen >= 6 && sklen >= 5) {
        skel_of(nk->first_fold, nk->first_foldlen, fsk, sizeof fsk, &fsklen);
        rc = ix_add(&s->ix, T_SKEL, sk, sklen, (uint32_t)i, nm, !nk->nonlatin,
                    nk->fold[nk->foldlen - 1]);
        if (rc == 0) {
          rc = ix_add(&s->ix, T_FIRST_SKEL, fsk, fsklen, (uint32_t)nk->ntok, NULL, 0, 0);
        }
      }
    }
  }
  free(nk);
  if (rc == 0) {
    rc = add_words(s, T_ORG, org_heads, sizeof org_heads / sizeof org_heads[0]);
  }
  if (rc == 0) {
    rc = add_words(s, T_AGREE, agreement_heads, sizeof agreement_heads / sizeof agreement_heads[0]);
  }
  if (rc == 0) {
    rc = add_words(s, T_DCUE, district_cues, sizeof district_cues / sizeof district_cues[0]);
  }
  if (rc == 0) {
    rc = add_words(s, T_SCUE, settlement_cues, sizeof settlement_cues / sizeof settlement_cues[0]);
  }
  if (rc == 0) {
    rc = add_words(s, T_TITLE, titles, sizeof titles / sizeof titles[0]);
  }
  if (rc == 0) {
    rc = add_words(s, T_NOTGIVEN, not_given_names,
                   sizeof not_given_names / sizeof not_given_names[0]);
  }
  if (rc == 0) {
    rc = ix_finish(&s->ix);
  }
  return rc;
}

/* ---- life cycle ---------------------------------------------------------- */

static void reset_text(gazmap_scanner *s) {
  memset(&s->st, 0, sizeof s->st);
  s->finished = 0;
  s->ncarry = 0;
  s->in_tok = s->in_suffix = s->apos_pending = 0;
  s->sep_nl = s->sep_hyphen = s->sep_punct = s->sep_dot = s->sep_hyphen_nl = 0;
  s->sepraw_len = 0;
  s->sep_overflow = 0;
  s->seq = 0;
  s->blob = 0;
  s->in_blob = 0;
  s->url_blob = 0;
  s->url_continues = 0;
  s->blob_ntok = 0;
  s->at_pending = 0;
  s->qhead = s->qproc = s->qtail = 0;
  s->last_match_seq = 0;
  s->phead = s->ptail = s->pwin = 0;
  gz_context_reset(s->ctx);
}

int gazmap_scanner_new(gazmap_scanner **out, gazmap_gazetteer *g, const gazmap_scan_opts *opts) {
  gazmap_scanner *s = NULL;
  int rc;
  *out = NULL;
  if (!g) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "scanner needs a gazetteer");
  }
  if (opts && opts->version != GAZMAP_SCAN_OPTS_VERSION) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown gazmap_scan_opts version %u", opts->version);
  }
  s = calloc(1, sizeof *s);
  if (!s) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  s->g = g;
  s->lookahead = opts && opts->lookahead ? opts->lookahead : DEFAULT_LOOKAHEAD;
  s->keep_persons = opts ? opts->keep_persons : 0;
  rc = gazmap_folder_new(&s->folder);
  if (rc < 0) {
    goto fail;
  }
  s->pq = calloc(PQ_CAP, sizeof *s->pq);
  s->ctx = gz_context_new(g, gazmap_gazetteer_count(g));
  if (!s->pq || !s->ctx) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto fail;
  }
  for (size_t k = 0; k < sizeof turkic_suffixes / sizeof turkic_suffixes[0]; k++) {
    turkic_len[k] = strlen(turkic_suffixes[k]); /* the same every time: no race */
  }
  rc = build_index(s);
  if (rc < 0) {
    rc = gz_fail(rc, NULL, 0, "cannot build the name index");
    goto fail;
  }
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
  ix_free(&s->ix);
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
  gz_resolve(s->ctx, p, s->pq, PQ_CAP, s->phead + 1, s->pwin);
  s->phead++;
  m.offset = p->offset;
  m.length = p->length;
  m.surface = p->surface;
  m.place = gazmap_gazetteer_at(s->g, p->cand[p->chosen]);
  m.name = p->cname[p->chosen];
  m.kind = p->kind;
  m.confidence = p->match_conf * p->resolve_conf;
  m.role = p->role;
  m.alternatives = (unsigned)(p->ncand - 1);
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

static tok *qat(gazmap_scanner *s, uint64_t i) {
  return &s->q[i % QCAP];
}

static void ensure_key(gazmap_scanner *s, tok *t) {
  const char *letters;
  size_t nl;
  if (t->flags & F_KEYED) {
    return;
  }
  t->flags |= F_KEYED;
  t->keylen = 0;
  t->nvar = 0;
  t->key[0] = '\0';
  if (t->flags & F_LONG) {
    return;
  }
  letters = tok_letters(t, &nl);
  if (fold_word(s, letters, nl, (t->flags & F_ASCII) != 0, t->key, &t->keylen) < 0) {
    t->flags |= F_LONG;
    return;
  }
  t->kh = hash_base(t->key, t->keylen);
  t->flags &= (uint16_t)~F_VARD;
}

/* The skeleton of a word, computed once.  The skeleton of several words is
 * the concatenation of theirs (gazmap_skeleton works word by word). */
static void ensure_skel(gazmap_scanner *s, tok *t) {
  ensure_key(s, t);
  if (!(t->flags & F_SKELD)) {
    t->flags |= F_SKELD;
    skel_of(t->key, t->keylen, t->skel, sizeof t->skel, &t->skellen);
  }
}

static int joinable(int sep) {
  return sep == SEP_SPACE || sep == SEP_NEWLINE || sep == SEP_HYPHEN || sep == SEP_HYPHEN_NL;
}

/* The Russian stems of a Cyrillic word, computed when first needed. */
static void ensure_vars(gazmap_scanner *s, tok *t) {
  ensure_key(s, t);
  if ((t->flags & F_CYR) && !(t->flags & F_VARD)) {
    stem_variants(s, t);
  }
  t->flags |= F_VARD;
}

/* The cache entry of a word's folded key (a 64-bit hash: a collision would
 * only cost a missed name).  What is cached is a function of the key, and
 * for Cyrillic words of the stems of the word that first filled it. */
static first_cache *cache_slot(gazmap_scanner *s, const tok *t) {
  first_cache *fc = &s->fcache[t->kh & (FCACHE - 1)];
  if (fc->kh != t->kh) {
    fc->kh = t->kh;
    fc->valid = fc->fst_valid = fc->words_valid = 0;
  }
  return fc;
}

/* The word tables a key is in, cached like first words: the words around
 * each mention are asked about again and again. */
static const int word_tables[] = {T_FIRST_FOLD, T_ORG,   T_AGREE,   T_DCUE,
                                  T_SCUE,       T_TITLE, T_NOTGIVEN};

static int in_table(gazmap_scanner *s, int table, tok *t) {
  first_cache *fc;
  size_t k, v;
  ensure_key(s, t);
  fc = cache_slot(s, t);
  if (!fc->words_valid) {
    fc->words = 0;
    if (t->flags & F_CYR) {
      ensure_vars(s, t);
    }
    for (k = 0; k < sizeof word_tables / sizeof word_tables[0]; k++) {
      int in = ix_get_h(&s->ix, word_tables[k], t->key, t->keylen, t->kh) != NULL;
      for (v = 0; !in && v < t->nvar && (t->flags & F_CYR); v++) {
        in = ix_get(&s->ix, word_tables[k], t->var[v], t->varlen[v]) != NULL;
      }
      if (in) {
        fc->words |= (uint16_t)(1u << word_tables[k]);
      }
    }
    fc->words_valid = 1;
  }
  return (fc->words >> table) & 1;
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

/* The language of a name, primary subtag only ("hy-Latn" -> "hy"). */
static int lang_is(const gazmap_name *nm, const char *l) {
  size_t n = strlen(l);
  return nm && nm->lang && !strncmp(nm->lang, l, n) && (nm->lang[n] == '\0' || nm->lang[n] == '-');
}

/* Collects the places of group `gr` into p (one per place), keeping only
 * names in `langs` ("tr,az" style list) when not NULL.  Returns the count. */
static size_t take(gazmap_scanner *s, const group *gr, const char *lang1, const char *lang2,
                   gz_pending *p) {
  uint32_t k;
  int latin_text = (qat(s, s->span_first)->flags & F_LATIN) != 0;
  p->ncand = 0;
  for (k = 0; k < gr->count; k++) {
    const entry *e = &s->ix.entries[gr->first + k];
    size_t j;
    if (lang1 && !lang_is(e->name, lang1) && !(lang2 && lang_is(e->name, lang2))) {
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

/* Tries the span [i, i+n) in every way a name can be written in running
 * text, strictest first.  Fills p and returns 1 on a match. */
static int try_span(gazmap_scanner *s, uint64_t i, size_t n, int first_fold, int first_stem,
                    int first_skel, gz_pending *p) {
  tok *last = qat(s, i + n - 1);
  const group *gr;
  size_t kl;
  ensure_key(s, last);
  p->how[0] = '\0';
  s->span_first = i;
  s->span_n = n;
  s->surface_built = 0;
  s->last_group = NULL;
  if (first_fold) {
    kl = join_keys(s, i, n, 0, 0, NULL, 0, s->span);
    if (kl && (gr = ix_get(&s->ix, T_FOLD, s->span, kl)) && take(s, gr, NULL, NULL, p)) {
      p->kind = GAZMAP_MATCH_FOLDED;
      p->match_conf = 0.97;
      s->last_group = gr;
      return 1;
    }
  }
  if (first_stem) {
    unsigned combos = 1, combo;
    size_t k;
    for (k = 0; k < n; k++) {
      tok *u = qat(s, i + k);
      ensure_vars(s, u);
      combos *= u->nvar ? u->nvar : 1;
    }
    for (combo = 0; combo < combos && combo < MAX_COMBOS; combo++) {
      kl = join_keys(s, i, n, 1, combo, NULL, 0, s->span);
      if (kl && (gr = ix_get(&s->ix, T_STEM, s->span, kl)) && take(s, gr, NULL, NULL, p)) {
        p->kind = GAZMAP_MATCH_FOLDED;
        p->match_conf = 0.92;
        strcpy(p->how, "a Russian case form");
        return 1;
      }
    }
  }
  /* Turkish and Azerbaijani case suffixes written without an apostrophe,
   * tried on the last word and kept only for tr/az names: "Qarabağda". */
  if ((first_fold || n == 1) && (last->flags & F_LATIN) && !(last->flags & F_ALLCAPS) &&
      last->suffix == 0 && last->keylen >= 5 && strchr("aeinu", last->key[last->keylen - 1])) {
    size_t k;
    for (k = 0; k < sizeof turkic_suffixes / sizeof turkic_suffixes[0]; k++) {
      size_t sl = turkic_len[k];
      if (last->keylen - sl >= 4 &&
          !memcmp(last->key + last->keylen - sl, turkic_suffixes[k], sl)) {
        kl = join_keys(s, i, n, 0, 0, last->key, last->keylen - sl, s->span);
        if (kl && (gr = ix_get(&s->ix, T_FOLD, s->span, kl)) && take(s, gr, "tr", "az", p)) {
          p->kind = GAZMAP_MATCH_FOLDED;
          p->match_conf = 0.88;
          {
            static const char lead[] = "a Turkish/Azerbaijani case suffix (-";
            memcpy(p->how, lead, sizeof lead - 1);
            memcpy(p->how + sizeof lead - 1, turkic_suffixes[k], sl);
            memcpy(p->how + sizeof lead - 1 + sl, ")", 2);
          }
          return 1;
        }
      }
    }
  }
  /* An English possessive whose apostrophe the PDF extraction lost:
   * "Azerbaijans belief". */
  if ((first_fold || n == 1) && (last->flags & F_LATIN) && last->suffix == 0 && last->keylen >= 5 &&
      last->key[last->keylen - 1] == 's') {
    kl = join_keys(s, i, n, 0, 0, last->key, last->keylen - 1u, s->span);
    if (kl && (gr = ix_get(&s->ix, T_FOLD, s->span, kl)) && take(s, gr, "en", NULL, p)) {
      p->kind = GAZMAP_MATCH_FOLDED;
      p->match_conf = 0.8;
      snprintf(p->how, sizeof p->how, "a possessive whose apostrophe is missing");
      return 1;
    }
  }
  if (first_skel) {
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
      if (sl >= 5 && (gr = ix_get(&s->ix, T_SKEL, sk, sl)) && take(s, gr, NULL, NULL, p)) {
        p->kind = GAZMAP_MATCH_SKELETON;
        p->match_conf = 0.75;
        snprintf(p->how, sizeof p->how, "a spelling with the same skeleton");
        return 1;
      }
    }
  }
  return 0;
}

static int key_in(gazmap_scanner *s, int table, tok *t) {
  return in_table(s, table, t);
}

/* The role of a name from the words after it: "Minsk Group", "OSCE Minsk
 * group", "Ankara Yıldırım Beyazıt University", "Bishkek protocol". */
static gazmap_role role_after(gazmap_scanner *s, uint64_t end) {
  size_t d;
  for (d = 0; d < ROLE_LOOK && end + d < s->qtail; d++) {
    tok *t = qat(s, end + d);
    if (!joinable(t->sep) || (t->flags & F_URL)) {
      break;
    }
    if (key_in(s, T_ORG, t)) {
      return GAZMAP_ROLE_ORGANISATION;
    }
    if (key_in(s, T_AGREE, t)) {
      return GAZMAP_ROLE_AGREEMENT;
    }
    if (!(t->flags & F_CAP) || (t->flags & F_DIGIT)) {
      break;
    }
  }
  return GAZMAP_ROLE_LOCATION;
}

/* Family-name endings of the region (folded): a capitalised word right
 * after a place word and ending so makes it a given name ("Sevan Nisanyan",
 * "Ararat Mirzoyan"). */
static const char *const surname_ends[] = {"yan",  "ov",     "ova", "ev",   "eva", "oglu",
                                           "zade", "shvili", "dze", "enko", "yev", "yeva"};

static int surname_like(gazmap_scanner *s, tok *t) {
  size_t k;
  ensure_key(s, t);
  for (k = 0; k < sizeof surname_ends / sizeof surname_ends[0]; k++) {
    size_t n = strlen(surname_ends[k]);
    if (t->keylen > n + 2 && !memcmp(t->key + t->keylen - n, surname_ends[k], n)) {
      return 1;
    }
  }
  return 0;
}

/* Whether the plain name at tokens [i, end) is part of a person's name:
 * after a title ("Mr", "President", "Sayın"), before a family name ("Sevan
 * Nisanyan"), or right after a lone capitalised word inside a sentence that
 * can only be a given name ("the poet Anna Berd"). */
static int person_around(gazmap_scanner *s, uint64_t i, uint64_t end, tok *first) {
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
  if ((first->sep == SEP_SPACE || first->sep == SEP_DOT) && key_in(s, T_TITLE, a)) {
    return 1;
  }
  if (i >= 2 && i - 2 >= s->qhead && first->sep == SEP_SPACE && (a->flags & F_CAP) &&
      !(a->flags & F_ALLCAPS)) {
    b = qat(s, i - 2);
    if ((a->sep == SEP_SPACE || a->sep == SEP_DOT) && key_in(s, T_TITLE, b)) {
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
    if (kl < 2 || key_in(s, T_NOTGIVEN, a) || key_in(s, T_FIRST_FOLD, a) || key_in(s, T_ORG, a) ||
        key_in(s, T_AGREE, a)) {
      return 0;
    }
    if ((kl > 3 && (!memcmp(a->key + kl - 3, "ian", 3) || !memcmp(a->key + kl - 3, "ani", 3) ||
                    !memcmp(a->key + kl - 3, "ish", 3) || !memcmp(a->key + kl - 3, "ese", 3) ||
                    !memcmp(a->key + kl - 3, "ern", 3))) ||
        (kl > 2 && (!memcmp(a->key + kl - 2, "an", 2) || !memcmp(a->key + kl - 2, "ic", 2)))) {
      return 0;
    }
    return 1;
  }
  return 0;
}

static int cue_around(gazmap_scanner *s, uint64_t i, uint64_t end) {
  if (end < s->qtail) {
    tok *t = qat(s, end);
    if (joinable(t->sep) && !(t->flags & F_URL)) {
      if (key_in(s, T_DCUE, t)) {
        return GZ_CUE_DISTRICT;
      }
      if (key_in(s, T_SCUE, t)) {
        return GZ_CUE_SETTLEMENT;
      }
    }
  }
  if (i >= 2 && i - 2 >= s->qhead) {
    tok *of = qat(s, i - 1), *c = qat(s, i - 2);
    ensure_key(s, of);
    if (of->keylen == 2 && !memcmp(of->key, "of", 2) && key_in(s, T_SCUE, c)) {
      return GZ_CUE_SETTLEMENT;
    }
  }
  return GZ_CUE_NONE;
}

/* Russian adjectives made from place names, "-ский" and its forms. */
static const char *const ru_adj_endings[] = {"скими", "ского", "скому", "ский", "ская", "ское",
                                             "ские",  "ским",  "ском",  "ской", "скую", "ских"};

/* A Russian adjective of a place name ("Бишкекский", "Карабахского") is no
 * mention of the place (see the demonym rule), except inside the name of an
 * organisation or agreement ("Бишкекский протокол"), where it names the
 * place as "Bishkek protocol" does.  Fills p and returns 1 then. */
static int ru_adjective(gazmap_scanner *s, uint64_t i, gz_pending *p) {
  tok *t = qat(s, i);
  char low[TOK_RAW * 2], key[TOK_KEY];
  size_t nl, letters, ln, k;
  uint16_t kl = 0;
  const char *lt = tok_letters(t, &nl);
  const group *gr;
  ln = ru_lower(lt, nl, low, sizeof low, &letters);
  for (k = 0; ln && k < sizeof ru_adj_endings / sizeof ru_adj_endings[0]; k++) {
    if (ends_with(low, ln, ru_adj_endings[k], letters)) {
      break;
    }
  }
  if (ln == 0 || k == sizeof ru_adj_endings / sizeof ru_adj_endings[0] ||
      role_after(s, i + 1) == GAZMAP_ROLE_LOCATION) {
    return 0;
  }
  if (fold_word(s, low, ln - strlen(ru_adj_endings[k]), 0, key, &kl) < 0 || kl == 0) {
    return 0;
  }
  s->span_first = i;
  s->span_n = 1;
  s->surface_built = 0;
  s->last_group = NULL;
  p->how[0] = '\0';
  if (!(gr = ix_get(&s->ix, T_STEM, key, kl)) || !take(s, gr, NULL, NULL, p)) {
    return 0;
  }
  p->kind = GAZMAP_MATCH_FOLDED;
  p->match_conf = 0.85;
  strcpy(p->how, "a Russian adjective in a name");
  return 1;
}

/* Looks for a name starting at token qproc; advances qproc past it (or by one
 * token) and queues a pending mention. */
static int match_at(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  uint64_t i = s->qproc;
  tok *t = qat(s, i);
  size_t navail = 1, n, maxn;
  int ff, fst, fsk;
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
      ff = (int)first_words(&s->ix, ix_get_h(&s->ix, T_FIRST_FOLD, t->key, t->keylen, t->kh));
      fsk = 0;
      if (t->keylen >= 4 && !(t->flags & F_DIGIT)) {
        ensure_skel(s, t);
        fsk = t->skellen >= 2
                  ? (int)first_words(&s->ix, ix_get(&s->ix, T_FIRST_SKEL, t->skel, t->skellen))
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
      ensure_vars(s, t);
      for (k = 0; k < t->nvar; k++) {
        size_t w = first_words(&s->ix, ix_get(&s->ix, T_FIRST_STEM, t->var[k], t->varlen[k]));
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
  for (n = navail; n >= 1; n--) {
    if (n > 1 && !ff && !fst && !fsk) {
      continue;
    }
    if (try_span(s, i, n, ff, fst, fsk, p)) {
      break;
    }
  }
  if (n == 0 && (t->flags & F_CYR) && ru_adjective(s, i, p)) {
    n = 1;
  }
  if (n == 0) {
    return 0;
  }
  {
    tok *last = qat(s, i + n - 1);
    size_t sl;
    if (!s->keep_persons && p->how[0] == '\0' && person_around(s, i, i + n, t)) {
      return 0;
    }
    p->offset = t->off;
    p->length = (size_t)(last->off + last->len - t->off);
    if (p->length >= GZ_SURFACE_MAX) {
      return 0; /* only noise makes a name this long: no mention */
    }
    sl = build_surface(s, i, n, p->surface, sizeof p->surface);
    /* An exact match is the name byte for byte as the gazetteer writes it,
     * whichever of the names with this key that is ("Nagorno Karabakh"
     * beside "Nagorno-Karabakh"). */
    if (p->how[0] == '\0' && p->kind == GAZMAP_MATCH_FOLDED && s->last_group) {
      const group *gr = s->last_group;
      uint32_t k;
      size_t j;
      for (k = 0; k < gr->count; k++) {
        const entry *e = &s->ix.entries[gr->first + k];
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
    p->role = role_after(s, i + n);
    p->cue = cue_around(s, i, i + n);
    p->twin = 0;
    p->chosen = 0;
    p->resolve_conf = 1.0;
    p->why[0] = '\0';
    s->ptail++;
    s->qproc = i + n;
    s->last_match_seq = last->seq + 1;
  }
  return 0;
}

/* Matches every token that has enough look-ahead (all when `all`), then drops
 * tokens no longer needed. */
static int run_matcher(gazmap_scanner *s, int all, gazmap_mention_fn fn, void *ud) {
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

/* ---- tokenizer --------------------------------------------------------------- */

static void sep_reset(gazmap_scanner *s) {
  s->sep_nl = s->sep_hyphen = s->sep_punct = s->sep_dot = s->sep_hyphen_nl = 0;
  s->sepraw_len = 0;
  s->sep_overflow = 0;
}

static void sep_add(gazmap_scanner *s, const unsigned char *b, size_t n) {
  if (s->sepraw_len + n <= SEP_RAW) {
    size_t k;
    for (k = 0; k < n; k++) { /* one or a few bytes: no call to memcpy */
      s->sepraw[s->sepraw_len + k] = (char)b[k];
    }
    s->sepraw_len += n;
  } else {
    s->sep_overflow = 1;
  }
}

static int sep_class(const gazmap_scanner *s) {
  if (s->seq == 0) {
    return SEP_START;
  }
  if (s->sep_nl >= 2) {
    return SEP_PARA;
  }
  if (s->sep_punct || s->sep_overflow || s->sep_hyphen > 1) {
    return SEP_PUNCT;
  }
  if (s->sep_dot) {
    return s->sep_dot == 1 && !s->sep_nl && !s->sep_hyphen ? SEP_DOT : SEP_PUNCT;
  }
  if (s->sep_hyphen) {
    return s->sep_hyphen_nl ? SEP_HYPHEN_NL : SEP_HYPHEN;
  }
  return s->sep_nl ? SEP_NEWLINE : SEP_SPACE;
}

/* The word being read lives in the ring slot after the last queued one, so
 * that queuing it copies nothing. */
static tok *cur(gazmap_scanner *s) {
  return &s->q[s->qtail % QCAP];
}

static void mark_url_blob(gazmap_scanner *s) {
  uint64_t k;
  if (s->url_blob == s->blob + 1) {
    return;
  }
  s->url_blob = s->blob + 1;
  s->st.skipped_urls++;
  /* Once the blob held BLOB_HOLD words its first words may have been matched
   * (when depends on the input's chunks): only words from here on are the
   * URL's, the same however the input arrived. */
  for (k = s->blob_ntok < BLOB_HOLD ? s->qproc : s->qtail; k < s->qtail; k++) {
    tok *t = qat(s, k);
    if (t->blob == s->blob) {
      t->flags |= F_URL;
    }
  }
  if (s->in_tok) {
    cur(s)->flags |= F_URL;
  }
}

/* A word ends: it joins the queue (or, after a hyphen at a line end and
 * starting in lower case, it is the rest of the previous word). */
static int end_token(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  tok *c = cur(s);
  s->in_tok = 0;
  if (c->sep == SEP_HYPHEN_NL && (c->flags & F_LOWER0) && s->qtail > s->qproc) {
    tok *prev = qat(s, s->qtail - 1);
    size_t pl, cl;
    const char *cletters = tok_letters(c, &cl);
    tok_letters(prev, &pl);
    if (prev->suffix == 0 && !(prev->flags & F_URL) &&
        prev->rawlen + c->seplen + c->rawlen <= TOK_RAW && pl + cl <= TOK_RAW) {
      /* The joined word's letters differ from its bytes (the hyphen and the
       * line break sit between them): keep them apart in let. */
      if (!(prev->flags & F_IGN)) {
        memcpy(prev->let, prev->raw, prev->rawlen);
        prev->letlen = prev->rawlen;
        prev->flags |= F_IGN;
      }
      memcpy(prev->let + prev->letlen, cletters, cl);
      prev->letlen = (uint16_t)(prev->letlen + cl);
      memcpy(prev->raw + prev->rawlen, c->sepraw, c->seplen);
      memcpy(prev->raw + prev->rawlen + c->seplen, c->raw, c->rawlen);
      prev->rawlen = (uint16_t)(prev->rawlen + c->seplen + c->rawlen);
      prev->len = (uint32_t)(c->off + c->len - prev->off);
      prev->flags = (uint16_t)((prev->flags & ~(F_KEYED | F_SKELD | F_VARD | F_ALLCAPS)) |
                               (c->flags & (F_CYR | F_LONG | F_DIGIT)));
      if (!(c->flags & F_ASCII)) {
        prev->flags &= (uint16_t)~F_ASCII;
      }
      return 0;
    }
  }
  if (s->url_blob == c->blob + 1) {
    c->flags |= F_URL;
  }
  if (c->blob == s->blob) {
    s->blob_ntok++;
  }
  s->qtail++;
  s->st.tokens++;
  if (s->qtail - s->qhead >= QCAP - 1) {
    /* The ring is full only when the matcher is behind: let it catch up. */
    return run_matcher(s, 0, fn, ud);
  }
  return 0;
}

static inline void start_token(gazmap_scanner *s, uint64_t off) {
  tok *c = cur(s);
  c->off = off;
  c->sep = (uint8_t)sep_class(s); /* before seq moves: the first word has SEP_START */
  c->seq = s->seq++;
  c->blob = s->blob;
  c->len = 0;
  c->suffix = 0;
  c->rawlen = c->letlen = c->keylen = c->skellen = 0;
  c->nvar = 0;
  c->flags = F_ASCII | F_ALLCAPS;
  c->seplen = (uint8_t)s->sepraw_len;
  for (size_t k = 0; k < s->sepraw_len; k++) {
    c->sepraw[k] = s->sepraw[k];
  }
  sep_reset(s);
  s->in_tok = 1;
}

static inline void tok_add(gazmap_scanner *s, const unsigned char *b, size_t n, int letter,
                           uint64_t off) {
  tok *c = cur(s);
  if (!letter && !(c->flags & F_IGN)) {
    /* The first dropped character: from now on the letters are kept apart. */
    memcpy(c->let, c->raw, c->rawlen);
    c->letlen = c->rawlen;
    c->flags |= F_IGN;
  }
  if (c->rawlen + n <= TOK_RAW) {
    memcpy(c->raw + c->rawlen, b, n);
    c->rawlen = (uint16_t)(c->rawlen + n);
  } else {
    c->flags |= F_LONG;
  }
  if (letter && (c->flags & F_IGN)) {
    if (c->letlen + n <= TOK_RAW) {
      memcpy(c->let + c->letlen, b, n);
      c->letlen = (uint16_t)(c->letlen + n);
    } else {
      c->flags |= F_LONG;
    }
  }
  c->len = (uint32_t)(off + n - c->off);
}

/* One code point (or one invalid byte, cls C_NOISE) at absolute offset `off`. */
static inline int step(gazmap_scanner *s, const unsigned char *b, size_t n, uint32_t cp, int valid,
                       uint64_t off, gazmap_mention_fn fn, void *ud) {
  int up = 0, lo = 0, cy = 0, rc = 0;
  enum cls c = valid ? classify(s->cls_cache, cp, &up, &lo, &cy) : C_NOISE;

  /* URL and e-mail detection on whitespace-delimited blobs. */
  if (c == C_SPACE || c == C_NEWLINE) {
    if (s->in_blob) {
      int cont =
          s->url_blob == s->blob + 1 && s->blob_last && strchr("-/_=&?%.", s->blob_last) != NULL;
      s->url_continues = cont;
      s->in_blob = 0;
      s->blob++;
      s->blob_ntok = 0;
    }
    if (c == C_NEWLINE && s->url_continues) {
      /* 1: the URL ended with - or /; 2: and then the line ended; a blank
       * line ends any URL. */
      s->url_continues = s->url_continues == 1 ? 2 : 0;
    }
    s->at_pending = 0;
  } else {
    if (!s->in_blob) {
      s->in_blob = 1;
      s->blob_chars = 0;
      s->blob_last = 0;
      s->last3[0] = s->last3[1] = s->last3[2] = 0;
      if (s->url_continues == 2) {
        mark_url_blob(s);
      }
      s->url_continues = 0;
    }
    if (s->at_pending && (c == C_LETTER || c == C_DIGIT)) {
      mark_url_blob(s);
    }
    s->at_pending = c == C_AT;
    if (cp < 0x80 && valid) {
      char ch = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      if (ch == '.' && s->blob_chars == 3 && s->in_tok && cur(s)->rawlen == 3 &&
          (cur(s)->raw[0] | 0x20) == 'w' && (cur(s)->raw[1] | 0x20) == 'w' &&
          (cur(s)->raw[2] | 0x20) == 'w') {
        mark_url_blob(s); /* www. */
      }
      if (s->last3[1] == ':' && s->last3[2] == '/' && ch == '/') {
        mark_url_blob(s);
      }
      s->last3[0] = s->last3[1];
      s->last3[1] = s->last3[2];
      s->last3[2] = ch;
      s->blob_last = ch;
    } else {
      s->blob_last = 0;
    }
    s->blob_chars++;
  }

  /* After an apostrophe that followed a word: lower-case letters are a
   * suffix of that word (Karabağ'da, Iran's); anything else means the
   * apostrophe was punctuation. */
  if (s->apos_pending) {
    s->apos_pending = 0;
    if (c == C_LETTER && !up && s->qtail > s->qproc && !s->in_tok) {
      tok *prev = qat(s, s->qtail - 1);
      prev->suffix = s->apos_len + (uint32_t)n;
      s->in_suffix = 1;
      return 0;
    }
    s->sep_punct = 1;
  }
  if (s->in_suffix) {
    if (c == C_LETTER || c == C_IGNORE) {
      qat(s, s->qtail - 1)->suffix += (uint32_t)n;
      return 0;
    }
    s->in_suffix = 0;
  }

  switch (c) {
  case C_LETTER:
  case C_DIGIT:
    if (!s->in_tok) {
      start_token(s, off);
      if (lo) {
        cur(s)->flags |= F_LOWER0;
      } else {
        cur(s)->flags |= F_CAP;
      }
      if (s->url_blob == s->blob + 1) {
        cur(s)->flags |= F_URL;
      }
    }
    if (lo) {
      cur(s)->flags &= (uint16_t)~F_ALLCAPS;
    }
    if (cy) {
      cur(s)->flags |= F_CYR;
    }
    if (c == C_DIGIT) {
      cur(s)->flags |= F_DIGIT;
    }
    if (cp >= 0x80) {
      cur(s)->flags &= (uint16_t)~F_ASCII;
    }
    if (c == C_LETTER && is_latin_cp(cp)) {
      cur(s)->flags |= F_LATIN;
    }
    tok_add(s, b, n, 1, off);
    return 0;
  case C_IGNORE:
  case C_CTRL:
    if (s->in_tok) {
      tok_add(s, b, n, 0, off);
      return 0;
    }
    sep_add(s, b, n);
    return 0;
  default:
    break;
  }
  if (s->in_tok) {
    rc = end_token(s, fn, ud);
    if (rc) {
      return rc;
    }
    if (c == C_APOS) {
      s->apos_pending = 1;
      s->apos_len = (uint32_t)n;
      sep_add(s, b, n);
      return 0;
    }
  }
  switch (c) {
  case C_SPACE:
  case C_NOISE:
    break;
  case C_NEWLINE:
    s->sep_nl++;
    if (s->sep_hyphen) {
      s->sep_hyphen_nl = 1;
    }
    break;
  case C_HYPHEN:
    s->sep_hyphen++;
    break;
  case C_DOT:
    s->sep_dot++;
    break;
  case C_APOS:
    /* a stray apostrophe between words (PDF noise) is no punctuation */
    break;
  default:
    s->sep_punct = 1;
    break;
  }
  sep_add(s, b, n);
  return 0;
}

static size_t utf8_need(unsigned char c) {
  if (c < 0x80) {
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) {
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    return 4;
  }
  return 0;
}

static int invalid_byte(gazmap_scanner *s, const unsigned char *b, uint64_t off,
                        gazmap_mention_fn fn, void *ud) {
  if (s->st.invalid_utf8++ == 0) {
    s->st.first_invalid = off;
  }
  return step(s, b, 1, 0xFFFD, 0, off, fn, ud);
}

/* Decodes `len` bytes starting at absolute offset `base`; an incomplete
 * character at the end is kept in s->carry unless `final`. */
static int decode(gazmap_scanner *s, const unsigned char *b, size_t len, uint64_t base, int final,
                  gazmap_mention_fn fn, void *ud, size_t *used) {
  size_t i = 0;
  int rc = 0;
  while (i < len) {
    unsigned char c = b[i];
    size_t need;
    uint32_t cp;
    if (c < 0x80) {
      if (s->in_blob && !s->in_suffix && !s->apos_pending && !s->at_pending &&
          ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        /* The common case, inline: ASCII letters of a word. */
        tok *t = cur(s);
        size_t j = i;
        while (j < len && (((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z'))) {
          j++;
        }
        if (!s->in_tok) {
          start_token(s, base + i);
          t->flags |= c >= 'a' ? F_LOWER0 : F_CAP;
          if (s->url_blob == s->blob + 1) {
            t->flags |= F_URL;
          }
        }
        if (t->rawlen + (j - i) <= TOK_RAW) {
          size_t k;
          memcpy(t->raw + t->rawlen, b + i, j - i);
          t->rawlen = (uint16_t)(t->rawlen + (j - i));
          if (t->flags & F_IGN) {
            if (t->letlen + (j - i) <= TOK_RAW) {
              memcpy(t->let + t->letlen, b + i, j - i);
              t->letlen = (uint16_t)(t->letlen + (j - i));
            } else {
              t->flags |= F_LONG;
            }
          }
          for (k = i; k < j; k++) {
            if (b[k] >= 'a') {
              t->flags &= (uint16_t)~F_ALLCAPS;
              break;
            }
          }
          t->flags |= F_LATIN;
          t->len = (uint32_t)(base + j - t->off);
          s->blob_chars += (uint32_t)(j - i);
          s->blob_last = (char)(b[j - 1] | 0x20);
          s->last3[0] = s->last3[1] = s->last3[2] = 0;
          i = j;
          continue;
        }
      }
      if (c == ' ' && !s->apos_pending && !s->in_suffix) {
        /* The other common case, inline: a space after a word or a space. */
        if (s->in_blob) {
          s->url_continues = s->url_blob == s->blob + 1 && s->blob_last &&
                             strchr("-/_=&?%.", s->blob_last) != NULL;
          s->in_blob = 0;
          s->blob++;
          s->blob_ntok = 0;
        }
        s->at_pending = 0;
        if (s->in_tok && (rc = end_token(s, fn, ud)) != 0) {
          break;
        }
        sep_add(s, b + i, 1);
        i++;
        continue;
      }
      rc = step(s, b + i, 1, c, 1, base + i, fn, ud);
      i++;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (b[i + 1] & 0xC0) == 0x80 && s->in_tok &&
               !s->in_suffix && !s->apos_pending && !s->at_pending) {
      /* A two-byte letter inside a word (Turkish, Azerbaijani, Cyrillic,
       * Armenian), inline. */
      uint32_t cp2 = ((uint32_t)(c & 0x1F) << 6) | (b[i + 1] & 0x3F);
      int up, lo, cy;
      if (classify(s->cls_cache, cp2, &up, &lo, &cy) == C_LETTER) {
        tok *t = cur(s);
        size_t j = i;
        unsigned fl = 0;
        int any_lower = 0;
        /* This letter and the two-byte letters right after it. */
        do {
          fl |= (cy ? F_CYR : 0u) | (is_latin_cp(cp2) ? F_LATIN : 0u);
          any_lower |= lo;
          j += 2;
          s->blob_chars++;
          if (!(j + 1 < len && b[j] >= 0xC2 && b[j] <= 0xDF && (b[j + 1] & 0xC0) == 0x80)) {
            break;
          }
          cp2 = ((uint32_t)(b[j] & 0x1F) << 6) | (b[j + 1] & 0x3F);
        } while (classify(s->cls_cache, cp2, &up, &lo, &cy) == C_LETTER);
        if (any_lower) {
          t->flags &= (uint16_t)~F_ALLCAPS;
        }
        t->flags = (uint16_t)((t->flags & ~F_ASCII) | fl);
        s->blob_last = 0;
        tok_add(s, b + i, j - i, 1, base + i);
        i = j;
        continue;
      }
      rc = step(s, b + i, 2, cp2, 1, base + i, fn, ud);
      i += 2;
    } else if ((need = utf8_need(c)) == 0) {
      rc = invalid_byte(s, b + i, base + i, fn, ud);
      i++;
    } else if (need > len - i && !final) {
      size_t k;
      for (k = i + 1; k < len && (b[k] & 0xC0) == 0x80; k++) {
      }
      if (k == len) {
        break; /* wait for the rest of the character */
      }
      rc = invalid_byte(s, b + i, base + i, fn, ud);
      i++;
    } else {
      size_t m = gz_utf8_decode(b + i, len - i, &cp);
      if (m == 0) {
        rc = invalid_byte(s, b + i, base + i, fn, ud);
        i++;
      } else {
        rc = step(s, b + i, m, cp, 1, base + i, fn, ud);
        i += m;
      }
    }
    if (rc) {
      break;
    }
  }
  *used = i;
  return rc;
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
    rc = decode(s, tmp, n, base, 0, fn, ud, &used);
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
  rc = decode(s, b, len, s->st.bytes, 0, fn, ud, &used);
  s->st.bytes += len;
  if (rc) {
    return rc;
  }
  if (used < len) {
    memcpy(s->carry, b + used, len - used);
    s->ncarry = len - used;
  }
  rc = run_matcher(s, 0, fn, ud);
  if (rc == 0) {
    rc = emit_ready(s, 0, fn, ud);
  }
  return rc;
}

int gazmap_scanner_finish(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  int rc = 0;
  size_t used = 0;
  if (s->ncarry) {
    rc = decode(s, s->carry, s->ncarry, s->st.bytes - s->ncarry, 1, fn, ud, &used);
    s->ncarry = 0;
  }
  if (rc == 0 && s->in_tok) {
    rc = end_token(s, fn, ud);
  }
  if (rc == 0) {
    rc = run_matcher(s, 1, fn, ud);
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
