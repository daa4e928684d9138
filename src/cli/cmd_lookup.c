/* gazmap lookup - find places by any of their names, in any script. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

#define CMD "lookup"
/* Candidates fetched per query: enough to say how many homonyms there are. */
#define MAX_CANDIDATES 64

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_SWITCH, 'a', 'a', "all", NULL, "list every candidate, ranked, not only the best"},
    {CLI_OPT_VALUE, 'l', 'l', "lang", "LANG",
     "print only the place's name in LANG (az, hy, ru ...)"},
    {CLI_OPT_SWITCH, 'j', 'j', "json", NULL, "print JSON (with '-': one JSON object a line)"},
    {CLI_OPT_SWITCH, 'G', 0, "geojson", NULL,
     "print a GeoJSON FeatureCollection: one Point per place found (doc/json.md)"},
    {CLI_OPT_VALUE, 'k', 'k', "kind", "K[,K...]",
     "accept only these kinds (country region district city town village pass river lake "
     "corridor route site waypoint)"},
    {CLI_OPT_SWITCH, 'p', 'p', "prefix", NULL,
     "also match names starting with the query (autocomplete)"},
    {CLI_OPT_SWITCH, 'F', 0, "no-fuzzy", NULL, "do not match by edit distance"},
    {CLI_OPT_VALUE, 'N', 0, "near", "LAT,LON",
     "rank skeleton and fuzzy matches by their distance from this point (default: the area of "
     "the curated places, the bundled data's region)"},
    {CLI_OPT_VALUE, 'S', 0, "min-score", "S",
     "refuse skeleton and fuzzy matches scoring below S, from 0 to 1 (default 0.30)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_lookup = {
    .name = CMD,
    .summary = "find a place by any of its names",
    .usage = "[OPTIONS] NAME...\n"
             "[OPTIONS] -",
    .description =
        "Finds the place each NAME denotes, whatever its spelling or script, and prints\n"
        "the best entry: id, canonical name, kind, coordinates, country, district, every\n"
        "name grouped by language, and how the query matched (exact, folded, skeleton,\n"
        "fuzzy or prefix).  When several places share a name they are ranked by match,\n"
        "then importance (kind, population, named in the source text), then id, and the\n"
        "output says why the first was chosen.\n",
    .opts = options,
    .notes = "The match kinds are layers, tried in turn: exact (the bytes of a name); folded\n"
             "(case, diacritics, Turkish and Azerbaijani letters, Cyrillic and Armenian\n"
             "transliterated to Latin, punctuation collapsed); skeleton (a key on which the\n"
             "usual romanizations meet: kh/x/h, sh/s, ch/c/j/dj, gh/g, q/g/k, vowels); fuzzy\n"
             "(skeletons a small edit distance apart, never for short names); and prefix\n"
             "(with --prefix).\n"
             "\n"
             "With '-' as the only NAME, each line of standard input is a query and each\n"
             "result is one tab-separated line: query, id, name, kind, lat, lon, country,\n"
             "match, score (unmatched queries print the query, empty fields and 'none'),\n"
             "after a header line naming the columns.  JSON and GeoJSON: doc/json.md.\n",
    .run = run};

typedef struct lookup_cli {
  int all, json, geojson, batch;
  int blocks; /* blocks printed so far: a blank line separates them */
  const char *lang;
  gazmap_lookup_opts opts;
  gazmap_gazetteer *g;
  gazmap_match m[MAX_CANDIDATES];
  json_t *json_out;      /* array of results when printing JSON for arguments */
  cli_json_list features; /* the GeoJSON features, streamed */
} lookup_cli;

/* How many candidates tie with the best on match kind and distance: the
 * places that share the queried name. */
static size_t count_homonyms(const gazmap_match *m, size_t n) {
  size_t i = 1;
  while (i < n && m[i].kind == m[0].kind && m[i].distance == m[0].distance) {
    i++;
  }
  return n ? i : 0;
}

static void print_block(const lookup_cli *c, const char *query, size_t n) {
  const gazmap_match *best = &c->m[0];
  const gazmap_place *p = best->place;
  size_t homonyms = count_homonyms(c->m, n), i;

  printf("query     %s\n", query);
  printf("id        %s\n", gazmap_place_id(p));
  printf("name      %s\n", gazmap_place_name(p));
  printf("kind      %s\n", gazmap_kind_name(gazmap_place_kind(p)));
  printf("location  %.5f, %.5f\n", gazmap_place_lat(p), gazmap_place_lon(p));
  printf("country   %s\n", *gazmap_place_country(p) ? gazmap_place_country(p) : "-");
  printf("district  %s\n", *gazmap_place_district(p) ? gazmap_place_district(p) : "-");
  printf("match     %s", gazmap_match_kind_name(best->kind));
  if (best->kind == GAZMAP_MATCH_FUZZY) {
    printf(" (%d edit%s)", best->distance, best->distance == 1 ? "" : "s");
  }
  printf(" on %s \"%s\", score %.3f\n", best->name->lang, best->name->text, best->score);
  cli_print_names(stdout, p, "names     ", "          ");
  if (homonyms > 1) {
    /* Say why this one was chosen: several places answer equally well. */
    if (best->kind == GAZMAP_MATCH_EXACT || best->kind == GAZMAP_MATCH_FOLDED) {
      printf("homonyms  %zu places share this name", homonyms);
    } else {
      printf("homonyms  %zu places match this %s equally well", homonyms,
             gazmap_match_kind_name(best->kind));
    }
    printf("; ranked by importance (kind, population, named in the text):");
    for (i = 0; i < homonyms; i++) {
      printf(" %s%s", gazmap_place_id(c->m[i].place), i + 1 < homonyms ? "," : "");
    }
    printf(" (see --all)\n");
  }
}

static void print_all(const char *query, const gazmap_match *m, size_t n) {
  size_t i;
  printf("query     %s (%zu candidate%s)\n", query, n, n == 1 ? "" : "s");
  for (i = 0; i < n; i++) {
    const gazmap_place *p = m[i].place;
    printf("%3zu. ", i + 1);
    cli_print_cell(stdout, gazmap_place_id(p), 22, 0);
    putchar(' ');
    cli_print_cell(stdout, gazmap_place_name(p), 24, 0);
    printf(" %-9s %-2s %-8s %.3f  %s \"%s\"\n", gazmap_kind_name(gazmap_place_kind(p)),
           *gazmap_place_country(p) ? gazmap_place_country(p) : "-",
           gazmap_match_kind_name(m[i].kind), m[i].score, m[i].name->lang, m[i].name->text);
  }
}

static void print_line(const lookup_cli *c, const char *query, const gazmap_match *m) {
  const gazmap_place *p;
  if (!m) {
    printf("%s\t\t\t\t\t\t\tnone\t0\n", query);
    return;
  }
  p = m->place;
  printf("%s\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%.3f\n", query, gazmap_place_id(p),
         c->lang ? gazmap_place_name_in(p, c->lang) : gazmap_place_name(p),
         gazmap_kind_name(gazmap_place_kind(p)), gazmap_place_lat(p), gazmap_place_lon(p),
         gazmap_place_country(p), gazmap_match_kind_name(m->kind), m->score);
}

/* How candidate m matched (doc/json.md): the members a lookup result adds
 * to the place object, in JSON and GeoJSON alike. */
static json_t *match_json(const lookup_cli *c, const gazmap_match *m) {
  json_t *o = json_object();
  json_object_set_new(o, "match", json_string(gazmap_match_kind_name(m->kind)));
  json_object_set_new(o, "match_name", cli_name_json(m->name));
  json_object_set_new(o, "distance", json_integer(m->distance));
  json_object_set_new(o, "score", cli_json_rounded(m->score, 6));
  json_object_set_new(o, "name_in_lang",
                      c->lang ? cli_place_name_json(m->place, c->lang) : json_null());
  return o;
}

static json_t *result_json(const lookup_cli *c, const char *query, size_t n) {
  json_t *o = json_object(), *arr = json_array();
  size_t i, shown = c->all ? n : (n ? 1 : 0);
  json_object_set_new(o, "query", json_string(query));
  json_object_set_new(o, "matched", json_boolean(n > 0));
  json_object_set_new(o, "homonyms", json_integer((json_int_t)count_homonyms(c->m, n)));
  for (i = 0; i < shown; i++) {
    json_t *pj = cli_place_json(c->m[i].place), *mj = match_json(c, &c->m[i]);
    json_object_update(pj, mj);
    json_decref(mj);
    json_array_append_new(arr, pj);
  }
  json_object_set_new(o, "results", arr);
  return o;
}

/* Batch mode keeps one output row per input line: a line that cannot be
 * looked up (invalid UTF-8, say) gets a row saying so, the error itself
 * going to standard error. */
static void print_error_row(const lookup_cli *c, const char *query, const char *message) {
  if (c->geojson) {
    return; /* a FeatureCollection has no rows */
  }
  if (c->json) {
    json_t *o = json_object(), *q = json_string(query);
    json_object_set_new(o, "query", q ? q : json_null());
    json_object_set_new(o, "matched", json_false());
    json_object_set_new(o, "error", json_string(message));
    cli_print_json(stdout, o, CLI_JSON_COMPACT);
    json_decref(o);
  } else {
    printf("%s\t\t\t\t\t\t\terror\t0\n", query);
  }
}

/* --near LAT,LON: the point that ranks loose matches. */
static int parse_near(lookup_cli *c, const char *arg) {
  const char *comma = strchr(arg, ',');
  char lat[64];
  if (!comma || (size_t)(comma - arg) >= sizeof lat) {
    return cli_usage(CMD, "--near takes LAT,LON in decimal degrees (39.76,46.75), not '%s'", arg);
  }
  memcpy(lat, arg, (size_t)(comma - arg));
  lat[comma - arg] = '\0';
  if (cli_parse_double(CMD, "the latitude of --near", lat, -90, 90, &c->opts.near_lat) ||
      cli_parse_double(CMD, "the longitude of --near", comma + 1, -180, 180, &c->opts.near_lon)) {
    return CLI_EXIT_ERROR;
  }
  c->opts.has_near = 1;
  return 0;
}

/* Looks up one query and prints it.  Returns 0 when it matched, 1 when it
 * did not, or CLI_EXIT_ERROR (the error printed).  `lineno` is the line of
 * standard input in batch mode (for error messages), else 0. */
static int one_query(lookup_cli *c, const char *query, size_t len, unsigned long lineno) {
  size_t n = 0;
  if (gazmap_lookup(c->g, query, len, &c->opts, c->m, MAX_CANDIDATES, &n) < 0) {
    const gazmap_error *e = gazmap_error_last();
    if (lineno) {
      fprintf(stderr, "gazmap %s: standard input:%lu: %s\n", CMD, lineno, e->message);
      print_error_row(c, query, e->message);
    } else {
      fprintf(stderr, "gazmap %s: %s\n", CMD, e->message);
    }
    return CLI_EXIT_ERROR;
  }
  if (c->geojson) {
    size_t i, shown = c->all ? n : (n ? 1 : 0);
    for (i = 0; i < shown; i++) {
      json_t *props = match_json(c, &c->m[i]);
      json_object_set_new(props, "query", json_string(query));
      if (cli_json_list_add(&c->features, cli_place_feature(c->m[i].place, props)) < 0) {
        fprintf(stderr, "gazmap %s: out of memory\n", CMD);
        return CLI_EXIT_ERROR;
      }
    }
  } else if (c->json) {
    json_t *o = result_json(c, query, n);
    if (c->batch) {
      cli_print_json(stdout, o, CLI_JSON_COMPACT);
      json_decref(o);
    } else {
      json_array_append_new(c->json_out, o);
    }
  } else if (c->batch) {
    size_t i, shown = c->all ? n : (n ? 1 : 0);
    if (n == 0) {
      print_line(c, query, NULL);
    }
    for (i = 0; i < shown; i++) {
      print_line(c, query, &c->m[i]);
    }
  } else if (n == 0) {
    fprintf(stderr, "gazmap %s: no place matches '%s'\n", CMD, query);
  } else if (c->lang && !c->all) {
    if (c->blocks++ == 0) {
      printf("query\tid\tname\n");
    }
    printf("%s\t%s\t%s\n", query, gazmap_place_id(c->m[0].place),
           gazmap_place_name_in(c->m[0].place, c->lang));
  } else {
    if (c->blocks++ > 0) {
      putchar('\n');
    }
    if (c->all) {
      print_all(query, c->m, n);
    } else {
      print_block(c, query, n);
    }
  }
  return n ? 0 : 1;
}

/* The columns of batch mode's TSV (print_line). */
static const char batch_header[] = "query\tid\tname\tkind\tlat\tlon\tcountry\tmatch\tscore\n";


/* Batch mode: one query per line of standard input (cli_run_batch). */
static int batch_line(void *ctx, char *line, size_t len, unsigned long lineno) {
  lookup_cli *c = ctx;
  if (memchr(line, '\0', len)) {
    fprintf(stderr, "gazmap %s: standard input:%lu: the line contains a NUL byte\n", CMD, lineno);
    print_error_row(c, "", "the line contains a NUL byte");
    return CLI_EXIT_ERROR;
  }
  return one_query(c, line, len, lineno);
}

/* 1 when some place of `g` has a name in `lang` (its primary subtag: "hy"
 * also matches "hy-Latn"), so that a --lang no name has is an error rather
 * than English names under another label. */
static int gazetteer_has_lang(const gazmap_gazetteer *g, const char *lang) {
  size_t i, k, n = gazmap_gazetteer_count(g), ll = strcspn(lang, "-_");
  for (i = 0; i < n; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    for (k = 0; k < gazmap_place_name_count(p); k++) {
      const char *t = gazmap_place_name_at(p, k)->lang;
      if (t && !strncasecmp(t, lang, ll) && (t[ll] == '\0' || t[ll] == '-')) {
        return 1;
      }
    }
  }
  return 0;
}

static int run(int argc, char **argv) {
  static const gazmap_lookup_opts init = GAZMAP_LOOKUP_OPTS_INIT;
  lookup_cli *c = NULL;
  cli_opt_parser op;
  int opt, status = CLI_EXIT_OK, i;

  c = calloc(1, sizeof *c);
  if (!c) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    return CLI_EXIT_ERROR;
  }
  c->opts = init;
  cli_opt_init(&op, &cli_cmd_lookup, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'a':
      c->all = 1;
      break;
    case 'l':
      c->lang = optarg;
      break;
    case 'j':
      c->json = 1;
      break;
    case 'G':
      c->geojson = 1;
      break;
    case 'k':
      if (cli_parse_kinds(CMD, optarg, &c->opts.kinds)) {
        status = CLI_EXIT_ERROR;
        goto done;
      }
      break;
    case 'N':
      if (parse_near(c, optarg)) {
        status = CLI_EXIT_ERROR;
        goto done;
      }
      break;
    case 'S':
      if (cli_parse_double(CMD, "--min-score", optarg, 0, 1, &c->opts.min_score)) {
        status = CLI_EXIT_ERROR;
        goto done;
      }
      break;
    case 'p':
      c->opts.prefix = 1;
      break;
    case 'F':
      c->opts.fuzzy = 0;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    status = cli_opt_exit(opt);
    goto done;
  }
  if (optind >= argc) {
    status = cli_usage(CMD, "give at least one NAME, or '-' to read names from standard input");
    goto done;
  }
  if (c->json && c->geojson) {
    status = cli_usage(CMD, "--json and --geojson exclude each other");
    goto done;
  }
  c->batch = optind + 1 == argc && !strcmp(argv[optind], "-");
  c->opts.stop_at_first_kind = !c->all;
  c->opts.country = cli_gazetteer_countries();
  if (cli_open_gazetteer(CMD, NULL, &c->g)) {
    status = CLI_EXIT_ERROR;
    goto done;
  }
  if (c->json || c->geojson) {
    cli_places_extents(c->g);
  }
  if (c->lang && (!*c->lang || !gazetteer_has_lang(c->g, c->lang))) {
    status = cli_usage(CMD, "no place of the gazetteer has a name in language '%s'", c->lang);
    goto done;
  }
  c->features.to = stdout;
  if (c->geojson) {
    cli_geojson_begin(&c->features);
  }
  if (c->batch) {
    status = cli_run_batch(CMD, c->json || c->geojson ? NULL : batch_header, batch_line, c);
    if (c->geojson) {
      cli_geojson_end(&c->features);
    }
    goto done;
  }
  if (c->json) {
    c->json_out = json_array();
  }
  for (i = optind; i < argc; i++) {
    int rc = one_query(c, argv[i], strlen(argv[i]), 0);
    if (rc == CLI_EXIT_ERROR) {
      status = CLI_EXIT_ERROR;
      if (c->geojson) {
        cli_geojson_end(&c->features); /* never a half-written document */
      }
      goto done;
    }
    if (rc && status == CLI_EXIT_OK) {
      status = CLI_EXIT_NOMATCH;
    }
  }
  if (c->json) {
    cli_print_json(stdout, c->json_out, CLI_JSON_PRETTY);
  }
  if (c->geojson) {
    cli_geojson_end(&c->features);
  }
done:
  if (c) {
    json_decref(c->json_out);
    cli_places_extents_free();
    gazmap_gazetteer_free(c->g);
    free(c);
  }
  return status;
}
