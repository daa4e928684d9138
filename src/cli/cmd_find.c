/* gazmap find - every place a text names, streamed in constant memory.
 *
 * The formats and the options are here; the inputs (files, directory
 * walks, --jsonl documents) and the -j threads that scan them are in
 * find_inputs.c. */
#define _GNU_SOURCE
#include "cli.h"
#include "gazmap/report.h"
#include "gazmap/scan.h"
#include "find_inputs.h"
#include "module.h"
#include "overlay_opts.h"
#include "places.h" /* json.h, and the shared name and place objects (doc/json.md) */
#include "table.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CMD "find"
#define CHUNK (64 * 1024)
/* Per place, the GeoJSON keeps at most this many offsets and surfaces, so
 * that memory does not grow with the input; "truncated" says when. */
#define MAX_OFFSETS 256
#define MAX_SURFACES 16
/* Inputs in flight per worker: scanned, or waiting for the inputs before
 * them to be written. */
#define WINDOW_PER_JOB 4

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_SWITCH, 't', 't', "table", NULL, "aligned table (the default on a terminal)"},
    {CLI_OPT_SWITCH, 'T', 0, "tsv", NULL,
     "tab-separated, one mention a line, with a header (the default when standard output is "
     "not a terminal)"},
    {CLI_OPT_SWITCH, 'J', 0, "json", NULL,
     "a JSON array of mentions; JSON Lines (one mention object a line, with its file) when "
     "there are several inputs"},
    {CLI_OPT_SWITCH, 'G', 0, "geojson", NULL,
     "a GeoJSON FeatureCollection: one Point feature per place with its mention count per "
     "role, surfaces and offsets"},
    {CLI_OPT_SWITCH, 'l', 0, "jsonl", NULL,
     "read documents as JSON Lines ({\"id\": ..., \"text\": ...} a line) and write one JSON "
     "line per mention with the document's id"},
    {CLI_OPT_VALUE, 'o', 0, "offsets", "UNIT",
     "count offsets and lengths in bytes (UTF-8, the default), chars (code points, as Python "
     "indexes strings) or utf16 (code units, as JavaScript does)"},
    {CLI_OPT_SWITCH, 'R', 'R', "recursive", NULL,
     "scan the files under each directory given, in name order, skipping binary files"},
    {CLI_OPT_VALUE, 'j', 'j', "jobs", "N",
     "scan up to N inputs at once (default: the number of cores); the output order does not "
     "depend on it"},
    {CLI_OPT_VALUE, 'r', 'r', "render", "FILE",
     "also draw the places found on the default map (SVG, PNG or PDF by extension), the most "
     "mentioned emphasised"},
    CLI_OVERLAY_OPTIONS,
    {CLI_OPT_SWITCH, 'L', 0, "locations-only", NULL,
     "leave out place words inside organisation and agreement names (Minsk Group, Bishkek "
     "protocol)"},
    {CLI_OPT_SWITCH, 'a', 0, "all-roles", NULL,
     "keep in the GeoJSON and the map the places named only inside organisation or agreement "
     "names (left out by default)"},
    {CLI_OPT_SWITCH, 'U', 0, "no-unresolved", NULL,
     "leave out the places the text marks as places (\"the village of X\") that the gazetteer "
     "lacks (reported with role unresolved by default)"},
    {CLI_OPT_VALUE, 'A', 0, "lookahead", "BYTES",
     "text read past a mention before its homonyms are resolved (default 16384)"},
    {CLI_OPT_VALUE, 'C', 0, "chunk", "BYTES", "read size (default 65536; for testing)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_find = {
    .name = CMD,
    .summary = "find every place named in a text",
    .usage = "[OPTIONS] FILE|-...\n[OPTIONS] --recursive DIR...\n[OPTIONS] --jsonl FILE|-",
    .description = "Finds every place FILE (or standard input) names, in English, Turkish,\n"
                   "Azerbaijani, Russian or Armenian, whatever the spelling: one line per mention\n"
                   "with its offset and length (in the unit --offsets says, named in the\n"
                   "output), the surface as written, the place, its role, how it matched, a\n"
                   "confidence and why the place was chosen.  Any size of input is read in\n"
                   "chunks in constant memory.  With several inputs each mention says its file\n"
                   "(a first column, or a \"file\" field).\n",
    .opts = options,
    .notes = "Homonyms are resolved from the text itself: the other places it names before\n"
             "the mention and up to --lookahead bytes after it.  Invalid UTF-8 is not fatal:\n"
             "each bad byte separates words (and counts as one character), and one warning\n"
             "on standard error counts them.  A NUL byte separates words like a space.\n"
             "Place words in URLs, e-mail addresses and person names are not reported.\n"
             "--geojson and --render add up the mentions of all inputs in one thread.\n",
    .run = run};

enum format { FMT_AUTO, FMT_TABLE, FMT_TSV, FMT_JSON, FMT_GEOJSON, FMT_JSONL };

/* What --geojson and --render keep of a place: its mentions per role, and
 * for the GeoJSON some offsets and surfaces. */
typedef struct place_agg {
  const gazmap_place *place;
  uint64_t roles[GAZMAP_ROLE_UNRESOLVED]; /* location, organisation, agreement */
  size_t noff;
  uint64_t offsets[MAX_OFFSETS];
  size_t nsurf;
  char *surfaces[MAX_SURFACES];
  int truncated;
} place_agg;

typedef struct find_cli {
  enum format fmt;
  cli_unit unit;
  int locations_only;
  int all_roles;
  int many;        /* several inputs: a file column or field, JSON Lines */
  int header_done; /* the TSV or table header is written */
  uint64_t shown;
  gazmap_gazetteer *g;
  gazmap_scan_opts so;
  long chunk;
  cli_json_list json;
  /* For --geojson and --render: an open-addressing table keyed by the place
   * pointer, sized from the gazetteer (not the input). */
  place_agg **agg;
  size_t nagg_slots;
} find_cli;

/* Where the mentions of one input go. */
typedef struct sink {
  find_cli *c;
  FILE *f;
  const char *file;    /* the input's name for the file column, or NULL */
  const json_t *docid; /* --jsonl: the document's id (borrowed) */
  /* The file column of the TSV or the table as cli_print_cell writes it
   * (with the separator after it), made once per input rather than once
   * per row: a name goes through a per-character width look-up, which cost
   * a third of a multi-file run.  Owned; NULL when there is no file column. */
  char *cell;
  size_t cell_len;
  uint64_t shown;
} sink;

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

/* Keeps the role, offset and (new) surface of a mention. */
static int agg_add(find_cli *c, const gazmap_mention *m, uint64_t off) {
  place_agg *a = agg_get(c, m->place);
  size_t i;
  if (!a) {
    return GAZMAP_ENOMEM;
  }
  a->roles[m->role]++;
  if (a->noff < MAX_OFFSETS) {
    a->offsets[a->noff++] = off;
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

static json_t *mention_json(const sink *k, const gazmap_mention *m) {
  const find_cli *c = k->c;
  json_t *o = json_object();
  if (k->docid) {
    json_object_set_new(o, "doc_id", json_deep_copy(k->docid));
  }
  if (k->file) {
    json_object_set_new(o, "file", json_string(k->file));
  }
  return cli_mention_fields(o, m, c->unit);
}

/* The header names the offsets' unit: "byte_offset", "CHAR-OFF". */
static void print_header(const find_cli *c, FILE *f) {
  static const char *const tsv_off[] = {"byte_offset\tbyte_length", "char_offset\tchar_length",
                                        "utf16_offset\tutf16_length"};
  static const char *const table_off[] = {"BYTE-OFF", "CHAR-OFF", "UTF16-OFF"};
  if (c->fmt == FMT_TSV) {
    fprintf(f, "%s%s\tsurface\tid\tname\trole\tmatch\tconfidence\twhy\n", c->many ? "file\t" : "",
            tsv_off[c->unit]);
  } else if (c->fmt == FMT_TABLE) {
    if (c->many) {
      fprintf(f, "%-20s ", "FILE");
    }
    fprintf(f, "%10s %4s  %-24s %-20s %-12s %-8s %5s  %s\n", table_off[c->unit], "LEN", "SURFACE",
            "PLACE", "ROLE", "MATCH", "CONF", "WHY");
  }
}

static void print_table_row(const sink *k, const gazmap_mention *m) {
  if (k->cell) {
    fwrite(k->cell, 1, k->cell_len, k->f);
  }
  fprintf(k->f, "%10llu %4llu  ", (unsigned long long)cli_mention_offset(m, k->c->unit),
          (unsigned long long)cli_mention_length(m, k->c->unit));
  cli_print_cell(k->f, m->surface, 24, 1);
  fputc(' ', k->f);
  cli_print_cell(k->f, m->place ? gazmap_place_id(m->place) : "-", 20, 1);
  fprintf(k->f, " %-12s %-8s %5.2f  %s\n", gazmap_role_name(m->role),
          gazmap_match_kind_name(m->kind), m->confidence, m->why);
}

/* A TSV row is made in memory and written with one call: the row is a
 * dozen short pieces, and stdio's per-call cost (locking aside) was more
 * than the copying.  A piece that does not fit is written through. */
#define ROW_CAP 2048
typedef struct row_buf {
  FILE *f;
  size_t n;
  char b[ROW_CAP];
} row_buf;

static void row_flush(row_buf *r) {
  fwrite_unlocked(r->b, 1, r->n, r->f);
  r->n = 0;
}

static void row_put(row_buf *r, const char *s, size_t n) {
  if (r->n + n > ROW_CAP) {
    row_flush(r);
    if (n > ROW_CAP) {
      fwrite_unlocked(s, 1, n, r->f);
      return;
    }
  }
  memcpy(r->b + r->n, s, n);
  r->n += n;
}

static void row_char(row_buf *r, char c) {
  if (r->n == ROW_CAP) {
    row_flush(r);
  }
  r->b[r->n++] = c;
}

static void row_str(row_buf *r, const char *s) {
  row_put(r, s, strlen(s));
}

/* A TSV cell: the bytes as they are, each control character (a tab, a
 * line break inside a surface) a space -- what cli_print_cell writes for
 * valid UTF-8, which every string the scanner gives is, without its
 * per-character width look-up, the dearest step of writing a row. */
static void row_cell(row_buf *r, const char *s) {
  const char *run = s, *e = s + strlen(s);
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  while (s < e) {
    /* Eight bytes at a time while none is a control character: a byte
     * below 0x20, or 0x7f (the classic "has a byte less than n" and "has a
     * zero byte" bit tricks; both only ever miss nothing). */
    if (e - s >= 8) {
      uint64_t w, del;
      memcpy(&w, s, 8);
      del = w ^ (0x7f * ones);
      if (!(((w - 0x20 * ones) & ~w & highs) | ((del - ones) & ~del & highs))) {
        s += 8;
        continue;
      }
    }
    if ((unsigned char)*s < 0x20 || *s == 0x7f) {
      row_put(r, run, (size_t)(s - run));
      row_char(r, ' ');
      run = s + 1;
    }
    s++;
  }
  row_put(r, run, (size_t)(s - run));
}

/* An unsigned number, without printf (a row is mostly numbers and short
 * strings, and printf's parsing cost more than the rest of the row). */
static void row_u64(row_buf *r, uint64_t v) {
  char d[24];
  size_t n = sizeof d;
  do {
    d[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  row_put(r, d + n, sizeof d - n);
}

/* A confidence (0..1) as "%.3f" would write it: exactly, since printf's
 * rounding of a value this close to a half cannot be told from the
 * product, those few go through printf. */
static void row_confidence(row_buf *r, double v) {
  double x = v * 1000.0, frac = x - floor(x);
  char d[5];
  long k;
  if (!(v >= 0.0 && v <= 1.0) || fabs(frac - 0.5) < 1e-6) {
    char t[64];
    int n = snprintf(t, sizeof t, "%.3f", v);
    row_put(r, t, n > 0 ? (size_t)n : 0);
    return;
  }
  k = lround(x);
  d[0] = (char)('0' + k / 1000);
  d[1] = '.';
  d[2] = (char)('0' + k / 100 % 10);
  d[3] = (char)('0' + k / 10 % 10);
  d[4] = (char)('0' + k % 10);
  row_put(r, d, sizeof d);
}

static void print_tsv_row(const sink *k, const gazmap_mention *m) {
  row_buf r;
  r.f = k->f;
  r.n = 0;
  if (k->cell) {
    row_put(&r, k->cell, k->cell_len);
  }
  row_u64(&r, cli_mention_offset(m, k->c->unit));
  row_char(&r, '\t');
  row_u64(&r, cli_mention_length(m, k->c->unit));
  row_char(&r, '\t');
  row_cell(&r, m->surface);
  /* An unresolved mention has an empty id and name; its why gives the cue
   * and the hint. */
  row_char(&r, '\t');
  row_str(&r, m->place ? gazmap_place_id(m->place) : "");
  row_char(&r, '\t');
  row_str(&r, m->place ? gazmap_place_name(m->place) : "");
  row_char(&r, '\t');
  row_str(&r, gazmap_role_name(m->role));
  row_char(&r, '\t');
  row_str(&r, gazmap_match_kind_name(m->kind));
  row_char(&r, '\t');
  row_confidence(&r, m->confidence);
  row_char(&r, '\t');
  row_cell(&r, m->why);
  row_char(&r, '\n');
  row_flush(&r);
}

static int on_mention(void *ud, const gazmap_mention *m) {
  sink *k = ud;
  find_cli *c = k->c;
  int rc;
  if (c->locations_only &&
      (m->role == GAZMAP_ROLE_ORGANISATION || m->role == GAZMAP_ROLE_AGREEMENT)) {
    return 0;
  }
  /* The map and the GeoJSON show places: an unresolved mention has none. */
  if (m->place && c->agg && (rc = agg_add(c, m, cli_mention_offset(m, c->unit))) < 0) {
    return rc;
  }
  /* In a worker the header is written when the outputs are put together. */
  if (k->f == stdout && !c->header_done) {
    print_header(c, stdout);
    c->header_done = 1;
  }
  switch (c->fmt) {
  case FMT_TABLE:
    print_table_row(k, m);
    break;
  case FMT_TSV:
    print_tsv_row(k, m);
    break;
  case FMT_JSON:
  case FMT_JSONL:
    /* One input: a JSON array; several, or --jsonl: one JSON line each. */
    if (c->fmt == FMT_JSON && !c->many) {
      rc = cli_json_list_add(&c->json, mention_json(k, m));
    } else {
      /* cli_print_json borrows the value: released here. */
      json_t *o = mention_json(k, m);
      rc = cli_print_json(k->f, o, CLI_JSON_LINE);
      json_decref(o);
    }
    if (rc < 0) {
      return GAZMAP_ENOMEM;
    }
    break;
  default:
    break;
  }
  k->shown++;
  return 0;
}

/* Whether a place goes on the map and into the GeoJSON: named as a place at
 * least once, or --all-roles. */
static int agg_shown(const find_cli *c, const place_agg *a) {
  return a && (c->all_roles || a->roles[GAZMAP_ROLE_LOCATION] > 0);
}

/* The highlights of the places shown, weighted by their mentions. */
static int build_highlights(find_cli *c, gazmap_highlight_set **out) {
  size_t i;
  uint64_t k;
  int rc = gazmap_highlight_set_new(out);
  for (i = 0; rc >= 0 && i < c->nagg_slots; i++) {
    const place_agg *a = c->agg[i];
    if (!agg_shown(c, a)) {
      continue;
    }
    for (k = 0; rc >= 0 && k < a->roles[0] + a->roles[1] + a->roles[2]; k++) {
      rc = gazmap_highlight_set_add(*out, a->place);
    }
  }
  return rc;
}

static json_t *feature_json(find_cli *c, const gazmap_highlight *h) {
  const gazmap_place *p = h->place;
  const place_agg *a = agg_get(c, p);
  json_t *f = json_object(), *geom = json_object(), *props = json_object();
  json_t *coords = json_array(), *surfaces = json_array(), *offsets = json_array();
  json_t *roles = json_object();
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
  for (j = 0; j < GAZMAP_ROLE_UNRESOLVED; j++) {
    json_object_set_new(roles, gazmap_role_name((gazmap_role)j),
                        json_integer((json_int_t)a->roles[j]));
  }
  json_object_set_new(props, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(props, "name", json_string(gazmap_place_name(p)));
  json_object_set_new(props, "kind", json_string(gazmap_kind_name(gazmap_place_kind(p))));
  json_object_set_new(props, "mentions", json_integer((json_int_t)h->weight));
  json_object_set_new(props, "roles", roles);
  json_object_set_new(props, "surfaces", surfaces);
  json_object_set_new(props, "offsets", offsets);
  json_object_set_new(props, "offset_unit", json_string(cli_unit_names[c->unit]));
  json_object_set_new(props, "truncated", json_boolean(a->truncated));
  json_object_set_new(f, "type", json_string("Feature"));
  json_object_set_new(f, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(f, "geometry", geom);
  json_object_set_new(f, "properties", props);
  return f;
}

/* One feature per place shown, in the highlights' order: most mentioned
 * first, ties by id. */
static int print_geojson(find_cli *c, gazmap_highlight_set *places) {
  cli_json_list features = {stdout, 0};
  const gazmap_highlight *h;
  size_t n, i;
  gazmap_highlight_set_get(places, &h, &n);
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

/* The map of the places found, with the --add overlays (read before the
 * scan). */
static int render(find_cli *c, gazmap_highlight_set *places, const cli_overlays *ovl,
                  const char *path) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_highlight_set_get(places, &o.highlights, &o.n_highlights);
  cli_overlays_apply(ovl, &o);
  return gazmap_render_file(c->g, &o, GAZMAP_FORMAT_AUTO, path) < 0 ? cli_fail(CMD) : 0;
}

/* ---- scanning one input ----------------------------------------------------- */

/* The file cell of the TSV (the table printer's bytes for any name, then a
 * tab) or of the table (20 columns, then a space), into k->cell; 0 or -1
 * (out of memory). */
static int make_file_cell(sink *k) {
  FILE *m = open_memstream(&k->cell, &k->cell_len);
  int table = k->c->fmt == FMT_TABLE;
  if (!m) {
    return -1;
  }
  cli_print_cell(m, k->file, table ? 20 : 0, table);
  fputc(table ? ' ' : '\t', m);
  if (fclose(m) != 0) {
    free(k->cell); /* open_memstream may have made one */
    k->cell = NULL;
    return -1;
  }
  return 0;
}

/* find_scan_fn: one input into `out`. */
static int scan_input(void *ctx, gazmap_scanner *s, find_job *j, FILE *out, char *buf) {
  find_cli *c = ctx;
  gazmap_scan_stats st;
  sink k = {c, out, c->many ? j->path : NULL, j->docid, NULL, 0, 0};
  FILE *in = NULL;
  int rc = -1;
  if (k.file && (c->fmt == FMT_TSV || c->fmt == FMT_TABLE) && make_file_cell(&k) < 0) {
    find_job_fail(j, "out of memory");
    return -1;
  }
  if (j->path) {
    in = strcmp(j->path, "-") ? fopen(j->path, "rb") : stdin;
    if (!in) {
      char why[160];
      snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
      find_job_fail(j, why);
      goto done;
    }
    for (;;) {
      size_t n = fread(buf, 1, (size_t)c->chunk, in);
      if (n > 0 && gazmap_scanner_feed(s, buf, n, on_mention, &k) != 0) {
        find_job_fail(j, NULL);
        goto done;
      }
      if (n < (size_t)c->chunk) {
        break;
      }
    }
    if (ferror(in)) {
      char why[160];
      snprintf(why, sizeof why, "cannot read: %s", strerror(errno));
      find_job_fail(j, why);
      goto done;
    }
  } else if (gazmap_scanner_feed(s, j->text, j->len, on_mention, &k) != 0) {
    find_job_fail(j, NULL);
    goto done;
  }
  if (gazmap_scanner_finish(s, on_mention, &k) != 0) {
    find_job_fail(j, NULL);
    goto done;
  }
  gazmap_scanner_stats(s, &st);
  j->invalid = st.invalid_utf8;
  j->first_invalid = st.first_invalid;
  rc = 0;
done:
  j->shown = k.shown;
  free(k.cell);
  if (in && in != stdin) {
    fclose(in);
  }
  return rc;
}

/* find_begin_fn: the header before the first output a worker made. */
static void begin_output(void *ctx) {
  find_cli *c = ctx;
  if (!c->header_done) {
    print_header(c, stdout);
    c->header_done = 1;
  }
}

static int parse_unit(const char *v, cli_unit *out) {
  size_t i;
  for (i = 0; i < sizeof cli_unit_names / sizeof *cli_unit_names; i++) {
    if (!strcmp(v, cli_unit_names[i])) {
      *out = (cli_unit)i;
      return 0;
    }
  }
  return cli_usage(CMD, "--offsets takes bytes, chars or utf16, not '%s'", v);
}

static int run(int argc, char **argv) {
  find_cli c;
  find_pool p;
  gazmap_highlight_set *places = NULL;
  const char *render_path = NULL;
  long lookahead = 0, jobs = 0;
  int recursive = 0, jsonl = 0, no_unresolved = 0, i;
  cli_overlays ovl = CLI_OVERLAYS_INIT;
  size_t k;
  cli_opt_parser op;
  int opt, rc = CLI_EXIT_ERROR;

  memset(&c, 0, sizeof c);
  memset(&p, 0, sizeof p);
  c.chunk = CHUNK;
  cli_opt_init(&op, &cli_cmd_find, argc, argv);
  cli_overlays_parse_into(&op, &ovl);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 't':
      c.fmt = FMT_TABLE;
      break;
    case 'T':
      c.fmt = FMT_TSV;
      break;
    case 'J':
      c.fmt = FMT_JSON;
      break;
    case 'G':
      c.fmt = FMT_GEOJSON;
      break;
    case 'l':
      jsonl = 1;
      break;
    case 'o':
      if (parse_unit(optarg, &c.unit)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'R':
      recursive = 1;
      break;
    case 'j':
      if (cli_parse_long(CMD, "--jobs", optarg, 1, FIND_MAX_JOBS, &jobs)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'r':
      render_path = optarg;
      break;
    case 'L':
      c.locations_only = 1;
      break;
    case 'a':
      c.all_roles = 1;
      break;
    case 'U':
      no_unresolved = 1;
      break;
    case 'A':
      if (cli_parse_long(CMD, "--lookahead", optarg, 1, 1L << 30, &lookahead)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'C':
      if (cli_parse_long(CMD, "--chunk", optarg, 1, 1L << 30, &c.chunk)) {
        return CLI_EXIT_ERROR;
      }
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (optind == argc) {
    return cli_usage(CMD, "expected a FILE (or - for standard input)");
  }
  if (jsonl && (optind != argc - 1 || recursive)) {
    return cli_usage(CMD, "--jsonl reads one FILE (or - for standard input)");
  }
  if (jsonl && (c.fmt == FMT_GEOJSON || c.fmt == FMT_TABLE || render_path)) {
    return cli_usage(CMD, "--jsonl writes JSON Lines only");
  }
  if (render_path && cli_module_require(CMD)) { /* the map module draws; before any scan */
    return CLI_EXIT_ERROR;
  }
  if (ovl.n && !render_path) {
    return cli_usage(CMD, "--add draws on the map of --render, and there is none");
  }
  for (i = optind; i < argc; i++) {
    struct stat sb;
    if (strcmp(argv[i], "-") && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode) && !recursive) {
      fprintf(stderr, "gazmap %s: %s: is a directory (use --recursive)\n", CMD, argv[i]);
      return CLI_EXIT_ERROR;
    }
  }
  c.many = !jsonl && (recursive || argc - optind > 1);
  if (jsonl) {
    c.fmt = FMT_JSONL;
  } else if (c.fmt == FMT_AUTO) {
    c.fmt = isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_TSV;
  }
  /* A bad overlay stops the command before it writes anything. */
  if (cli_overlays_read(&ovl, CMD)) {
    goto done;
  }
  if (cli_open_gazetteer(CMD, NULL, &c.g)) {
    goto done;
  }
  c.json.to = stdout;
  if (c.fmt == FMT_GEOJSON || render_path) {
    c.nagg_slots = 2 * gazmap_gazetteer_count(c.g) + 1;
    c.agg = calloc(c.nagg_slots, sizeof *c.agg);
  }
  c.so = (gazmap_scan_opts)GAZMAP_SCAN_OPTS_INIT;
  c.so.lookahead = (size_t)lookahead;
  /* The CLI reports the places the gazetteer lacks (role unresolved)
   * unless told not to. */
  c.so.unresolved = !no_unresolved;
  p.g = c.g;
  p.so = &c.so;
  p.chunk = (size_t)c.chunk;
  p.scan = scan_input;
  p.begin = begin_output;
  p.ctx = &c;
  p.buf0 = malloc((size_t)c.chunk);
  if (((c.fmt == FMT_GEOJSON || render_path) && !c.agg) || !p.buf0) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  /* The first scanner builds the gazetteer's name index, which the
   * workers' scanners then only read. */
  if (gazmap_scanner_new(&p.s0, c.g, &c.so) < 0) {
    cli_fail(CMD);
    goto done;
  }
  if (jobs == 0) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = n < 1 ? 1 : n > FIND_MAX_JOBS ? FIND_MAX_JOBS : n;
  }
  /* One input streams to standard output in this thread; the aggregations
   * of --geojson and --render are made in this thread too. */
  if ((c.many || jsonl) && jobs > 1 && !c.agg) {
    p.nthreads = (int)jobs;
    if (find_pool_start(&p, WINDOW_PER_JOB) < 0) {
      fprintf(stderr, "gazmap %s: out of memory\n", CMD);
      goto done;
    }
  }
  if (jsonl) {
    find_pool_read_jsonl(&p, argv[optind]);
  } else {
    for (i = optind; i < argc; i++) {
      struct stat sb;
      if (recursive && strcmp(argv[i], "-") && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
        find_pool_walk(&p, argv[i]);
      } else {
        find_pool_submit_path(&p, argv[i]);
      }
    }
  }
  find_pool_close(&p);
  c.shown = p.shown;
  if (c.fmt == FMT_JSON && !c.many) {
    cli_json_list_end(&c.json);
    putchar('\n');
  }
  if (c.agg && build_highlights(&c, &places) < 0) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  if (c.fmt == FMT_GEOJSON && print_geojson(&c, places) < 0) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    goto done;
  }
  if (render_path && render(&c, places, &ovl, render_path)) {
    goto done;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "gazmap %s: cannot write the output\n", CMD);
    goto done;
  }
  rc = p.failed ? CLI_EXIT_ERROR : c.shown ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
done:
  find_pool_close(&p);
  cli_overlays_free(&ovl);
  gazmap_highlight_set_free(places);
  if (c.agg) {
    for (k = 0; k < c.nagg_slots; k++) {
      if (c.agg[k]) {
        size_t j;
        for (j = 0; j < c.agg[k]->nsurf; j++) {
          free(c.agg[k]->surfaces[j]);
        }
        free(c.agg[k]);
      }
    }
    free(c.agg);
  }
  free(p.buf0);
  gazmap_scanner_free(p.s0);
  gazmap_gazetteer_free(c.g);
  return rc;
}
