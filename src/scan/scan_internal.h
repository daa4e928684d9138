/* Private: the scanner's parts and what they share.
 *
 * tokenize.c turns bytes into tokens (words with the separators before them,
 * URLs and e-mail addresses, PDF noise, apostrophe suffixes, words broken
 * across a line end); scan.c matches the longest run of tokens over the
 * gazetteer's name index (match/index.h), keeps the pending queue and emits;
 * cues.c reads the words around a match (person, organisation, agreement,
 * district and settlement cues); resolve.c is the homonym resolver.
 *
 * scan.c finds candidate mentions (a span of text and every place whose name
 * it could be); resolve.c picks one place per mention from the document's
 * context and says why.  The context is bounded: per-place counters plus a
 * short ring of recent point places, so memory never grows with the text. */
#ifndef GAZMAP_SCAN_INTERNAL_H
#define GAZMAP_SCAN_INTERNAL_H

#include "gazmap/scan.h"
#include "match/index.h"
#include "text/words.h"

#include <stddef.h>
#include <stdint.h>

/* At most this many places share one surface (Nakhchivan city and exclave,
 * the two Martunis, a town and its district). */
#define GZ_MAX_CANDS 8
/* Longest surface kept for a mention, in bytes (longer names are cut). */
#define GZ_SURFACE_MAX 256
#define GZ_WHY_MAX 400

/* What follows or precedes a mention and tells which kind of place it is. */
enum gz_cue {
  GZ_CUE_NONE = 0,
  GZ_CUE_DISTRICT,   /* "X region", "X district", "X rayonu", "X район" */
  GZ_CUE_SETTLEMENT, /* "city of X", "town of X", "X city" */
  GZ_CUE_RIVER       /* "X river", "X çayı", "река X" */
};

/* What makes a surface a doubtful name (gz_pending.weak). */
enum {
  GZ_WEAK_WORD = 1u << 0,       /* also a common word or given name (gz_lang.weak_names) */
  GZ_WEAK_BEFORE_NAME = 1u << 1 /* a capitalised word follows, as a family name would */
};

/* Road words kept, and the longest folded one. */
#define GZ_ROAD_KEYS 64
#define GZ_ROAD_KEY 24

/* One candidate mention, waiting in the look-ahead queue. */
#define GZ_CUE_MAX 64
#define GZ_NO_HINT ((size_t)-1)

typedef struct gz_pending {
  uint64_t offset;
  size_t length;
  /* The same span in code points and in UTF-16 units (gazmap_mention). */
  uint64_t char_offset, utf16_offset;
  size_t char_length, utf16_length;
  char surface[GZ_SURFACE_MAX];
  size_t ncand;
  size_t cand[GZ_MAX_CANDS];              /* place indexes in the gazetteer */
  const gazmap_name *cname[GZ_MAX_CANDS]; /* the name of each that matched */
  unsigned twin; /* district twins the resolver added (the last `twin` of cand[]) */
  gazmap_match_kind kind;
  double match_conf; /* how sure the match is before resolution */
  gazmap_role role;
  int cue;      /* enum gz_cue */
  int weak;     /* GZ_WEAK_* bits */
  int road;     /* a road word next to it (or to the list of codes it is in) */
  char how[96]; /* how it matched: "Turkish suffix after an apostrophe" */
  /* Unresolved mentions (role GAZMAP_ROLE_UNRESOLVED, ncand 0): */
  char cue_text[GZ_CUE_MAX]; /* the cue words as written */
  size_t hint;               /* a district or province named near it, GZ_NO_HINT */
  /* Filled by resolution: */
  size_t chosen; /* index into cand[] */
  int drop;      /* 1: not a mention after all (too little evidence, see resolve.c) */
  double resolve_conf;
  char why[GZ_WHY_MAX];
} gz_pending;

/* The resolver's view of the document so far. */
typedef struct gz_context gz_context;

/* Creates the context for a gazetteer of `nplaces` places.  Returns NULL when
 * out of memory; free with gz_context_free(). */
gz_context *gz_context_new(gazmap_gazetteer *g, size_t nplaces);
void gz_context_free(gz_context *c);
/* Forgets the document (a new text starts). */
void gz_context_reset(gz_context *c);

/* Counts `p` in (delta 1, when it is queued) or out (-1, when it leaves the
 * queue) of the look-ahead: unambiguous mentions there are context for the
 * mentions before them. */
void gz_context_queued(gz_context *c, const gz_pending *p, int delta);

/* Chooses p->chosen, p->resolve_conf and p->why for the pending mention `p`,
 * looking at the document so far and at the mentions queued after it, not yet
 * resolved: ring[k % cap] for k in [from, to).  Then records the choice in
 * the context. */
void gz_resolve(gz_context *c, gz_pending *p, const gz_pending *ring, size_t cap, uint64_t from,
                uint64_t to);

/* ---- the scanner ----------------------------------------------------------- */

#define TOK_RAW GZ_WORD_MAX /* bytes of a word kept; longer words are never names */
#define TOK_KEY GZ_WORD_MAX /* folded key of one word */
#define SEP_RAW 24          /* bytes of a separator kept; longer ones break a name */
#define QCAP 64             /* token ring: look-ahead, history and the word being read */
#define HISTORY 8 /* processed tokens kept for cues before a mention, enough for a
                     * list of road codes back to its road word ("the roads R13,
                     * H37, E117 and M2"): gz_road_around looks no further */
#define MAX_NAME_TOKENS GZ_MAX_NAME_TOKENS
#define ROLE_LOOK 4 /* tokens looked at after a name for "Group", "protocol" */
#define LOOK_TOKENS (MAX_NAME_TOKENS + ROLE_LOOK)
/* Words of a whitespace-delimited blob still being read are not matched (nor
 * any word whose look-ahead reaches them) until the blob ends or holds this
 * many words: a later '@' or "://" can still make the blob a URL.  Small
 * enough that held words never fill the ring. */
#define BLOB_HOLD (QCAP - HISTORY - LOOK_TOKENS - 4)
#define PQ_CAP 512 /* pending mentions */
#define DEFAULT_LOOKAHEAD (16u * 1024u)
#define SPAN_MAX GZ_SPAN_MAX /* bytes of a joined key or surface */
#define MAX_VARIANTS GZ_MAX_STEMS
#define VAR_KEY GZ_STEM_MAX
#define MAX_COMBOS 64 /* stem combinations tried per span */

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
  /* Where the word starts and ends in code points and in UTF-16 units. */
  uint64_t coff, cend, uoff, uend;
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

#define FCACHE 4096
typedef struct first_cache {
  uint64_t kh;
  uint8_t valid, ff, fsk; /* longest name (in words) starting so, by key and skeleton */
  uint8_t fst_valid, fst; /* the same by Russian stems */
  uint8_t words_valid;
  uint16_t words; /* bit (1 << (table - T_FIRST_FOLD)) for each word table it is in */
} first_cache;

/* Skeletons of short keys, by key: computing one (ICU) costs more than
 * everything else a word costs, and the same words come back all the time.
 * The key is kept and compared, so a hash collision only costs a
 * recomputation. */
#define SCACHE 2048
#define SCACHE_KEY 32
typedef struct skel_cache {
  uint64_t kh;
  uint8_t keylen, skellen; /* keylen 0: empty slot */
  char key[SCACHE_KEY];
  char skel[SCACHE_KEY];
} skel_cache;

/* Folded keys of short words that are not all ASCII, by their letters:
 * ICU folding (transliteration) is the dearest step of reading a word, and
 * the same words come back all the time.  The letters are kept and
 * compared. */
#define KCACHE 2048
#define KCACHE_LET 40
typedef struct key_cache {
  uint64_t h;
  uint8_t letlen, keylen; /* letlen 0: empty slot */
  char let[KCACHE_LET];
  char key[KCACHE_LET * 2];
} key_cache;

/* Russian stems of short Cyrillic words, by their letters: each stem is
 * folded through ICU, and the same words come back all the time.  The
 * letters are kept and compared. */
#define VCACHE 512
#define VCACHE_LET 48
typedef struct stem_cache {
  uint64_t h;
  uint8_t letlen; /* 0: empty slot */
  uint8_t nvar;
  uint8_t varlen[MAX_VARIANTS];
  char let[VCACHE_LET];
  char var[MAX_VARIANTS][VAR_KEY];
} stem_cache;

struct gazmap_scanner {
  gazmap_gazetteer *g;
  gazmap_folder *folder;
  gz_context *ctx;
  const gz_words *ix; /* borrowed from the gazetteer's name index */
  size_t lookahead;
  int keep_persons;
  int unresolved;        /* gazmap_scan_opts.unresolved */
  uint32_t script_langs; /* bit i: registry language i has script_endings */
  /* The road words of every language (gz_lang.road_cues), folded. */
  size_t nroad;
  uint8_t road_len[GZ_ROAD_KEYS];
  char road_key[GZ_ROAD_KEYS][GZ_ROAD_KEY];
  /* The index's case suffixes by last byte (index_suffixes in scan.c):
   * those ending in byte b are sfx_list[sfx_start[b] .. sfx_start[b + 1]). */
  uint8_t sfx_start[257];
  uint8_t sfx_list[GZ_MAX_SUFFIXES];
  int finished; /* the last text ended; the next feed starts a new one */
  gazmap_scan_stats st;

  /* decoder */
  unsigned char carry[4];
  size_t ncarry;

  /* Code points and UTF-16 units before byte cnt_pos, counted lazily up to
   * each word's start and end (gz_count_to) over the chunk being read,
   * which starts at absolute offset chunk_base. */
  uint64_t cnt_pos, cnt_chars, cnt_u16;
  const unsigned char *chunk;
  uint64_t chunk_base;
  size_t chunk_len;

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
  skel_cache scache[SCACHE];
  stem_cache vcache[VCACHE];
  key_cache kcache[KCACHE];
  gz_cls_cache cls;

  /* scratch */
  uint64_t span_first;        /* first token of the span being tried */
  size_t span_n;              /* and its number of tokens */
  int surface_built;          /* s->surface holds that span's surface */
  const gz_group *last_group; /* the T_FOLD group of the last plain match */
  char span_last;             /* last byte of its folded key */
  char span[SPAN_MAX];
  char span2[SPAN_MAX];
  char surface[SPAN_MAX];
};

/* ---- shared by the scanner's files -------------------------------------- */

static inline tok *qat(gazmap_scanner *s, uint64_t i) {
  return &s->q[i % QCAP];
}

/* The letters of a word: raw, unless characters were dropped from it. */
static inline const char *tok_letters(const tok *t, size_t *n) {
  if (t->flags & F_IGN) {
    *n = t->letlen;
    return t->let;
  }
  *n = t->rawlen;
  return t->raw;
}

static inline int joinable(int sep) {
  return sep == SEP_SPACE || sep == SEP_NEWLINE || sep == SEP_HYPHEN || sep == SEP_HYPHEN_NL;
}

/* The first-word cache entry of a word's folded key (a 64-bit hash: a
 * collision would only cost a missed name).  What is cached is a function
 * of the key, and for Cyrillic words of the stems of the word that first
 * filled it. */
static inline first_cache *cache_slot(gazmap_scanner *s, const tok *t) {
  first_cache *fc = &s->fcache[t->kh & (FCACHE - 1)];
  if (fc->kh != t->kh) {
    fc->kh = t->kh;
    fc->valid = fc->fst_valid = fc->words_valid = 0;
  }
  return fc;
}

/* scan.c: the folded key of a word (and its hash), computed once. */
void gz_tok_key(gazmap_scanner *s, tok *t);
static inline void ensure_key(gazmap_scanner *s, tok *t) {
  if (!(t->flags & F_KEYED)) {
    gz_tok_key(s, t);
  }
}

/* scan.c: the Russian stems of a Cyrillic word, computed when first needed. */
void gz_ensure_vars(gazmap_scanner *s, tok *t);

/* scan.c: collects the places of group `gr` into p (one per place) for the
 * span being tried, keeping only names of the languages in `langs` (bit i:
 * registry language i) unless it is 0.  Returns the count. */
size_t gz_take(gazmap_scanner *s, const gz_group *gr, uint32_t langs, gz_pending *p);

/* scan.c: matches every token that has enough look-ahead (all when `all`),
 * then drops tokens no longer needed. */
int gz_run_matcher(gazmap_scanner *s, int all, gazmap_mention_fn fn, void *ud);

/* tokenize.c: forgets the tokenizer's state (a new text starts). */
void gz_tokenizer_reset(gazmap_scanner *s);

/* tokenize.c: reads `len` bytes at absolute offset `base`; an incomplete
 * character at the end is left unread (*used < len) unless `final`. */
int gz_tokenize(gazmap_scanner *s, const unsigned char *b, size_t len, uint64_t base, int final,
                gazmap_mention_fn fn, void *ud, size_t *used);

/* tokenize.c: moves the counting cursor to absolute byte `off` (inside the
 * chunk being read, at or after the cursor) and returns the code points
 * before it; *u16 gets the UTF-16 units. */
uint64_t gz_count_to(gazmap_scanner *s, uint64_t off, uint64_t *u16);

/* tokenize.c: the word being read ends. */
int gz_end_token(gazmap_scanner *s, gazmap_mention_fn fn, void *ud);

/* cues.c: whether a word is in one of the word tables (T_FIRST_FOLD, T_ORG,
 * ...), cached per key. */
int gz_key_in(gazmap_scanner *s, int table, tok *t);

/* cues.c: the role of a name from the words after it (from token `end`). */
gazmap_role gz_role_after(gazmap_scanner *s, uint64_t end);

/* cues.c: whether the plain name at tokens [i, end) is part of a person's
 * name. */
int gz_person_around(gazmap_scanner *s, uint64_t i, uint64_t end, tok *first);

/* cues.c: whether the one-word name at token end - 1 is followed by a
 * capitalised word that could be a family name ("Gal Gadot"). */
int gz_name_follows(gazmap_scanner *s, uint64_t end);
/* cues.c: whether a road word (gz_lang.road_cues) stands next to the span
 * [i, end), or next to a list of codes and conjunctions it is part of ("the
 * R13 and H37 roads", "трасса М-2"). */
int gz_road_around(gazmap_scanner *s, uint64_t i, uint64_t end);

/* cues.c: whether a word is a demonym or adjective of a place ("Armenian":
 * a demonym ending after the start of a place's name). */
int gz_demonym_like(gazmap_scanner *s, tok *t);
/* unresolved.c: a word or two at token i that the text marks as a place
 * ("the village of X", "X köyü", "село X", "the X river") and no name
 * matched: fills p (role GAZMAP_ROLE_UNRESOLVED, no candidates, the cue
 * words, the why) and returns its words, or 0. */
size_t gz_unresolved_at(gazmap_scanner *s, uint64_t i, gz_pending *p);
/* unresolved.c: at emission, the district or province named nearest to the
 * unresolved mention p (within GZ_HINT_WINDOW bytes, among the mentions
 * still in the queue), into p->hint, and the why finished with it. */
void gz_unresolved_hint(gazmap_scanner *s, gz_pending *p);
#define GZ_HINT_WINDOW 300

/* cues.c: a district or settlement cue around tokens [i, end) (enum gz_cue). */
int gz_cue_around(gazmap_scanner *s, uint64_t i, uint64_t end);

/* cues.c: a Russian adjective of a place name at token i inside the name of
 * an organisation or agreement ("Бишкекский протокол"): fills p, returns 1;
 * before a district word ("Агдамского района", "Кельбаджарского и
 * Лачинского районов"): fills p, returns 2 (the mention names a district). */
int gz_ru_adjective(gazmap_scanner *s, uint64_t i, gz_pending *p);

#endif
