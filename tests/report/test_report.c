/* report/report.c and frame.c: the page and the fragment (scoping, reflow,
 * header), the id prefix rule and the map frame. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static gazmap_gazetteer *g;

static const gazmap_place *place(const char *id) {
  const gazmap_place *p = gazmap_gazetteer_find_id(g, id);
  ck_assert_msg(p != NULL, "no place '%s' in the bundled gazetteer", id);
  return p;
}

/* A mention of `id` at the first occurrence of `word` in `text`. */
static gazmap_report_mention at(const char *text, const char *word, const char *id) {
  gazmap_report_mention m;
  const char *s = strstr(text, word);
  memset(&m, 0, sizeof m);
  ck_assert_msg(s != NULL, "'%s' is not in the text", word);
  m.offset = (uint64_t)(s - text);
  m.length = strlen(word);
  m.place = place(id);
  m.role = GAZMAP_ROLE_LOCATION;
  m.kind = GAZMAP_MATCH_EXACT;
  m.confidence = 1;
  return m;
}

static const char text[] = "Patrols left Shusha for Lachin, then went on to the terri-\n"
                           "tory of Nagorno-\nKarabakh.\n \nA new paragraph about Berd.\n";

static char *report(const gazmap_report_opts *o) {
  gazmap_report_mention m[4];
  char *html = NULL;
  size_t len = 0;
  m[0] = at(text, "Shusha", "shusha");
  m[1] = at(text, "Lachin", "lachin");
  m[2] = at(text, "Nagorno-\nKarabakh", "nagorno-karabakh");
  m[3] = at(text, "Berd", "berd");
  ck_assert_int_eq(gazmap_report_html(text, sizeof text - 1, m, 4, o, &html, &len), 0);
  ck_assert_uint_eq(strlen(html), len);
  return html;
}

/* Every value of attribute `attr` (id="..." or class="...", each class
 * word) in `html` starts with `prefix`; returns the first offender, or
 * NULL (caller frees). */
static char *unprefixed(const char *html, const char *attr, const char *prefix) {
  char needle[32];
  const char *s = html;
  snprintf(needle, sizeof needle, " %s=\"", attr);
  while ((s = strstr(s, needle)) != NULL) {
    const char *v = s + strlen(needle), *end = strchr(v, '"');
    while (v < end) {
      const char *w = v;
      while (w < end && *w != ' ') {
        w++;
      }
      if (w > v && strncmp(v, prefix, strlen(prefix)) != 0) {
        return strndup(v, (size_t)(w - v));
      }
      v = w + 1;
    }
    s = end;
  }
  return NULL;
}

/* A fragment's ids and classes all carry its prefix, and every CSS rule is
 * scoped under its root: nothing in it can restyle or collide with the
 * page it is pasted into. */
START_TEST(fragment_is_scoped) {
  gazmap_report_opts o = GAZMAP_REPORT_OPTS_INIT;
  char *html, *bad, *css, *end, *rule;
  o.fragment = 1;
  o.id_prefix = "a-";
  html = report(&o);
  ck_assert_msg(!strstr(html, "<html") && !strstr(html, "<body") && !strstr(html, "<head>"),
                "a fragment has page elements");
  ck_assert_msg(!strncmp(html, "<div class=\"a-report\" id=\"a-report\"", 35), "starts: %.60s",
                html);
  bad = unprefixed(html, "id", "a-");
  ck_assert_msg(bad == NULL, "id '%s' lacks the prefix", bad ? bad : "");
  bad = unprefixed(html, "class", "a-");
  ck_assert_msg(bad == NULL, "class '%s' lacks the prefix", bad ? bad : "");
  /* Every rule's selector list names the root first. */
  css = strstr(html, "<style>") + 7;
  end = strstr(css, "</style>");
  *end = '\0';
  for (rule = css; rule && *rule; rule = strchr(rule, '}')) {
    while (*rule == '}') {
      rule++;
    }
    if (!*rule) {
      break;
    }
    if (!strncmp(rule, "@media", 6)) {
      rule = strchr(rule, '{') + 1;
    }
    ck_assert_msg(!strncmp(rule, "#a-report", 9), "an unscoped rule: %.60s", rule);
    {
      /* Each selector of a comma list too. */
      const char *brace = strchr(rule, '{'), *c = rule;
      while ((c = memchr(c, ',', (size_t)(brace - c))) != NULL) {
        c++;
        ck_assert_msg(!strncmp(c, "#a-report", 9), "an unscoped selector: %.60s", c);
      }
    }
  }
  free(html);
}
END_TEST

/* ---- the report's CSS and the map's SVG ---------------------------------------- */

/* 1 when an element in [s, end) has the class word or the id `name` (n
 * bytes); *attrs counts the class and id attributes looked at. */
static int svg_has_name(const char *s, const char *end, const char *name, size_t n, size_t *attrs) {
  static const char *const kinds[] = {" class=\"", " id=\""};
  size_t k;
  *attrs = 0;
  for (k = 0; k < 2; k++) {
    const char *p = s;
    while ((p = strstr(p, kinds[k])) != NULL && p < end) {
      const char *v = p + strlen(kinds[k]), *q = strchr(v, '"');
      ++*attrs;
      while (v < q) {
        size_t w = strcspn(v, " \"");
        if (w == n && !memcmp(v, name, n)) {
          return 1;
        }
        v += w + (v[w] == ' ');
      }
      p = q;
    }
  }
  return 0;
}

/* The report's CSS, as written into `html`, holds no class or id selector
 * that an element of the embedded map has.  The map is the SVG as the
 * renderer wrote it, from "<svg" to the report's own marks group (which the
 * CSS is meant to style).  Every rule's selector list is read up to its
 * '{' (an @media's rules too); names inside ":not(...)" exclude elements
 * and are skipped.  Returns the first clash ("legend"), or NULL (caller
 * frees); *checked counts the names compared. */
static char *css_clash(const char *html, const char *pfx, size_t *checked) {
  char marks[96];
  const char *svg = strstr(html, "<svg"), *svg_end, *css, *end, *p, *sel;
  size_t attrs = 0;
  int depth = 0;
  snprintf(marks, sizeof marks, "<g class=\"%sr-marks\">", pfx);
  svg_end = svg ? strstr(svg, marks) : NULL;
  ck_assert_msg(svg && svg_end, "no map, or no marks group %s, in the report", marks);
  end = strstr(html, "</style>\n<header");
  ck_assert_ptr_nonnull(end);
  for (css = end; css > html && strncmp(css, "<style>", 7) != 0; css--) {
  }
  *checked = 0;
  for (p = sel = css + 7; p < end; p++) {
    if (*p == '{' && *sel == '@') {
      sel = p + 1; /* @media (...) { rules } */
    } else if (*p == '{') {
      for (; sel < p; sel++) {
        depth += *sel == '(' ? 1 : *sel == ')' ? -1 : 0;
        if ((*sel == '.' || *sel == '#') && depth == 0) {
          size_t n =
              strspn(sel + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");
          ++*checked;
          if (svg_has_name(svg, svg_end, sel + 1, n, &attrs)) {
            return strndup(sel + 1, n);
          }
          sel += n;
        }
      }
      p = strchr(p, '}');
      sel = p + 1;
    } else if (*p == '}') {
      sel = p + 1; /* the end of an @media block */
    }
  }
  ck_assert_msg(attrs > 100, "only %zu class and id attributes in the map", attrs);
  return NULL;
}

/* The report's own classes and ids keep clear of the embedded map's, so the
 * report's CSS styles none of the map's elements (its `.legend` rule once
 * reached the map's legend): on a whole page, whose prefix is empty, and in
 * fragments, also with prefixes that end like the map's own class words. */
START_TEST(css_leaves_the_map_alone) {
  static const struct {
    const char *prefix;
    int fragment;
  } cases[] = {{"", 0}, {"a-", 1}, {"legend-", 1}, {"layer-", 1}, {"status-", 0}};
  size_t i, checked;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    gazmap_render_opts mo = GAZMAP_RENDER_OPTS_INIT;
    gazmap_report_opts o = GAZMAP_REPORT_OPTS_INIT;
    unsigned char *svg = NULL;
    char map_prefix[64], *html, *clash;
    size_t svg_len = 0;
    snprintf(map_prefix, sizeof map_prefix, "%smap-", cases[i].prefix);
    mo.width = 760;
    mo.height = 570;
    mo.id_prefix = map_prefix;
    ck_assert_msg(gazmap_render_buffer(g, &mo, GAZMAP_FORMAT_SVG, &svg, &svg_len) == 0, "%s",
                  gazmap_error_last()->message);
    o.map_svg = svg;
    o.map_svg_len = svg_len;
    o.map_opts = &mo;
    o.fragment = cases[i].fragment;
    o.id_prefix = cases[i].prefix;
    html = report(&o);
    clash = css_clash(html, cases[i].prefix, &checked);
    ck_assert_msg(clash == NULL, "prefix '%s': the report's CSS names '%s', which the map has",
                  cases[i].prefix, clash ? clash : "");
    ck_assert_msg(checked > 30, "only %zu names in the report's CSS", checked);
    free(html);
    free(svg);
  }
}
END_TEST

/* Paragraphs stay, lines broken for the page's width join, hyphenated
 * words rejoin (a compound keeps its hyphen), and offsets still point into
 * the input. */
START_TEST(reflows_and_keeps_offsets) {
  char *html = report(NULL);
  char want[64];
  ck_assert_msg(strstr(html, "went on to the territory of <a") != NULL, "hyphenation: %s",
                strstr(html, "went on"));
  ck_assert_msg(strstr(html, ">Nagorno-Karabakh</a>.</p>\n<p>A new paragraph") != NULL,
                "paragraphs: %s", strstr(html, "Karabakh"));
  snprintf(want, sizeof want, "data-at=\"%d\">Berd<", (int)(strstr(text, "Berd") - text));
  ck_assert_msg(strstr(html, want) != NULL, "no '%s'", want);
  free(html);
}
END_TEST

/* The header names the file, never the folders it is in. */
START_TEST(header_shows_base_name) {
  gazmap_report_opts o = GAZMAP_REPORT_OPTS_INIT;
  char *html;
  o.source_name = "/home/someone/private/notes.txt";
  html = report(&o);
  ck_assert_msg(strstr(html, "<h1>notes.txt</h1>") != NULL, "no base name in the heading");
  ck_assert_msg(strstr(html, "/home/someone") == NULL, "the folders leak");
  free(html);
  o.title = "Patrols";
  html = report(&o);
  ck_assert_msg(strstr(html, "<h1>Patrols</h1><p>notes.txt &middot;") != NULL, "title");
  ck_assert_msg(strstr(html, "private") == NULL, "the folders leak");
  free(html);
}
END_TEST

/* A prefix must be a name in XML and an identifier in CSS. */
START_TEST(prefix_rule) {
  static const char *const good[] = {"", "a", "a-", "R_2-x", "_k"};
  static const char *const bad[] = {"1a", "-a", "a b", "a\"b", "a<", "a.b", "a:b", "é"};
  gazmap_report_opts o = GAZMAP_REPORT_OPTS_INIT;
  char *html = NULL;
  size_t i, len;
  for (i = 0; i < sizeof good / sizeof *good; i++) {
    ck_assert_msg(gazmap_report_check_prefix(good[i]) == 0, "'%s' refused", good[i]);
  }
  for (i = 0; i < sizeof bad / sizeof *bad; i++) {
    ck_assert_msg(gazmap_report_check_prefix(bad[i]) == GAZMAP_EINVAL, "'%s' accepted", bad[i]);
    o.id_prefix = bad[i];
    ck_assert_int_eq(gazmap_report_html("x", 1, NULL, 0, &o, &html, &len), GAZMAP_EINVAL);
    ck_assert_ptr_null(html);
  }
  o.id_prefix = "";
  o.fragment = 1;
  ck_assert_int_eq(gazmap_report_html("x", 1, NULL, 0, &o, &html, &len), GAZMAP_EINVAL);
}
END_TEST

/* The mentions of the words of `t`, each the place whose id is the word in
 * lower case, in *m (room for `cap`); returns how many. */
static size_t words_of(const char *t, gazmap_report_mention *m, size_t cap) {
  char word[64], id[64];
  size_t n = 0, i;
  const char *p = t;
  while (*p && n < cap) {
    size_t len = strcspn(p, " ");
    ck_assert_uint_lt(len, sizeof word);
    memcpy(word, p, len);
    word[len] = '\0';
    for (i = 0; i <= len; i++) {
      id[i] = (char)tolower((unsigned char)word[i]);
    }
    m[n++] = at(t, word, id);
    p += len + (p[len] == ' ');
  }
  return n;
}

/* The frame holds the places named (here Shusha, Lachin, Berd) and no more
 * than a margin around them; Ankara, off the map, and the countries do not
 * stretch it. */
START_TEST(frame_on_places) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  static const char t[] = "Shusha Lachin Berd Ankara Azerbaijan";
  gazmap_report_mention m[5];
  ck_assert_int_eq(gazmap_report_frame(m, words_of(t, m, 5), &o), 0);
  ck_assert(o.has_bbox);
  ck_assert_msg(o.bbox[0] < 45.39 && o.bbox[0] > 45.0 && o.bbox[2] > 46.75 && o.bbox[2] < 47.2 &&
                    o.bbox[1] < 39.62 && o.bbox[1] > 39.3 && o.bbox[3] > 40.88 && o.bbox[3] < 41.2,
                "bbox %g,%g,%g,%g", o.bbox[0], o.bbox[1], o.bbox[2], o.bbox[3]);
}
END_TEST

START_TEST(frame_unchanged_without_places) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  static const char t[] = "Ankara Azerbaijan";
  gazmap_report_mention m[2];
  ck_assert_int_eq(gazmap_report_frame(m, words_of(t, m, 2), &o), 0);
  ck_assert_int_eq(o.has_bbox, 0);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(fragment_is_scoped),      TU_TEST(reflows_and_keeps_offsets),
                     TU_TEST(header_shows_base_name),  TU_TEST(prefix_rule),
                     TU_TEST(frame_on_places),         TU_TEST(frame_unchanged_without_places),
                     TU_TEST(css_leaves_the_map_alone)};
  int status;
  if (gazmap_gazetteer_open(&g, NULL) < 0) {
    fprintf(stderr, "cannot open the bundled gazetteer: %s\n", gazmap_error_last()->message);
    return 1;
  }
  status = tu_main_tests("report", 0, TU_TESTS(tests));
  gazmap_gazetteer_free(g);
  return status;
}
