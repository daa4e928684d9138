/* gazmap find - every place a text names, streamed in constant memory. */
#define _GNU_SOURCE
#include "cli.h"
#include "gazmap/report.h"
#include "gazmap/scan.h"
#include "places.h" /* json.h, and the shared name and place objects (doc/json.md) */
#include "table.h"

#include <errno.h>
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

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_SWITCH, 't', 't', "table", NULL, "aligned table (the default on a terminal)"},
    {CLI_OPT_SWITCH, 'T', 0, "tsv", NULL,
     "tab-separated, one mention a line, with a header (the default when standard output is "
     "not a terminal)"},
    {CLI_OPT_SWITCH, 'j', 'j', "json", NULL, "a JSON array of mentions"},
    {CLI_OPT_SWITCH, 'G', 0, "geojson", NULL,
     "a GeoJSON FeatureCollection: one Point feature per place with its mention count, "
     "surfaces and offsets"},
    {CLI_OPT_VALUE, 'r', 'r', "render", "FILE",
     "also draw the places found on the default map (SVG, PNG or PDF by extension), the most "
     "mentioned emphasised"},
    {CLI_OPT_SWITCH, 'L', 0, "locations-only", NULL,
     "leave out place words inside organisation and agreement names (Minsk Group, Bishkek "
     "protocol)"},
    {CLI_OPT_VALUE, 'A', 0, "lookahead", "BYTES",
     "text read past a mention before its homonyms are resolved (default 16384)"},
    {CLI_OPT_VALUE, 'C', 0, "chunk", "BYTES", "read size (default 65536; for testing)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_find = {
    .name = CMD,
    .summary = "find every place named in a text",
    .usage = "[OPTIONS] FILE|-",
    .description = "Finds every place FILE (or standard input) names, in English, Turkish,\n"
                   "Azerbaijani, Russian or Armenian, whatever the spelling: one line per mention\n"
                   "with its byte offset and length, the surface as written, the place, its role,\n"
                   "how it matched, a confidence and why the place was chosen.  Any size of input\n"
                   "is read in chunks in constant memory.\n",
    .opts = options,
    .notes = "Homonyms are resolved from the text itself: the other places it names before\n"
             "the mention and up to --lookahead bytes after it.  Invalid UTF-8 is not fatal:\n"
             "each bad byte separates words, and one warning on standard error counts them.\n"
             "Place words in URLs, e-mail addresses and person names are not reported.\n",
    .run = run};

enum format { FMT_AUTO, FMT_TABLE, FMT_TSV, FMT_JSON, FMT_GEOJSON };

/* What --geojson lists of a place besides its mention count. */
typedef struct place_agg {
  const gazmap_place *place;
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
  cli_json_list json;
  /* For --geojson and --render: the mention count per place, in the
   * library's one mentions-to-highlights aggregation. */
  gazmap_highlight_set *places;
  /* For --geojson: offsets and surfaces per place, an open-addressing table
   * keyed by the place pointer, sized from the gazetteer (not the input). */
  place_agg **agg;
  size_t nagg_slots;
} find_cli;

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

/* Keeps the offset and (new) surface of a mention for --geojson. */
static int agg_add(find_cli *c, const gazmap_mention *m) {
  place_agg *a = agg_get(c, m->place);
  size_t i;
  if (!a) {
    return GAZMAP_ENOMEM;
  }
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
  return 0;
}

static json_t *mention_json(const gazmap_mention *m) {
  json_t *o = json_object();
  json_object_set_new(o, "offset", json_integer((json_int_t)m->offset));
  json_object_set_new(o, "length", json_integer((json_int_t)m->length));
  json_object_set_new(o, "surface", json_string(m->surface));
  if (m->place) {
    json_object_set_new(o, "id", json_string(gazmap_place_id(m->place)));
    json_object_set_new(o, "name", cli_place_name_json(m->place, NULL));
    json_object_set_new(o, "lat", json_real(gazmap_place_lat(m->place)));
    json_object_set_new(o, "lon", json_real(gazmap_place_lon(m->place)));
  } else {
    /* Unresolved: no place, no coordinates; the cue and the hint instead. */
    json_object_set_new(o, "id", json_null());
    json_object_set_new(o, "name", json_null());
    json_object_set_new(o, "lat", json_null());
    json_object_set_new(o, "lon", json_null());
  }
  json_object_set_new(o, "role", json_string(gazmap_role_name(m->role)));
  if (m->role == GAZMAP_ROLE_UNRESOLVED) {
    json_object_set_new(o, "cue", json_string(m->cue ? m->cue : ""));
    json_object_set_new(o, "hint", m->hint ? json_string(gazmap_place_id(m->hint)) : json_null());
  }
  json_object_set_new(o, "match", json_string(gazmap_match_kind_name(m->kind)));
  json_object_set_new(o, "confidence", cli_json_rounded(m->confidence, 3));
  json_object_set_new(o, "alternatives", json_integer(m->alternatives));
  json_object_set_new(o, "why", json_string(m->why));
  return o;
}

static void print_table_row(const find_cli *c, const gazmap_mention *m) {
  if (c->shown == 0) {
    printf("%10s %4s  %-24s %-20s %-12s %-8s %5s  %s\n", "OFFSET", "LEN", "SURFACE", "PLACE",
           "ROLE", "MATCH", "CONF", "WHY");
  }
  printf("%10llu %4zu  ", (unsigned long long)m->offset, m->length);
  cli_print_cell(stdout, m->surface, 24, 1);
  putchar(' ');
  cli_print_cell(stdout, m->place ? gazmap_place_id(m->place) : "-", 20, 1);
  printf(" %-12s %-8s %5.2f  %s\n", gazmap_role_name(m->role), gazmap_match_kind_name(m->kind),
         m->confidence, m->why);
}

static void print_tsv_row(const find_cli *c, const gazmap_mention *m) {
  if (c->shown == 0) {
    printf("offset\tlength\tsurface\tid\tname\trole\tmatch\tconfidence\twhy\n");
  }
  printf("%llu\t%zu\t", (unsigned long long)m->offset, m->length);
  cli_print_cell(stdout, m->surface, 0, 0);
  /* An unresolved mention has an empty id and name; its why gives the cue
   * and the hint. */
  printf("\t%s\t%s\t%s\t%s\t%.3f\t", m->place ? gazmap_place_id(m->place) : "",
         m->place ? gazmap_place_name(m->place) : "", gazmap_role_name(m->role),
         gazmap_match_kind_name(m->kind), m->confidence);
  cli_print_cell(stdout, m->why, 0, 0);
  putchar('\n');
}

static int on_mention(void *ud, const gazmap_mention *m) {
  find_cli *c = ud;
  int rc;
  if (c->locations_only &&
      (m->role == GAZMAP_ROLE_ORGANISATION || m->role == GAZMAP_ROLE_AGREEMENT)) {
    return 0;
  }
  /* The map and the GeoJSON show places: an unresolved mention has none. */
  if (m->place && c->places && (rc = gazmap_highlight_set_add(c->places, m->place)) < 0) {
    return rc;
  }
  if (m->place && c->agg && (rc = agg_add(c, m)) < 0) {
    return rc;
  }
  switch (c->fmt) {
  case FMT_TABLE:
    print_table_row(c, m);
    break;
  case FMT_TSV:
    print_tsv_row(c, m);
    break;
  case FMT_JSON:
    if (cli_json_list_add(&c->json, mention_json(m)) < 0) {
      return GAZMAP_ENOMEM;
    }
    break;
  default:
    break;
  }
  c->shown++;
  return 0;
}

static json_t *feature_json(find_cli *c, const gazmap_highlight *h) {
  const gazmap_place *p = h->place;
  const place_agg *a = agg_get(c, p);
  json_t *f = json_object(), *geom = json_object(), *props = json_object();
  json_t *coords = json_array(), *surfaces = json_array(), *offsets = json_array();
  size_t j;
  if (!a) {
    return NULL;
  }
  json_array_append_new(coords, json_real(gazmap_place_lon(p)));
  json_array_append_new(coords, json_real(gazmap_place_lat(p)));
  json_object_set_new(geom, "type", json_string("Point"));
  json_object_set_new(geom, "coordinates", coords);
  for (j = 0; j < a->nsurf; j++) {
    json_array_append_new(surfaces, json_string(a->surfaces[j]));
  }
  for (j = 0; j < a->noff; j++) {
    json_array_append_new(offsets, json_integer((json_int_t)a->offsets[j]));
  }
  json_object_set_new(props, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(props, "name", json_string(gazmap_place_name(p)));
  json_object_set_new(props, "kind", json_string(gazmap_kind_name(gazmap_place_kind(p))));
  json_object_set_new(props, "mentions", json_integer((json_int_t)h->weight));
  json_object_set_new(props, "surfaces", surfaces);
  json_object_set_new(props, "offsets", offsets);
  json_object_set_new(props, "truncated", json_boolean(a->truncated));
  json_object_set_new(f, "type", json_string("Feature"));
  json_object_set_new(f, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(f, "geometry", geom);
  json_object_set_new(f, "properties", props);
  return f;
}

/* One feature per place found, in the highlights' order: most mentioned
 * first, ties by id. */
static int print_geojson(find_cli *c) {
  cli_json_list features = {stdout, 0};
  const gazmap_highlight *h;
  size_t n, i;
  gazmap_highlight_set_get(c->places, &h, &n);
  printf("{\"type\": \"FeatureCollection\", \"features\": ");
  for (i = 0; i < n; i++) {
    if (cli_json_list_add(&features, feature_json(c, &h[i])) < 0) {
      return -1;
    }
  }
  cli_json_list_end(&features);
  printf("}\n");
  return 0;
}

static int render(find_cli *c, const char *path) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_highlight_set_get(c->places, &o.highlights, &o.n_highlights);
  return gazmap_render_file(c->g, &o, GAZMAP_FORMAT_AUTO, path) < 0 ? cli_fail(CMD) : 0;
}

static int run(int argc, char **argv) {
  find_cli c;
  gazmap_scan_opts so = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *s = NULL;
  gazmap_scan_stats st;
  const char *gaz = NULL, *render_path = NULL, *path;
  long chunk = CHUNK, lookahead = 0;
  FILE *in = NULL;
  char *buf = NULL;
  size_t i;
  cli_opt_parser op;
  int opt, rc = CLI_EXIT_ERROR, src;

  memset(&c, 0, sizeof c);
  cli_opt_init(&op, &cli_cmd_find, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
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
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
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
    fprintf(stderr, "gazmap %s: %s: cannot open: %s\n", CMD, path, strerror(errno));
    return CLI_EXIT_ERROR;
  }
  if (cli_open_gazetteer(CMD, gaz, &c.g)) {
    goto done;
  }
  c.json.to = stdout;
  if ((c.fmt == FMT_GEOJSON || render_path) && gazmap_highlight_set_new(&c.places) < 0) {
    cli_fail(CMD);
    goto done;
  }
  if (c.fmt == FMT_GEOJSON) {
    c.nagg_slots = 2 * gazmap_gazetteer_count(c.g) + 1;
    c.agg = calloc(c.nagg_slots, sizeof *c.agg);
  }
  buf = malloc((size_t)chunk);
  so.lookahead = (size_t)lookahead;
  /* The CLI reports the places the gazetteer lacks (role unresolved). */
  so.unresolved = 1;
  if ((c.fmt == FMT_GEOJSON && !c.agg) || !buf) {
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
    fprintf(stderr, "gazmap %s: %s: cannot read: %s\n", CMD, path, strerror(errno));
    goto done;
  }
  if ((src = gazmap_scanner_finish(s, on_mention, &c)) != 0) {
    cli_fail(CMD);
    goto done;
  }
  if (c.fmt == FMT_JSON) {
    cli_json_list_end(&c.json);
    putchar('\n');
  }
  gazmap_scanner_stats(s, &st);
  if (st.invalid_utf8) {
    fprintf(stderr,
            "gazmap %s: warning: %s: %llu invalid UTF-8 byte%s (first at byte %llu) read as "
            "word separators\n",
            CMD, path, (unsigned long long)st.invalid_utf8, st.invalid_utf8 == 1 ? "" : "s",
            (unsigned long long)st.first_invalid);
  }
  if (c.fmt == FMT_GEOJSON && print_geojson(&c) < 0) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  if (render_path && render(&c, render_path)) {
    goto done;
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
  gazmap_highlight_set_free(c.places);
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
