/* Error reporting and argument helpers shared by the
 * commands. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char cli_exit_help[] =
    "Exit status: 0 success; 1 a query matched nothing; 2 error (bad usage,\n"
    "malformed or unreadable input, unwritable output).\n";

int cli_fail(const char *cmd) {
  return cli_fail_output(cmd, NULL, NULL);
}

int cli_fail_output(const char *cmd, const char *out_path, const gazmap_output *out) {
  const gazmap_error *e = gazmap_error_last();
  size_t streamed = gazmap_output_streamed(out);
  fprintf(stderr, "gazmap %s: ", cmd);
  if (e->file && e->line) {
    fprintf(stderr, "%s:%lu: ", e->file, e->line);
  } else if (e->file) {
    fprintf(stderr, "%s: ", e->file);
  }
  fprintf(stderr, "%s", e->message ? e->message : gazmap_strerror(e->code));
  if (streamed) {
    fprintf(stderr, "; %s has received an incomplete page (%zu bytes)",
            strcmp(out_path, "-") ? out_path : "standard output", streamed);
  }
  fputc('\n', stderr);
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

/* The gazetteer options of this run.  The CLI runs one command per process
 * and parses its options once, so the one place they are kept is here:
 * that lets every command take them with one line in its option table. */
#define CLI_MAX_LAYER_FILES 64
static struct {
  const char *files[CLI_MAX_LAYER_FILES];
  const char *altnames[CLI_MAX_LAYER_FILES];
  gazmap_layers_opts lo;
  int set; /* lo initialised */
} gz_opts;

static void gz_opts_init(void) {
  static const gazmap_layers_opts init = GAZMAP_LAYERS_OPTS_INIT;
  if (!gz_opts.set) {
    gz_opts.lo = init;
    gz_opts.lo.files = gz_opts.files;
    gz_opts.lo.altnames = gz_opts.altnames;
    gz_opts.set = 1;
  }
}

/* Every code of a comma list is two capital letters. */
static int valid_countries(const char *list) {
  const char *s = list;
  for (;;) {
    if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && (s[2] == ',' || !s[2]))) {
      return 0;
    }
    if (!s[2]) {
      return 1;
    }
    s += 3;
  }
}

/* Progress of a long load on a terminal: rows, rate and estimated time
 * left, rewritten in place on stderr; nothing when stderr is not a tty. */
void cli_show_progress(void *ud, const char *file, uint64_t rows, uint64_t done,
                       uint64_t total) {
  static struct timespec t0;
  static const char *last_file;
  struct timespec now;
  double secs;
  (void)ud;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (file != last_file) {
    t0 = now;
    last_file = file;
  }
  secs = (double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9;
  if (done >= total) {
    fprintf(stderr, "\r%s: %llu rows in %.1f s\033[K\n", file, (unsigned long long)rows, secs);
    return;
  }
  if (secs > 0 && done > 0) {
    double rate = (double)rows / secs, left = secs * (double)(total - done) / (double)done;
    fprintf(stderr, "\r%s: %llu rows, %.0f rows/s, %.0f%%, about %.0f s left\033[K", file,
            (unsigned long long)rows, rate, 100.0 * (double)done / (double)total, left);
  }
}

int cli_gazetteer_take(const char *cmd, const char *name, const char *arg) {
  gz_opts_init();
  if (!strcmp(name, "gazetteer") || !strcmp(name, "altnames")) {
    int alt = name[0] == 'a';
    size_t *n = alt ? &gz_opts.lo.naltnames : &gz_opts.lo.nfiles;
    if (*n == CLI_MAX_LAYER_FILES) {
      cli_usage(cmd, "at most %d --%s files", CLI_MAX_LAYER_FILES, name);
      return -1;
    }
    (alt ? gz_opts.altnames : gz_opts.files)[(*n)++] = arg;
    return 1;
  }
  if (!strcmp(name, "no-bundled")) {
    gz_opts.lo.no_bundled = 1;
    return 1;
  }
  if (!strcmp(name, "country")) {
    if (!valid_countries(arg)) {
      cli_usage(cmd, "country must be an ISO 3166-1 alpha-2 code such as AZ, or a comma list of them (AZ,AM,GE), not '%s'",
                arg);
      return -1;
    }
    gz_opts.lo.countries = arg;
    return 1;
  }
  if (!strcmp(name, "feature-class")) {
    if (gazmap_class_parse(arg, &gz_opts.lo.classes) < 0) {
      cli_usage(cmd, "%s", gazmap_error_last()->message);
      return -1;
    }
    return 1;
  }
  if (!strcmp(name, "min-population")) {
    long v = 0;
    if (cli_parse_long(cmd, "--min-population", arg, 0, 2000000000L, &v)) {
      return -1;
    }
    gz_opts.lo.min_population = v;
    return 1;
  }
  return 0;
}

int cli_gazetteer_given(void) {
  return gz_opts.set && (gz_opts.lo.nfiles || gz_opts.lo.naltnames || gz_opts.lo.no_bundled ||
                         gz_opts.lo.countries || gz_opts.lo.classes || gz_opts.lo.min_population);
}

const char *cli_gazetteer_countries(void) {
  return gz_opts.set ? gz_opts.lo.countries : NULL;
}

int cli_gazetteer_load(gazmap_gazetteer **out) {
  gz_opts_init();
  return gazmap_gazetteer_open_layers(out, &gz_opts.lo);
}

int cli_open_gazetteer(const char *cmd, const char *path, gazmap_gazetteer **out) {
  int rc;
  gz_opts_init();
  if (gz_opts.lo.naltnames && !gz_opts.lo.nfiles && !path) {
    return cli_usage(cmd, "--altnames needs --gazetteer with a GeoNames dump");
  }
  if (path) {
    rc = gazmap_gazetteer_open(out, path);
  } else {
    if (isatty(STDERR_FILENO)) {
      gz_opts.lo.progress = cli_show_progress;
    }
    rc = gazmap_gazetteer_open_layers(out, &gz_opts.lo);
  }
  return rc < 0 ? cli_fail(cmd) : 0;
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

ssize_t cli_read_line(char **line, size_t *cap, FILE *in, size_t max) {
  size_t n = 0;
  int ch = EOF;
  if (!*line) {
    *cap = 256;
    if (!(*line = malloc(*cap))) {
      return -1;
    }
  }
  while ((ch = getc_unlocked(in)) != EOF) {
    if (n + 2 > *cap) {
      char *nl = realloc(*line, *cap * 2);
      if (!nl) {
        return -1;
      }
      *line = nl;
      *cap *= 2;
    }
    (*line)[n++] = (char)ch;
    if (ch == '\n' || n > max) {
      break;
    }
  }
  (*line)[n] = '\0';
  return n == 0 && ch == EOF ? -1 : (ssize_t)n;
}

int cli_batch_status(int status, int rc) {
  if (rc == CLI_EXIT_ERROR) {
    return CLI_EXIT_ERROR;
  }
  return rc && status == CLI_EXIT_OK ? CLI_EXIT_NOMATCH : status;
}

int cli_run_batch(const char *cmd, const char *header, cli_batch_fn fn, void *ctx) {
  static char outbuf[1 << 16];
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  unsigned long lineno = 0;
  int status = CLI_EXIT_OK;

  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  if (header) {
    fputs(header, stdout);
  }
  while ((got = cli_read_line(&line, &cap, stdin, CLI_MAX_LINE)) >= 0) {
    size_t len = (size_t)got;
    lineno++;
    if (len > CLI_MAX_LINE) {
      fprintf(stderr, "gazmap %s: standard input:%lu: line is longer than %d bytes\n", cmd, lineno,
              CLI_MAX_LINE);
      status = CLI_EXIT_ERROR;
      break;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) {
      line[--len] = '\0';
    }
    status = cli_batch_status(status, fn(ctx, line, len, lineno));
  }
  free(line);
  if (ferror(stdin)) {
    fprintf(stderr, "gazmap %s: cannot read standard input\n", cmd);
    status = CLI_EXIT_ERROR;
  }
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gazmap %s: cannot write standard output\n", cmd);
    status = CLI_EXIT_ERROR;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  return status;
}
