/* Error reporting and argument helpers shared by the commands. */
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

int cli_parse_long(const char *cmd, const char *what, const char *s, long lo, long hi,
                   long *out) {
  char *end;
  long v;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < lo || v > hi) {
    return cli_usage(cmd, "%s must be a whole number from %ld to %ld, not '%s'", what, lo, hi,
                     s);
  }
  *out = v;
  return 0;
}
