/* gazmap near - the places nearest to a point, by geodesic distance. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"
#include "table.h"

#include <stdlib.h>
#include <string.h>

#define CMD "near"
#define MAX_K 1000

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'k', 'k', "count", "N", "how many places to list (default 10, at most 1000)"},
    {CLI_OPT_VALUE, 'K', 'K', "kind", "K[,K...]",
     "list only these kinds (town, city, district ...); waypoints are listed only when asked "
     "for"},
    {CLI_OPT_VALUE, 'w', 'w', "within", "KM",
     "list only places at most KM away (then up to 1000 unless -k says)"},
    {CLI_OPT_SWITCH, 'j', 'j', "json", NULL, "print JSON (with '-': one JSON object a line)"},
    {CLI_OPT_SWITCH, 'G', 0, "geojson", NULL,
     "print a GeoJSON FeatureCollection: one Point per place listed"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_near = {
    .name = CMD,
    .summary = "list the places nearest to a point",
    .usage = "[OPTIONS] LAT LON\n"
             "[OPTIONS] -",
    .description = "Lists the gazetteer entries nearest to the point (WGS84 decimal degrees),\n"
                   "nearest first, with the geodesic distance in km on the WGS84 ellipsoid.\n"
                   "Line vertices (kind waypoint) are left out unless --kind asks for them.\n",
    .opts = options,
    .notes = "Negative coordinates may follow '--' (gazmap near -- -33.9 18.4).\n"
             "\n"
             "With '-', each line of standard input is a point, \"LAT LON\" (separated by\n"
             "spaces, tabs or a comma), and each place found is one tab-separated line:\n"
             "lat, lon, rank, km, id, name, kind, country, after a header line naming the\n"
             "columns (with --json, one JSON object a line).  A bad line is reported with\n"
             "its number and the others are still answered.  JSON and GeoJSON:\n"
             "doc/json.md.\n",
    .digit_hint = "negative coordinates go after '--' (gazmap near -- -33.9 18.4)",
    .run = run};

/* One run's settings and state. */
typedef struct near_cli {
  gazmap_gazetteer *g;
  const gazmap_place **places;
  double *km;
  long k;
  double within; /* km; negative: no limit */
  unsigned kinds;
  int json, geojson, batch;
  cli_json_list features;
} near_cli;

/* The places near one point, printed; returns 0, CLI_EXIT_NOMATCH when none
 * qualifies, or CLI_EXIT_ERROR (printed).  `lineno`: the line of standard
 * input in batch mode, else 0. */
static int near_one(near_cli *c, double lat, double lon, unsigned long lineno) {
  size_t n = 0, i;
  if (gazmap_near(c->g, lat, lon, c->kinds, c->places, c->km, (size_t)c->k, &n) < 0) {
    const gazmap_error *e = gazmap_error_last();
    if (lineno) {
      fprintf(stderr, "gazmap %s: standard input:%lu: %s\n", CMD, lineno, e->message);
    } else {
      fprintf(stderr, "gazmap %s: %s\n", CMD, e->message);
    }
    return CLI_EXIT_ERROR;
  }
  /* Nearest first, so the places within reach are a prefix. */
  while (c->within >= 0 && n > 0 && c->km[n - 1] > c->within) {
    n--;
  }
  if (c->geojson) {
    for (i = 0; i < n; i++) {
      json_t *props = json_object();
      json_object_set_new(props, "km", cli_json_rounded(c->km[i], 3));
      json_object_set_new(props, "rank", json_integer((json_int_t)i + 1));
      json_object_set_new(props, "query_lat", json_real(lat));
      json_object_set_new(props, "query_lon", json_real(lon));
      if (cli_json_list_add(&c->features, cli_place_feature(c->places[i], props)) < 0) {
        fprintf(stderr, "gazmap %s: out of memory\n", CMD);
        return CLI_EXIT_ERROR;
      }
    }
  } else if (c->json) {
    json_t *arr = json_array();
    for (i = 0; i < n; i++) {
      json_t *o = cli_place_json(c->places[i]);
      json_object_set_new(o, "km", cli_json_rounded(c->km[i], 3));
      json_array_append_new(arr, o);
    }
    if (c->batch) {
      json_t *q = json_object();
      json_object_set_new(q, "lat", json_real(lat));
      json_object_set_new(q, "lon", json_real(lon));
      json_object_set_new(q, "results", arr);
      cli_print_json(stdout, q, CLI_JSON_COMPACT);
      json_decref(q);
    } else {
      cli_print_json(stdout, arr, CLI_JSON_PRETTY);
      json_decref(arr);
    }
  } else if (c->batch) {
    for (i = 0; i < n; i++) {
      const gazmap_place *p = c->places[i];
      printf("%.5f\t%.5f\t%zu\t%.3f\t%s\t%s\t%s\t%s\n", lat, lon, i + 1, c->km[i],
             gazmap_place_id(p), gazmap_place_name(p), gazmap_kind_name(gazmap_place_kind(p)),
             gazmap_place_country(p));
    }
  } else {
    for (i = 0; i < n; i++) {
      const gazmap_place *p = c->places[i];
      printf("%9.2f km  ", c->km[i]);
      cli_print_cell(stdout, gazmap_place_id(p), 24, 0);
      putchar(' ');
      cli_print_cell(stdout, gazmap_place_name(p), 26, 0);
      printf(" %-9s %s\n", gazmap_kind_name(gazmap_place_kind(p)),
             *gazmap_place_country(p) ? gazmap_place_country(p) : "-");
    }
  }
  return n ? 0 : CLI_EXIT_NOMATCH;
}

/* Parses "LAT LON", "LAT,LON" or "LAT\tLON" with nothing else on the line;
 * 0, or -1 with a reason in `why`. */
static int parse_point(char *line, double *lat, double *lon, const char **why) {
  char *end;
  *why = "expected \"LAT LON\" (decimal degrees)";
  *lat = strtod(line, &end);
  if (end == line) {
    return -1;
  }
  line = end + strspn(end, " \t");
  line += *line == ',';
  line += strspn(line, " \t");
  *lon = strtod(line, &end);
  if (end == line || end[strspn(end, " \t\r")] != '\0') {
    return -1;
  }
  if (!(*lat >= -90 && *lat <= 90) || !(*lon >= -180 && *lon <= 180)) {
    *why = "the point is outside -90..90, -180..180";
    return -1;
  }
  return 0;
}

/* The columns of batch mode's TSV (near_one). */
static const char batch_header[] = "lat\tlon\trank\tkm\tid\tname\tkind\tcountry\n";

/* Batch mode: one point a line of standard input (cli_run_batch). */
static int batch_line(void *ctx, char *line, size_t len, unsigned long lineno) {
  double lat, lon;
  const char *why;
  (void)len; /* read as a C string: a NUL ends the point */
  if (line[strspn(line, " \t\r")] == '\0') {
    return 0; /* a blank line */
  }
  if (parse_point(line, &lat, &lon, &why) < 0) {
    fprintf(stderr, "gazmap %s: standard input:%lu: %s\n", CMD, lineno, why);
    return CLI_EXIT_ERROR;
  }
  return near_one(ctx, lat, lon, lineno);
}

static int run(int argc, char **argv) {
  near_cli c;
  double lat = 0, lon = 0;
  int k_given = 0;
  cli_opt_parser op;
  int opt, status = CLI_EXIT_OK;

  memset(&c, 0, sizeof c);
  c.k = 10;
  c.within = -1;
  cli_opt_init(&op, &cli_cmd_near, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'k':
      if (cli_parse_long(CMD, "-k", optarg, 1, MAX_K, &c.k)) {
        return CLI_EXIT_ERROR;
      }
      k_given = 1;
      break;
    case 'K':
      if (cli_parse_kinds(CMD, optarg, &c.kinds)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'w':
      if (cli_parse_double(CMD, "--within", optarg, 0, 20040, &c.within)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'j':
      c.json = 1;
      break;
    case 'G':
      c.geojson = 1;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (c.json && c.geojson) {
    return cli_usage(CMD, "--json and --geojson exclude each other");
  }
  c.batch = argc - optind == 1 && !strcmp(argv[optind], "-");
  if (!c.batch && argc - optind != 2) {
    return cli_usage(CMD, "give exactly two numbers, LAT and LON (or '-' to read points)");
  }
  if (!c.batch && (cli_parse_double(CMD, "LAT", argv[optind], -90, 90, &lat) ||
                   cli_parse_double(CMD, "LON", argv[optind + 1], -180, 180, &lon))) {
    return CLI_EXIT_ERROR;
  }
  if (c.within >= 0 && !k_given) {
    c.k = MAX_K;
  }
  if (!c.kinds) {
    c.kinds = ~0u & ~(1u << GAZMAP_KIND_WAYPOINT);
  }
  c.places = malloc((size_t)c.k * sizeof *c.places);
  c.km = malloc((size_t)c.k * sizeof *c.km);
  if (!c.places || !c.km) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    status = CLI_EXIT_ERROR;
    goto done;
  }
  if (cli_open_gazetteer(CMD, NULL, &c.g)) {
    status = CLI_EXIT_ERROR;
    goto done;
  }
  if (c.json || c.geojson) {
    cli_places_extents(c.g);
  }
  c.features.to = stdout;
  if (c.geojson) {
    cli_geojson_begin(&c.features);
  }
  status = c.batch ? cli_run_batch(CMD, c.json || c.geojson ? NULL : batch_header, batch_line, &c)
                   : near_one(&c, lat, lon, 0);
  if (c.geojson) {
    cli_geojson_end(&c.features);
  }
done:
  cli_places_extents_free();
  gazmap_gazetteer_free(c.g);
  free(c.places);
  free(c.km);
  return status;
}
