/* Private: the layout of a compiled gazetteer index (`gazmap index`,
 * doc/index.md), shared by its writer (index_write.c), its loader and
 * checker (load_index.c) and the name index that reads it in place
 * (match/index.c).
 *
 * The file is made to be mmap()ed read-only and used where it lies: a
 * header, a table of sections, then the sections, each 8-byte aligned.
 * Nothing in it is a pointer: strings are offsets into one pool (offset 0
 * is ""), records have a fixed size, and tables hold entry numbers.  The
 * records are in the byte order the header states, which is little-endian
 * (gazmap refuses to build or read one on a big-endian machine). */
#ifndef GAZMAP_GAZETTEER_INDEX_FORMAT_H
#define GAZMAP_GAZETTEER_INDEX_FORMAT_H

#include "gazetteer/gazetteer_internal.h"
#include "util/hashtab.h"

#include <stddef.h>
#include <stdint.h>

/* A byte above 0x7F first, as PNG does, so that no text format's sniffer
 * takes the file, and a transfer that mangles line ends shows. */
#define IX_MAGIC "\x89GZMIDX\n"
#define IX_MAGIC_LEN 8
#define IX_VERSION 1
#define IX_ENDIAN 0x01020304u
#define IX_MAX_SECTIONS 64

/* The index holds the bundled gazetteer (it was built without
 * --no-bundled), whose files' sizes and checksum the header keeps. */
#define IX_F_BUNDLED 1u
/* The index holds each place's extent (IX_S_EXTENTS), read from the
 * bundled shapes whose checksum the header keeps (shapes_crc). */
#define IX_F_EXTENTS 2u

typedef struct ix_header {
  char magic[IX_MAGIC_LEN];
  uint32_t version;     /* IX_VERSION */
  uint32_t endian;      /* IX_ENDIAN as the builder wrote it */
  uint32_t header_size; /* sizeof(ix_header) */
  uint32_t nsections;
  uint64_t file_size;
  uint32_t header_crc;  /* CRC-32 of this header (with this field 0) and the section table */
  uint32_t flags;       /* IX_F_* */
  uint64_t nplaces, nnames, nalias;
  uint64_t bundled_bytes; /* IX_F_BUNDLED: total size of the bundled files */
  uint32_t bundled_files; /* ... their number */
  uint32_t bundled_crc;   /* ... and the CRC-32 of their contents in order */
  uint32_t has_roi;       /* the region of interest of lookup's ranking */
  uint32_t shapes_crc;    /* IX_F_EXTENTS: gz_extent_shapes_crc() of the shapes read */
  double roi[4];          /* lat0, lat1, lon0, lon1 */
} ix_header;

typedef struct ix_section {
  uint32_t id;  /* IX_S_* */
  uint32_t crc; /* CRC-32 of the section's bytes (checked by gazmap check) */
  uint64_t offset, size;
} ix_section;

enum ix_section_id {
  IX_S_STRS = 1,        /* the string pool: NUL-terminated strings, first and last byte NUL */
  IX_S_PLACES,          /* ix_place[nplaces] */
  IX_S_NAMES,           /* ix_name[nnames] */
  IX_S_NAME_PLACE,      /* uint32_t[nnames]: place of each name */
  IX_S_FOLD_LEN,        /* uint16_t[nnames]: folded key length, 0 = not indexed */
  IX_S_FOLD_OFF,        /* uint32_t[nnames]: folded key of each name (pool) */
  IX_S_SKEL_OFF,        /* uint32_t[nnames]: skeleton of each name (pool) */
  IX_S_HT_EXACT,        /* hash tables: gz_hashtab_slot[cap] then uint32_t next[n] */
  IX_S_HT_FOLDED,
  IX_S_HT_SKEL,
  IX_S_HT_ALIAS_FOLDED, /* n = nalias */
  IX_S_HT_ALIAS_SKEL,
  IX_S_HT_IDS,          /* n = nplaces, keyed by the places' ids */
  IX_S_ALIAS_NAME,      /* uint32_t[nalias]: the name an alias stands for */
  IX_S_ALIAS_FOLD_OFF,  /* uint32_t[nalias] (pool) */
  IX_S_ALIAS_SKEL_OFF,  /* uint32_t[nalias] (pool) */
  IX_S_ALIAS_LEN,       /* uint16_t[nalias] */
  IX_S_PREFIX,          /* uint32_t[]: names with a folded key, sorted by it */
  IX_S_FUZZY,           /* uint64_t[]: (deletion hash << 32) | name, sorted (match/fuzzy.c) */
  IX_S_GRID_START,      /* ix_cell[]: the cells that hold places, then {IX_GRID_CELLS, nplaces} */
  IX_S_GRID,            /* ix_cell_entry[nplaces], by cell, then place */
  /* Optional, added in a minor revision of format 1 (a reader skips a
   * section it does not know, and one without it reads the shapes): */
  IX_S_EXTENTS,         /* double[4 * nplaces]: lon_min, lat_min, lon_max, lat_max; NaN: none */
  IX_S_COUNT_           /* one more than the last id */
};

typedef struct ix_place {
  uint32_t id, name, country, district, source, tags, note; /* pool offsets */
  uint32_t first_name, name_count;
  uint32_t kind;
  double lat, lon;
  int64_t population, geonames_id;
  double importance;
  uint32_t src_line;
  uint8_t imported;
  uint8_t pad[3];
} ix_place;

typedef struct ix_name {
  uint32_t text, lang, usage; /* pool offsets */
  uint32_t flags;
} ix_name;

/* The members a record shares, by name and meaning, with gazmap_place or
 * gazmap_name, listed once for the writer (index_write.c) and the loader
 * (load_index.c): X(member) each.  The strings are pool offsets in the
 * record; the values are copied as they are.  Left to each side: the id
 * and a name's text (the loader reads them last: they mark a record as
 * filled, and the writer pools them first), the kind and the imported flag
 * (checked or narrowed on the way in), the range of a place's names
 * (checked) and a name's flags. */
#define IX_PLACE_STRINGS(X) X(name) X(country) X(district) X(source) X(tags) X(note)
#define IX_PLACE_VALUES(X) X(lat) X(lon) X(population) X(geonames_id) X(importance) X(src_line)
#define IX_NAME_STRINGS(X) X(lang) X(usage)

/* The spatial grid of `near`: cells of one degree, row-major from the
 * south-west corner, each place in the cell of its point. */
#define IX_GRID_ROWS 180
#define IX_GRID_COLS 360
#define IX_GRID_CELLS (IX_GRID_ROWS * IX_GRID_COLS)

/* A cell that holds places, and its first entry; the next cell's start
 * ends it.  Only such cells are listed (binary searched), so that a small
 * index carries no table of empty cells. */
typedef struct ix_cell {
  uint32_t cell, start;
} ix_cell;

typedef struct ix_cell_entry {
  double lat, lon;
  uint32_t place, kind;
} ix_cell_entry;

_Static_assert(sizeof(ix_header) == 120, "ix_header layout");
_Static_assert(sizeof(ix_section) == 24, "ix_section layout");
_Static_assert(sizeof(ix_place) == 88, "ix_place layout");
_Static_assert(sizeof(ix_name) == 16, "ix_name layout");
_Static_assert(sizeof(ix_cell_entry) == 24, "ix_cell_entry layout");
_Static_assert(sizeof(gz_hashtab_slot) == 8, "hash table slot layout");

/* The grid cell of a point (coordinates were validated by the loaders). */
static inline uint32_t ix_cell_row(double lat) {
  int r = (int)(lat + 90.0);
  return (uint32_t)(r < 0 ? 0 : r >= IX_GRID_ROWS ? IX_GRID_ROWS - 1 : r);
}
static inline uint32_t ix_cell_col(double lon) {
  int c = (int)(lon + 180.0);
  return (uint32_t)(c < 0 ? 0 : c >= IX_GRID_COLS ? IX_GRID_COLS - 1 : c);
}

/* A mapped index (load_index.c): the file, and where its sections are. */
typedef struct gz_mapped {
  const unsigned char *base;
  size_t size;
  const ix_header *hdr;
  const void *sec[IX_S_COUNT_];
  size_t sec_size[IX_S_COUNT_];
  const char *pool;
  size_t pool_len;
  size_t places_bytes, names_bytes; /* of the anonymous place and name arrays */
} gz_mapped;

/* The bytes of section `id` of `m` (NULL and 0 when absent). */
static inline const void *ix_sec(const gz_mapped *m, int id, size_t *size) {
  if (size) {
    *size = m->sec_size[id];
  }
  return m->sec[id];
}

/* Where a mapped table's keys are: a uint32_t pool offset at base +
 * id * stride + offset. */
static inline gz_keysrc ix_keys(const gz_mapped *m, const void *base, size_t stride,
                                size_t offset) {
  gz_keysrc src = {base, stride, offset, m->pool, m->pool_len};
  return src;
}

/* Attaches a mapped hash table section (slots then next[n]) to `t`, which
 * then borrows the mapping.  0, or -1 when the section's size does not fit
 * n entries and a power-of-two number of slots. */
int ix_hashtab_attach(gz_hashtab *t, const gz_mapped *m, int id, size_t n);

/* CRC-32 (ISA-L) of `len` bytes, continuing from `crc` (0 to start). */
uint32_t ix_crc(uint32_t crc, const void *data, size_t len);

/* The bundled gazetteer's files as the index header records them: their
 * number, total size and the CRC-32 of their contents in order.  0 or a
 * negative status. */
int ix_bundled_stamp(uint32_t *files, uint64_t *bytes, uint32_t *crc);

#endif
