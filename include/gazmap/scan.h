/* gazmap/scan.h - finding the places a text names (geoparsing).
 *
 * A scanner reads UTF-8 text in chunks of any size and calls back once per
 * place mention, in text order.  It tokenises, folds each token the way the
 * gazetteer's names are folded (gazmap/fold.h), and takes the longest run of
 * tokens that is a name of some place, allowing for what running text does to
 * names: Turkish and Azerbaijani case suffixes (after an apostrophe or not),
 * Russian case endings, English possessives, hyphenated and slashed line names
 * ("Icevan-Kazah"), names broken across a line end, and PDF-extraction noise
 * (control characters, broken apostrophes, stray characters of unrelated
 * scripts).  Names inside URLs and e-mail addresses, person names that
 * contain a place word, and demonyms or adjectives ("Armenian", "Российский")
 * are not reported.
 *
 * Homonyms (two places sharing a name) are resolved from the document's own
 * context.  Because input is streamed, a mention is held back until the
 * scanner has read `lookahead` more bytes (or the input ends): its context is
 * then everything before it plus that bounded look-ahead (and at most 512
 * mentions wait: in denser text the oldest is resolved earlier).  Memory
 * does not grow with the input: the scanner keeps a short ring of words, that
 * queue of pending mentions, and two counters per gazetteer place.
 *
 * Invalid UTF-8 never stops a scan: each invalid byte acts as a separator (it
 * is never part of a name) and is counted in gazmap_scan_stats, so a caller
 * can warn.  Offsets refer to the bytes as given; each mention also has
 * them in code points and UTF-16 units.
 *
 * A scanner is not thread-safe; use one per thread (it holds a folder), and
 * see gazmap_scanner_new for the gazetteer's shared name index. */
#ifndef GAZMAP_SCAN_H
#define GAZMAP_SCAN_H

#include "gazmap/export.h"

#include <stddef.h>
#include <stdint.h>

#include "gazmap/gazetteer.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gazmap_scanner gazmap_scanner;

/* What a mention names.  A place word inside the proper name of an
 * organisation ("Minsk Group", "Ankara University") or of an agreement
 * ("Bishkek protocol") still points at the place, but does not say that
 * anything happened there.  An unresolved mention is a place the text
 * itself marks as one ("the village of X", "X köyü", "село X", "the X
 * river") that no gazetteer name matches: it has no place (reported only
 * with gazmap_scan_opts.unresolved). */
typedef enum gazmap_role {
  GAZMAP_ROLE_LOCATION = 0,
  GAZMAP_ROLE_ORGANISATION,
  GAZMAP_ROLE_AGREEMENT,
  GAZMAP_ROLE_UNRESOLVED
} gazmap_role;

/* "location", "organisation", "agreement", "unresolved"; and back (-1 when
 * unknown). */
GAZMAP_EXTERN const char *gazmap_role_name(gazmap_role r);
GAZMAP_EXTERN int gazmap_role_parse(const char *word);

/* One mention.  Every pointer is owned by the scanner and valid only during
 * the callback that receives it: copy what you keep. */
typedef struct gazmap_mention {
  uint64_t offset;           /* byte offset of the first byte in the whole input */
  size_t length;             /* bytes, up to the end of the name (an apostrophe
                                suffix such as 'da or 's is not included;
                                an inflected word is included whole) */
  const char *surface;       /* those bytes, NUL-terminated (line breaks kept); a
                                mention is never longer than 255 bytes */
  const gazmap_place *place; /* NULL only for GAZMAP_ROLE_UNRESOLVED */
  const gazmap_name *name; /* NULL when place is; else the name that matched: a name of `place`, or,
                              when a bare town name was read as the district
                              of that name, the town's name */
  gazmap_match_kind kind;  /* EXACT, FOLDED or SKELETON; NONE when unresolved */
  double confidence;       /* 0..1: match strength times resolution certainty */
  gazmap_role role;
  unsigned alternatives; /* other places the surface could have meant */
  const char *why;       /* one short English sentence: how it was matched
                            and, for homonyms, why this place won */
  /* Since GAZMAP_SCAN_OPTS_VERSION 2: */
  const char *cue;          /* the words of the text that mark it as a place, as
                               written ("village", "the village of", "köyü", "селе"):
                               set for unresolved mentions, else NULL */
  const gazmap_place *hint; /* unresolved mentions: the district or province
                               the text names nearest to it (within 300
                               bytes), where it may lie; else NULL */
  /* Since GAZMAP_SCAN_OPTS_VERSION 3: the same span as offset and length,
   * counted in Unicode code points (Python's str indexes) and in UTF-16
   * code units (JavaScript's and Java's).  Each invalid byte counts as one
   * code point (one U+FFFD), as a decoder that replaces bad bytes one by
   * one gives. */
  uint64_t char_offset;
  size_t char_length;
  uint64_t utf16_offset;
  size_t utf16_length;
} gazmap_mention;

/* Called once per mention, in increasing offset order.  Return 0 to go on;
 * any other value stops the scan and is returned by feed/finish. */
typedef int (*gazmap_mention_fn)(void *ud, const gazmap_mention *m);

typedef struct gazmap_scan_opts {
  unsigned version; /* GAZMAP_SCAN_OPTS_VERSION */
  size_t lookahead; /* bytes of text read past a mention before it is
                       resolved and reported; 0 = the default (16 KiB) */
  int keep_persons; /* report place words inside person names anyway (as
                       locations, with a why saying so); default off */
  /* Since version 2: */
  int unresolved; /* report places the text marks as places that the
                     gazetteer lacks (GAZMAP_ROLE_UNRESOLVED, place NULL);
                     default off, so that a caller built for version 1
                     never sees a mention without a place */
} gazmap_scan_opts;

#define GAZMAP_SCAN_OPTS_VERSION 3
#define GAZMAP_SCAN_OPTS_INIT                                                                      \
  { GAZMAP_SCAN_OPTS_VERSION, 0, 0, 0 }

/* Counters of one scan, for warnings and benchmarks. */
typedef struct gazmap_scan_stats {
  uint64_t bytes;         /* bytes fed so far */
  uint64_t tokens;        /* word tokens seen */
  uint64_t mentions;      /* mentions reported */
  uint64_t invalid_utf8;  /* bytes that are not valid UTF-8, read as separators */
  uint64_t first_invalid; /* offset of the first of them (when any) */
  uint64_t skipped_urls;  /* URLs and e-mail addresses skipped */
} gazmap_scan_stats;

/* Creates a scanner over `g` (which must outlive it).  The scanner borrows
 * the gazetteer's name index, the one gazmap_lookup() uses; the first
 * scanner or lookup of a gazetteer builds it (every name of every place,
 * folded: about 40 ms for the bundled gazetteer), later scanners only read
 * it.  So with scanners in several threads, create the first one (or do a
 * lookup) before starting the others.  `opts` may be NULL.  Returns 0 and
 * sets *out, or a negative gazmap_status.  Free with gazmap_scanner_free(). */
GAZMAP_EXTERN int gazmap_scanner_new(gazmap_scanner **out, gazmap_gazetteer *g,
                                     const gazmap_scan_opts *opts);
GAZMAP_EXTERN void gazmap_scanner_free(gazmap_scanner *s);

/* Feeds the next `len` bytes of the text.  Chunks may split a character, a
 * word or a line anywhere.  Calls `fn` for every mention that has become
 * final.  Returns 0, a negative gazmap_status, or the callback's non-zero
 * value. */
GAZMAP_EXTERN int gazmap_scanner_feed(gazmap_scanner *s, const char *data, size_t len,
                                      gazmap_mention_fn fn, void *ud);

/* Ends the text: reports every mention still pending.  Afterwards the
 * scanner is ready for a new text (offsets and context start again). */
GAZMAP_EXTERN int gazmap_scanner_finish(gazmap_scanner *s, gazmap_mention_fn fn, void *ud);

/* The counters of the current (or just finished) text. */
GAZMAP_EXTERN void gazmap_scanner_stats(const gazmap_scanner *s, gazmap_scan_stats *out);

/* Convenience: scans one whole buffer (feed + finish). */
GAZMAP_EXTERN int gazmap_scan_buffer(gazmap_scanner *s, const char *text, size_t len,
                                     gazmap_mention_fn fn, void *ud);

#ifdef __cplusplus
}
#endif
#endif
