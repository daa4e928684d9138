/* The inputs of 'gazmap find' and the threads that scan them (see
 * find_inputs.h). */
#define _GNU_SOURCE
#include "find_inputs.h"
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

static void job_clear(find_job *j) {
  free(j->path);
  json_decref(j->docid);
  free(j->text);
  free(j->out);
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

static void *worker(void *arg) {
  find_pool *p = arg;
  gazmap_scanner *s = NULL;
  char *buf = malloc(p->chunk);
  int ok = buf && gazmap_scanner_new(&s, p->g, p->so) == 0;
  for (;;) {
    find_job *j;
    FILE *out;
    pthread_mutex_lock(&p->mu);
    while (p->taken == p->submitted && !p->closing) {
      pthread_cond_wait(&p->work, &p->mu);
    }
    if (p->taken == p->submitted) {
      pthread_mutex_unlock(&p->mu);
      break;
    }
    j = &p->ring[p->taken++ % p->cap];
    pthread_mutex_unlock(&p->mu);
    out = open_memstream(&j->out, &j->outlen);
    if (!ok || !out) {
      find_job_fail(j, "out of memory");
    } else {
      p->scan(p->ctx, s, j, out, buf);
    }
    if (out && fclose(out) != 0 && !j->failed) {
      find_job_fail(j, "out of memory");
    }
    pthread_mutex_lock(&p->mu);
    j->done = 1;
    pthread_cond_broadcast(&p->done);
    pthread_mutex_unlock(&p->mu);
  }
  gazmap_scanner_free(s);
  free(buf);
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

/* Writes the oldest input's output once it is scanned, and frees it. */
static void write_oldest(find_pool *p) {
  find_job *j = &p->ring[p->written % p->cap];
  pthread_mutex_lock(&p->mu);
  while (!j->done) {
    pthread_cond_wait(&p->done, &p->mu);
  }
  pthread_mutex_unlock(&p->mu);
  if (j->outlen) {
    if (!p->begun && p->begin) {
      p->begin(p->ctx);
    }
    p->begun = 1;
    fwrite(j->out, 1, j->outlen, stdout);
  }
  job_report(p, j);
  job_clear(j);
  p->written++;
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
  if (p->submitted - p->written == p->cap) {
    write_oldest(p);
  }
  pthread_mutex_lock(&p->mu);
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
    pthread_mutex_unlock(&p->mu);
    while (p->written < p->submitted) {
      write_oldest(p);
    }
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
  while ((n = getline(&line, &cap, in)) >= 0) {
    json_error_t err;
    json_t *doc, *text, *id;
    find_job j;
    lineno++;
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
