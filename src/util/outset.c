/* A set of output files committed together or not at all (util/file.h):
 * the parts of a shapefile, which other tools read as one. */
#define _GNU_SOURCE
#include "util/file.h"

#include "util/error.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUTSET_MAX 8

struct gz_outset {
  char stem[PATH_MAX];   /* the targets are stem + ext */
  char dir[PATH_MAX];    /* the private temporary directory */
  char tmp_stem[PATH_MAX]; /* the writer's parts: dir/new + ext */
  char old_stem[PATH_MAX]; /* the previous parts, kept: dir/old + ext */
  const char *exts[OUTSET_MAX];
  size_t n;
  int had_old[OUTSET_MAX]; /* a previous part existed (kept as dir/old<ext>) */
  int slot_dir, slot_new[OUTSET_MAX], slot_old[OUTSET_MAX];
};

static int part_path(char *buf, size_t cap, const char *a, const char *b) {
  return snprintf(buf, cap, "%s%s", a, b) >= (int)cap ? -1 : 0;
}

int gz_outset_begin(gz_outset **out, const char *stem, const char *const *exts, size_t n) {
  gz_outset *s;
  char target[PATH_MAX], parent[PATH_MAX];
  struct stat st;
  size_t i;
  int rc = 0, kind;

  *out = NULL;
  if (n > OUTSET_MAX) {
    return gz_fail(GAZMAP_EINVAL, stem, 0, "too many parts");
  }
  if (!(s = calloc(1, sizeof *s))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  s->slot_dir = -1;
  for (i = 0; i < OUTSET_MAX; i++) {
    s->slot_new[i] = s->slot_old[i] = -1;
  }
  s->n = n;
  if (snprintf(s->stem, sizeof s->stem, "%s", stem) >= (int)sizeof s->stem) {
    rc = gz_fail(GAZMAP_EINVAL, stem, 0, "path too long");
    goto done;
  }
  /* Every target is checked before anything is written: a directory or a
   * link where a part should go refuses the whole set. */
  for (i = 0; i < n; i++) {
    s->exts[i] = exts[i];
    if (part_path(target, sizeof target, stem, exts[i]) < 0) {
      rc = gz_fail(GAZMAP_EINVAL, stem, 0, "path too long");
      goto done;
    }
    if ((kind = gz_output_kind(target, &st)) < 0) {
      rc = kind;
      goto done;
    }
    if (kind == GZ_OUT_IN_PLACE) {
      rc = gz_fail(GAZMAP_EIO, target, 0, "is not a regular file; a shapefile's parts must be");
      goto done;
    }
    s->had_old[i] = kind == GZ_OUT_REPLACE;
  }
  if ((rc = gz_temp_dir_of(stem, parent, sizeof parent)) < 0) {
    goto done;
  }
  if (snprintf(s->dir, sizeof s->dir, "%s/.gazmap-XXXXXX", parent) >= (int)sizeof s->dir) {
    rc = gz_fail(GAZMAP_EINVAL, stem, 0, "path too long");
    goto done;
  }
  /* mkdtemp creates the directory or fails: nobody else's file or link can
   * be in it, so the parts inside need no O_EXCL of their own. */
  if (!mkdtemp(s->dir)) {
    rc = gz_fail(GAZMAP_EIO, stem, 0, "cannot create: %s", strerror(errno));
    s->dir[0] = '\0';
    goto done;
  }
  if ((s->slot_dir = gz_temp_register(s->dir, 1)) < 0) {
    rc = gz_fail(GAZMAP_EIO, stem, 0, "too many outputs being written at once");
    goto done;
  }
  /* The writer's files are new<ext>; no dot in the stem, which shapelib
   * would take for the start of an extension. */
  if (snprintf(s->tmp_stem, sizeof s->tmp_stem, "%s/new", s->dir) >= (int)sizeof s->tmp_stem ||
      snprintf(s->old_stem, sizeof s->old_stem, "%s/old", s->dir) >= (int)sizeof s->old_stem) {
    rc = gz_fail(GAZMAP_EINVAL, stem, 0, "path too long");
    goto done;
  }
  for (i = 0; i < n; i++) {
    char p[PATH_MAX];
    if (part_path(p, sizeof p, s->tmp_stem, exts[i]) < 0 ||
        (s->slot_new[i] = gz_temp_register(p, 0)) < 0) {
      rc = gz_fail(GAZMAP_EIO, stem, 0, "too many outputs being written at once");
      goto done;
    }
  }
  *out = s;
  s = NULL;
done:
  gz_outset_free(s);
  return rc;
}

const char *gz_outset_tmp_stem(const gz_outset *s) {
  return s->tmp_stem;
}

/* Puts parts [0, renamed) back as they were: the kept previous part, or
 * nothing where there was none. */
static void roll_back(gz_outset *s, size_t renamed) {
  char target[PATH_MAX], old[PATH_MAX];
  size_t i;
  for (i = 0; i < renamed; i++) {
    part_path(target, sizeof target, s->stem, s->exts[i]);
    part_path(old, sizeof old, s->old_stem, s->exts[i]);
    if (s->had_old[i]) {
      rename(old, target);
    } else {
      unlink(target);
    }
  }
}

int gz_outset_commit(gz_outset *s) {
  char target[PATH_MAX], tmp[PATH_MAX], old[PATH_MAX];
  sigset_t hold, saved;
  size_t i, renamed = 0;
  int rc = 0;

  /* Keep each previous part under a second name first, so that the rollback
   * below can restore it; a hard link leaves the part in place meanwhile. */
  for (i = 0; i < s->n; i++) {
    if (!s->had_old[i]) {
      continue;
    }
    part_path(target, sizeof target, s->stem, s->exts[i]);
    part_path(old, sizeof old, s->old_stem, s->exts[i]);
    if ((s->slot_old[i] = gz_temp_register(old, 0)) < 0) {
      return gz_fail(GAZMAP_EIO, target, 0, "too many outputs being written at once");
    }
    if (link(target, old) < 0) {
      return gz_fail(GAZMAP_EIO, target, 0, "cannot replace: %s", strerror(errno));
    }
  }
  /* A signal between two renames would leave a mixed set: hold SIGINT and
   * SIGTERM off for these few system calls. */
  sigemptyset(&hold);
  sigaddset(&hold, SIGINT);
  sigaddset(&hold, SIGTERM);
  sigaddset(&hold, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &hold, &saved);
  for (i = 0; i < s->n; i++) {
    part_path(target, sizeof target, s->stem, s->exts[i]);
    part_path(tmp, sizeof tmp, s->tmp_stem, s->exts[i]);
    if (rename(tmp, target) < 0) {
      rc = gz_fail(GAZMAP_EIO, target, 0, "cannot create: %s", strerror(errno));
      roll_back(s, renamed);
      break;
    }
    renamed++;
  }
  pthread_sigmask(SIG_SETMASK, &saved, NULL);
  return rc;
}

void gz_outset_free(gz_outset *s) {
  char p[PATH_MAX];
  size_t i;
  if (!s) {
    return;
  }
  if (s->dir[0] && s->tmp_stem[0]) {
    for (i = 0; i < s->n; i++) {
      part_path(p, sizeof p, s->tmp_stem, s->exts[i]);
      unlink(p);
      part_path(p, sizeof p, s->old_stem, s->exts[i]);
      unlink(p);
    }
  }
  if (s->dir[0]) {
    rmdir(s->dir);
  }
  for (i = 0; i < OUTSET_MAX; i++) {
    gz_temp_release(s->slot_new[i]);
    gz_temp_release(s->slot_old[i]);
  }
  gz_temp_release(s->slot_dir);
  free(s);
}
