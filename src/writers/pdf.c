/* The PDF writer: one page from cairo's PDF surface, with fixed metadata so
 * that the same map gives the same bytes from run to run.  On paper
 * (--paper) the page is the sheet and the map, drawn at the size inside the
 * margins, is centred on it. */
#include "writers/writer.h"

#include <cairo-pdf.h>

/* cairo would stamp the current time as the creation date; the map shows
 * the situation as of November 2021, and its date is the file's. */
static const char pdf_create_date[] = "2021-11-08T00:00:00Z";

static int pdf_surface_new(gz_target *t, const gz_page_info *page) {
  int paper = page->paper_w > 0 && page->paper_h > 0;
  double w = paper ? page->paper_w : page->width, h = paper ? page->paper_h : page->height;
  t->surface = cairo_pdf_surface_create_for_stream(gz_target_write, t, w, h);
  if (paper) {
    cairo_surface_set_device_offset(t->surface, (w - page->width) / 2, (h - page->height) / 2);
  }
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATE_DATE, pdf_create_date);
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_TITLE, page->title);
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATOR, "gazmap");
  if (page->author) {
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_AUTHOR, page->author);
  }
  return 0;
}

static int pdf_finish(gz_target *t, const gz_page_info *page, unsigned char **out,
                      size_t *out_len) {
  int rc;
  (void)page;
  if ((rc = gz_target_finish_stream(t)) < 0) {
    return rc;
  }
  *out = t->stream.data;
  *out_len = t->stream.len;
  t->stream.data = NULL;
  t->stream.len = t->stream.cap = 0;
  return 0;
}

const gz_writer gz_pdf_writer = {GAZMAP_FORMAT_PDF, "pdf", ".pdf", 0, pdf_surface_new, pdf_finish};

/* ---- paper ------------------------------------------------------------------ */

/* ISO 216 sizes are in millimetres, US Letter in inches; both in points
 * here (1 pt = 1/72 in = 25.4/72 mm). */
static const struct {
  const char *name;
  double w_mm, h_mm;
} papers[] = {
    [GAZMAP_PAPER_A4] = {"a4", 210, 297},
    [GAZMAP_PAPER_A3] = {"a3", 297, 420},
    [GAZMAP_PAPER_LETTER] = {"letter", 215.9, 279.4},
};

int gazmap_paper_parse(const char *word) {
  int i;
  for (i = GAZMAP_PAPER_A4; word && i <= GAZMAP_PAPER_LETTER; i++) {
    const char *a = papers[i].name, *b = word;
    while (*a && (*b | 32) == *a) {
      a++, b++;
    }
    if (!*a && !*b) {
      return i;
    }
  }
  return GAZMAP_PAPER_NONE;
}

int gz_paper_points(int paper, int landscape, double *w, double *h) {
  double pw, ph;
  if (paper < GAZMAP_PAPER_A4 || paper > GAZMAP_PAPER_LETTER) {
    return -1;
  }
  pw = papers[paper].w_mm * 72 / 25.4;
  ph = papers[paper].h_mm * 72 / 25.4;
  *w = landscape ? ph : pw;
  *h = landscape ? pw : ph;
  return 0;
}
