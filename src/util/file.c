/* Whole files in and out: reading with a size limit, and writing through a
 * temporary file and rename(2) (util/file.h). */
#define _GNU_SOURCE
#include "util/file.h"

#include "gazmap/output.h"

#include "util/error.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int gz_read_file(const char *path, size_t max, char **out, size_t *len) {
  FILE *f = NULL;
  struct stat st;
  char *buf = NULL;
  size_t size, got;
  int rc = 0;

  *out = NULL;
  *len = 0;
  f = fopen(path, "rb");
  if (!f) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot open: %s", strerror(errno));
  }
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "not a regular file");
    goto done;
  }
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

static int write_all(int fd, const void *data, size_t len) {
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
  }
  return 0;
}

int gz_write_atomic(const char *path, const void *data, size_t len) {
  char tmp[PATH_MAX];
  const char *slash;
  int fd = -1, rc = 0;

  if (!strcmp(path, "-")) {
    if (write_all(STDOUT_FILENO, data, len) < 0) {
      return gz_fail(GAZMAP_EIO, "<stdout>", 0, "cannot write: %s", strerror(errno));
    }
    return 0;
  }
  /* The temporary file sits in the target's directory so rename(2) stays on
   * one file system and is atomic. */
  slash = strrchr(path, '/');
  if (slash) {
    if (snprintf(tmp, sizeof tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1) >=
        (int)sizeof tmp) {
      return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
    }
  } else if (snprintf(tmp, sizeof tmp, ".%s.XXXXXX", path) >= (int)sizeof tmp) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "path too long");
  }
  fd = mkstemp(tmp);
  if (fd < 0) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
  }
  /* mkstemp makes the file private; a map is an ordinary document. */
  if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write: %s", strerror(errno));
    goto done;
  }
  if (close(fd) < 0) {
    fd = -1;
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot write: %s", strerror(errno));
    goto done;
  }
  fd = -1;
  if (rename(tmp, path) < 0) {
    rc = gz_fail(GAZMAP_EIO, path, 0, "cannot create: %s", strerror(errno));
    goto done;
  }
done:
  if (fd >= 0) {
    close(fd);
  }
  if (rc < 0) {
    unlink(tmp);
  }
  return rc;
}

int gazmap_write_file(const char *path, const void *data, size_t len) {
  return gz_write_atomic(path, data, len);
}
