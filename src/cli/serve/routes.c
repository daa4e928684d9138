/* The HTTP interface, one line per endpoint, and the parameters each one
 * accepts (doc/serve.md documents them).  A new endpoint is a handler and a
 * line here. */
#include "serve.h"

/* Parameters Nominatim documents that mean nothing for a gazetteer of
 * points (polygons, debugging, e-mail for the usage policy, place ids to
 * exclude, layers and feature types): accepted, so that its clients work,
 * and ignored. */
#define NOMINATIM_IGNORED                                                                          \
  {"polygon_geojson", 1, 0}, {"polygon_kml", 1, 0}, {"polygon_svg", 1, 0}, {"polygon_text", 1, 0}, \
      {"polygon_threshold", 1, 0}, {"email", 1, 0}, {"debug", 1, 0}, {"layer", 1, 0},              \
      {"featureType", 1, 0}, {"featuretype", 1, 0}, {"exclude_place_ids", 1, 0}, {                 \
    "dedupe", 1, 0                                                                                 \
  }

static const serve_param_spec nominatim_search[] = {{"q", 0, 0},
                                                    {"format", 0, 0},
                                                    {"limit", 0, 0},
                                                    {"accept-language", 0, 0},
                                                    {"addressdetails", 0, 0},
                                                    {"namedetails", 0, 0},
                                                    {"extratags", 0, 0},
                                                    {"countrycodes", 0, 0},
                                                    {"viewbox", 0, 0},
                                                    {"bounded", 0, 0},
                                                    {"city", 0, 0},
                                                    {"county", 0, 0},
                                                    {"state", 0, 0},
                                                    {"country", 0, 0},
                                                    NOMINATIM_IGNORED,
                                                    {NULL, 0, 0}};

static const serve_param_spec nominatim_reverse[] = {{"lat", 0, 0},
                                                     {"lon", 0, 0},
                                                     {"format", 0, 0},
                                                     {"zoom", 0, 0},
                                                     {"accept-language", 0, 0},
                                                     {"addressdetails", 0, 0},
                                                     {"namedetails", 0, 0},
                                                     {"extratags", 0, 0},
                                                     NOMINATIM_IGNORED,
                                                     {NULL, 0, 0}};

static const serve_param_spec nominatim_status[] = {{"format", 0, 0}, {NULL, 0, 0}};

/* Photon's tag and layer filters may repeat; they are accepted and
 * ignored, like its debugging switches. */
#define PHOTON_IGNORED                                                                             \
  {"osm_tag", 1, 1}, {"layer", 1, 1}, {"debug", 1, 0}, {"dedupe", 1, 0},                           \
      {"query_string_filter", 1, 0}, {                                                             \
    "distance_sort", 1, 0                                                                          \
  }

static const serve_param_spec photon_api[] = {
    {"q", 0, 0},    {"lang", 0, 0}, {"limit", 0, 0}, {"lat", 0, 0},
    {"lon", 0, 0},  {"zoom", 0, 0}, {"bbox", 0, 0},  {"location_bias_scale", 0, 0},
    PHOTON_IGNORED, {NULL, 0, 0}};

static const serve_param_spec photon_reverse[] = {{"lat", 0, 0},   {"lon", 0, 0},    {"lang", 0, 0},
                                                  {"limit", 0, 0}, {"radius", 0, 0}, PHOTON_IGNORED,
                                                  {NULL, 0, 0}};

static const serve_param_spec find[] = {{"locations_only", 0, 0}, {NULL, 0, 0}};

static const serve_param_spec render[] = {
    {"format", 0, 0}, {"width", 0, 0},    {"height", 0, 0},    {"dpi", 0, 0},
    {"lang", 0, 0},   {"labels", 0, 0},   {"date", 0, 0},      {"layers", 0, 0},
    {"crs", 0, 0},    {"bbox", 0, 0},     {"center", 0, 0},    {"zoom", 0, 0},
    {"title", 0, 0},  {"subtitle", 0, 0}, {"id_prefix", 0, 0}, {NULL, 0, 0}};

/* Nominatim and Photon both answer /reverse.  Nominatim's clients always
 * say which format they want (Nominatim's own default there is XML, which
 * gazmap does not speak); Photon has no such parameter.  So a /reverse
 * with format= is Nominatim's, one without is Photon's, and /photon/...
 * is Photon's whatever it carries. */
static int has_format(const serve_params *ps) {
  return serve_params_get(ps, "format") != NULL;
}

const serve_route serve_routes[] = {
    {"/search", "GET", nominatim_search, serve_nominatim_search, NULL},
    {"/search.php", "GET", nominatim_search, serve_nominatim_search, NULL},
    {"/reverse", "GET", nominatim_reverse, serve_nominatim_reverse, has_format},
    {"/reverse.php", "GET", nominatim_reverse, serve_nominatim_reverse, NULL},
    {"/status", "GET", nominatim_status, serve_nominatim_status, NULL},
    {"/status.php", "GET", nominatim_status, serve_nominatim_status, NULL},
    {"/api", "GET", photon_api, serve_photon_api, NULL},
    {"/reverse", "GET", photon_reverse, serve_photon_reverse, NULL},
    {"/photon/api", "GET", photon_api, serve_photon_api, NULL},
    {"/photon/reverse", "GET", photon_reverse, serve_photon_reverse, NULL},
    {"/find", "POST", find, serve_find, NULL},
    {"/render", "GET", render, serve_render, NULL},
    {NULL, NULL, NULL, NULL, NULL}};
