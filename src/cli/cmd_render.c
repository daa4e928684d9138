/* gazmap render: draws the map to PNG, SVG or PDF. */
#define _GNU_SOURCE
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char render_help[] =
    "usage: gazmap render [OPTIONS] -o FILE\n"
    "\n"
    "Draws the map of the 2020 ceasefire: districts handed over or taken in the\n"
    "war, Russian peacekeeping, patrol lines and the route options to Nakhchivan,\n"
    "over the basemap, with labels from the gazetteer.\n"
    "\n"
    "  -o, --output FILE     .png, .svg or .pdf; '-' writes to stdout (needs --format)\n"
    "  -f, --format FMT      png, svg or pdf (default: from the file name)\n"
    "      --width N         page width, pixels (PNG) or points (default 1600)\n"
    "      --height N        page height (default 1200)\n"
    "      --dpi N           PNG resolution; scales text and lines (default 96)\n"
    "      --lang L          label language: en az tr hy ru (default en)\n"
    "      --date YYYY-MM-DD the situation on that day (default: the latest)\n"
    "      --layers LIST     comma list of countries admin1 lakes rivers handover\n"
    "                        peacekeeping patrols routes sites places, or basemap,\n"
    "                        thematic, all (default all)\n"
    "      --crs CRS         PROJ string or EPSG:n (default Lambert Conformal Conic\n"
    "                        39/41N, 46E)\n"
    "      --bbox LON0,LAT0,LON1,LAT1   frame (default 43.4,38.3,48.6,41.4)\n"
    "      --center LAT,LON  frame centre, with --zoom Z (web-map zoom levels)\n"
    "      --zoom Z\n"
    "      --title TEXT      map title\n"
    "      --subtitle TEXT   map subtitle\n"
    "      --id-prefix P     SVG id prefix (default: from the output file name)\n"
    "      --shapes DIR      shapefile directory (default: the bundled shapes/)\n"
    "      --gazetteer FILE  gazetteer (default: the bundled one)\n"
    "  -h, --help            this help\n"
    "\n";

enum {
  OPT_WIDTH = 256,
  OPT_HEIGHT,
  OPT_DPI,
  OPT_LANG,
  OPT_DATE,
  OPT_LAYERS,
  OPT_CRS,
  OPT_BBOX,
  OPT_CENTER,
  OPT_ZOOM,
  OPT_TITLE,
  OPT_SUBTITLE,
  OPT_ID_PREFIX,
  OPT_SHAPES,
  OPT_GAZETTEER
};

static const struct option render_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"width", required_argument, NULL, OPT_WIDTH},
    {"height", required_argument, NULL, OPT_HEIGHT},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"lang", required_argument, NULL, OPT_LANG},
    {"date", required_argument, NULL, OPT_DATE},
    {"layers", required_argument, NULL, OPT_LAYERS},
    {"crs", required_argument, NULL, OPT_CRS},
    {"bbox", required_argument, NULL, OPT_BBOX},
    {"center", required_argument, NULL, OPT_CENTER},
    {"zoom", required_argument, NULL, OPT_ZOOM},
    {"title", required_argument, NULL, OPT_TITLE},
    {"subtitle", required_argument, NULL, OPT_SUBTITLE},
    {"id-prefix", required_argument, NULL, OPT_ID_PREFIX},
    {"shapes", required_argument, NULL, OPT_SHAPES},
    {"gazetteer", required_argument, NULL, OPT_GAZETTEER},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Splits "a,b[,c,d]" into exactly `n` numbers. */
static int parse_list(const char *what, const char *s, double *out, int n) {
  char *copy = strdup(s), *p = copy, *comma;
  int i, rc = 0;
  if (!copy) {
    return cli_usage("render", "out of memory");
  }
  for (i = 0; i < n && rc == 0; i++) {
    comma = strchr(p, ',');
    if ((comma == NULL) != (i == n - 1)) {
      rc = cli_usage("render", "%s needs %d comma-separated numbers, not '%s'", what, n, s);
      break;
    }
    if (comma) {
      *comma = '\0';
    }
    rc = cli_parse_double("render", what, p, -1e9, 1e9, &out[i]);
    p = comma ? comma + 1 : p;
  }
  free(copy);
  return rc;
}

int cmd_render(int argc, char **argv) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_format fmt = GAZMAP_FORMAT_AUTO;
  gazmap_gazetteer *g = NULL;
  const char *output = NULL, *gazetteer = NULL;
  int c, rc = CLI_EXIT_OK, has_zoom = 0;
  long v;
  double center[2];

  optind = 1;
  while ((c = getopt_long(argc, argv, ":o:f:h", render_options, NULL)) != -1) {
    switch (c) {
    case 'o':
      output = optarg;
      break;
    case 'f':
      fmt = gazmap_format_parse(optarg);
      if (fmt == GAZMAP_FORMAT_AUTO) {
        return cli_usage("render", "unknown format '%s' (use png, svg or pdf)", optarg);
      }
      break;
    case OPT_WIDTH:
      if (cli_parse_long("render", "--width", optarg, 0, 1000000, &v)) {
        return CLI_EXIT_ERROR;
      }
      o.width = (int)v;
      break;
    case OPT_HEIGHT:
      if (cli_parse_long("render", "--height", optarg, 0, 1000000, &v)) {
        return CLI_EXIT_ERROR;
      }
      o.height = (int)v;
      break;
    case OPT_DPI:
      if (cli_parse_double("render", "--dpi", optarg, 24, 1200, &o.dpi)) {
        return CLI_EXIT_ERROR;
      }
      break;
    case OPT_LANG:
      o.lang = optarg;
      break;
    case OPT_DATE:
      o.date = optarg;
      break;
    case OPT_LAYERS:
      o.layers = optarg;
      break;
    case OPT_CRS:
      o.crs = optarg;
      break;
    case OPT_BBOX:
      if (parse_list("--bbox", optarg, o.bbox, 4)) {
        return CLI_EXIT_ERROR;
      }
      o.has_bbox = 1;
      break;
    case OPT_CENTER:
      if (parse_list("--center", optarg, center, 2)) {
        return CLI_EXIT_ERROR;
      }
      o.center_lat = center[0];
      o.center_lon = center[1];
      o.has_center = 1;
      break;
    case OPT_ZOOM:
      if (cli_parse_double("render", "--zoom", optarg, 1, 18, &o.zoom)) {
        return CLI_EXIT_ERROR;
      }
      has_zoom = 1;
      break;
    case OPT_TITLE:
      o.title = optarg;
      break;
    case OPT_SUBTITLE:
      o.subtitle = optarg;
      break;
    case OPT_ID_PREFIX:
      o.id_prefix = optarg;
      break;
    case OPT_SHAPES:
      o.shapes_dir = optarg;
      break;
    case OPT_GAZETTEER:
      gazetteer = optarg;
      break;
    case 'h':
      printf("%s%s", render_help, cli_exit_help);
      return CLI_EXIT_OK;
    case ':':
      return cli_usage("render", "option '%s' needs a value", argv[optind - 1]);
    default:
      return cli_usage("render", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) {
    return cli_usage("render", "unexpected argument '%s'", argv[optind]);
  }
  if (!output) {
    return cli_usage("render", "no output file (-o FILE)");
  }
  if (o.has_center != has_zoom) {
    return cli_usage("render", "--center and --zoom go together");
  }
  if (o.has_center && o.has_bbox) {
    return cli_usage("render", "--bbox and --center/--zoom exclude each other");
  }
  if (!strcmp(output, "-") && fmt == GAZMAP_FORMAT_AUTO) {
    return cli_usage("render", "writing to stdout needs --format png|svg|pdf");
  }
  cli_warm_heap();
  o.threads = (int)sysconf(_SC_NPROCESSORS_ONLN); /* the library starts none unless told */
  if ((rc = cli_open_gazetteer("render", gazetteer, &g)) != 0) {
    return rc;
  }
  if (gazmap_render_file(g, &o, fmt, output) < 0) {
    rc = cli_fail("render");
  }
  gazmap_gazetteer_free(g);
  return rc;
}
