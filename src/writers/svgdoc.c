/* The semantic SVG document (writers/svgdoc.h): paths read from cairo at
 * the moment they are filled or stroked, written with coordinates rounded
 * to a tenth of a page unit (a twentieth of a pixel at most, invisible at
 * the page's size and at twice it) and relative moves, so the default map
 * is a fifth of cairo's own SVG. */
#define _GNU_SOURCE
#include "writers/svgdoc.h"

#include "gazmap/error.h"

#include "util/buf.h"
#include "util/error.h"
#include "util/escape.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Coordinates are written in tenths of a page unit. */
#define COORD_SCALE 10.0

/* The most distinct hatchings a map has (five fills of the style table). */
#define MAX_HATCHES 16

struct gz_svgdoc {
  char *prefix;
  gz_buf defs, body;
  gz_buf d;       /* the path being written */
  gz_buf pend_d;  /* a fill not yet written: its path ... */
  char pend[192]; /* ... and its fill attributes ("" when none is pending) */
  int depth;      /* open groups */
  size_t n_clips; /* clip paths defined so far */
  gz_svg_hatch hatches[MAX_HATCHES];
  size_t n_hatches;
  int failed;            /* an allocation failed */
  cairo_matrix_t text_m; /* the open text's frame (gz_svgdoc_text_begin) */
  double text_s;
  int text_rot;
  char run[64]; /* the class of the open run group (gz_svgdoc_run); "" none */
};

static const cairo_user_data_key_t doc_key;

int gz_svgdoc_new(gz_svgdoc **out, const char *prefix) {
  gz_svgdoc *d = calloc(1, sizeof *d);
  *out = NULL;
  if (!d || !(d->prefix = strdup(prefix))) {
    free(d);
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  *out = d;
  return 0;
}

void gz_svgdoc_free(gz_svgdoc *d) {
  if (!d) {
    return;
  }
  free(d->prefix);
  free(d->defs.data);
  free(d->body.data);
  free(d->d.data);
  free(d->pend_d.data);
  free(d);
}

int gz_svgdoc_attach(gz_svgdoc *d, cairo_surface_t *surface) {
  return cairo_surface_set_user_data(surface, &doc_key, d, NULL) == CAIRO_STATUS_SUCCESS
             ? 0
             : gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
}

gz_svgdoc *gz_svgdoc_of(cairo_t *cr) {
  return cr ? cairo_surface_get_user_data(cairo_get_target(cr), &doc_key) : NULL;
}

/* ---- writing ---------------------------------------------------------------- */

static void put(gz_svgdoc *d, gz_buf *b, const char *s) {
  if (gz_buf_append(b, s, strlen(s)) < 0) {
    d->failed = 1;
  }
}

static void putf(gz_svgdoc *d, gz_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void putf(gz_svgdoc *d, gz_buf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof tmp || gz_buf_append(b, tmp, (size_t)n) < 0) {
    d->failed = 1;
  }
}

static void put_escaped(gz_svgdoc *d, gz_buf *b, const char *s, size_t n) {
  if (gz_xml_escape(b, s, n) < 0) {
    d->failed = 1;
  }
}

/* `v` in tenths, as the shortest decimal: 12.0 -> "12", -0.5 -> "-.5". */
static int fmt_tenths(char *buf, long t) {
  long a = t < 0 ? -t : t;
  int n = 0;
  if (t < 0) {
    buf[n++] = '-';
  }
  if (a >= 10) {
    n += sprintf(buf + n, "%ld", a / 10);
  }
  if (a % 10) {
    n += sprintf(buf + n, ".%ld", a % 10);
  } else if (a < 10) {
    buf[n++] = '0';
  }
  buf[n] = '\0';
  return n;
}

/* A number with up to `decimals` decimals and no trailing zeros. */
static void fmt_num(char *buf, size_t cap, double v, int decimals) {
  char *e;
  snprintf(buf, cap, "%.*f", decimals, v);
  if (strchr(buf, '.')) {
    for (e = buf + strlen(buf) - 1; *e == '0'; e--) {
      *e = '\0';
    }
    if (*e == '.') {
      *e = '\0';
    }
  }
  if (!strcmp(buf, "-0")) {
    snprintf(buf, cap, "0");
  }
}

/* Path data is written into d->d: `last` is the command letter in force
 * (SVG repeats it for more numbers) and `fresh` says the next number
 * follows a letter, so needs no separator. */
typedef struct path_writer {
  gz_svgdoc *d;
  char last;
  int fresh;
} path_writer;

static void path_cmd(path_writer *w, char c) {
  char s[2] = {c, '\0'};
  if (w->last != c || c == 'M' || c == 'z') {
    put(w->d, &w->d->d, s);
    w->last = c;
    w->fresh = 1;
  }
}

/* A number in tenths; a separator only where the number does not start
 * with '-'. */
static void path_num(path_writer *w, long t) {
  char num[32];
  int n = fmt_tenths(num, t);
  if (!w->fresh && num[0] != '-') {
    put(w->d, &w->d->d, " ");
  }
  w->fresh = 0;
  if (gz_buf_append(&w->d->d, num, (size_t)n) < 0) {
    w->d->failed = 1;
  }
}

static long tenths(double v) {
  return lround(v * COORD_SCALE);
}

/* The current path of `cr` in page units, as path data in d->d: M
 * absolute, then l and c relative to the rounded points, z.  Returns 0
 * when the path draws nothing. */
static int build_path(gz_svgdoc *d, cairo_t *cr) {
  path_writer w = {d, 0, 1};
  cairo_path_t *path;
  long cx = 0, cy = 0, sx = 0, sy = 0, mx = 0, my = 0;
  int moved = 0, open = 0, drawn = 0, i, j;

  d->d.len = 0;
  cairo_save(cr);
  cairo_identity_matrix(cr);
  path = cairo_copy_path(cr);
  cairo_restore(cr);
  if (!path || path->status != CAIRO_STATUS_SUCCESS) {
    cairo_path_destroy(path);
    return 0;
  }
  for (i = 0; i < path->num_data; i += path->data[i].header.length) {
    const cairo_path_data_t *h = &path->data[i], *p = h + 1;
    if (h->header.type == CAIRO_PATH_MOVE_TO) {
      mx = tenths(p[0].point.x), my = tenths(p[0].point.y);
      moved = 1;
      continue;
    }
    if (h->header.type == CAIRO_PATH_CLOSE_PATH) {
      if (open) {
        path_cmd(&w, 'z');
        cx = sx, cy = sy;
        open = 0;
      }
      continue;
    }
    /* A segment: its subpath starts where the last move went. */
    if (moved) {
      path_cmd(&w, 'M');
      path_num(&w, mx);
      path_num(&w, my);
      cx = sx = mx, cy = sy = my;
      moved = 0;
      open = 1;
    }
    if (h->header.type == CAIRO_PATH_LINE_TO) {
      long x = tenths(p[0].point.x), y = tenths(p[0].point.y);
      if (x != cx || y != cy || w.last == 'M') {
        path_cmd(&w, 'l');
        path_num(&w, x - cx);
        path_num(&w, y - cy);
        drawn = 1;
      }
      cx = x, cy = y;
    } else {
      path_cmd(&w, 'c');
      for (j = 0; j < 3; j++) {
        path_num(&w, tenths(p[j].point.x) - cx);
        path_num(&w, tenths(p[j].point.y) - cy);
      }
      cx = tenths(p[2].point.x), cy = tenths(p[2].point.y);
      drawn = 1;
    }
  }
  cairo_path_destroy(path);
  return drawn;
}

/* "#rrggbb" of a colour in 0..1. */
static void fmt_color(char *buf, size_t cap, double r, double g, double b) {
  snprintf(buf, cap, "#%02x%02x%02x", (int)lround(fmin(fmax(r, 0), 1) * 255),
           (int)lround(fmin(fmax(g, 0), 1) * 255), (int)lround(fmin(fmax(b, 0), 1) * 255));
}

/* ` fill="#..."` and its opacity, or "" when the source is no solid
 * colour. */
static void paint_attrs(char *buf, size_t cap, const char *what, double r, double g, double b,
                        double a) {
  char col[16], op[32];
  fmt_color(col, sizeof col, r, g, b);
  if (a < 1) {
    fmt_num(op, sizeof op, a, 3);
    snprintf(buf, cap, " %s=\"%s\" %s-opacity=\"%s\"", what, col, what, op);
  } else {
    snprintf(buf, cap, " %s=\"%s\"", what, col);
  }
}

static int source_rgba(cairo_t *cr, double c[4]) {
  cairo_pattern_t *src = cairo_get_source(cr);
  return cairo_pattern_get_rgba(src, &c[0], &c[1], &c[2], &c[3]) == CAIRO_STATUS_SUCCESS;
}

/* Writes the pending fill on its own. */
static void flush(gz_svgdoc *d) {
  if (!d->pend[0]) {
    return;
  }
  put(d, &d->body, "<path d=\"");
  if (gz_buf_append(&d->body, d->pend_d.data, d->pend_d.len) < 0) {
    d->failed = 1;
  }
  putf(d, &d->body, "\"%s/>\n", d->pend);
  d->pend[0] = '\0';
}

/* Keeps d->d as the pending fill with attributes `attrs`: a stroke of the
 * same path that follows joins it in one element. */
static void pend_fill(gz_svgdoc *d, const char *attrs) {
  flush(d);
  d->pend_d.len = 0;
  if (gz_buf_append(&d->pend_d, d->d.data, d->d.len) < 0) {
    d->failed = 1;
  }
  snprintf(d->pend, sizeof d->pend, "%s", attrs);
}

static void fill_with(gz_svgdoc *d, cairo_t *cr, const char *fill) {
  char attrs[192];
  if (!build_path(d, cr)) {
    return;
  }
  snprintf(attrs, sizeof attrs, "%s%s", fill,
           cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD ? " fill-rule=\"evenodd\"" : "");
  pend_fill(d, attrs);
}

void gz_svgdoc_fill(gz_svgdoc *d, cairo_t *cr) {
  double c[4];
  char fill[96];
  if (!source_rgba(cr, c)) {
    return;
  }
  paint_attrs(fill, sizeof fill, "fill", c[0], c[1], c[2], c[3]);
  fill_with(d, cr, fill);
}

/* The scale of `cr`'s user space on the page (uniform scales only). */
static double ctm_scale(cairo_t *cr) {
  cairo_matrix_t mt;
  cairo_get_matrix(cr, &mt);
  return sqrt(fabs(mt.xx * mt.yy - mt.xy * mt.yx));
}

void gz_svgdoc_stroke(gz_svgdoc *d, cairo_t *cr) {
  static const char *const caps[] = {"", " stroke-linecap=\"round\"", " stroke-linecap=\"square\""};
  static const char *const joins[] = {"", " stroke-linejoin=\"round\"",
                                      " stroke-linejoin=\"bevel\""};
  double c[4], s = ctm_scale(cr), dash[8], off;
  char attrs[384], num[32], dashes[128] = "";
  int nd = cairo_get_dash_count(cr), i;
  size_t len;
  cairo_line_cap_t cap = cairo_get_line_cap(cr);
  cairo_line_join_t join = cairo_get_line_join(cr);

  if (!source_rgba(cr, c) || !build_path(d, cr)) {
    return;
  }
  paint_attrs(attrs, sizeof attrs, "stroke", c[0], c[1], c[2], c[3]);
  len = strlen(attrs);
  fmt_num(num, sizeof num, cairo_get_line_width(cr) * s, 2);
  len += (size_t)snprintf(attrs + len, sizeof attrs - len, " stroke-width=\"%s\"%s%s", num,
                          caps[cap <= 2 ? cap : 0], joins[join <= 2 ? join : 0]);
  if (nd > 0 && nd <= 8) {
    size_t dl = 0;
    cairo_get_dash(cr, dash, &off);
    for (i = 0; i < nd; i++) {
      fmt_num(num, sizeof num, dash[i] * s, 2);
      dl += (size_t)snprintf(dashes + dl, sizeof dashes - dl, "%s%s", i ? " " : "", num);
    }
    len += (size_t)snprintf(attrs + len, sizeof attrs - len, " stroke-dasharray=\"%s\"", dashes);
  }
  /* A stroke of the path just filled joins the fill's element. */
  if (d->pend[0] && d->pend_d.len == d->d.len && !memcmp(d->pend_d.data, d->d.data, d->d.len)) {
    char both[576];
    snprintf(both, sizeof both, "%s%s", d->pend, attrs);
    d->pend[0] = '\0';
    put(d, &d->body, "<path d=\"");
    if (gz_buf_append(&d->body, d->d.data, d->d.len) < 0) {
      d->failed = 1;
    }
    putf(d, &d->body, "\"%s/>\n", both);
    return;
  }
  flush(d);
  put(d, &d->body, "<path d=\"");
  if (gz_buf_append(&d->body, d->d.data, d->d.len) < 0) {
    d->failed = 1;
  }
  putf(d, &d->body, "\"%s/>\n", attrs);
}

void gz_svgdoc_paint(gz_svgdoc *d, cairo_t *cr) {
  double c[4], x0, y0, x1, y1;
  char fill[96], a[32], b[32], w[32], h[32];
  if (!source_rgba(cr, c)) {
    return;
  }
  cairo_save(cr);
  cairo_identity_matrix(cr);
  cairo_clip_extents(cr, &x0, &y0, &x1, &y1);
  cairo_restore(cr);
  flush(d);
  paint_attrs(fill, sizeof fill, "fill", c[0], c[1], c[2], c[3]);
  fmt_num(a, sizeof a, x0, 1), fmt_num(b, sizeof b, y0, 1);
  fmt_num(w, sizeof w, x1 - x0, 1), fmt_num(h, sizeof h, y1 - y0, 1);
  putf(d, &d->body, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"%s/>\n", a, b, w, h, fill);
}

/* ---- hatching ----------------------------------------------------------------- */

/* The index of hatching `h`, defined in <defs> when it is new; -1 when the
 * table is full. */
static int hatch_id(gz_svgdoc *d, const gz_svg_hatch *h) {
  char sp[32], lw[32], ang[32], attrs[96], y1[32], ox[32], oy[32];
  size_t i;
  for (i = 0; i < d->n_hatches; i++) {
    if (!memcmp(&d->hatches[i], h, sizeof *h)) {
      return (int)i;
    }
  }
  if (d->n_hatches == MAX_HATCHES) {
    return -1;
  }
  d->hatches[d->n_hatches] = *h;
  fmt_num(sp, sizeof sp, h->spacing, 2);
  fmt_num(lw, sizeof lw, h->width, 2);
  fmt_num(ang, sizeof ang, -h->angle, 2);
  fmt_num(y1, sizeof y1, h->spacing, 2);
  fmt_num(ox, sizeof ox, h->origin[0], 2);
  fmt_num(oy, sizeof oy, h->origin[1], 2);
  /* The tile's lines lie along its top and bottom edges, each half inside:
   * together they are whole lines through the page origin, as the raster
   * hatching (paint.c) draws them. */
  putf(d, &d->defs,
       "<pattern id=\"%shatch%zu\" patternUnits=\"userSpaceOnUse\" width=\"%s\" height=\"%s\" "
       "patternTransform=\"translate(%s %s) rotate(%s)\">",
       d->prefix, d->n_hatches, sp, sp, ox, oy, ang);
  if (h->tint[3] > 0) {
    paint_attrs(attrs, sizeof attrs, "fill", h->tint[0], h->tint[1], h->tint[2], h->tint[3]);
    putf(d, &d->defs, "<rect width=\"%s\" height=\"%s\"%s/>", sp, sp, attrs);
  }
  paint_attrs(attrs, sizeof attrs, "stroke", h->line[0], h->line[1], h->line[2], h->line[3]);
  putf(d, &d->defs, "<path d=\"M0 0H%sM0 %sH%s\"%s stroke-width=\"%s\"/></pattern>\n", sp, y1, sp,
       attrs, lw);
  return (int)d->n_hatches++;
}

void gz_svgdoc_fill_hatch(gz_svgdoc *d, cairo_t *cr, const gz_svg_hatch *h) {
  char fill[96];
  cairo_matrix_t mt;
  gz_svg_hatch page = *h;
  double s = ctm_scale(cr);
  int id;
  /* In page units, anchored where the user space's origin lies (the
   * raster hatching's lines go through it). */
  cairo_get_matrix(cr, &mt);
  page.spacing *= s, page.width *= s;
  page.origin[0] = mt.x0, page.origin[1] = mt.y0;
  id = hatch_id(d, &page);
  if (id < 0) {
    return;
  }
  snprintf(fill, sizeof fill, " fill=\"url(#%shatch%d)\"", d->prefix, id);
  fill_with(d, cr, fill);
}

/* ---- groups --------------------------------------------------------------------- */

static void run_close(gz_svgdoc *d) {
  flush(d);
  if (d->run[0]) {
    put(d, &d->body, "</g>\n");
    d->run[0] = '\0';
  }
}

void gz_svgdoc_run(gz_svgdoc *d, const char *cls) {
  if (d->run[0] && !strcmp(d->run, cls)) {
    return;
  }
  run_close(d);
  put(d, &d->body, "<g class=\"");
  put_escaped(d, &d->body, cls, strlen(cls));
  put(d, &d->body, "\">\n");
  snprintf(d->run, sizeof d->run, "%s", cls);
}

void gz_svgdoc_group_begin(gz_svgdoc *d, const char *id, const char *cls, const char *label) {
  run_close(d);
  put(d, &d->body, "<g");
  if (id) {
    put(d, &d->body, " id=\"");
    put(d, &d->body, d->prefix);
    put_escaped(d, &d->body, id, strlen(id));
    put(d, &d->body, "\"");
  }
  if (cls) {
    put(d, &d->body, " class=\"");
    put_escaped(d, &d->body, cls, strlen(cls));
    put(d, &d->body, "\"");
  }
  put(d, &d->body, ">\n");
  if (label) {
    put(d, &d->body, "<title>");
    put_escaped(d, &d->body, label, strlen(label));
    put(d, &d->body, "</title>\n");
  }
  d->depth++;
}

void gz_svgdoc_group_end(gz_svgdoc *d) {
  run_close(d);
  if (d->depth > 0) {
    put(d, &d->body, "</g>\n");
    d->depth--;
  }
}

void gz_svgdoc_clip_begin(gz_svgdoc *d, cairo_t *cr) {
  run_close(d);
  if (!build_path(d, cr)) {
    put(d, &d->body, "<g display=\"none\">\n");
    d->depth++;
    return;
  }
  putf(d, &d->defs, "<clipPath id=\"%sclip%zu\"><path d=\"", d->prefix, d->n_clips);
  if (gz_buf_append(&d->defs, d->d.data, d->d.len) < 0) {
    d->failed = 1;
  }
  putf(d, &d->defs, "\"%s/></clipPath>\n",
       cairo_get_fill_rule(cr) == CAIRO_FILL_RULE_EVEN_ODD ? " clip-rule=\"evenodd\"" : "");
  putf(d, &d->body, "<g clip-path=\"url(#%sclip%zu)\">\n", d->prefix, d->n_clips);
  d->n_clips++;
  d->depth++;
}

/* ---- text ------------------------------------------------------------------------- */

void gz_svgdoc_text_begin(gz_svgdoc *d, const cairo_matrix_t *m, const gz_svg_font *f) {
  double s = sqrt(fabs(m->xx * m->yy - m->xy * m->yx)), angle = atan2(m->yx, m->xx);
  char num[32], attrs[128];
  flush(d);
  put(d, &d->body, "<text");
  if (f->cls) {
    putf(d, &d->body, " class=\"%s\"", f->cls);
  }
  if (f->lang) {
    put(d, &d->body, " xml:lang=\"");
    put_escaped(d, &d->body, f->lang, strlen(f->lang));
    put(d, &d->body, "\"");
  }
  /* Unrotated text is placed in page units; rotated text (along a line)
   * in a frame turned about the layout's origin. */
  if (fabs(angle) > 1e-9) {
    char x[32], y[32];
    fmt_num(x, sizeof x, m->x0, 2), fmt_num(y, sizeof y, m->y0, 2);
    fmt_num(num, sizeof num, angle * 180 / M_PI, 2);
    putf(d, &d->body, " transform=\"translate(%s %s) rotate(%s)\"", x, y, num);
  }
  fmt_num(num, sizeof num, f->size * s, 2);
  putf(d, &d->body, " font-size=\"%s\"", num);
  if (f->bold) {
    put(d, &d->body, " font-weight=\"bold\"");
  }
  if (f->italic) {
    put(d, &d->body, " font-style=\"italic\"");
  }
  if (f->letter_spacing > 0) {
    fmt_num(num, sizeof num, f->letter_spacing, 2);
    putf(d, &d->body, " letter-spacing=\"%s\"", num);
  }
  paint_attrs(attrs, sizeof attrs, "fill", f->color[0], f->color[1], f->color[2], f->color[3]);
  put(d, &d->body, attrs);
  if (f->halo_width > 0 && f->halo[3] > 0) {
    paint_attrs(attrs, sizeof attrs, "stroke", f->halo[0], f->halo[1], f->halo[2], f->halo[3]);
    put(d, &d->body, attrs);
    fmt_num(num, sizeof num, 2 * f->halo_width, 2);
    putf(d, &d->body, " stroke-width=\"%s\" stroke-linejoin=\"round\" paint-order=\"stroke\"", num);
  }
  put(d, &d->body, ">");
  /* Spans convert layout units with this frame (text_span). */
  d->text_m = *m;
  d->text_s = s;
  d->text_rot = fabs(angle) > 1e-9;
}

void gz_svgdoc_text_span(gz_svgdoc *d, double x, double y, double width, const char *s, size_t n) {
  char px[32], py[32], pw[32];
  double X, Y;
  if (d->text_rot) {
    X = x * d->text_s, Y = y * d->text_s;
  } else {
    X = d->text_m.x0 + x * d->text_m.xx, Y = d->text_m.y0 + y * d->text_m.yy;
  }
  fmt_num(px, sizeof px, X, 1), fmt_num(py, sizeof py, Y, 1);
  putf(d, &d->body, "<tspan x=\"%s\" y=\"%s\"", px, py);
  /* The width Pango gave the line: a reader's font of other metrics (or
   * hinting) then stretches or narrows its spacing to the same box, and
   * the label keeps the place the label engine chose for it. */
  if (width > 0) {
    fmt_num(pw, sizeof pw, width * d->text_s, 1);
    putf(d, &d->body, " textLength=\"%s\"", pw);
  }
  put(d, &d->body, ">");
  put_escaped(d, &d->body, s, n);
  put(d, &d->body, "</tspan>");
}

void gz_svgdoc_text_end(gz_svgdoc *d) {
  put(d, &d->body, "</text>\n");
}

/* ---- the document ------------------------------------------------------------------ */

int gz_svgdoc_finish(gz_svgdoc *d, int width, int height, const char *title, const char *desc,
                     const char *lang, const char *font_family, unsigned char **out,
                     size_t *out_len) {
  gz_buf b = {0};
  run_close(d);
  if (d->depth != 0) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "SVG: %d groups left open", d->depth);
  }
  putf(d, &b,
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
       "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%stitle %sdesc\" lang=\"",
       width, height, width, height, d->prefix, d->prefix);
  put_escaped(d, &b, lang, strlen(lang));
  put(d, &b, "\" xml:lang=\"");
  put_escaped(d, &b, lang, strlen(lang));
  put(d, &b, "\" font-family=\"");
  put_escaped(d, &b, font_family, strlen(font_family));
  /* cairo's miter limit is 10 where SVG's is 4; nothing is filled unless
   * it says so. */
  put(d, &b, "\" fill=\"none\" stroke-miterlimit=\"10\">\n");
  putf(d, &b, "<title id=\"%stitle\">", d->prefix);
  put_escaped(d, &b, title, strlen(title));
  putf(d, &b, "</title>\n<desc id=\"%sdesc\">", d->prefix);
  put_escaped(d, &b, desc, strlen(desc));
  put(d, &b, "</desc>\n<defs>\n");
  if (gz_buf_append(&b, d->defs.data, d->defs.len) < 0 ||
      (put(d, &b, "</defs>\n"), gz_buf_append(&b, d->body.data, d->body.len)) < 0) {
    d->failed = 1;
  }
  put(d, &b, "</svg>\n");
  if (d->failed || b.failed) {
    free(b.data);
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  *out = b.data;
  *out_len = b.len;
  return 0;
}
