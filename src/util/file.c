/* Whole files in and out: reading with a size limit, and the one output
 * policy every writer goes through (util/file.h, doc/output.md).
 *
 * The policy, in short: "-" is standard output; a regular file or an absent
 * name is written through a temporary file made with O_EXCL in the target's
 * directory and renamed over it; a character device or a FIFO is written in
 * place (it cannot be replaced, and writing to it is what the user asked);
 * a symlink, a directory, a socket or a block device at the target is
 * refused, as is a target that is one of the files this process has read.
 * Temporary files are registered so that a signal handler can remove them
 * (gazmap_output_cleanup). */
#define _GNU_SOURCE
#include "util/file.h"

#include "gazmap/output.h"

#include "util/error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the registry of temporary files ------------------------------------- */

/* A fixed table, so that the signal handler needs no allocation and no lock:
 * a slot is filled before `state` says so, and emptied after.  A shapefile
 * holds eleven at most (its directory, five new parts, five backups); a
 * write that finds none free fails rather than go unregistered. */
#define TEMP_SLOTS 16
enum { SLOT_FREE, SLOT_FILE, SLOT_DIR };
static struct {
  volatile sig_atomic_t state;
  char path[PATH_MAX];
} temps[TEMP_SLOTS];
static pthread_mutex_t temps_lock = PTHREAD_MUTEX_INITIALIZER;

int gz_temp_register(const char *path, int is_dir) {
  int i, found = -1;
  if (strlen(path) >= PATH_MAX) {
    return -1;
  }
  pthread_mutex_lock(&temps_lock);
  for (i = 0; i < TEMP_SLOTS && found < 0; i++) {
    if (temps[i].state == SLOT_FREE) {
      found = i;
      memcpy(temps[i].path, path, strlen(path) + 1);
      temps[i].state = is_dir ? SLOT_DIR : SLOT_FILE;
    }
  }
  pthread_mutex_unlock(&temps_lock);
  return found;
}

void gz_temp_release(int slot) {
  if (slot >= 0 && slot < TEMP_SLOTS) {
    pthread_mutex_lock(&temps_lock);
    temps[slot].state = SLOT_FREE;
    pthread_mutex_unlock(&temps_lock);
  }
}

/* Only unlink(2) and rmdir(2), which are async-signal-safe; files first, so
 * that the directories they sit in are empty when their turn comes. */
void gazmap_output_cleanup(void) {
  int i;
  for (i = 0; i < TEMP_SLOTS; i++) {
    if (temps[i].state == SLOT_FILE) {
      unlink(temps[i].path);
    }
  }
  for (i = 0; i < TEMP_SLOTS; i++) {
    if (temps[i].state == SLOT_DIR) {
      rmdir(temps[i].path);
    }
  }
}

/* ---- the inputs this process has read ------------------------------------- */

/* Device and inode of every file read, so that no output replaces one: a
 * ring, since only the latest inputs of a long-lived process matter. */
#define INPUT_SLOTS 64
static struct {
  dev_t dev;
  ino_t ino;
} inputs[INPUT_SLOTS];
static size_t n_inputs;
static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;

void gz_note_input_stat(const struct stat *st) {
  size_t i, n;
  pthread_mutex_lock(&inputs_lock);
  n = n_inputs < INPUT_SLOTS ? n_inputs : INPUT_SLOTS;
  for (i = 0; i < n; i++) {
    if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino) {
      break;
    }
  }
  if (i == n) {
    inputs[n_inputs % INPUT_SLOTS].dev = st->st_dev;
    inputs[n_inputs % INPUT_SLOTS].ino = st->st_ino;
    n_inputs++;
  }
  pthread_mutex_unlock(&inputs_lock);
}

int gazmap_output_note_input(const char *path) {
  struct stat st;
  if (!path || !strcmp(path, "-")) {
    return 0;
  }
  if (stat(path, &st) != 0) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot open: %s", strerror(errno));
  }
  if (S_ISREG(st.st_mode)) {
    gz_note_input_stat(&st);
  }
  return 0;
}

static int is_input(const struct stat *st) {
  size_t i, n;
  int hit = 0;
  pthread_mutex_lock(&inputs_lock);
  n = n_inputs < INPUT_SLOTS ? n_inputs : INPUT_SLOTS;
  for (i = 0; i < n && !hit; i++) {
    hit = inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino;
  }
  pthread_mutex_unlock(&inputs_lock);
  return hit;
}

/* ---- reading -------------------------------------------------------------- */

int gz_read_file(const char *path, size_t max, char **out, size_t *len) {
  FILE *f = NULL;
  struct stat st;
  char *buf = NULL;
  size_t size, got;
  int rc = 0, fd;

  *out = NULL;
  *len = 0;
  /* O_NONBLOCK so that a FIFO named as an input does not wait for a writer;
   * it is refused just below as not a regular file. */
  fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot open: %s", strerror(errno));
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return gz_fail(GAZMAP_EIO, path, 0, "not a regular file");
  }
  if (fcntl(fd, F_SETFL, 0) < 0 || !(f = fdopen(fd, "rb"))) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot open: %s", strerror(errno));
    close(fd);
    goto done;
  }
  gz_note_input_stat(&st);
  if ((unsigned long long)st.st_size > (unsigned long long)max) {
    rc = gz_fail(GAZMAP_ERANGE, path, 0, "file is %lld bytes; the limit for this format is %zu",
                 (long long)st.st_size, max);
    goto done;
  }
  size = (size_t)st.st_size;
  buf = malloc(size + 1);
  if (!buf) {
    rc = gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory reading %zu bytes", size);
    goto done;
  }
  got = size ? fread(buf, 1, size, f) : 0;
  if (got != size || ferror(f)) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "read error");
    goto done;
  }
  buf[size] = '\0';
  *out = buf;
  *len = size;
  buf = NULL;
done:
  free(buf);
  if (f) {
    fclose(f);
  }
  return rc;
}

/* ---- the output policy ---------------------------------------------------- */

int gz_write_all(int fd, const void *data, size_t len, size_t *written) {
  const unsigned char *p = data;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return -1;
    }
    p += n;
    len -= (size_t)n;
    if (written) {
      *written += (size_t)n;
    }
  }
  return 0;
}

int gz_output_kind(const char *path, struct stat *st) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (!*path) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "empty output path");
  }
  if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "not a file name (a directory?)");
  }
  if (strlen(base) > NAME_MAX) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "file name longer than %d bytes", NAME_MAX);
  }
  if (lstat(path, st) != 0) {
    if (errno == ENOENT) {
      return GZ_OUT_NEW;
    }
    return gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
  }
  if (S_ISLNK(st->st_mode)) {
    return gz_fail(GAZMAP_EIO, path, 0,
                   "is a symbolic link; gazmap does not write through links (name the file)");
  }
  if (S_ISDIR(st->st_mode)) {
    return gz_fail(GAZMAP_EIO, path, 0, "is a directory");
  }
  if (is_input(st)) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "is also an input of this command; refusing to overwrite it");
  }
  if (S_ISREG(st->st_mode)) {
    return GZ_OUT_REPLACE;
  }
  if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode)) {
    return GZ_OUT_IN_PLACE;
  }
  return gz_fail(GAZMAP_EIO, path, 0, "is a %s; gazmap writes only files, devices and FIFOs",
                 S_ISSOCK(st->st_mode) ? "socket" : "block device");
}

int gz_temp_dir_of(const char *path, char *dir, size_t cap) {
  const char *slash = strrchr(path, '/');
  int n;
  if (!slash) {
    n = snprintf(dir, cap, ".");
  } else if (slash == path) {
    n = snprintf(dir, cap, "/");
  } else {
    n = snprintf(dir, cap, "%.*s", (int)(slash - path), path);
  }
  if (n < 0 || (size_t)n >= cap) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
  }
  return 0;
}

/* An output being written (gazmap/output.h): standard output, a device or
 * FIFO written in place, or a temporary file renamed over the target when
 * it is complete.  The one implementation of the policy; gz_write_atomic is
 * it in one call. */
struct gazmap_output {
  int fd;
  int slot;            /* the registered temporary, or -1 */
  int is_stdout;       /* fd is STDOUT_FILENO, never closed */
  size_t streamed;     /* bytes a target written in place has received */
  char path[PATH_MAX]; /* the target, for messages and the rename */
  char tmp[PATH_MAX];  /* the temporary file ("" when written in place) */
};

/* A character device or FIFO: written as it is, like standard output.
 * O_NONBLOCK on open makes a FIFO with no reader an error (ENXIO) instead of
 * a wait; writing then blocks as usual. */
static int open_in_place(gazmap_output *o) {
  struct stat st;
  o->fd = open(o->path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_NOFOLLOW);
  if (o->fd < 0) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "cannot write: %s",
                   errno == ENXIO ? "a FIFO with no reader" : strerror(errno));
  }
  /* The node might have been swapped for a file since lstat(2). */
  if (fstat(o->fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "changed while being opened");
  }
  if (fcntl(o->fd, F_SETFL, 0) < 0) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "cannot write: %s", strerror(errno));
  }
  return 0;
}

/* An absent name or a regular file: a temporary file beside it. */
static int open_temp(gazmap_output *o, mode_t mode) {
  char dir[PATH_MAX];
  int rc;
  /* The temporary file sits in the target's directory so rename(2) stays on
   * one file system and is atomic.  Its name does not contain the target's,
   * so a target name of NAME_MAX bytes still has a temporary name. */
  if ((rc = gz_temp_dir_of(o->path, dir, sizeof dir)) < 0) {
    return rc;
  }
  if (snprintf(o->tmp, sizeof o->tmp, "%s/.gazmap-XXXXXX", dir) >= (int)sizeof o->tmp) {
    o->tmp[0] = '\0';
    return gz_fail(GAZMAP_EINVAL, o->path, 0, "path too long");
  }
  o->fd = mkostemp(o->tmp, O_CLOEXEC);
  if (o->fd < 0) {
    o->tmp[0] = '\0';
    return gz_fail(GAZMAP_EIO, o->path, 0, "cannot create: %s", strerror(errno));
  }
  if ((o->slot = gz_temp_register(o->tmp, 0)) < 0) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "too many outputs being written at once");
  }
  /* mkstemp makes the file private; a map is an ordinary document, and a
   * replaced file keeps its mode. */
  if (fchmod(o->fd, mode) < 0) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "cannot write: %s", strerror(errno));
  }
  return 0;
}

int gazmap_output_open(gazmap_output **out, const char *path) {
  gazmap_output *o;
  struct stat st;
  int kind, rc = 0;

  *out = NULL;
  if (!path) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "no output path");
  }
  if (strlen(path) >= PATH_MAX) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
  }
  if (!(o = calloc(1, sizeof *o))) {
    return gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
  }
  o->fd = -1;
  o->slot = -1;
  if (!strcmp(path, "-")) {
    snprintf(o->path, sizeof o->path, "<stdout>");
    o->fd = STDOUT_FILENO;
    o->is_stdout = 1;
  } else {
    snprintf(o->path, sizeof o->path, "%s", path);
    if ((kind = gz_output_kind(path, &st)) < 0) {
      rc = kind;
    } else if (kind == GZ_OUT_IN_PLACE) {
      rc = open_in_place(o);
    } else {
      rc = open_temp(o, kind == GZ_OUT_REPLACE ? st.st_mode & 07777 : 0644);
    }
  }
  if (rc < 0) {
    gazmap_output_abandon(o);
    return rc;
  }
  *out = o;
  return 0;
}

int gazmap_output_write(gazmap_output *o, const void *data, size_t len) {
  if (gz_write_all(o->fd, data, len, o->tmp[0] ? NULL : &o->streamed) < 0) {
    return gz_fail(GAZMAP_EIO, o->path, 0, "cannot write: %s", strerror(errno));
  }
  return 0;
}

size_t gazmap_output_streamed(const gazmap_output *o) {
  return o ? o->streamed : 0;
}

int gazmap_output_close(gazmap_output *o) {
  int rc = 0;
  if (!o->is_stdout) {
    int fd = o->fd;
    o->fd = -1;
    if (close(fd) < 0) {
      rc = gz_fail(GAZMAP_EIO, o->path, 0, "cannot write: %s", strerror(errno));
    } else if (o->tmp[0] && rename(o->tmp, o->path) < 0) {
      rc = gz_fail(GAZMAP_EIO, o->path, 0, "cannot create: %s", strerror(errno));
    } else {
      o->tmp[0] = '\0'; /* renamed: nothing left to remove */
    }
  }
  gazmap_output_abandon(o);
  return rc;
}

void gazmap_output_abandon(gazmap_output *o) {
  if (!o) {
    return;
  }
  if (o->fd >= 0 && !o->is_stdout) {
    close(o->fd);
  }
  if (o->tmp[0]) {
    unlink(o->tmp);
  }
  gz_temp_release(o->slot);
  free(o);
}

int gz_write_atomic(const char *path, const void *data, size_t len) {
  gazmap_output *o;
  int rc;
  if ((rc = gazmap_output_open(&o, path)) < 0) {
    return rc;
  }
  if ((rc = gazmap_output_write(o, data, len)) < 0) {
    gazmap_output_abandon(o);
    return rc;
  }
  return gazmap_output_close(o);
}

int gazmap_write_file(const char *path, const void *data, size_t len) {
  if (!path) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "no output path");
  }
  return gz_write_atomic(path, data, len);
}
