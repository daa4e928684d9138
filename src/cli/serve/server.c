/* The HTTP side of gazmap serve: the listening socket, libmicrohttpd and
 * its limits, the dispatch to routes.c, replies, CORS, the access log and
 * the drain on SIGTERM.
 *
 * Limits, and who enforces them: libmicrohttpd answers a request line or
 * headers larger than the connection's memory pool (MEMORY_LIMIT: this
 * bounds the query string too) with 414 or 431 itself, closes a connection
 * idle for --timeout seconds (slow clients), and accepts at most
 * --max-connections at once.  This file bounds the body (--max-body) and
 * checks every parameter (params.c) before a handler runs. */
#define _GNU_SOURCE
#include "serve.h"
#include "mhd_dl.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MEMORY_LIMIT (32u * 1024)
#define LOG_URL_MAX 2048

typedef struct server {
  const serve_config *cfg;
  serve_pool *pool;
  int log_fd; /* -1: no access log */
  atomic_uint in_flight;
  atomic_int draining;
} server;

/* One request, from its first call to the completion notice. */
typedef struct request_state {
  char *body;
  size_t body_len;
  int answered; /* a reply was queued before the body (413) */
  unsigned status;
  size_t bytes;
  struct timespec start;
  char client[INET6_ADDRSTRLEN];
  char method[16]; /* for the access log */
  char path[256];
} request_state;

/* ---- replies ------------------------------------------------------------ */

int serve_reply_json(serve_reply *out, unsigned status, json_t *v) {
  char *text =
      v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) : NULL;
  json_decref(v);
  if (!text) {
    return -1;
  }
  out->status = status;
  out->content_type = "application/json; charset=utf-8";
  out->body = text;
  out->len = strlen(text);
  return 0;
}

int serve_reply_error(serve_reply *out, unsigned status, const char *fmt, ...) {
  json_t *o = json_object(), *e = json_object(), *m;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  json_object_set_new(e, "code", json_integer(status));
  /* Messages quote only checked (valid UTF-8) input; a message jansson
   * still refuses gives the bare word rather than no answer. */
  m = json_string(msg);
  json_object_set_new(e, "message", m ? m : json_string("error"));
  json_object_set_new(o, "error", e);
  return serve_reply_json(out, status, o);
}

int serve_reply_gazmap_error(serve_reply *out, unsigned status) {
  const gazmap_error *e = gazmap_error_last();
  return serve_reply_error(out, status, "%s", e->message ? e->message : gazmap_strerror(e->code));
}

/* ---- parameters --------------------------------------------------------- */

static int printable_ascii(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (s[i] < 0x21 || s[i] > 0x7e) {
      return 0;
    }
  }
  return 1;
}

/* Collects one query parameter, recording the first problem: a name that
 * is not a short printable ASCII word, a value with a NUL byte, too long,
 * or not UTF-8. */
static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
                               const char *value, size_t value_size) {
  serve_params *ps = cls;
  size_t bad;
  (void)kind;
  if (ps->n == SERVE_MAX_PARAMS) {
    ps->overflow = 1;
    return MHD_NO;
  }
  if (ps->error[0]) {
    return MHD_YES;
  }
  if (!key || key_size == 0 || key_size > SERVE_MAX_KEY || strlen(key) != key_size ||
      !printable_ascii(key, key_size)) {
    snprintf(ps->error, sizeof ps->error,
             "parameter names are printable ASCII words of at most %d bytes", SERVE_MAX_KEY);
    return MHD_YES;
  }
  if (!value) {
    value = "";
    value_size = 0;
  }
  if (value_size > SERVE_MAX_VALUE) {
    snprintf(ps->error, sizeof ps->error, "parameter '%s' is longer than %d bytes", key,
             SERVE_MAX_VALUE);
  } else if (strlen(value) != value_size) {
    snprintf(ps->error, sizeof ps->error, "parameter '%s' holds a NUL byte", key);
  } else if (!serve_utf8_valid(value, value_size, &bad)) {
    snprintf(ps->error, sizeof ps->error, "parameter '%s' is not valid UTF-8 (byte %zu)", key, bad);
  } else {
    ps->p[ps->n].key = key;
    ps->p[ps->n].value = value;
    ps->p[ps->n].value_len = value_size;
    ps->n++;
  }
  return MHD_YES;
}

/* ---- dispatch ----------------------------------------------------------- */

/* The route for path and method; *path_known tells 404 from 405. */
static const serve_route *route_for(const char *path, const char *method, const serve_params *ps,
                                    int *path_known) {
  const serve_route *r;
  int get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
  *path_known = 0;
  for (r = serve_routes; r->path; r++) {
    if (strcmp(r->path, path)) {
      continue;
    }
    *path_known = 1;
    if ((get && !strcmp(r->method, "GET")) || !strcmp(r->method, method)) {
      if (!r->wants || r->wants(ps)) {
        return r;
      }
    }
  }
  return NULL;
}

static const char *allowed_methods(const char *path) {
  const serve_route *r;
  for (r = serve_routes; r->path; r++) {
    if (!strcmp(r->path, path)) {
      return !strcmp(r->method, "POST") ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
    }
  }
  return "GET, HEAD, OPTIONS";
}

static int dispatch(server *srv, struct MHD_Connection *conn, const char *path, const char *method,
                    request_state *st, serve_reply *out) {
  serve_request rq;
  const serve_route *r;
  char err[300];
  int known, rc;

  memset(&rq, 0, sizeof rq);
  rq.method = method;
  rq.path = path;
  rq.cfg = srv->cfg;
  rq.body = st->body;
  rq.body_len = st->body_len;
  rq.accept_language = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language");
  MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, collect, &rq.params);
  if (!(r = route_for(path, method, &rq.params, &known))) {
    if (known) {
      return serve_reply_error(out, 405, "method %s is not allowed here (%s)",
                               printable_ascii(method, strlen(method)) ? method : "?",
                               allowed_methods(path));
    }
    return serve_reply_error(out, 404, "no such endpoint (see doc/serve.md)");
  }
  if (serve_params_check(&rq.params, r->params, err, sizeof err) < 0) {
    return serve_reply_error(out, 400, "%s", err);
  }
  rq.ctx = serve_pool_get(srv->pool);
  rc = r->run(&rq, out);
  serve_pool_put(srv->pool, rq.ctx);
  return rc;
}

static void add_common_headers(server *srv, struct MHD_Response *resp) {
  MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
  if (srv->cfg->cors) {
    MHD_add_response_header(resp, "Access-Control-Allow-Origin", srv->cfg->cors);
    MHD_add_response_header(resp, "Vary", "Origin");
  }
  if (atomic_load(&srv->draining)) {
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
  }
}

static enum MHD_Result send_reply(server *srv, struct MHD_Connection *conn, request_state *st,
                                  serve_reply *rp, const char *path) {
  struct MHD_Response *resp;
  enum MHD_Result ok;
  char retry[16];
  resp = MHD_create_response_from_buffer(rp->len, rp->body, MHD_RESPMEM_MUST_FREE);
  if (!resp) {
    free(rp->body);
    return MHD_NO;
  }
  MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rp->content_type);
  add_common_headers(srv, resp);
  if (rp->status == 405 || rp->status == 204) {
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allowed_methods(path));
  }
  if (rp->retry_after) {
    snprintf(retry, sizeof retry, "%u", rp->retry_after);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, retry);
  }
  st->status = rp->status;
  st->bytes = rp->len;
  ok = MHD_queue_response(conn, rp->status, resp);
  MHD_destroy_response(resp);
  return ok;
}

/* A CORS preflight (or a plain OPTIONS): which methods and headers a page
 * of the allowed origin may use. */
static enum MHD_Result send_options(server *srv, struct MHD_Connection *conn, request_state *st,
                                    const char *path) {
  struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
  enum MHD_Result ok;
  if (!resp) {
    return MHD_NO;
  }
  add_common_headers(srv, resp);
  MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allowed_methods(path));
  if (srv->cfg->cors) {
    MHD_add_response_header(resp, "Access-Control-Allow-Methods", allowed_methods(path));
    MHD_add_response_header(resp, "Access-Control-Allow-Headers", "Content-Type");
    MHD_add_response_header(resp, "Access-Control-Max-Age", "600");
  }
  st->status = 204;
  ok = MHD_queue_response(conn, 204, resp);
  MHD_destroy_response(resp);
  return ok;
}

static request_state *new_state(struct MHD_Connection *conn, const char *url, const char *method) {
  request_state *st = calloc(1, sizeof *st);
  const union MHD_ConnectionInfo *ci;
  if (!st) {
    return NULL;
  }
  snprintf(st->method, sizeof st->method, "%s",
           printable_ascii(method, strlen(method)) ? method : "?");
  snprintf(st->path, sizeof st->path, "%s", url);
  clock_gettime(CLOCK_MONOTONIC, &st->start);
  strcpy(st->client, "-");
  ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (ci && ci->client_addr) {
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET) {
      inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, st->client,
                sizeof st->client);
    } else if (sa->sa_family == AF_INET6) {
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, st->client,
                sizeof st->client);
    }
  }
  return st;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
  server *srv = cls;
  request_state *st = *con_cls;
  serve_reply rp;
  (void)version;

  if (!st) {
    /* The headers are in: set up, and refuse a declared body that is too
     * large before reading any of it. */
    const char *cl =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!(st = new_state(conn, url, method))) {
      return MHD_NO;
    }
    *con_cls = st;
    atomic_fetch_add(&srv->in_flight, 1);
    if (cl && strtoull(cl, NULL, 10) > srv->cfg->max_body) {
      memset(&rp, 0, sizeof rp);
      st->answered = 1;
      if (serve_reply_error(&rp, 413, "the body is larger than %zu bytes", srv->cfg->max_body) <
          0) {
        return MHD_NO;
      }
      return send_reply(srv, conn, st, &rp, url);
    }
    return MHD_YES;
  }
  if (*upload_data_size > 0) {
    char *nb;
    if (st->answered) {
      *upload_data_size = 0;
      return MHD_YES;
    }
    /* A chunked body that grows past the limit: cut the connection (there
     * is no way to answer before the client stops sending). */
    if (st->body_len + *upload_data_size > srv->cfg->max_body ||
        !(nb = realloc(st->body, st->body_len + *upload_data_size + 1))) {
      st->status = 413;
      return MHD_NO;
    }
    st->body = nb;
    memcpy(st->body + st->body_len, upload_data, *upload_data_size);
    st->body_len += *upload_data_size;
    st->body[st->body_len] = '\0';
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (st->answered) {
    return MHD_YES;
  }
  if (!strcmp(method, "OPTIONS")) {
    return send_options(srv, conn, st, url);
  }
  memset(&rp, 0, sizeof rp);
  if (dispatch(srv, conn, url, method, st, &rp) < 0) {
    free(rp.body);
    memset(&rp, 0, sizeof rp);
    rp.status = 500;
    rp.content_type = "application/json; charset=utf-8";
    rp.body = strdup("{\"error\":{\"code\":500,\"message\":\"out of memory\"}}");
    rp.len = rp.body ? strlen(rp.body) : 0;
    if (!rp.body) {
      return MHD_NO;
    }
  }
  return send_reply(srv, conn, st, &rp, url);
}

/* ---- access log --------------------------------------------------------- */

/* Appends `s` percent-encoded (all but unreserved characters and a few
 * separators), so that a log line never carries control bytes. */
static void log_escape(char *buf, size_t cap, size_t *used, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (; *s && *used + 4 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        strchr("-._~,:/", c)) {
      buf[(*used)++] = (char)c;
    } else {
      buf[(*used)++] = '%';
      buf[(*used)++] = hex[c >> 4];
      buf[(*used)++] = hex[c & 15];
    }
  }
  buf[*used] = '\0';
}

static enum MHD_Result log_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value) {
  char *buf = cls;
  size_t used = strlen(buf);
  (void)kind;
  if (used + 2 < LOG_URL_MAX) {
    buf[used++] = strchr(buf, '?') ? '&' : '?';
    buf[used] = '\0';
    log_escape(buf, LOG_URL_MAX, &used, key ? key : "");
    if (value && used + 2 < LOG_URL_MAX) {
      buf[used++] = '=';
      buf[used] = '\0';
      log_escape(buf, LOG_URL_MAX, &used, value);
    }
  }
  return MHD_YES;
}

/* One line per request, in the Common Log Format with the time taken
 * appended:
 *   127.0.0.1 - - [02/Dec/2026:05:00:00 +0000] "GET /search?q=Shusha" 200 512 0.214ms */
static void log_request(server *srv, struct MHD_Connection *conn, const request_state *st,
                        enum MHD_RequestTerminationCode toe) {
  char url[LOG_URL_MAX], when[64], line[LOG_URL_MAX + 256];
  struct timespec now;
  struct tm tm;
  time_t t = time(NULL);
  size_t used = 0;
  double ms;
  int n;
  url[0] = '\0';
  log_escape(url, 512, &used, st->path);
  MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, log_param, url);
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
  clock_gettime(CLOCK_MONOTONIC, &now);
  ms = (double)(now.tv_sec - st->start.tv_sec) * 1e3 +
       (double)(now.tv_nsec - st->start.tv_nsec) / 1e6;
  n = snprintf(line, sizeof line, "%s - - [%s] \"%s %s\" %u %zu %.3fms%s\n", st->client, when,
               st->method, url, st->status, st->bytes, ms,
               toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (cut off)");
  if (n > 0) {
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    /* One write per line, so that lines of several threads never mix; a
     * full disk loses the line but does not stop the server. */
    if (write(srv->log_fd, line, len) < 0) {
      return;
    }
  }
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe) {
  server *srv = cls;
  request_state *st = *con_cls;
  if (!st) {
    return;
  }
  if (srv->log_fd >= 0) {
    log_request(srv, conn, st, toe);
  }
  free(st->body);
  free(st);
  *con_cls = NULL;
  atomic_fetch_sub(&srv->in_flight, 1);
}

/* libmicrohttpd's own messages (a malformed request it answered itself, a
 * connection it dropped) go to the access log when there is one. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
  server *srv = cls;
  char line[512];
  int n;
  if (srv->log_fd < 0) {
    return;
  }
  n = snprintf(line, sizeof line, "gazmap serve: ");
  vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
  n = (int)strlen(line);
  if (n > 0 && line[n - 1] != '\n' && (size_t)n + 1 < sizeof line) {
    line[n++] = '\n';
  }
  if (write(srv->log_fd, line, (size_t)n) < 0) {
    return;
  }
}

/* ---- the listening socket ----------------------------------------------- */

/* Splits "HOST:PORT" or "[V6]:PORT" into host and port. */
static int split_listen(const char *s, char *host, size_t hcap, char *port, size_t pcap) {
  const char *colon;
  size_t hl;
  if (*s == '[') {
    const char *end = strchr(s, ']');
    if (!end || end[1] != ':') {
      return -1;
    }
    hl = (size_t)(end - s - 1);
    s++;
    colon = end + 1;
  } else {
    if (!(colon = strrchr(s, ':'))) {
      return -1;
    }
    hl = (size_t)(colon - s);
  }
  if (hl == 0 || hl >= hcap || strlen(colon + 1) == 0 || strlen(colon + 1) >= pcap ||
      strspn(colon + 1, "0123456789") != strlen(colon + 1)) {
    return -1;
  }
  memcpy(host, s, hl);
  host[hl] = '\0';
  strcpy(port, colon + 1);
  return 0;
}

static int is_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET) {
    return (ntohl(((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr) >> 24) == 127;
  }
  return sa->sa_family == AF_INET6 &&
         IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
}

/* Binds and listens; prints the address clients should use.  Returns the
 * socket or -1 after printing why not. */
static int open_listener(const char *listen_on) {
  struct addrinfo hints, *ai = NULL;
  struct sockaddr_storage bound;
  socklen_t blen = sizeof bound;
  char host[256], port[8], shown[INET6_ADDRSTRLEN];
  int fd = -1, one = 1, rc;
  memset(&hints, 0, sizeof hints);
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
  if (split_listen(listen_on, host, sizeof host, port, sizeof port) < 0 || atoi(port) > 65535) {
    fprintf(stderr, "gazmap serve: --listen '%s' is not HOST:PORT (127.0.0.1:8080, [::1]:8080)\n",
            listen_on);
    return -1;
  }
  if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
    fprintf(stderr, "gazmap serve: --listen %s: %s\n", listen_on, gai_strerror(rc));
    return -1;
  }
  fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
      bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 128) < 0 ||
      getsockname(fd, (struct sockaddr *)&bound, &blen) < 0) {
    fprintf(stderr, "gazmap serve: --listen %s: %s\n", listen_on, strerror(errno));
    if (fd >= 0) {
      close(fd);
    }
    freeaddrinfo(ai);
    return -1;
  }
  freeaddrinfo(ai);
  if (bound.ss_family == AF_INET6) {
    const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)(const void *)&bound;
    inet_ntop(AF_INET6, &a->sin6_addr, shown, sizeof shown);
    printf("gazmap serve: listening on http://[%s]:%u/\n", shown, ntohs(a->sin6_port));
  } else {
    const struct sockaddr_in *a = (const struct sockaddr_in *)(const void *)&bound;
    inet_ntop(AF_INET, &a->sin_addr, shown, sizeof shown);
    printf("gazmap serve: listening on http://%s:%u/\n", shown, ntohs(a->sin_port));
  }
  fflush(stdout);
  if (!is_loopback((const struct sockaddr *)&bound)) {
    fprintf(stderr,
            "gazmap serve: warning: %s is not a loopback address; anyone who can reach "
            "it can query this server\n",
            shown);
  }
  return fd;
}

/* ---- running ------------------------------------------------------------ */

int serve_run(const serve_config *cfg) {
  struct MHD_Daemon *d = NULL;
  server srv;
  sigset_t stop;
  struct timespec tick = {0, 10 * 1000 * 1000};
  unsigned waited_ms = 0, left;
  int fd = -1, sig = 0, status = 2;

  memset(&srv, 0, sizeof srv);
  srv.cfg = cfg;
  srv.log_fd = -1;
  atomic_init(&srv.in_flight, 0);
  atomic_init(&srv.draining, 0);
  if (cfg->access_log) {
    srv.log_fd = strcmp(cfg->access_log, "-")
                     ? open(cfg->access_log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644)
                     : dup(STDERR_FILENO);
    if (srv.log_fd < 0) {
      fprintf(stderr, "gazmap serve: --access-log %s: %s\n", cfg->access_log, strerror(errno));
      return 2;
    }
  }
  if (serve_mhd_load() < 0) {
    goto done;
  }
  if (serve_pool_new(&srv.pool, cfg->gazetteer, cfg->threads) < 0) {
    const gazmap_error *e = gazmap_error_last();
    fprintf(stderr, "gazmap serve: ");
    if (e->file && e->line) {
      fprintf(stderr, "%s:%lu: ", e->file, e->line);
    } else if (e->file) {
      fprintf(stderr, "%s: ", e->file);
    }
    fprintf(stderr, "%s\n", e->message ? e->message : gazmap_strerror(e->code));
    goto done;
  }
  /* The workers inherit this mask, so SIGTERM and SIGINT reach only the
   * sigwait() below; a client gone away must not kill the server. */
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);
  if ((fd = open_listener(cfg->listen)) < 0) {
    goto done;
  }
  d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL,
      NULL, handle, &srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, &srv, MHD_OPTION_LISTEN_SOCKET, fd,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads, MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)cfg->max_connections, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)MEMORY_LIMIT, MHD_OPTION_NOTIFY_COMPLETED,
      completed, &srv, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "gazmap serve: libmicrohttpd could not start\n");
    close(fd);
    goto done;
  }
  while (sigwait(&stop, &sig) != 0) {
  }
  /* Drain: stop accepting, tell keep-alive clients to go, let what is in
   * flight finish, then close the rest. */
  atomic_store(&srv.draining, 1);
  fd = MHD_quiesce_daemon(d);
  if (fd >= 0) {
    close(fd);
  }
  while ((left = atomic_load(&srv.in_flight)) > 0 && waited_ms < cfg->drain * 1000u) {
    nanosleep(&tick, NULL);
    waited_ms += 10;
  }
  MHD_stop_daemon(d);
  fprintf(stderr, "gazmap serve: %s: stopped%s\n", sig == SIGINT ? "SIGINT" : "SIGTERM",
          left ? " with requests still in flight" : " after the requests in flight");
  status = 0;
done:
  serve_pool_free(srv.pool);
  if (srv.log_fd >= 0) {
    close(srv.log_fd);
  }
  return status;
}
