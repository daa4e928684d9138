/* Nominatim's /search, /reverse and /status, with its field names and
 * types, so that its clients (geopy's Nominatim, QGIS's locator, Leaflet's
 * geocoder controls) work unchanged. */
#define _GNU_SOURCE
#include "serve.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LIMIT 40 /* Nominatim's own ceiling */
#define LICENCE "gazmap gazetteer; each place names its source (extratags.source)"

enum format { FMT_JSON, FMT_JSONV2, FMT_GEOJSON };

/* What the options of one request ask for besides the places. */
typedef struct wants {
  enum format fmt;
  const char *lang;
  int address, names, extra;
} wants;

/* Reads format, accept-language (parameter, then header), addressdetails,
 * namedetails and extratags.  0, or -1 with the 400 already in `out`. */
static int read_wants(serve_request *rq, serve_reply *out, enum format dflt, wants *w,
                      char *langbuf, size_t langcap) {
  const char *f = serve_params_get(&rq->params, "format");
  const char *al = serve_params_get(&rq->params, "accept-language");
  char err[160];
  int bad;
  memset(w, 0, sizeof *w);
  w->fmt = dflt;
  if (f) {
    if (!strcmp(f, "json")) {
      w->fmt = FMT_JSON;
    } else if (!strcmp(f, "jsonv2")) {
      w->fmt = FMT_JSONV2;
    } else if (!strcmp(f, "geojson")) {
      w->fmt = FMT_GEOJSON;
    } else {
      serve_reply_error(out, 400, "format '%.32s' is not supported (json, jsonv2, geojson)", f);
      return -1;
    }
  }
  w->lang = serve_first_language(al ? al : rq->accept_language, langbuf, langcap, &bad);
  if (bad) {
    serve_reply_error(out, 400, "%s is not a list of language tags",
                      al ? "parameter 'accept-language'" : "the Accept-Language header");
    return -1;
  }
  if (serve_params_bool(&rq->params, "addressdetails", &w->address, err, sizeof err) < 0 ||
      serve_params_bool(&rq->params, "namedetails", &w->names, err, sizeof err) < 0 ||
      serve_params_bool(&rq->params, "extratags", &w->extra, err, sizeof err) < 0) {
    serve_reply_error(out, 400, "%s", err);
    return -1;
  }
  return 0;
}

/* OSM tags are strings: the extra facts the gazetteer has, as tags. */
static json_t *extratags(const gazmap_place *p) {
  json_t *o = json_object();
  char buf[32];
  json_object_set_new(o, "gazmap:id", json_string(gazmap_place_id(p)));
  if (*gazmap_place_source(p)) {
    json_object_set_new(o, "source", json_string(gazmap_place_source(p)));
  }
  if (gazmap_place_population(p) >= 0) {
    snprintf(buf, sizeof buf, "%lld", (long long)gazmap_place_population(p));
    json_object_set_new(o, "population", json_string(buf));
  }
  if (gazmap_place_geonames_id(p)) {
    snprintf(buf, sizeof buf, "%lld", (long long)gazmap_place_geonames_id(p));
    json_object_set_new(o, "geonames:id", json_string(buf));
  }
  return o;
}

/* One place as Nominatim gives it, in json/jsonv2 (a flat object) or as a
 * GeoJSON feature.  `importance` is the match score of a search, the
 * place's own importance for a reverse query. */
static json_t *place_json(const serve_ctx *c, const gazmap_place *p, const wants *w,
                          double importance) {
  json_t *o = json_object(), *bb;
  const char *key, *value;
  char display[1024];
  double lat = gazmap_place_lat(p), lon = gazmap_place_lon(p);
  double half = serve_kind_box(gazmap_place_kind(p));
  gazmap_kind k = gazmap_place_kind(p);
  serve_kind_osm(k, &key, &value);
  serve_display_name(c, p, w->lang, display, sizeof display);
  json_object_set_new(o, "place_id", json_integer((json_int_t)serve_place_id(c, p)));
  json_object_set_new(o, "licence", json_string(LICENCE));
  if (w->fmt != FMT_GEOJSON) {
    json_object_set_new(o, "lat", serve_coord_string(lat));
    json_object_set_new(o, "lon", serve_coord_string(lon));
  }
  json_object_set_new(o, w->fmt == FMT_JSON ? "class" : "category", json_string(key));
  json_object_set_new(o, "type", json_string(value));
  json_object_set_new(o, "place_rank", json_integer(serve_kind_rank(k)));
  json_object_set_new(o, "importance", serve_rounded(importance, 5));
  json_object_set_new(o, "addresstype", json_string(serve_kind_address_key(k)));
  json_object_set_new(o, "name", json_string(serve_name(p, w->lang)));
  json_object_set_new(o, "display_name", json_string(display));
  if (w->address) {
    json_object_set_new(o, "address", serve_address(c, p, w->lang));
  }
  if (w->extra) {
    json_object_set_new(o, "extratags", extratags(p));
  }
  if (w->names) {
    json_object_set_new(o, "namedetails", serve_namedetails(p, w->lang));
  }
  if (w->fmt != FMT_GEOJSON) {
    /* South, north, west, east, as strings. */
    bb = json_array();
    json_array_append_new(bb, serve_coord_string(lat - half));
    json_array_append_new(bb, serve_coord_string(lat + half));
    json_array_append_new(bb, serve_coord_string(lon - half));
    json_array_append_new(bb, serve_coord_string(lon + half));
    json_object_set_new(o, "boundingbox", bb);
    return o;
  } else {
    json_t *f = json_object(), *geom = json_object(), *coords = json_array();
    bb = json_array();
    json_array_append_new(bb, serve_rounded(lon - half, 7));
    json_array_append_new(bb, serve_rounded(lat - half, 7));
    json_array_append_new(bb, serve_rounded(lon + half, 7));
    json_array_append_new(bb, serve_rounded(lat + half, 7));
    json_array_append_new(coords, serve_rounded(lon, 7));
    json_array_append_new(coords, serve_rounded(lat, 7));
    json_object_set_new(geom, "type", json_string("Point"));
    json_object_set_new(geom, "coordinates", coords);
    json_object_del(o, "licence");
    json_object_set_new(f, "type", json_string("Feature"));
    json_object_set_new(f, "properties", o);
    json_object_set_new(f, "bbox", bb);
    json_object_set_new(f, "geometry", geom);
    return f;
  }
}

static json_t *collection(void) {
  json_t *fc = json_object();
  json_object_set_new(fc, "type", json_string("FeatureCollection"));
  json_object_set_new(fc, "licence", json_string(LICENCE));
  json_object_set_new(fc, "features", json_array());
  return fc;
}

/* The query text: q, or else the most specific structured field given. */
static const char *query_of(const serve_params *ps) {
  static const char *const structured[] = {"city", "county", "state", "country"};
  const char *q = serve_params_get(ps, "q");
  size_t i;
  for (i = 0; !q && i < sizeof structured / sizeof structured[0]; i++) {
    q = serve_params_get(ps, structured[i]);
  }
  return q;
}

/* viewbox=x1,y1,x2,y2 with bounded=1 keeps the places inside it. */
static int inside(const double vb[4], const gazmap_place *p) {
  double lon = gazmap_place_lon(p), lat = gazmap_place_lat(p);
  double w = vb[0] < vb[2] ? vb[0] : vb[2], e = vb[0] < vb[2] ? vb[2] : vb[0];
  double s = vb[1] < vb[3] ? vb[1] : vb[3], n = vb[1] < vb[3] ? vb[3] : vb[1];
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

int serve_nominatim_search(serve_request *rq, serve_reply *out) {
  gazmap_match m[MAX_LIMIT];
  const char *q = query_of(&rq->params);
  const char *cc = serve_params_get(&rq->params, "countrycodes");
  char langbuf[16], err[160];
  double vb[4];
  long limit = 10;
  int bounded = 0, has_vb, rc;
  size_t n, i;
  wants w;
  json_t *arr, *fc = NULL;

  if (read_wants(rq, out, FMT_JSONV2, &w, langbuf, sizeof langbuf) < 0) {
    return 0;
  }
  if (serve_params_long(&rq->params, "limit", 1, MAX_LIMIT, &limit, err, sizeof err) < 0 ||
      (has_vb = serve_params_doubles(&rq->params, "viewbox", vb, 4, err, sizeof err)) < 0 ||
      serve_params_bool(&rq->params, "bounded", &bounded, err, sizeof err) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  if (!q || !*q) {
    return serve_reply_error(out, 400, "parameter 'q' is required");
  }
  if (strlen(q) > SERVE_MAX_QUERY) {
    return serve_reply_error(out, 400, "parameter 'q' is longer than %d bytes", SERVE_MAX_QUERY);
  }
  /* Filters are applied after the lookup: ask for every match there is
   * room for, then keep `limit` of those that pass. */
  if ((rc = serve_geocode(rq->ctx, q, cc, m, MAX_LIMIT, &n)) < 0) {
    return serve_reply_gazmap_error(out, 400);
  }
  if (w.fmt == FMT_GEOJSON) {
    fc = collection();
    arr = json_object_get(fc, "features");
  } else {
    arr = json_array();
  }
  for (i = 0; i < n && json_array_size(arr) < (size_t)limit; i++) {
    if (bounded && has_vb == 0 && !inside(vb, m[i].place)) {
      continue;
    }
    json_array_append_new(arr, place_json(rq->ctx, m[i].place, &w, m[i].score));
  }
  return serve_reply_json(out, 200, fc ? fc : arr);
}

/* The kinds a reverse query at `zoom` may return: Nominatim's detail
 * levels (3 country, 5 state, 8 county, 10 city, 12 town, 13+ village and
 * finer) over the gazetteer's kinds. */
static unsigned kinds_at_zoom(long zoom) {
  unsigned k = 1u << GAZMAP_KIND_COUNTRY;
  if (zoom >= 5) {
    k |= 1u << GAZMAP_KIND_REGION;
  }
  if (zoom >= 8) {
    k |= 1u << GAZMAP_KIND_DISTRICT;
  }
  if (zoom >= 10) {
    k = 1u << GAZMAP_KIND_CITY | 1u << GAZMAP_KIND_TOWN;
  }
  if (zoom >= 13) {
    /* Settlements and point features: the most detailed answer there is. */
    k |= 1u << GAZMAP_KIND_VILLAGE | 1u << GAZMAP_KIND_SITE | 1u << GAZMAP_KIND_PASS |
         1u << GAZMAP_KIND_MOUNTAIN | 1u << GAZMAP_KIND_LAKE | 1u << GAZMAP_KIND_RESERVOIR |
         1u << GAZMAP_KIND_CROSSING | 1u << GAZMAP_KIND_AIRPORT | 1u << GAZMAP_KIND_STATION;
  }
  return k;
}

int serve_nominatim_reverse(serve_request *rq, serve_reply *out) {
  const gazmap_place *p[1];
  double lat, lon, km[1];
  long zoom = 18;
  char langbuf[16], err[160];
  size_t n;
  wants w;
  int rl, rn;

  if (read_wants(rq, out, FMT_JSON, &w, langbuf, sizeof langbuf) < 0) {
    return 0;
  }
  rl = serve_params_double(&rq->params, "lat", -90, 90, &lat, err, sizeof err);
  rn = rl < 0 ? 0 : serve_params_double(&rq->params, "lon", -180, 180, &lon, err, sizeof err);
  if (rl < 0 || rn < 0 ||
      serve_params_long(&rq->params, "zoom", 0, 18, &zoom, err, sizeof err) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  if (rl || rn) {
    return serve_reply_error(out, 400, "parameters 'lat' and 'lon' are required");
  }
  if (serve_nearest(rq->ctx, lat, lon, kinds_at_zoom(zoom), p, km, 1, &n) < 0) {
    return serve_reply_gazmap_error(out, 500);
  }
  if (n == 0) {
    /* Nominatim answers an empty reverse query so, with status 200. */
    json_t *e = json_object();
    json_object_set_new(e, "error", json_string("Unable to geocode"));
    return serve_reply_json(out, 200, e);
  }
  if (w.fmt == FMT_GEOJSON) {
    json_t *fc = collection();
    json_array_append_new(json_object_get(fc, "features"),
                          place_json(rq->ctx, p[0], &w, gazmap_place_importance(p[0])));
    return serve_reply_json(out, 200, fc);
  }
  return serve_reply_json(out, 200, place_json(rq->ctx, p[0], &w, gazmap_place_importance(p[0])));
}

int serve_nominatim_status(serve_request *rq, serve_reply *out) {
  const char *f = serve_params_get(&rq->params, "format");
  json_t *o;
  if (!f || !strcmp(f, "text")) {
    out->status = 200;
    out->content_type = "text/plain; charset=utf-8";
    out->body = strdup("OK");
    out->len = 2;
    return out->body ? 0 : -1;
  }
  if (strcmp(f, "json")) {
    return serve_reply_error(out, 400, "format '%.32s' is not supported (text, json)", f);
  }
  o = json_object();
  json_object_set_new(o, "status", json_integer(0));
  json_object_set_new(o, "message", json_string("OK"));
  json_object_set_new(o, "software_version", json_string(gazmap_version()));
  json_object_set_new(o, "places", json_integer((json_int_t)gazmap_gazetteer_count(rq->ctx->g)));
  return serve_reply_json(out, 200, o);
}
