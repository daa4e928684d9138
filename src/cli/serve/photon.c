/* Photon's /api and /reverse: GeoJSON FeatureCollections whose features
 * carry Photon's properties (osm_key, osm_value, type, name, county,
 * country, countrycode, extent), so that geopy's Photon and the Photon
 * geocoders of Leaflet and MapLibre work unchanged. */
#define _GNU_SOURCE
#include "serve.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 50

static json_t *feature(const serve_ctx *c, const gazmap_place *p, const char *lang) {
  json_t *f = json_object(), *geom = json_object(), *coords = json_array();
  json_t *props = json_object(), *extent = json_array();
  const gazmap_place *d = serve_district(c, p), *country;
  const char *key, *value, *cc = gazmap_place_country(p);
  double lat = gazmap_place_lat(p), lon = gazmap_place_lon(p);
  double half = serve_kind_box(gazmap_place_kind(p));
  serve_kind_osm(gazmap_place_kind(p), &key, &value);
  json_array_append_new(coords, serve_rounded(lon, 7));
  json_array_append_new(coords, serve_rounded(lat, 7));
  json_object_set_new(geom, "type", json_string("Point"));
  json_object_set_new(geom, "coordinates", coords);
  json_object_set_new(props, "osm_key", json_string(key));
  json_object_set_new(props, "osm_value", json_string(value));
  json_object_set_new(props, "type", json_string(serve_kind_photon_type(gazmap_place_kind(p))));
  json_object_set_new(props, "name", json_string(serve_name(p, lang)));
  if (d && d != p) {
    json_object_set_new(props, "county", json_string(serve_name(d, lang)));
  }
  if (*cc) {
    country = serve_country(c, cc);
    if (country && country != p) {
      json_object_set_new(props, "country", json_string(serve_name(country, lang)));
    }
    json_object_set_new(props, "countrycode", json_string(cc));
  }
  /* Photon's extent is west, north, east, south. */
  json_array_append_new(extent, serve_rounded(lon - half, 7));
  json_array_append_new(extent, serve_rounded(lat + half, 7));
  json_array_append_new(extent, serve_rounded(lon + half, 7));
  json_array_append_new(extent, serve_rounded(lat - half, 7));
  json_object_set_new(props, "extent", extent);
  json_object_set_new(props, "gazmap_id", json_string(gazmap_place_id(p)));
  json_object_set_new(f, "type", json_string("Feature"));
  json_object_set_new(f, "geometry", geom);
  json_object_set_new(f, "properties", props);
  return f;
}

static json_t *collection(json_t **features) {
  json_t *fc = json_object();
  *features = json_array();
  json_object_set_new(fc, "type", json_string("FeatureCollection"));
  json_object_set_new(fc, "features", *features);
  return fc;
}

/* Reads lang and limit.  0, or -1 with the 400 in `out`. */
static int read_common(serve_request *rq, serve_reply *out, const char **lang, char *buf,
                       size_t cap, long *limit, long dflt) {
  char err[160];
  int bad;
  *limit = dflt;
  *lang = serve_first_language(serve_params_get(&rq->params, "lang"), buf, cap, &bad);
  if (bad) {
    serve_reply_error(out, 400, "parameter 'lang' is not a language tag");
    return -1;
  }
  if (*lang && !strcmp(*lang, "default")) {
    *lang = NULL;
  }
  if (serve_params_long(&rq->params, "limit", 1, MAX_LIMIT, limit, err, sizeof err) < 0) {
    serve_reply_error(out, 400, "%s", err);
    return -1;
  }
  return 0;
}

int serve_photon_api(serve_request *rq, serve_reply *out) {
  gazmap_match m[MAX_LIMIT];
  const char *q = serve_params_get(&rq->params, "q"), *lang;
  char buf[16], err[160];
  double bias[2], bbox[4], scale;
  long limit, zoom;
  int has_bbox;
  size_t n, i;
  json_t *fc, *features;

  if (read_common(rq, out, &lang, buf, sizeof buf, &limit, 10) < 0) {
    return 0;
  }
  /* Location bias is accepted and checked; the gazetteer's ranking does
   * not use it (doc/serve.md). */
  if (serve_params_double(&rq->params, "lat", -90, 90, &bias[0], err, sizeof err) < 0 ||
      serve_params_double(&rq->params, "lon", -180, 180, &bias[1], err, sizeof err) < 0 ||
      serve_params_long(&rq->params, "zoom", 0, 22, &zoom, err, sizeof err) < 0 ||
      serve_params_double(&rq->params, "location_bias_scale", 0, 1, &scale, err, sizeof err) < 0 ||
      (has_bbox = serve_params_doubles(&rq->params, "bbox", bbox, 4, err, sizeof err)) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  if (!q || !*q) {
    return serve_reply_error(out, 400, "parameter 'q' is required");
  }
  if (strlen(q) > SERVE_MAX_QUERY) {
    return serve_reply_error(out, 400, "parameter 'q' is longer than %d bytes", SERVE_MAX_QUERY);
  }
  if (serve_geocode(rq->ctx, q, NULL, m, MAX_LIMIT, &n) < 0) {
    return serve_reply_gazmap_error(out, 400);
  }
  fc = collection(&features);
  for (i = 0; i < n && json_array_size(features) < (size_t)limit; i++) {
    double lon = gazmap_place_lon(m[i].place), lat = gazmap_place_lat(m[i].place);
    /* bbox=minLon,minLat,maxLon,maxLat keeps the places inside it. */
    if (has_bbox == 0 && !(lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3])) {
      continue;
    }
    json_array_append_new(features, feature(rq->ctx, m[i].place, lang));
  }
  return serve_reply_json(out, 200, fc);
}

int serve_photon_reverse(serve_request *rq, serve_reply *out) {
  const gazmap_place *p[MAX_LIMIT];
  double km[MAX_LIMIT], lat, lon, radius = INFINITY;
  const char *lang;
  char buf[16], err[160];
  long limit;
  int rl, rn;
  size_t n, i;
  json_t *fc, *features;
  /* Photon answers with the places nearest to the point; line vertices
   * and whole countries are not what a reverse query means. */
  unsigned kinds = ~0u & ~(1u << GAZMAP_KIND_WAYPOINT) & ~(1u << GAZMAP_KIND_COUNTRY) &
                   ~(1u << GAZMAP_KIND_REGION) & ~(1u << GAZMAP_KIND_DISTRICT);

  if (read_common(rq, out, &lang, buf, sizeof buf, &limit, 1) < 0) {
    return 0;
  }
  rl = serve_params_double(&rq->params, "lat", -90, 90, &lat, err, sizeof err);
  rn = rl < 0 ? 0 : serve_params_double(&rq->params, "lon", -180, 180, &lon, err, sizeof err);
  if (rl < 0 || rn < 0 ||
      serve_params_double(&rq->params, "radius", 0, 20000, &radius, err, sizeof err) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  if (rl || rn) {
    return serve_reply_error(out, 400, "parameters 'lat' and 'lon' are required");
  }
  if (serve_nearest(rq->ctx, lat, lon, kinds, p, km, (size_t)limit, &n) < 0) {
    return serve_reply_gazmap_error(out, 500);
  }
  fc = collection(&features);
  for (i = 0; i < n; i++) {
    if (km[i] <= radius) {
      json_array_append_new(features, feature(rq->ctx, p[i], lang));
    }
  }
  return serve_reply_json(out, 200, fc);
}
