/* Finding the bundled data wherever gazmap is installed or run from. */
#define _GNU_SOURCE
#include "gazmap/data.h"

#include "util/error.h"

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
