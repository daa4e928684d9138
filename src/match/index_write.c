/* gazmap_index_write: a gazetteer and its name index, compiled into one file
 * that load_index.c maps and uses in place (gazetteer/index_format.h,
 * doc/index.md).
 *
 * It lives in match/ because what it writes is mostly the name index of
 * match/index.c, built as every lookup builds it (with its fuzzy and prefix
 * parts), then written out as it is: the same hash table slots and chains,
 * the keys moved into a string pool.  A lookup in the file is therefore the
 * lookup of the loaded gazetteer, by construction.  The file is assembled in
 * memory and written through the output policy's atomic writer, so that a
 * reader never sees half an index. */
#include "match/layers.h"

#include "gazmap/data.h"
#include "gazmap/frame.h"

#include "gazetteer/extents.h"
#include "gazetteer/index_format.h"
#include "util/error.h"
#include "util/file.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- the string pool --------------------------------------------------- */

typedef struct pool {
  char *buf;
  size_t len, cap;
  gz_nameset set; /* string -> offset, so that each string is stored once */
  int failed;     /* out of memory, or over 4 GiB */
} pool;

/* The offset of `s` in the pool, adding it the first time; 0 ("") on
 * failure, with p->failed set.  The set keeps `s` itself: strings of the
 * gazetteer outlive the pool. */
static uint32_t pool_add(pool *p, const char *s) {
  uint32_t off = (uint32_t)p->len, found;
  size_t n;
  int had;
  if (!*s || p->failed) {
    return 0;
  }
  had = gz_nameset_add(&p->set, s, off, &found);
  if (had) {
    return had > 0 ? found : (p->failed = 1, 0u);
  }
  n = strlen(s) + 1;
  if (p->len + n > UINT32_MAX) {
    p->failed = 1;
    return 0;
  }
  if (p->len + n > p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 1u << 16;
    char *nb;
    while (cap < p->len + n) {
      cap *= 2;
    }
    if (!(nb = realloc(p->buf, cap))) {
      p->failed = 1;
      return 0;
    }
    p->buf = nb;
    p->cap = cap;
  }
  memcpy(p->buf + p->len, s, n);
  p->len += n;
  return off;
}

/* ---- sections ----------------------------------------------------------- */

typedef struct section {
  uint32_t id;
  void *data; /* owned when `own` */
  const void *borrowed;
  size_t size;
} section;

typedef struct writer {
  section sec[IX_S_COUNT_];
  size_t nsec;
  int failed;
} writer;

/* Adds a section of `size` bytes: zeroed and owned (returned) when `from`
 * is NULL, else a view of `from`.  NULL when out of memory. */
static void *add_section(writer *w, uint32_t id, const void *from, size_t size) {
  section *s = &w->sec[w->nsec++];
  s->id = id;
  s->size = size;
  if (from) {
    s->borrowed = from;
    return (void *)from;
  }
  s->data = calloc(size ? size : 1, 1);
  if (!s->data) {
    w->failed = 1;
  }
  s->borrowed = s->data;
  return s->data;
}

/* A hash table as a section: its slots, then its chains. */
static void add_table(writer *w, uint32_t id, const gz_hashtab *t) {
  size_t slots = (t->mask + 1) * sizeof *t->slots;
  unsigned char *d = add_section(w, id, NULL, slots + t->n * 4);
  if (d) {
    memcpy(d, t->slots, slots);
    memcpy(d + slots, t->next, t->n * 4);
  }
}

/* Pool offsets of the keys of `src` for entries 0..n-1. */
static void add_keys(writer *w, pool *p, uint32_t id, gz_keysrc src, size_t n) {
  uint32_t *d = add_section(w, id, NULL, n * 4);
  size_t i;
  for (i = 0; d && i < n; i++) {
    d[i] = pool_add(p, gz_key_at(src, (uint32_t)i));
  }
}

/* The grid of `near`: places by cell (counting sort, stable by place),
 * and the cells that hold any. */
static void add_grid(writer *w, const gazmap_gazetteer *g) {
  ix_cell_entry *e = add_section(w, IX_S_GRID, NULL, g->nplaces * sizeof *e);
  uint32_t *start = calloc(IX_GRID_CELLS + 1, sizeof *start), *fill = NULL;
  ix_cell *cells;
  size_t i, nonempty = 0;
  if (!start || !e || !(fill = calloc(IX_GRID_CELLS, sizeof *fill))) {
    free(start);
    w->failed = 1;
    return;
  }
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    start[ix_cell_row(p->lat) * IX_GRID_COLS + ix_cell_col(p->lon) + 1]++;
  }
  for (i = 1; i <= IX_GRID_CELLS; i++) {
    start[i] += start[i - 1];
  }
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    size_t c = ix_cell_row(p->lat) * IX_GRID_COLS + ix_cell_col(p->lon);
    ix_cell_entry *x = &e[start[c] + fill[c]++];
    x->lat = p->lat;
    x->lon = p->lon;
    x->place = (uint32_t)i;
    x->kind = (uint32_t)p->kind;
  }
  for (i = 0; i < IX_GRID_CELLS; i++) {
    nonempty += start[i + 1] > start[i];
  }
  cells = add_section(w, IX_S_GRID_START, NULL, (nonempty + 1) * sizeof *cells);
  for (i = 0, nonempty = 0; cells && i < IX_GRID_CELLS; i++) {
    if (start[i + 1] > start[i]) {
      cells[nonempty].cell = (uint32_t)i;
      cells[nonempty++].start = start[i];
    }
  }
  if (cells) {
    cells[nonempty].cell = IX_GRID_CELLS;
    cells[nonempty].start = (uint32_t)g->nplaces;
  }
  free(start);
  free(fill);
}

/* Every place's extent from the bundled shapes (gazmap_extents_open with
 * no directory, as `lookup --json` asks for them), and their checksum in
 * the header, so that a command using the index alone reads no shape.
 * Without shapes or shapelib the index holds none, and the commands read
 * the shapes as they would without an index. */
static void add_extents(writer *w, const gazmap_gazetteer *g, ix_header *h) {
  gazmap_extents *ex = NULL;
  char *dir = gazmap_data_path("shapes");
  uint32_t crc;
  double *d;
  size_t i;
  if (!dir || gz_extent_shapes_crc(dir, &crc) < 0 || gazmap_extents_open(&ex, g, NULL) < 0) {
    free(dir);
    gazmap_error_clear();
    return;
  }
  free(dir);
  if ((d = add_section(w, IX_S_EXTENTS, NULL, g->nplaces * 4 * sizeof *d))) {
    for (i = 0; i < g->nplaces; i++) {
      if (!gazmap_place_extent(ex, &g->places[i], d + 4 * i)) {
        d[4 * i] = d[4 * i + 1] = d[4 * i + 2] = d[4 * i + 3] = NAN;
      }
    }
    h->flags |= IX_F_EXTENTS;
    h->shapes_crc = crc;
  }
  gazmap_extents_free(ex);
}

/* Places and names, their strings into the pool. */
static void add_places(writer *w, pool *p, gazmap_gazetteer *g, const char *path,
                       const gazmap_index_opts *o) {
  ix_place *pl = add_section(w, IX_S_PLACES, NULL, g->nplaces * sizeof *pl);
  ix_name *nm = add_section(w, IX_S_NAMES, NULL, g->nnames * sizeof *nm);
  size_t i;
  if (!pl || !nm) {
    return;
  }
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *s = &g->places[i];
    ix_place *d = &pl[i];
#define POOL(member) d->member = pool_add(p, s->member);
#define COPY(member) d->member = s->member;
    d->id = pool_add(p, s->id);
    IX_PLACE_STRINGS(POOL)
    IX_PLACE_VALUES(COPY)
    d->first_name = (uint32_t)(s->names - g->names);
    d->name_count = s->name_count;
    d->kind = (uint32_t)s->kind;
    d->imported = s->imported;
    if (o->progress && (i & 0xFFFF) == 0 && i > 0) {
      o->progress(o->progress_ud, path, i, i, g->nplaces);
    }
  }
  for (i = 0; i < g->nnames; i++) {
    const gazmap_name *s = &g->names[i];
    ix_name *d = &nm[i];
    d->text = pool_add(p, s->text);
    IX_NAME_STRINGS(POOL)
    d->flags = s->flags;
  }
#undef POOL
#undef COPY
}

/* Lays the sections out after the header and table, into one buffer. */
static unsigned char *assemble(writer *w, ix_header *h, size_t *total) {
  size_t tab = sizeof *h + w->nsec * sizeof(ix_section), off = (tab + 7) & ~(size_t)7, i;
  ix_section *st;
  unsigned char *buf;
  for (i = 0; i < w->nsec; i++) {
    off = ((off + 7) & ~(size_t)7) + w->sec[i].size;
  }
  *total = (off + 7) & ~(size_t)7;
  if (!(buf = calloc(*total, 1))) {
    return NULL;
  }
  st = (ix_section *)(buf + sizeof *h);
  off = (tab + 7) & ~(size_t)7;
  for (i = 0; i < w->nsec; i++) {
    off = (off + 7) & ~(size_t)7;
    st[i].id = w->sec[i].id;
    st[i].offset = off;
    st[i].size = w->sec[i].size;
    memcpy(buf + off, w->sec[i].borrowed, w->sec[i].size);
    st[i].crc = ix_crc(0, buf + off, w->sec[i].size);
    off += w->sec[i].size;
  }
  h->nsections = (uint32_t)w->nsec;
  h->file_size = *total;
  h->header_crc = 0;
  h->header_crc = ix_crc(ix_crc(0, h, sizeof *h), st, w->nsec * sizeof *st);
  memcpy(buf, h, sizeof *h);
  return buf;
}

int gazmap_index_write(gazmap_gazetteer *g, const char *path, const gazmap_index_opts *opts) {
  static const gazmap_index_opts defaults = GAZMAP_INDEX_OPTS_INIT;
  const gazmap_index_opts *o = opts && opts->version >= 1 ? opts : &defaults;
  writer w;
  pool p;
  ix_header h;
  gz_index *ix;
  unsigned char *buf = NULL;
  size_t total = 0, i;
  const uint32_t one = 1;
  unsigned char little;
  int rc;

  memcpy(&little, &one, 1);
  if (little != 1) {
    return gz_fail(GAZMAP_EINVAL, path, 0, "compiled indexes need a little-endian machine");
  }
  if (g->nplaces >= UINT32_MAX || g->nnames >= UINT32_MAX) {
    return gz_fail(GAZMAP_ERANGE, path, 0, "%zu places, %zu names: too many for an index",
                   g->nplaces, g->nnames);
  }
  gz_materialise_all(g);
  if ((rc = gz_index_get(g, &ix)) < 0 || (rc = gz_fuzzy_ready(g)) < 0 ||
      (rc = gz_prefix_ready(g)) < 0) {
    return rc;
  }
  memset(&w, 0, sizeof w);
  memset(&p, 0, sizeof p);
  memset(&h, 0, sizeof h);
  /* Offset 0 is "": the pool opens with its NUL. */
  if (gz_nameset_reset(&p.set) < 0 || !(p.buf = malloc(1u << 16))) {
    p.failed = 1;
  } else {
    p.cap = 1u << 16;
    p.buf[0] = '\0';
    p.len = 1;
  }
  add_places(&w, &p, g, path, o);
  add_section(&w, IX_S_NAME_PLACE, g->name_place, g->nnames * 4);
  add_section(&w, IX_S_FOLD_LEN, ix->fold_len, g->nnames * 2);
  add_keys(&w, &p, IX_S_FOLD_OFF, ix->fold_src, g->nnames);
  add_keys(&w, &p, IX_S_SKEL_OFF, ix->skel_src, g->nnames);
  add_table(&w, IX_S_HT_EXACT, &ix->exact);
  add_table(&w, IX_S_HT_FOLDED, &ix->folded);
  add_table(&w, IX_S_HT_SKEL, &ix->skel);
  add_table(&w, IX_S_HT_ALIAS_FOLDED, &ix->alias_folded);
  add_table(&w, IX_S_HT_ALIAS_SKEL, &ix->alias_skel);
  add_table(&w, IX_S_HT_IDS, gz_ids_table(g));
  add_section(&w, IX_S_ALIAS_NAME, ix->alias_name, ix->nalias * 4);
  add_keys(&w, &p, IX_S_ALIAS_FOLD_OFF, ix->alias_fold_src, ix->nalias);
  add_keys(&w, &p, IX_S_ALIAS_SKEL_OFF, ix->alias_skel_src, ix->nalias);
  add_section(&w, IX_S_ALIAS_LEN, ix->alias_len, ix->nalias * 2);
  add_section(&w, IX_S_PREFIX, ix->sorted, ix->nsorted * 4);
  add_section(&w, IX_S_FUZZY, ix->del, ix->ndel * 8);
  add_grid(&w, g);
  add_extents(&w, g, &h);
  /* The pool last: every string above is in it now. */
  add_section(&w, IX_S_STRS, p.buf, p.len);
  if (w.failed || p.failed) {
    rc = gz_fail(p.failed && p.len + 1 >= UINT32_MAX ? GAZMAP_ERANGE : GAZMAP_ENOMEM, path, 0,
                 p.failed && p.len + 1 >= UINT32_MAX ? "the index's strings exceed 4 GiB"
                                                     : "out of memory building the index");
    goto done;
  }
  memcpy(h.magic, IX_MAGIC, IX_MAGIC_LEN);
  h.version = IX_VERSION;
  h.endian = IX_ENDIAN;
  h.header_size = sizeof h;
  h.nplaces = g->nplaces;
  h.nnames = g->nnames;
  h.nalias = ix->nalias;
  if (g->with_bundled) {
    h.flags |= IX_F_BUNDLED;
    if ((rc = ix_bundled_stamp(&h.bundled_files, &h.bundled_bytes, &h.bundled_crc)) < 0) {
      goto done;
    }
  }
  h.has_roi = (uint32_t)g->has_roi;
  h.roi[0] = g->roi_lat0;
  h.roi[1] = g->roi_lat1;
  h.roi[2] = g->roi_lon0;
  h.roi[3] = g->roi_lon1;
  if (!(buf = assemble(&w, &h, &total))) {
    rc = gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory building the index");
    goto done;
  }
  rc = gz_write_atomic(path, buf, total);
  if (rc >= 0 && o->progress) {
    o->progress(o->progress_ud, path, g->nplaces, g->nplaces, g->nplaces);
  }
done:
  for (i = 0; i < w.nsec; i++) {
    free(w.sec[i].data);
  }
  free(buf);
  free(p.buf);
  gz_nameset_free(&p.set);
  return rc < 0 ? rc : 0;
}
