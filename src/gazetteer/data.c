/* Finding the bundled data wherever gazmap is installed or run from, and
 * the files of the bundled gazetteer there. */
#define _GNU_SOURCE
#include "gazmap/data.h"
#include "gazmap/gazetteer.h"

#include "util/error.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GAZMAP_INSTALL_DATADIR
#define GAZMAP_INSTALL_DATADIR "/usr/local/share/gazmap"
#endif

static int holds_gazetteer(const char *dir) {
  char path[PATH_MAX];
  struct stat st;
  if (snprintf(path, sizeof path, "%s/gazetteer.tsv", dir) >= (int)sizeof path) {
    return 0;
  }
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory is resolved once per thread; callers keep the pointer. */
static _Thread_local char found[PATH_MAX];

const char *gazmap_data_dir(void) {
  const char *env = getenv("GAZMAP_DATA_DIR");
  char exe[PATH_MAX];
  ssize_t n;

  if (found[0]) {
    return found;
  }
  if (env && *env) {
    if (!holds_gazetteer(env)) {
      gz_fail(GAZMAP_ENOTFOUND, env, 0, "GAZMAP_DATA_DIR holds no gazetteer.tsv");
      return NULL;
    }
    snprintf(found, sizeof found, "%s", env);
    return found;
  }
  n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    char *slash;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (slash) {
      char cand[PATH_MAX];
      *slash = '\0';
      if (snprintf(cand, sizeof cand, "%s/../share/gazmap", exe) < (int)sizeof cand &&
          holds_gazetteer(cand)) {
        char *real = realpath(cand, NULL);
        snprintf(found, sizeof found, "%s", real ? real : cand);
        free(real);
        return found;
      }
    }
  }
  if (holds_gazetteer(GAZMAP_INSTALL_DATADIR)) {
    snprintf(found, sizeof found, "%s", GAZMAP_INSTALL_DATADIR);
    return found;
  }
  gz_fail(GAZMAP_ENOTFOUND, NULL, 0,
          "bundled data not found (set GAZMAP_DATA_DIR, or install gazmap)");
  return NULL;
}

char *gazmap_data_path(const char *relative) {
  const char *dir = gazmap_data_dir();
  size_t len;
  char *out;
  if (!dir) {
    return NULL;
  }
  len = strlen(dir) + 1 + strlen(relative) + 1;
  out = malloc(len);
  if (!out) {
    gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    return NULL;
  }
  snprintf(out, len, "%s/%s", dir, relative);
  return out;
}

/* The region files of the bundled gazetteer, in this folder of the data
 * directory (data/region/ of the source tree). */
#define REGION_DIR "region"

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether `name` is a region file: "<something>.tsv", not hidden. */
static int is_tsv_name(const char *name) {
  size_t n = strlen(name);
  return name[0] != '.' && n > 4 && !strcmp(name + n - 4, ".tsv");
}

/* Appends a copy of `path` to *v (*n of them, room for *cap). */
static int push_path(char ***v, size_t *n, size_t *cap, const char *path) {
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 16;
    char **nv = realloc(*v, ncap * sizeof *nv);
    if (!nv) {
      return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    }
    *v = nv;
    *cap = ncap;
  }
  if (!((*v)[*n] = strdup(path))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  (*n)++;
  return 0;
}

int gazmap_gazetteer_bundled_files(char ***out, size_t *n) {
  const char *dir = gazmap_data_dir();
  char path[PATH_MAX];
  char **v = NULL;
  size_t cap = 0;
  DIR *d = NULL;
  struct dirent *e;
  int rc;

  *out = NULL;
  *n = 0;
  if (!dir) {
    return gazmap_error_last()->code ? gazmap_error_last()->code : GAZMAP_ENOTFOUND;
  }
  snprintf(path, sizeof path, "%s/gazetteer.tsv", dir);
  if ((rc = push_path(&v, n, &cap, path)) < 0) {
    goto done;
  }
  /* A data directory without region files is still a gazetteer (a user's
   * GAZMAP_DATA_DIR may hold gazetteer.tsv alone). */
  if (snprintf(path, sizeof path, "%s/" REGION_DIR, dir) >= (int)sizeof path ||
      !(d = opendir(path))) {
    goto done;
  }
  while ((e = readdir(d)) != NULL) {
    char file[PATH_MAX];
    struct stat st;
    if (!is_tsv_name(e->d_name) ||
        snprintf(file, sizeof file, "%s/%s", path, e->d_name) >= (int)sizeof file ||
        stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
      continue;
    }
    if ((rc = push_path(&v, n, &cap, file)) < 0) {
      goto done;
    }
  }
  /* readdir's order is the file system's: sort, so that the set (and the
   * order of its places) is the same everywhere. */
  qsort(v + 1, *n - 1, sizeof *v, by_name);
done:
  if (d) {
    closedir(d);
  }
  if (rc < 0) {
    gazmap_gazetteer_files_free(v, *n);
    *n = 0;
    return rc;
  }
  *out = v;
  return 0;
}

void gazmap_gazetteer_files_free(char **paths, size_t n) {
  size_t i;
  for (i = 0; paths && i < n; i++) {
    free(paths[i]);
  }
  free(paths);
}
