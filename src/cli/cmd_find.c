/* gazmap find - every place a text names, streamed in constant memory. */
#define _GNU_SOURCE
#include "cli.h"
#include "gazmap/scan.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CMD "find"
#define CHUNK (64 * 1024)
/* Per place, the GeoJSON keeps at most this many offsets and surfaces, so
 * that memory does not grow with the input; "truncated" says when. */
#define MAX_OFFSETS 256
#define MAX_SURFACES 16

static const char help[] =
    "usage: gazmap find [OPTIONS] FILE|-\n"
    "\n"
    "Finds every place FILE (or standard input) names, in English, Turkish,\n"
    "Azerbaijani, Russian or Armenian, whatever the spelling: one line per mention\n"
    "with its byte offset and length, the surface as written, the place, its role,\n"
    "how it matched, a confidence and why the place was chosen.  Any size of input\n"
    "is read in chunks in constant memory.\n"
    "\n"
    "  -t, --table           aligned table (the default on a terminal)\n"
    "      --tsv             tab-separated, one mention a line, with a header (the\n"
    "                        default when standard output is not a terminal)\n"
    "  -j, --json            a JSON array of mentions\n"
    "      --geojson         a GeoJSON FeatureCollection: one Point feature per place\n"
    "                        with its mention count, surfaces and offsets\n"
    "  -r, --render FILE     also draw the places found on the default map (SVG, PNG\n"
    "                        or PDF by extension), the most mentioned emphasised\n"
    "      --locations-only  leave out place words inside organisation and agreement\n"
    "                        names (Minsk Group, Bishkek protocol)\n"
    "      --lookahead BYTES text read past a mention before its homonyms are\n"
    "                        resolved (default 16384)\n"
    "      --chunk BYTES     read size (default 65536; for testing)\n"
    "  -g, --gazetteer FILE  use FILE instead of the bundled gazetteer\n"
    "  -h, --help            show this help\n"
    "\n"
    "Homonyms are resolved from the text itself: the other places it names before\n"
    "the mention and up to --lookahead bytes after it.  Invalid UTF-8 is not fatal:\n"
    "each bad byte separates words, and one warning on standard error counts them.\n"
    "Place words in URLs, e-mail addresses and person names are not reported.\n"
    "\n";

enum format { FMT_AUTO, FMT_TABLE, FMT_TSV, FMT_JSON, FMT_GEOJSON };

typedef struct place_agg {
  const gazmap_place *place;
  uint64_t count;
  size_t noff;
  uint64_t offsets[MAX_OFFSETS];
  size_t nsurf;
  char *surfaces[MAX_SURFACES];
  int truncated;
} place_agg;

typedef struct find_cli {
  enum format fmt;
  int locations_only;
  uint64_t shown;
  gazmap_gazetteer *g;
  /* per place, for --geojson and --render: an open-addressing table keyed by
   * the place pointer, sized from the gazetteer (not from the input) */
  place_agg **agg;
  size_t nagg_slots;
  int need_agg;
} find_cli;

/* Writes `s` (n bytes) as the inside of a JSON string. */
static void json_str(FILE *f, const char *s, size_t n) {
  size_t i;
  fputc('"', f);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      fputc('\\', f);
      fputc(c, f);
    } else if (c == '\n') {
      fputs("\\n", f);
    } else if (c == '\t') {
      fputs("\\t", f);
    } else if (c == '\r') {
      fputs("\\r", f);
    } else if (c < 0x20 || c == 0x7f) {
      fprintf(f, "\\u%04x", c);
    } else {
      fputc(c, f);
    }
  }
  fputc('"', f);
}

/* Writes `s` with tabs, line breaks and control characters as spaces, so a
 * TSV row stays one line. */
static void flat_str(FILE *f, const char *s, size_t width) {
  size_t n = 0;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    fputc(c < 0x20 || c == 0x7f ? ' ' : c, f);
    if ((c & 0xC0) != 0x80) {
      n++;
    }
  }
  for (; n < width; n++) {
    fputc(' ', f);
  }
}

/* Cuts `s` to at most `width` characters (UTF-8 aware) into buf. */
static void cut(const char *s, size_t width, char *buf, size_t cap) {
  size_t n = 0, o = 0;
  for (; *s && o + 4 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c & 0xC0) != 0x80) {
      if (n == width) {
        break;
      }
      n++;
    }
    buf[o++] = (char)c;
  }
  buf[o] = '\0';
}

static place_agg *agg_get(find_cli *c, const gazmap_place *p) {
  size_t h = ((uintptr_t)p >> 4) % c->nagg_slots;
  while (c->agg[h] && c->agg[h]->place != p) {
    h = (h + 1) % c->nagg_slots;
  }
  if (!c->agg[h]) {
    c->agg[h] = calloc(1, sizeof *c->agg[h]);
    if (!c->agg[h]) {
      return NULL;
    }
    c->agg[h]->place = p;
  }
  return c->agg[h];
}

static int on_mention(void *ud, const gazmap_mention *m) {
  find_cli *c = ud;
  if (c->locations_only && m->role != GAZMAP_ROLE_LOCATION) {
    return 0;
  }
  if (c->need_agg) {
    place_agg *a = agg_get(c, m->place);
    size_t i;
    if (!a) {
      return GAZMAP_ENOMEM;
    }
    a->count++;
    if (a->noff < MAX_OFFSETS) {
      a->offsets[a->noff++] = m->offset;
    } else {
      a->truncated = 1;
    }
    for (i = 0; i < a->nsurf && strcmp(a->surfaces[i], m->surface); i++) {
    }
    if (i == a->nsurf && a->nsurf < MAX_SURFACES) {
      a->surfaces[a->nsurf] = strdup(m->surface);
      if (!a->surfaces[a->nsurf]) {
        return GAZMAP_ENOMEM;
      }
      a->nsurf++;
    }
  }
  switch (c->fmt) {
  case FMT_TABLE: {
    char surf[100], id[100];
    if (c->shown == 0) {
      printf("%10s %4s  %-24s %-20s %-12s %-8s %5s  %s\n", "OFFSET", "LEN", "SURFACE", "PLACE",
             "ROLE", "MATCH", "CONF", "WHY");
    }
    cut(m->surface, 24, surf, sizeof surf);
    cut(gazmap_place_id(m->place), 20, id, sizeof id);
    printf("%10llu %4zu  ", (unsigned long long)m->offset, m->length);
    flat_str(stdout, surf, 24);
    printf(" %-20s %-12s %-8s %5.2f  %s\n", id, gazmap_role_name(m->role),
           gazmap_match_kind_name(m->kind), m->confidence, m->why);
    break;
  }
  case FMT_TSV:
    if (c->shown == 0) {
      printf("offset\tlength\tsurface\tid\tname\trole\tmatch\tconfidence\twhy\n");
    }
    printf("%llu\t%zu\t", (unsigned long long)m->offset, m->length);
    flat_str(stdout, m->surface, 0);
    printf("\t%s\t%s\t%s\t%s\t%.3f\t", gazmap_place_id(m->place), gazmap_place_name(m->place),
           gazmap_role_name(m->role), gazmap_match_kind_name(m->kind), m->confidence);
    flat_str(stdout, m->why, 0);
    putchar('\n');
    break;
  case FMT_JSON:
    printf("%s\n  {\"offset\": %llu, \"length\": %zu, \"surface\": ", c->shown ? "," : "[",
           (unsigned long long)m->offset, m->length);
    json_str(stdout, m->surface, strlen(m->surface));
    printf(", \"id\": ");
    json_str(stdout, gazmap_place_id(m->place), strlen(gazmap_place_id(m->place)));
    printf(", \"name\": ");
    json_str(stdout, gazmap_place_name(m->place), strlen(gazmap_place_name(m->place)));
    printf(", \"lat\": %.5f, \"lon\": %.5f, \"role\": \"%s\", \"match\": \"%s\", "
           "\"confidence\": %.3f, \"alternatives\": %u, \"why\": ",
           gazmap_place_lat(m->place), gazmap_place_lon(m->place), gazmap_role_name(m->role),
           gazmap_match_kind_name(m->kind), m->confidence, m->alternatives);
    json_str(stdout, m->why, strlen(m->why));
    putchar('}');
    break;
  default:
    break;
  }
  c->shown++;
  return 0;
}

static int cmp_agg(const void *a, const void *b) {
  const place_agg *x = *(place_agg *const *)a, *y = *(place_agg *const *)b;
  if (x->count != y->count) {
    return x->count > y->count ? -1 : 1;
  }
  return strcmp(gazmap_place_id(x->place), gazmap_place_id(y->place));
}

/* The places found, most mentioned first (ties by id): a stable order. */
static place_agg **sorted_places(find_cli *c, size_t *n) {
  place_agg **v = malloc((c->nagg_slots + 1) * sizeof *v);
  size_t i, k = 0;
  if (!v) {
    return NULL;
  }
  for (i = 0; i < c->nagg_slots; i++) {
    if (c->agg[i]) {
      v[k++] = c->agg[i];
    }
  }
  qsort(v, k, sizeof *v, cmp_agg);
  *n = k;
  return v;
}

static void print_geojson(place_agg **v, size_t n) {
  size_t i, j;
  printf("{\"type\": \"FeatureCollection\", \"features\": [");
  for (i = 0; i < n; i++) {
    const gazmap_place *p = v[i]->place;
    printf("%s\n  {\"type\": \"Feature\", \"id\": ", i ? "," : "");
    json_str(stdout, gazmap_place_id(p), strlen(gazmap_place_id(p)));
    printf(", \"geometry\": {\"type\": \"Point\", \"coordinates\": [%.5f, %.5f]}, "
           "\"properties\": {\"id\": ",
           gazmap_place_lon(p), gazmap_place_lat(p));
    json_str(stdout, gazmap_place_id(p), strlen(gazmap_place_id(p)));
    printf(", \"name\": ");
    json_str(stdout, gazmap_place_name(p), strlen(gazmap_place_name(p)));
    printf(", \"kind\": \"%s\", \"mentions\": %llu, \"surfaces\": [",
           gazmap_kind_name(gazmap_place_kind(p)), (unsigned long long)v[i]->count);
    for (j = 0; j < v[i]->nsurf; j++) {
      if (j) {
        printf(", ");
      }
      json_str(stdout, v[i]->surfaces[j], strlen(v[i]->surfaces[j]));
    }
    printf("], \"offsets\": [");
    for (j = 0; j < v[i]->noff; j++) {
      printf("%s%llu", j ? ", " : "", (unsigned long long)v[i]->offsets[j]);
    }
    printf("], \"truncated\": %s}}", v[i]->truncated ? "true" : "false");
  }
  printf("\n]}\n");
}

static int render(find_cli *c, place_agg **v, size_t n, const char *path) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_highlight *h = calloc(n ? n : 1, sizeof *h);
  size_t i;
  int rc;
  if (!h) {
    return cli_usage(CMD, "out of memory");
  }
  for (i = 0; i < n; i++) {
    h[i].place = v[i]->place;
    h[i].weight = (double)v[i]->count;
  }
  o.highlights = h;
  o.n_highlights = n;
  rc = gazmap_render_file(c->g, &o, GAZMAP_FORMAT_AUTO, path);
  free(h);
  return rc < 0 ? cli_fail(CMD) : 0;
}

int cmd_find(int argc, char **argv) {
  static const struct option longopts[] = {{"table", no_argument, NULL, 't'},
                                           {"tsv", no_argument, NULL, 'T'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"geojson", no_argument, NULL, 'G'},
                                           {"render", required_argument, NULL, 'r'},
                                           {"locations-only", no_argument, NULL, 'L'},
                                           {"lookahead", required_argument, NULL, 'A'},
                                           {"chunk", required_argument, NULL, 'C'},
                                           {"gazetteer", required_argument, NULL, 'g'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  find_cli c;
  gazmap_scan_opts so = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *s = NULL;
  gazmap_scan_stats st;
  const char *gaz = NULL, *render_path = NULL, *path;
  long chunk = CHUNK, lookahead = 0;
  FILE *in = NULL;
  char *buf = NULL;
  place_agg **v = NULL;
  size_t nv = 0, i;
  int opt, rc = CLI_EXIT_ERROR, src;

  memset(&c, 0, sizeof c);
  optind = 1;
  while ((opt = getopt_long(argc, argv, "tjr:g:h", longopts, NULL)) != -1) {
    switch (opt) {
    case 't':
      c.fmt = FMT_TABLE;
      break;
    case 'T':
      c.fmt = FMT_TSV;
      break;
    case 'j':
      c.fmt = FMT_JSON;
      break;
    case 'G':
      c.fmt = FMT_GEOJSON;
      break;
    case 'r':
      render_path = optarg;
      break;
    case 'L':
      c.locations_only = 1;
      break;
    case 'g':
      gaz = optarg;
      break;
    case 'A':
      if (cli_parse_long(CMD, "--lookahead", optarg, 1, 1L << 30, &lookahead)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'C':
      if (cli_parse_long(CMD, "--chunk", optarg, 1, 1L << 30, &chunk)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'h':
      printf("%s%s", help, cli_exit_help);
      return CLI_EXIT_OK;
    default:
      return cli_usage(CMD, "unknown option");
    }
  }
  if (optind != argc - 1) {
    return cli_usage(CMD, "expected one FILE (or - for standard input)");
  }
  path = argv[optind];
  if (c.fmt == FMT_AUTO) {
    c.fmt = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_TSV;
  }
  in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "gazmap %s: %s: cannot open\n", CMD, path);
    return CLI_EXIT_ERROR;
  }
  if (cli_open_gazetteer(CMD, gaz, &c.g)) {
    goto done;
  }
  c.need_agg = c.fmt == FMT_GEOJSON || render_path != NULL;
  c.nagg_slots = 2 * gazmap_gazetteer_count(c.g) + 1;
  c.agg = calloc(c.nagg_slots, sizeof *c.agg);
  buf = malloc((size_t)chunk);
  so.lookahead = (size_t)lookahead;
  if (!c.agg || !buf) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  if (gazmap_scanner_new(&s, c.g, &so) < 0) {
    cli_fail(CMD);
    goto done;
  }
  for (;;) {
    size_t n = fread(buf, 1, (size_t)chunk, in);
    if (n > 0 && (src = gazmap_scanner_feed(s, buf, n, on_mention, &c)) != 0) {
      cli_fail(CMD);
      goto done;
    }
    if (n < (size_t)chunk) {
      break;
    }
  }
  if (ferror(in)) {
    fprintf(stderr, "gazmap %s: %s: read error\n", CMD, path);
    goto done;
  }
  if ((src = gazmap_scanner_finish(s, on_mention, &c)) != 0) {
    cli_fail(CMD);
    goto done;
  }
  if (c.fmt == FMT_JSON) {
    printf(c.shown ? "\n]\n" : "[]\n");
  }
  gazmap_scanner_stats(s, &st);
  if (st.invalid_utf8) {
    fprintf(stderr,
            "gazmap %s: warning: %s: %llu invalid UTF-8 byte%s (first at byte %llu) read as "
            "word separators\n",
            CMD, path, (unsigned long long)st.invalid_utf8, st.invalid_utf8 == 1 ? "" : "s",
            (unsigned long long)st.first_invalid);
  }
  if (c.need_agg) {
    v = sorted_places(&c, &nv);
    if (!v) {
      fprintf(stderr, "gazmap %s: out of memory\n", CMD);
      goto done;
    }
    if (c.fmt == FMT_GEOJSON) {
      print_geojson(v, nv);
    }
    if (render_path && render(&c, v, nv, render_path)) {
      goto done;
    }
  }
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gazmap %s: cannot write the output\n", CMD);
    goto done;
  }
  rc = c.shown ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
done:
  if (in && in != stdin) {
    fclose(in);
  }
  free(v);
  if (c.agg) {
    for (i = 0; i < c.nagg_slots; i++) {
      if (c.agg[i]) {
        size_t j;
        for (j = 0; j < c.agg[i]->nsurf; j++) {
          free(c.agg[i]->surfaces[j]);
        }
        free(c.agg[i]);
      }
    }
    free(c.agg);
  }
  free(buf);
  gazmap_scanner_free(s);
  gazmap_gazetteer_free(c.g);
  return rc;
}
