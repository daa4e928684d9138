/* The table of gazetteer formats (loaders.h).  A new format is a new
 * load_<name>.c defining a gz_loader, and one line here. */
#define _POSIX_C_SOURCE 200809L
#include "gazetteer/loaders.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const gz_loader *const loaders[] = {
    &gz_loader_tsv,
    &gz_loader_geonames,
    &gz_loader_index,
};

#define NLOADERS (sizeof loaders / sizeof loaders[0])

const gz_loader *gz_loader_by_name(const char *name) {
  size_t i;
  for (i = 0; i < NLOADERS; i++) {
    if (!strcmp(loaders[i]->name, name)) {
      return loaders[i];
    }
  }
  return NULL;
}

const gz_loader *gz_loader_sniff(const char *buf, size_t len, unsigned long *line) {
  size_t pos = 0, i;
  *line = 0;
  if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
    pos = 3;
  }
  while (pos < len) {
    const char *start = buf + pos;
    const char *nl = memchr(start, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - start) : len - pos;
    (*line)++;
    pos += n + 1;
    if (n > 0 && start[n - 1] == '\r') {
      n--;
    }
    if (n == 0 || start[0] == '#') {
      continue;
    }
    for (i = 0; i < NLOADERS; i++) {
      if (loaders[i]->sniff(start, n)) {
        return loaders[i];
      }
    }
    return NULL;
  }
  return NULL;
}

const gz_loader *gz_loader_by_magic(const unsigned char *head, size_t n) {
  size_t i;
  for (i = 0; i < NLOADERS; i++) {
    const gz_loader *l = loaders[i];
    if (l->magic && n >= l->magic_len && !memcmp(head, l->magic, l->magic_len)) {
      return l;
    }
  }
  return NULL;
}

const gz_loader *gz_loader_of_file(const char *path) {
  unsigned char head[16];
  ssize_t got;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return NULL;
  }
  got = read(fd, head, sizeof head);
  close(fd);
  return got > 0 ? gz_loader_by_magic(head, (size_t)got) : NULL;
}

size_t gz_loader_max_file(void) {
  size_t i, max = 0;
  for (i = 0; i < NLOADERS; i++) {
    if (loaders[i]->max_file > max) {
      max = loaders[i]->max_file;
    }
  }
  return max;
}

void gz_loader_expected(char *buf, size_t cap) {
  size_t i, n = 0;
  for (i = 0; i < NLOADERS; i++) {
    const char *sep = i == 0 ? "" : " or ";
    size_t a = strlen(sep), b = strlen(loaders[i]->expect);
    if (n + a + b >= cap) {
      break;
    }
    memcpy(buf + n, sep, a);
    memcpy(buf + n + a, loaders[i]->expect, b);
    n += a + b;
  }
  if (cap > 0) {
    buf[n] = '\0';
  }
}
