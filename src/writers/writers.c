/* The table of output formats, and what every writer shares: cleaning up a
 * target, and cairo's stream surfaces writing into a buffer. */
#define _GNU_SOURCE
#include "writers/writer.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One line per format; gazmap_format_parse, the extension guessing and
 * the messages that list the formats follow this table. */
static const gz_writer *const writers[] = {
    &gz_png_writer,
    &gz_svg_writer,
    &gz_pdf_writer,
};

enum { N_WRITERS = sizeof writers / sizeof writers[0] };

gazmap_format gazmap_format_parse(const char *word) {
  const gz_writer *w = gz_writer_named(word);
  return w ? w->format : GAZMAP_FORMAT_AUTO;
}

const gz_writer *gz_writer_of(gazmap_format format) {
  size_t i;
  for (i = 0; i < N_WRITERS; i++) {
    if (writers[i]->format == format) {
      return writers[i];
    }
  }
  return NULL;
}

const gz_writer *gz_writer_named(const char *name) {
  size_t i;
  for (i = 0; name && i < N_WRITERS; i++) {
    if (!strcasecmp(name, writers[i]->name)) {
      return writers[i];
    }
  }
  return NULL;
}

const gz_writer *gz_writer_for_path(const char *path) {
  const char *dot = path ? strrchr(path, '.') : NULL;
  size_t i;
  for (i = 0; dot && i < N_WRITERS; i++) {
    if (!strcasecmp(dot, writers[i]->extension)) {
      return writers[i];
    }
  }
  return NULL;
}

void gz_writer_list(char *buf, size_t cap, int extensions) {
  size_t i, n = 0;
  if (cap == 0) {
    return;
  }
  buf[0] = '\0';
  for (i = 0; i < N_WRITERS && n < cap; i++) {
    const char *sep = i == 0 ? "" : i + 1 == N_WRITERS ? " or " : ", ";
    int k = snprintf(buf + n, cap - n, "%s%s", sep,
                     extensions ? writers[i]->extension : writers[i]->name);
    n += k > 0 ? (size_t)k : 0;
  }
}

void gz_target_free(gz_target *t) {
  if (t->surface) {
    cairo_surface_destroy(t->surface);
  }
  gz_pages_free(t->pixels, t->pixels_len);
  free(t->stream.data);
  gz_svgdoc_free(t->doc);
  memset(t, 0, sizeof *t);
}

cairo_status_t gz_target_write(void *target, const unsigned char *data, unsigned int length) {
  gz_target *t = target;
  return gz_buf_append(&t->stream, data, length) == 0 ? CAIRO_STATUS_SUCCESS
                                                      : CAIRO_STATUS_NO_MEMORY;
}

int gz_target_finish_stream(gz_target *t) {
  cairo_surface_finish(t->surface);
  if (cairo_surface_status(t->surface) != CAIRO_STATUS_SUCCESS || t->stream.failed) {
    return gz_fail(t->stream.failed ? GAZMAP_ENOMEM : GAZMAP_ERENDER, NULL, 0, "cairo: %s",
                   cairo_status_to_string(cairo_surface_status(t->surface)));
  }
  return 0;
}
