/* The three files of a shapefile checked against each other before shapelib
 * reads them (shpcheck.h).
 *
 * shapelib trusts what it is given: a .dbf cut short reads as records of
 * null attributes, an .shx that names more shapes than the .shp holds reads
 * as corrupt records one by one, and opening a FIFO waits for a writer.  So
 * each file must be a regular file, and the sizes in the three headers must
 * agree with each other and with the files' real sizes.  The same checks run
 * on a shapefile in memory (gz_shapefile_check_mem, for the fuzzer). */
#define _GNU_SOURCE
#include "util/shpcheck.h"

#include "gazmap/error.h"

#include "util/error.h"
#include "util/file.h"
#include "util/shp_dl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SHP_HEADER 100
#define SHP_FILE_CODE 9994

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static unsigned le16(const unsigned char *p) {
  return (unsigned)p[1] << 8 | p[0];
}

/* One of the three files: an open descriptor, or bytes in memory (fd -1). */
typedef struct {
  int fd;
  const unsigned char *mem;
  off_t size;
} part;

/* Where the files are: beside `stem` on disk, or in `set` (stem NULL). */
typedef struct {
  const char *stem;
  const gz_shp_mem *set;
} source;

/* Opens the file `ext` of `src` into *p: in memory, one that is present; on
 * disk, stem+ext without waiting (a FIFO is refused, not read), which must
 * be a regular file.  Returns 0 or a status.
 * Errors name the .shp (`shp_path`), the layer's file, and say which part:
 * a missing .shp is GAZMAP_EIO, a missing or odd companion GAZMAP_EPARSE. */
static int open_part(const source *src, const char *ext, const char *shp_path, part *p) {
  static const char *const mem_exts[] = {".shp", ".shx", ".dbf"};
  char path[PATH_MAX];
  struct stat st;
  int fd = -1, main_file = !strcmp(ext, ".shp"), i;
  if (src->set) {
    for (i = 0; i < 3; i++) {
      const gz_shp_mem_file *f = &src->set->file[GZ_SHP_MEM_SHP + i];
      if (!strcmp(ext, mem_exts[i]) && f->present) {
        p->mem = f->data;
        p->size = (off_t)f->len;
        return 0;
      }
    }
    errno = ENOENT;
  } else if (snprintf(path, sizeof path, "%s%s", src->stem, ext) >= (int)sizeof path) {
    return gz_fail(GAZMAP_EINVAL, src->stem, 0, "path too long");
  } else {
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  }
  if (fd < 0) {
    return gz_fail(main_file ? GAZMAP_EIO : GAZMAP_EPARSE, shp_path, 0, "%s%scannot open: %s",
                   main_file ? "" : ext, main_file ? "" : ": ", strerror(errno));
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return gz_fail(main_file ? GAZMAP_EIO : GAZMAP_EPARSE, shp_path, 0, "%s%snot a regular file",
                   main_file ? "" : ext, main_file ? "" : ": ");
  }
  gz_note_input_stat(&st);
  p->fd = fd;
  p->size = st.st_size;
  return 0;
}

static int read_at(const part *p, void *buf, size_t n, off_t at) {
  ssize_t got;
  if (p->fd < 0) {
    if (at < 0 || at > p->size || (off_t)n > p->size - at) {
      return -1;
    }
    memcpy(buf, p->mem + at, n);
    return 0;
  }
  got = pread(p->fd, buf, n, at);
  return got == (ssize_t)n ? 0 : -1;
}

/* The .shx: a header like the .shp's and one 8-byte entry (offset, length,
 * both in 16-bit words) per shape, each inside the .shp. */
static int check_index(const part *shx, const char *shp_path, off_t shp_size, long *count) {
  unsigned char h[SHP_HEADER], e[8];
  off_t shx_size = shx->size;
  long n, i;
  if (shx_size < SHP_HEADER || (shx_size - SHP_HEADER) % 8 != 0) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0,
                   ".shx: size %lld is not a 100-byte header and 8-byte entries",
                   (long long)shx_size);
  }
  if (read_at(shx, h, sizeof h, 0) < 0 || be32(h) != SHP_FILE_CODE) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, ".shx: not a shapefile index (bad header)");
  }
  if ((off_t)be32(h + 24) * 2 != shx_size) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, ".shx: header says %lld bytes, the file has %lld",
                   (long long)be32(h + 24) * 2, (long long)shx_size);
  }
  n = (long)((shx_size - SHP_HEADER) / 8);
  if (n > INT_MAX / 2) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, ".shx: too many shapes (%ld)", n);
  }
  for (i = 0; i < n; i++) {
    off_t off, len;
    if (read_at(shx, e, sizeof e, SHP_HEADER + 8 * (off_t)i) < 0) {
      return gz_fail(GAZMAP_EIO, shp_path, 0, ".shx: read error");
    }
    off = (off_t)be32(e) * 2;
    len = (off_t)be32(e + 4) * 2;
    if (off < SHP_HEADER || off + 8 + len > shp_size) {
      return gz_fail(GAZMAP_EPARSE, shp_path, 0,
                     "record %ld (at byte %lld, %lld bytes) lies outside the file's %lld bytes",
                     i + 1, (long long)off, (long long)len, (long long)shp_size);
    }
  }
  *count = n;
  return 0;
}

/* The .dbf: its header's record count must match the shapes, and its
 * records must all be in the file (a final 0x1A end mark is optional). */
static int check_table(const part *dbf, const char *shp_path, long shapes) {
  unsigned char h[32];
  off_t dbf_size = dbf->size;
  long long records, header, record, need;
  if (read_at(dbf, h, sizeof h, 0) < 0) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, ".dbf: shorter than a .dbf header");
  }
  records = le32(h + 4);
  header = le16(h + 8);
  record = le16(h + 10);
  if (header < 33 || record < 1) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0,
                   ".dbf: corrupt header (header %lld, record %lld bytes)", header, record);
  }
  if (records != shapes) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, ".dbf has %lld records but .shx has %ld shapes",
                   records, shapes);
  }
  need = header + records * record;
  if (need > (long long)dbf_size) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0,
                   ".dbf truncated: %lld records of %lld bytes need %lld bytes, the file has %lld",
                   records, record, need, (long long)dbf_size);
  }
  return 0;
}

/* The checks of the three files of `src` into parts[] (the caller closes
 * them), each opened only once the files before it have passed, so that a
 * bad .shp is reported before a missing companion. */
static int check_parts(const source *src, part parts[3], const char *shp_path) {
  unsigned char h[SHP_HEADER], t[4];
  off_t shp_size;
  long count = 0;
  int rc;

  if ((rc = open_part(src, ".shp", shp_path, &parts[0])) < 0) {
    return rc;
  }
  shp_size = parts[0].size;
  if (shp_size < SHP_HEADER || read_at(&parts[0], h, sizeof h, 0) < 0 ||
      be32(h) != SHP_FILE_CODE) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, "not a shapefile (bad header)");
  }
  if ((off_t)be32(h + 24) * 2 != shp_size) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, "header says %lld bytes, the file has %lld",
                   (long long)be32(h + 24) * 2, (long long)shp_size);
  }
  if ((rc = open_part(src, ".shx", shp_path, &parts[1])) < 0 ||
      (rc = check_index(&parts[1], shp_path, shp_size, &count)) < 0) {
    return rc;
  }
  /* shapelib takes the shape type from the .shx, GDAL from the .shp. */
  if (read_at(&parts[1], t, sizeof t, 32) < 0 || le32(t) != le32(h + 32)) {
    return gz_fail(GAZMAP_EPARSE, shp_path, 0, "shape type %u in the .shp but %u in the .shx",
                   le32(h + 32), le32(t));
  }
  if ((rc = open_part(src, ".dbf", shp_path, &parts[2])) < 0) {
    return rc;
  }
  return check_table(&parts[2], shp_path, count);
}

int gz_shapefile_check(const char *stem) {
  char shp_path[PATH_MAX];
  part parts[3] = {{-1, NULL, 0}, {-1, NULL, 0}, {-1, NULL, 0}};
  source src = {stem, NULL};
  int rc, i;

  if (snprintf(shp_path, sizeof shp_path, "%s.shp", stem) >= (int)sizeof shp_path) {
    return gz_fail(GAZMAP_EINVAL, stem, 0, "path too long");
  }
  rc = check_parts(&src, parts, shp_path);
  for (i = 0; i < 3; i++) {
    if (parts[i].fd >= 0) {
      close(parts[i].fd);
    }
  }
  return rc;
}

int gz_shapefile_check_mem(const gz_shp_mem *set, const char *shp_path) {
  part parts[3] = {{-1, NULL, 0}, {-1, NULL, 0}, {-1, NULL, 0}};
  source src = {NULL, set};
  return check_parts(&src, parts, shp_path);
}

/* ---- records ------------------------------------------------------------ */

gazmap_geom gz_shp_geom(int shp_type) {
  switch (shp_type) {
  case SHPT_POINT:
  case SHPT_POINTZ:
  case SHPT_POINTM:
  case SHPT_MULTIPOINT:
  case SHPT_MULTIPOINTZ:
  case SHPT_MULTIPOINTM:
    return GAZMAP_GEOM_POINT;
  case SHPT_ARC:
  case SHPT_ARCZ:
  case SHPT_ARCM:
    return GAZMAP_GEOM_LINE;
  case SHPT_POLYGON:
  case SHPT_POLYGONZ:
  case SHPT_POLYGONM:
    return GAZMAP_GEOM_POLYGON;
  default:
    return (gazmap_geom)0;
  }
}

size_t gz_shp_part_count(const SHPObject *o, gazmap_geom geom) {
  if (geom == GAZMAP_GEOM_POINT) {
    return (size_t)o->nVertices;
  }
  return o->nParts ? (size_t)o->nParts : 1;
}

void gz_shp_part(const SHPObject *o, gazmap_geom geom, size_t p, int *start, int *stop) {
  if (geom == GAZMAP_GEOM_POINT) {
    *start = (int)p;
    *stop = (int)p + 1;
    return;
  }
  *start = o->nParts ? o->panPartStart[p] : 0;
  *stop = (o->nParts && p + 1 < (size_t)o->nParts) ? o->panPartStart[p + 1] : o->nVertices;
}

int gz_shp_record_check(const SHPObject *o, gazmap_geom geom, const char *file, size_t i) {
  size_t p;
  int v, start, stop;
  if (!o) {
    return gz_fail(GAZMAP_EPARSE, file, 0, "corrupt record %zu%s%s", i + 1,
                   gz_shapelib_msg()[0] ? ": " : "", gz_shapelib_msg());
  }
  if (o->nSHPType == SHPT_NULL || o->nVertices == 0) {
    return 0;
  }
  if (o->nVertices < 0 || o->nParts < 0 || gz_shp_geom(o->nSHPType) != geom) {
    return gz_fail(GAZMAP_EPARSE, file, 0, "corrupt record %zu", i + 1);
  }
  /* Layers are WGS84 longitude/latitude: NaN, infinities and numbers like
   * 1e300 would reach the projection and the bounds and draw nothing (or
   * everything) without a word.  Longitudes up to 360 allow 0..360 data. */
  for (v = 0; v < o->nVertices; v++) {
    double x = o->padfX[v], y = o->padfY[v];
    if (!isfinite(x) || !isfinite(y) || fabs(x) > 360 || fabs(y) > 90) {
      return gz_fail(GAZMAP_EPARSE, file, 0,
                     "record %zu: vertex %d (%g, %g) is not a longitude and latitude", i + 1, v + 1,
                     x, y);
    }
  }
  for (p = 0; p < gz_shp_part_count(o, geom); p++) {
    gz_shp_part(o, geom, p, &start, &stop);
    if (start < 0 || stop > o->nVertices || stop < start) {
      return gz_fail(GAZMAP_EPARSE, file, 0, "corrupt parts in record %zu", i + 1);
    }
  }
  return 1;
}
