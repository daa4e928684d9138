/* The writer table and the `threads` render option: formats are found by
 * name and by extension from one table, and the messages list what it
 * holds; the library starts a thread only when `threads` allows one, for an
 * image only, and the bytes do not depend on it; options of version 1 are
 * still accepted. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include "testutil.h"
#include "writers/writer.h"

#include <check.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- counting the threads the library starts ------------------------------- */

/* The library is linked statically into this program, so its calls to
 * pthread_create come here first; the real one is the next in line (libc,
 * or the sanitizer's interceptor).  Only calls from this program's own code
 * (gazmap's) are counted: Pango (1.50 and later) runs fontconfig's set-up
 * and font sorting on threads of its own, whatever gazmap asks. */
static atomic_int threads_started;

static int called_from_here(const void *caller) {
  Dl_info self, from;
  return dladdr((const void *)&threads_started, &self) && dladdr(caller, &from) &&
         self.dli_fbase == from.dli_fbase;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                   void *arg) {
  int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
  *(void **)&real = dlsym(RTLD_NEXT, "pthread_create");
  if (called_from_here(__builtin_return_address(0))) {
    atomic_fetch_add(&threads_started, 1);
  }
  return real(thread, attr, start, arg);
}

static gazmap_gazetteer *gaz;

static void setup(void) {
  ck_assert_msg(gazmap_gazetteer_open(&gaz, NULL) == 0, "gazetteer: %s",
                gazmap_error_last()->message);
}

static void teardown(void) {
  gazmap_gazetteer_free(gaz);
}

/* ---- the table ---------------------------------------------------------------- */

static const struct {
  const char *word;
  gazmap_format format;
} names[] = {{"png", GAZMAP_FORMAT_PNG}, {"PNG", GAZMAP_FORMAT_PNG},   {"svg", GAZMAP_FORMAT_SVG},
             {"Svg", GAZMAP_FORMAT_SVG}, {"pdf", GAZMAP_FORMAT_PDF},   {"webp", GAZMAP_FORMAT_AUTO},
             {"", GAZMAP_FORMAT_AUTO},   {"pngx", GAZMAP_FORMAT_AUTO}, {NULL, GAZMAP_FORMAT_AUTO}};

START_TEST(format_names_come_from_the_table) {
  ck_assert_msg(gazmap_format_parse(names[_i].word) == names[_i].format, "'%s': %d, expected %d",
                names[_i].word ? names[_i].word : "(null)",
                (int)gazmap_format_parse(names[_i].word), (int)names[_i].format);
}
END_TEST

static const struct {
  const char *path;
  gazmap_format format; /* AUTO: no writer */
} paths[] = {{"map.png", GAZMAP_FORMAT_PNG},         {"/tmp/a.b/MAP.SVG", GAZMAP_FORMAT_SVG},
             {"out.pdf", GAZMAP_FORMAT_PDF},         {"map.webp", GAZMAP_FORMAT_AUTO},
             {"/tmp/a.png/map", GAZMAP_FORMAT_AUTO}, {"png", GAZMAP_FORMAT_AUTO}};

START_TEST(extensions_come_from_the_table) {
  const gz_writer *w = gz_writer_for_path(paths[_i].path);
  gazmap_format got = w ? w->format : GAZMAP_FORMAT_AUTO;
  ck_assert_msg(got == paths[_i].format, "'%s': %d, expected %d", paths[_i].path, (int)got,
                (int)paths[_i].format);
}
END_TEST

/* Every writer is found by its own format, name and extension, and only
 * the PNG one paints pixels. */
START_TEST(every_format_has_one_writer) {
  static const gazmap_format formats[] = {GAZMAP_FORMAT_PNG, GAZMAP_FORMAT_SVG, GAZMAP_FORMAT_PDF};
  size_t i;
  char path[32];
  for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
    const gz_writer *w = gz_writer_of(formats[i]);
    ck_assert_msg(w != NULL, "format %d has no writer", (int)formats[i]);
    ck_assert_ptr_eq(gz_writer_named(w->name), w);
    snprintf(path, sizeof path, "map%s", w->extension);
    ck_assert_ptr_eq(gz_writer_for_path(path), w);
    ck_assert_int_eq(w->raster, formats[i] == GAZMAP_FORMAT_PNG);
  }
  ck_assert_ptr_null(gz_writer_of(GAZMAP_FORMAT_AUTO));
}
END_TEST

START_TEST(messages_list_the_formats_of_the_table) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  unsigned char *out = NULL;
  size_t len = 0;
  ck_assert_int_eq(gazmap_render_buffer(gaz, &o, GAZMAP_FORMAT_AUTO, &out, &len), GAZMAP_EINVAL);
  ck_assert_str_eq(gazmap_error_last()->message, "unknown output format (use png, svg or pdf)");
  ck_assert_int_eq(gazmap_render_file(gaz, &o, GAZMAP_FORMAT_AUTO, "/tmp/map.webp"), GAZMAP_EINVAL);
  ck_assert_str_eq(gazmap_error_last()->message,
                   "cannot tell the format from the name (use .png, .svg or .pdf)");
}
END_TEST

/* ---- threads ------------------------------------------------------------------ */

/* The default page, with the number of threads the library started. */
static unsigned char *render(gazmap_format fmt, int threads, size_t *len, int *started) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  unsigned char *out = NULL;
  int rc;
  o.threads = threads;
  atomic_store(&threads_started, 0);
  rc = gazmap_render_buffer(gaz, &o, fmt, &out, len);
  *started = atomic_load(&threads_started);
  ck_assert_msg(rc == 0, "threads %d: %s", threads, gazmap_error_last()->message);
  return out;
}

START_TEST(one_thread_by_default_starts_none) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  size_t len;
  int started;
  ck_assert_int_eq(o.threads, 1);
  free(render(GAZMAP_FORMAT_PNG, 1, &len, &started));
  ck_assert_int_eq(started, 0);
}
END_TEST

/* With two threads allowed, a PNG's labels get one thread (render.h); a
 * vector page is drawn in order by the caller's thread, however many. */
START_TEST(two_threads_start_one_for_an_image_only) {
  size_t len;
  int started;
  free(render(GAZMAP_FORMAT_PNG, 2, &len, &started));
  ck_assert_int_eq(started, 1);
  free(render(GAZMAP_FORMAT_PNG, 8, &len, &started));
  ck_assert_int_eq(started, 1);
  free(render(GAZMAP_FORMAT_SVG, 2, &len, &started));
  ck_assert_int_eq(started, 0);
  free(render(GAZMAP_FORMAT_PDF, 2, &len, &started));
  ck_assert_int_eq(started, 0);
}
END_TEST

/* The labels go through the same overlay with or without their thread,
 * so the bytes are the same. */
START_TEST(threads_do_not_change_the_bytes) {
  size_t la, lb;
  int started;
  unsigned char *a = render(GAZMAP_FORMAT_PNG, 1, &la, &started);
  unsigned char *b = render(GAZMAP_FORMAT_PNG, 2, &lb, &started);
  size_t i = 0;
  while (i < la && i < lb && a[i] == b[i]) {
    i++;
  }
  ck_assert_msg(la == lb && i == la,
                "PNG with 1 and 2 threads: %zu and %zu bytes, first difference at %zu", la, lb, i);
  free(a);
  free(b);
}
END_TEST

START_TEST(threads_below_one_are_refused) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  double rect[4];
  o.threads = 0;
  ck_assert_int_eq(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, rect), GAZMAP_EINVAL);
  ck_assert_msg(strstr(gazmap_error_last()->message, "threads 0") != NULL, "message: %s",
                gazmap_error_last()->message);
}
END_TEST

/* A program built against version 1 of the options knows no `threads`:
 * whatever follows its struct is not read, and it gets one thread. */
START_TEST(version_1_options_are_still_accepted) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  double rect[4];
  o.version = 1;
  o.threads = -5; /* beyond a version 1 struct: must be ignored */
  ck_assert_msg(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, rect) == 0, "%s",
                gazmap_error_last()->message);
  o.version = GAZMAP_RENDER_OPTS_VERSION + 1;
  ck_assert_int_eq(gazmap_render_frame(&o, GAZMAP_FORMAT_PNG, rect), GAZMAP_EINVAL);
}
END_TEST

int main(void) {
  tu_test table[] = {TU_ROWS(format_names_come_from_the_table, names),
                     TU_ROWS(extensions_come_from_the_table, paths),
                     TU_TEST(every_format_has_one_writer),
                     TU_TEST(messages_list_the_formats_of_the_table)};
  tu_test threads[] = {
      TU_TEST(one_thread_by_default_starts_none), TU_TEST(two_threads_start_one_for_an_image_only),
      TU_TEST(threads_do_not_change_the_bytes), TU_TEST(threads_below_one_are_refused),
      TU_TEST(version_1_options_are_still_accepted)};
  tu_tcase tcases[] = {
      {"table", TU_TESTS(table), 0, setup, teardown, NULL, NULL},
      {"threads", TU_TESTS(threads), 300, setup, teardown, NULL, NULL},
  };
  return tu_main("writers", TU_TESTS(tcases));
}
