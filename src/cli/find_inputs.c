/* The inputs of 'gazmap find' and the threads that scan them (see
 * find_inputs.h). */
#define _GNU_SOURCE
#include "find_inputs.h"
#include "cli.h"
#include "gazmap/error.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CMD "find"
/* A directory walk reads this much of each file to tell text from binary
 * (a NUL byte in it makes the file binary, as for grep). */
#define SNIFF 4096

/* A kept chunk of output; a worker's stdio buffer in front of it makes
 * the writes to it few and large. */
#define CHUNK_BYTES (64 * 1024)
struct find_chunk {
  find_chunk *next;
  size_t len;
  char b[CHUNK_BYTES];
};

/* The cookie of a worker's output stream for one input (fopencookie). */
typedef struct job_out {
  find_pool *p;
  find_job *j;
  uint64_t idx; /* the input's number */
  int head;     /* it is the head: its output goes to standard output */
} job_out;

static void job_clear(find_job *j) {
  free(j->path);
  json_decref(j->docid);
  free(j->text);
  while (j->out) {
    find_chunk *next = j->out->next;
    free(j->out);
    j->out = next;
  }
  memset(j, 0, sizeof *j);
}

void find_job_fail(find_job *j, const char *what) {
  const gazmap_error *e = gazmap_error_last();
  j->failed = 1;
  if (what) {
    snprintf(j->err, sizeof j->err, "%s: %s", j->path ? j->path : "-", what);
  } else {
    snprintf(j->err, sizeof j->err, "%s", e->message ? e->message : gazmap_strerror(e->code));
  }
}

/* What an input leaves on standard error, in input order; adds up its
 * results. */
static void job_report(find_pool *p, const find_job *j) {
  p->shown += j->shown;
  if (j->invalid) {
    fprintf(stderr,
            "gazmap %s: warning: %s: %llu invalid UTF-8 byte%s (first at byte %llu) read as "
            "word separators\n",
            CMD, j->path ? j->path : "-", (unsigned long long)j->invalid,
            j->invalid == 1 ? "" : "s", (unsigned long long)j->first_invalid);
  }
  if (j->failed) {
    fprintf(stderr, "gazmap %s: %s\n", CMD, j->err);
    p->failed = 1;
  }
}

/* Output of the head to standard output, the header (of a table) before
 * the first.  Only the thread that writes the head calls it, so one at a
 * time. */
static void write_out(find_pool *p, const char *b, size_t n) {
  if (n == 0) {
    return;
  }
  if (!p->begun && p->begin) {
    p->begin(p->ctx);
  }
  p->begun = 1;
  fwrite(b, 1, n, stdout);
}

/* Writes what the head `j` kept and gives the chunks back to the pool. */
static void write_kept(find_pool *p, find_job *j) {
  find_chunk *c, *last = NULL;
  for (c = j->out; c; c = c->next) {
    write_out(p, c->b, c->len);
    last = c;
  }
  if (last) {
    pthread_mutex_lock(&p->mu);
    last->next = p->spare;
    p->spare = j->out;
    pthread_mutex_unlock(&p->mu);
  }
  j->out = j->out_tail = NULL;
}

/* The stream's write: straight out once the input is the head (what it
 * kept first), else into its chunks.  Returns n, or 0 when out of memory
 * (the stream's error, reported at fclose). */
static ssize_t job_out_write(void *cookie, const char *b, size_t n) {
  job_out *o = cookie;
  find_pool *p = o->p;
  find_job *j = o->j;
  size_t left = n;
  if (!o->head) {
    pthread_mutex_lock(&p->mu);
    o->head = p->written == o->idx;
    pthread_mutex_unlock(&p->mu);
    if (o->head) {
      write_kept(p, j);
    }
  }
  if (o->head) {
    write_out(p, b, n);
    return (ssize_t)n;
  }
  while (left > 0) {
    find_chunk *c = j->out_tail;
    size_t k;
    if (!c || c->len == CHUNK_BYTES) {
      pthread_mutex_lock(&p->mu);
      c = p->spare;
      if (c) {
        p->spare = c->next;
      }
      pthread_mutex_unlock(&p->mu);
      if (!c && !(c = malloc(sizeof *c))) {
        return 0;
      }
      c->next = NULL;
      c->len = 0;
      if (j->out_tail) {
        j->out_tail->next = c;
      } else {
        j->out = c;
      }
      j->out_tail = c;
    }
    k = CHUNK_BYTES - c->len < left ? CHUNK_BYTES - c->len : left;
    memcpy(c->b + c->len, b, k);
    c->len += k;
    b += k;
    left -= k;
  }
  return (ssize_t)n;
}

/* The input of `o` is scanned.  When it is the head, writes it and then
 * every input after it that is done, in order; otherwise the thread that
 * finishes the input before it will. */
static void job_finished(find_pool *p, job_out *o) {
  pthread_mutex_lock(&p->mu);
  o->j->done = 1;
  if (p->written != o->idx) {
    pthread_mutex_unlock(&p->mu);
    return;
  }
  while (p->written < p->submitted && p->ring[p->written % p->cap].done) {
    find_job *j = &p->ring[p->written % p->cap];
    pthread_mutex_unlock(&p->mu);
    write_kept(p, j);
    job_report(p, j);
    job_clear(j);
    pthread_mutex_lock(&p->mu);
    p->written++;
    pthread_cond_broadcast(&p->done);
  }
  pthread_mutex_unlock(&p->mu);
}

static void *worker(void *arg) {
  static const cookie_io_functions_t io = {NULL, job_out_write, NULL, NULL};
  find_pool *p = arg;
  gazmap_scanner *s = NULL;
  char *buf = malloc(p->chunk);
  char *obuf = malloc(CHUNK_BYTES); /* the output stream's buffer */
  int ok = buf && obuf && gazmap_scanner_new(&s, p->g, p->so) == 0;
  for (;;) {
    job_out o = {p, NULL, 0, 0};
    FILE *out = NULL;
    pthread_mutex_lock(&p->mu);
    while (p->taken == p->submitted && !p->closing) {
      pthread_cond_wait(&p->work, &p->mu);
    }
    if (p->taken == p->submitted) {
      pthread_mutex_unlock(&p->mu);
      break;
    }
    o.idx = p->taken++;
    o.j = &p->ring[o.idx % p->cap];
    pthread_mutex_unlock(&p->mu);
    if (ok && (out = fopencookie(&o, "w", io)) != NULL) {
      setvbuf(out, obuf, _IOFBF, CHUNK_BYTES);
    }
    if (!out) {
      find_job_fail(o.j, "out of memory");
    } else {
      p->scan(p->ctx, s, o.j, out, buf);
    }
    if (out && fclose(out) != 0 && !o.j->failed) {
      find_job_fail(o.j, "out of memory");
    }
    job_finished(p, &o);
  }
  gazmap_scanner_free(s);
  free(buf);
  free(obuf);
  return NULL;
}

int find_pool_start(find_pool *p, size_t window) {
  p->cap = (size_t)p->nthreads * window;
  p->ring = calloc(p->cap, sizeof *p->ring);
  if (!p->ring) {
    return -1;
  }
  if (pthread_mutex_init(&p->mu, NULL) || pthread_cond_init(&p->work, NULL) ||
      pthread_cond_init(&p->done, NULL)) {
    free(p->ring);
    p->ring = NULL;
    return -1;
  }
  p->sync = 1;
  return 0;
}

void find_pool_submit(find_pool *p, find_job *j) {
  if (p->nthreads > 0 && !p->started) {
    int t;
    for (t = 0; t < p->nthreads; t++) {
      if (pthread_create(&p->threads[t], NULL, worker, p) != 0) {
        break;
      }
    }
    p->nthreads = t; /* none could start: scan in this thread */
    p->started = t > 0;
  }
  if (!p->started) {
    p->scan(p->ctx, p->s0, j, stdout, p->buf0);
    job_report(p, j);
    job_clear(j);
    return;
  }
  pthread_mutex_lock(&p->mu);
  while (p->submitted - p->written == p->cap) {
    pthread_cond_wait(&p->done, &p->mu); /* a window of inputs in flight */
  }
  p->ring[p->submitted % p->cap] = *j;
  p->submitted++;
  pthread_cond_signal(&p->work);
  pthread_mutex_unlock(&p->mu);
  memset(j, 0, sizeof *j);
}

void find_pool_close(find_pool *p) {
  int t;
  if (p->started) {
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    while (p->written < p->submitted) {
      pthread_cond_wait(&p->done, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    for (t = 0; t < p->nthreads; t++) {
      pthread_join(p->threads[t], NULL);
    }
    p->started = 0;
  }
  if (p->sync) {
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    p->sync = 0;
  }
  while (p->spare) {
    find_chunk *next = p->spare->next;
    free(p->spare);
    p->spare = next;
  }
  free(p->ring);
  p->ring = NULL;
}

void find_pool_submit_path(find_pool *p, const char *path) {
  find_job j;
  memset(&j, 0, sizeof j);
  j.path = strdup(path);
  if (!j.path) {
    fprintf(stderr, "gazmap %s: out of memory\n", CMD);
    p->failed = 1;
    return;
  }
  find_pool_submit(p, &j);
}

/* Whether a file found in a directory walk is text: no NUL in its first
 * SNIFF bytes. */
static int is_text_file(const char *path) {
  char b[SNIFF];
  size_t n;
  FILE *f = fopen(path, "rb");
  if (!f) {
    return 1; /* let the scan say it cannot open it */
  }
  n = fread(b, 1, sizeof b, f);
  fclose(f);
  return memchr(b, '\0', n) == NULL;
}

void find_pool_walk(find_pool *p, const char *dir) {
  struct dirent **ents = NULL;
  int n = scandir(dir, &ents, NULL, alphasort), i;
  size_t dl = strlen(dir);
  if (n < 0) {
    fprintf(stderr, "gazmap %s: %s: cannot read the directory: %s\n", CMD, dir, strerror(errno));
    p->failed = 1;
    return;
  }
  for (i = 0; i < n; i++) {
    const char *name = ents[i]->d_name;
    struct stat sb;
    char *path = NULL;
    if (strcmp(name, ".") && strcmp(name, "..") &&
        asprintf(&path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name) >= 0 &&
        lstat(path, &sb) == 0) {
      if (S_ISDIR(sb.st_mode)) {
        find_pool_walk(p, path);
      } else if ((S_ISREG(sb.st_mode) ||
                  (S_ISLNK(sb.st_mode) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))) &&
                 is_text_file(path)) {
        find_pool_submit_path(p, path);
      }
    }
    free(path);
    free(ents[i]);
  }
  free(ents);
}

void find_pool_read_jsonl(find_pool *p, const char *path) {
  FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  const char *shown = strcmp(path, "-") ? path : "<stdin>";
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned long lineno = 0;
  if (!in) {
    fprintf(stderr, "gazmap %s: %s: cannot open: %s\n", CMD, path, strerror(errno));
    p->failed = 1;
    return;
  }
  while ((n = cli_read_line(&line, &cap, in, CLI_MAX_JSONL_LINE)) >= 0) {
    json_error_t err;
    json_t *doc, *text, *id;
    find_job j;
    lineno++;
    if ((size_t)n > CLI_MAX_JSONL_LINE) {
      fprintf(stderr, "gazmap %s: %s:%lu: line is longer than %d bytes (256 MiB)\n", CMD, shown,
              lineno, CLI_MAX_JSONL_LINE);
      p->failed = 1;
      break;
    }
    if (strspn(line, " \t\r\n") == (size_t)n) {
      continue; /* blank lines hold no document */
    }
    doc = json_loadb(line, (size_t)n, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &err);
    text = doc ? json_object_get(doc, "text") : NULL;
    if (!doc || !json_is_object(doc) || !json_is_string(text)) {
      fprintf(stderr, "gazmap %s: %s:%lu: %s\n", CMD, shown, lineno,
              !doc                   ? err.text
              : !json_is_object(doc) ? "not a JSON object"
                                     : "no \"text\" string");
      json_decref(doc);
      p->failed = 1;
      break;
    }
    memset(&j, 0, sizeof j);
    id = json_object_get(doc, "id");
    j.docid = id ? json_incref(id) : json_integer((json_int_t)lineno);
    j.len = json_string_length(text);
    j.text = malloc(j.len ? j.len : 1);
    if (!j.text) {
      json_decref(doc);
      json_decref(j.docid);
      fprintf(stderr, "gazmap %s: out of memory\n", CMD);
      p->failed = 1;
      break;
    }
    memcpy(j.text, json_string_value(text), j.len);
    json_decref(doc);
    find_pool_submit(p, &j);
  }
  if (ferror(in)) {
    fprintf(stderr, "gazmap %s: %s: read error\n", CMD, shown);
    p->failed = 1;
  }
  free(line);
  if (in != stdin) {
    fclose(in);
  }
}
