/* gazmap export: writes one map layer as GeoJSON or as a shapefile. */
#define _GNU_SOURCE
#include "cli.h"

#include "gazmap/layer.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char export_help[] =
    "usage: gazmap export --layer NAME [--format geojson|shp] -o PATH\n"
    "\n"
    "Writes one layer of the map for other tools (QGIS, web maps): a basemap or\n"
    "thematic shapefile layer, or 'places' (every place of the gazetteer).\n"
    "\n"
    "  -l, --layer NAME      countries admin1 lakes rivers handover peacekeeping\n"
    "                        patrols routes sites places\n"
    "  -f, --format FMT      geojson or shp (default: from the name; .shp = shp)\n"
    "  -o, --output PATH     the file; '-' writes GeoJSON to stdout.  A shapefile\n"
    "                        is PATH (.shp) with .shx .dbf .prj .cpg beside it\n"
    "      --shapes DIR      shapefile directory (default: the bundled shapes/)\n"
    "      --gazetteer FILE  gazetteer for 'places' (default: the bundled one)\n"
    "  -h, --help            this help\n"
    "\n";

enum { OPT_SHAPES = 256, OPT_GAZETTEER };

static const struct option export_options[] = {
    {"layer", required_argument, NULL, 'l'},
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"shapes", required_argument, NULL, OPT_SHAPES},
    {"gazetteer", required_argument, NULL, OPT_GAZETTEER},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && !strcasecmp(s + n - t, tail);
}

int cmd_export(int argc, char **argv) {
  const char *layer_name = NULL, *format = NULL, *output = NULL, *shapes = NULL, *gazetteer = NULL;
  gazmap_gazetteer *g = NULL;
  gazmap_layer *layer = NULL;
  int c, rc = CLI_EXIT_OK, shp;

  optind = 1;
  while ((c = getopt_long(argc, argv, ":l:f:o:h", export_options, NULL)) != -1) {
    switch (c) {
    case 'l':
      layer_name = optarg;
      break;
    case 'f':
      format = optarg;
      break;
    case 'o':
      output = optarg;
      break;
    case OPT_SHAPES:
      shapes = optarg;
      break;
    case OPT_GAZETTEER:
      gazetteer = optarg;
      break;
    case 'h':
      printf("%s%s", export_help, cli_exit_help);
      return CLI_EXIT_OK;
    case ':':
      return cli_usage("export", "option '%s' needs a value", argv[optind - 1]);
    default:
      return cli_usage("export", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) {
    return cli_usage("export", "unexpected argument '%s'", argv[optind]);
  }
  if (!layer_name) {
    return cli_usage("export", "no layer (--layer NAME)");
  }
  if (!output) {
    return cli_usage("export", "no output (-o PATH)");
  }
  if (format && strcmp(format, "geojson") && strcmp(format, "shp")) {
    return cli_usage("export", "unknown format '%s' (use geojson or shp)", format);
  }
  shp = format ? !strcmp(format, "shp") : ends_with(output, ".shp");
  if (shp && !ends_with(output, ".shp")) {
    return cli_usage("export", "a shapefile path must end in .shp, not '%s'", output);
  }
  if (!gazmap_layer_known(layer_name)) {
    return cli_usage("export",
                     "unknown layer '%s' (known: countries admin1 lakes rivers handover "
                     "peacekeeping patrols routes sites places)",
                     layer_name);
  }
  if (!strcmp(layer_name, "places") && (rc = cli_open_gazetteer("export", gazetteer, &g)) != 0) {
    return rc;
  }
  if (gazmap_layer_open(&layer, shapes, layer_name, g) < 0) {
    rc = cli_fail("export");
    goto done;
  }
  if (!shp && !strcmp(output, "-")) {
    char *text = NULL;
    size_t len = 0;
    if (gazmap_layer_to_geojson(layer, &text, &len) < 0) {
      rc = cli_fail("export");
      goto done;
    }
    if (fwrite(text, 1, len, stdout) != len || fputc('\n', stdout) == EOF) {
      fprintf(stderr, "gazmap export: cannot write to stdout\n");
      rc = CLI_EXIT_ERROR;
    }
    free(text);
  } else if ((shp ? gazmap_layer_write_shp(layer, output)
                  : gazmap_layer_write_geojson(layer, output)) < 0) {
    rc = cli_fail("export");
  }
done:
  gazmap_layer_free(layer);
  gazmap_gazetteer_free(g);
  return rc;
}
