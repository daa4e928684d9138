/* gazmap near - the places nearest to a point, by geodesic distance. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define CMD "near"
#define MAX_K 1000

static const char help[] =
    "usage: gazmap near [OPTIONS] LAT LON\n"
    "\n"
    "Lists the gazetteer entries nearest to the point (WGS84 decimal degrees),\n"
    "nearest first, with the geodesic distance in km on the WGS84 ellipsoid.\n"
    "Line vertices (kind waypoint) are left out unless --kind asks for them.\n"
    "\n"
    "  -k, --count N         how many places to list (default 10, at most 1000)\n"
    "  -K, --kind K[,K...]   list only these kinds (town, city, district ...)\n"
    "  -j, --json            print JSON\n"
    "  -g, --gazetteer FILE  use FILE (gazmap TSV or GeoNames geoname dump)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Negative coordinates may follow '--' (gazmap near -- -33.9 18.4).\n"
    "\n";

int cmd_near(int argc, char **argv) {
  static const struct option longopts[] = {
      {"count", required_argument, NULL, 'k'}, {"kind", required_argument, NULL, 'K'},
      {"json", no_argument, NULL, 'j'},        {"gazetteer", required_argument, NULL, 'g'},
      {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
  const gazmap_place **places = NULL;
  gazmap_gazetteer *g = NULL;
  const char *gazetteer = NULL;
  double lat, lon, *km = NULL;
  long k = 10;
  unsigned kinds = 0;
  size_t n = 0, i;
  int opt, json = 0, status = CLI_EXIT_OK;

  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":k:K:jg:h", longopts, NULL)) != -1) {
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
    case 'g':
      gazetteer = optarg;
      break;
    case 'h':
      printf("%s%s", help, cli_exit_help);
      return CLI_EXIT_OK;
    default:
      if (opt == '?' && ((optopt >= '0' && optopt <= '9') || optopt == '.')) {
        return cli_usage(CMD, "negative coordinates go after '--' (gazmap near -- -33.9 18.4)");
      }
      return cli_option_error(CMD, opt, argv);
    }
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
  if (cli_open_gazetteer(CMD, gazetteer, &g)) {
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
    cli_print_json(stdout, arr, 0);
    json_decref(arr);
  } else {
    for (i = 0; i < n; i++) {
      const gazmap_place *p = places[i];
      printf("%9.2f km  %-24s %-26s %-9s %s\n", km[i], gazmap_place_id(p), gazmap_place_name(p),
             gazmap_kind_name(gazmap_place_kind(p)),
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
