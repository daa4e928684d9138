/* The HTML report: a text with its place mentions highlighted, a table of the
 * places and the map, in one self-contained page.
 *
 * The page has no script and a Content-Security-Policy that forbids every
 * fetch, so it opens the same offline as online and cannot leak the reader's
 * address to anyone.  Output is deterministic: places are ordered by mention
 * count, then id; mention anchors are numbered in text order. */
#include "gazmap/report.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SURFACES 8   /* distinct spellings listed per place */
#define MAX_BACKLINKS 40 /* links from a place back to its mentions */

static void puts_(gz_buf *b, const char *s) {
  gz_buf_append(b, s, strlen(s));
}

/* Appends printf output; an allocation failure is kept in b->failed. */
static void putf(gz_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(gz_buf *b, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n <= 0 || gz_buf_reserve(b, (size_t)n) < 0) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

/* Text as HTML: the one XML/HTML escaper (util/escape.h), which turns
 * invalid UTF-8 and control characters into U+FFFD so the page is always
 * well formed. */
static void esc(gz_buf *b, const char *s, size_t n) {
  gz_xml_escape(b, s, n);
}

/* An id usable in HTML and in a URL fragment: gazetteer ids already are
 * ([a-z0-9-]+), anything else becomes '-'. */
static void put_id(gz_buf *b, const char *id) {
  for (; *id; id++) {
    char c = *id;
    int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    gz_buf_append(b, ok ? &c : "-", 1);
  }
}

typedef struct place_row {
  const gazmap_place *place;
  size_t count, first_role_loc;
  size_t nsurf;
  const char *surf[MAX_SURFACES];
  size_t surflen[MAX_SURFACES];
  size_t nlinks;
  size_t links[MAX_BACKLINKS];
} place_row;

static const char style[] =
    "body{font-family:'DejaVu Sans',sans-serif;margin:0;color:#222;background:#fafafa}"
    "header{padding:12px 24px;background:#234;color:#fff}header h1{margin:0;font-size:22px}"
    "header p{margin:4px 0 0;font-size:13px;color:#cde}"
    "main{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;padding:16px}"
    "section{background:#fff;border:1px solid #ddd;border-radius:4px;padding:8px 12px}"
    "h2{font-size:16px;margin:4px 0 8px}#text{grid-row:span 2}"
    "pre{white-space:pre-wrap;font-family:'DejaVu Sans Mono',monospace;font-size:12px;"
    "line-height:1.5}"
    "a.m{background:#ffe066;color:#000;text-decoration:none;border-radius:2px;padding:0 1px}"
    "a.m.org{background:#d9e2ec;border-bottom:1px dashed #567}"
    "a.m:target,tr:target{outline:2px solid #d33}"
    /* A place the gazetteer lacks: marked, linked to nothing, not on the map. */
    "span.unresolved{background:none;border-bottom:2px dotted #c60;color:#000}"
    "#map svg{width:100%;height:auto;display:block}"
    "table{border-collapse:collapse;font-size:12px;width:100%}"
    "th,td{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}"
    "td.n{text-align:right}td.back a{color:#567;margin-right:3px}"
    ".legend span{padding:0 4px;margin-right:8px}";

int gazmap_report_html(const char *text, size_t len, const gazmap_report_mention *mentions,
                       size_t n, const gazmap_report_opts *opts, char **out, size_t *outlen) {
  gazmap_report_opts defaults = GAZMAP_REPORT_OPTS_INIT;
  place_row *rows = NULL;
  gazmap_highlight *order = NULL;
  gazmap_report_mention *placed = NULL; /* the mentions with a place */
  size_t nplaced = 0, nunres = 0;
  size_t nrows = 0, i, j, pos = 0, nloc = 0;
  gz_buf b = {0};
  int rc = 0;

  *out = NULL;
  *outlen = 0;
  if (!opts) {
    opts = &defaults;
  }
  if (opts->version != GAZMAP_REPORT_OPTS_VERSION) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "unknown gazmap_report_opts version %u", opts->version);
  }
  for (i = 0; i < n; i++) {
    uint64_t end = mentions[i].offset + mentions[i].length;
    /* Only an unresolved mention (a place the gazetteer lacks) has none. */
    if ((!mentions[i].place && mentions[i].role != GAZMAP_ROLE_UNRESOLVED) || end > len ||
        (i && mentions[i].offset < mentions[i - 1].offset + mentions[i - 1].length)) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0,
                     "mention %zu is outside the text, overlaps the one before or has no place", i);
    }
  }
  /* One row per place, in the order and with the counts of the map's
   * highlights (gazmap_highlights_from_mentions: most mentioned first, then
   * by id), so the table and the map always agree. */
  placed = malloc((n ? n : 1) * sizeof *placed);
  if (!placed) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < n; i++) {
    if (mentions[i].place) {
      placed[nplaced++] = mentions[i];
    } else {
      nunres++;
    }
  }
  if ((rc = gazmap_highlights_from_mentions(placed, nplaced, &order, &nrows)) < 0) {
    free(placed);
    return rc;
  }
  rows = calloc(nrows ? nrows : 1, sizeof *rows);
  if (!rows) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < nrows; i++) {
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
    nloc += m->role == GAZMAP_ROLE_LOCATION;
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

  puts_(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  esc(&b, opts->title ? opts->title : "Places named in the text",
      strlen(opts->title ? opts->title : "Places named in the text"));
  puts_(&b, "</title>\n<style>");
  puts_(&b, style);
  puts_(&b, "</style>\n</head>\n<body>\n<header><h1>");
  esc(&b, opts->title ? opts->title : "Places named in the text",
      strlen(opts->title ? opts->title : "Places named in the text"));
  puts_(&b, "</h1><p>");
  if (opts->source_name) {
    esc(&b, opts->source_name, strlen(opts->source_name));
    puts_(&b, " &middot; ");
  }
  putf(&b, "%zu mentions (%zu as locations) of %zu places", n - nunres, nloc, nrows);
  if (nunres) {
    putf(&b, "; %zu unresolved (places the gazetteer lacks)", nunres);
  }
  puts_(&b, " &middot; made by gazmap</p></header>\n");
  puts_(&b, "<main>\n<section id=\"text\"><h2>Text</h2>\n<p class=\"legend\">"
            "<span class=\"m\" style=\"background:#ffe066\">place</span>"
            "<span style=\"background:#d9e2ec\">place word in an organisation or agreement "
            "name</span>");
  if (nunres) {
    puts_(&b, "<span class=\"unresolved\">a place the gazetteer lacks</span>");
  }
  puts_(&b, "</p>\n<pre>");
  for (i = 0; i < n; i++) {
    const gazmap_report_mention *m = &mentions[i];
    esc(&b, text + pos, (size_t)m->offset - pos);
    if (!m->place) {
      /* A place the gazetteer lacks: marked, linked to no row. */
      putf(&b, "<span class=\"m unresolved\" id=\"m%zu\" title=\"unresolved", i + 1);
    } else {
      putf(&b, "<a class=\"m%s\" id=\"m%zu\" href=\"#p-",
           m->role == GAZMAP_ROLE_LOCATION ? "" : " org", i + 1);
      put_id(&b, gazmap_place_id(m->place));
      puts_(&b, "\" title=\"");
      esc(&b, gazmap_place_name(m->place), strlen(gazmap_place_name(m->place)));
      putf(&b, " (%s, %s, %.2f)", gazmap_role_name(m->role), gazmap_match_kind_name(m->kind),
           m->confidence);
    }
    if (m->why) {
      puts_(&b, ": ");
      esc(&b, m->why, strlen(m->why));
    }
    puts_(&b, "\">");
    esc(&b, text + m->offset, m->length);
    puts_(&b, m->place ? "</a>" : "</span>");
    pos = (size_t)(m->offset + m->length);
  }
  esc(&b, text + pos, len - pos);
  puts_(&b, "</pre>\n</section>\n");

  puts_(&b, "<section id=\"map\"><h2>Map</h2>\n");
  if (opts->map_svg && opts->map_svg_len) {
    /* Inline the <svg> element itself: an XML declaration or DOCTYPE is not
     * allowed inside HTML. */
    const char *svg = (const char *)opts->map_svg;
    size_t sl = opts->map_svg_len, k;
    for (k = 0; k + 4 <= sl; k++) {
      if (!memcmp(svg + k, "<svg", 4)) {
        break;
      }
    }
    if (k + 4 > sl) {
      rc = gz_fail(GAZMAP_EINVAL, NULL, 0, "the map is not an SVG document");
      goto done;
    }
    gz_buf_append(&b, svg + k, sl - k);
    puts_(&b, "\n");
  } else {
    puts_(&b, "<p>No map.</p>\n");
  }
  puts_(&b, "</section>\n");

  puts_(&b, "<section id=\"places\"><h2>Places</h2>\n<table>\n<thead><tr><th>Place</th>"
            "<th>Kind</th><th>Latitude, longitude</th><th>Mentions</th><th>As written</th>"
            "<th>In the text</th></tr></thead>\n<tbody>\n");
  for (i = 0; i < nrows; i++) {
    const place_row *r = &rows[i];
    const gazmap_place *p = r->place;
    puts_(&b, "<tr id=\"p-");
    put_id(&b, gazmap_place_id(p));
    puts_(&b, "\"><td><b>");
    esc(&b, gazmap_place_name(p), strlen(gazmap_place_name(p)));
    puts_(&b, "</b> <small>");
    esc(&b, gazmap_place_id(p), strlen(gazmap_place_id(p)));
    putf(&b, "</small></td><td>%s</td><td>%.4f, %.4f</td><td class=\"n\">%zu</td><td>",
         gazmap_kind_name(gazmap_place_kind(p)), gazmap_place_lat(p), gazmap_place_lon(p),
         r->count);
    for (j = 0; j < r->nsurf; j++) {
      if (j) {
        puts_(&b, ", ");
      }
      esc(&b, r->surf[j], r->surflen[j]);
    }
    puts_(&b, "</td><td class=\"back\">");
    for (j = 0; j < r->nlinks; j++) {
      putf(&b, "<a href=\"#m%zu\">%zu</a> ", r->links[j] + 1, j + 1);
    }
    if (r->count > r->nlinks) {
      putf(&b, "&hellip; (%zu more)", r->count - r->nlinks);
    }
    puts_(&b, "</td></tr>\n");
  }
  puts_(&b, "</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
  if (b.failed) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  *out = (char *)b.data;
  *outlen = b.len;
  b.data = NULL;
done:
  free(b.data);
  free(rows);
  free(order);
  free(placed);
  return rc;
}
