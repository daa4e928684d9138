/* The HTML report: a text with its place mentions highlighted, a table of the
 * places and the map, as one self-contained page or as a fragment for
 * someone else's page.
 *
 * Everything the report names (ids, classes, CSS selectors) starts with the
 * caller's prefix and every CSS rule is scoped under the report's root, so
 * two reports in one page neither restyle nor re-link each other.  The
 * script (assets.c) is fixed bytes that find their elements by data-p
 * attributes, and a page's Content-Security-Policy allows only it, by hash,
 * and no fetch at all.  Output is deterministic: places are ordered by
 * mention count, then id; mention anchors are numbered in text order. */
#include "gazmap/report.h"
#include "report_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SURFACES 8   /* distinct spellings listed per place */
#define MAX_BACKLINKS 40 /* links from a place back to its mentions */
#define MAX_PREFIX 64    /* longest id prefix */
#define MARK_RADIUS 9.0  /* map marks, in map units (CSS px at the map's own size) */

static const char default_title[] = "Places named in the text";

typedef struct out {
  gz_buf b;
  const char *pfx; /* the id prefix */
} out;

static void puts_(out *o, const char *s) {
  gz_buf_append(&o->b, s, strlen(s));
}

/* Appends `s` with every '~' replaced by the id prefix: the one way ids,
 * classes and selectors are written, so none can miss its prefix. */
static void putp(out *o, const char *s) {
  const char *t;
  while ((t = strchr(s, '~')) != NULL) {
    gz_buf_append(&o->b, s, (size_t)(t - s));
    puts_(o, o->pfx);
    s = t + 1;
  }
  puts_(o, s);
}

/* Appends printf output; an allocation failure is kept in b.failed. */
static void putf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(out *o, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0 || gz_buf_reserve(&o->b, (size_t)n) < 0) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf((char *)o->b.data + o->b.len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  o->b.len += (size_t)n;
}

/* Text as HTML: the one XML/HTML escaper (util/escape.h), which turns
 * invalid UTF-8 and control characters into U+FFFD so the page is always
 * well formed. */
static void esc(out *o, const char *s, size_t n) {
  gz_xml_escape(&o->b, s, n);
}

static void escs(out *o, const char *s) {
  esc(o, s, strlen(s));
}

/* A place id usable in HTML, in a URL fragment and in a CSS attribute
 * selector: gazetteer ids already are ([a-z0-9-]+), anything else becomes
 * '-'. */
static void put_id(out *o, const char *id) {
  for (; *id; id++) {
    char c = *id;
    int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    gz_buf_append(&o->b, ok ? &c : "-", 1);
  }
}

int gazmap_report_check_prefix(const char *p) {
  size_t i, n = strlen(p);
  if (n > MAX_PREFIX) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "the id prefix is longer than %d characters",
                   MAX_PREFIX);
  }
  for (i = 0; i < n; i++) {
    char c = p[i];
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '-'))) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0,
                     "the id prefix '%s' may hold only letters, digits, '_' and '-', and must "
                     "start with a letter or '_' (character %zu is not allowed)",
                     p, i + 1);
    }
  }
  return 0;
}

/* ---- the text, reflowed ------------------------------------------------------- */

/* The text is laid out as paragraphs: a blank line (only spaces or tabs
 * between two line feeds) ends one.  Inside a paragraph, a line break is
 * only where the source page ran out of width: the browser shows it as a
 * space, as HTML does with any line break, so the reader's window decides
 * the lines.  A word hyphenated across a break ("ter-\nritory": a letter,
 * '-', the break, a lower-case letter) is shown whole.  Only the display
 * changes: the mentions keep their byte offsets into the input (data-at). */

/* The end of the blank-line run starting at the line feed at s[i], or i when
 * no blank line follows it. */
static size_t blank_run(const char *s, size_t len, size_t i) {
  size_t j = i + 1, end = i;
  while (j < len) {
    size_t k = j;
    while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) {
      k++;
    }
    if (k < len && s[k] == '\n') {
      end = k;
      j = k + 1;
    } else {
      break;
    }
  }
  return end;
}

static int is_ascii_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A letter before a hyphen: ASCII, or the last byte of a multi-byte UTF-8
 * character (the scripts of the region's languages are all letters there). */
static int letter_before(const char *s, size_t i) {
  unsigned char c = (unsigned char)s[i];
  return is_ascii_letter(c) || (c >= 0x80 && c < 0xC0);
}

/* A lower-case letter after a break: ASCII, or any multi-byte character
 * (cannot tell case cheaply; a Cyrillic or Armenian line start is as likely
 * a continuation). */
static int lower_after(const char *s, size_t i) {
  unsigned char c = (unsigned char)s[i];
  return (c >= 'a' && c <= 'z') || c >= 0xC2;
}

/* A letter (or any multi-byte character) starts at s[i]. */
static int is_letter_start(const char *s, size_t i) {
  unsigned char c = (unsigned char)s[i];
  return is_ascii_letter(c) || c >= 0xC2;
}

/* Writes s[from, to) reflowed (see above); *in_p says whether a paragraph
 * is open, so paragraphs may span mentions.  `inline_only` (a mention's own
 * text) joins hyphenated words but never opens or closes a paragraph. */
static void put_flow(out *o, const char *s, size_t from, size_t to, int *in_p, int inline_only) {
  size_t i = from, start = from;
  while (i < to) {
    if (s[i] == '\n') {
      size_t end = inline_only ? i : blank_run(s, to, i);
      if (end > i) {
        esc(o, s + start, i - start);
        if (*in_p) {
          puts_(o, "</p>\n");
          *in_p = 0;
        }
        i = start = end + 1;
        continue;
      }
      /* "-\n" after a letter: a word hyphenated at the line's end shows
       * whole ("terri-\ntory"), a compound keeps its hyphen
       * ("Nagorno-\nKarabakh"); either way the break goes. */
      if (i > start && s[i - 1] == '-' && i >= 2 && letter_before(s, i - 2)) {
        size_t k = i + 1;
        while (k < to && (s[k] == ' ' || s[k] == '\t')) {
          k++;
        }
        if (k < to && is_letter_start(s, k)) {
          esc(o, s + start, i - (lower_after(s, k) ? 1 : 0) - start);
          i = start = k;
          continue;
        }
      }
    }
    if (!*in_p && !inline_only && s[i] != '\n' && s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
      esc(o, s + start, i - start);
      puts_(o, "<p>");
      *in_p = 1;
      start = i;
    }
    i++;
  }
  esc(o, s + start, to - start);
}

/* ---- the places ----------------------------------------------------------------- */

typedef struct place_row {
  const gazmap_place *place;
  size_t count;
  size_t nsurf;
  const char *surf[MAX_SURFACES];
  size_t surflen[MAX_SURFACES];
  size_t nlinks;
  size_t links[MAX_BACKLINKS];
} place_row;

/* Writes the mention elements of the text, in text order. */
static void put_text(out *o, const char *text, size_t len, const gazmap_report_mention *mentions,
                     size_t n) {
  size_t i, pos = 0;
  int in_p = 0;
  for (i = 0; i < n; i++) {
    const gazmap_report_mention *m = &mentions[i];
    put_flow(o, text, pos, (size_t)m->offset, &in_p, 0);
    if (!in_p) {
      puts_(o, "<p>");
      in_p = 1;
    }
    if (!m->place) {
      /* A place the gazetteer lacks: marked, linked to no row. */
      putp(o, "<span class=\"~m ~unresolved\" id=\"~m");
      putf(o, "%zu\" title=\"unresolved", i + 1);
    } else {
      putp(o, m->role == GAZMAP_ROLE_LOCATION ? "<a class=\"~m\"" : "<a class=\"~m ~org\"");
      putp(o, " id=\"~m");
      putf(o, "%zu\" href=\"#", i + 1);
      putp(o, "~p-");
      put_id(o, gazmap_place_id(m->place));
      puts_(o, "\" data-p=\"");
      put_id(o, gazmap_place_id(m->place));
      puts_(o, "\" title=\"");
      escs(o, gazmap_place_name(m->place));
      putf(o, " (%s, %s, %.2f)", gazmap_role_name(m->role), gazmap_match_kind_name(m->kind),
           m->confidence);
    }
    if (m->why) {
      puts_(o, ": ");
      escs(o, m->why);
    }
    putf(o, "\" data-at=\"%llu\">", (unsigned long long)m->offset);
    put_flow(o, text, (size_t)m->offset, (size_t)(m->offset + m->length), &in_p, 1);
    puts_(o, m->place ? "</a>" : "</span>");
    pos = (size_t)(m->offset + m->length);
  }
  put_flow(o, text, pos, len, &in_p, 0);
  if (in_p) {
    puts_(o, "</p>\n");
  }
}

/* The map's marks: one circle over each place, where the map drew it,
 * inserted as the map's last group so they sit above everything. */
static void put_marks(out *o, const place_row *rows, size_t nrows, const gazmap_render_opts *mo) {
  double frame[4];
  size_t i;
  if (!mo || gazmap_render_frame(mo, GAZMAP_FORMAT_SVG, frame) < 0) {
    return;
  }
  putp(o, "<g class=\"~marks\">");
  for (i = 0; i < nrows; i++) {
    const gazmap_place *p = rows[i].place;
    double x, y;
    if (gazmap_render_locate(mo, GAZMAP_FORMAT_SVG, gazmap_place_lon(p), gazmap_place_lat(p), &x,
                             &y) < 0 ||
        x < frame[0] || y < frame[1] || x > frame[0] + frame[2] || y > frame[1] + frame[3]) {
      continue;
    }
    putp(o, "<a href=\"#~p-");
    put_id(o, gazmap_place_id(p));
    putp(o, "\"><circle class=\"~pt\" data-p=\"");
    put_id(o, gazmap_place_id(p));
    putf(o, "\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"><title>", x, y, MARK_RADIUS);
    escs(o, gazmap_place_name(p));
    putf(o, ": %zu mention%s</title></circle></a>", rows[i].count, rows[i].count == 1 ? "" : "s");
  }
  puts_(o, "</g>");
}

/* Inlines the <svg> element itself (an XML declaration or DOCTYPE is not
 * allowed inside HTML) with the marks before its end tag. */
static int put_map(out *o, const gazmap_report_opts *opts, const place_row *rows, size_t nrows) {
  const char *svg = (const char *)opts->map_svg;
  size_t sl = opts->map_svg_len, k, end;
  for (k = 0; k + 4 <= sl && memcmp(svg + k, "<svg", 4); k++) {
  }
  for (end = sl; end >= k + 6 && memcmp(svg + end - 6, "</svg>", 6); end--) {
  }
  if (k + 4 > sl || end < k + 6) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "the map is not an SVG document");
  }
  putp(o, "<div class=\"~mapbox\">");
  gz_buf_append(&o->b, svg + k, end - 6 - k);
  put_marks(o, rows, nrows, opts->map_opts);
  puts_(o, "</svg></div>\n");
  return 0;
}

static void put_table(out *o, const place_row *rows, size_t nrows) {
  size_t i, j;
  putp(o, "<section class=\"~places\" id=\"~places\"><h2>Places</h2>\n<table>\n<thead><tr>"
          "<th>Place</th><th>Kind</th><th>Latitude, longitude</th><th>Mentions</th>"
          "<th>As written</th><th>In the text</th></tr></thead>\n<tbody>\n");
  for (i = 0; i < nrows; i++) {
    const place_row *r = &rows[i];
    const gazmap_place *p = r->place;
    putp(o, "<tr id=\"~p-");
    put_id(o, gazmap_place_id(p));
    puts_(o, "\" data-p=\"");
    put_id(o, gazmap_place_id(p));
    puts_(o, "\" data-name=\"");
    escs(o, gazmap_place_name(p));
    puts_(o, "\"><td><b>");
    escs(o, gazmap_place_name(p));
    puts_(o, "</b> <small>");
    escs(o, gazmap_place_id(p));
    putf(o, "</small></td><td>%s</td><td>%.4f, %.4f</td>", gazmap_kind_name(gazmap_place_kind(p)),
         gazmap_place_lat(p), gazmap_place_lon(p));
    putp(o, "<td class=\"~n\">");
    putf(o, "%zu</td><td>", r->count);
    for (j = 0; j < r->nsurf; j++) {
      puts_(o, j ? ", " : "");
      esc(o, r->surf[j], r->surflen[j]);
    }
    putp(o, "</td><td class=\"~back\">");
    for (j = 0; j < r->nlinks; j++) {
      putp(o, "<a href=\"#~m");
      putf(o, "%zu\">%zu</a> ", r->links[j] + 1, j + 1);
    }
    if (r->count > r->nlinks) {
      putf(o, "&hellip; (%zu more)", r->count - r->nlinks);
    }
    puts_(o, "</td></tr>\n");
  }
  puts_(o, "</tbody>\n</table>\n</section>\n");
}

/* The last path component of a file name ('/' or '\\' separated). */
static const char *base_name(const char *path) {
  const char *b = path, *s;
  for (s = path; *s; s++) {
    if ((*s == '/' || *s == '\\') && s[1]) {
      b = s + 1;
    }
  }
  return b;
}

/* One row per place, in the order and with the counts of the map's
 * highlights (gazmap_highlights_from_mentions: most mentioned first, then
 * by id), so the table and the map always agree.  Sets *rows_out (caller
 * frees) and *nrows. */
static int make_rows(const char *text, const gazmap_report_mention *mentions, size_t n,
                     place_row **rows_out, size_t *nrows) {
  gazmap_report_mention *placed = malloc((n ? n : 1) * sizeof *placed);
  gazmap_highlight *order = NULL;
  place_row *rows = NULL;
  size_t np = 0, i, j;
  int rc;

  *rows_out = NULL;
  if (!placed) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < n; i++) {
    if (mentions[i].place) {
      placed[np++] = mentions[i];
    }
  }
  if ((rc = gazmap_highlights_from_mentions(placed, np, &order, nrows)) < 0) {
    goto done;
  }
  rows = calloc(*nrows ? *nrows : 1, sizeof *rows);
  if (!rows) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < *nrows; i++) {
    rows[i].place = order[i].place;
    rows[i].count = (size_t)order[i].weight;
  }
  /* A linear search per mention would be quadratic on long texts, but the
   * places of one text are few: at most the gazetteer. */
  for (i = 0; i < n; i++) {
    const gazmap_report_mention *m = &mentions[i];
    place_row *r = rows;
    if (!m->place) {
      continue;
    }
    while (r->place != m->place) {
      r++;
    }
    if (r->nlinks < MAX_BACKLINKS) {
      r->links[r->nlinks++] = i;
    }
    for (j = 0; j < r->nsurf; j++) {
      if (r->surflen[j] == m->length && !memcmp(r->surf[j], text + m->offset, m->length)) {
        break;
      }
    }
    if (j == r->nsurf && r->nsurf < MAX_SURFACES) {
      r->surf[r->nsurf] = text + m->offset;
      r->surflen[r->nsurf++] = m->length;
    }
  }
  *rows_out = rows;
  rows = NULL;
done:
  free(rows);
  free(order);
  free(placed);
  return rc;
}

/* Copies the caller's options into the current version's layout. */
static int opts_upgrade(const gazmap_report_opts *in, gazmap_report_opts *o) {
  gazmap_report_opts defaults = GAZMAP_REPORT_OPTS_INIT;
  *o = defaults;
  if (!in) {
    return 0;
  }
  if (in->version == 1) {
    o->title = in->title;
    o->source_name = in->source_name;
    o->map_svg = in->map_svg;
    o->map_svg_len = in->map_svg_len;
    return 0;
  }
  if (in->version != GAZMAP_REPORT_OPTS_VERSION) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown gazmap_report_opts version %u", in->version);
  }
  *o = *in;
  return 0;
}

int gazmap_report_html(const char *text, size_t len, const gazmap_report_mention *mentions,
                       size_t n, const gazmap_report_opts *opts_in, char **result,
                       size_t *outlen) {
  gazmap_report_opts opts;
  place_row *rows = NULL;
  size_t nrows = 0, i, nloc = 0, nunres = 0;
  const char *title;
  out o;
  int rc;

  *result = NULL;
  *outlen = 0;
  memset(&o, 0, sizeof o);
  if ((rc = opts_upgrade(opts_in, &opts)) < 0) {
    return rc;
  }
  o.pfx = opts.id_prefix ? opts.id_prefix : opts.fragment ? "gazmap-report-" : "";
  if ((rc = gazmap_report_check_prefix(o.pfx)) < 0) {
    return rc;
  }
  if (opts.fragment && !*o.pfx) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "a fragment needs an id prefix, or its ids would clash with the page's");
  }
  for (i = 0; i < n; i++) {
    uint64_t end = mentions[i].offset + mentions[i].length;
    /* Only an unresolved mention (a place the gazetteer lacks) has none. */
    if ((!mentions[i].place && mentions[i].role != GAZMAP_ROLE_UNRESOLVED) || end > len ||
        (i && mentions[i].offset < mentions[i - 1].offset + mentions[i - 1].length)) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0,
                     "mention %zu is outside the text, overlaps the one before or has no place", i);
    }
    nunres += !mentions[i].place;
    nloc += mentions[i].place && mentions[i].role == GAZMAP_ROLE_LOCATION;
  }
  if ((rc = make_rows(text, mentions, n, &rows, &nrows)) < 0) {
    return rc;
  }
  title = opts.title              ? opts.title
          : opts.source_name && *base_name(opts.source_name) ? base_name(opts.source_name)
                                                             : default_title;

  if (!opts.fragment) {
    puts_(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'; img-src data:; script-src '");
    puts_(&o, gz_report_script_hash);
    puts_(&o, "'\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<title>");
    escs(&o, title);
    puts_(&o, "</title>\n<style>body{margin:0}</style>\n</head>\n<body>\n");
  }
  putp(&o, "<div class=\"~report\" id=\"~report\" lang=\"en\">\n<style>");
  putp(&o, gz_report_css);
  putp(&o, "#~report{--~mapw:");
  putf(&o, "%dpx}", opts.map_opts ? opts.map_opts->width : 760);
  putp(&o, "</style>\n<header class=\"~head\"><h1>");
  escs(&o, title);
  puts_(&o, "</h1><p>");
  if (opts.title && opts.source_name && *base_name(opts.source_name)) {
    escs(&o, base_name(opts.source_name));
    puts_(&o, " &middot; ");
  }
  putf(&o, "%zu mentions (%zu as locations) of %zu places", n - nunres, nloc, nrows);
  if (nunres) {
    putf(&o, "; %zu unresolved (places the gazetteer lacks)", nunres);
  }
  puts_(&o, " &middot; made by gazmap</p></header>\n");
  putp(&o, "<div class=\"~main\">\n<section class=\"~text\" id=\"~text\"><h2>Text</h2>\n"
           "<p class=\"~legend\"><span class=\"~m\">place</span>"
           "<span class=\"~org\">place word in an organisation or agreement name</span>");
  if (nunres) {
    putp(&o, "<span class=\"~unresolved\">a place the gazetteer lacks</span>");
  }
  putp(&o, "</p>\n<div class=\"~body\">\n");
  put_text(&o, text, len, mentions, n);
  putp(&o, "</div>\n</section>\n<div class=\"~side\">\n"
           "<section class=\"~map\" id=\"~map\"><h2>Map</h2>\n");
  if (opts.map_svg && opts.map_svg_len) {
    if ((rc = put_map(&o, &opts, rows, nrows)) < 0) {
      goto done;
    }
  } else {
    puts_(&o, "<p>No map.</p>\n");
  }
  putp(&o, "<div class=\"~mentions\" data-mentions=\"\" aria-live=\"polite\"></div>\n"
           "</section>\n");
  put_table(&o, rows, nrows);
  puts_(&o, "</div>\n</div>\n<script>");
  puts_(&o, gz_report_script);
  puts_(&o, "</script>\n</div>\n");
  if (!opts.fragment) {
    puts_(&o, "</body>\n</html>\n");
  }
  if (o.b.failed) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  *result = (char *)o.b.data;
  *outlen = o.b.len;
  o.b.data = NULL;
done:
  free(o.b.data);
  free(rows);
  return rc;
}
