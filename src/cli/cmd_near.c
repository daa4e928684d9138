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
    {CLI_OPT_SWITCH, 'j', 'j', "json", NULL, "print JSON"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_near = {
    .name = CMD,
    .summary = "list the places nearest to a point",
    .usage = "[OPTIONS] LAT LON",
    .description = "Lists the gazetteer entries nearest to the point (WGS84 decimal degrees),\n"
                   "nearest first, with the geodesic distance in km on the WGS84 ellipsoid.\n"
                   "Line vertices (kind waypoint) are left out unless --kind asks for them.\n",
    .opts = options,
    .notes = "Negative coordinates may follow '--' (gazmap near -- -33.9 18.4).\n",
    .digit_hint = "negative coordinates go after '--' (gazmap near -- -33.9 18.4)",
    .run = run};

static int run(int argc, char **argv) {
  const gazmap_place **places = NULL;
  gazmap_gazetteer *g = NULL;
  double lat, lon, *km = NULL;
  long k = 10;
  unsigned kinds = 0;
  size_t n = 0, i;
  cli_opt_parser op;
  int opt, json = 0, status = CLI_EXIT_OK;

  cli_opt_init(&op, &cli_cmd_near, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'k':
      if (cli_parse_long(CMD, "-k", optarg, 1, MAX_K, &k)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'K':
      if (cli_parse_kinds(CMD, optarg, &kinds)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'j':
      json = 1;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (argc - optind != 2) {
    return cli_usage(CMD, "give exactly two numbers, LAT and LON");
  }
  if (cli_parse_double(CMD, "LAT", argv[optind], -90, 90, &lat) ||
      cli_parse_double(CMD, "LON", argv[optind + 1], -180, 180, &lon)) {
    return CLI_EXIT_ERROR;
  }
  if (!kinds) {
    kinds = ~0u & ~(1u << GAZMAP_KIND_WAYPOINT);
  }
  places = malloc((size_t)k * sizeof *places);
  km = malloc((size_t)k * sizeof *km);
  if (!places || !km) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    status = CLI_EXIT_ERROR;
    goto done;
  }
  if (cli_open_gazetteer(CMD, NULL, &g)) {
    status = CLI_EXIT_ERROR;
    goto done;
  }
  if (gazmap_near(g, lat, lon, kinds, places, km, (size_t)k, &n) < 0) {
    status = cli_fail(CMD);
    goto done;
  }
  if (json) {
    json_t *arr = json_array();
    for (i = 0; i < n; i++) {
      json_t *o = cli_place_json(places[i]);
      json_object_set_new(o, "km", json_real(km[i]));
      json_array_append_new(arr, o);
    }
    cli_print_json(stdout, arr, CLI_JSON_PRETTY);
    json_decref(arr);
  } else {
    for (i = 0; i < n; i++) {
      const gazmap_place *p = places[i];
      printf("%9.2f km  ", km[i]);
      cli_print_cell(stdout, gazmap_place_id(p), 24, 0);
      putchar(' ');
      cli_print_cell(stdout, gazmap_place_name(p), 26, 0);
      printf(" %-9s %s\n", gazmap_kind_name(gazmap_place_kind(p)),
             *gazmap_place_country(p) ? gazmap_place_country(p) : "-");
    }
  }
  status = n ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
done:
  gazmap_gazetteer_free(g);
  free(places);
  free(km);
  return status;
}
