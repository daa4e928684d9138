/* gazmap report - one self-contained HTML page: the text, its places, the map. */
#define _GNU_SOURCE
#include "cli.h"
#include "gazmap/report.h"
#include "gazmap/scan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD "report"
/* The report shows the whole text, so it holds it in memory: cap it. */
#define MAX_TEXT (256L * 1024 * 1024)

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'o', 'o', "output", "FILE",
     "where to write the page ('-' for standard output)"},
    {CLI_OPT_VALUE, 'T', 0, "title", "TEXT", "the page title"},
    {CLI_OPT_SWITCH, 'N', 0, "no-map", NULL, "leave the map out"},
    {CLI_OPT_VALUE, 'l', 'l', "lang", "LANG", "language of the map labels (en az tr hy ru)"},
    {CLI_OPT_VALUE, 'g', 'g', "gazetteer", "FILE", "use FILE instead of the bundled gazetteer"},
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_report = {
    .name = CMD,
    .summary = "write an HTML report of a text with its places and map",
    .usage = "[OPTIONS] FILE|- -o REPORT.html",
    .description = "Writes one HTML page that needs nothing else: the text, every place mention\n"
                   "highlighted and linked to a table of the places (names, coordinates, mention\n"
                   "count), and the map of those places inlined as SVG.  The page runs no script\n"
                   "and fetches nothing from the network.\n",
    .opts = options,
    .notes = "The text may be at most 256 MiB (the page contains all of it).  Invalid\n"
             "UTF-8 is shown as U+FFFD, with one warning on standard error.\n",
    .run = run};

typedef struct report_cli {
  gazmap_report_mention *m;
  char **whys;
  size_t n, cap;
} report_cli;

static int on_mention(void *ud, const gazmap_mention *m) {
  report_cli *c = ud;
  if (c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 256;
    gazmap_report_mention *nm = realloc(c->m, cap * sizeof *nm);
    char **nw;
    if (!nm) {
      return GAZMAP_ENOMEM;
    }
    c->m = nm;
    nw = realloc(c->whys, cap * sizeof *nw);
    if (!nw) {
      return GAZMAP_ENOMEM;
    }
    c->whys = nw;
    c->cap = cap;
  }
  c->whys[c->n] = strdup(m->why);
  if (!c->whys[c->n]) {
    return GAZMAP_ENOMEM;
  }
  c->m[c->n].offset = m->offset;
  c->m[c->n].length = m->length;
  c->m[c->n].place = m->place;
  c->m[c->n].role = m->role;
  c->m[c->n].kind = m->kind;
  c->m[c->n].confidence = m->confidence;
  c->m[c->n].why = c->whys[c->n];
  c->n++;
  return 0;
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
 * one aggregation, shared with find --render), as SVG in memory (caller
 * frees *svg). */
static int render_map(gazmap_gazetteer *g, const report_cli *c, const char *lang,
                      unsigned char **svg, size_t *svglen) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_highlight *h = NULL;
  gazmap_report_mention *placed = malloc((c->n ? c->n : 1) * sizeof *placed);
  size_t nh = 0, np = 0, i;
  int rc;
  if (!placed) {
    return GAZMAP_ENOMEM;
  }
  /* Places the gazetteer lacks have no point on the map. */
  for (i = 0; i < c->n; i++) {
    if (c->m[i].place) {
      placed[np++] = c->m[i];
    }
  }
  rc = gazmap_highlights_from_mentions(placed, np, &h, &nh);
  free(placed);
  if (rc < 0) {
    return rc;
  }
  o.highlights = h;
  o.n_highlights = nh;
  o.lang = lang;
  /* A fixed prefix keeps the page deterministic and the map's ids apart from
   * the page's own (m1, p-shusha ...). */
  o.id_prefix = "gzmap-";
  rc = gazmap_render_buffer(g, &o, GAZMAP_FORMAT_SVG, svg, svglen);
  free(h);
  return rc;
}

static int run(int argc, char **argv) {
  report_cli c = {0};
  gazmap_report_opts ro = GAZMAP_REPORT_OPTS_INIT;
  gazmap_scan_stats st;
  gazmap_gazetteer *g = NULL;
  gazmap_scanner *s = NULL;
  gazmap_scan_opts so = GAZMAP_SCAN_OPTS_INIT;
  const char *out_path = NULL, *gaz = NULL, *lang = NULL, *path, *title = NULL;
  unsigned char *svg = NULL;
  size_t svglen = 0, len = 0, i, htmllen = 0;
  char *text = NULL, *html = NULL;
  FILE *in = NULL;
  cli_opt_parser op;
  int opt, no_map = 0, rc = CLI_EXIT_ERROR;

  cli_opt_init(&op, &cli_cmd_report, argc, argv);
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
    case 'l':
      lang = optarg;
      break;
    case 'g':
      gaz = optarg;
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
  text = slurp(in, &len);
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
  if (cli_open_gazetteer(CMD, gaz, &g)) {
    goto done;
  }
  /* Places the gazetteer lacks are shown too, styled as unresolved. */
  so.unresolved = 1;
  if (gazmap_scanner_new(&s, g, &so) < 0 || gazmap_scan_buffer(s, text, len, on_mention, &c)) {
    cli_fail(CMD);
    goto done;
  }
  gazmap_scanner_stats(s, &st);
  if (st.invalid_utf8) {
    fprintf(stderr,
            "gazmap %s: warning: %s: %llu invalid UTF-8 byte%s (first at byte %llu) shown as "
            "U+FFFD\n",
            CMD, path, (unsigned long long)st.invalid_utf8, st.invalid_utf8 == 1 ? "" : "s",
            (unsigned long long)st.first_invalid);
  }
  if (!no_map && render_map(g, &c, lang, &svg, &svglen) < 0) {
    cli_fail(CMD);
    goto done;
  }
  ro.title = title;
  ro.source_name = strcmp(path, "-") ? path : "standard input";
  ro.map_svg = svg;
  ro.map_svg_len = svglen;
  if (gazmap_report_html(text, len, c.m, c.n, &ro, &html, &htmllen) < 0) {
    cli_fail(CMD);
    goto done;
  }
  if (gazmap_write_file(out_path, html, htmllen) < 0) {
    cli_fail(CMD);
    goto done;
  }
  rc = c.n ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
done:
  if (in && in != stdin) {
    fclose(in);
  }
  for (i = 0; i < c.n; i++) {
    free(c.whys[i]);
  }
  free(c.whys);
  free(c.m);
  free(text);
  free(svg);
  free(html);
  gazmap_scanner_free(s);
  gazmap_gazetteer_free(g);
  return rc;
}
