/* Painting one map with cairo: the layers' paint steps in depth order over
 * the registry, their labels, then the pieces of the page around the map
 * (furniture.c) and the frame.  What each layer looks like is its own file's
 * business (src/map/layers/); every colour and size comes from the style
 * table. */
#define _GNU_SOURCE
#include "map/render_internal.h"

#include "gazmap/error.h"

#include "map/furniture.h"
#include "map/paint.h"
#include "util/error.h"
#include "util/pages.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
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
    steps[i].step->fn(m, steps[i].ml);
  }
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
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    const gz_map_layer *ml = &m->layer[i];
    if (ml->data && ml->def->label.fn &&
        (rc = ml->def->label.fn(m, ml, lab, &ml->def->label)) < 0) {
      goto done;
    }
  }
  rc = gz_labeler_run(lab, m->cr);
done:
  gz_labeler_free(lab);
  return rc;
}

/* ---- the whole map ----------------------------------------------------------- */

static void clip_map(gz_map *m) {
  cairo_new_path(m->cr);
  cairo_rectangle(m->cr, m->lay.map[0], m->lay.map[1], m->lay.map[2], m->lay.map[3]);
  cairo_clip(m->cr);
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
  return fmin(m->st->inset_height * m->lay.k, m->lay.panel[2] * 0.75);
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

void gz_piece_rects(const gz_map *m, double r[GZ_PIECE_COUNT][4]) {
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
  cairo_t *cr = m->cr;
  double r[4];
  piece_rect(m, piece, r);
  cairo_save(cr);
  cairo_new_path(cr);
  cairo_rectangle(cr, r[0], r[1], fmax(r[2], 0), fmax(r[3], 0));
  cairo_clip(cr);
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
  cairo_restore(cr);
}

/* Draws pieces as long as any is left; `next` is shared by the threads. */
static void draw_pieces(gz_map *m, atomic_int *next) {
  int piece;
  while ((piece = atomic_fetch_add(next, 1)) < PIECE_COUNT) {
    draw_piece(m, (page_piece)piece);
  }
}

/* ---- passes ---------------------------------------------------------------- */

typedef int (*draw_pass)(gz_map *m, void *arg);

/* Runs one drawing pass onto `surface` through a cairo context and a
 * typographer of its own (Pango objects belong to the thread that made
 * them), and checks cairo's status after it.  0 or a negative status. */
static int run_pass(gz_map *m, cairo_surface_t *surface, draw_pass pass, void *arg) {
  cairo_t *cr;
  int rc;
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return gz_fail(GAZMAP_ERENDER, NULL, 0, "cairo cannot create the surface: %s",
                   cairo_status_to_string(cairo_surface_status(surface)));
  }
  cr = cairo_create(surface);
  m->cr = cr;
  m->typo = NULL;
  if ((rc = gz_typo_new(&m->typo, cr, m->st, m->lay.k)) == 0) {
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

static int labels_pass(gz_map *m, void *unused) {
  (void)unused;
  clip_map(m);
  return draw_labels(m);
}

static int pieces_pass(gz_map *m, void *next) {
  draw_pieces(m, next);
  return 0;
}

/* ---- labels in a second thread ------------------------------------------- */

/* On an image, placing and drawing the labels (Pango layout, halos) costs
 * about as much as painting the layers beneath them, and needs nothing from
 * those pixels: a second thread draws them onto a transparent overlay of the
 * map frame while this one paints the layers, and the overlay is then
 * composited where the labels would have been drawn.  Then it takes its
 * share of the pieces around the map.  The thread has its own cairo
 * context, typographer (Pango objects belong to one thread) and projection
 * (so do PROJ's). */
typedef struct labels_job {
  gz_map m;
  cairo_surface_t *overlay;
  cairo_surface_t *page; /* the page's pixels, for pieces around the map */
  atomic_int next_piece; /* shared with the main thread: see draw_pieces */
  int share_pieces;      /* gz_pieces_disjoint: the thread may take some */
  unsigned char *pixels;
  size_t pixels_len;
  pthread_t thread;
  int rc;
  char message[512]; /* a failure, copied out of the thread's error state */
  char file[256];
  unsigned long line;
} labels_job;

static void *labels_run(void *arg) {
  labels_job *j = arg;
  j->rc = run_pass(&j->m, j->overlay, labels_pass, NULL);
  if (j->rc == 0 && j->share_pieces) {
    /* Then whatever pieces of the page around the map are left, straight
     * onto the page: each keeps to pixels nobody else draws on. */
    j->rc = run_pass(&j->m, j->page, pieces_pass, &j->next_piece);
  }
  if (j->rc < 0) {
    const gazmap_error *e = gazmap_error_last();
    snprintf(j->message, sizeof j->message, "%s", e->message ? e->message : "");
    snprintf(j->file, sizeof j->file, "%s", e->file ? e->file : "");
    j->line = e->line;
  }
  return NULL;
}

static void labels_job_free(labels_job *j) {
  if (j->overlay) {
    cairo_surface_destroy(j->overlay);
  }
  if (j->page) {
    cairo_surface_destroy(j->page);
  }
  gz_pages_free(j->pixels, j->pixels_len);
  gz_proj_free(j->m.proj);
}

/* Starts the label thread; 0, or -1 when it cannot start (the caller then
 * draws the labels itself). */
static int labels_start(gz_map *m, labels_job *j) {
  cairo_surface_t *target = cairo_get_target(m->cr);
  const double *map = m->lay.map;
  double dx, dy;
  int x0 = (int)floor(map[0]), y0 = (int)floor(map[1]);
  int w = (int)ceil(map[0] + map[2]) - x0, h = (int)ceil(map[1] + map[3]) - y0;
  int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);

  memset(j, 0, sizeof *j);
  atomic_init(&j->next_piece, 0);
  j->share_pieces = gz_pieces_disjoint(m);
  j->m = *m;
  j->m.proj = NULL;
  if (cairo_surface_get_type(target) != CAIRO_SURFACE_TYPE_IMAGE) {
    return -1;
  }
  j->pixels_len = (size_t)stride * (size_t)h;
  /* Memory mapped up front: faulting in 4 MiB page by page costs more than
   * the labels. */
  if (w <= 0 || h <= 0 || stride <= 0 || !(j->pixels = gz_pages_alloc(j->pixels_len)) ||
      gz_proj_clone(m->proj, &j->m.proj) < 0) {
    goto fail;
  }
  j->overlay = cairo_image_surface_create_for_data(j->pixels, CAIRO_FORMAT_ARGB32, w, h, stride);
  if (cairo_surface_status(j->overlay) != CAIRO_STATUS_SUCCESS) {
    goto fail;
  }
  /* Page coordinates stay those of the whole page. */
  cairo_surface_set_device_offset(j->overlay, -x0, -y0);
  /* A surface object of its own over the same pixels: cairo surfaces are
   * not shared between threads, their pixels may be, region by region. */
  j->page = cairo_image_surface_create_for_data(
      cairo_image_surface_get_data(target), cairo_image_surface_get_format(target),
      cairo_image_surface_get_width(target), cairo_image_surface_get_height(target),
      cairo_image_surface_get_stride(target));
  if (cairo_surface_status(j->page) != CAIRO_STATUS_SUCCESS) {
    goto fail;
  }
  cairo_surface_get_device_offset(target, &dx, &dy);
  cairo_surface_set_device_offset(j->page, dx, dy);
  if (pthread_create(&j->thread, NULL, labels_run, j) != 0) {
    goto fail;
  }
  return 0;
fail:
  labels_job_free(j);
  gazmap_error_clear();
  return -1;
}

/* Waits for the label thread and composites its overlay onto the map. */
static int labels_finish(gz_map *m, labels_job *j) {
  int rc;
  pthread_join(j->thread, NULL);
  rc = j->rc;
  if (rc < 0) {
    rc = gz_fail(rc, j->file[0] ? j->file : NULL, j->line, "%s", j->message);
  } else {
    /* The pieces the thread drew changed the page's pixels behind its back. */
    cairo_surface_mark_dirty(cairo_get_target(m->cr));
    cairo_set_source_surface(m->cr, j->overlay, 0, 0);
    cairo_paint(m->cr);
  }
  labels_job_free(j);
  return rc;
}

static int paint_map(gz_map *m, void *unused) {
  cairo_t *cr = m->cr;
  const gz_style *st = m->st;
  const double *map = m->lay.map;
  double k = m->lay.k;
  int rc, labels_parallel;
  labels_job labels;

  (void)unused;
  gz_set_rgba(cr, st->paper);
  cairo_paint(cr);
  cairo_surface_flush(cairo_get_target(cr));
  labels_parallel = m->parallel_labels && labels_start(m, &labels) == 0;
  cairo_save(cr);
  clip_map(m);
  gz_set_rgba(cr, st->nodata);
  cairo_paint(cr);
  paint_layers(m);
  rc = labels_parallel ? 0 : draw_labels(m);
  cairo_restore(cr);

  /* The pieces around the map: shared with the label thread, which takes
   * what is left when it is done with the labels. */
  if (labels_parallel) {
    draw_pieces(m, &labels.next_piece);
    cairo_save(cr);
    clip_map(m);
    rc = labels_finish(m, &labels);
    cairo_restore(cr);
  } else {
    atomic_int next;
    atomic_init(&next, 0);
    draw_pieces(m, &next);
  }
  if (rc < 0) {
    return rc;
  }
  /* The frame goes over the labels' halos. */
  cairo_new_path(cr);
  cairo_rectangle(cr, map[0], map[1], map[2], map[3]);
  gz_set_stroke(cr, &st->frame, k);
  cairo_stroke(cr);
  gz_furniture_ticks(m);
  return 0;
}

int gz_draw_map(gz_map *m, cairo_surface_t *surface) {
  return run_pass(m, surface, paint_map, NULL);
}
