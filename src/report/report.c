/* The HTML report: a text with its place mentions highlighted, a table of the
 * places and the map, as one self-contained page or as a fragment for
 * someone else's page.
 *
 * Everything the report names (ids, classes, CSS selectors) starts with the
 * caller's prefix and every CSS rule is scoped under the report's root, so
 * two reports in one page neither restyle nor re-link each other; its
 * classes are "~r-…", which the embedded map's SVG classes never are.  The
 * script (assets.c) is fixed bytes that find their elements by data-p
 * attributes, and a page's Content-Security-Policy allows only it, by hash,
 * and no fetch at all.  Output is deterministic: places are ordered by
 * mention count, then id; mention anchors are numbered in text order. */
#include "gazmap/report.h"
#include "report_internal.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"

#include <math.h>
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

/* The page goes out in pieces of about this size when a sink is given. */
#define FLUSH_AT (256u * 1024)

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

/* Writes the text before mention `m` (number i + 1 in text order) and the
 * mention's element; `*pos` is where the text not yet written starts. */
static void put_mention(out *o, const char *text, const gazmap_report_mention *m, size_t i,
                        size_t *pos, int *in_p) {
  put_flow(o, text, *pos, (size_t)m->offset, in_p, 0);
  if (!*in_p) {
    puts_(o, "<p>");
    *in_p = 1;
  }
  if (!m->place) {
    /* A place the gazetteer lacks: marked, linked to no row. */
    putp(o, "<span class=\"~r-m ~r-unresolved\" id=\"~m");
    putf(o, "%zu\" title=\"unresolved", i + 1);
  } else {
    putp(o, m->role == GAZMAP_ROLE_LOCATION ? "<a class=\"~r-m\"" : "<a class=\"~r-m ~r-org\"");
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
  put_flow(o, text, (size_t)m->offset, (size_t)(m->offset + m->length), in_p, 1);
  puts_(o, m->place ? "</a>" : "</span>");
  *pos = (size_t)(m->offset + m->length);
}

/* The map's marks: one circle over each place, where the map drew it,
 * inserted as the map's last group so they sit above everything.  Without
 * memory for the places' positions, or when the options do not locate,
 * the map has no marks. */
static void put_marks(out *o, const place_row *rows, size_t nrows, const gazmap_render_opts *mo) {
  double frame[4], *xy = malloc(4 * nrows * sizeof *xy + 1), *lonlat = xy + 2 * nrows;
  size_t i;
  if (!mo || !xy) {
    free(xy);
    return;
  }
  for (i = 0; i < nrows; i++) {
    lonlat[2 * i] = gazmap_place_lon(rows[i].place);
    lonlat[2 * i + 1] = gazmap_place_lat(rows[i].place);
  }
  /* One layout of the page for every mark (gazmap/render.h). */
  if (gazmap_render_locate_points(mo, GAZMAP_FORMAT_SVG, lonlat, nrows, xy, frame) < 0) {
    free(xy);
    return;
  }
  putp(o, "<g class=\"~r-marks\">");
  for (i = 0; i < nrows; i++) {
    const gazmap_place *p = rows[i].place;
    double x = xy[2 * i], y = xy[2 * i + 1];
    if (x == HUGE_VAL || x < frame[0] || y < frame[1] || x > frame[0] + frame[2] ||
        y > frame[1] + frame[3]) {
      continue;
    }
    putp(o, "<a href=\"#~p-");
    put_id(o, gazmap_place_id(p));
    putp(o, "\"><circle class=\"~r-pt\" data-p=\"");
    put_id(o, gazmap_place_id(p));
    putf(o, "\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.0f\"><title>", x, y, MARK_RADIUS);
    escs(o, gazmap_place_name(p));
    putf(o, ": %zu mention%s</title></circle></a>", rows[i].count, rows[i].count == 1 ? "" : "s");
  }
  puts_(o, "</g>");
  free(xy);
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
  putp(o, "<div class=\"~r-mapbox\">");
  gz_buf_append(&o->b, svg + k, end - 6 - k);
  put_marks(o, rows, nrows, opts->map_opts);
  puts_(o, "</svg></div>\n");
  return 0;
}

static void put_table(out *o, const place_row *rows, size_t nrows) {
  size_t i, j;
  putp(o, "<section class=\"~r-places\" id=\"~places\"><h2>Places</h2>\n<table>\n<thead><tr>"
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
    putp(o, "<td class=\"~r-n\">");
    putf(o, "%zu</td><td>", r->count);
    for (j = 0; j < r->nsurf; j++) {
      puts_(o, j ? ", " : "");
      esc(o, r->surf[j], r->surflen[j]);
    }
    putp(o, "</td><td class=\"~r-back\">");
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

/* ---- the writer: two passes over the mentions ---------------------------------- */

/* Everything the page says about its places (the header's counts, the
 * table, the map's marks) is known after the first pass; the second pass
 * writes the page in text order and hands it out in pieces.  So memory
 * holds one row per distinct place and a piece of the page, never the
 * mentions or the whole page, whatever the length of the text. */
struct gazmap_report_writer {
  const char *text;
  size_t len;
  /* The first pass: one row per place, found through an open-addressing
   * table keyed by the place pointer (index + 1 into rows; 0 is empty). */
  place_row *rows;
  size_t nrows, cap;
  size_t *slots, nslots;
  size_t n, nloc, nunres; /* mentions counted, as locations, unresolved */
  uint64_t end;           /* where the last mention given ended */
  gazmap_highlight *hl;   /* the rows as highlights, for the map */
  int sorted;             /* the first pass is over: rows are in page order */
  /* The second pass. */
  int state; /* 0: counting, 1: writing, 2: ended or failed */
  gazmap_report_opts opts;
  out o;
  gazmap_report_sink sink;
  void *sink_ud;
  size_t i, pos; /* mentions written; text written up to pos */
  int in_p;
};

static int fail_mention(size_t i) {
  return gz_fail(GAZMAP_EINVAL, NULL, 0,
                 "mention %zu is outside the text, overlaps the one before or has no place", i);
}

/* A mention in increasing order, inside the text, with a place unless it is
 * unresolved (a place the gazetteer lacks). */
static int check_mention(gazmap_report_writer *w, const gazmap_report_mention *m, size_t i) {
  uint64_t end = m->offset + m->length;
  if ((!m->place && m->role != GAZMAP_ROLE_UNRESOLVED) || end > w->len || end < m->offset ||
      (i && m->offset < w->end)) {
    return fail_mention(i);
  }
  w->end = end;
  return 0;
}

static size_t slot_of(const gazmap_report_writer *w, const gazmap_place *p) {
  /* Places are allocated structs: the low bits of their address carry no
   * information, the multiply spreads the rest. */
  uint64_t h = ((uint64_t)(uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull;
  size_t i = (size_t)(h >> 32) & (w->nslots - 1);
  while (w->slots[i] && w->rows[w->slots[i] - 1].place != p) {
    i = (i + 1) & (w->nslots - 1);
  }
  return i;
}

static int rehash(gazmap_report_writer *w, size_t nslots) {
  size_t *slots = calloc(nslots, sizeof *slots), i;
  if (!slots) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  free(w->slots);
  w->slots = slots;
  w->nslots = nslots;
  for (i = 0; i < w->nrows; i++) {
    w->slots[slot_of(w, w->rows[i].place)] = i + 1;
  }
  return 0;
}

/* The row of `p`, added when it is new; NULL when out of memory. */
static place_row *row_of(gazmap_report_writer *w, const gazmap_place *p) {
  size_t s = slot_of(w, p);
  if (w->slots[s]) {
    return &w->rows[w->slots[s] - 1];
  }
  if (w->nrows == w->cap) {
    size_t cap = w->cap ? 2 * w->cap : 16;
    place_row *rows = realloc(w->rows, cap * sizeof *rows);
    if (!rows) {
      return NULL;
    }
    w->rows = rows;
    w->cap = cap;
  }
  memset(&w->rows[w->nrows], 0, sizeof w->rows[w->nrows]);
  w->rows[w->nrows].place = p;
  w->slots[s] = ++w->nrows;
  /* Keep the table at most half full, so probes stay short. */
  if (2 * w->nrows > w->nslots && rehash(w, 2 * w->nslots) < 0) {
    return NULL;
  }
  return &w->rows[w->nrows - 1];
}

int gazmap_report_writer_new(gazmap_report_writer **wout, const char *text, size_t len) {
  gazmap_report_writer *w = calloc(1, sizeof *w);
  *wout = NULL;
  if (!w || rehash(w, 64) < 0) {
    free(w);
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  w->text = text;
  w->len = len;
  *wout = w;
  return 0;
}

int gazmap_report_writer_count(gazmap_report_writer *w, const gazmap_report_mention *m) {
  place_row *r;
  size_t j;
  int rc;
  if (w->sorted) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "a mention counted after the first pass ended");
  }
  if ((rc = check_mention(w, m, w->n)) < 0) {
    return rc;
  }
  w->n++;
  if (!m->place) {
    w->nunres++;
    return 0;
  }
  w->nloc += m->role == GAZMAP_ROLE_LOCATION;
  if (!(r = row_of(w, m->place))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  r->count++;
  if (r->nlinks < MAX_BACKLINKS) {
    r->links[r->nlinks++] = w->n - 1;
  }
  for (j = 0; j < r->nsurf; j++) {
    if (r->surflen[j] == m->length && !memcmp(r->surf[j], w->text + m->offset, m->length)) {
      break;
    }
  }
  if (j == r->nsurf && r->nsurf < MAX_SURFACES) {
    r->surf[r->nsurf] = w->text + m->offset;
    r->surflen[r->nsurf++] = m->length;
  }
  return 0;
}

/* The order of the map's highlights (gazmap/report.h): most mentioned
 * first, then by id, so the table and the map always agree. */
static int cmp_row(const void *a, const void *b) {
  const place_row *x = a, *y = b;
  if (x->count != y->count) {
    return x->count > y->count ? -1 : 1;
  }
  return strcmp(gazmap_place_id(x->place), gazmap_place_id(y->place));
}

/* Ends the first pass: rows in page order, and the highlights. */
static int end_count(gazmap_report_writer *w) {
  size_t i;
  if (w->sorted) {
    return 0;
  }
  if (w->nrows > 1) {
    qsort(w->rows, w->nrows, sizeof *w->rows, cmp_row);
  }
  w->hl = malloc((w->nrows ? w->nrows : 1) * sizeof *w->hl);
  if (!w->hl) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < w->nrows; i++) {
    w->hl[i].place = w->rows[i].place;
    w->hl[i].weight = (double)w->rows[i].count;
  }
  free(w->slots); /* the rows moved; the second pass needs no look-up */
  w->slots = NULL;
  w->sorted = 1;
  return 0;
}

int gazmap_report_writer_places(gazmap_report_writer *w, const gazmap_highlight **h, size_t *n) {
  int rc = end_count(w);
  *h = rc < 0 ? NULL : w->hl;
  *n = rc < 0 ? 0 : w->nrows;
  return rc;
}

/* Hands the page written so far to the sink (all of it with `all`, else
 * only once a piece is big enough); without a sink the page stays whole. */
static int flush(gazmap_report_writer *w, int all) {
  int rc;
  if (w->o.b.failed) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  if (!w->sink || (!all && w->o.b.len < FLUSH_AT) || !w->o.b.len) {
    return 0;
  }
  if ((rc = w->sink(w->sink_ud, (const char *)w->o.b.data, w->o.b.len)) < 0) {
    return rc;
  }
  w->o.b.len = 0;
  return 0;
}

/* Marks the writer failed, so that no later call writes half a page more. */
static int writer_fail(gazmap_report_writer *w, int rc) {
  w->state = 2;
  return rc;
}

int gazmap_report_writer_begin(gazmap_report_writer *w, const gazmap_report_opts *opts_in,
                               gazmap_report_sink sink, void *sink_ud) {
  const char *title;
  int rc;

  if (w->state != 0) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "the report was already begun");
  }
  if ((rc = opts_upgrade(opts_in, &w->opts)) < 0 || (rc = end_count(w)) < 0) {
    return writer_fail(w, rc);
  }
  w->o.pfx = w->opts.id_prefix ? w->opts.id_prefix : w->opts.fragment ? "gazmap-report-" : "";
  if ((rc = gazmap_report_check_prefix(w->o.pfx)) < 0) {
    return writer_fail(w, rc);
  }
  if (w->opts.fragment && !*w->o.pfx) {
    return writer_fail(w, gz_fail(GAZMAP_EINVAL, NULL, 0,
                                  "a fragment needs an id prefix, or its ids would clash with "
                                  "the page's"));
  }
  w->sink = sink;
  w->sink_ud = sink_ud;
  w->state = 1;
  w->end = 0;
  title = w->opts.title ? w->opts.title
          : w->opts.source_name && *base_name(w->opts.source_name)
              ? base_name(w->opts.source_name)
              : default_title;
  if (!w->opts.fragment) {
    puts_(&w->o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                 "style-src 'unsafe-inline'; img-src data:; script-src '");
    puts_(&w->o, gz_report_script_hash);
    puts_(&w->o, "'\">\n<meta name=\"viewport\" content=\"width=device-width, "
                 "initial-scale=1\">\n<title>");
    escs(&w->o, title);
    puts_(&w->o, "</title>\n<style>body{margin:0}</style>\n</head>\n<body>\n");
  }
  putp(&w->o, "<div class=\"~report\" id=\"~report\" lang=\"en\">\n<style>");
  putp(&w->o, gz_report_css);
  putp(&w->o, "#~report{--~mapw:");
  putf(&w->o, "%dpx}", w->opts.map_opts ? w->opts.map_opts->width : 760);
  putp(&w->o, "</style>\n<header class=\"~r-head\"><h1>");
  escs(&w->o, title);
  puts_(&w->o, "</h1><p>");
  if (w->opts.title && w->opts.source_name && *base_name(w->opts.source_name)) {
    escs(&w->o, base_name(w->opts.source_name));
    puts_(&w->o, " &middot; ");
  }
  putf(&w->o, "%zu mentions (%zu as locations) of %zu places", w->n - w->nunres, w->nloc,
       w->nrows);
  if (w->nunres) {
    putf(&w->o, "; %zu unresolved (places the gazetteer lacks)", w->nunres);
  }
  puts_(&w->o, " &middot; made by gazmap</p></header>\n");
  putp(&w->o, "<div class=\"~r-main\">\n<section class=\"~r-text\" id=\"~text\"><h2>Text</h2>\n"
              "<p class=\"~r-legend\"><span class=\"~r-m\">place</span>"
              "<span class=\"~r-org\">place word in an organisation or agreement name</span>");
  if (w->nunres) {
    putp(&w->o, "<span class=\"~r-unresolved\">a place the gazetteer lacks</span>");
  }
  putp(&w->o, "</p>\n<div class=\"~r-body\">\n");
  if ((rc = flush(w, 0)) < 0) {
    return writer_fail(w, rc);
  }
  return 0;
}

int gazmap_report_writer_mention(gazmap_report_writer *w, const gazmap_report_mention *m) {
  int rc;
  if (w->state != 1) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "the report is not being written");
  }
  /* The second pass must give the mentions of the first: the header and
   * the table already said how many there are and where. */
  if (w->i >= w->n) {
    return writer_fail(w, gz_fail(GAZMAP_EINVAL, NULL, 0,
                                  "more mentions written than counted (%zu)", w->n));
  }
  if ((rc = check_mention(w, m, w->i)) < 0) {
    return writer_fail(w, rc);
  }
  put_mention(&w->o, w->text, m, w->i++, &w->pos, &w->in_p);
  if ((rc = flush(w, 0)) < 0) {
    return writer_fail(w, rc);
  }
  return 0;
}

int gazmap_report_writer_end(gazmap_report_writer *w) {
  int rc;
  if (w->state != 1) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "the report is not being written");
  }
  if (w->i != w->n) {
    return writer_fail(w, gz_fail(GAZMAP_EINVAL, NULL, 0,
                                  "%zu mentions written, %zu counted", w->i, w->n));
  }
  w->state = 2;
  put_flow(&w->o, w->text, w->pos, w->len, &w->in_p, 0);
  if (w->in_p) {
    puts_(&w->o, "</p>\n");
  }
  putp(&w->o, "</div>\n</section>\n<div class=\"~r-side\">\n"
              "<section class=\"~r-map\" id=\"~map\"><h2>Map</h2>\n");
  if (w->opts.map_svg && w->opts.map_svg_len) {
    if ((rc = put_map(&w->o, &w->opts, w->rows, w->nrows)) < 0) {
      return rc;
    }
  } else {
    puts_(&w->o, "<p>No map.</p>\n");
  }
  putp(&w->o, "<div class=\"~r-mentions\" data-mentions=\"\" aria-live=\"polite\"></div>\n"
              "</section>\n");
  put_table(&w->o, w->rows, w->nrows);
  puts_(&w->o, "</div>\n</div>\n<script>");
  puts_(&w->o, gz_report_script);
  puts_(&w->o, "</script>\n</div>\n");
  if (!w->opts.fragment) {
    puts_(&w->o, "</body>\n</html>\n");
  }
  return flush(w, 1);
}

void gazmap_report_writer_free(gazmap_report_writer *w) {
  if (w) {
    free(w->o.b.data);
    free(w->rows);
    free(w->slots);
    free(w->hl);
    free(w);
  }
}

int gazmap_report_html(const char *text, size_t len, const gazmap_report_mention *mentions,
                       size_t n, const gazmap_report_opts *opts, char **result,
                       size_t *outlen) {
  gazmap_report_writer *w = NULL;
  size_t i;
  int rc;

  *result = NULL;
  *outlen = 0;
  /* The same two passes as a streamed report, with no sink: the page
   * stays whole in the writer's buffer, which is handed over. */
  if ((rc = gazmap_report_writer_new(&w, text, len)) < 0) {
    return rc;
  }
  for (i = 0; i < n && rc == 0; i++) {
    rc = gazmap_report_writer_count(w, &mentions[i]);
  }
  if (rc == 0) {
    rc = gazmap_report_writer_begin(w, opts, NULL, NULL);
  }
  for (i = 0; i < n && rc == 0; i++) {
    rc = gazmap_report_writer_mention(w, &mentions[i]);
  }
  if (rc == 0) {
    rc = gazmap_report_writer_end(w);
  }
  if (rc == 0) {
    *result = (char *)w->o.b.data;
    *outlen = w->o.b.len;
    w->o.b.data = NULL;
  }
  gazmap_report_writer_free(w);
  return rc;
}
