/* GET /render: the map, with the options of 'gazmap render' as query
 * parameters, as PNG or SVG.  A render takes a few hundred milliseconds
 * and tens of megabytes, so one runs at a time; a second request meanwhile
 * gets 503 with Retry-After rather than a queue. */
#define _GNU_SOURCE
#include "../module.h"
#include "serve.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Smaller than the library's own ceilings: a server answers many clients. */
#define MAX_SIDE 4096
#define MAX_TEXT 200

static pthread_mutex_t one_render = PTHREAD_MUTEX_INITIALIZER;

/* Only bytes from `allowed` (and at most `max` of them). */
static int only(const char *s, const char *allowed, size_t max) {
  return strlen(s) <= max && strspn(s, allowed) == strlen(s);
}

/* Checks a request's options into `o`; 0, or -1 with the 400 in `out`. */
static int read_opts(serve_request *rq, serve_reply *out, gazmap_render_opts *o,
                     gazmap_format *fmt) {
  const serve_params *ps = &rq->params;
  const char *v;
  char err[160];
  double c[2];
  long side;
  int r, has_zoom = 0;

  *fmt = GAZMAP_FORMAT_PNG;
  if ((v = serve_params_get(ps, "format"))) {
    if (!strcmp(v, "png")) {
      *fmt = GAZMAP_FORMAT_PNG;
    } else if (!strcmp(v, "svg")) {
      *fmt = GAZMAP_FORMAT_SVG;
    } else {
      return serve_reply_error(out, 400, "format must be png or svg"), -1;
    }
  }
  if ((r = serve_params_long(ps, "width", 16, MAX_SIDE, &side, err, sizeof err)) < 0) {
    goto bad;
  }
  o->width = r == 0 ? (int)side : o->width;
  if ((r = serve_params_long(ps, "height", 16, MAX_SIDE, &side, err, sizeof err)) < 0) {
    goto bad;
  }
  o->height = r == 0 ? (int)side : o->height;
  if (serve_params_double(ps, "dpi", 24, 600, &o->dpi, err, sizeof err) < 0) {
    goto bad;
  }
  if ((r = serve_params_doubles(ps, "bbox", o->bbox, 4, err, sizeof err)) < 0) {
    goto bad;
  }
  o->has_bbox = r == 0;
  if ((r = serve_params_doubles(ps, "center", c, 2, err, sizeof err)) < 0) {
    goto bad;
  }
  if (r == 0) {
    if (c[0] < -90 || c[0] > 90 || c[1] < -180 || c[1] > 180) {
      return serve_reply_error(out, 400, "parameter 'center' must be LAT,LON"), -1;
    }
    o->has_center = 1;
    o->center_lat = c[0];
    o->center_lon = c[1];
  }
  if ((r = serve_params_double(ps, "zoom", 1, 18, &o->zoom, err, sizeof err)) < 0) {
    goto bad;
  }
  has_zoom = r == 0;
  if (o->has_center != has_zoom) {
    return serve_reply_error(out, 400, "parameters 'center' and 'zoom' go together"), -1;
  }
  if (o->has_center && o->has_bbox) {
    return serve_reply_error(out, 400, "parameters 'bbox' and 'center' exclude each other"), -1;
  }
  if ((v = serve_params_get(ps, "lang")) && !only(v, "abcdefghijklmnopqrstuvwxyzLatn-", 15)) {
    return serve_reply_error(out, 400, "parameter 'lang' is not a language tag"), -1;
  }
  o->lang = v;
  if ((v = serve_params_get(ps, "date")) &&
      (strlen(v) != 10 || !only(v, "0123456789-", 10) || v[4] != '-' || v[7] != '-')) {
    return serve_reply_error(out, 400, "parameter 'date' must be YYYY-MM-DD"), -1;
  }
  o->date = v;
  if ((v = serve_params_get(ps, "layers")) &&
      !only(v, "abcdefghijklmnopqrstuvwxyz0123456789_-,", 512)) {
    return serve_reply_error(out, 400, "parameter 'layers' must be a comma list of layer names"),
           -1;
  }
  o->layers = v;
  if ((v = serve_params_get(ps, "labels"))) {
    if (strcmp(v, "single") && strcmp(v, "dual")) {
      return serve_reply_error(out, 400, "parameter 'labels' must be single or dual"), -1;
    }
    o->labels = !strcmp(v, "single") ? GAZMAP_LABELS_SINGLE : GAZMAP_LABELS_DUAL;
  }
  if ((v = serve_params_get(ps, "id_prefix")) &&
      !only(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 32)) {
    return serve_reply_error(out, 400, "parameter 'id_prefix' must be letters, digits, - and _"),
           -1;
  }
  o->id_prefix = v;
  /* Only EPSG codes: a PROJ string may name files (grids, init files),
   * and the server reads no file beyond its data. */
  if ((v = serve_params_get(ps, "crs")) &&
      (strncmp(v, "EPSG:", 5) || !only(v + 5, "0123456789", 6) || !v[5])) {
    return serve_reply_error(out, 400, "parameter 'crs' must be an EPSG code (EPSG:32638)"), -1;
  }
  o->crs = v;
  o->title = serve_params_get(ps, "title");
  o->subtitle = serve_params_get(ps, "subtitle");
  if ((o->title && strlen(o->title) > MAX_TEXT) ||
      (o->subtitle && strlen(o->subtitle) > MAX_TEXT)) {
    return serve_reply_error(out, 400, "title and subtitle are at most %d bytes", MAX_TEXT), -1;
  }
  return 0;
bad:
  serve_reply_error(out, 400, "%s", err);
  return -1;
}

int serve_render(serve_request *rq, serve_reply *out) {
  gazmap_render_opts o = GAZMAP_RENDER_OPTS_INIT;
  gazmap_format fmt;
  unsigned char *data = NULL;
  size_t len = 0;
  int rc;

  /* The map module opens with the first map asked for; a server whose
   * install lacks it answers 500 (its fault, not the request's). */
  if (cli_module_load() < 0) {
    return serve_reply_gazmap_error(out, 500);
  }
  if (read_opts(rq, out, &o, &fmt) < 0) {
    return 0;
  }
  if (pthread_mutex_trylock(&one_render) != 0) {
    out->retry_after = 1;
    return serve_reply_error(out, 503, "another map is being drawn; try again in a second");
  }
  rc = gazmap_render_buffer(rq->ctx->g, &o, fmt, &data, &len);
  pthread_mutex_unlock(&one_render);
  if (rc < 0) {
    /* The options passed the checks above, so what is left is the
     * library's judgement of them (an unknown layer, a date out of the
     * data) or a drawing failure. */
    return serve_reply_gazmap_error(out, rc == GAZMAP_ERENDER || rc == GAZMAP_ENOMEM ? 500 : 400);
  }
  out->status = 200;
  out->content_type = fmt == GAZMAP_FORMAT_SVG ? "image/svg+xml" : "image/png";
  out->body = (char *)data;
  out->len = len;
  return 0;
}
