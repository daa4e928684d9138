/* gazmap serve: a small read-only HTTP server over the library (libmicrohttpd).
 *
 * The server lives with the command-line tool, not in libgazmap, so that the
 * library never links an HTTP stack.  Its pieces, one file each:
 *   server.c     sockets, libmicrohttpd, limits, signals, access log, CORS;
 *   routes.c     the table of paths: one line per endpoint;
 *   params.c     query parameters: UTF-8, lengths, duplicates, numbers;
 *   pool.c       one gazetteer per worker thread (the library's gazetteer
 *                must not be queried from two threads at once);
 *   place.c      a place in the words Nominatim and Photon use;
 *   nominatim.c  /search, /reverse (with format=), /status;
 *   photon.c     /api, /reverse (without format=), /photon/...;
 *   find.c       POST /find, the mentions as 'gazmap find --json' gives them;
 *   render.c     /render, the map as PNG or SVG.
 * doc/serve.md describes the HTTP interface. */
#ifndef GAZMAP_SERVE_H
#define GAZMAP_SERVE_H

#include "gazmap/gazmap.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* ---- configuration (from the command line) ---------------------------- */

typedef struct serve_config {
  const char *listen;     /* "HOST:PORT" or "[V6]:PORT"; port 0 picks a free one */
  const char *gazetteer;  /* NULL: the bundled gazetteer */
  const char *cors;       /* NULL: no CORS headers; else the allowed origin or "*" */
  const char *access_log; /* NULL: none; "-": standard error; else a file appended to */
  unsigned threads;       /* worker threads, each with its own gazetteer */
  unsigned max_connections;
  unsigned timeout; /* seconds a connection may stay idle (slow clients) */
  size_t max_body;  /* bytes of a request body (POST /find) */
  unsigned drain;   /* seconds SIGTERM waits for requests in flight */
} serve_config;

#define SERVE_CONFIG_INIT                                                                          \
  { "127.0.0.1:8080", NULL, NULL, NULL, 2, 256, 10, 1u << 20, 10 }

/* Runs the server until SIGTERM or SIGINT, then lets the requests in flight
 * finish (at most cfg->drain seconds) and returns a CLI exit code.  Prints
 * "gazmap serve: listening on http://HOST:PORT/" on standard output once
 * the socket is bound, so that a caller that asked for port 0 learns the
 * port. */
int serve_run(const serve_config *cfg);

/* ---- one worker's data (pool.c) --------------------------------------- */

typedef struct serve_ctx serve_ctx;

/* Everything a handler may use of the gazetteer it has checked out. */
struct serve_ctx {
  gazmap_gazetteer *g;
  /* Place pointer -> index in the gazetteer, the stable place_id clients
   * see (the same data gives the same ids after a restart). */
  const gazmap_place **slot_place;
  size_t *slot_index;
  size_t nslots;
  /* The country entries of the gazetteer, by ISO code, for display names. */
  const gazmap_place *countries[64];
  size_t ncountries;
  int busy;
};

typedef struct serve_pool serve_pool;

/* Loads `n` copies of the gazetteer at `path` (NULL: bundled) and builds
 * their name indexes.  Returns 0 or a negative gazmap_status with the
 * library's error set.  Free with serve_pool_free(). */
int serve_pool_new(serve_pool **out, const char *path, unsigned n);
void serve_pool_free(serve_pool *p);
/* Takes a free context, waiting while all are in use; give it back with
 * serve_pool_put(). */
serve_ctx *serve_pool_get(serve_pool *p);
void serve_pool_put(serve_pool *p, serve_ctx *c);

/* The stable id of a place (its row in the gazetteer, from 1). */
size_t serve_place_id(const serve_ctx *c, const gazmap_place *p);
/* The country entry for an ISO code, or NULL. */
const gazmap_place *serve_country(const serve_ctx *c, const char *code);

/* ---- query parameters (params.c) -------------------------------------- */

/* Limits every request is held to (doc/serve.md). */
#define SERVE_MAX_PARAMS 32
#define SERVE_MAX_KEY 32
#define SERVE_MAX_VALUE 1024
#define SERVE_MAX_QUERY 255 /* q: no gazetteer name is longer */

typedef struct serve_param {
  const char *key;
  const char *value; /* "" for a key given without '=' */
  size_t value_len;
} serve_param;

/* What an endpoint accepts: each name once, unless `repeat`.  Parameters
 * that clients of the real services send but that mean nothing here are
 * listed as accepted and ignored (`ignored`), so those clients work; any
 * name not listed is refused. */
typedef struct serve_param_spec {
  const char *name;
  int ignored;
  int repeat;
} serve_param_spec;

typedef struct serve_params {
  serve_param p[SERVE_MAX_PARAMS];
  size_t n;
  int overflow;    /* more than SERVE_MAX_PARAMS were given */
  char error[256]; /* the first problem met while collecting, or "" */
} serve_params;

/* 1 when the `len` bytes at `s` are valid UTF-8 (no overlong forms, no
 * surrogates); else 0 and *bad the offset of the first invalid byte. */
int serve_utf8_valid(const char *s, size_t len, size_t *bad);

/* Checks the collected parameters against `spec` (ends with {NULL}):
 * returns 0, or -1 with a one-line reason in `err`. */
int serve_params_check(const serve_params *ps, const serve_param_spec *spec, char *err, size_t cap);
/* The value of `key`, or NULL when it was not given. */
const char *serve_params_get(const serve_params *ps, const char *key);
/* Parses a decimal number ("-12.5"; no exponent, hex, inf or nan) in
 * [lo, hi].  0 and *out; 1 when absent (out untouched); -1 with `err`. */
int serve_params_double(const serve_params *ps, const char *key, double lo, double hi, double *out,
                        char *err, size_t cap);
/* Same for a whole number. */
int serve_params_long(const serve_params *ps, const char *key, long lo, long hi, long *out,
                      char *err, size_t cap);
/* "0"/"1" (also "true"/"false"): 0 and *out, 1 when absent, -1 with err. */
int serve_params_bool(const serve_params *ps, const char *key, int *out, char *err, size_t cap);
/* Parses `n` comma-separated decimal numbers of `key` ("46.1,39.5,47,40").
 * Same returns as serve_params_double. */
int serve_params_doubles(const serve_params *ps, const char *key, double *out, size_t n, char *err,
                         size_t cap);

/* ---- requests and replies (server.c, routes.c) ------------------------ */

typedef struct serve_request {
  const char *method;
  const char *path;
  serve_params params;
  const char *accept_language; /* the Accept-Language header, or NULL */
  const char *body;            /* POST body, NUL-terminated, or NULL */
  size_t body_len;
  serve_ctx *ctx; /* the gazetteer, checked out for this request */
  const serve_config *cfg;
} serve_request;

typedef struct serve_reply {
  unsigned status;
  const char *content_type;
  char *body; /* malloc()ed; the server frees it */
  size_t len;
  unsigned retry_after; /* > 0: a Retry-After header (503) */
} serve_reply;

/* An endpoint.  Returns 0 with `out` filled, or -1 when it could not even
 * build an error reply (out of memory: the server answers 500). */
typedef int (*serve_handler)(serve_request *rq, serve_reply *out);

typedef struct serve_route {
  const char *path;
  const char *method; /* "GET" (HEAD too) or "POST" */
  const serve_param_spec *params;
  serve_handler run;
  /* When set, the route is taken only if this returns 1 (two services
   * share /reverse: see routes.c). */
  int (*wants)(const serve_params *ps);
} serve_route;

/* The routes, in the order they are tried; ends with {NULL}. */
extern const serve_route serve_routes[];

/* Fills `out` with `v` as compact JSON (steals the reference).  0 or -1. */
int serve_reply_json(serve_reply *out, unsigned status, json_t *v);
/* Fills `out` with {"error": {"code": status, "message": ...}}.  0 or -1. */
int serve_reply_error(serve_reply *out, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A 400 from the library's last error ("invalid UTF-8 in the query"). */
int serve_reply_gazmap_error(serve_reply *out, unsigned status);

/* The endpoints. */
int serve_nominatim_search(serve_request *rq, serve_reply *out);
int serve_nominatim_reverse(serve_request *rq, serve_reply *out);
int serve_nominatim_status(serve_request *rq, serve_reply *out);
int serve_photon_api(serve_request *rq, serve_reply *out);
int serve_photon_reverse(serve_request *rq, serve_reply *out);
int serve_find(serve_request *rq, serve_reply *out);
int serve_render(serve_request *rq, serve_reply *out);

/* ---- places in the services' words (place.c) -------------------------- */

/* The first language of an accept-language value ("hy,en;q=0.8" -> "hy")
 * into buf (at most cap bytes), or NULL when `list` is NULL or empty.
 * Refuses (returns NULL with *bad set) anything but BCP 47-like tags. */
const char *serve_first_language(const char *list, char *buf, size_t cap, int *bad);

/* OSM's key/value pair for a gazetteer kind, as Nominatim's class and type
 * and Photon's osm_key and osm_value ("place"/"town", "natural"/"peak"). */
void serve_kind_osm(gazmap_kind k, const char **key, const char **value);
/* Nominatim's address rank for a kind (4 country ... 30 a point). */
int serve_kind_rank(gazmap_kind k);
/* The address key of a kind in Nominatim's addressdetails ("town",
 * "county", "state", "country"), and Photon's layer ("city", "district",
 * "county", "state", "country", "other"). */
const char *serve_kind_address_key(gazmap_kind k);
const char *serve_kind_photon_type(gazmap_kind k);
/* The box Nominatim would give a point of this kind: half its side in
 * degrees (a convention of the server, not the place's extent). */
double serve_kind_box(gazmap_kind k);
/* The place's name in `lang`, as gazmap_place_name_in gives it; NULL
 * means English. */
const char *serve_name(const gazmap_place *p, const char *lang);
/* "Shusha, Shusha District, Azerbaijan" in `lang` (NULL: English). */
void serve_display_name(const serve_ctx *c, const gazmap_place *p, const char *lang, char *buf,
                        size_t cap);
/* The district entry of a place, or NULL. */
const gazmap_place *serve_district(const serve_ctx *c, const gazmap_place *p);
/* Nominatim's namedetails object: "name" and "name:LANG" for each language
 * the place has a name in (the preferred one), plus "alt_name:LANG" and
 * "old_name:LANG" for the others.  New reference. */
json_t *serve_namedetails(const gazmap_place *p, const char *lang);
/* Nominatim's address object. New reference. */
json_t *serve_address(const serve_ctx *c, const gazmap_place *p, const char *lang);
/* A coordinate as Nominatim writes it: a string with 7 decimals. */
json_t *serve_coord_string(double v);
/* A JSON number rounded to `decimals` places. */
json_t *serve_rounded(double v, int decimals);

/* The places of a reverse query: the nearest `k` of the kinds `kinds`. */
int serve_nearest(const serve_ctx *c, double lat, double lon, unsigned kinds,
                  const gazmap_place **out, double *km, size_t k, size_t *n);

/* Looks up a free-form query the way both services need it: its first
 * comma-separated part ("Shusha, Azerbaijan" -> "Shusha"), and when that
 * matches nothing (or there is no comma) the whole string.  Filters by the comma list of
 * country codes `countries` (NULL: any).  Returns 0 and *n, or a negative
 * gazmap_status. */
int serve_geocode(const serve_ctx *c, const char *q, const char *countries, gazmap_match *out,
                  size_t cap, size_t *n);

#endif
