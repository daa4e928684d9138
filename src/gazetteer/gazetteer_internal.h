/* Private: the gazetteer's storage, shared by the loaders (load_tsv.c,
 * load_geonames.c), the accessors (gazetteer.c), the id table (ids.c), the
 * name index (match/index.c) and nearest-place search (near.c). */
#ifndef GAZMAP_GAZETTEER_INTERNAL_H
#define GAZMAP_GAZETTEER_INTERNAL_H

#include "gazmap/fold.h"
#include "gazmap/gazetteer.h"

#include <stddef.h>
#include <stdint.h>

/* Hard limits: a gazmap TSV beyond these is a mistake, not a gazetteer. */
#define GZ_TSV_MAX_FILE (64u * 1024u * 1024u)
#define GZ_TSV_MAX_LINE (64u * 1024u)
#define GZ_GEONAMES_MAX_FILE (8ull * 1024u * 1024u * 1024u)
#define GZ_GEONAMES_MAX_LINE (1024u * 1024u)
/* Names longer than this are not indexed for matching (they stay listed). */
#define GZ_MAX_KEY 255

struct gazmap_place {
  const char *id;
  const char *name;
  const char *country;
  const char *district;
  const char *source;
  const char *tags;
  const char *note;
  double lat, lon;
  int64_t population;
  int64_t geonames_id;
  gazmap_name *names; /* set when loading finishes; until then see first_name */
  uint32_t first_name;
  uint32_t name_count;
  gazmap_kind kind;
  double importance;
  uint32_t src_line; /* line of the row in its file (TSV), for messages */
  uint16_t src_file; /* index into the gazetteer's files */
  uint8_t imported;  /* from a GeoNames layer (not curated) */
};

#include "util/arena.h"
#include "util/file.h"

typedef struct gz_index gz_index;
typedef struct gz_ids gz_ids;

struct gazmap_gazetteer {
  char *path;   /* the (first) file loaded, for messages (malloc) */
  char *buf;    /* file contents; most strings point into it (malloc) */
  /* A set of TSV files loaded as one gazetteer (gazmap_gazetteer_open_set):
   * the contents and paths of the files after the first, in load order;
   * places record their file as src_file (0 = `path`). */
  char **more_bufs, **more_paths;
  size_t nmore;
  char **altbufs; /* alternateNamesV2 contents (malloc each), naltbufs of them */
  size_t naltbufs;
  gz_arena arena;
  gazmap_place *places;
  size_t nplaces, cap_places;
  gazmap_name *names;
  uint32_t *name_place; /* place index of each name */
  size_t nnames, cap_names;
  gz_ids *ids;           /* place id -> place (ids.c), built at load */
  gazmap_folder *folder; /* built with the index, by the first lookup */
  /* The name index (match/index.c), built by the first lookup or scanner.
   * Whoever builds it registers its destructor here, so that the gazetteer
   * frees it without calling into match/. */
  gz_index *index;
  void (*index_free)(gz_index *ix);
  /* A layered gazetteer (layers.c) keeps the layers its strings point into;
   * their place and name arrays are freed once copied. */
  gazmap_gazetteer **layers;
  size_t nlayers;
  /* The area of the curated places (the bundled data's region), the
   * default region of interest of lookup's ranking. */
  int has_roi;
  double roi_lat0, roi_lat1, roi_lon0, roi_lon1;
  /* While a GeoNames layer loads: the import filters and progress callback
   * (NULL: keep every row, say nothing). */
  const gazmap_layers_opts *filter;
  /* A compiled index (load_index.c, doc/index.md): the mapped file.  Then
   * places[] and names[] are anonymous zero pages that gz_place() and
   * gz_name() fill from the file on first access, strings point into the
   * mapping, and name_place points into it. */
  struct gz_mapped *map;
  /* The gazetteer holds the bundled one (a compiled index records it). */
  int with_bundled;
};

/* load_index.c: fill place i (and its names) / name i of a mapped
 * gazetteer from the file. */
void gz_index_fill_place(gazmap_gazetteer *g, size_t i);
void gz_index_fill_name(gazmap_gazetteer *g, size_t i);

/* Place i (< nplaces) / name i (< nnames) of `g`: the one accessor of
 * internal code, which materialises it when `g` is a compiled index (an
 * unfilled place has a NULL id; every loaded place has one). */
static inline const gazmap_place *gz_place(const gazmap_gazetteer *g, size_t i) {
  if (!g->places[i].id) {
    gz_index_fill_place((gazmap_gazetteer *)g, i);
  }
  return &g->places[i];
}
static inline const gazmap_name *gz_name(const gazmap_gazetteer *g, size_t i) {
  if (!g->names[i].text) {
    gz_index_fill_name((gazmap_gazetteer *)g, i);
  }
  return &g->names[i];
}

/* The extents a compiled index holds for its places (4 doubles each, NaN
 * for none; gazetteer/extents.c) and the checksum of the shapes they were
 * read from, or NULL when `g` is not such an index. */
const double *gz_index_extents(const gazmap_gazetteer *g, uint32_t *shapes_crc);

/* Fills every place of a compiled index: for whole-gazetteer consumers
 * (list, the scanner's tables, stacking layers, writing an index).  A
 * no-op for other gazetteers. */
void gz_materialise_all(gazmap_gazetteer *g);

/* Unmaps a compiled index's file and arrays (gazmap_gazetteer_free). */
void gz_index_unmap(gazmap_gazetteer *g);
/* Unmaps only its place and name arrays, once stacking copied them: the
 * strings stay in the mapped file. */
void gz_index_drop_arrays(gazmap_gazetteer *g);

/* Whether `path` starts with the compiled index's magic (reads 8 bytes):
 * 1, 0, or a negative status when it cannot be opened. */
int gz_index_sniff(const char *path);

/* The bundled gazetteer from its compiled index `path` when that holds it
 * and matches the bundled files (their sizes and checksum); 0 with *out
 * set, or a negative status (then the caller loads the TSV files). */
int gz_index_open_bundled(gazmap_gazetteer **out, const char *path);

/* Whether the compiled index `g` holds the bundled gazetteer as it is now:
 * 1, 0 (it does not hold it), or a negative status naming the file when
 * the bundled files changed since it was built. */
int gz_index_bundled_current(const gazmap_gazetteer *g);

/* A new empty gazetteer (free with gazmap_gazetteer_free), or NULL. */
gazmap_gazetteer *gz_gazetteer_new(const char *path);

/* Makes room for at least `places` places and `names` names, so that big
 * files do not grow the arrays step by step.  Returns 0 or -1 (no memory). */
int gz_reserve(gazmap_gazetteer *g, size_t places, size_t names);

/* Appends a place / a name of the last place; return NULL when out of memory. */
gazmap_place *gz_add_place(gazmap_gazetteer *g);
gazmap_name *gz_add_name(gazmap_gazetteer *g, const char *text, const char *lang, unsigned flags);

/* Sets each place's names pointer and importance and builds the table of
 * place ids (the name index waits for the first lookup).  Called once by
 * every loader after the last place. */
int gz_gazetteer_finish(gazmap_gazetteer *g);

/* The end of every loader: when `rc` is not negative, finishes `g` and gives
 * it to *out; otherwise (or when finishing fails) frees it.  `g` may be NULL
 * (then only `rc` is returned).  Returns `rc` or the finishing error. */
int gz_gazetteer_hand_out(gazmap_gazetteer *g, int rc, gazmap_gazetteer **out);

/* Problem reporting shared by loading (stop at the first problem) and
 * checking (report each and go on). */
typedef struct gz_problems {
  const char *file;
  int defer_refs; /* district references are checked by the caller (sets) */
  gazmap_problem_fn report; /* NULL: loading mode */
  void *ud;
  int count;
  int first_code;
} gz_problems;

/* Records a problem; in loading mode records it as the last error.  Returns
 * nonzero when the caller must stop (loading mode). */
int gz_problem(gz_problems *pr, int code, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Checks a name's usage list ("SU=1923-1991;NKR", usage.c).  Returns 0, or
 * -1 with the reason written into `why` (at most `cap` bytes). */
int gz_usage_check(const char *s, char *why, size_t cap);

/* The path of the file place `p` came from. */
const char *gz_place_file(const gazmap_gazetteer *g, const gazmap_place *p);

/* Writes every kind name but "unknown", space-separated, into `buf` (at most
 * `cap` bytes, NUL-terminated), for messages; returns its length. */
size_t gz_kind_list(char *buf, size_t cap);

/* Parses a whole field as a non-negative integer of at most 18 digits (so it
 * cannot overflow).  0, or -1 when the field is empty or not such a number. */
int gz_parse_count(const char *s, int64_t *out);

/* Splits `line` at tabs into at most `max` fields (NUL-terminating each);
 * returns the number of fields found (which may exceed max: then the extra
 * ones are not stored). */
size_t gz_split_tabs(char *line, char **fields, size_t max);

/* Iterates over the lines of `buf`: returns the next line (NUL-terminated,
 * without CR/LF) and its length, advancing *pos; NULL at the end. */
char *gz_next_line(char *buf, size_t len, size_t *pos, size_t *linelen);

/* A set of strings that forgets everything in O(1) (nameset.c): the
 * GeoNames loaders use one per place to drop repeated names in linear time,
 * however many names a place has. */
typedef struct gz_nameset {
  struct gz_nameset_slot *slots;
  size_t mask, count;
  uint32_t gen;
} gz_nameset;

/* Forgets every string (and makes the first table).  0 or -1 (no memory). */
int gz_nameset_reset(gz_nameset *s);
/* Adds `text` with the value `value`.  Returns 1 when it was already there
 * (with its value in *found, when found is not NULL), 0 when added, -1 when
 * out of memory.  The set keeps the pointer, not a copy. */
int gz_nameset_add(gz_nameset *s, const char *text, uint32_t value, uint32_t *found);
/* 1 with its value in *value when `text` is in the set, else 0. */
int gz_nameset_get(const gz_nameset *s, const char *text, uint32_t *value);
void gz_nameset_free(gz_nameset *s);

/* Problems of district chains: a row naming itself as its district, and
 * chains that come back to where they started (d1 -> d2 -> d1).
 * `parent(ud, i)` is the index of place i's district or -1.  Places
 * first..g->nplaces-1 are walked; each cycle is reported once, at the row
 * of its first place.  Returns nonzero when the caller must stop. */
int gz_check_district_cycles(const gazmap_gazetteer *g, size_t first, gz_problems *pr,
                             long (*parent)(void *ud, size_t i), void *ud);

/* The first NUL byte of a line (n bytes), or n: a NUL cuts a line short
 * for every string function, so the loaders refuse it by name. */
size_t gz_nul_at(const char *line, size_t n);

/* Joins an alternateNamesV2 table to the GeoNames places of `g` by id, in
 * one pass (load_geonames.c); `g` keeps the file's contents.  Works on a
 * finished gazetteer too.  0 or a negative gazmap_status. */
int gz_geonames_add_altnames(gazmap_gazetteer *g, const char *altnames_path);

/* Opens `path` by its content, as gazmap_gazetteer_open does, with the
 * import filters and progress of `filter` (may be NULL) applied while a
 * GeoNames file loads (gazetteer.c). */
int gz_open_filtered(gazmap_gazetteer **out, const char *path, const gazmap_layers_opts *filter);

/* Sets the gazetteer's region of interest from its curated places
 * (layers.c). */
void gz_set_roi(gazmap_gazetteer *g);

/* ids.c: the table of place ids (built by gz_gazetteer_finish, sets
 * g->ids), and freeing it. */
int gz_ids_build(gazmap_gazetteer *g);
void gz_ids_free(gz_ids *ids);
/* The id table of a compiled index, read in place (g->map set): 0, or
 * GAZMAP_ENOMEM / GAZMAP_EPARSE (no message set). */
int gz_ids_map(gazmap_gazetteer *g);
/* The id table itself, for the writer of a compiled index. */
const struct gz_hashtab *gz_ids_table(const gazmap_gazetteer *g);

#endif
