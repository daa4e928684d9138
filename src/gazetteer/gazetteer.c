/* The gazetteer: storage, loading entry points, format detection and the
 * accessors of gazmap/gazetteer.h.  The file formats are parsed in
 * load_tsv.c and load_geonames.c, the id table is ids.c; lookup lives in
 * match/. */
#define _POSIX_C_SOURCE 200809L
#include "gazmap/gazetteer.h"
#include "gazmap/data.h"

#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/loaders.h"
#include "util/grow.h"
#include "util/error.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- construction ------------------------------------------------------ */

gazmap_gazetteer *gz_gazetteer_new(const char *path) {
  gazmap_gazetteer *g = calloc(1, sizeof *g);
  if (!g) {
    return NULL;
  }
  if (path) {
    size_t n = strlen(path);
    g->path = malloc(n + 1);
    if (!g->path) {
      free(g);
      return NULL;
    }
    memcpy(g->path, path, n + 1);
  }
  return g;
}

void gazmap_gazetteer_free(gazmap_gazetteer *g) {
  if (!g) {
    return;
  }
  if (g->index_free) {
    g->index_free(g->index);
  }
  gz_ids_free(g->ids);
  gz_index_unmap(g); /* a compiled index: its arrays are mappings */
  gazmap_folder_free(g->folder);
  gz_arena_free(&g->arena);
  free(g->places);
  free(g->names);
  free(g->name_place);
  free(g->buf);
  while (g->naltbufs > 0) {
    free(g->altbufs[--g->naltbufs]);
  }
  free(g->altbufs);
  while (g->nlayers > 0) {
    gazmap_gazetteer_free(g->layers[--g->nlayers]);
  }
  free(g->layers);
  free(g->path);
  while (g->nmore > 0) {
    g->nmore--;
    free(g->more_bufs[g->nmore]);
    free(g->more_paths[g->nmore]);
  }
  free(g->more_bufs);
  free(g->more_paths);
  free(g);
}

int gz_reserve(gazmap_gazetteer *g, size_t places, size_t names) {
  if (places > g->cap_places) {
    gazmap_place *np = realloc(g->places, places * sizeof *np);
    if (!np) {
      return -1;
    }
    g->places = np;
    g->cap_places = places;
  }
  if (names > g->cap_names) {
    gazmap_name *nn = realloc(g->names, names * sizeof *nn);
    uint32_t *np;
    if (!nn) {
      return -1;
    }
    g->names = nn;
    np = realloc(g->name_place, names * sizeof *np);
    if (!np) {
      return -1;
    }
    g->name_place = np;
    g->cap_names = names;
  }
  return 0;
}

gazmap_place *gz_add_place(gazmap_gazetteer *g) {
  gazmap_place *p = gz_grow(g->places, &g->cap_places, g->nplaces, sizeof *p, 256);
  if (!p) {
    return NULL;
  }
  g->places = p;
  p = &g->places[g->nplaces++];
  memset(p, 0, sizeof *p);
  p->population = -1;
  p->first_name = (uint32_t)g->nnames;
  p->id = p->name = p->country = p->district = p->source = p->tags = p->note = "";
  return p;
}

gazmap_name *gz_add_name(gazmap_gazetteer *g, const char *text, const char *lang, unsigned flags) {
  gazmap_name *n;
  uint32_t *np;
  if (g->nnames == g->cap_names) {
    /* The two arrays grow together: the second gets the first's capacity. */
    size_t cap = g->cap_names;
    if (!(n = gz_grow(g->names, &cap, g->nnames, sizeof *n, 1024))) {
      return NULL;
    }
    g->names = n;
    if (!(np = realloc(g->name_place, cap * sizeof *np))) {
      return NULL;
    }
    g->name_place = np;
    g->cap_names = cap;
  }
  n = &g->names[g->nnames];
  n->text = text;
  n->lang = lang;
  n->flags = flags;
  n->usage = "";
  g->name_place[g->nnames] = (uint32_t)(g->nplaces - 1);
  g->nnames++;
  g->places[g->nplaces - 1].name_count++;
  return n;
}

/* Importance for ranking: the kind sets the base (a town outranks the
 * district of the same name, a city a town, a region a city), population
 * adds up to 0.05 (never enough to jump a kind), and places the source text
 * names get a small lift so that, of two homonyms, the one the text means
 * comes first. */
static double importance_of(const gazmap_place *p) {
  static const double base[GAZMAP_KIND_COUNT_] = {
      [GAZMAP_KIND_UNKNOWN] = 0.20,  [GAZMAP_KIND_COUNTRY] = 0.90,  [GAZMAP_KIND_REGION] = 0.80,
      [GAZMAP_KIND_DISTRICT] = 0.50, [GAZMAP_KIND_CITY] = 0.75,     [GAZMAP_KIND_TOWN] = 0.60,
      [GAZMAP_KIND_VILLAGE] = 0.40,  [GAZMAP_KIND_PASS] = 0.40,     [GAZMAP_KIND_RIVER] = 0.55,
      [GAZMAP_KIND_LAKE] = 0.55,     [GAZMAP_KIND_CORRIDOR] = 0.50, [GAZMAP_KIND_ROUTE] = 0.40,
      [GAZMAP_KIND_SITE] = 0.35,     [GAZMAP_KIND_WAYPOINT] = 0.10, [GAZMAP_KIND_MOUNTAIN] = 0.40,
      [GAZMAP_KIND_RANGE] = 0.50,    [GAZMAP_KIND_PLATEAU] = 0.45,  [GAZMAP_KIND_RESERVOIR] = 0.50,
      [GAZMAP_KIND_CROSSING] = 0.35, [GAZMAP_KIND_AIRPORT] = 0.40,  [GAZMAP_KIND_STATION] = 0.30,
  };
  double v = base[p->kind < GAZMAP_KIND_COUNT_ ? p->kind : 0];
  if (p->population > 0) {
    double bonus = 0.05 * log10((double)p->population + 1.0) / 7.0;
    v += bonus > 0.05 ? 0.05 : bonus;
  }
  if (gazmap_place_has_tag(p, "text")) {
    v += 0.05;
  }
  return v > 1.0 ? 1.0 : v;
}

int gz_gazetteer_hand_out(gazmap_gazetteer *g, int rc, gazmap_gazetteer **out) {
  if (rc >= 0 && g) {
    rc = gz_gazetteer_finish(g);
  }
  if (rc >= 0 && g) {
    *out = g;
    return rc;
  }
  gazmap_gazetteer_free(g);
  return rc;
}

int gz_gazetteer_finish(gazmap_gazetteer *g) {
  size_t i;
  for (i = 0; i < g->nplaces; i++) {
    gazmap_place *p = &g->places[i];
    p->names = g->names ? g->names + p->first_name : NULL;
    p->importance = importance_of(p);
  }
  gz_set_roi(g);
  /* The folder and the name index wait for the first lookup or scanner (see
   * match/index.c): a map or a report by place id never needs them. */
  return gz_ids_build(g);
}

/* ---- files and problems ------------------------------------------------ */

int gz_problem(gz_problems *pr, int code, unsigned long line, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pr->count++;
  if (!pr->first_code) {
    pr->first_code = code;
  }
  if (pr->report) {
    pr->report(pr->ud, pr->file, line, msg);
    return 0;
  }
  gz_fail(code, pr->file, line, "%s", msg);
  return 1;
}

size_t gz_split_tabs(char *line, char **fields, size_t max) {
  size_t n = 0;
  char *p = line;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (n < max) {
      fields[n] = p;
    }
    n++;
    if (!tab) {
      break;
    }
    *tab = '\0';
    p = tab + 1;
  }
  return n;
}

char *gz_next_line(char *buf, size_t len, size_t *pos, size_t *linelen) {
  char *start, *nl;
  size_t n;
  if (*pos >= len) {
    return NULL;
  }
  start = buf + *pos;
  nl = memchr(start, '\n', len - *pos);
  n = nl ? (size_t)(nl - start) : len - *pos;
  *pos += n + (nl ? 1 : 0);
  if (n > 0 && start[n - 1] == '\r') {
    n--;
  }
  start[n] = '\0';
  *linelen = n;
  return start;
}

/* ---- loading through the format table (loaders.c) ---------------------- */

/* Parses `buf` (taken: freed here or owned by the gazetteer) with `fmt`,
 * applying the import filters of `filter` (may be NULL). */
static int load_buffer(gazmap_gazetteer **out, const char *path, char *buf, size_t len,
                       const gz_loader *fmt, const gazmap_layers_opts *filter) {
  gazmap_gazetteer *g = NULL;
  gz_problems pr;
  int rc;

  memset(&pr, 0, sizeof pr);
  pr.file = path;
  g = gz_gazetteer_new(path);
  if (!g) {
    free(buf);
    return gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
  }
  g->buf = buf;
  g->filter = filter;
  rc = fmt->parse(g, buf, len, &pr);
  g->filter = NULL;
  return gz_gazetteer_hand_out(g, rc, out);
}

/* Reads `path` and finds its format by content.  On success *buf (caller
 * frees) holds the file; on failure the problem is reported through `pr`
 * (checking mode) or as the last error, and a negative status returned. */
static int read_sniffed(const char *path, gz_problems *pr, char **buf, size_t *len,
                        const gz_loader **fmt) {
  unsigned long line;
  int rc;
  *buf = NULL;
  rc = gz_read_file(path, gz_loader_max_file(), buf, len);
  if (rc < 0) {
    return rc;
  }
  *fmt = gz_loader_sniff(*buf, *len, &line);
  if (*fmt && !(*fmt)->parse) {
    /* Binary formats are opened by their magic before reading; one seen
     * here had too few bytes for it. */
    rc = GAZMAP_EPARSE;
    gz_problem(pr, rc, 0, "truncated: %zu bytes, too few for %s", *len, (*fmt)->expect);
  } else if (!*fmt) {
    char expected[512];
    gz_loader_expected(expected, sizeof expected);
    rc = GAZMAP_EPARSE;
    gz_problem(pr, rc, line, "not a gazetteer: expected %s", expected);
  } else if (*len > (*fmt)->max_file) {
    rc = GAZMAP_ERANGE;
    gz_problem(pr, rc, 0, "file is %zu bytes; the limit for this format is %zu", *len,
               (*fmt)->max_file);
  }
  if (rc < 0) {
    free(*buf);
    *buf = NULL;
  }
  return rc;
}

int gazmap_gazetteer_load_tsv(gazmap_gazetteer **out, const char *path) {
  const gz_loader *fmt = gz_loader_by_name("tsv");
  char *buf;
  size_t len;
  int rc;
  *out = NULL;
  rc = gz_read_file(path, fmt->max_file, &buf, &len);
  if (rc < 0) {
    return rc;
  }
  return load_buffer(out, path, buf, len, fmt, NULL);
}

static int load_set(gazmap_gazetteer **out, const char *const *paths, size_t n,
                    gazmap_problem_fn report, void *ud);

/* The compiled form of the bundled gazetteer, made by the build beside the
 * TSV files (doc/index.md); used only while it matches them. */
#define BUNDLED_INDEX "gazetteer.idx"

/* Loads (report == NULL) or checks the bundled set: gazetteer.tsv and the
 * region files of the data directory, as one gazetteer; loading takes the
 * compiled index beside them when it is there and current. */
static int bundled_set(gazmap_gazetteer **out, gazmap_problem_fn report, void *ud) {
  char **paths;
  size_t n;
  int rc;
  if (out && !getenv("GAZMAP_NO_BUNDLED_INDEX")) {
    char *idx = gazmap_data_path(BUNDLED_INDEX);
    rc = idx ? gz_index_open_bundled(out, idx) : GAZMAP_ENOMEM;
    free(idx);
    if (rc == 0) {
      return 0;
    }
    gazmap_error_clear(); /* absent, stale or damaged: the TSV files it is */
  }
  rc = gazmap_gazetteer_bundled_files(&paths, &n);
  if (rc < 0) {
    return rc;
  }
  rc = load_set(out, (const char *const *)paths, n, report, ud);
  gazmap_gazetteer_files_free(paths, n);
  if (rc >= 0 && out && *out) {
    (*out)->with_bundled = 1;
  }
  return rc;
}

int gazmap_gazetteer_open(gazmap_gazetteer **out, const char *path) {
  return gz_open_filtered(out, path, NULL);
}

int gz_open_filtered(gazmap_gazetteer **out, const char *path, const gazmap_layers_opts *filter) {
  const gz_loader *fmt;
  char *buf = NULL;
  gz_problems pr;
  size_t len;
  int rc;

  *out = NULL;
  if (!path) {
    return bundled_set(out, NULL, NULL);
  }
  if ((fmt = gz_loader_of_file(path)) != NULL) {
    return fmt->open(out, path); /* built already filtered: no filters apply */
  }
  memset(&pr, 0, sizeof pr);
  pr.file = path;
  rc = read_sniffed(path, &pr, &buf, &len, &fmt);
  if (rc < 0) {
    return rc;
  }
  return load_buffer(out, path, buf, len, fmt, filter); /* takes buf */
}

const char *gz_place_file(const gazmap_gazetteer *g, const gazmap_place *p) {
  return p->src_file == 0 || p->src_file > g->nmore ? g->path : g->more_paths[p->src_file - 1];
}

/* Every district column of the set names a row of the set. */
static long set_parent(void *ud, size_t i);

static void check_set_refs(const gazmap_gazetteer *g, gz_problems *pr) {
  size_t i;
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    if (*p->district && !gazmap_gazetteer_find_id(g, p->district)) {
      pr->file = gz_place_file(g, p);
      if (gz_problem(pr, GAZMAP_EPARSE, p->src_line,
                     "district '%s' is not the id of a row in these files", p->district)) {
        return;
      }
    }
  }
  gz_check_district_cycles(g, 0, pr, set_parent, (void *)g);
}

size_t gz_nul_at(const char *line, size_t n) {
  const char *z = memchr(line, '\0', n);
  return z ? (size_t)(z - line) : n;
}

/* Chains longer than this are reported as too deep rather than walked on:
 * real ones are district -> region -> country. */
#define MAX_DISTRICT_DEPTH 32

int gz_check_district_cycles(const gazmap_gazetteer *g, size_t first, gz_problems *pr,
                             long (*parent)(void *ud, size_t i), void *ud) {
  size_t i;
  for (i = first; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    long cur = parent(ud, i), lowest = (long)i;
    int depth = 0;
    if (cur == (long)i) {
      pr->file = gz_place_file(g, p);
      if (gz_problem(pr, GAZMAP_EPARSE, p->src_line, "district '%s' is the row itself",
                     p->district)) {
        return 1;
      }
      continue;
    }
    while (cur >= 0 && cur != (long)i && depth < MAX_DISTRICT_DEPTH) {
      lowest = cur < lowest ? cur : lowest;
      cur = parent(ud, (size_t)cur);
      depth++;
    }
    /* Each cycle is reported once, by the first of its rows. */
    if (cur == (long)i && lowest == (long)i) {
      char chain[512];
      size_t n = 0;
      long k = (long)i;
      do {
        int w = snprintf(chain + n, sizeof chain - n, "%s -> ", g->places[k].id);
        n = w < 0 || (size_t)w >= sizeof chain - n ? sizeof chain - 1 : n + (size_t)w;
        k = parent(ud, (size_t)k);
      } while (k != (long)i && n < sizeof chain - 1);
      snprintf(chain + n, sizeof chain - n, "%s", p->id);
      pr->file = gz_place_file(g, p);
      if (gz_problem(pr, GAZMAP_EPARSE, p->src_line, "districts form a cycle: %s", chain)) {
        return 1;
      }
    }
  }
  return 0;
}

static long set_parent(void *ud, size_t i) {
  const gazmap_gazetteer *g = ud;
  const gazmap_place *d;
  if (!*g->places[i].district) {
    return -1;
  }
  d = gazmap_gazetteer_find_id(g, g->places[i].district);
  return d ? (long)(d - g->places) : -1;
}

/* Loads (report == NULL) or checks `n` gazmap TSV files as one gazetteer:
 * one namespace of ids (a duplicate across files is a problem, a district
 * may be a row of another file).  Returns as the single-file functions do. */
static int load_set(gazmap_gazetteer **out, const char *const *paths, size_t n,
                    gazmap_problem_fn report, void *ud) {
  const gz_loader *tsv = gz_loader_by_name("tsv");
  gazmap_gazetteer *g = NULL;
  gz_problems pr;
  size_t i;
  int rc = 0;

  if (out) {
    *out = NULL;
  }
  if (n == 0) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "no gazetteer files given");
  }
  if (n > UINT16_MAX) {
    return gz_fail(GAZMAP_ERANGE, NULL, 0, "%zu files: at most %u in one set", n, UINT16_MAX);
  }
  memset(&pr, 0, sizeof pr);
  pr.report = report;
  pr.ud = ud;
  pr.defer_refs = 1;
  g = gz_gazetteer_new(paths[0]);
  if (!g || !(g->more_bufs = calloc(n, sizeof *g->more_bufs)) ||
      !(g->more_paths = calloc(n, sizeof *g->more_paths))) {
    rc = gz_fail(GAZMAP_ENOMEM, paths[0], 0, "out of memory");
    goto done;
  }
  for (i = 0; i < n; i++) {
    char *buf;
    size_t len, first = g->nplaces, k;
    const gz_loader *fmt;
    pr.file = paths[i];
    rc = read_sniffed(paths[i], &pr, &buf, &len, &fmt);
    if (rc >= 0 && fmt != tsv) {
      free(buf);
      rc = GAZMAP_EPARSE;
      gz_problem(&pr, rc, 0, "a gazetteer set holds gazmap TSV files only");
    }
    if (rc < 0) {
      if (report && pr.count > 0) {
        continue; /* checking: reported, go on with the next file */
      }
      goto done;
    }
    if (i == 0) {
      g->buf = buf;
    } else {
      g->more_bufs[g->nmore] = buf;
      g->more_paths[g->nmore] = strdup(paths[i]);
      if (!g->more_paths[g->nmore++]) {
        rc = gz_fail(GAZMAP_ENOMEM, paths[i], 0, "out of memory");
        goto done;
      }
    }
    rc = tsv->parse(g, buf, len, &pr);
    for (k = first; k < g->nplaces; k++) {
      g->places[k].src_file = (uint16_t)(i == 0 ? 0 : g->nmore);
    }
    if (rc < 0 && !(report && rc == pr.first_code)) {
      goto done;
    }
  }
  rc = gz_gazetteer_finish(g);
  if (rc < 0) {
    goto done;
  }
  check_set_refs(g, &pr);
  if (report) {
    rc = pr.count;
  } else if (pr.count > 0) {
    rc = pr.first_code;
  } else {
    *out = g;
    g = NULL;
  }
done:
  gazmap_gazetteer_free(g);
  return rc;
}

int gazmap_gazetteer_open_set(gazmap_gazetteer **out, const char *const *paths, size_t n) {
  return load_set(out, paths, n, NULL, NULL);
}

int gazmap_gazetteer_check_set(const char *const *paths, size_t n, gazmap_problem_fn report,
                               void *ud) {
  return load_set(NULL, paths, n, report, ud);
}

int gazmap_gazetteer_check(const char *path, gazmap_problem_fn report, void *ud) {
  const gz_loader *fmt;
  gazmap_gazetteer *g = NULL;
  gz_problems pr;
  char *buf = NULL;
  size_t len;
  int rc;

  if (!path) {
    return bundled_set(NULL, report, ud);
  }
  if ((fmt = gz_loader_of_file(path)) != NULL) {
    return fmt->check(path, report, ud);
  }
  memset(&pr, 0, sizeof pr);
  pr.file = path;
  pr.report = report;
  pr.ud = ud;
  rc = read_sniffed(path, &pr, &buf, &len, &fmt);
  if (rc < 0) {
    /* A file that cannot be read is an error; one of no known format is a
     * problem found, like any other. */
    if (pr.count > 0) {
      rc = pr.count;
    }
    goto done;
  }
  g = gz_gazetteer_new(path);
  if (!g) {
    rc = gz_fail(GAZMAP_ENOMEM, path, 0, "out of memory");
    goto done;
  }
  rc = fmt->parse(g, buf, len, &pr);
  /* In checking mode the parsers only fail for resources (memory). */
  if (rc < 0 && rc != pr.first_code) {
    goto done;
  }
  rc = pr.count;
done:
  gazmap_gazetteer_free(g);
  free(buf);
  return rc;
}

/* ---- kinds ------------------------------------------------------------- */

static const char *const kind_names[GAZMAP_KIND_COUNT_] = {
    "unknown",  "country", "region",  "district",  "city",     "town",    "village",
    "pass",     "river",   "lake",    "corridor",  "route",    "site",    "waypoint",
    "mountain", "range",   "plateau", "reservoir", "crossing", "airport", "station",
};

size_t gz_kind_list(char *buf, size_t cap) {
  size_t n = 0;
  int k;
  for (k = 1; k < GAZMAP_KIND_COUNT_; k++) {
    size_t w = strlen(kind_names[k]) + (k > 1);
    if (n + w >= cap) {
      break;
    }
    if (k > 1) {
      buf[n++] = ' ';
    }
    memcpy(buf + n, kind_names[k], w - (k > 1));
    n += w - (k > 1);
  }
  if (cap > 0) {
    buf[n] = '\0';
  }
  return n;
}

const char *gazmap_kind_name(gazmap_kind k) {
  if ((unsigned)k >= GAZMAP_KIND_COUNT_) {
    return "unknown";
  }
  return kind_names[k];
}

gazmap_kind gazmap_kind_parse(const char *word) {
  int k;
  for (k = 1; k < GAZMAP_KIND_COUNT_; k++) {
    if (!strcmp(word, kind_names[k])) {
      return (gazmap_kind)k;
    }
  }
  return GAZMAP_KIND_UNKNOWN;
}

/* ---- accessors --------------------------------------------------------- */

size_t gazmap_gazetteer_count(const gazmap_gazetteer *g) {
  return g->nplaces;
}

const gazmap_place *gazmap_gazetteer_at(const gazmap_gazetteer *g, size_t i) {
  return i < g->nplaces ? gz_place(g, i) : NULL;
}

const char *gazmap_place_id(const gazmap_place *p) {
  return p->id;
}
const char *gazmap_place_name(const gazmap_place *p) {
  return p->name;
}
gazmap_kind gazmap_place_kind(const gazmap_place *p) {
  return p->kind;
}
double gazmap_place_lat(const gazmap_place *p) {
  return p->lat;
}
double gazmap_place_lon(const gazmap_place *p) {
  return p->lon;
}
const char *gazmap_place_country(const gazmap_place *p) {
  return p->country;
}
const char *gazmap_place_district(const gazmap_place *p) {
  return p->district;
}
int64_t gazmap_place_population(const gazmap_place *p) {
  return p->population;
}
int64_t gazmap_place_geonames_id(const gazmap_place *p) {
  return p->geonames_id;
}
const char *gazmap_place_source(const gazmap_place *p) {
  return p->source;
}
const char *gazmap_place_tags(const gazmap_place *p) {
  return p->tags;
}
const char *gazmap_place_note(const gazmap_place *p) {
  return p->note;
}
size_t gazmap_place_name_count(const gazmap_place *p) {
  return p->name_count;
}
const gazmap_name *gazmap_place_name_at(const gazmap_place *p, size_t i) {
  return i < p->name_count ? &p->names[i] : NULL;
}
double gazmap_place_importance(const gazmap_place *p) {
  return p->importance;
}
int gazmap_place_curated(const gazmap_place *p) {
  return !p->imported;
}

int gazmap_place_has_tag(const gazmap_place *p, const char *tag) {
  size_t n = strlen(tag);
  const char *s = p->tags;
  while (*s) {
    const char *comma = strchr(s, ',');
    size_t len = comma ? (size_t)(comma - s) : strlen(s);
    if (len == n && !memcmp(s, tag, n)) {
      return 1;
    }
    if (!comma) {
      break;
    }
    s = comma + 1;
  }
  return 0;
}

/* The length of the primary subtag of a language tag ("hy" of "hy-Latn"). */
static size_t primary_len(const char *lang) {
  const char *dash = strchr(lang, '-');
  return dash ? (size_t)(dash - lang) : strlen(lang);
}

const char *gazmap_place_name_in(const gazmap_place *p, const char *lang) {
  size_t pass, i, plen;
  if (!lang || !*lang) {
    return p->name; /* no language asked for: the canonical name */
  }
  plen = primary_len(lang);
  /* Pass 0: exact tag, current name; 1: exact tag; 2: same primary subtag,
   * current name; 3: same primary subtag. */
  for (pass = 0; pass < 4; pass++) {
    for (i = 0; i < p->name_count; i++) {
      const gazmap_name *n = &p->names[i];
      int same = pass < 2 ? !strcmp(n->lang, lang)
                          : primary_len(n->lang) == plen && !strncmp(n->lang, lang, plen);
      if (same && (pass % 2 == 1 || !(n->flags & GAZMAP_NAME_HISTORICAL))) {
        return n->text;
      }
    }
  }
  return p->name;
}

int gz_parse_count(const char *s, int64_t *out) {
  int64_t v = 0;
  size_t n = 0;
  if (!*s) {
    return -1;
  }
  for (; *s; s++, n++) {
    if (*s < '0' || *s > '9' || n >= 18) {
      return -1;
    }
    v = v * 10 + (*s - '0');
  }
  *out = v;
  return 0;
}
