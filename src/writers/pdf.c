/* The PDF writer: one page from cairo's PDF surface, with fixed metadata so
 * that the same map gives the same bytes from run to run. */
#include "writers/writer.h"

#include <cairo-pdf.h>

/* cairo would stamp the current time as the creation date; the map shows
 * the situation as of November 2021, and its date is the file's. */
static const char pdf_create_date[] = "2021-11-08T00:00:00Z";

static int pdf_surface_new(gz_target *t, const gz_page_info *page) {
  t->surface = cairo_pdf_surface_create_for_stream(gz_target_write, t, page->width, page->height);
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATE_DATE, pdf_create_date);
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_TITLE, page->title);
  cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATOR, "gazmap");
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
