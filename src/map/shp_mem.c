/* The files of one shapefile held in memory, read and written by shapelib
 * through its SAHooks (layer_internal.h).
 *
 * The fuzz target of the layer reader read six files from disk per input, a
 * third of its time in the kernel; with these hooks the same reader, checks
 * and writer run over byte buffers.  Real files never come here: they are
 * opened by shapelib's default hooks, as before.
 *
 * shapelib's hooks take no user pointer (1.5; 1.6 added one), so the set is
 * found from the name shapelib opens: gz_shp_mem_hooks() gives the set a
 * stem that spells its address, shapelib appends ".shp" and the like, and
 * FOpen reads the address back.  Nothing global is kept, so two sets in two
 * threads do not meet. */
#define _GNU_SOURCE
#include "map/layer_internal.h"
#include "util/shp_dl.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* shapelib 1.6 gives FOpen and Remove a user pointer and FWrite a const
 * buffer; 1.5 (Debian 12) does neither. */
#ifdef SHAPELIB_VERSION_MAJOR
#define MEM_USER_ARG , void *user
#define MEM_USER_UNUSED (void)user
#define MEM_WRITE_CONST const
#else
#define MEM_USER_ARG
#define MEM_USER_UNUSED (void)0
#define MEM_WRITE_CONST
#endif

#define STEM_PREFIX "gz-mem-"

static const char *const exts[GZ_SHP_MEM_N] = {".shp", ".shx", ".dbf", ".prj", ".cpg"};

/* An open file: shapelib's SAFile is an opaque pointer to this. */
typedef struct {
  gz_shp_mem_file *f;
  size_t pos;
  int writable;
} mem_handle;

void gz_shp_mem_set(gz_shp_mem *set, int which, const void *data, size_t len) {
  gz_shp_mem_file *f = &set->file[which];
  if (f->owned) {
    free(f->data);
  }
  f->data = (unsigned char *)(uintptr_t)data; /* borrowed: never written */
  f->len = f->cap = len;
  f->owned = 0;
  f->present = 1;
}

void gz_shp_mem_clear(gz_shp_mem *set) {
  int i;
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    if (set->file[i].owned) {
      free(set->file[i].data);
    }
  }
  memset(set->file, 0, sizeof set->file);
}

/* The set and the file that `name` (stem + extension) names, or NULL. */
static gz_shp_mem_file *file_of(const char *name) {
  void *p = NULL;
  size_t n = strlen(name);
  int i, used = 0;
  if (strncmp(name, STEM_PREFIX, sizeof STEM_PREFIX - 1) ||
      sscanf(name + sizeof STEM_PREFIX - 1, "%p%n", &p, &used) != 1 || !p) {
    return NULL;
  }
  if (sizeof STEM_PREFIX - 1 + (size_t)used + 4 != n) {
    return NULL;
  }
  for (i = 0; i < GZ_SHP_MEM_N; i++) {
    if (!strcmp(name + n - 4, exts[i])) {
      return &((gz_shp_mem *)p)->file[i];
    }
  }
  return NULL;
}

/* Makes `f` a buffer of its own with room for `need` bytes. */
static int reserve(gz_shp_mem_file *f, size_t need) {
  unsigned char *d;
  size_t cap = f->owned && f->cap ? f->cap : 4096;
  if (f->owned && need <= f->cap) {
    return 0;
  }
  while (cap < need) {
    if (cap > SIZE_MAX / 2) {
      return -1;
    }
    cap *= 2;
  }
  if (!(d = f->owned ? realloc(f->data, cap) : malloc(cap))) {
    return -1;
  }
  if (!f->owned && f->len) {
    memcpy(d, f->data, f->len); /* a borrowed file opened for update */
  }
  f->data = d;
  f->cap = cap;
  f->owned = 1;
  return 0;
}

static SAFile mem_open(const char *name, const char *access MEM_USER_ARG) {
  gz_shp_mem_file *f = file_of(name);
  mem_handle *h;
  int create = access[0] == 'w', update = create || strchr(access, '+') != NULL;
  MEM_USER_UNUSED;
  if (!f || (!create && !f->present)) {
    errno = ENOENT;
    return NULL;
  }
  if (!(h = calloc(1, sizeof *h))) {
    return NULL;
  }
  if (create) {
    f->len = 0;
    f->present = 1;
  }
  h->f = f;
  h->writable = update;
  return (SAFile)(void *)h;
}

static SAOffset mem_read(void *p, SAOffset size, SAOffset nmemb, SAFile file) {
  mem_handle *h = (mem_handle *)(void *)file;
  size_t left = h->pos < h->f->len ? h->f->len - h->pos : 0, n;
  if (size == 0) {
    return 0;
  }
  n = nmemb < left / size ? (size_t)nmemb : left / size;
  if (n == 0) {
    return 0; /* also an empty file, whose data may be NULL */
  }
  memcpy(p, h->f->data + h->pos, n * size);
  h->pos += n * size;
  return n;
}

static SAOffset mem_write(MEM_WRITE_CONST void *p, SAOffset size, SAOffset nmemb, SAFile file) {
  mem_handle *h = (mem_handle *)(void *)file;
  size_t n = (size_t)(size * nmemb);
  if (!h->writable || (size && n / size != nmemb) || h->pos > SIZE_MAX - n ||
      reserve(h->f, h->pos + n) < 0) {
    errno = h->writable ? ENOMEM : EBADF;
    return 0;
  }
  if (h->pos > h->f->len) {
    memset(h->f->data + h->f->len, 0, h->pos - h->f->len); /* a seek past the end */
  }
  memcpy(h->f->data + h->pos, p, n);
  h->pos += n;
  if (h->pos > h->f->len) {
    h->f->len = h->pos;
  }
  return nmemb;
}

static SAOffset mem_seek(SAFile file, SAOffset offset, int whence) {
  mem_handle *h = (mem_handle *)(void *)file;
  size_t base = whence == SEEK_CUR ? h->pos : whence == SEEK_END ? h->f->len : 0;
  /* SAOffset is unsigned: a backward seek from the current position wraps. */
  h->pos = base + (size_t)offset;
  return 0;
}

static SAOffset mem_tell(SAFile file) {
  return ((mem_handle *)(void *)file)->pos;
}

static int mem_flush(SAFile file) {
  (void)file;
  return 0;
}

static int mem_close(SAFile file) {
  free((mem_handle *)(void *)file);
  return 0;
}

static int mem_remove(const char *name MEM_USER_ARG) {
  gz_shp_mem_file *f = file_of(name);
  MEM_USER_UNUSED;
  if (!f || !f->present) {
    return -1;
  }
  if (f->owned) {
    free(f->data);
  }
  memset(f, 0, sizeof *f);
  return 0;
}

void gz_shp_mem_hooks(SAHooks *hooks, gz_shp_mem *set) {
  gz_shapelib_hooks(hooks, SASetupDefaultHooks);
  snprintf(set->stem, sizeof set->stem, STEM_PREFIX "%p", (void *)set);
  hooks->FOpen = mem_open;
  hooks->FRead = mem_read;
  hooks->FWrite = mem_write;
  hooks->FSeek = mem_seek;
  hooks->FTell = mem_tell;
  hooks->FFlush = mem_flush;
  hooks->FClose = mem_close;
  hooks->Remove = mem_remove;
}
