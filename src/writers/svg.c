/* The SVG writer.  By default the painters write a semantic document
 * (svgdoc.c: layers as groups, labels as <text>), its paths built on a
 * cairo recording surface that nothing is painted on.  With glyph outlines
 * (GAZMAP_SVG_OUTLINES), cairo's SVG surface, then a rewrite that makes
 * the file safe to inline in HTML next to other maps (ids prefixed per
 * map, a viewBox, an escaped <title> and <desc>). */
#define _GNU_SOURCE
#include "writers/writer.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/escape.h"

#include <cairo-svg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gz_svg_prefix_from_path(const char *path, char *buf, size_t cap) {
  const char *base = path ? strrchr(path, '/') : NULL;
  const char *dot;
  size_t n = 0;

  if (cap == 0) {
    return;
  }
  base = base ? base + 1 : (path ? path : "");
  dot = strrchr(base, '.');
  if (!dot || dot == base) {
    dot = base + strlen(base);
  }
  /* ids must start with a letter to be valid XML names and CSS selectors. */
  if (cap > 1 && !((*base >= 'a' && *base <= 'z') || (*base >= 'A' && *base <= 'Z'))) {
    buf[n++] = 'm';
  }
  for (; base < dot && n + 2 < cap; base++) {
    char c = *base;
    int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '_' || c == '-';
    buf[n++] = ok ? c : '_';
  }
  if (n + 1 < cap) {
    buf[n++] = '-';
  }
  buf[n] = '\0';
}

int gz_svg_prefix_check(const char *prefix) {
  const char *p;
  if (!prefix || !*prefix) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "SVG id prefix is empty (use letters, digits, '_', '-' or '.', from a letter)");
  }
  for (p = prefix; *p; p++) {
    unsigned char c = (unsigned char)*p;
    int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    int ok = letter || (p > prefix && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
    if (!ok) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0,
                     c >= 0x20 && c < 0x7f
                         ? "SVG id prefix '%s': '%c' at byte %zu is not allowed (use letters, "
                           "digits, '_', '-' or '.', from a letter or '_')"
                         : "SVG id prefix '%s': byte 0x%02x at byte %zu is not allowed (use "
                           "letters, digits, '_', '-' or '.', from a letter or '_')",
                     c >= 0x20 && c < 0x7f ? prefix : "...", c, (size_t)(p - prefix) + 1);
    }
  }
  return 0;
}

static int append_str(gz_buf *b, const char *s) {
  return gz_buf_append(b, s, strlen(s));
}

/* The id-bearing constructs cairo writes; each is followed by the id itself,
 * ended by a quote or a parenthesis. */
static const char *const id_openers[] = {" id=\"", "href=\"#", "url(#"};

typedef struct id_entry {
  const char *name; /* points into the SVG text */
  size_t len;
  size_t index; /* order of definition */
} id_entry;

static int cmp_entry(const void *a, const void *b) {
  const id_entry *x = a, *y = b;
  size_t n = x->len < y->len ? x->len : y->len;
  int c = memcmp(x->name, y->name, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

static size_t id_len(const char *s, const char *end) {
  const char *p = s;
  while (p < end && *p != '"' && *p != ')') {
    p++;
  }
  return (size_t)(p - s);
}

/* Appends the new name of id `name`: the prefix, the letters of cairo's name
 * (so "glyph", "clip", "surface" stay readable) and its definition order.
 * cairo numbers some ids from process-wide counters; renumbering makes the
 * file the same however many maps the process drew before. */
static int append_new_id(gz_buf *b, const char *prefix, const id_entry *ids, size_t n,
                         const char *name, size_t len) {
  id_entry key = {name, len, 0};
  const id_entry *hit = bsearch(&key, ids, n, sizeof *ids, cmp_entry);
  char num[32];
  size_t i;
  int rc;
  if ((rc = append_str(b, prefix)) < 0) {
    return rc;
  }
  if (!hit) {
    /* A reference to an id the file does not define: keep it (prefixed). */
    return gz_buf_append(b, name, len);
  }
  for (i = 0; i < len && ((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z'));
       i++) {
  }
  if ((rc = gz_buf_append(b, name, i)) < 0) {
    return rc;
  }
  snprintf(num, sizeof num, "%zu", hit->index);
  return append_str(b, num);
}

/* Rewrites cairo's SVG so it embeds safely in HTML: every id="X" becomes
 * id="<prefix>X" and every reference (href="#X", xlink:href="#X", url(#X))
 * follows; a viewBox is added when missing; <title> and <desc> (XML-escaped)
 * open the document.  *out (caller frees with free()) and *out_len. */
static int svg_rewrite(const char *svg, size_t len, const char *prefix, const char *title,
                       const char *desc, double width, double height, char **out, size_t *out_len) {
  gz_buf b = {0};
  const char *p = svg, *end = svg + len;
  const char *root = strstr(svg, "<svg");
  const char *root_end = root ? strchr(root, '>') : NULL;
  id_entry *ids = NULL;
  size_t n_ids = 0, cap_ids = 0;
  int rc = 0;
  char num[128];

  if (!root_end) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo wrote no <svg> element");
  }
  /* First pass: every defined id, in document order. */
  for (p = strstr(svg, id_openers[0]); p && p < end; p = strstr(p + 1, id_openers[0])) {
    const char *name = p + strlen(id_openers[0]);
    if (n_ids == cap_ids) {
      size_t cap = cap_ids ? cap_ids * 2 : 256;
      id_entry *ni = realloc(ids, cap * sizeof *ni);
      if (!ni) {
        rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
        goto done;
      }
      ids = ni;
      cap_ids = cap;
    }
    ids[n_ids] = (id_entry){name, id_len(name, end), n_ids};
    n_ids++;
  }
  if (n_ids) {
    qsort(ids, n_ids, sizeof *ids, cmp_entry);
  }
  /* Everything up to the end of the root start tag, plus a viewBox when
   * cairo did not write one (a viewBox lets the map scale in a page). */
  p = svg;
  if ((rc = gz_buf_append(&b, p, (size_t)(root_end - p))) < 0) {
    goto done;
  }
  if (!memmem(root, (size_t)(root_end - root), "viewBox", 7)) {
    snprintf(num, sizeof num, " viewBox=\"0 0 %g %g\"", width, height);
    if ((rc = append_str(&b, num)) < 0) {
      goto done;
    }
  }
  if ((rc = append_str(&b, ">\n<title>")) < 0 ||
      (rc = gz_xml_escape(&b, title, strlen(title))) < 0 ||
      (rc = append_str(&b, "</title>\n<desc>")) < 0 ||
      (rc = gz_xml_escape(&b, desc, strlen(desc))) < 0 || (rc = append_str(&b, "</desc>")) < 0) {
    goto done;
  }
  /* One pass over the rest: copy runs of text, rewriting the id after each
   * opener.  The openers start with ' ', 'h' or 'u', so most bytes are
   * rejected by one comparison. */
  p = root_end + 1;
  {
    const char *run = p;
    while (p < end) {
      size_t i, ol = 0, nl;
      if (*p == ' ' || *p == 'h' || *p == 'u') {
        for (i = 0; i < sizeof id_openers / sizeof id_openers[0]; i++) {
          size_t l = strlen(id_openers[i]);
          if ((size_t)(end - p) >= l && !memcmp(p, id_openers[i], l)) {
            ol = l;
            break;
          }
        }
      }
      if (!ol) {
        p++;
        continue;
      }
      nl = id_len(p + ol, end);
      if ((rc = gz_buf_append(&b, run, (size_t)(p - run) + ol)) < 0 ||
          (rc = append_new_id(&b, prefix, ids, n_ids, p + ol, nl)) < 0) {
        goto done;
      }
      p += ol + nl;
      run = p;
    }
    rc = gz_buf_append(&b, run, (size_t)(end - run));
  }
  if (rc < 0) {
    goto done;
  }
  *out = (char *)b.data;
  *out_len = b.len;
  b.data = NULL;
done:
  free(ids);
  free(b.data);
  return rc;
}

/* After the style's own font, families a reader's system may have for the
 * map's scripts (Latin with Azerbaijani and Turkish letters, Cyrillic,
 * Armenian), then the generic family. */
static const char font_fallbacks[] =
    ", 'Noto Sans', 'Noto Sans Armenian', 'Liberation Sans', Arial, sans-serif";

static int svg_surface_new(gz_target *t, const gz_page_info *page) {
  cairo_rectangle_t extents = {0, 0, page->width, page->height};
  int rc;
  if (page->svg_outlines) {
    t->surface =
        cairo_svg_surface_create_for_stream(gz_target_write, t, page->width, page->height);
    cairo_svg_surface_set_document_unit(t->surface, CAIRO_SVG_UNIT_PX);
    return 0;
  }
  /* The page's size bounds the recording, so that a paint fills the page. */
  t->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
  if ((rc = gz_svgdoc_new(&t->doc, page->prefix)) < 0 ||
      (rc = gz_svgdoc_attach(t->doc, t->surface)) < 0) {
    return rc;
  }
  return 0;
}

/* The semantic document.  The recording surface must have stayed empty:
 * ink there is a painter that called cairo_fill or cairo_stroke itself,
 * which the document would miss (paint.h). */
static int svg_doc_finish(gz_target *t, const gz_page_info *page, unsigned char **out,
                          size_t *out_len) {
  double x, y, w, h;
  char family[256];
  cairo_recording_surface_ink_extents(t->surface, &x, &y, &w, &h);
  if (w > 0 && h > 0) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0,
                   "SVG: a painter drew around the SVG document (at %.0f,%.0f, %.0f x %.0f)", x,
                   y, w, h);
  }
  snprintf(family, sizeof family, "'%s'%s", page->font, font_fallbacks);
  return gz_svgdoc_finish(t->doc, page->width, page->height, page->title, page->desc, page->lang,
                          family, out, out_len);
}

static int svg_finish(gz_target *t, const gz_page_info *page, unsigned char **out,
                      size_t *out_len) {
  char *svg = NULL;
  int rc;
  if (t->doc) {
    return svg_doc_finish(t, page, out, out_len);
  }
  if ((rc = gz_target_finish_stream(t)) < 0 ||
      (rc = svg_rewrite((const char *)t->stream.data, t->stream.len, page->prefix, page->title,
                        page->desc, page->width, page->height, &svg, out_len)) < 0) {
    return rc;
  }
  *out = (unsigned char *)svg;
  return 0;
}

const gz_writer gz_svg_writer = {GAZMAP_FORMAT_SVG, "svg", ".svg", 0, svg_surface_new, svg_finish};
