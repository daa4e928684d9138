/* gazmap list - the gazetteer's entries, filtered by kind or country. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"

#include <getopt.h>
#include <string.h>

#define CMD "list"

static const char help[] =
    "usage: gazmap list [OPTIONS]\n"
    "\n"
    "Lists the gazetteer's entries in file order, one a line: id, kind, country,\n"
    "latitude, longitude, canonical name (tab-separated).\n"
    "\n"
    "  -k, --kind K[,K...]   list only these kinds (town, city, district ...)\n"
    "  -c, --country CC      list only places in this ISO country (AZ, AM ...)\n"
    "  -t, --tag TAG         list only places with this tag (text, handover ...)\n"
    "  -j, --json            print a JSON array of places with all their names\n"
    "  -g, --gazetteer FILE  use FILE (gazmap TSV or GeoNames geoname dump)\n"
    "  -h, --help            show this help\n"
    "\n";

int cmd_list(int argc, char **argv) {
  static const struct option longopts[] = {{"kind", required_argument, NULL, 'k'},
                                           {"country", required_argument, NULL, 'c'},
                                           {"tag", required_argument, NULL, 't'},
                                           {"json", no_argument, NULL, 'j'},
                                           {"gazetteer", required_argument, NULL, 'g'},
                                           {"help", no_argument, NULL, 'h'},
                                           {NULL, 0, NULL, 0}};
  static char outbuf[1 << 16];
  gazmap_gazetteer *g = NULL;
  const char *gazetteer = NULL, *country = NULL, *tag = NULL;
  json_t *arr = NULL;
  unsigned kinds = 0;
  size_t i, shown = 0;
  int opt, json = 0, status;

  opterr = 0;
  while ((opt = getopt_long(argc, argv, ":k:c:t:jg:h", longopts, NULL)) != -1) {
    switch (opt) {
    case 'k':
      if (cli_parse_kinds(CMD, optarg, &kinds)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case 'c':
      if (cli_check_country(CMD, optarg)) {
        return CLI_EXIT_ERROR;
      }
      country = optarg;
      break;
    case 't':
      tag = optarg;
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
      return cli_option_error(CMD, opt, argv);
    }
  }
  if (optind < argc) {
    return cli_usage(CMD, "unexpected argument '%s'", argv[optind]);
  }
  if (cli_open_gazetteer(CMD, gazetteer, &g)) {
    return CLI_EXIT_ERROR;
  }
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  if (json) {
    arr = json_array();
  }
  for (i = 0; i < gazmap_gazetteer_count(g); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    if ((kinds && !(kinds & (1u << gazmap_place_kind(p)))) ||
        (country && strcmp(country, gazmap_place_country(p)) != 0) ||
        (tag && !gazmap_place_has_tag(p, tag))) {
      continue;
    }
    shown++;
    if (json) {
      json_array_append_new(arr, cli_place_json(p));
    } else {
      printf("%s\t%s\t%s\t%.5f\t%.5f\t%s\n", gazmap_place_id(p),
             gazmap_kind_name(gazmap_place_kind(p)), gazmap_place_country(p), gazmap_place_lat(p),
             gazmap_place_lon(p), gazmap_place_name(p));
    }
  }
  if (json) {
    cli_print_json(stdout, arr, 0);
    json_decref(arr);
  }
  status = shown ? CLI_EXIT_OK : CLI_EXIT_NOMATCH;
  if (fflush(stdout) != 0) {
    fprintf(stderr, "gazmap %s: cannot write standard output\n", CMD);
    status = CLI_EXIT_ERROR;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  gazmap_gazetteer_free(g);
  return status;
}
