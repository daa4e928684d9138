/* POST /find: the places a text names, one JSON object per mention with the
 * fields and values of 'gazmap find --json' (tests/serve checks that the two
 * agree on the same text). */
#define _GNU_SOURCE
#include "../places.h"
#include "serve.h"

#include <stdlib.h>
#include <string.h>

/* The answer is built in memory; past this size the request is refused
 * rather than letting one text take the server's memory (a text that
 * names a place every few bytes makes an answer ~50 times its size). */
#define MAX_ANSWER (16u << 20)
#define JSON_FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) | JSON_COMPACT)

typedef struct find_state {
  char *buf;
  size_t len, cap;
  size_t count;
  int locations_only;
  int too_big;
} find_state;

static int append(find_state *s, const char *text, size_t n) {
  if (s->len + n + 2 > MAX_ANSWER) {
    s->too_big = 1;
    return -1;
  }
  if (s->len + n + 2 > s->cap) {
    size_t cap = s->cap ? s->cap : 4096;
    char *nb;
    while (cap < s->len + n + 2) {
      cap *= 2;
    }
    if (!(nb = realloc(s->buf, cap))) {
      return -1;
    }
    s->buf = nb;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, text, n);
  s->len += n;
  s->buf[s->len] = '\0';
  return 0;
}

static int on_mention(void *ud, const gazmap_mention *m) {
  find_state *s = ud;
  json_t *o;
  char *text;
  int rc;
  if (s->locations_only &&
      (m->role == GAZMAP_ROLE_ORGANISATION || m->role == GAZMAP_ROLE_AGREEMENT)) {
    return 0;
  }
  if (!(o = cli_mention_fields(json_object(), m, CLI_UNIT_BYTES)) || !(text = json_dumps(o, JSON_FLAGS))) {
    json_decref(o);
    return GAZMAP_ENOMEM;
  }
  json_decref(o);
  rc = append(s, s->count ? "," : "[", 1) < 0 || append(s, text, strlen(text)) < 0;
  free(text);
  s->count++;
  return rc ? (s->too_big ? GAZMAP_ERANGE : GAZMAP_ENOMEM) : 0;
}

int serve_find(serve_request *rq, serve_reply *out) {
  gazmap_scan_opts so = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *sc = NULL;
  find_state s;
  char err[160];
  size_t bad;
  int rc;

  memset(&s, 0, sizeof s);
  if (serve_params_bool(&rq->params, "locations_only", &s.locations_only, err, sizeof err) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  /* The command line reads bad bytes as separators and warns; a server
   * has no one to warn, so it refuses the text and says where. */
  if (rq->body && !serve_utf8_valid(rq->body, rq->body_len, &bad)) {
    return serve_reply_error(out, 400, "the body is not valid UTF-8 (byte %zu)", bad);
  }
  so.unresolved = 1; /* as 'gazmap find' does */
  if (gazmap_scanner_new(&sc, rq->ctx->g, &so) < 0) {
    return serve_reply_gazmap_error(out, 500);
  }
  rc = gazmap_scan_buffer(sc, rq->body ? rq->body : "", rq->body_len, on_mention, &s);
  gazmap_scanner_free(sc);
  if (s.too_big) {
    free(s.buf);
    return serve_reply_error(out, 413, "the answer would exceed %u MiB; send the text in parts",
                             MAX_ANSWER >> 20);
  }
  if (rc != 0 || append(&s, s.count ? "]" : "[]", s.count ? 1 : 2) < 0) {
    free(s.buf);
    return rc < 0 && rc != GAZMAP_ENOMEM ? serve_reply_gazmap_error(out, 500) : -1;
  }
  out->status = 200;
  out->content_type = "application/json";
  out->body = s.buf;
  out->len = s.len;
  return 0;
}
