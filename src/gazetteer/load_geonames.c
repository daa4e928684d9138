/* GeoNames dumps: the `geoname` table (19 tab-separated columns, as in
 * allCountries.txt or a country extract) and, optionally, the
 * `alternateNamesV2` table (10 columns) that tags names with languages.
 *
 * Place ids are "gn-<geonameid>"; kinds come from the feature class and code.
 * Strings point into the file buffer, which the gazetteer keeps. */
#include "util/error.h"
#include "util/utf8.h"
#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/loaders.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { G_ID, G_NAME, G_ASCII, G_ALT, G_LAT, G_LON, G_CLASS, G_CODE, G_COUNTRY, G_NCOLS = 19 };
enum { A_ID, A_GNID, A_LANG, A_NAME, A_PREF, A_SHORT, A_COLLOQ, A_HIST, A_NCOLS = 10 };

static int parse_coord(const char *s, double lim, double *out) {
  char *end;
  if (!*s) {
    return -1;
  }
  errno = 0;
  *out = strtod(s, &end);
  return errno || *end || !isfinite(*out) || *out < -lim || *out > lim ? -1 : 0;
}

/* GeoNames feature class and code to a gazmap kind. */
static gazmap_kind kind_of(const char *cls, const char *code, int64_t pop) {
  switch (cls[0]) {
  case 'A':
    if (!strncmp(code, "PCL", 3)) {
      return GAZMAP_KIND_COUNTRY;
    }
    return !strncmp(code, "ADM", 3) ? GAZMAP_KIND_DISTRICT : GAZMAP_KIND_REGION;
  case 'P':
    if (!strcmp(code, "PPLC") || pop >= 100000) {
      return GAZMAP_KIND_CITY;
    }
    return pop >= 2000 || !strncmp(code, "PPLA", 4) ? GAZMAP_KIND_TOWN : GAZMAP_KIND_VILLAGE;
  case 'H':
    if (!strncmp(code, "STM", 3)) {
      return GAZMAP_KIND_RIVER;
    }
    return !strncmp(code, "LK", 2) || !strncmp(code, "RSV", 3) ? GAZMAP_KIND_LAKE
                                                               : GAZMAP_KIND_SITE;
  case 'T':
    return !strcmp(code, "PASS") ? GAZMAP_KIND_PASS : GAZMAP_KIND_SITE;
  case 'L':
    return GAZMAP_KIND_REGION;
  case 'R':
    return GAZMAP_KIND_ROUTE;
  default:
    return GAZMAP_KIND_SITE;
  }
}

/* Adds `text` as a name of the last place unless that place already has it
 * (`seen` holds the place's names so far: linear however many it has). */
static int add_unique(gazmap_gazetteer *g, gz_nameset *seen, const char *text) {
  int had;
  if (!*text) {
    return 0;
  }
  had = gz_nameset_add(seen, text, (uint32_t)g->nnames, NULL);
  if (had != 0) {
    return had < 0 ? -1 : 0;
  }
  return gz_add_name(g, text, "und", 0) ? 0 : -1;
}

/* The GAZMAP_CLASS_ bit of a GeoNames feature class. */
static unsigned class_bit(const char *cls) {
  switch (cls[0] && !cls[1] ? cls[0] : 0) {
  case 'P':
    return GAZMAP_CLASS_POPULATED;
  case 'A':
    return GAZMAP_CLASS_ADMIN;
  case 'H':
    return GAZMAP_CLASS_HYDRO;
  case 'T':
    return GAZMAP_CLASS_TERRAIN;
  case 'R':
    return GAZMAP_CLASS_ROADS;
  default:
    return GAZMAP_CLASS_OTHER;
  }
}

/* Whether the import filters keep a row. */
static int kept(const gazmap_layers_opts *f, const char *cc, const char *cls, int64_t pop) {
  if (!f) {
    return 1;
  }
  if (f->countries && *f->countries && !gazmap_country_in_list(f->countries, cc)) {
    return 0;
  }
  if (f->classes && !(f->classes & class_bit(cls))) {
    return 0;
  }
  return f->min_population <= 0 || pop >= f->min_population;
}

/* An empty country code, or two capital letters (GeoNames writes no
 * country for places in international waters). */
static int valid_country(const char *cc) {
  return !*cc || (cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z' && !cc[2]);
}

/* How often a long load reports progress. */
#define PROGRESS_ROWS (1u << 18)

static void progress(const gazmap_gazetteer *g, const char *file, uint64_t rows, size_t pos,
                     size_t len) {
  if (g->filter && g->filter->progress) {
    g->filter->progress(g->filter->progress_ud, file, rows, pos, len);
  }
}

typedef struct by_gnid {
  int64_t gnid;
  uint32_t place;
} by_gnid;

static int cmp_gnid(const void *a, const void *b) {
  const by_gnid *x = a, *y = b;
  if (x->gnid != y->gnid) {
    return (x->gnid > y->gnid) - (x->gnid < y->gnid);
  }
  return (x->place > y->place) - (x->place < y->place);
}

static int cmp_gnid_only(const void *a, const void *b) {
  const by_gnid *x = a, *y = b;
  return (x->gnid > y->gnid) - (x->gnid < y->gnid);
}

/* The places sorted by geonameid (caller frees), for the alternate names'
 * join and the duplicate check; NULL when out of memory. */
static by_gnid *sorted_ids(const gazmap_gazetteer *g) {
  by_gnid *map = malloc((g->nplaces ? g->nplaces : 1) * sizeof *map);
  size_t i;
  if (!map) {
    return NULL;
  }
  for (i = 0; i < g->nplaces; i++) {
    map[i].gnid = g->places[i].geonames_id;
    map[i].place = (uint32_t)i;
  }
  qsort(map, g->nplaces, sizeof *map, cmp_gnid);
  return map;
}

/* A geonameid given twice is a broken dump (or two dumps concatenated):
 * reported at the second row, naming the first. */
static int check_duplicate_ids(gazmap_gazetteer *g, gz_problems *pr) {
  by_gnid *map = sorted_ids(g);
  size_t i;
  if (!map) {
    return gz_fail(GAZMAP_ENOMEM, pr->file, 0, "out of memory");
  }
  for (i = 1; i < g->nplaces; i++) {
    if (map[i].gnid == map[i - 1].gnid) {
      const gazmap_place *first = &g->places[map[i - 1].place];
      if (gz_problem(pr, GAZMAP_EPARSE, g->places[map[i].place].src_line,
                     "duplicate geonameid %lld (first on line %lu)", (long long)map[i].gnid,
                     (unsigned long)first->src_line)) {
        break;
      }
    }
  }
  free(map);
  return 0;
}

/* The next row of a GeoNames table from `*pos`: a line that is neither
 * blank nor a comment, at most GZ_GEONAMES_MAX_LINE bytes, valid UTF-8 and
 * free of NUL bytes.  Every line that breaks one of the last three is
 * reported (gz_problem) and passed over.  Returns the row, its length in
 * *linelen and its line number in *line; NULL at the end of the table, or
 * with *stop set when the problems say to stop.  Shows the progress every
 * PROGRESS_ROWS lines. */
static char *next_row(gazmap_gazetteer *g, gz_problems *pr, char *buf, size_t len, size_t *pos,
                      unsigned long *line, size_t *linelen, int *stop) {
  char *text;
  *stop = 0;
  while ((text = gz_next_line(buf, len, pos, linelen)) != NULL) {
    size_t n = *linelen, bad_at;
    ++*line;
    if (n == 0 || text[0] == '#') {
      continue;
    }
    if (*line % PROGRESS_ROWS == 0) {
      progress(g, pr->file, *line, *pos, len);
    }
    if (n > GZ_GEONAMES_MAX_LINE) {
      *stop = gz_problem(pr, GAZMAP_ERANGE, *line, "line is %zu bytes long; the limit is %u", n,
                         GZ_GEONAMES_MAX_LINE);
    } else if ((bad_at = gz_utf8_invalid_at(text, n)) < n) {
      *stop =
          gz_problem(pr, GAZMAP_EUTF8, *line, "invalid UTF-8 at byte %zu of the line", bad_at + 1);
    } else if ((bad_at = gz_nul_at(text, n)) < n) {
      *stop = gz_problem(pr, GAZMAP_EPARSE, *line, "NUL byte at byte %zu of the line", bad_at + 1);
    } else {
      return text;
    }
    if (*stop) {
      return NULL;
    }
  }
  return NULL;
}

static int parse_geonames(gazmap_gazetteer *g, char *buf, size_t len, gz_problems *pr) {
  size_t pos = 0, linelen;
  unsigned long line = 0;
  char *text;
  int rc = 0, stop;
  size_t lines = 0;
  const char *nl = buf;
  gz_nameset seen = {NULL, 0, 0, 0};

  /* One row a line, and rarely more than three names a row. */
  while ((nl = memchr(nl, '\n', len - (size_t)(nl - buf))) != NULL) {
    lines++;
    nl++;
  }
  if (gz_reserve(g, lines + 1, 3 * lines + 16) < 0) {
    return gz_fail(GAZMAP_ENOMEM, pr->file, 0, "out of memory for %zu rows", lines);
  }
  while ((text = next_row(g, pr, buf, len, &pos, &line, &linelen, &stop)) != NULL) {
    char *f[G_NCOLS];
    size_t ncols;
    int64_t gnid = 0, pop = 0;
    double lat, lon;
    gazmap_place *p;
    char *alt, *idbuf;

    ncols = gz_split_tabs(text, f, G_NCOLS);
    if (ncols != G_NCOLS) {
      if (gz_problem(pr, GAZMAP_EPARSE, line,
                     "expected %d tab-separated columns (GeoNames geoname table), found %zu",
                     G_NCOLS, ncols)) {
        goto stop;
      }
      continue;
    }
    if (gz_parse_count(f[G_ID], &gnid) < 0 || gnid == 0) {
      if (gz_problem(pr, GAZMAP_EPARSE, line, "geonameid '%s' is not a positive number", f[G_ID])) {
        goto stop;
      }
      continue;
    }
    if (!valid_country(f[G_COUNTRY])) {
      if (gz_problem(pr, GAZMAP_EPARSE, line,
                     "country code '%s' is not two capital letters (ISO 3166-1 alpha-2)",
                     f[G_COUNTRY])) {
        goto stop;
      }
      continue;
    }
    if (parse_coord(f[G_LAT], 90, &lat) < 0 || parse_coord(f[G_LON], 180, &lon) < 0) {
      if (gz_problem(pr, GAZMAP_EPARSE, line, "coordinates '%s', '%s' are out of range", f[G_LAT],
                     f[G_LON])) {
        goto stop;
      }
      continue;
    }
    if (!*f[G_NAME]) {
      if (gz_problem(pr, GAZMAP_EPARSE, line, "empty name")) {
        goto stop;
      }
      continue;
    }
    /* Population is optional in practice (empty in some extracts). */
    if (*f[14] && gz_parse_count(f[14], &pop) < 0) {
      pop = 0;
    }
    if (!kept(g->filter, f[G_COUNTRY], f[G_CLASS], pop)) {
      continue;
    }
    p = gz_add_place(g);
    idbuf = gz_arena_alloc(&g->arena, 24);
    if (!p || !idbuf || gz_nameset_reset(&seen) < 0) {
      rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
      goto done;
    }
    snprintf(idbuf, 24, "gn-%lld", (long long)gnid);
    p->id = idbuf;
    p->name = f[G_NAME];
    p->kind = kind_of(f[G_CLASS], f[G_CODE], pop);
    p->lat = lat;
    p->lon = lon;
    p->country = f[G_COUNTRY];
    p->population = pop > 0 ? pop : -1;
    p->geonames_id = gnid;
    p->source = "geonames";
    p->imported = 1;
    p->src_line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
    if (add_unique(g, &seen, f[G_NAME]) < 0 || add_unique(g, &seen, f[G_ASCII]) < 0) {
      rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
      goto done;
    }
    for (alt = f[G_ALT]; alt && *alt;) {
      char *comma = strchr(alt, ',');
      if (comma) {
        *comma = '\0';
      }
      if (add_unique(g, &seen, alt) < 0) {
        rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
        goto done;
      }
      alt = comma ? comma + 1 : NULL;
    }
  }
  if (stop) {
    goto stop;
  }
  progress(g, pr->file, line, len, len);
  if ((rc = check_duplicate_ids(g, pr)) < 0) {
    goto done;
  }
  rc = pr->count ? pr->first_code : 0;
  goto done;
stop:
  rc = pr->first_code;
done:
  gz_nameset_free(&seen);
  return rc;
}

/* ---- alternateNamesV2 ---------------------------------------------------- */

typedef struct alt_name {
  uint32_t place;
  const char *text;
  const char *lang;
  unsigned flags;
} alt_name;

/* Pseudo-languages of alternateNamesV2 that are not names of the place. */
static int skipped_lang(const char *l) {
  static const char *const skip[] = {"link", "wkdt", "post", "iata",   "icao",
                                     "faac", "tcid", "unlc", "fr_1793"};
  size_t i;
  for (i = 0; i < sizeof skip / sizeof skip[0]; i++) {
    if (!strcmp(l, skip[i])) {
      return 1;
    }
  }
  return 0;
}

/* Rebuilds the names arrays so that each place's alternate names follow its
 * own (the public API hands out one contiguous array per place).  An
 * alternate name equal to an existing one upgrades that name's language. */
static int merge_alt_names(gazmap_gazetteer *g, alt_name *alts, size_t nalts) {
  size_t total = g->nnames + nalts, i, k = 0;
  size_t *start = NULL;
  gz_nameset seen = {NULL, 0, 0, 0};
  alt_name *sorted = NULL;
  gazmap_name *names = NULL;
  uint32_t *name_place = NULL;
  int rc = 0;

  start = calloc(g->nplaces + 1, sizeof *start);
  sorted = malloc((nalts ? nalts : 1) * sizeof *sorted);
  names = malloc((total ? total : 1) * sizeof *names);
  name_place = malloc((total ? total : 1) * sizeof *name_place);
  if (!start || !sorted || !names || !name_place) {
    rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory merging alternate names");
    goto done;
  }
  /* Counting sort of the alternate names by place keeps file order. */
  for (i = 0; i < nalts; i++) {
    start[alts[i].place + 1]++;
  }
  for (i = 1; i <= g->nplaces; i++) {
    start[i] += start[i - 1];
  }
  for (i = 0; i < nalts; i++) {
    sorted[start[alts[i].place]++] = alts[i];
  }
  /* start[p] now ends place p's run; rebuild the runs' starts while merging. */
  {
    size_t a = 0;
    for (i = 0; i < g->nplaces; i++) {
      gazmap_place *p = &g->places[i];
      size_t first = k, j;
      if (gz_nameset_reset(&seen) < 0) {
        rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory merging alternate names");
        goto done;
      }
      for (j = 0; j < p->name_count; j++) {
        names[k] = g->names[p->first_name + j];
        /* The loader kept the row's names distinct: this only records them. */
        if (gz_nameset_add(&seen, names[k].text, (uint32_t)k, NULL) < 0) {
          rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory merging alternate names");
          goto done;
        }
        name_place[k++] = (uint32_t)i;
      }
      for (; a < start[i]; a++) {
        const alt_name *an = &sorted[a];
        uint32_t m = 0;
        int dup = gz_nameset_add(&seen, an->text, (uint32_t)k, &m);
        if (dup < 0) {
          rc = gz_fail(GAZMAP_ENOMEM, g->path, 0, "out of memory merging alternate names");
          goto done;
        }
        if (dup && !strcmp(names[m].lang, "und")) {
          names[m].lang = an->lang;
          names[m].flags = an->flags;
        }
        if (!dup) {
          names[k].text = an->text;
          names[k].lang = an->lang;
          names[k].flags = an->flags;
          names[k].usage = ""; /* GeoNames says nothing of who uses a name */
          name_place[k++] = (uint32_t)i;
        }
      }
      p->first_name = (uint32_t)first;
      p->name_count = (uint32_t)(k - first);
    }
  }
  free(g->names);
  free(g->name_place);
  g->names = names;
  g->name_place = name_place;
  g->nnames = g->cap_names = k;
  names = NULL;
  name_place = NULL;
done:
  gz_nameset_free(&seen);
  free(start);
  free(sorted);
  free(names);
  free(name_place);
  return rc;
}

static int parse_altnames(gazmap_gazetteer *g, char *buf, size_t len, gz_problems *pr) {
  by_gnid *map = NULL;
  alt_name *alts = NULL;
  size_t nalts = 0, cap = 0, pos = 0, linelen;
  unsigned long line = 0;
  char *text;
  int rc = 0, stop;

  map = sorted_ids(g);
  if (!map) {
    rc = gz_fail(GAZMAP_ENOMEM, pr->file, 0, "out of memory");
    goto done;
  }
  while ((text = next_row(g, pr, buf, len, &pos, &line, &linelen, &stop)) != NULL) {
    char *f[A_NCOLS];
    size_t ncols;
    int64_t gnid;
    by_gnid key, *hit;
    unsigned flags = 0;
    const char *lang;

    /* The older alternateNames table has 8 columns; V2 adds from and to. */
    ncols = gz_split_tabs(text, f, A_NCOLS);
    if ((ncols != A_NCOLS && ncols != 8) || gz_parse_count(f[A_GNID], &gnid) < 0) {
      if (gz_problem(pr, GAZMAP_EPARSE, line,
                     "expected 10 tab-separated columns (GeoNames alternateNamesV2) with a "
                     "numeric geonameid, found %zu columns",
                     ncols)) {
        rc = pr->first_code;
        goto done;
      }
      continue;
    }
    key.gnid = gnid;
    hit = bsearch(&key, map, g->nplaces, sizeof *map, cmp_gnid_only);
    /* Names of places outside the loaded extract are expected: skip them. */
    if (!hit || !*f[A_NAME] || skipped_lang(f[A_LANG])) {
      continue;
    }
    lang = *f[A_LANG] ? f[A_LANG] : "und";
    if (!strcmp(lang, "abbr")) {
      lang = "und";
      flags |= GAZMAP_NAME_ABBREV;
    }
    if (!strcmp(f[A_COLLOQ], "1")) {
      flags |= GAZMAP_NAME_UNOFFICIAL;
    }
    if (!strcmp(f[A_HIST], "1")) {
      flags |= GAZMAP_NAME_HISTORICAL;
    }
    if (nalts == cap) {
      size_t ncap = cap ? cap * 2 : 1024;
      alt_name *na = realloc(alts, ncap * sizeof *na);
      if (!na) {
        rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
        goto done;
      }
      alts = na;
      cap = ncap;
    }
    alts[nalts].place = hit->place;
    alts[nalts].text = f[A_NAME];
    alts[nalts].lang = lang;
    alts[nalts].flags = flags;
    nalts++;
  }
  if (stop) {
    rc = pr->first_code;
    goto done;
  }
  rc = merge_alt_names(g, alts, nalts);
done:
  free(map);
  free(alts);
  return rc;
}

int gz_geonames_add_altnames(gazmap_gazetteer *g, const char *altnames_path) {
  gz_problems pr;
  char *buf = NULL, **bufs;
  size_t len, i;
  int rc;

  memset(&pr, 0, sizeof pr);
  pr.file = altnames_path;
  rc = gz_read_file(altnames_path, (size_t)GZ_GEONAMES_MAX_FILE, &buf, &len);
  if (rc < 0) {
    return rc;
  }
  /* The gazetteer keeps every table it read: the names point into them. */
  bufs = realloc(g->altbufs, (g->naltbufs + 1) * sizeof *bufs);
  if (!bufs) {
    free(buf);
    return gz_fail(GAZMAP_ENOMEM, altnames_path, 0, "out of memory");
  }
  g->altbufs = bufs;
  g->altbufs[g->naltbufs++] = buf;
  rc = parse_altnames(g, buf, len, &pr);
  /* The names arrays were rebuilt: point the places at the new ones. */
  for (i = 0; i < g->nplaces; i++) {
    g->places[i].names = g->names ? g->names + g->places[i].first_name : NULL;
  }
  return rc;
}

int gazmap_gazetteer_load_geonames(gazmap_gazetteer **out, const char *path,
                                   const char *altnames_path) {
  gazmap_gazetteer *g = NULL;
  gz_problems pr;
  char *buf = NULL;
  size_t len;
  int rc;

  *out = NULL;
  memset(&pr, 0, sizeof pr);
  rc = gz_read_file(path, (size_t)GZ_GEONAMES_MAX_FILE, &buf, &len);
  if (rc < 0) {
    goto done;
  }
  g = gz_gazetteer_new(path);
  if (!g) {
    free(buf);
    rc = gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
    goto done;
  }
  g->buf = buf;
  pr.file = path;
  rc = parse_geonames(g, buf, len, &pr);
  if (rc >= 0 && altnames_path) {
    rc = gz_geonames_add_altnames(g, altnames_path);
  }
done:
  return gz_gazetteer_hand_out(g, rc, out);
}

/* A GeoNames row: 19 tab-separated columns, the first a numeric geonameid. */
static int sniff_geonames(const char *line, size_t n) {
  size_t i, tabs = 0;
  if (n == 0 || line[0] < '0' || line[0] > '9') {
    return 0;
  }
  for (i = 0; i < n; i++) {
    tabs += line[i] == '\t';
  }
  return tabs == 18;
}

const gz_loader gz_loader_geonames = {
    "geonames",
    "GeoNames rows of 19 tab-separated columns",
    (size_t)GZ_GEONAMES_MAX_FILE,
    sniff_geonames,
    parse_geonames,
    NULL, 0, NULL, NULL, /* a text format: no magic */
};
