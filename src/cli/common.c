/* Error reporting and argument helpers shared by the
 * commands. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>

const char cli_exit_help[] =
    "Exit status: 0 success; 1 a query matched nothing; 2 error (bad usage,\n"
    "malformed or unreadable input, unwritable output).\n";

int cli_fail(const char *cmd) {
  const gazmap_error *e = gazmap_error_last();
  fprintf(stderr, "gazmap %s: ", cmd);
  if (e->file && e->line) {
    fprintf(stderr, "%s:%lu: ", e->file, e->line);
  } else if (e->file) {
    fprintf(stderr, "%s: ", e->file);
  }
  fprintf(stderr, "%s\n", e->message ? e->message : gazmap_strerror(e->code));
  return CLI_EXIT_ERROR;
}

int cli_usage(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "gazmap %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, " (see 'gazmap %s --help')\n", cmd);
  return CLI_EXIT_ERROR;
}

int cli_open_gazetteer(const char *cmd, const char *path, gazmap_gazetteer **out) {
  if (gazmap_gazetteer_open(out, path) < 0) {
    return cli_fail(cmd);
  }
  return 0;
}

int cli_parse_double(const char *cmd, const char *what, const char *s, double lo, double hi,
                     double *out) {
  char *end;
  double v;
  errno = 0;
  v = strtod(s, &end);
  if (errno || end == s || *end || !(v >= lo && v <= hi)) {
    return cli_usage(cmd, "%s must be a number from %g to %g, not '%s'", what, lo, hi, s);
  }
  *out = v;
  return 0;
}

int cli_parse_long(const char *cmd, const char *what, const char *s, long lo, long hi, long *out) {
  char *end;
  long v;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < lo || v > hi) {
    return cli_usage(cmd, "%s must be a whole number from %ld to %ld, not '%s'", what, lo, hi, s);
  }
  *out = v;
  return 0;
}

/* Appends the NULL-terminated `words` to `buf` (`*n` bytes used so far, at
 * most `cap`), separated by `sep`. */
static void join_words(char *buf, size_t cap, size_t *n, const char *const *words,
                       const char *sep) {
  const char *const *first = words;
  for (; *words; words++) {
    int w = snprintf(buf + *n, cap - *n, "%s%s", words == first ? "" : sep, *words);
    if (w < 0 || (size_t)w >= cap - *n) {
      return;
    }
    *n += (size_t)w;
  }
}

const char *cli_help_layer_names(void) {
  static char text[512];
  size_t n = 0;
  if (!text[0]) {
    join_words(text, sizeof text, &n, gazmap_layer_names(), " ");
  }
  return text;
}

const char *cli_help_layer_list(void) {
  static char text[640];
  size_t n = 0;
  if (!text[0]) {
    n = (size_t)snprintf(text, sizeof text, "comma list of ");
    join_words(text, sizeof text, &n, gazmap_layer_names(), " ");
    n += (size_t)snprintf(text + n, sizeof text - n, ", or ");
    join_words(text, sizeof text, &n, gazmap_layer_groups(), ", ");
    snprintf(text + n, sizeof text - n, ", all (default all)");
  }
  return text;
}
