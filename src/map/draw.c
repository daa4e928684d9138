/* Painting one map with cairo: the layers' paint steps in depth order over
 * the registry, their labels, then the pieces of the page around the map
 * (furniture.c) and the frame.  What each layer looks like is its own file's
 * business (src/map/layers/); every colour and size comes from the style
 * table. */
#define _GNU_SOURCE
#include "map/render_internal.h"

#include "gazmap/error.h"

#include "map/furniture.h"
#include "map/overlay_internal.h"
#include "map/paint.h"
#include "util/error.h"
#include "util/pages.h"
#include "writers/svgdoc.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- layers ----------------------------------------------------------------- */

/* Every paint step of every shown layer, in increasing z; steps of equal z
 * keep registry order. */
static void paint_layers(gz_map *m) {
  struct step {
    const gz_paint_step *step;
    const gz_map_layer *ml;
  } steps[2 * GZ_LAYERS_MAX];
  size_t i, j, n = 0, p;
  /* Where no country polygon lies, the map shows "no data". */
  gz_set_rgba(m->cr, m->st->nodata);
  gz_paint(m->cr);
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_map_layer *ml = &m->layer[i];
    for (p = 0; ml->data && p < 2 && ml->def->paint[p].fn; p++) {
      struct step st = {&ml->def->paint[p], ml};
      for (j = n; j > 0 && steps[j - 1].step->z > st.step->z; j--) {
        steps[j] = steps[j - 1];
      }
      steps[j] = st;
      n++;
    }
  }
  for (i = 0; i < n; i++) {
    /* In the SVG document each step is a group a page can restyle or hide:
     * id "<prefix>layer-countries" ("-2" for a layer's second step), class
     * "layer countries". */
    const char *name = steps[i].ml->def->name;
    char id[64], cls[64];
    int second = steps[i].step != &steps[i].ml->def->paint[0];
    snprintf(id, sizeof id, "layer-%s%s", name, second ? "-2" : "");
    snprintf(cls, sizeof cls, "layer %s", name);
    gz_group_begin(m->cr, id, cls);
    steps[i].step->fn(m, steps[i].ml);
    gz_group_end(m->cr);
  }
  gz_overlays_paint(m); /* the user's data, over the layers */
}

/* ---- labels ----------------------------------------------------------------- */

/* Every shown layer offers its labels, in registry order (which breaks ties
 * of priority), then the labeler places and draws them. */
static int draw_labels(gz_map *m) {
  gz_labeler *lab = NULL;
  double *map = m->lay.map;
  size_t i;
  int rc;

  if ((rc = gz_labeler_new(&lab, m->typo, m->st, m->lay.k, map[0] + 2, map[1] + 2,
                           map[0] + map[2] - 2, map[1] + map[3] - 2)) < 0) {
    return rc;
  }
  /* An SVG marks each label with its language (feature_label.c). */
  if (gz_svgdoc_of(m->cr)) {
    if (!(m->label_langs = gz_label_langs_new())) {
      gz_labeler_free(lab);
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    gz_labeler_set_lang(lab, gz_label_lang_of, m);
  }
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_map_layer *ml = &m->layer[i];
    if (ml->data && ml->def->label.fn &&
        (rc = ml->def->label.fn(m, ml, lab, &ml->def->label)) < 0) {
      goto done;
    }
  }
  if ((rc = gz_overlays_label(m, lab)) < 0) {
    goto done;
  }
  gz_group_begin(m->cr, "labels", "labels");
  rc = gz_labeler_run(lab, m->cr);
  gz_typo_set_lang(m->typo, NULL);
  gz_group_end(m->cr);
done:
  gz_labeler_free(lab);
  gz_label_langs_free(m->label_langs);
  m->label_langs = NULL;
  return rc;
}

/* ---- the whole map ----------------------------------------------------------- */

/* Clips to the map frame; on an SVG until gz_clip_end. */
static void clip_map(gz_map *m) {
  cairo_new_path(m->cr);
  cairo_rectangle(m->cr, m->lay.map[0], m->lay.map[1], m->lay.map[2], m->lay.map[3]);
  gz_clip(m->cr);
}

/* ---- the page around the map ----------------------------------------------- */

/* The page outside the map frame is drawn as parts that each keep to a
 * rectangle of their own, disjoint from each other and from the map frame:
 * two threads may then draw any of them at the same time, onto the same
 * pixels, and the page comes out the same whichever draws which.  The frame
 * and the graticule ticks, which straddle these bounds, come after. */
typedef enum page_piece {
  PIECE_TITLES,  /* title and subtitle */
  PIECE_INSET,   /* locator inset and its caption */
  PIECE_LEGEND,  /* legend, scale bar, north arrow */
  PIECE_CREDITS, /* the sources line */
  PIECE_COUNT = GZ_PIECE_COUNT
} page_piece;

static double inset_height(const gz_map *m) {
  return fmin(m->st->inset_height * m->lay.k, m->lay.col_w * 0.75);
}

/* The rectangle (x, y, w, h) a piece keeps to. */
static void piece_rect(const gz_map *m, page_piece piece, double r[4]) {
  const double *map = m->lay.map, *pan = m->lay.panel;
  double k = m->lay.k, W = m->lay.W, H = m->lay.H;
  /* The title band ends a little above the map frame, so that the inset
   * frame's stroke, at the frame's height, stays whole; the panel starts
   * halfway across the gap beside the map. */
  double top = map[1] - 6 * k, px = (map[0] + map[2] + pan[0]) / 2;
  double legend_top = pan[1] + inset_height(m) + 20 * k, credits_top = m->lay.credits[1];
  if (m->lay.below) {
    /* The inset's column and the legend's band overlap (the legend's first
     * column continues under the inset), so such a page draws its pieces
     * in one thread. */
    double band = pan[1] - 6 * k, col = pan[0] + m->lay.col_w + m->lay.col_gap / 2;
    if (piece == PIECE_INSET) {
      r[0] = 0, r[1] = band, r[2] = col, r[3] = legend_top - band;
      return;
    }
    if (piece == PIECE_LEGEND) {
      r[0] = 0, r[1] = band, r[2] = W, r[3] = credits_top - band;
      return;
    }
  }
  switch (piece) {
  case PIECE_TITLES:
    r[0] = 0, r[1] = 0, r[2] = W, r[3] = top;
    break;
  case PIECE_INSET:
    r[0] = px, r[1] = top, r[2] = W - px, r[3] = legend_top - top;
    break;
  case PIECE_LEGEND:
    r[0] = px, r[1] = legend_top, r[2] = W - px, r[3] = credits_top - legend_top;
    break;
  default:
    r[0] = 0, r[1] = credits_top, r[2] = W, r[3] = H - credits_top;
    break;
  }
}

static void gz_piece_rects(const gz_map *m, double r[GZ_PIECE_COUNT][4]) {
  int piece;
  for (piece = 0; piece < PIECE_COUNT; piece++) {
    piece_rect(m, (page_piece)piece, r[piece]);
  }
}

/* Area shared by two rectangles x, y, w, h (negative sizes: empty). */
static double overlap(const double *a, const double *b) {
  double w = fmin(a[0] + fmax(a[2], 0), b[0] + fmax(b[2], 0)) - fmax(a[0], b[0]);
  double h = fmin(a[1] + fmax(a[3], 0), b[1] + fmax(b[3], 0)) - fmax(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

int gz_pieces_disjoint(const gz_map *m) {
  double r[GZ_PIECE_COUNT + 1][4];
  int i, j;
  gz_piece_rects(m, r);
  memcpy(r[GZ_PIECE_COUNT], m->lay.map, sizeof r[GZ_PIECE_COUNT]);
  for (i = 0; i <= GZ_PIECE_COUNT; i++) {
    for (j = i + 1; j <= GZ_PIECE_COUNT; j++) {
      if (overlap(r[i], r[j]) > 0) {
        return 0;
      }
    }
  }
  return 1;
}

static void draw_piece(gz_map *m, page_piece piece) {
  static const char *const names[PIECE_COUNT] = {"titles", "inset", "legend", "credits"};
  cairo_t *cr = m->cr;
  double r[4];
  piece_rect(m, piece, r);
  gz_group_begin(cr, names[piece], names[piece]);
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, r[0], r[1], fmax(r[2], 0), fmax(r[3], 0));
  gz_clip(cr);
  switch (piece) {
  case PIECE_TITLES:
    gz_furniture_titles(m);
    break;
  case PIECE_INSET:
    gz_furniture_inset(m, inset_height(m));
    break;
  case PIECE_LEGEND:
    gz_furniture_legend(m, inset_height(m));
    break;
  default:
    gz_furniture_credits(m);
    break;
  }
  gz_clip_end(cr);
  cairo_restore(cr);
  gz_group_end(cr);
}

static void draw_pieces(gz_map *m) {
  int piece;
  for (piece = 0; piece < PIECE_COUNT; piece++) {
    draw_piece(m, (page_piece)piece);
  }
}

/* ---- passes ---------------------------------------------------------------- */

typedef int (*draw_pass)(gz_map *m, void *arg);

/* Runs one drawing pass onto `surface` through a cairo context of its own
 * and, when the pass draws `text`, a typographer of its own (Pango objects
 * belong to the thread that made them), and checks cairo's status after
 * it.  0 or a negative status. */
static int run_pass(gz_map *m, cairo_surface_t *surface, draw_pass pass, void *arg, int text) {
  cairo_t *cr;
  int rc = 0;
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo cannot create the surface: %s",
                   cairo_status_to_string(cairo_surface_status(surface)));
  }
  cr = cairo_create(surface);
  m->cr = cr;
  m->typo = NULL;
  if (!text || (rc = gz_typo_new(&m->typo, cr, m->st, m->lay.k)) == 0) {
    rc = pass(m, arg);
  }
  if (rc == 0 && cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    rc = gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo: %s", cairo_status_to_string(cairo_status(cr)));
  }
  gz_typo_free(m->typo);
  m->typo = NULL;
  m->cr = NULL;
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  return rc;
}

static int layers_pass(gz_map *m, void *unused) {
  (void)unused;
  clip_map(m);
  paint_layers(m);
  return 0;
}

static int labels_pass(gz_map *m, void *unused) {
  (void)unused;
  clip_map(m);
  return draw_labels(m);
}

/* ---- labels on an overlay ---------------------------------------------------- */

/* On an image the labels are drawn onto a transparent overlay of the map
 * frame, which is then composited over the layers where the labels would
 * have been drawn: placing and drawing them (Pango layout, halos) needs
 * nothing from the layers' pixels, so the layers can be painted meanwhile
 * by another thread (below).  With or without that thread the labels go
 * through the overlay, so the pixels do not depend on the threads. */
typedef struct label_overlay {
  cairo_surface_t *surface;
  unsigned char *pixels;
  size_t pixels_len;
} label_overlay;

static void overlay_free(label_overlay *o) {
  if (o->surface) {
    cairo_surface_destroy(o->surface);
  }
  gz_pages_free(o->pixels, o->pixels_len);
}

/* 0, or -1 when the page is no image or there is no memory for the
 * overlay (the caller then draws the labels straight onto the page). */
static int overlay_new(gz_map *m, label_overlay *o) {
  cairo_surface_t *target = cairo_get_target(m->cr);
  const double *map = m->lay.map;
  int x0 = (int)floor(map[0]), y0 = (int)floor(map[1]);
  int w = (int)ceil(map[0] + map[2]) - x0, h = (int)ceil(map[1] + map[3]) - y0;
  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);

  memset(o, 0, sizeof *o);
  if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE || w <= 0 || h <= 0 ||
      stride <= 0) {
    return -1;
  }
  o->pixels_len = (size_t)stride * (size_t)h;
  /* Memory mapped up front: faulting in 4 MiB page by page costs more than
   * the labels. */
  if (!(o->pixels = gz_pages_alloc(o->pixels_len))) {
    return -1;
  }
  o->surface = cairo_image_surface_create_for_data(o->pixels, CAIRO_FORMAT_ARGB32, w, h, stride);
  if (cairo_surface_status(o->surface) != CAIRO_STATUS_SUCCESS) {
    overlay_free(o);
    return -1;
  }
  /* Page coordinates stay those of the whole page. */
  cairo_surface_set_device_offset(o->surface, -x0, -y0);
  return 0;
}

/* Places and draws the labels onto the overlay, through a cairo context and
 * typographer of their own. */
static int overlay_draw(gz_map *m, label_overlay *o) {
  gz_map lm = *m;
  int rc = run_pass(&lm, o->surface, labels_pass, NULL, 1);
  /* The area labels' cache (area_fit.c) was made in the copy; the map
   * frees it. */
  m->area_cache = lm.area_cache;
  return rc;
}

static void overlay_composite(gz_map *m, label_overlay *o) {
  cairo_save(m->cr);
  clip_map(m);
  cairo_set_source_surface(m->cr, o->surface, 0, 0);
  cairo_paint(m->cr);
  cairo_restore(m->cr);
}

/* ---- the layers in a second thread ------------------------------------------- */

/* On an image, with m->threads > 1, a second thread paints the layers
 * inside the map frame while this one draws the labels onto their overlay
 * and then the pieces around the map.  The work splits about evenly (by
 * callgrind on the default map: 129 M instructions for the layers, 121 M
 * for labels and pieces), and the second thread draws no text: Pango's
 * objects, font sets and caches stay in this thread alone, where a label
 * thread had to build its own (3 ms of CPU).  The thread paints through a
 * cairo context and a surface object of its own over the page's pixels
 * (cairo surfaces are not shared between threads, their pixels may be,
 * region by region): it keeps to the map frame, the pieces keep out of it
 * (gz_pieces_disjoint), and the overlay is composited after the join. */
typedef struct layers_job {
  gz_map m;
  cairo_surface_t *page;
  pthread_t thread;
  int rc;
  char message[512]; /* a failure, copied out of the thread's error state */
  char file[256];
  unsigned long line;
} layers_job;

static void *layers_run(void *arg) {
  layers_job *j = arg;
  j->rc = run_pass(&j->m, j->page, layers_pass, NULL, 0);
  if (j->rc < 0) {
    const gazmap_error *e = gazmap_error_last();
    snprintf(j->message, sizeof j->message, "%s", e->message ? e->message : "");
    snprintf(j->file, sizeof j->file, "%s", e->file ? e->file : "");
    j->line = e->line;
  }
  return NULL;
}

/* Starts the layers thread when m->threads allows one; 0, or -1 when it
 * does not start (the caller then paints the layers itself). */
static int layers_start(gz_map *m, layers_job *j) {
  cairo_surface_t *target = cairo_get_target(m->cr);
  double dx, dy;

  memset(j, 0, sizeof *j);
  j->m = *m;
  if (m->threads < 2 || cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE ||
      !gz_pieces_disjoint(m)) {
    return -1;
  }
  j->page = cairo_image_surface_create_for_data(
      cairo_image_surface_get_data(target), cairo_image_surface_get_format(target),
      cairo_image_surface_get_width(target), cairo_image_surface_get_height(target),
      cairo_image_surface_get_stride(target));
  cairo_surface_get_device_offset(target, &dx, &dy);
  cairo_surface_set_device_offset(j->page, dx, dy);
  if (cairo_surface_status(j->page) != CAIRO_STATUS_SUCCESS ||
      pthread_create(&j->thread, NULL, layers_run, j) != 0) {
    cairo_surface_destroy(j->page);
    return -1;
  }
  return 0;
}

/* Waits for the layers thread; 0 or its failure. */
static int layers_finish(gz_map *m, layers_job *j) {
  int rc;
  pthread_join(j->thread, NULL);
  cairo_surface_destroy(j->page);
  rc = j->rc;
  if (rc < 0) {
    return gz_fail(rc, j->file[0] ? j->file : NULL, j->line, "%s", j->message);
  }
  /* The thread changed the page's pixels behind this surface's back. */
  cairo_surface_mark_dirty(cairo_get_target(m->cr));
  return 0;
}

static int paint_map(gz_map *m, void *unused) {
  cairo_t *cr = m->cr;
  const gz_style *st = m->st;
  const double *map = m->lay.map;
  double k = m->lay.k;
  int rc = 0, on_overlay, threaded, lrc;
  label_overlay overlay;
  layers_job layers;

  (void)unused;
  gz_set_rgba(cr, st->paper);
  gz_paint(cr);
  cairo_surface_flush(cairo_get_target(cr));
  on_overlay = m->label_overlay && overlay_new(m, &overlay) == 0;
  threaded = on_overlay && layers_start(m, &layers) == 0;
  if (!threaded) {
    cairo_save(cr);
    gz_group_begin(cr, "map", "map");
    clip_map(m);
    paint_layers(m);
    rc = on_overlay ? 0 : draw_labels(m);
    gz_clip_end(cr);
    gz_group_end(cr);
    cairo_restore(cr);
  }
  if (on_overlay) {
    rc = overlay_draw(m, &overlay);
  }
  draw_pieces(m);
  if (threaded) {
    lrc = layers_finish(m, &layers); /* joined whatever happened here */
    rc = rc < 0 ? rc : lrc;
  }
  if (on_overlay) {
    if (rc == 0) {
      overlay_composite(m, &overlay);
    }
    overlay_free(&overlay);
  }
  if (rc < 0) {
    return rc;
  }
  /* The frame goes over the labels' halos. */
  gz_group_begin(cr, "frame", "frame");
  cairo_new_path(cr);
  cairo_rectangle(cr, map[0], map[1], map[2], map[3]);
  gz_set_stroke(cr, &st->frame, k);
  gz_stroke_path(cr);
  gz_furniture_ticks(m);
  gz_group_end(cr);
  return 0;
}

int gz_draw_map(gz_map *m, cairo_surface_t *surface) {
  return run_pass(m, surface, paint_map, NULL, 1);
}
