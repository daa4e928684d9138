/* Text through Pango with halos, and label placement: labels are placed in
 * priority order (capitals and the places the text names first), each at
 * the first candidate position that overlaps nothing placed before. */
#define _GNU_SOURCE
#include "map/label_internal.h"
#include "map/paint.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/grow.h"
#include "writers/svgdoc.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* Every text class is laid out at one reference size and scaled by cairo
 * to its own: Pango loads a fontset (a fontconfig sort, about 1 ms) for each
 * distinct size and style it meets, which was 15 fontsets for one map, and
 * with unhinted metrics a layout scales exactly.  The layout is never told
 * about the scaling (pango_cairo_update_layout), or it would load fonts for
 * every size again. */
#define TYPO_REF_SIZE 16.0

struct gz_typo {
  cairo_t *cr;
  int raster; /* drawing on an image surface */
  const gz_style *st;
  double k;
  PangoLayout *layout; /* reused for every text: creating layouts is slow */
  PangoFontDescription *font[GZ_TEXT_COUNT_];
  const char *lang; /* of the texts drawn now (gz_typo_set_lang); NULL: the page's */
};

/* The class of each text class's <text> in an SVG, by gz_text_class. */
static const char *const class_names[] = {
    "capital", "city",  "town",     "village",  "country",        "region", "water",       "patrol",
    "site",    "title", "subtitle", "credits",  "legend-head",    "legend", "legend-note", "tick",
    "scale",   "inset", "road",     "district", "district-small", "added"};
_Static_assert(sizeof class_names / sizeof class_names[0] == GZ_TEXT_COUNT_,
               "a class name for every text class");

void gz_typo_set_lang(gz_typo *t, const char *lang) {
  t->lang = lang;
}

int gz_typo_new(gz_typo **out, cairo_t *cr, const gz_style *st, double k) {
  gz_typo *t = calloc(1, sizeof *t);
  cairo_font_options_t *fo = NULL;
  PangoContext *pc;
  int i;

  *out = NULL;
  if (!t) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  t->cr = cr;
  t->raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  t->st = st;
  t->k = k;
  t->layout = pango_cairo_create_layout(cr);
  pc = pango_layout_get_context(t->layout);
  /* Unhinted metrics: text measures the same at every size and in every
   * format, so label placement does not depend on the output format. */
  fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(pc, fo);
  cairo_font_options_destroy(fo);
  pango_layout_context_changed(t->layout);
  for (i = 0; i < GZ_TEXT_COUNT_; i++) {
    const gz_text *ts = &st->text[i];
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, st->font_family);
    pango_font_description_set_absolute_size(fd, TYPO_REF_SIZE * PANGO_SCALE);
    pango_font_description_set_weight(fd, ts->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd, ts->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    t->font[i] = fd;
  }
  *out = t;
  return 0;
}

void gz_typo_free(gz_typo *t) {
  int i;
  if (!t) {
    return;
  }
  for (i = 0; i < GZ_TEXT_COUNT_; i++) {
    if (t->font[i]) {
      pango_font_description_free(t->font[i]);
    }
  }
  if (t->layout) {
    g_object_unref(t->layout);
  }
  free(t);
}

/* Page units per layout unit for a class. */
static double scale_of(const gz_typo *t, gz_text_class cls) {
  return t->st->text[cls].size * t->k / TYPO_REF_SIZE;
}

/* Loads `text` into the shared layout with the class's font and spacing;
 * `wrap` is in page units. */
static void setup(gz_typo *t, gz_text_class cls, const char *text, double wrap, int align) {
  const gz_text *ts = &t->st->text[cls];
  double f = scale_of(t, cls);
  int credits = wrap > 0 && cls == GZ_TEXT_CREDITS;
  int titles = wrap > 0 && (cls == GZ_TEXT_TITLE || cls == GZ_TEXT_SUBTITLE);
  PangoAttrList *attrs = pango_attr_list_new();
  char *upper = ts->upper ? g_utf8_strup(text, -1) : NULL;

  pango_layout_set_font_description(t->layout, t->font[cls]);
  if (ts->letter_spacing > 0) {
    pango_attr_list_insert(
        attrs, pango_attr_letter_spacing_new((int)(ts->letter_spacing * t->k / f * PANGO_SCALE)));
  }
  pango_layout_set_attributes(t->layout, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_width(t->layout, wrap > 0 ? (int)(wrap / f * PANGO_SCALE) : -1);
  /* The credits wrap onto up to credits_max_lines lines, title and
   * subtitle onto up to title_max_lines (the layout makes the bands that
   * high, gz_layout_fit_text), a word longer than a line broken between
   * characters.  Past that room they end in an ellipsis rather than run off
   * the page or into the map. */
  pango_layout_set_wrap(t->layout, credits || titles ? PANGO_WRAP_WORD_CHAR : PANGO_WRAP_WORD);
  pango_layout_set_height(t->layout, credits  ? -t->st->credits_max_lines
                                     : titles ? -t->st->title_max_lines
                                              : -1);
  pango_layout_set_ellipsize(t->layout,
                             credits || titles ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment(t->layout, align < 0    ? PANGO_ALIGN_LEFT
                                        : align == 0 ? PANGO_ALIGN_CENTER
                                                     : PANGO_ALIGN_RIGHT);
  pango_layout_set_text(t->layout, upper ? upper : text, -1);
  g_free(upper);
}

/* The prepared layout's logical size in page units. */
static void layout_size(gz_typo *t, gz_text_class cls, double *w, double *h) {
  PangoRectangle logical;
  double f = scale_of(t, cls);
  pango_layout_get_extents(t->layout, NULL, &logical);
  *w = (double)logical.width / PANGO_SCALE * f;
  *h = (double)logical.height / PANGO_SCALE * f;
}

void gz_typo_measure(gz_typo *t, gz_text_class cls, const char *text, double wrap, double *w,
                     double *h) {
  setup(t, cls, text, wrap, -1);
  layout_size(t, cls, w, h);
}

void gz_typo_measure_box(gz_typo *t, gz_text_class cls, const char *text, double wrap,
                         gz_text_box *b) {
  PangoRectangle ink;
  double f = scale_of(t, cls);
  setup(t, cls, text, wrap, -1);
  layout_size(t, cls, &b->w, &b->h);
  pango_layout_get_extents(t->layout, &ink, NULL);
  b->ink[0] = (double)ink.x / PANGO_SCALE * f;
  b->ink[1] = (double)ink.y / PANGO_SCALE * f;
  b->ink[2] = (double)ink.width / PANGO_SCALE * f;
  b->ink[3] = (double)ink.height / PANGO_SCALE * f;
  b->lines = pango_layout_get_line_count(t->layout);
  b->ellipsized = pango_layout_is_ellipsized(t->layout);
}

static void set_rgba(cairo_t *cr, gz_rgba c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

/* Moves the user space so the layout, in its own units, lands with its
 * top-left at (x, y) at the class's size. */
static void place(gz_typo *t, gz_text_class cls, double x, double y) {
  double f = scale_of(t, cls);
  cairo_translate(t->cr, x, y);
  cairo_scale(t->cr, f, f);
  cairo_move_to(t->cr, 0, 0);
}

/* Appends the text of layout line `line` to `out` as the layout shows it:
 * an ellipsized line's hidden part becomes the ellipsis.  Returns 1 when
 * this line ends in the ellipsis (of a layout wrapped onto several lines,
 * only the last one does). */
static int line_text(PangoLayout *layout, PangoLayoutLine *line, GString *out) {
  const char *text = pango_layout_get_text(layout);
  GSList *r;
  int cut = 0;
  if (!pango_layout_is_ellipsized(layout)) {
    g_string_append_len(out, text + line->start_index, line->length);
  } else {
    for (r = line->runs; r; r = r->next) {
      const PangoGlyphItem *run = r->data;
      if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) {
        g_string_append(out, "\u2026");
        cut = 1;
      } else {
        g_string_append_len(out, text + run->item->offset, run->item->length);
      }
    }
  }
  /* Trailing blanks and line ends: SVG would show nothing of them. */
  while (out->len > 0 && strchr(" \t\r\n", out->str[out->len - 1])) {
    g_string_truncate(out, out->len - 1);
  }
  return cut;
}

/* On an SVG with text: the prepared layout as one <text> whose lines are
 * spans at the places Pango laid them out (the label engine's placement,
 * exactly), in the class's font, colour and halo (a stroke painted under
 * the fill). */
static void show_in_doc(gz_typo *t, gz_svgdoc *d, gz_text_class cls, double x, double y) {
  const gz_text *ts = &t->st->text[cls];
  cairo_matrix_t mt;
  PangoLayoutIter *it;
  GString *line = g_string_new(NULL);
  double outer;
  int cut;
  gz_svg_font f = {TYPO_REF_SIZE,
                   ts->bold,
                   ts->italic,
                   0,
                   {ts->color.r, ts->color.g, ts->color.b, ts->color.a},
                   {ts->halo.r, ts->halo.g, ts->halo.b, ts->halo.a},
                   0,
                   class_names[cls],
                   t->lang};
  cairo_save(t->cr);
  place(t, cls, x, y);
  cairo_get_matrix(t->cr, &mt);
  cairo_restore(t->cr);
  /* Spacing and halo are page units: the class's size times whatever
   * scale the context has (the legend may be drawn smaller). */
  outer = sqrt(fabs(mt.xx * mt.yy - mt.xy * mt.yx)) / scale_of(t, cls);
  f.letter_spacing = ts->letter_spacing * t->k * outer;
  f.halo_width = ts->halo_width * t->k * outer;
  gz_svgdoc_text_begin(d, &mt, &f);
  it = pango_layout_get_iter(t->layout);
  do {
    PangoLayoutLine *l = pango_layout_iter_get_line_readonly(it);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, NULL, &logical);
    g_string_truncate(line, 0);
    cut = line_text(t->layout, l, line);
    if (line->len > 0) {
      /* The width of the shown characters, without the blanks a wrapped
       * line ends in; a line cut with the ellipsis keeps its whole width. */
      int x0 = 0, x1 = logical.width;
      if (!cut) {
        pango_layout_line_index_to_x(l, l->start_index, 0, &x0);
        pango_layout_line_index_to_x(l, l->start_index + (int)line->len, 0, &x1);
      }
      gz_svgdoc_text_span(d, (double)logical.x / PANGO_SCALE,
                          (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE,
                          (double)(x1 - x0) / PANGO_SCALE, line->str, line->len);
    }
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  g_string_free(line, TRUE);
  gz_svgdoc_text_end(d);
}

/* Draws the prepared layout with its top-left at (x, y): halo, then text. */
static void show(gz_typo *t, gz_text_class cls, double x, double y) {
  const gz_text *ts = &t->st->text[cls];
  cairo_t *cr = t->cr;
  gz_svgdoc *d = gz_svgdoc_of(cr);
  if (d) {
    show_in_doc(t, d, cls, x, y);
    return;
  }
  if (ts->halo_width > 0 && ts->halo.a > 0 && t->raster) {
    /* On an image, the halo is the text itself painted around its place at
     * two radii: glyphs come from cairo's glyph cache, while stroking their
     * outlines costs more than the rest of the map together. */
    double r = ts->halo_width * t->k;
    int i;
    set_rgba(cr, (gz_rgba){ts->halo.r, ts->halo.g, ts->halo.b, 1.0});
    for (i = 0; i < 16; i++) {
      double a = i * M_PI / 8, rr = i % 2 ? r * 0.55 : r;
      cairo_save(cr);
      place(t, cls, x + rr * cos(a), y + rr * sin(a));
      pango_cairo_show_layout(cr, t->layout);
      cairo_restore(cr);
    }
  } else if (ts->halo_width > 0 && ts->halo.a > 0) {
    /* The outline path is built at the class's size; the stroke is set in
     * page units once that scaling is undone (the path stays). */
    cairo_save(cr);
    place(t, cls, x, y);
    pango_cairo_layout_path(cr, t->layout);
    cairo_restore(cr);
    cairo_save(cr);
    /* A halo is a soft outline: flattening its glyph curves to half a unit
     * instead of cairo's tenth looks the same and strokes faster. */
    cairo_set_tolerance(cr, t->st->halo_tolerance * t->k);
    set_rgba(cr, ts->halo);
    cairo_set_line_width(cr, 2 * ts->halo_width * t->k);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_restore(cr);
  }
  cairo_save(cr);
  place(t, cls, x, y);
  set_rgba(cr, ts->color);
  pango_cairo_show_layout(cr, t->layout);
  cairo_restore(cr);
}

void gz_typo_draw(gz_typo *t, gz_text_class cls, const char *text, double wrap, int align, double x,
                  double y) {
  setup(t, cls, text, wrap, align);
  show(t, cls, x, y);
}

static void gz_typo_draw_rotated(gz_typo *t, gz_text_class cls, const char *text, double x,
                                 double y, double angle) {
  double w, h;
  setup(t, cls, text, 0, -1);
  layout_size(t, cls, &w, &h);
  cairo_save(t->cr);
  cairo_translate(t->cr, x, y);
  cairo_rotate(t->cr, angle);
  show(t, cls, -w / 2, -h / 2);
  cairo_restore(t->cr);
}

/* ---- placement ------------------------------------------------------------ */

typedef struct box {
  double x0, y0, x1, y1;
} box;

typedef enum { LBL_POINT, LBL_AREA, LBL_LINE } lbl_kind;

typedef struct label {
  char *text;
  gz_text_class cls;
  lbl_kind kind;
  double x, y, dot;
  int dot_mode;
  double priority;
  size_t seq;
  double *line; /* LBL_LINE: page points; LBL_AREA: candidate centres, in order */
  double min_w; /* LBL_AREA: the box is at least this wide */
  size_t n_line;
  size_t group;   /* alternatives of one label share a group (0: none) */
  int callout;    /* LBL_AREA: a leader from the box to (x, y), a dot there */
  double *anchor; /* a callout: the dot of each candidate centre; placed: (x, y) */
  /* Result of placement. */
  int placed;
  double tx, ty, angle; /* top-left (point/area) or centre (line) */
} label;

struct gz_labeler {
  gz_typo *typo;
  const gz_style *st;
  double k;
  box clip;
  box *boxes;
  size_t n_boxes, cap_boxes;
  label *labels;
  size_t n_labels, cap_labels;
  const char *(*lang_of)(void *arg, const char *text);
  void *lang_arg;
  size_t n_groups, group; /* groups begun; the one labels join now (0: none) */
};

void gz_labeler_set_lang(gz_labeler *lab, const char *(*lang_of)(void *arg, const char *text),
                         void *arg) {
  lab->lang_of = lang_of;
  lab->lang_arg = arg;
}

int gz_labeler_new(gz_labeler **out, gz_typo *t, const gz_style *st, double k, double x0, double y0,
                   double x1, double y1) {
  gz_labeler *lab = calloc(1, sizeof *lab);
  *out = NULL;
  if (!lab) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  lab->typo = t;
  lab->st = st;
  lab->k = k;
  lab->clip = (box){x0, y0, x1, y1};
  *out = lab;
  return 0;
}

void gz_labeler_free(gz_labeler *lab) {
  size_t i;
  if (!lab) {
    return;
  }
  for (i = 0; i < lab->n_labels; i++) {
    free(lab->labels[i].text);
    free(lab->labels[i].line);
    free(lab->labels[i].anchor);
  }
  free(lab->labels);
  free(lab->boxes);
  free(lab);
}

int gz_labeler_block(gz_labeler *lab, double x0, double y0, double x1, double y1) {
  box *nb = gz_grow(lab->boxes, &lab->cap_boxes, lab->n_boxes, sizeof *nb, 256);
  if (!nb) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  lab->boxes = nb;
  lab->boxes[lab->n_boxes++] = (box){x0, y0, x1, y1};
  return 0;
}

static label *add_label(gz_labeler *lab, const char *text, gz_text_class cls, lbl_kind kind,
                        double priority) {
  label *l;
  if (!text || !*text) {
    return NULL;
  }
  if (!(l = gz_grow(lab->labels, &lab->cap_labels, lab->n_labels, sizeof *l, 128))) {
    return NULL;
  }
  lab->labels = l;
  l = &lab->labels[lab->n_labels];
  memset(l, 0, sizeof *l);
  if (!(l->text = strdup(text))) {
    return NULL;
  }
  l->cls = cls;
  l->kind = kind;
  l->priority = priority;
  l->seq = lab->n_labels++;
  l->group = lab->group;
  return l;
}

void gz_labeler_group_begin(gz_labeler *lab) {
  lab->group = ++lab->n_groups;
}

void gz_labeler_group_end(gz_labeler *lab) {
  lab->group = 0;
}

int gz_labeler_point(gz_labeler *lab, const char *text, gz_text_class cls, double x, double y,
                     double dot, int dot_mode, double priority) {
  label *l;
  if (!text || !*text) {
    return 0;
  }
  if (!(l = add_label(lab, text, cls, LBL_POINT, priority))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  l->x = x;
  l->y = y;
  l->dot = dot;
  l->dot_mode = dot_mode;
  return 0;
}

int gz_labeler_area(gz_labeler *lab, const char *text, gz_text_class cls, double x, double y,
                    double priority) {
  double xy[2] = {x, y};
  return gz_labeler_area_at(lab, text, cls, xy, 1, 0, priority);
}

int gz_labeler_area_at(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                       size_t n, double min_w, double priority) {
  label *l;
  if (!text || !*text || n == 0) {
    return 0;
  }
  if (!(l = add_label(lab, text, cls, LBL_AREA, priority)) ||
      !(l->line = malloc(n * 2 * sizeof *xy))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(l->line, xy, n * 2 * sizeof *xy);
  l->n_line = n;
  l->min_w = min_w;
  l->x = xy[0];
  l->y = xy[1];
  return 0;
}

int gz_labeler_callout(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                       const double *anchors, size_t n, double min_w, double priority) {
  int rc = gz_labeler_area_at(lab, text, cls, xy, n, min_w, priority);
  if (rc == 0 && text && *text && n > 0) {
    label *l = &lab->labels[lab->n_labels - 1];
    if (!(l->anchor = malloc(n * 2 * sizeof *anchors))) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    memcpy(l->anchor, anchors, n * 2 * sizeof *anchors);
    l->callout = 1;
  }
  return rc;
}

int gz_labeler_line(gz_labeler *lab, const char *text, gz_text_class cls, const double *xy,
                    size_t n, double priority) {
  label *l;
  if (!text || !*text || n < 2) {
    return 0;
  }
  if (!(l = add_label(lab, text, cls, LBL_LINE, priority)) ||
      !(l->line = malloc(n * 2 * sizeof *xy))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(l->line, xy, n * 2 * sizeof *xy);
  l->n_line = n;
  return 0;
}

static int by_priority(const void *a, const void *b) {
  const label *x = a, *y = b;
  if (x->priority != y->priority) {
    return x->priority > y->priority ? -1 : 1;
  }
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int overlaps(const box *a, const box *b) {
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* 1 when `b` lies inside the clip rectangle and touches no placed box. */
static int is_free(const gz_labeler *lab, const box *b) {
  size_t i;
  if (b->x0 < lab->clip.x0 || b->y0 < lab->clip.y0 || b->x1 > lab->clip.x1 ||
      b->y1 > lab->clip.y1) {
    return 0;
  }
  for (i = 0; i < lab->n_boxes; i++) {
    if (overlaps(b, &lab->boxes[i])) {
      return 0;
    }
  }
  return 1;
}

static box pad(box b, double p) {
  return (box){b.x0 - p, b.y0 - p, b.x1 + p, b.y1 + p};
}

static int place_point(gz_labeler *lab, label *l, double w, double h) {
  /* Candidate offsets as multiples of (gap + w, gap + h): right first, the
   * cartographic convention, then left, above, below, the diagonals. */
  static const double cand[][2] = {{1, 0},  {-1, 0}, {0, -1},  {0, 1},
                                   {1, -1}, {1, 1},  {-1, -1}, {-1, 1}};
  double gap = l->dot + 2.0 * lab->k, p = lab->st->label_pad * lab->k;
  box dotbox = {l->x - l->dot, l->y - l->dot, l->x + l->dot, l->y + l->dot};
  size_t i;

  if (l->dot > 0 && l->dot_mode == GZ_DOT_IF_PLACED && !is_free(lab, &dotbox)) {
    return 0;
  }
  for (i = 0; i < sizeof cand / sizeof cand[0]; i++) {
    double dx = cand[i][0], dy = cand[i][1], x0, y0;
    box b;
    x0 = dx > 0 ? l->x + gap : dx < 0 ? l->x - gap - w : l->x - w / 2;
    y0 = dy > 0 ? l->y + gap * 0.6 : dy < 0 ? l->y - gap * 0.6 - h : l->y - h / 2;
    b = (box){x0, y0, x0 + w, y0 + h};
    if (is_free(lab, &(box){b.x0 - p, b.y0 - p, b.x1 + p, b.y1 + p})) {
      l->tx = x0;
      l->ty = y0;
      if (l->dot > 0 && (gz_labeler_block(lab, dotbox.x0, dotbox.y0, dotbox.x1, dotbox.y1) < 0)) {
        return -1;
      }
      return gz_labeler_block(lab, b.x0, b.y0, b.x1, b.y1) < 0 ? -1 : 1;
    }
  }
  return 0;
}

/* The point of box `b` nearest (x, y): where a callout's leader ends. */
static void nearest_on(const box *b, double x, double y, double *qx, double *qy) {
  *qx = fmin(fmax(x, b->x0), b->x1);
  *qy = fmin(fmax(y, b->y0), b->y1);
}

/* The small boxes a callout's leader from (x, y) to the edge of `b` is
 * checked and blocked as, one every `step` along it: a leader is thin and
 * slanted, and its bounding box would keep half the map free of labels.
 * Calls `fn` on each; returns 0 as soon as one returns 0, else 1. */
static int leader_boxes(gz_labeler *lab, const box *b, double x, double y,
                        int (*fn)(gz_labeler *lab, const box *s)) {
  double qx, qy, len, t, step = 2.0 * lab->k, r = 0.75 * lab->k;
  nearest_on(b, x, y, &qx, &qy);
  len = hypot(qx - x, qy - y);
  for (t = 0; t <= len; t += step) {
    double px = x + (qx - x) * (len > 0 ? t / len : 0), py = y + (qy - y) * (len > 0 ? t / len : 0);
    if (!fn(lab, &(box){px - r, py - r, px + r, py + r})) {
      return 0;
    }
  }
  return 1;
}

static int box_is_free(gz_labeler *lab, const box *b) {
  return is_free(lab, b);
}

static int block_box(gz_labeler *lab, const box *b) {
  return gz_labeler_block(lab, b->x0, b->y0, b->x1, b->y1) == 0;
}

/* The first candidate centre where the label touches nothing placed; a
 * callout also needs its dot and leader clear, and keeps them clear of
 * the labels placed after it. */
static int place_area(gz_labeler *lab, label *l, double w, double h) {
  double tw = w, dot = lab->st->callout_dot * lab->k;
  box dotbox = {0, 0, 0, 0};
  size_t c;
  w = fmax(w, l->min_w);
  for (c = 0; c < l->n_line; c++) {
    double x = l->line[2 * c], y = l->line[2 * c + 1];
    box b = {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
    box padded = pad(b, lab->st->label_pad * lab->k);
    if (l->callout) {
      l->x = l->anchor[2 * c];
      l->y = l->anchor[2 * c + 1];
      dotbox = (box){l->x - dot, l->y - dot, l->x + dot, l->y + dot};
    }
    if (!is_free(lab, &padded) ||
        (l->callout &&
         (!is_free(lab, &dotbox) || !leader_boxes(lab, &b, l->x, l->y, box_is_free)))) {
      continue;
    }
    l->tx = x - tw / 2;
    l->ty = b.y0;
    if (l->callout && (!block_box(lab, &dotbox) || !leader_boxes(lab, &b, l->x, l->y, block_box))) {
      return -1;
    }
    return gz_labeler_block(lab, b.x0, b.y0, b.x1, b.y1) < 0 ? -1 : 1;
  }
  return 0;
}

/* The axis-aligned box of a w x h rectangle centred on (cx, cy), rotated. */
static box rotated_box(double cx, double cy, double w, double h, double a) {
  double c = fabs(cos(a)), s = fabs(sin(a));
  double hw = (w * c + h * s) / 2, hh = (w * s + h * c) / 2;
  return (box){cx - hw, cy - hh, cx + hw, cy + hh};
}

static int place_line(gz_labeler *lab, label *l, double w, double h) {
  size_t n = l->n_line, i, j, best_i = 0;
  double *cum = malloc(n * sizeof *cum), total, best_d = HUGE_VAL;
  double need = w * 1.15, best_cx = 0, best_cy = 0, best_a = 0;
  int found = 0;

  if (!cum) {
    return -1;
  }
  cum[0] = 0;
  for (i = 1; i < n; i++) {
    cum[i] = cum[i - 1] +
             hypot(l->line[2 * i] - l->line[2 * i - 2], l->line[2 * i + 1] - l->line[2 * i - 1]);
  }
  total = cum[n - 1];
  /* Windows of the line as long as the text; a window is straight enough
   * when its chord is nearly as long as its arc.  The free one nearest the
   * middle of the line wins. */
  for (i = 0, j = 0; i < n && total >= need; i++) {
    double chord, cx, cy, a, d;
    box b;
    while (j < n && cum[j] - cum[i] < need) {
      j++;
    }
    if (j >= n) {
      break;
    }
    chord = hypot(l->line[2 * j] - l->line[2 * i], l->line[2 * j + 1] - l->line[2 * i + 1]);
    if (chord < 0.93 * (cum[j] - cum[i])) {
      continue;
    }
    cx = (l->line[2 * i] + l->line[2 * j]) / 2;
    cy = (l->line[2 * i + 1] + l->line[2 * j + 1]) / 2;
    a = atan2(l->line[2 * j + 1] - l->line[2 * i + 1], l->line[2 * j] - l->line[2 * i]);
    /* Keep text upright. */
    if (a > M_PI / 2) {
      a -= M_PI;
    } else if (a < -M_PI / 2) {
      a += M_PI;
    }
    /* Beside the line rather than on it: shift by half the text height plus
     * a gap, perpendicular to the line, above it. */
    cx += sin(a) * (h / 2 + 2 * lab->k);
    cy -= cos(a) * (h / 2 + 2 * lab->k);
    b = rotated_box(cx, cy, w, h, a);
    d = fabs((cum[i] + cum[j]) / 2 - total / 2);
    if (d < best_d && is_free(lab, &b)) {
      best_d = d;
      best_cx = cx;
      best_cy = cy;
      best_a = a;
      best_i = i;
      found = 1;
    }
  }
  (void)best_i;
  free(cum);
  if (!found) {
    return 0;
  }
  l->tx = best_cx;
  l->ty = best_cy;
  l->angle = best_a;
  {
    box b = rotated_box(best_cx, best_cy, w, h, best_a);
    return gz_labeler_block(lab, b.x0, b.y0, b.x1, b.y1) < 0 ? -1 : 1;
  }
}

size_t gz_labeler_count(const gz_labeler *lab) {
  return lab->n_labels;
}

gz_text_class gz_labeler_class(const gz_labeler *lab, size_t i) {
  return lab->labels[i].cls;
}

int gz_labeler_leader(const gz_labeler *lab, size_t i, double seg[4]) {
  const label *l = &lab->labels[i];
  double w, h;
  box b;
  if (!l->placed || l->kind != LBL_AREA || !l->callout) {
    return 0;
  }
  gz_typo_measure(lab->typo, l->cls, l->text, 0, &w, &h);
  b = (box){l->tx, l->ty, l->tx + w, l->ty + h};
  seg[0] = l->x;
  seg[1] = l->y;
  nearest_on(&b, l->x, l->y, &seg[2], &seg[3]);
  return 1;
}

int gz_labeler_result(const gz_labeler *lab, size_t i, const char **text, double bbox[4]) {
  const label *l = &lab->labels[i];
  double w, h;
  *text = l->text;
  if (!l->placed) {
    return 0;
  }
  gz_typo_measure(lab->typo, l->cls, l->text, 0, &w, &h);
  if (l->kind == LBL_LINE) {
    box b = rotated_box(l->tx, l->ty, w, h, l->angle);
    bbox[0] = b.x0, bbox[1] = b.y0, bbox[2] = b.x1, bbox[3] = b.y1;
  } else {
    bbox[0] = l->tx, bbox[1] = l->ty, bbox[2] = l->tx + w, bbox[3] = l->ty + h;
  }
  return 1;
}

static void set_rgb(cairo_t *cr, gz_rgba c) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

int gz_labeler_run(gz_labeler *lab, cairo_t *cr) {
  size_t i;
  const gz_style *st = lab->st;

  /* One flag a group: a label of a group whose alternative was placed is
   * skipped. */
  unsigned char *done = calloc(lab->n_groups + 1, 1);

  if (!done) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  /* No labels (--layers admin1): labels is NULL, which qsort must not get. */
  if (lab->n_labels > 0) {
    qsort(lab->labels, lab->n_labels, sizeof *lab->labels, by_priority);
  }
  for (i = 0; i < lab->n_labels; i++) {
    label *l = &lab->labels[i];
    double w, h;
    int r;
    if (l->group && done[l->group]) {
      continue;
    }
    gz_typo_measure(lab->typo, l->cls, l->text, 0, &w, &h);
    r = l->kind == LBL_POINT  ? place_point(lab, l, w, h)
        : l->kind == LBL_AREA ? place_area(lab, l, w, h)
                              : place_line(lab, l, w, h);
    if (r < 0) {
      free(done);
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    l->placed = r;
    done[l->group] |= r && l->group;
  }
  free(done);
  /* Callouts' leaders and dots, under every label's halo. */
  for (i = 0; i < lab->n_labels; i++) {
    const label *l = &lab->labels[i];
    double w, h, qx, qy;
    box b;
    if (l->kind != LBL_AREA || !l->callout || !l->placed) {
      continue;
    }
    gz_typo_measure(lab->typo, l->cls, l->text, 0, &w, &h);
    b = (box){l->tx, l->ty, l->tx + w, l->ty + h};
    nearest_on(&b, l->x, l->y, &qx, &qy);
    cairo_new_path(cr);
    cairo_move_to(cr, l->x, l->y);
    cairo_line_to(cr, qx, qy);
    gz_set_stroke(cr, &st->callout, lab->k);
    gz_stroke_path(cr);
    cairo_new_path(cr);
    cairo_arc(cr, l->x, l->y, st->callout_dot * lab->k, 0, 2 * M_PI);
    set_rgb(cr, st->callout.color);
    gz_fill_path(cr);
  }
  /* Dots first, so no halo of a later label paints over one. */
  for (i = 0; i < lab->n_labels; i++) {
    const label *l = &lab->labels[i];
    if (l->kind != LBL_POINT || l->dot <= 0 || l->dot_mode == GZ_DOT_NONE ||
        !(l->placed || l->dot_mode == GZ_DOT_ALWAYS)) {
      continue;
    }
    cairo_new_path(cr);
    cairo_arc(cr, l->x, l->y, l->dot, 0, 2 * M_PI);
    set_rgb(cr, st->dot_fill);
    gz_fill_path_preserve(cr);
    set_rgb(cr, st->dot_ring);
    cairo_set_line_width(cr, 0.8 * lab->k);
    gz_stroke_path(cr);
  }
  for (i = 0; i < lab->n_labels; i++) {
    const label *l = &lab->labels[i];
    if (!l->placed) {
      continue;
    }
    if (lab->lang_of) {
      gz_typo_set_lang(lab->typo, lab->lang_of(lab->lang_arg, l->text));
    }
    if (l->kind == LBL_LINE) {
      gz_typo_draw_rotated(lab->typo, l->cls, l->text, l->tx, l->ty, l->angle);
    } else if (l->kind == LBL_AREA) {
      /* An area label of two lines (a district and its date) is centred. */
      gz_typo_draw(lab->typo, l->cls, l->text, 0, 0, l->tx, l->ty);
    } else {
      gz_typo_draw(lab->typo, l->cls, l->text, 0, -1, l->tx, l->ty);
    }
  }
  return 0;
}
