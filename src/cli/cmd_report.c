/* gazmap report - one self-contained HTML page: the text, its places, the map. */
#define _GNU_SOURCE
#include "cli.h"
#include "gazmap/report.h"
#include "gazmap/scan.h"
#include "module.h"
#include "overlay_opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define CMD "report"
/* The report shows the whole text and scans it twice, so it keeps it
 * (mapped, or in memory when read from a pipe): cap it. */
#define MAX_TEXT (256L * 1024 * 1024)
/* The height the report's map page gives its legend band below the 4:3
 * frame, on top of the frame's, at the default width: room for the inset
 * and the legend's rows in two columns at their designed size.  Narrower
 * columns wrap the rows onto more lines, so a narrower map gives the band
 * more in proportion. */
#define REPORT_LEGEND_BAND 760

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'o', 'o', "output", "FILE",
     "where to write the page ('-' for standard output)"},
    {CLI_OPT_VALUE, 'T', 0, "title", "TEXT", "the heading (default: the file's base name)"},
    {CLI_OPT_SWITCH, 'F', 0, "fragment", NULL,
     "write an embeddable fragment (one <div>, its CSS scoped to it) instead of a page"},
    {CLI_OPT_VALUE, 'P', 0, "id-prefix", "P",
     "start every id and class with P (letters, digits, _ and -; default: none for a page, "
     "the output's base name and '-' for a fragment)"},
    {CLI_OPT_VALUE, 'W', 0, "map-width", "N",
     "the map's width in CSS pixels, drawn for that size (default 760)"},
    {CLI_OPT_SWITCH, 'N', 0, "no-map", NULL, "leave the map out"},
    {CLI_OPT_VALUE, 'l', 'l', "lang", "LANG", "language of the map labels (en az tr hy ru)"},
    CLI_OVERLAY_OPTIONS,
    {CLI_OPT_SWITCH, 'U', 0, "no-unresolved", NULL,
     "leave out the places the text marks as places (\"the village of X\") that the gazetteer "
     "lacks (shown as unresolved by default)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_report = {
    .name = CMD,
    .summary = "write an HTML report of a text with its places and map",
    .usage = "[OPTIONS] FILE|- -o REPORT.html",
    .description =
        "Writes one HTML page that needs nothing else: the text, reflowed into\n"
        "paragraphs, every place mention highlighted and linked to a table of the\n"
        "places (names, coordinates, mention count), and a map framed on those places,\n"
        "drawn for the width it is shown at and inlined as SVG.  Hovering or clicking a\n"
        "mention marks its place on the map and in the table; clicking a place on the\n"
        "map lists its mentions.  The page's one inline script fetches nothing, and its\n"
        "Content-Security-Policy forbids every fetch.  With --fragment the report is a\n"
        "<div> to paste into another page: its ids and classes are prefixed and its CSS\n"
        "applies only inside it, so two fragments can share a page.\n",
    .opts = options,
    .notes = "The text may be at most 256 MiB (the page contains all of it).  Invalid\n"
             "UTF-8 is shown as U+FFFD, with one warning on standard error.  The header shows\n"
             "--title or the file's base name, never its folders.  See doc/report.md.\n",
    .run = run};

/* The page is written in two scans of the text (gazmap/report.h's
 * writer): the first counts the places, the second writes the text with
 * its mentions straight to the output, so memory holds neither the
 * mentions nor the page. */
typedef struct report_pass {
  gazmap_report_writer *w;
  int writing;    /* 0: the first scan (counting), 1: the second (writing) */
  size_t n;       /* mentions seen */
  int unresolved; /* report the places the gazetteer lacks (not --no-unresolved) */
} report_pass;

static int on_mention(void *ud, const gazmap_mention *m) {
  report_pass *p = ud;
  gazmap_report_mention rm;
  rm.offset = m->offset;
  rm.length = m->length;
  rm.place = m->place;
  rm.role = m->role;
  rm.kind = m->kind;
  rm.confidence = m->confidence;
  rm.why = m->why; /* the writer uses it before the scanner moves on */
  p->n++;
  return p->writing ? gazmap_report_writer_mention(p->w, &rm)
                    : gazmap_report_writer_count(p->w, &rm);
}

/* One scan of the text with a new scanner (so the second scan starts from
 * the state the first did and gives the same mentions). */
static int scan_pass(gazmap_gazetteer *g, const char *text, size_t len, report_pass *p,
                     gazmap_scan_stats *st) {
  gazmap_scan_opts so = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *s = NULL;
  int rc;
  /* Places the gazetteer lacks are shown too, styled as unresolved,
   * unless told not to. */
  so.unresolved = p->unresolved;
  p->n = 0;
  if ((rc = gazmap_scanner_new(&s, g, &so)) == 0) {
    rc = gazmap_scan_buffer(s, text, len, on_mention, p);
    gazmap_scanner_stats(s, st);
  }
  gazmap_scanner_free(s);
  return rc;
}

static int to_output(void *ud, const char *data, size_t len) {
  return gazmap_output_write(ud, data, len);
}

/* Reads all of `in` into a new buffer (caller frees); NULL when it cannot or
 * when the text is larger than MAX_TEXT. */
static char *slurp(FILE *in, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  while (b) {
    size_t got;
    if (n == cap) {
      char *nb;
      if (cap >= (size_t)MAX_TEXT) {
        free(b);
        errno = EFBIG; /* the caller says which limit */
        return NULL;
      }
      cap *= 2;
      nb = realloc(b, cap);
      if (!nb) {
        free(b);
        return NULL;
      }
      b = nb;
    }
    got = fread(b + n, 1, cap - n, in);
    n += got;
    if (got == 0) {
      break;
    }
  }
  *len = n;
  return b;
}

/* The map of the places found, weighted by mention count (the library's
 * one aggregation, shared with find --render) and framed on them, as SVG
 * in memory (caller frees *svg).  `o` comes in with the page's size and
 * language and keeps the frame, so the report can mark places on it. */
static int render_map(gazmap_gazetteer *g, gazmap_report_writer *w, gazmap_render_opts *o,
                      unsigned char **svg, size_t *svglen) {
  const gazmap_highlight *h;
  gazmap_report_mention *places;
  size_t nh = 0, i;
  int rc;
  if ((rc = gazmap_report_writer_places(w, &h, &nh)) < 0) {
    return rc;
  }
  /* The frame depends only on which places are named: one each. */
  if (!(places = calloc(nh ? nh : 1, sizeof *places))) {
    return GAZMAP_ENOMEM;
  }
  for (i = 0; i < nh; i++) {
    places[i].place = h[i].place;
  }
  rc = gazmap_report_frame(places, nh, o);
  free(places);
  if (rc < 0) {
    return rc;
  }
  o->highlights = h;
  o->n_highlights = nh;
  rc = gazmap_render_buffer(g, o, GAZMAP_FORMAT_SVG, svg, svglen);
  o->highlights = NULL;
  o->n_highlights = 0;
  return rc;
}

/* Maps a regular file's text read-only (the first scan reads it all, the
 * second again, and the page quotes it), so its pages are the kernel's to
 * drop and share rather than a copy of ours.  Sets *text (MAP_FAILED when
 * this is not a regular file, which is then read into memory) and *len;
 * -1 with errno EFBIG past MAX_TEXT, or the reason of fstat or mmap. */
static int map_text(FILE *in, char **text, size_t *len) {
  struct stat st;
  *text = MAP_FAILED;
  if (fstat(fileno(in), &st) < 0) {
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    return 0;
  }
  if (st.st_size > MAX_TEXT) {
    errno = EFBIG;
    return -1;
  }
  *len = (size_t)st.st_size;
  if (*len == 0) {
    return 0; /* mmap refuses an empty length; slurp reads the nothing */
  }
  *text = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fileno(in), 0);
  if (*text == MAP_FAILED) {
    return -1;
  }
  /* Both scans read it front to back. */
  madvise(*text, *len, MADV_SEQUENTIAL);
  return 0;
}

/* A fragment's default prefix: the output's base name without its
 * extension, every character a prefix may not hold made '-', then '-'
 * ("notes/karabakh.html" -> "karabakh-"; standard output ->
 * "gazmap-report-"), so fragments written to different files differ.
 * Caller frees. */
static char *fragment_prefix(const char *out_path) {
  const char *base = out_path, *s, *dot;
  char *p, *w;
  if (!strcmp(out_path, "-")) {
    return strdup("gazmap-report-");
  }
  for (s = out_path; *s; s++) {
    if (*s == '/' && s[1]) {
      base = s + 1;
    }
  }
  dot = strchr(base, '.');
  p = malloc(strlen(base) + 3);
  if (!p) {
    return NULL;
  }
  w = p;
  if (!((*base >= 'a' && *base <= 'z') || (*base >= 'A' && *base <= 'Z') || *base == '_')) {
    *w++ = 'r'; /* a prefix starts with a letter */
  }
  for (s = base; *s && s != dot && *s != '/' && w - p < 60; s++) {
    int ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
             *s == '_' || *s == '-';
    *w++ = ok ? *s : '-';
  }
  *w++ = '-';
  *w = '\0';
  return p;
}

static int run(int argc, char **argv) {
  report_pass pass = {0};
  gazmap_report_opts ro = GAZMAP_REPORT_OPTS_INIT;
  gazmap_scan_stats st;
  gazmap_gazetteer *g = NULL;
  gazmap_render_opts mo = GAZMAP_RENDER_OPTS_INIT;
  gazmap_output *out = NULL;
  const char *out_path = NULL, *lang = NULL, *path, *title = NULL, *prefix = NULL;
  char *own_prefix = NULL, *map_prefix = NULL;
  long map_width = 760;
  unsigned char *svg = NULL;
  size_t svglen = 0, len = 0, nmentions;
  char *text = NULL, *mapped = MAP_FAILED;
  FILE *in = NULL;
  cli_opt_parser op;
  int opt, no_map = 0, fragment = 0, no_unresolved = 0, rc = CLI_EXIT_ERROR;
  cli_overlays ovl = CLI_OVERLAYS_INIT;

  if (cli_module_require(CMD)) { /* the map module draws and writes the report */
    return CLI_EXIT_ERROR;
  }
  cli_opt_init(&op, &cli_cmd_report, argc, argv);
  cli_overlays_parse_into(&op, &ovl);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'o':
      out_path = optarg;
      break;
    case 'T':
      title = optarg;
      break;
    case 'N':
      no_map = 1;
      break;
    case 'F':
      fragment = 1;
      break;
    case 'P':
      prefix = optarg;
      break;
    case 'W':
      if (cli_parse_long(CMD, "--map-width", optarg, 320, 4000, &map_width)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'l':
      lang = optarg;
      break;
    case 'U':
      no_unresolved = 1;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (optind != argc - 1) {
    return cli_usage(CMD, "expected one FILE (or - for standard input)");
  }
  if (!out_path) {
    return cli_usage(CMD, "say where to write the page with -o FILE");
  }
  if (prefix && gazmap_report_check_prefix(prefix) < 0) {
    return cli_usage(CMD, "%s", gazmap_error_last()->message);
  }
  if (no_map && ovl.n) {
    return cli_usage(CMD, "--add draws on the map, and --no-map leaves it out");
  }
  if (fragment && prefix && !*prefix) {
    return cli_usage(CMD, "a fragment needs a non-empty --id-prefix");
  }
  if (fragment && !prefix) {
    if (!(own_prefix = fragment_prefix(out_path))) {
      fprintf(stderr, "gazmap %s: out of memory\n", CMD);
      return CLI_EXIT_ERROR;
    }
    prefix = own_prefix;
  }
  /* A bad overlay stops the report before its text is even read. */
  if (cli_overlays_read(&ovl, CMD)) {
    goto done;
  }
  path = argv[optind];
  in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "gazmap %s: %s: cannot open: %s\n", CMD, path, strerror(errno));
    return CLI_EXIT_ERROR;
  }
  /* The page must never replace its own text (doc/output.md). */
  if (gazmap_output_note_input(path) < 0) {
    cli_fail(CMD);
    goto done;
  }
  errno = 0;
  if (map_text(in, &mapped, &len) == 0) {
    text = mapped != MAP_FAILED ? mapped : slurp(in, &len);
  }
  if (!text || ferror(in)) {
    if (errno == EFBIG) {
      fprintf(stderr, "gazmap %s: %s: larger than the 256 MiB limit for a report's text\n", CMD,
              path);
    } else {
      fprintf(stderr, "gazmap %s: %s: cannot read: %s\n", CMD, path,
              errno ? strerror(errno) : "read error");
    }
    goto done;
  }
  if (cli_open_gazetteer(CMD, NULL, &g)) {
    goto done;
  }
  pass.unresolved = !no_unresolved;
  if (gazmap_report_writer_new(&pass.w, text, len) < 0 || scan_pass(g, text, len, &pass, &st)) {
    cli_fail(CMD);
    goto done;
  }
  nmentions = pass.n;
  if (st.invalid_utf8) {
    fprintf(stderr,
            "gazmap %s: warning: %s: %llu invalid UTF-8 byte%s (first at byte %llu) shown as "
            "U+FFFD\n",
            CMD, path, (unsigned long long)st.invalid_utf8, st.invalid_utf8 == 1 ? "" : "s",
            (unsigned long long)st.first_invalid);
  }
  /* The map is drawn at the size it is shown at, with text and lines at
   * their designed size and the legend in a band below a 4:3 frame (at 760
   * px wide, beside the frame it was shrunk to 3.3 px); the page is as tall
   * as that band needs (REPORT_LEGEND_BAND, measured on the article of
   * tools/report-check.sh).  Its ids carry the report's prefix, so two
   * reports' maps do not clash. */
  mo.width = (int)map_width;
  mo.height = (int)(map_width * 3 / 4 +
                    (map_width < 760 ? REPORT_LEGEND_BAND * 760 / map_width : REPORT_LEGEND_BAND));
  mo.legend_below = 1;
  mo.lang = lang;
  cli_overlays_apply(&ovl, &mo);
  if (asprintf(&map_prefix, "%smap-", prefix ? prefix : "") < 0) {
    map_prefix = NULL;
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  mo.id_prefix = map_prefix;
  if (!no_map && render_map(g, pass.w, &mo, &svg, &svglen) < 0) {
    cli_fail(CMD);
    goto done;
  }
  ro.title = title;
  /* Only the base name is shown (the library strips folders too). */
  ro.source_name = strcmp(path, "-") ? path : NULL;
  ro.map_svg = svg;
  ro.map_svg_len = svglen;
  ro.map_opts = no_map ? NULL : &mo;
  ro.fragment = fragment;
  ro.id_prefix = prefix;
  /* The output is opened only now, when everything that can go wrong
   * before the text is written has been checked; a failure later leaves a
   * regular target as it was (the temporary file goes). */
  pass.writing = 1;
  if (gazmap_output_open(&out, out_path) < 0 ||
      gazmap_report_writer_begin(pass.w, &ro, to_output, out) < 0 ||
      scan_pass(g, text, len, &pass, &st) || gazmap_report_writer_end(pass.w) < 0) {
    cli_fail_output(CMD, out_path, out);
    goto done;
  }
  rc = gazmap_output_close(out);
  out = NULL;
  if (rc < 0) {
    rc = CLI_EXIT_ERROR;
    cli_fail(CMD);
    goto done;
  }
  rc = nmentions ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
done:
  gazmap_output_abandon(out);
  if (in && in != stdin) {
    fclose(in);
  }
  if (mapped != MAP_FAILED) {
    munmap(mapped, len);
  } else {
    free(text);
  }
  gazmap_report_writer_free(pass.w);
  free(svg);
  free(own_prefix);
  free(map_prefix);
  cli_overlays_free(&ovl);
  gazmap_gazetteer_free(g);
  return rc;
}
