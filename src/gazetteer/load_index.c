/* The compiled index as a gazetteer format (index_format.h, doc/index.md):
 * opening maps the file read-only and checks its header, section table and
 * the CRC of both, and nothing more.  Reading every section to check it
 * would make each file-backed page resident, so that a lookup in a world
 * index would cost as much memory as the index; the per-section checksums
 * and the checks of every record are `gazmap check FILE` (gz_index_check).
 * Instead every value read from a section is bounds-checked where it is
 * used: a pool offset beyond the pool reads as "", a place or name number
 * beyond the counts is never followed, so that a corrupt index gives wrong
 * answers at worst, never a crash.
 *
 * Places and names are filled on first access (gz_place, gz_name) into
 * anonymous MAP_NORESERVE arrays: pages never touched cost nothing, so a
 * lookup materialises only the places it returns. */
#define _GNU_SOURCE
#include "gazetteer/index_format.h"
#include "gazetteer/loaders.h"

#include "util/error.h"

#include <errno.h>
#include <fcntl.h>
#include <isa-l/crc.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

uint32_t ix_crc(uint32_t crc, const void *data, size_t len) {
  const unsigned char *p = data;
  /* ISA-L takes a 64-bit length; feed it in chunks all the same so that a
   * huge section reports no partial sums to anyone. */
  while (len > 0) {
    size_t n = len > (1u << 30) ? (1u << 30) : len;
    crc = crc32_gzip_refl(crc, p, (uint64_t)n);
    p += n;
    len -= n;
  }
  return crc;
}

int ix_bundled_stamp(uint32_t *files, uint64_t *bytes, uint32_t *crc) {
  char **paths;
  size_t n, i;
  int rc = gazmap_gazetteer_bundled_files(&paths, &n);
  *files = 0;
  *bytes = 0;
  *crc = 0;
  if (rc < 0) {
    return rc;
  }
  for (i = 0; i < n && rc == 0; i++) {
    char *buf;
    size_t len;
    if ((rc = gz_read_file(paths[i], GZ_TSV_MAX_FILE, &buf, &len)) < 0) {
      break;
    }
    *crc = ix_crc(*crc, buf, len);
    *bytes += len;
    free(buf);
  }
  *files = (uint32_t)n;
  gazmap_gazetteer_files_free(paths, n);
  return rc;
}

int ix_hashtab_attach(gz_hashtab *t, const gz_mapped *m, int id, size_t n) {
  size_t size, cap;
  const unsigned char *p = ix_sec(m, id, &size);
  if (!p || size < n * 4 || (size - n * 4) % 8) {
    return -1;
  }
  cap = (size - n * 4) / 8;
  if (cap == 0 || (cap & (cap - 1))) {
    return -1;
  }
  t->slots = (gz_hashtab_slot *)p;
  t->next = (uint32_t *)(p + cap * 8);
  t->mask = cap - 1;
  t->n = n;
  t->borrowed = 1;
  return 0;
}

/* ---- mapping and the header --------------------------------------------- */

static int little_endian(void) {
  const uint32_t one = 1;
  unsigned char b;
  memcpy(&b, &one, 1);
  return b == 1;
}

/* What each section must hold, given the header's counts: a multiple of
 * `elem` bytes, exactly `count` of them when count is not 0. */
static int section_fits(int id, uint64_t size, const ix_header *h) {
  switch (id) {
  case IX_S_STRS:
    return size >= 1;
  case IX_S_PLACES:
    return size == h->nplaces * sizeof(ix_place);
  case IX_S_NAMES:
    return size == h->nnames * sizeof(ix_name);
  case IX_S_NAME_PLACE:
  case IX_S_FOLD_OFF:
  case IX_S_SKEL_OFF:
    return size == h->nnames * 4;
  case IX_S_FOLD_LEN:
    return size == h->nnames * 2;
  case IX_S_ALIAS_NAME:
  case IX_S_ALIAS_FOLD_OFF:
  case IX_S_ALIAS_SKEL_OFF:
    return size == h->nalias * 4;
  case IX_S_ALIAS_LEN:
    return size == h->nalias * 2;
  case IX_S_PREFIX:
    return size % 4 == 0 && size / 4 <= h->nnames;
  case IX_S_FUZZY:
    return size % 8 == 0;
  case IX_S_GRID_START:
    return size >= sizeof(ix_cell) && size % sizeof(ix_cell) == 0;
  case IX_S_GRID:
    return size == h->nplaces * sizeof(ix_cell_entry);
  case IX_S_EXTENTS:
    return size == h->nplaces * 4 * sizeof(double);
  default:
    return 1; /* hash tables: checked when attached */
  }
}

/* Maps `path` and checks its header and section table into *m.  Returns 0
 * or a negative status with the file and reason as the last error. */
static int map_index(const char *path, gz_mapped *m) {
  const ix_header *h;
  const ix_section *tab;
  struct stat st;
  ix_header copy;
  uint32_t crc;
  size_t i, tab_end;
  void *base;
  int fd, rc = 0;

  memset(m, 0, sizeof *m);
  if (!little_endian()) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "compiled indexes need a little-endian machine");
  }
  fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot open: %s", strerror(errno));
  }
  if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return gz_fail(GAZMAP_EIO, path, 0, "a compiled index must be a regular file");
  }
  gz_note_input_stat(&st);
  if ((uint64_t)st.st_size < sizeof(ix_header)) {
    close(fd);
    return gz_fail(GAZMAP_EPARSE, path, 0,
                   "truncated compiled index: %lld bytes, less than its %zu-byte header",
                   (long long)st.st_size, sizeof(ix_header));
  }
  base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (base == MAP_FAILED) {
    return gz_fail(GAZMAP_EIO, path, 0, "cannot map the index: %s", strerror(errno));
  }
  m->base = base;
  m->size = (size_t)st.st_size;
  h = m->hdr = base;
  if (memcmp(h->magic, IX_MAGIC, IX_MAGIC_LEN)) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "not a gazmap compiled index (bad magic)");
  } else if (h->endian != IX_ENDIAN) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "compiled index of another byte order");
  } else if (h->version > IX_VERSION) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0,
                 "compiled index of format %u, made by a newer gazmap (this one reads format %u)",
                 h->version, IX_VERSION);
  } else if (h->version != IX_VERSION || h->header_size != sizeof(ix_header)) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "compiled index of unknown format %u", h->version);
  } else if (h->file_size != m->size) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0,
                 "truncated or extended compiled index: its header says %llu bytes, the file has %zu",
                 (unsigned long long)h->file_size, m->size);
  } else if (h->nsections == 0 || h->nsections > IX_MAX_SECTIONS) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "compiled index with %u sections", h->nsections);
  } else if (h->nplaces >= UINT32_MAX || h->nnames >= UINT32_MAX || h->nalias >= UINT32_MAX) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "compiled index with impossible counts");
  }
  if (rc < 0) {
    goto fail;
  }
  tab_end = sizeof(ix_header) + (size_t)h->nsections * sizeof(ix_section);
  if (tab_end > m->size) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "truncated compiled index: no room for its section table");
    goto fail;
  }
  memcpy(&copy, h, sizeof copy);
  copy.header_crc = 0;
  crc = ix_crc(0, &copy, sizeof copy);
  crc = ix_crc(crc, (const unsigned char *)base + sizeof(ix_header), tab_end - sizeof(ix_header));
  if (crc != h->header_crc) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0,
                 "corrupt compiled index: the checksum of its header does not match");
    goto fail;
  }
  tab = (const ix_section *)((const unsigned char *)base + sizeof(ix_header));
  for (i = 0; i < h->nsections; i++) {
    const ix_section *s = &tab[i];
    if (s->id == 0 || s->id >= IX_S_COUNT_) {
      continue; /* a section of a later minor revision: not needed */
    }
    if (s->offset % 8 || s->offset < tab_end || s->offset > m->size ||
        s->size > m->size - s->offset || m->sec[s->id] || !section_fits((int)s->id, s->size, h)) {
      rc = gz_fail(GAZMAP_EPARSE, path, 0, "corrupt compiled index: section %u is out of place",
                   s->id);
      goto fail;
    }
    m->sec[s->id] = m->base + s->offset;
    m->sec_size[s->id] = (size_t)s->size;
  }
  for (i = 1; i < IX_S_COUNT_; i++) {
    if (!m->sec[i] && !(i == IX_S_PREFIX || i == IX_S_FUZZY || i == IX_S_EXTENTS)) {
      rc = gz_fail(GAZMAP_EPARSE, path, 0, "corrupt compiled index: section %zu is missing", i);
      goto fail;
    }
  }
  m->pool = m->sec[IX_S_STRS];
  m->pool_len = m->sec_size[IX_S_STRS];
  if (m->pool[0] || m->pool[m->pool_len - 1]) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "corrupt compiled index: its string pool is not closed");
    goto fail;
  }
  return 0;
fail:
  munmap(base, m->size);
  memset(m, 0, sizeof *m);
  return rc;
}

/* ---- places and names on first access ----------------------------------- */

static const char *pool_str(const gz_mapped *m, uint32_t off) {
  return off < m->pool_len ? m->pool + off : "";
}

void gz_index_fill_name(gazmap_gazetteer *g, size_t i) {
  const gz_mapped *m = g->map;
  const ix_name *r = (const ix_name *)m->sec[IX_S_NAMES] + i;
  gazmap_name *n = &g->names[i];
#define POOL(member) n->member = pool_str(m, r->member);
  IX_NAME_STRINGS(POOL)
#undef POOL
  n->flags = r->flags;
  n->text = pool_str(m, r->text); /* last: it marks the name as filled */
}

void gz_index_fill_place(gazmap_gazetteer *g, size_t i) {
  const gz_mapped *m = g->map;
  const ix_place *r;
  gazmap_place *p = &g->places[i];
  size_t k;
  if (!m) {
    return; /* not an index: every place has an id */
  }
  r = (const ix_place *)m->sec[IX_S_PLACES] + i;
#define POOL(member) p->member = pool_str(m, r->member);
#define COPY(member) p->member = r->member;
  IX_PLACE_STRINGS(POOL)
  IX_PLACE_VALUES(COPY)
#undef POOL
#undef COPY
  p->kind = r->kind < GAZMAP_KIND_COUNT_ ? (gazmap_kind)r->kind : GAZMAP_KIND_UNKNOWN;
  p->imported = r->imported ? 1 : 0;
  /* A range of names beyond the names is read as none. */
  if (r->first_name <= g->nnames && r->name_count <= g->nnames - r->first_name) {
    p->first_name = r->first_name;
    p->name_count = r->name_count;
  } else {
    p->first_name = 0;
    p->name_count = 0;
  }
  p->names = g->names + p->first_name;
  for (k = 0; k < p->name_count; k++) {
    gz_name(g, p->first_name + k);
  }
  p->id = pool_str(m, r->id); /* last: it marks the place as filled */
}

const double *gz_index_extents(const gazmap_gazetteer *g, uint32_t *shapes_crc) {
  const gz_mapped *m = g->map;
  if (!m || !(m->hdr->flags & IX_F_EXTENTS) || !m->sec[IX_S_EXTENTS]) {
    return NULL;
  }
  *shapes_crc = m->hdr->shapes_crc;
  return m->sec[IX_S_EXTENTS];
}

void gz_materialise_all(gazmap_gazetteer *g) {
  size_t i;
  if (!g->map) {
    return;
  }
  for (i = 0; i < g->nplaces; i++) {
    gz_place(g, i);
  }
}

void gz_index_drop_arrays(gazmap_gazetteer *g) {
  gz_mapped *m = g->map;
  if (!m) {
    return;
  }
  if (g->places) {
    munmap(g->places, m->places_bytes ? m->places_bytes : 1);
  }
  if (g->names) {
    munmap(g->names, m->names_bytes ? m->names_bytes : 1);
  }
  g->places = NULL;
  g->names = NULL;
  g->name_place = NULL; /* it was in the mapping */
  g->nplaces = g->nnames = 0;
}

void gz_index_unmap(gazmap_gazetteer *g) {
  gz_mapped *m = g->map;
  if (!m) {
    return;
  }
  gz_index_drop_arrays(g);
  munmap((void *)m->base, m->size);
  free(m);
  g->map = NULL;
}

/* ---- opening --------------------------------------------------------------- */

/* Anonymous memory that costs nothing until written (at least one page).
 * Not in huge pages: with transparent huge pages on, filling one place
 * would make 2 MB resident, and a lookup fills a few scattered places. */
static void *lazy_array(size_t bytes) {
  void *p = mmap(NULL, bytes ? bytes : 1, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    return NULL;
  }
  madvise(p, bytes ? bytes : 1, MADV_NOHUGEPAGE); /* advice only: failure is harmless */
  return p;
}

static int open_index(gazmap_gazetteer **out, const char *path) {
  gazmap_gazetteer *g = NULL;
  gz_mapped *m = NULL;
  const ix_header *h;
  int rc;

  *out = NULL;
  if (!(m = calloc(1, sizeof *m))) {
    return gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
  }
  if ((rc = map_index(path, m)) < 0) {
    free(m);
    return rc;
  }
  h = m->hdr;
  if (!(g = gz_gazetteer_new(path))) {
    munmap((void *)m->base, m->size);
    free(m);
    return gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
  }
  g->map = m;
  g->nplaces = g->cap_places = (size_t)h->nplaces;
  g->nnames = g->cap_names = (size_t)h->nnames;
  m->places_bytes = g->nplaces * sizeof *g->places;
  m->names_bytes = g->nnames * sizeof *g->names;
  g->places = lazy_array(m->places_bytes);
  g->names = lazy_array(m->names_bytes);
  g->name_place = (uint32_t *)m->sec[IX_S_NAME_PLACE];
  g->with_bundled = (h->flags & IX_F_BUNDLED) != 0;
  g->has_roi = h->has_roi != 0;
  g->roi_lat0 = h->roi[0];
  g->roi_lat1 = h->roi[1];
  g->roi_lon0 = h->roi[2];
  g->roi_lon1 = h->roi[3];
  if (!g->places || !g->names) {
    rc = gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
  } else if ((rc = gz_ids_map(g)) < 0) {
    rc = gz_fail(GAZMAP_EPARSE, path, 0, "corrupt compiled index: its id table is out of shape");
  }
  if (rc < 0) {
    gazmap_gazetteer_free(g);
    return rc;
  }
  *out = g;
  return 0;
}

int gz_index_sniff(const char *path) {
  return gz_loader_of_file(path) == &gz_loader_index;
}

int gz_index_bundled_current(const gazmap_gazetteer *g) {
  uint32_t files, crc;
  uint64_t bytes;
  int rc;
  if (!g->map || !g->with_bundled) {
    return 0;
  }
  if ((rc = ix_bundled_stamp(&files, &bytes, &crc)) < 0) {
    return rc;
  }
  if (files != g->map->hdr->bundled_files || bytes != g->map->hdr->bundled_bytes ||
      crc != g->map->hdr->bundled_crc) {
    return gz_fail(GAZMAP_EPARSE, g->path, 0,
                   "the index holds another version of the bundled gazetteer (its files changed "
                   "since it was built): rebuild it with gazmap index, or give --no-bundled");
  }
  return 1;
}

int gz_index_open_bundled(gazmap_gazetteer **out, const char *path) {
  gazmap_gazetteer *g = NULL;
  struct stat st;
  int rc;
  *out = NULL;
  if (stat(path, &st) < 0) {
    return GAZMAP_ENOTFOUND;
  }
  if ((rc = open_index(&g, path)) < 0) {
    return rc;
  }
  if ((rc = gz_index_bundled_current(g)) <= 0) {
    gazmap_gazetteer_free(g);
    return rc < 0 ? rc : GAZMAP_ENOTFOUND;
  }
  *out = g;
  return 0;
}

/* ---- gazmap check: every checksum and every record ----------------------- */

typedef struct checker {
  const char *path;
  gazmap_problem_fn report;
  void *ud;
  int count;
} checker;

/* Problems beyond this many are counted, not each reported. */
#define CHECK_MAX_REPORTED 20

static void problem(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(checker *c, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  if (++c->count > CHECK_MAX_REPORTED) {
    return;
  }
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->report(c->ud, c->path, 0, msg);
}

static void check_offsets(checker *c, const gz_mapped *m, int id, const char *what) {
  size_t size, i;
  const uint32_t *a = ix_sec(m, id, &size);
  for (i = 0; i < size / 4; i++) {
    if (a[i] >= m->pool_len) {
      problem(c, "%s %zu: string offset %u beyond the pool", what, i, a[i]);
      return;
    }
  }
}

static void check_table(checker *c, const gz_mapped *m, int id, size_t n, const char *what) {
  gz_hashtab t;
  size_t i;
  if (ix_hashtab_attach(&t, m, id, n) < 0) {
    problem(c, "the %s table is out of shape", what);
    return;
  }
  for (i = 0; i <= t.mask; i++) {
    if (t.slots[i].head > n) {
      problem(c, "the %s table names entry %u of %zu", what, t.slots[i].head, n);
      return;
    }
  }
  for (i = 0; i < n; i++) {
    if (t.next[i] > n) {
      problem(c, "the %s table chains to entry %u of %zu", what, t.next[i], n);
      return;
    }
  }
}

static void check_records(checker *c, const gz_mapped *m) {
  const ix_header *h = m->hdr;
  const ix_place *pl = m->sec[IX_S_PLACES];
  const ix_name *nm = m->sec[IX_S_NAMES];
  const uint32_t *np = m->sec[IX_S_NAME_PLACE];
  const ix_cell *gs = m->sec[IX_S_GRID_START];
  size_t ncells = m->sec_size[IX_S_GRID_START] / sizeof *gs;
  const ix_cell_entry *ge = m->sec[IX_S_GRID];
  size_t i, size;
  const uint32_t *pre;
  const uint64_t *fz;
  const double *ex;
  for (i = 0; i < h->nplaces; i++) {
    const ix_place *p = &pl[i];
    uint32_t offs[7] = {p->id, p->name, p->country, p->district, p->source, p->tags, p->note};
    size_t k;
    for (k = 0; k < 7; k++) {
      if (offs[k] >= m->pool_len) {
        problem(c, "place %zu: string offset %u beyond the pool", i, offs[k]);
        break;
      }
    }
    if (p->first_name > h->nnames || p->name_count > h->nnames - p->first_name) {
      problem(c, "place %zu: names %u+%u beyond the %llu names", i, p->first_name, p->name_count,
              (unsigned long long)h->nnames);
    }
    if (p->kind >= GAZMAP_KIND_COUNT_) {
      problem(c, "place %zu: kind %u unknown", i, p->kind);
    }
  }
  for (i = 0; i < h->nnames; i++) {
    if (nm[i].text >= m->pool_len || nm[i].lang >= m->pool_len || nm[i].usage >= m->pool_len) {
      problem(c, "name %zu: string offset beyond the pool", i);
    }
    if (np[i] >= h->nplaces) {
      problem(c, "name %zu: place %u of %llu", i, np[i], (unsigned long long)h->nplaces);
    }
  }
  check_offsets(c, m, IX_S_FOLD_OFF, "folded key");
  check_offsets(c, m, IX_S_SKEL_OFF, "skeleton");
  check_offsets(c, m, IX_S_ALIAS_FOLD_OFF, "alias key");
  check_offsets(c, m, IX_S_ALIAS_SKEL_OFF, "alias skeleton");
  check_table(c, m, IX_S_HT_EXACT, (size_t)h->nnames, "exact name");
  check_table(c, m, IX_S_HT_FOLDED, (size_t)h->nnames, "folded name");
  check_table(c, m, IX_S_HT_SKEL, (size_t)h->nnames, "skeleton");
  check_table(c, m, IX_S_HT_ALIAS_FOLDED, (size_t)h->nalias, "folded alias");
  check_table(c, m, IX_S_HT_ALIAS_SKEL, (size_t)h->nalias, "skeleton alias");
  check_table(c, m, IX_S_HT_IDS, (size_t)h->nplaces, "place id");
  {
    const uint32_t *an = m->sec[IX_S_ALIAS_NAME];
    for (i = 0; i < h->nalias; i++) {
      if (an[i] >= h->nnames) {
        problem(c, "alias %zu: name %u of %llu", i, an[i], (unsigned long long)h->nnames);
        break;
      }
    }
  }
  pre = ix_sec(m, IX_S_PREFIX, &size);
  for (i = 0; pre && i < size / 4; i++) {
    if (pre[i] >= h->nnames) {
      problem(c, "prefix entry %zu: name %u of %llu", i, pre[i], (unsigned long long)h->nnames);
      break;
    }
  }
  fz = ix_sec(m, IX_S_FUZZY, &size);
  for (i = 0; fz && i < size / 8; i++) {
    if ((uint32_t)fz[i] >= h->nnames || (i > 0 && fz[i] >> 32 < fz[i - 1] >> 32)) {
      problem(c, "fuzzy entry %zu is out of range or order", i);
      break;
    }
  }
  for (i = 0; i + 1 < ncells; i++) {
    if (gs[i].cell >= gs[i + 1].cell || gs[i].start > gs[i + 1].start) {
      problem(c, "grid cell %u is out of order", gs[i].cell);
      break;
    }
  }
  if (gs[ncells - 1].cell != IX_GRID_CELLS || gs[ncells - 1].start != h->nplaces) {
    problem(c, "the grid does not end with all %llu places", (unsigned long long)h->nplaces);
  }
  for (i = 0; i < h->nplaces; i++) {
    if (ge[i].place >= h->nplaces) {
      problem(c, "grid entry %zu: place %u of %llu", i, ge[i].place,
              (unsigned long long)h->nplaces);
      break;
    }
  }
  /* An extent is four NaNs (none) or a box of finite longitudes and
   * latitudes, west before east and south before north. */
  ex = m->sec[IX_S_EXTENTS];
  for (i = 0; ex && i < h->nplaces; i++) {
    const double *b = ex + 4 * i;
    int none = isnan(b[0]) && isnan(b[1]) && isnan(b[2]) && isnan(b[3]);
    if (!none && !(fabs(b[0]) <= 360 && fabs(b[2]) <= 360 && fabs(b[1]) <= 90 && fabs(b[3]) <= 90 &&
                   b[0] <= b[2] && b[1] <= b[3])) {
      problem(c, "place %zu: extent %g,%g,%g,%g is not a box", i, b[0], b[1], b[2], b[3]);
      break;
    }
  }
}

static int check_index(const char *path, gazmap_problem_fn report, void *ud) {
  checker c = {path, report, ud, 0};
  const ix_section *tab;
  gz_mapped m;
  size_t i;
  int rc = map_index(path, &m);
  if (rc < 0) {
    /* A file that cannot be read is an error; a bad header is a problem. */
    if (rc != GAZMAP_EPARSE) {
      return rc;
    }
    report(ud, path, 0, gazmap_error_last()->message);
    return 1;
  }
  tab = (const ix_section *)(m.base + sizeof(ix_header));
  for (i = 0; i < m.hdr->nsections; i++) {
    const ix_section *s = &tab[i];
    if (s->offset <= m.size && s->size <= m.size - s->offset &&
        ix_crc(0, m.base + s->offset, (size_t)s->size) != s->crc) {
      problem(&c, "corrupt compiled index: the checksum of section %u does not match", s->id);
    }
  }
  if (c.count == 0) {
    check_records(&c, &m);
  }
  munmap((void *)m.base, m.size);
  return c.count;
}

static int sniff_index(const char *line, size_t n) {
  /* The magic's first line: its bytes before the newline. */
  return n == IX_MAGIC_LEN - 1 && !memcmp(line, IX_MAGIC, IX_MAGIC_LEN - 1);
}

const gz_loader gz_loader_index = {
    "index",
    "a gazmap compiled index (gazmap index)",
    0, /* never read whole: opened by its magic and mapped */
    sniff_index,
    NULL,
    IX_MAGIC,
    IX_MAGIC_LEN,
    open_index,
    check_index,
};
