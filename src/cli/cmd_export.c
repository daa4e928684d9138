/* gazmap export: writes one map layer as GeoJSON or as a shapefile. */
#define _GNU_SOURCE
#include "cli.h"
#include "module.h"

#include "gazmap/layer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int run(int argc, char **argv);
static const char *help_for(int id);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'l', 'l', "layer", "NAME", "one of the map's layers"},
    {CLI_OPT_VALUE, 'f', 'f', "format", "FMT",
     "geojson or shp (default: from the name; .shp = shp)"},
    {CLI_OPT_VALUE, 'o', 'o', "output", "PATH",
     "the file: .geojson or .json (GeoJSON), .shp (a shapefile: .shx .dbf .prj .cpg beside it, "
     "all replaced together), or '-' for GeoJSON on stdout"},
    {CLI_OPT_VALUE, 'S', 0, "shapes", "DIR", "shapefile directory (default: the bundled shapes/)"},
    {CLI_OPT_VALUE, 'g', 0, "gazetteer", "FILE",
     "gazetteer for 'places' (default: the bundled one)"},
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "this help"},
    {0}};

const cli_command cli_cmd_export = {
    .name = "export",
    .summary = "write a map layer as GeoJSON or shapefile",
    .usage = "--layer NAME [--format geojson|shp] -o PATH",
    .description = "Writes one layer of the map for other tools (QGIS, web maps): a basemap or\n"
                   "thematic shapefile layer, or 'places' (every place of the gazetteer).\n",
    .opts = options,
    .help_for = help_for,
    .run = run};

/* --layer lists the layer registry's names. */
static const char *help_for(int id) {
  return id == 'l' ? cli_help_layer_names() : NULL;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && !strcasecmp(s + n - t, tail);
}

static int run(int argc, char **argv) {
  const char *layer_name = NULL, *format = NULL, *output = NULL, *shapes = NULL, *gazetteer = NULL;
  gazmap_gazetteer *g = NULL;
  gazmap_layer *layer = NULL;
  cli_opt_parser op;
  int c, rc = CLI_EXIT_OK, shp;

  /* The map module does this command's work (and names its layers in
   * --help): a broken install is reported before anything else. */
  if (cli_module_require("export")) {
    return CLI_EXIT_ERROR;
  }
  cli_opt_init(&op, &cli_cmd_export, argc, argv);
  while ((c = cli_opt_next(&op)) >= 0) {
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
    case 'S':
      shapes = optarg;
      break;
    case 'g':
      gazetteer = optarg;
      break;
    }
  }
  if (c != CLI_OPT_DONE) {
    return cli_opt_exit(c);
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
  /* Any other name (x.kml, x.gpkg) would get GeoJSON it does not announce. */
  if (!shp && strcmp(output, "-") && !ends_with(output, ".geojson") &&
      !ends_with(output, ".json")) {
    return cli_usage("export",
                     format ? "a GeoJSON path must end in .geojson or .json, not '%s'"
                            : "cannot tell the format of '%s' from its name (use .geojson, "
                              ".json or .shp)",
                     output);
  }
  if (!gazmap_layer_known(layer_name)) {
    /* The library's message lists the registry's layers. */
    gazmap_layer_open(&layer, shapes, layer_name, NULL);
    return cli_fail("export");
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
