/* gazmap list - the gazetteer's entries, filtered by kind or country. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"

#include <string.h>

#define CMD "list"

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'k', 'k', "kind", "K[,K...]",
     "list only these kinds (town, city, district ...)"},
    {CLI_OPT_VALUE, 't', 't', "tag", "TAG", "list only places with this tag (text, handover ...)"},
    {CLI_OPT_SWITCH, 'j', 'j', "json", NULL, "print a JSON array of places with all their names"},
    {CLI_OPT_SWITCH, 'G', 0, "geojson", NULL,
     "print a GeoJSON FeatureCollection: one Point per place"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_list = {
    .name = CMD,
    .summary = "list the gazetteer, filtered by kind or country",
    .usage = "[OPTIONS]",
    .description = "Lists the gazetteer's entries in file order, one a line: id, kind, country,\n"
                   "latitude, longitude, canonical name (tab-separated, after a header line\n"
                   "naming the columns).  JSON and GeoJSON: doc/json.md.\n",
    .opts = options,
    .run = run};

static int run(int argc, char **argv) {
  static char outbuf[1 << 16];
  gazmap_gazetteer *g = NULL;
  const char *country = NULL, *tag = NULL;
  json_t *arr = NULL;
  cli_json_list features = {stdout, 0};
  unsigned kinds = 0;
  size_t i, shown = 0;
  cli_opt_parser op;
  int opt, json = 0, geojson = 0, status;

  cli_opt_init(&op, &cli_cmd_list, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    switch (opt) {
    case 'k':
      if (cli_parse_kinds(CMD, optarg, &kinds)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 't':
      tag = optarg;
      break;
    case 'j':
      json = 1;
      break;
    case 'G':
      geojson = 1;
      break;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (optind < argc) {
    return cli_usage(CMD, "unexpected argument '%s'", argv[optind]);
  }
  if (json && geojson) {
    return cli_usage(CMD, "--json and --geojson exclude each other");
  }
  country = cli_gazetteer_countries();
  if (cli_open_gazetteer(CMD, NULL, &g)) {
    return CLI_EXIT_ERROR;
  }
  if (json || geojson) {
    cli_places_extents(g);
  }
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  if (json) {
    arr = json_array();
  } else if (geojson) {
    cli_geojson_begin(&features);
  } else {
    fputs("id\tkind\tcountry\tlat\tlon\tname\n", stdout);
  }
  for (i = 0; i < gazmap_gazetteer_count(g); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    if ((kinds && !(kinds & (1u << gazmap_place_kind(p)))) ||
        (country && !gazmap_country_in_list(country, gazmap_place_country(p))) ||
        (tag && !gazmap_place_has_tag(p, tag))) {
      continue;
    }
    shown++;
    if (json) {
      json_array_append_new(arr, cli_place_json(p));
    } else if (geojson) {
      cli_json_list_add(&features, cli_place_feature(p, NULL));
    } else {
      printf("%s\t%s\t%s\t%.5f\t%.5f\t%s\n", gazmap_place_id(p),
             gazmap_kind_name(gazmap_place_kind(p)), gazmap_place_country(p), gazmap_place_lat(p),
             gazmap_place_lon(p), gazmap_place_name(p));
    }
  }
  if (json) {
    cli_print_json(stdout, arr, CLI_JSON_PRETTY);
    json_decref(arr);
  } else if (geojson) {
    cli_geojson_end(&features);
  }
  status = shown ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gazmap %s: cannot write standard output\n", CMD);
    status = CLI_EXIT_ERROR;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  cli_places_extents_free();
  gazmap_gazetteer_free(g);
  return status;
}
