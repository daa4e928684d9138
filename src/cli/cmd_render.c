/* gazmap render: draws the map to PNG, SVG or PDF. */
#define _GNU_SOURCE
#include "cli.h"
#include "module.h"
#include "overlay_opts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int run(int argc, char **argv);
static const char *help_for(int id);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'o', 'o', "output", "FILE",
     ".png, .svg or .pdf; '-' writes to stdout (needs --format; PNG and PDF not to a "
     "terminal)"},
    {CLI_OPT_VALUE, 'f', 'f', "format", "FMT", "png, svg or pdf (default: from the file name)"},
    {CLI_OPT_VALUE, 'W', 0, "width", "N", "page width, pixels (PNG) or points: 480 to 20000 (default 1600)"},
    {CLI_OPT_VALUE, 'H', 0, "height", "N", "page height: 360 to 20000 (default 1200)"},
    {CLI_OPT_VALUE, 'D', 0, "dpi", "N", "PNG resolution; scales text and lines (default 96)"},
    {CLI_OPT_VALUE, 'L', 0, "lang", "L", "label language: en az tr hy ru (default en)"},
    {CLI_OPT_VALUE, 'N', 0, "labels", "single|dual",
     "dual: 'Khankendi / Stepanakert' where the sides' names differ (default dual)"},
    {CLI_OPT_VALUE, 'T', 0, "date", "YYYY-MM-DD",
     "the situation on that day (default: the latest)"},
    {CLI_OPT_VALUE, 'Y', 0, "layers", "LIST", "comma list of the map's layers and groups"},
    {CLI_OPT_VALUE, 'C', 0, "crs", "CRS",
     "PROJ string or EPSG:n (default Lambert Conformal Conic 39/41N, 46E)"},
    {CLI_OPT_VALUE, 'B', 0, "bbox", "LON0,LAT0,LON1,LAT1", "frame (default 43.4,38.3,48.6,41.4)"},
    {CLI_OPT_VALUE, 'c', 0, "center", "LAT,LON", "frame centre, with --zoom"},
    {CLI_OPT_VALUE, 'z', 0, "zoom", "Z", "web-map zoom level, 1 to 18, with --center or --around"},
    {CLI_OPT_VALUE, 'a', 0, "around", "PLACE[:RADIUS]",
     "frame centred on the gazetteer's best match for PLACE: at --zoom (default 10), or holding "
     "the circle of RADIUS around it ('Shusha:30km'; km or m)"},
    {CLI_OPT_VALUE, 'F', 0, "frame-of", "ID",
     "frame the extent of the place with this gazetteer id: a district's shape or its places "
     "(a place without an extent: 10 km around it)"},
    {CLI_OPT_VALUE, 't', 0, "title", "TEXT", "map title"},
    {CLI_OPT_VALUE, 's', 0, "subtitle", "TEXT", "map subtitle"},
    {CLI_OPT_VALUE, 'i', 0, "id-prefix", "P",
     "SVG id prefix: letters, digits, '_', '-', '.', from a letter (default: from the output file "
     "name)"},
    {CLI_OPT_VALUE, 'X', 0, "svg-text", "text|outlines",
     "SVG words as <text> (default) or as glyph outlines that need no fonts (print)"},
    {CLI_OPT_VALUE, 'S', 0, "shapes", "DIR", "shapefile directory (default: the bundled shapes/)"},
    CLI_OVERLAY_OPTIONS,
    {CLI_OPT_SWITCH, 'M', 0, "png-metadata", NULL,
     "PNG: write pHYs (the --dpi) and tEXt (title, author, sources, software); implied by "
     "--dpi, --author and --world-file"},
    {CLI_OPT_VALUE, 'u', 0, "author", "TEXT", "the author named in the PNG's or PDF's metadata"},
    {CLI_OPT_SWITCH, 'w', 0, "world-file", NULL,
     "PNG: also write FILE.pgw and FILE.prj, which place the image for GIS"},
    {CLI_OPT_VALUE, 'p', 0, "paper", "a4|a3|letter",
     "PDF: a page of that paper, portrait (width and height are ignored)"},
    {CLI_OPT_SWITCH, 'x', 0, "landscape", NULL, "PDF: turn the --paper"},
    {CLI_OPT_VALUE, 'm', 0, "margin", "MM", "PDF: the --paper's margins, millimetres (default 10)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "this help"},
    {0}};

const cli_command cli_cmd_render = {
    .name = "render",
    .summary = "draw the map to PNG, SVG or PDF",
    .usage = "[OPTIONS] -o FILE",
    .description = "Draws the map of the 2020 ceasefire: districts handed over or taken in the\n"
                   "war, Russian peacekeeping, patrol lines and the route options to Nakhchivan,\n"
                   "over the basemap, with labels from the gazetteer.\n",
    .opts = options,
    .help_for = help_for,
    .run = run};

/* --layers lists the layer registry's names and groups. */
static const char *help_for(int id) {
  return id == 'Y' ? cli_help_layer_list() : NULL;
}

/* True when writing `fmt` to standard output would put binary bytes on a
 * terminal: PNG and PDF are refused there, as curl and gzip do. */
static int binary_to_terminal(const char *output, gazmap_format fmt) {
  return !strcmp(output, "-") && fmt != GAZMAP_FORMAT_SVG && isatty(STDOUT_FILENO);
}

/* "30km", "30 km", "2500m", "30" (km) -> km; -1 when it is no distance. */
static double parse_radius(const char *s) {
  char *end;
  double v = strtod(s, &end);
  if (end == s || !(v > 0)) {
    return -1;
  }
  while (*end == ' ') {
    end++;
  }
  if (!*end || !strcasecmp(end, "km")) {
    return v;
  }
  return !strcasecmp(end, "m") ? v / 1000 : -1;
}

/* --around PLACE[:RADIUS]: the frame centred on the best match of PLACE, at
 * the zoom given or 10 (a district and its villages), or the box holding
 * the circle of RADIUS around it.  A colon is part of the name unless what
 * follows it is a distance. */
static int frame_around(gazmap_gazetteer *g, const char *arg, int has_zoom, gazmap_render_opts *o) {
  gazmap_lookup_opts lo = GAZMAP_LOOKUP_OPTS_INIT;
  gazmap_match m[1];
  const char *colon = strrchr(arg, ':');
  double km = colon ? parse_radius(colon + 1) : -1;
  size_t n = 0, len = km > 0 ? (size_t)(colon - arg) : strlen(arg);
  if (km > 0 && has_zoom) {
    return cli_usage("render", "--around with a radius excludes --zoom");
  }
  if (gazmap_lookup(g, arg, len, &lo, m, 1, &n) < 0) {
    return cli_fail("render");
  }
  if (n == 0) {
    return cli_usage("render", "--around: no place is named '%.*s'", (int)len, arg);
  }
  if (km > 0) {
    if (gazmap_bbox_around(gazmap_place_lat(m[0].place), gazmap_place_lon(m[0].place), km,
                           o->bbox) < 0) {
      return cli_fail("render");
    }
    o->has_bbox = 1;
    return 0;
  }
  o->center_lat = gazmap_place_lat(m[0].place);
  o->center_lon = gazmap_place_lon(m[0].place);
  o->has_center = 1;
  if (!has_zoom) {
    o->zoom = 10;
  }
  return 0;
}

/* --frame-of ID: the place's extent with a margin of a tenth of its size
 * each side (its outline stays off the frame), or 10 km around a place
 * without one. */
static int frame_of(gazmap_gazetteer *g, const char *id, gazmap_render_opts *o) {
  const gazmap_place *p = gazmap_gazetteer_find_id(g, id);
  gazmap_extents *ex = NULL;
  double b[4], dx, dy;
  int has;
  if (!p) {
    return cli_usage("render", "--frame-of: no place has the id '%s' (see 'gazmap list')", id);
  }
  if (gazmap_extents_open(&ex, g, o->shapes_dir) < 0) {
    return cli_fail("render");
  }
  has = gazmap_place_extent(ex, p, b);
  gazmap_extents_free(ex);
  if (!has) {
    return gazmap_bbox_around(gazmap_place_lat(p), gazmap_place_lon(p), 10, o->bbox) < 0
               ? cli_fail("render")
               : (o->has_bbox = 1, 0);
  }
  dx = (b[2] - b[0]) / 10, dy = (b[3] - b[1]) / 10;
  o->bbox[0] = fmax(-180, b[0] - dx), o->bbox[1] = fmax(-89.9, b[1] - dy);
  o->bbox[2] = fmin(180, b[2] + dx), o->bbox[3] = fmin(89.9, b[3] + dy);
  o->has_bbox = 1;
  return 0;
}

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

static int run(int argc, char **argv) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_format fmt = GAZMAP_FORMAT_AUTO;
  gazmap_gazetteer *g = NULL;
  const char *output = NULL, *around = NULL, *frame_id = NULL;
  int c, rc = CLI_EXIT_OK, has_zoom = 0, has_dpi = 0, has_margin = 0;
  long v;
  double center[2];
  cli_opt_parser op;
  cli_overlays ovl = CLI_OVERLAYS_INIT;

  /* The map module does this command's work (and names its layers in
   * --help): a broken install is reported before anything else. */
  if (cli_module_require("render")) {
    return CLI_EXIT_ERROR;
  }
  cli_opt_init(&op, &cli_cmd_render, argc, argv);
  cli_overlays_parse_into(&op, &ovl);
  while ((c = cli_opt_next(&op)) >= 0) {
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
    case 'W':
      /* The range the library accepts (render.c), stated here where it is
       * checked first, so that the message gives the real bounds. */
      if (cli_parse_long("render", "--width", optarg, 480, GAZMAP_RENDER_MAX_SIDE, &v)) {
        return CLI_EXIT_ERROR;
      }
      o.width = (int)v;
      break;
    case 'H':
      if (cli_parse_long("render", "--height", optarg, 360, GAZMAP_RENDER_MAX_SIDE, &v)) {
        return CLI_EXIT_ERROR;
      }
      o.height = (int)v;
      break;
    case 'D':
      if (cli_parse_double("render", "--dpi", optarg, 24, 1200, &o.dpi)) {
        return CLI_EXIT_ERROR;
      }
      has_dpi = 1;
      break;
    case 'L':
      o.lang = optarg;
      break;
    case 'N':
      if (strcmp(optarg, "single") && strcmp(optarg, "dual")) {
        return cli_usage("render", "unknown --labels '%s' (use single or dual)", optarg);
      }
      o.labels = !strcmp(optarg, "single") ? GAZMAP_LABELS_SINGLE : GAZMAP_LABELS_DUAL;
      break;
    case 'T':
      o.date = optarg;
      break;
    case 'Y':
      /* An empty list would draw an empty page and exit 0. */
      if (optarg[strspn(optarg, ", ")] == '\0') {
        return cli_usage("render", "--layers names no layer");
      }
      o.layers = optarg;
      break;
    case 'C':
      o.crs = optarg;
      break;
    case 'B':
      if (parse_list("--bbox", optarg, o.bbox, 4)) {
        return CLI_EXIT_ERROR;
      }
      o.has_bbox = 1;
      break;
    case 'c':
      if (parse_list("--center", optarg, center, 2)) {
        return CLI_EXIT_ERROR;
      }
      o.center_lat = center[0];
      o.center_lon = center[1];
      o.has_center = 1;
      break;
    case 'z':
      if (cli_parse_double("render", "--zoom", optarg, 1, 18, &o.zoom)) {
        return CLI_EXIT_ERROR;
      }
      has_zoom = 1;
      break;
    case 'a':
      around = optarg;
      break;
    case 't':
      o.title = optarg;
      break;
    case 's':
      o.subtitle = optarg;
      break;
    case 'i':
      o.id_prefix = optarg;
      break;
    case 'X':
      if (strcmp(optarg, "text") && strcmp(optarg, "outlines")) {
        return cli_usage("render", "unknown --svg-text '%s' (use text or outlines)", optarg);
      }
      o.svg_text = !strcmp(optarg, "outlines") ? GAZMAP_SVG_OUTLINES : GAZMAP_SVG_TEXT;
      break;
    case 'S':
      o.shapes_dir = optarg;
      break;
    case 'F':
      frame_id = optarg;
      break;
    case 'M':
      o.png_meta = GAZMAP_PNG_META_PHYS | GAZMAP_PNG_META_TEXT;
      break;
    case 'u':
      o.author = optarg;
      break;
    case 'w':
      o.world_file = 1;
      break;
    case 'p':
      if (!(o.paper = gazmap_paper_parse(optarg))) {
        return cli_usage("render", "unknown --paper '%s' (use a4, a3 or letter)", optarg);
      }
      break;
    case 'x':
      o.landscape = 1;
      break;
    case 'm':
      if (cli_parse_double("render", "--margin", optarg, 0, 50, &o.margin_mm)) {
        return CLI_EXIT_ERROR;
      }
      has_margin = 1;
      break;
    }
  }
  if (c != CLI_OPT_DONE) {
    return cli_opt_exit(c);
  }
  if (optind < argc) {
    return cli_usage("render", "unexpected argument '%s'", argv[optind]);
  }
  if (!output) {
    return cli_usage("render", "no output file (-o FILE)");
  }
  if (around && (o.has_center || o.has_bbox)) {
    return cli_usage("render", "--around excludes --center and --bbox");
  }
  if (frame_id && (around || o.has_center || o.has_bbox || has_zoom)) {
    return cli_usage("render", "--frame-of excludes --around, --center, --zoom and --bbox");
  }
  if ((o.landscape || has_margin) && !o.paper) {
    return cli_usage("render", "--landscape and --margin go with --paper");
  }
  if (has_dpi || o.author || o.world_file) {
    /* An image whose resolution, author or place was asked for says so. */
    o.png_meta = GAZMAP_PNG_META_PHYS | GAZMAP_PNG_META_TEXT;
  }
  if (!around && o.has_center != has_zoom) {
    return cli_usage("render", "--center and --zoom go together");
  }
  if (o.has_center && o.has_bbox) {
    return cli_usage("render", "--bbox and --center/--zoom exclude each other");
  }
  if (!strcmp(output, "-") && fmt == GAZMAP_FORMAT_AUTO) {
    return cli_usage("render", "writing to stdout needs --format png|svg|pdf");
  }
  if (binary_to_terminal(output, fmt)) {
    fprintf(stderr,
            "gazmap render: will not write %s to a terminal (redirect standard output "
            "or give -o FILE)\n",
            fmt == GAZMAP_FORMAT_PNG ? "PNG" : "PDF");
    return CLI_EXIT_ERROR;
  }
  o.threads = (int)sysconf(_SC_NPROCESSORS_ONLN); /* the library starts none unless told */
  if ((rc = cli_open_gazetteer("render", NULL, &g)) != 0) {
    return rc;
  }
  if ((around && (rc = frame_around(g, around, has_zoom, &o)) != 0) ||
      (frame_id && (rc = frame_of(g, frame_id, &o)) != 0) ||
      (rc = cli_overlays_read(&ovl, "render")) != 0) {
    goto done;
  }
  cli_overlays_apply(&ovl, &o);
  if (gazmap_render_file(g, &o, fmt, output) < 0) {
    rc = cli_fail("render");
  }
done:
  cli_overlays_free(&ovl);
  gazmap_gazetteer_free(g);
  return rc;
}
