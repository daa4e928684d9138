/* The inputs of 'gazmap find' and the threads that scan them.
 *
 * An input is a file (or standard input) or a --jsonl document.  A
 * find_pool takes inputs in order and either scans each at once in the
 * calling thread, straight to standard output, or hands them to worker
 * threads (one scanner each).  The output is in input order, so that it
 * does not depend on the number of threads: the worker of the oldest input
 * not yet written (the head) writes straight to standard output; the others
 * keep their output in 64 KiB chunks, recycled through the pool, until
 * their input is the head, and the thread that finishes the head writes
 * the inputs after it that are already done.  At most a window of inputs
 * is in flight, so memory is bounded by the window, not by the number of
 * inputs.  The threads are the CLI's: the library starts none. */
#ifndef GAZMAP_CLI_FIND_INPUTS_H
#define GAZMAP_CLI_FIND_INPUTS_H

#include "gazmap/scan.h"

#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define FIND_MAX_JOBS 256

/* A piece of an input's output kept until the input is the head. */
typedef struct find_chunk find_chunk;

/* One input. */
typedef struct find_job {
  char *path;    /* the file ("-": standard input), or NULL for a document */
  json_t *docid; /* --jsonl: the document's id (a reference owned here) */
  char *text;    /* --jsonl: the document's text (owned), len bytes */
  size_t len;
  find_chunk *out, *out_tail; /* output kept until this input is the head (owned) */
  uint64_t shown; /* mentions written */
  uint64_t invalid, first_invalid;
  int failed; /* 1: err says why */
  int done;   /* a worker finished it */
  char err[512];
} find_job;

/* Scans input `j` with scanner `s` (buffer `buf` of the pool's chunk size)
 * and writes its mentions to `out`; returns 0, or -1 with j->failed and
 * j->err set.  Called from the worker threads: it must touch nothing
 * shared but read-only state. */
typedef int (*find_scan_fn)(void *ctx, gazmap_scanner *s, find_job *j, FILE *out, char *buf);
/* Called once, before the first output a worker made is written (the
 * header of a table). */
typedef void (*find_begin_fn)(void *ctx);

typedef struct find_pool {
  /* Set by the caller before the first submit: */
  gazmap_gazetteer *g;
  const gazmap_scan_opts *so;
  size_t chunk;
  find_scan_fn scan;
  find_begin_fn begin;
  void *ctx;
  int nthreads;       /* 0: every input is scanned in the calling thread */
  gazmap_scanner *s0; /* the calling thread's scanner (created by the caller) */
  char *buf0;         /* and its buffer */
  /* Results: */
  uint64_t shown; /* mentions written, all inputs */
  int failed;     /* some input failed */
  /* Private: */
  pthread_t threads[FIND_MAX_JOBS];
  int started, begun, sync;
  find_job *ring; /* inputs [written, submitted) */
  size_t cap;
  /* Input `written` is the head: its worker, or (once it is done) the
   * thread that made it the head, writes it to standard output. */
  uint64_t taken, submitted, written;
  int closing;
  find_chunk *spare; /* chunks written out, for reuse (owned) */
  pthread_mutex_t mu;
  pthread_cond_t work, done;
} find_pool;

/* Prepares the worker side of a pool whose nthreads > 0 (a window of
 * `window` inputs per thread).  Returns 0 or -1 (out of memory). */
int find_pool_start(find_pool *p, size_t window);
/* Takes the input *j (its fields now belong to the pool; *j is cleared). */
void find_pool_submit(find_pool *p, find_job *j);
/* A file by name. */
void find_pool_submit_path(find_pool *p, const char *path);
/* Every text file under `dir`, in name order (byte order), skipping binary
 * files (a NUL in the first 4 KiB) and not following links to directories. */
void find_pool_walk(find_pool *p, const char *dir);
/* --jsonl: one document a line, {"id": ..., "text": "..."}; the id may be
 * any JSON value (the line number when there is none).  A bad line stops
 * the input with "FILE:LINE: reason". */
void find_pool_read_jsonl(find_pool *p, const char *path);
/* Writes what is left and stops the workers; then frees the pool's own
 * memory (not s0 nor buf0).  Safe to call twice. */
void find_pool_close(find_pool *p);

/* For scan functions: marks j failed with "PATH: what", or with the
 * library's last error when `what` is NULL. */
void find_job_fail(find_job *j, const char *what);

#endif
