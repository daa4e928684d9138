/* gazmap/report.h - an HTML page about a text: the text with every place
 * mention highlighted, a table of the places and an inlined map. */
#ifndef GAZMAP_REPORT_H
#define GAZMAP_REPORT_H

#include "gazmap/export.h"
#include "gazmap/render.h"
#include "gazmap/scan.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An incremental mentions-to-highlights aggregation (below). */
typedef struct gazmap_highlight_set gazmap_highlight_set;

/* One mention as the report needs it (copied out of a gazmap_mention). */
typedef struct gazmap_report_mention {
  uint64_t offset; /* into the text given to gazmap_report_html */
  size_t length;
  const gazmap_place *place; /* NULL only for role GAZMAP_ROLE_UNRESOLVED: a place the
                                text marks that the gazetteer lacks (styled apart, no
                                link, no table row, no map point) */
  gazmap_role role;
  gazmap_match_kind kind;
  double confidence;
  const char *why; /* may be NULL; shown as the highlight's tooltip */
} gazmap_report_mention;

typedef struct gazmap_report_opts {
  unsigned version;             /* GAZMAP_REPORT_OPTS_VERSION */
  const char *title;            /* the heading; NULL = source_name's base name, or
                                   "Places named in the text" without one */
  const char *source_name;      /* where the text came from (a file name); only its
                                   last path component is ever shown, so a shared
                                   report does not reveal the author's folders */
  const unsigned char *map_svg; /* an SVG document to inline, or NULL: no map */
  size_t map_svg_len;
  /* Version 2.  1: an embeddable fragment (one <div> with its scoped <style>
   * and its script, no <html>, <head> or <body>) for a page of the
   * caller's; 0: a whole page. */
  int fragment;
  /* Version 2.  Starts every id and class the report writes, so that two
   * reports in one page, or a report and its page, do not clash.  Letters,
   * digits, '_' and '-', starting with a letter or '_' (a name in XML and
   * an identifier in CSS).  NULL: "" for a page, "gazmap-report-" for a
   * fragment (a fragment's prefix may not be empty). */
  const char *id_prefix;
  /* Version 2.  The options map_svg was drawn with, or NULL.  With them the
   * report lays one mark over each place on the map (located by
   * gazmap_render_locate), linked to the place's mentions and table row. */
  const gazmap_render_opts *map_opts;
} gazmap_report_opts;

/* Version 1 options (without fragment, id_prefix and map_opts) are still
 * accepted, as a page with no prefix and no map marks. */
#define GAZMAP_REPORT_OPTS_VERSION 2
#define GAZMAP_REPORT_OPTS_INIT                                                                    \
  { GAZMAP_REPORT_OPTS_VERSION, NULL, NULL, NULL, 0, 0, NULL, NULL }

/* Builds the HTML report about `text` (`len` bytes; invalid UTF-8 is shown
 * as U+FFFD): the text, HTML-escaped and reflowed for reading (paragraphs
 * kept, lines that were broken only to fit a page joined, words hyphenated
 * across a line break rejoined; each mention keeps its byte offset into
 * `text` in a data-at attribute), every mention highlighted and linked to
 * a table of the places (names, coordinates, mention count), and the map
 * SVG inlined.  Its inline script links the three: hovering or clicking a
 * mention marks its place on the map and in the table, and a place on the
 * map lists its mentions.  The report fetches nothing (a page carries a
 * Content-Security-Policy that forbids every fetch and allows only that
 * script) and is byte-identical for the same input.  `mentions` must be in
 * increasing offset order, not overlapping, inside the text.  Sets *out
 * (caller frees with free()) and *outlen; returns 0 or a negative
 * gazmap_status (GAZMAP_EINVAL for a bad id prefix). */
GAZMAP_EXTERN int gazmap_report_html(const char *text, size_t len,
                                     const gazmap_report_mention *mentions, size_t n,
                                     const gazmap_report_opts *opts, char **out, size_t *outlen);

/* The same page written in two passes over the mentions, for a text too
 * long to hold all its mentions and its page in memory (`gazmap report`
 * scans the text twice): memory grows with the distinct places, not with
 * the mentions or the page.
 *
 *   gazmap_report_writer_new, then gazmap_report_writer_count for every
 *   mention in text order (the first pass);
 *   gazmap_report_writer_places: the highlights of the places (for the
 *   map; the first pass is over);
 *   gazmap_report_writer_begin with the options (the map may be drawn from
 *   those highlights by now) and a sink, then gazmap_report_writer_mention
 *   for the same mentions in the same order, then gazmap_report_writer_end.
 *
 * The sink receives the page in pieces, in order (NULL: the writer keeps
 * it); a negative return from it stops the writing with that status.  Each
 * call returns 0 or a negative gazmap_status: GAZMAP_EINVAL for a mention
 * out of order, outside the text or without a place (as gazmap_report_html),
 * for a second pass that differs from the first in number, and for calls
 * out of this order.  After a failure the page is incomplete: the caller
 * abandons what the sink received. */
typedef struct gazmap_report_writer gazmap_report_writer;
typedef int (*gazmap_report_sink)(void *ud, const char *data, size_t len);

/* `text` (len bytes) must outlive the writer: the table quotes the
 * spellings from it.  Sets *out (free with gazmap_report_writer_free);
 * returns 0 or GAZMAP_ENOMEM. */
GAZMAP_EXTERN int gazmap_report_writer_new(gazmap_report_writer **out, const char *text,
                                           size_t len);
GAZMAP_EXTERN int gazmap_report_writer_count(gazmap_report_writer *w,
                                             const gazmap_report_mention *m);
/* The places counted, as highlights in the documented order (the same as
 * gazmap_highlights_from_mentions of the mentions with a place).  *h stays
 * owned by the writer, valid until it is freed. */
GAZMAP_EXTERN int gazmap_report_writer_places(gazmap_report_writer *w, const gazmap_highlight **h,
                                              size_t *n);
/* `opts` (and its map_svg and map_opts) must stay valid until
 * gazmap_report_writer_end returns. */
GAZMAP_EXTERN int gazmap_report_writer_begin(gazmap_report_writer *w,
                                             const gazmap_report_opts *opts,
                                             gazmap_report_sink sink, void *sink_ud);
GAZMAP_EXTERN int gazmap_report_writer_mention(gazmap_report_writer *w,
                                               const gazmap_report_mention *m);
GAZMAP_EXTERN int gazmap_report_writer_end(gazmap_report_writer *w);
/* NULL is allowed. */
GAZMAP_EXTERN void gazmap_report_writer_free(gazmap_report_writer *w);

/* 0 when `prefix` may be a report's id prefix (see gazmap_report_opts),
 * else GAZMAP_EINVAL with a message that says why. */
GAZMAP_EXTERN int gazmap_report_check_prefix(const char *prefix);

/* Frames the map `o` describes on the places the mentions name: sets
 * o->has_bbox and o->bbox to the box around those of them that lie on the
 * default map (so a passing mention of Ankara or Minsk does not shrink the
 * region to a dot), with a margin, and clears o->has_center.  Countries and
 * regions are left out: their point is only where their name is written.
 * The overlays `o` may carry (the user's own data) are drawn in that frame
 * but do not move it: the report's map is about the text's places.
 * Leaves `o` as it was when no mentioned place qualifies.  Returns 0, or
 * the error gazmap_render_frame gives for `o`. */
GAZMAP_EXTERN int gazmap_report_frame(const gazmap_report_mention *mentions, size_t n,
                                      gazmap_render_opts *o);

/* Map highlights from mentions: the one aggregation behind both
 * `gazmap find --render` and `gazmap report`.
 *
 * Semantics: one highlight per distinct place; its weight is the number of
 * mentions of that place given (every mention counts, whatever its role or
 * confidence: a caller that wants only locations, like find
 * --locations-only, leaves the others out); highlights are ordered by
 * weight, highest first, then by place id, so the result does not depend on
 * the order the mentions came in and the same text always gives the same
 * list. */

/* An incremental set, for a text streamed in constant memory: memory grows
 * with the distinct places added, not with the mentions.  Returns 0 and
 * sets *out, or GAZMAP_ENOMEM.  Free with gazmap_highlight_set_free(). */
GAZMAP_EXTERN int gazmap_highlight_set_new(gazmap_highlight_set **out);

/* Counts one mention of `place` (which must outlive the set).  Returns 0,
 * GAZMAP_EINVAL for a NULL place, or GAZMAP_ENOMEM. */
GAZMAP_EXTERN int gazmap_highlight_set_add(gazmap_highlight_set *s, const gazmap_place *place);

/* The highlights so far, in the order above, for gazmap_render_opts.
 * *out stays owned by the set: valid until the next add or the free. */
GAZMAP_EXTERN void gazmap_highlight_set_get(gazmap_highlight_set *s, const gazmap_highlight **out,
                                            size_t *n);

/* Frees the set (NULL is allowed). */
GAZMAP_EXTERN void gazmap_highlight_set_free(gazmap_highlight_set *s);

/* The highlights of `n` mentions at once (the report's case).  Sets *out
 * (caller frees with free(); an empty array when n is 0) and *nout; returns
 * 0, GAZMAP_EINVAL when a mention has no place, or GAZMAP_ENOMEM. */
GAZMAP_EXTERN int gazmap_highlights_from_mentions(const gazmap_report_mention *mentions, size_t n,
                                                  gazmap_highlight **out, size_t *nout);

#ifdef __cplusplus
}
#endif
#endif
