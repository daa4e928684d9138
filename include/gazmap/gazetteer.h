/* gazmap/gazetteer.h - places, their names, and lookup by any name.
 *
 * A gazetteer is loaded once (gazmap's TSV, or a GeoNames dump) and is then
 * read-only, except that lookups reuse internal scratch space (and the first
 * lookup builds the name index): one gazetteer must not be queried from two
 * threads at once. */
#ifndef GAZMAP_GAZETTEER_H
#define GAZMAP_GAZETTEER_H

#include "gazmap/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gazmap_gazetteer gazmap_gazetteer;
typedef struct gazmap_place gazmap_place;

typedef enum gazmap_kind {
  GAZMAP_KIND_UNKNOWN = 0,
  GAZMAP_KIND_COUNTRY,
  GAZMAP_KIND_REGION,
  GAZMAP_KIND_DISTRICT,
  GAZMAP_KIND_CITY,
  GAZMAP_KIND_TOWN,
  GAZMAP_KIND_VILLAGE,
  GAZMAP_KIND_PASS,
  GAZMAP_KIND_RIVER,
  GAZMAP_KIND_LAKE,
  GAZMAP_KIND_CORRIDOR,
  GAZMAP_KIND_ROUTE,
  GAZMAP_KIND_SITE,     /* a facility or point of interest (monitoring centre) */
  GAZMAP_KIND_WAYPOINT, /* a vertex for lines, not a place of its own */
  GAZMAP_KIND_MOUNTAIN,  /* a peak or a massif */
  GAZMAP_KIND_RANGE,     /* a mountain range (a representative point) */
  GAZMAP_KIND_PLATEAU,
  GAZMAP_KIND_RESERVOIR,
  GAZMAP_KIND_CROSSING,  /* a border crossing or checkpoint */
  GAZMAP_KIND_AIRPORT,
  GAZMAP_KIND_STATION,   /* a railway station */
  GAZMAP_KIND_COUNT_
} gazmap_kind;

/* "country", "town", ... and back; unknown words give GAZMAP_KIND_UNKNOWN. */
GAZMAP_EXTERN const char *gazmap_kind_name(gazmap_kind k);
GAZMAP_EXTERN gazmap_kind gazmap_kind_parse(const char *word);

/* Flags of one name of a place. */
enum {
  GAZMAP_NAME_HISTORICAL = 1u << 0, /* no longer official (Stepanakert for Khankendi in az usage...) */
  GAZMAP_NAME_UNOFFICIAL = 1u << 1, /* used by one side or colloquially */
  GAZMAP_NAME_ABBREV = 1u << 2      /* an abbreviation or code (NK) */
};

typedef struct gazmap_name {
  const char *text; /* UTF-8 as written in the data */
  const char *lang; /* BCP 47-ish tag: "en", "az", "hy", "hy-Latn", "ru" ... */
  unsigned flags;   /* GAZMAP_NAME_* */
  /* Who uses or used the name, and when, as written in the data: users
   * separated by ';', each a code with an optional period, "SU=1923-1991;NKR"
   * (data/README.md lists the codes); "" when the data does not say.
   * gazmap_name_usage() puts it into words. */
  const char *usage;
} gazmap_name;

/* Describes who uses or used `n` and when, in English, into `buf` (at most
 * `cap` bytes, always NUL-terminated when cap > 0): "official in the Soviet
 * period (1923-1991); used by the Armenian authorities of Karabakh
 * (1991-2023); common in the media".  Returns the length the whole
 * description needs (like snprintf), 0 when the data says nothing. */
GAZMAP_EXTERN size_t gazmap_name_usage(const gazmap_name *n, char *buf, size_t cap);

/* ---- loading ---------------------------------------------------------- */

/* Loads gazmap's own TSV format (see data/README.md).  On failure returns a
 * negative code; gazmap_error_last() names file, line and reason.
 * Free with gazmap_gazetteer_free(). */
GAZMAP_EXTERN int gazmap_gazetteer_load_tsv(gazmap_gazetteer **out, const char *path);

/* Loads a GeoNames `geoname` table dump, and the `alternateNamesV2` table from
 * `altnames_path` when that is not NULL.  Places get the id "gn-<geonameid>"
 * and a kind from the feature class and code; names without a language from
 * the alternate names have the language "und". */
GAZMAP_EXTERN int gazmap_gazetteer_load_geonames(gazmap_gazetteer **out, const char *path,
                                   const char *altnames_path);

/* Loads `path`, choosing the format from its content (gazmap TSV header or
 * GeoNames rows).  A NULL path loads the bundled gazetteer: the set of
 * gazmap_gazetteer_bundled_files(), as gazmap_gazetteer_open_set does. */
GAZMAP_EXTERN int gazmap_gazetteer_open(gazmap_gazetteer **out, const char *path);

GAZMAP_EXTERN void gazmap_gazetteer_free(gazmap_gazetteer *g);

/* Checks a gazetteer file without keeping it: calls `report` once per problem
 * (file, line, message) and returns the number of problems (>= 0), or a
 * negative code when the file cannot be read at all.  A NULL path checks the
 * bundled set (gazmap_gazetteer_bundled_files). */
typedef void (*gazmap_problem_fn)(void *ud, const char *file, unsigned long line,
                                  const char *message);
GAZMAP_EXTERN int gazmap_gazetteer_check(const char *path, gazmap_problem_fn report, void *ud);

/* Loads `n` gazmap TSV files (paths[0] first) as one gazetteer: one namespace
 * of ids, so a row's district may be a row of another file, and an id given
 * twice across the files is an error naming both places.  The bundled data
 * is such a set (data/gazetteer.tsv and data/region/ *.tsv).  Returns 0 or a
 * negative gazmap_status with the file and line in gazmap_error_last(). */
GAZMAP_EXTERN int gazmap_gazetteer_open_set(gazmap_gazetteer **out, const char *const *paths,
                                            size_t n);
/* Like gazmap_gazetteer_check, for a set of files; problems name their file. */
GAZMAP_EXTERN int gazmap_gazetteer_check_set(const char *const *paths, size_t n,
                                             gazmap_problem_fn report, void *ud);

/* The files of the bundled gazetteer: gazetteer.tsv of the data directory
 * (gazmap_data_dir), then every region/ *.tsv there (not hidden ones), in
 * byte order of their names, so that every installation loads the same set
 * in the same order.  A data directory without region/ gives gazetteer.tsv
 * alone.  Sets *paths to an array of *n strings the caller frees with
 * gazmap_gazetteer_files_free(); returns 0 or a negative gazmap_status. */
GAZMAP_EXTERN int gazmap_gazetteer_bundled_files(char ***paths, size_t *n);
GAZMAP_EXTERN void gazmap_gazetteer_files_free(char **paths, size_t n);

/* ---- layers ------------------------------------------------------------ */

/* GeoNames feature classes an import may be limited to (bits of
 * gazmap_import_opts.classes); each maps onto gazmap kinds as doc/data.md
 * says (P: city, town, village; A: country, region, district; H: river,
 * lake; T: pass, mountain, site; R: route). */
enum {
  GAZMAP_CLASS_POPULATED = 1u << 0, /* P */
  GAZMAP_CLASS_ADMIN = 1u << 1,     /* A */
  GAZMAP_CLASS_HYDRO = 1u << 2,     /* H */
  GAZMAP_CLASS_TERRAIN = 1u << 3,   /* T */
  GAZMAP_CLASS_ROADS = 1u << 4,     /* R */
  GAZMAP_CLASS_OTHER = 1u << 5      /* S, L, U, V and anything else */
};

/* Parses "P,A", "populated,administrative" (or a mix) into GAZMAP_CLASS_
 * bits, OR-ing into *classes.  Returns 0, or -1 naming the first unknown
 * word in gazmap_error_last(). */
GAZMAP_EXTERN int gazmap_class_parse(const char *list, unsigned *classes);

/* 1 when the country code `cc` is one of the comma list `list` ("AZ" or
 * "AZ,AM,GE"), else 0. */
GAZMAP_EXTERN int gazmap_country_in_list(const char *list, const char *cc);

/* Progress of a long load: called every few hundred thousand rows with the
 * file, the rows read so far, and the bytes read and total, so that a caller
 * can print a rate and an estimate.  The library itself never prints. */
typedef void (*gazmap_progress_fn)(void *ud, const char *file, uint64_t rows, uint64_t done,
                                   uint64_t total);

/* How gazmap_gazetteer_open_layers builds a layered gazetteer. */
typedef struct gazmap_layers_opts {
  unsigned version;          /* GAZMAP_LAYERS_OPTS_VERSION */
  int no_bundled;            /* 1: leave out the bundled gazetteer */
  const char *const *files;  /* layers below the bundled one, highest first */
  size_t nfiles;
  const char *const *altnames; /* alternateNamesV2 tables, joined by id to every
                                  GeoNames layer */
  size_t naltnames;
  const char *countries;   /* "AZ,AM,GE": keep only imported places of these, or NULL */
  unsigned classes;        /* GAZMAP_CLASS_* bits of imported places to keep; 0 = all */
  int64_t min_population;  /* keep imported places with at least this many people; 0 = all */
  double merge_km;         /* same name this close merges into a curated row; 0 = 5 km */
  gazmap_progress_fn progress; /* or NULL */
  void *progress_ud;
} gazmap_layers_opts;

#define GAZMAP_LAYERS_OPTS_VERSION 1
#define GAZMAP_LAYERS_OPTS_INIT {GAZMAP_LAYERS_OPTS_VERSION, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0.0, NULL, NULL}

/* Loads the bundled gazetteer (unless no_bundled) and every file of `o`
 * (gazmap TSV, a GeoNames dump, or a compiled index, told apart by their
 * content) as layers of one gazetteer, searched together.  Rows of gazmap
 * TSV files are curated; GeoNames rows are imported, limited by the
 * country, class and population filters.  An imported place with the
 * GeoNames id of a place of a higher layer, or with a name of a curated
 * place within merge_km of it, is merged into that place (its names are
 * added to it) instead of being listed twice; a later row with an id a
 * higher layer has is merged the same way.  With no files and the bundled
 * gazetteer, this is gazmap_gazetteer_open(out, NULL).  Returns 0 or a
 * negative gazmap_status with file and line in gazmap_error_last(); free
 * with gazmap_gazetteer_free(). */
GAZMAP_EXTERN int gazmap_gazetteer_open_layers(gazmap_gazetteer **out,
                                               const gazmap_layers_opts *o);

/* ---- compiled index (doc/index.md) -------------------------------------- */

/* How gazmap_index_write writes. */
typedef struct gazmap_index_opts {
  unsigned version;            /* GAZMAP_INDEX_OPTS_VERSION */
  gazmap_progress_fn progress; /* or NULL: called while places are written */
  void *progress_ud;
} gazmap_index_opts;

#define GAZMAP_INDEX_OPTS_VERSION 1
#define GAZMAP_INDEX_OPTS_INIT {GAZMAP_INDEX_OPTS_VERSION, NULL, NULL}

/* Compiles `g` (any gazetteer: layered, a dump, an index) with its name
 * index into one file at `path`, which gazmap_gazetteer_open and every
 * layer option then read in place (memory-mapped, checked by its header's
 * checksum; gazmap_gazetteer_check verifies all of it).  Written through
 * the output policy (doc/output.md): atomically, "-" is standard output.
 * Builds g's name index if no lookup has yet.  `opts` may be NULL.
 * Returns 0 or a negative gazmap_status with the reason in
 * gazmap_error_last(). */
GAZMAP_EXTERN int gazmap_index_write(gazmap_gazetteer *g, const char *path,
                                     const gazmap_index_opts *opts);

/* 1 when `p` came from a curated layer (gazmap TSV), 0 when imported. */
GAZMAP_EXTERN int gazmap_place_curated(const gazmap_place *p);

GAZMAP_EXTERN size_t gazmap_gazetteer_count(const gazmap_gazetteer *g);
GAZMAP_EXTERN const gazmap_place *gazmap_gazetteer_at(const gazmap_gazetteer *g, size_t i);
/* NULL when no place has that id. */
GAZMAP_EXTERN const gazmap_place *gazmap_gazetteer_find_id(const gazmap_gazetteer *g, const char *id);

/* ---- one place (all strings owned by the gazetteer) ------------------- */

GAZMAP_EXTERN const char *gazmap_place_id(const gazmap_place *p);
GAZMAP_EXTERN const char *gazmap_place_name(const gazmap_place *p); /* canonical English name */
GAZMAP_EXTERN gazmap_kind gazmap_place_kind(const gazmap_place *p);
GAZMAP_EXTERN double gazmap_place_lat(const gazmap_place *p);
GAZMAP_EXTERN double gazmap_place_lon(const gazmap_place *p);
GAZMAP_EXTERN const char *gazmap_place_country(const gazmap_place *p);  /* ISO 3166-1 alpha-2, "" if none */
GAZMAP_EXTERN const char *gazmap_place_district(const gazmap_place *p); /* id of containing district, "" */
GAZMAP_EXTERN int64_t gazmap_place_population(const gazmap_place *p);   /* -1 when unknown */
GAZMAP_EXTERN int64_t gazmap_place_geonames_id(const gazmap_place *p);  /* 0 when none */
GAZMAP_EXTERN const char *gazmap_place_source(const gazmap_place *p);   /* where the coordinate came from */
GAZMAP_EXTERN const char *gazmap_place_tags(const gazmap_place *p);     /* comma list, "" */
GAZMAP_EXTERN const char *gazmap_place_note(const gazmap_place *p);     /* "" */
/* 1 when the comma list of tags holds `tag`. */
GAZMAP_EXTERN int gazmap_place_has_tag(const gazmap_place *p, const char *tag);
GAZMAP_EXTERN size_t gazmap_place_name_count(const gazmap_place *p);
GAZMAP_EXTERN const gazmap_name *gazmap_place_name_at(const gazmap_place *p, size_t i);
/* The preferred name in `lang` (exact tag, then its primary subtag, then a
 * non-historical one), falling back to the canonical name; NULL or "" for
 * `lang` gives the canonical name.  Never NULL. */
GAZMAP_EXTERN const char *gazmap_place_name_in(const gazmap_place *p, const char *lang);
/* Importance for ranking and label priority, 0..1, from kind and population. */
GAZMAP_EXTERN double gazmap_place_importance(const gazmap_place *p);

/* ---- lookup ----------------------------------------------------------- */

typedef enum gazmap_match_kind {
  GAZMAP_MATCH_NONE = 0,
  GAZMAP_MATCH_EXACT,    /* byte-identical name */
  GAZMAP_MATCH_FOLDED,   /* same folded key */
  GAZMAP_MATCH_SKELETON, /* same romanization skeleton */
  GAZMAP_MATCH_FUZZY,    /* skeletons within a small edit distance */
  GAZMAP_MATCH_PREFIX    /* folded key starts with the query (autocomplete) */
} gazmap_match_kind;

GAZMAP_EXTERN const char *gazmap_match_kind_name(gazmap_match_kind k); /* "exact", "folded" ... */

typedef struct gazmap_match {
  const gazmap_place *place;
  const gazmap_name *name; /* the name of the place that matched */
  gazmap_match_kind kind;
  int distance;            /* edit distance for fuzzy matches, else 0 */
  double score;            /* 0..1, higher is better; results are sorted by it */
} gazmap_match;

typedef struct gazmap_lookup_opts {
  unsigned version;      /* GAZMAP_LOOKUP_OPTS_VERSION */
  unsigned kinds;        /* bit (1u << gazmap_kind) per accepted kind; 0 = all */
  const char *country;   /* ISO code, or a comma list ("AZ,AM"), to keep; NULL for all */
  int fuzzy;             /* allow GAZMAP_MATCH_FUZZY */
  int prefix;            /* allow GAZMAP_MATCH_PREFIX (autocomplete) */
  int stop_at_first_kind;/* stop at the strictest layer that matched anything */
  /* Version 2: the region of interest that ranks skeleton and fuzzy
   * candidates.  With has_near, the point (near_lat, near_lon); otherwise
   * the countries of `country`, or else the area of the gazetteer's curated
   * places (the bundled data's region); a gazetteer without curated places
   * and no point or country has none. */
  int has_near;
  double near_lat, near_lon;
  /* Skeleton and fuzzy matches scoring below this are refused (the score is
   * the confidence lookup prints); exact and folded ones never are. */
  double min_score;
} gazmap_lookup_opts;

#define GAZMAP_LOOKUP_OPTS_VERSION 2
/* The default refusal threshold: a one-edit fuzzy match inside the region
 * of interest scores at least 0.45, far outside it about 0.2. */
#define GAZMAP_LOOKUP_MIN_SCORE 0.30
#define GAZMAP_LOOKUP_OPTS_INIT                                                                    \
  {GAZMAP_LOOKUP_OPTS_VERSION, 0, NULL, 1, 0, 1, 0, 0.0, 0.0, GAZMAP_LOOKUP_MIN_SCORE}

/* Looks up `len` bytes of `query`, writing up to `cap` ranked matches (one per
 * place, best first) to `out` and their number to *n.  *n == 0 means no
 * match.  Returns GAZMAP_EUTF8 for invalid UTF-8.  The first call builds the
 * folding tables and the name index (loading does not; a scanner shares the
 * same index and builds it when it comes first), so it takes longer and can
 * also fail with GAZMAP_ENOMEM, or GAZMAP_EINVAL when ICU lacks its
 * transliterators; a later call tries again.  Not thread-safe: the index
 * holds the scratch of one lookup. */
GAZMAP_EXTERN int gazmap_lookup(gazmap_gazetteer *g, const char *query, size_t len,
                  const gazmap_lookup_opts *opts, gazmap_match *out, size_t cap, size_t *n);

/* The `cap` places nearest to (lat, lon), with geodesic distances in km
 * (WGS84 ellipsoid, gazmap_distance_km()), nearest first. `kinds` as above.
 * GAZMAP_EPROJ when a distance needs PROJ and PROJ cannot be loaded. */
GAZMAP_EXTERN int gazmap_near(const gazmap_gazetteer *g, double lat, double lon, unsigned kinds,
                const gazmap_place **out, double *km, size_t cap, size_t *n);

/* Geodesic distance in km between two WGS84 points: Vincenty's formula,
 * within 0.1 mm of PROJ's geod_inverse (Karney), and PROJ's geod_inverse
 * itself, loaded on first use, for the nearly antipodal pairs on which
 * Vincenty does not converge.  NAN, with GAZMAP_EPROJ and the library's
 * name as the last error, when such a pair needs PROJ and PROJ cannot be
 * loaded. */
GAZMAP_EXTERN double gazmap_distance_km(double lat1, double lon1, double lat2, double lon2);

#ifdef __cplusplus
}
#endif
#endif
