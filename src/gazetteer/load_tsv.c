/* gazmap's own gazetteer format (data/README.md): parsing and validation.
 *
 * The same code loads (stopping at the first problem, which becomes the last
 * error) and checks (reporting every problem and going on), so that `gazmap
 * check` and the loader can never disagree about what is valid. */
#include "util/error.h"
#include "util/utf8.h"
#include "gazetteer/gazetteer_internal.h"
#include "gazetteer/loaders.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCOLS 13

static const char header[] = "id\tname\tkind\tlat\tlon\tcountry\tdistrict\tpopulation\tgeonames_"
                             "id\tcoord_source\tnames\ttags\tnote";

enum {
  C_ID,
  C_NAME,
  C_KIND,
  C_LAT,
  C_LON,
  C_COUNTRY,
  C_DISTRICT,
  C_POP,
  C_GNID,
  C_SOURCE,
  C_NAMES,
  C_TAGS,
  C_NOTE
};

/* Ids seen so far, for duplicates and district references: open addressing
 * over place indexes (0 = empty, else index + 1). */
typedef struct id_set {
  uint32_t *slots;
  size_t mask;
} id_set;

static uint32_t hash_str(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) {
    h = (h ^ (unsigned char)*s) * 16777619u;
  }
  return h;
}

/* Returns the slot where `id` is or would go. */
static uint32_t *id_slot(id_set *set, const gazmap_gazetteer *g, const char *id) {
  size_t i = hash_str(id) & set->mask;
  while (set->slots[i] && strcmp(g->places[set->slots[i] - 1].id, id) != 0) {
    i = (i + 1) & set->mask;
  }
  return &set->slots[i];
}

static int valid_id(const char *s) {
  if (!*s) {
    return 0;
  }
  for (; *s; s++) {
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) {
      return 0;
    }
  }
  return 1;
}

/* Parses a whole field as a finite double. */
static int parse_double(const char *s, double *out) {
  char *end;
  if (!*s) {
    return -1;
  }
  errno = 0;
  *out = strtod(s, &end);
  if (errno || *end || !isfinite(*out)) {
    return -1;
  }
  return 0;
}

static int all_of(const char *s, size_t n, int (*pred)(int)) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (!pred((unsigned char)s[i])) {
      return 0;
    }
  }
  return 1;
}

static int is_lower(int c) {
  return c >= 'a' && c <= 'z';
}
static int is_upper(int c) {
  return c >= 'A' && c <= 'Z';
}
static int is_digit(int c) {
  return c >= '0' && c <= '9';
}
static int is_lower_alnum(int c) {
  return is_lower(c) || is_digit(c);
}

/* A BCP 47 tag of the shapes gazetteers use: a primary language subtag of 2-3
 * lowercase letters, then optional subtags: script (Latn), region (AZ or
 * 3 digits), variants (5-8 lowercase letters or digits). */
static int valid_lang(const char *s, size_t len) {
  size_t i = 0, start;
  while (i < len && s[i] != '-') {
    i++;
  }
  if (i < 2 || i > 3 || !all_of(s, i, is_lower)) {
    return 0;
  }
  while (i < len) {
    size_t n;
    start = ++i;
    while (i < len && s[i] != '-') {
      i++;
    }
    n = i - start;
    if (n == 4 && is_upper((unsigned char)s[start]) && all_of(s + start + 1, 3, is_lower)) {
      continue;
    }
    if ((n == 2 && all_of(s + start, 2, is_upper)) || (n == 3 && all_of(s + start, 3, is_digit))) {
      continue;
    }
    if (n >= 5 && n <= 8 && all_of(s + start, n, is_lower_alnum)) {
      continue;
    }
    return 0;
  }
  return 1;
}

/* Checks and (when `g` takes the row) adds the `names` column: entries
 * `lang[+flag...]:Name` separated by '|'.  Returns the number of problems;
 * with `add` set, names are appended to the last place. */
static int parse_names(gazmap_gazetteer *g, char *s, int add, gz_problems *pr, unsigned long line,
                       int *stop) {
  int problems = 0;
  while (s && *s) {
    char *bar = strchr(s, '|');
    char *colon, *plus, *text, *usage;
    unsigned flags = 0;
    if (bar) {
      *bar = '\0';
    }
    colon = strchr(s, ':');
    if (!colon || colon == s) {
      problems++;
      if ((*stop = gz_problem(pr, GAZMAP_EPARSE, line,
                              "name entry '%s' is not lang:Name (e.g. az:Şuşa)", s))) {
        return problems;
      }
      goto next;
    }
    *colon = '\0';
    text = colon + 1;
    usage = strchr(s, '@');
    if (usage) {
      char why[160];
      *usage++ = '\0';
      if (gz_usage_check(usage, why, sizeof why) < 0) {
        problems++;
        if ((*stop = gz_problem(pr, GAZMAP_EPARSE, line, "name '%s': %s", text, why))) {
          return problems;
        }
      }
    }
    plus = strchr(s, '+');
    if (plus) {
      char *flag = plus;
      *plus = '\0';
      while (flag) {
        char *next = strchr(flag + 1, '+');
        if (next) {
          *next = '\0';
        }
        if (!strcmp(flag + 1, "hist")) {
          flags |= GAZMAP_NAME_HISTORICAL;
        } else if (!strcmp(flag + 1, "unof")) {
          flags |= GAZMAP_NAME_UNOFFICIAL;
        } else if (!strcmp(flag + 1, "abbr")) {
          flags |= GAZMAP_NAME_ABBREV;
        } else {
          problems++;
          if ((*stop = gz_problem(pr, GAZMAP_EPARSE, line,
                                  "unknown name flag '+%s' (hist, unof or abbr)", flag + 1))) {
            return problems;
          }
        }
        flag = next;
      }
    }
    if (!valid_lang(s, strlen(s))) {
      problems++;
      if ((*stop = gz_problem(pr, GAZMAP_EPARSE, line,
                              "language tag '%s' is not BCP 47 (en, az, hy-Latn ...)", s))) {
        return problems;
      }
    } else if (!*text) {
      problems++;
      if ((*stop = gz_problem(pr, GAZMAP_EPARSE, line, "empty name for language '%s'", s))) {
        return problems;
      }
    } else if (add && problems == 0) {
      gazmap_name *nm = gz_add_name(g, text, s, flags);
      if (!nm) {
        *stop = 1;
        return gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
      }
      if (usage) {
        nm->usage = usage;
      }
    }
  next:
    s = bar ? bar + 1 : NULL;
  }
  return problems;
}

/* Validates the `tags` column: a comma list of [a-z0-9-]+ words. */
static int valid_tags(const char *s) {
  int need_word = 0;
  if (!*s) {
    return 1;
  }
  need_word = 1;
  for (; *s; s++) {
    if (*s == ',') {
      if (need_word) {
        return 0;
      }
      need_word = 1;
    } else if (is_lower_alnum((unsigned char)*s) || *s == '-') {
      need_word = 0;
    } else {
      return 0;
    }
  }
  return !need_word;
}

/* Validates `coord_source`: key[:detail] with key in [a-z][a-z0-9_-]*. */
static int valid_source(const char *s) {
  if (!is_lower((unsigned char)*s)) {
    return 0;
  }
  for (s++; *s && *s != ':'; s++) {
    if (!is_lower_alnum((unsigned char)*s) && *s != '_' && *s != '-') {
      return 0;
    }
  }
  return 1;
}

typedef struct district_ref {
  const char *id;
  unsigned long line;
} district_ref;

/* District chains of one file, through its own id table. */
typedef struct tsv_chain {
  id_set *ids;
  gazmap_gazetteer *g;
} tsv_chain;

static long tsv_parent(void *ud, size_t i) {
  tsv_chain *ch = ud;
  const char *d = ch->g->places[i].district;
  uint32_t slot;
  if (!*d) {
    return -1;
  }
  slot = *id_slot(ch->ids, ch->g, d);
  return slot ? (long)slot - 1 : -1;
}

/* The row's problems; each reported (and, in loading mode, stopping). */
#define PROBLEM(code, ...)                                                                         \
  do {                                                                                             \
    bad++;                                                                                         \
    if (gz_problem(pr, code, line, __VA_ARGS__)) {                                                 \
      rc = pr->first_code;                                                                         \
      goto done;                                                                                   \
    }                                                                                              \
  } while (0)

static int parse_tsv(gazmap_gazetteer *g, char *buf, size_t len, gz_problems *pr) {
  id_set ids = {NULL, 0};
  /* Places of earlier files of a set: their ids are taken too. */
  size_t base = g->nplaces;
  district_ref *refs = NULL;
  size_t nrefs = 0, pos = 0, nlines = 1, cap, i;
  unsigned long line = 0;
  int have_header = 0, rc = 0, bad = 0;
  char *text;
  size_t linelen;

  for (i = 0; i < len; i++) {
    nlines += buf[i] == '\n';
  }
  for (cap = 16; cap < (base + nlines) * 2; cap *= 2) {
  }
  ids.slots = calloc(cap, sizeof *ids.slots);
  ids.mask = cap - 1;
  refs = malloc(nlines * sizeof *refs);
  if (!ids.slots || !refs) {
    rc = gz_fail(GAZMAP_ENOMEM, pr->file, 0, "out of memory");
    goto done;
  }
  for (i = 0; i < base; i++) {
    uint32_t *slot = id_slot(&ids, g, g->places[i].id);
    if (!*slot) {
      *slot = (uint32_t)i + 1;
    }
  }
  if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3)) {
    pos = 3;
  }
  while ((text = gz_next_line(buf, len, &pos, &linelen)) != NULL) {
    char *f[NCOLS];
    size_t ncols, bad_at;
    int stop = 0;
    gazmap_kind kind;
    double lat = 0, lon = 0;
    int64_t pop = -1, gnid = 0;
    gazmap_place *p;

    line++;
    bad = 0;
    if (linelen > GZ_TSV_MAX_LINE) {
      PROBLEM(GAZMAP_ERANGE, "line is %zu bytes long; the limit is %u", linelen, GZ_TSV_MAX_LINE);
      continue;
    }
    bad_at = gz_utf8_invalid_at(text, linelen);
    if (bad_at < linelen) {
      PROBLEM(GAZMAP_EUTF8, "invalid UTF-8 at byte %zu of the line", bad_at + 1);
      continue;
    }
    bad_at = gz_nul_at(text, linelen);
    if (bad_at < linelen) {
      PROBLEM(GAZMAP_EPARSE, "NUL byte at byte %zu of the line", bad_at + 1);
      continue;
    }
    if (linelen == 0 || text[0] == '#') {
      continue;
    }
    if (!have_header) {
      have_header = 1;
      if (strcmp(text, header) != 0) {
        PROBLEM(GAZMAP_EPARSE, "the header must be exactly: %s", header);
      }
      continue;
    }
    ncols = gz_split_tabs(text, f, NCOLS);
    if (ncols != NCOLS) {
      PROBLEM(GAZMAP_EPARSE, "expected %d tab-separated columns, found %zu", NCOLS, ncols);
      continue;
    }
    if (!valid_id(f[C_ID])) {
      PROBLEM(GAZMAP_EPARSE, "id '%s' must be lowercase letters, digits and '-'", f[C_ID]);
    } else {
      uint32_t *slot = id_slot(&ids, g, f[C_ID]);
      if (*slot && *slot > base) {
        PROBLEM(GAZMAP_EPARSE, "duplicate id '%s' (first on line %lu)", f[C_ID],
                (unsigned long)g->places[*slot - 1].src_line);
      } else if (*slot) {
        PROBLEM(GAZMAP_EPARSE, "duplicate id '%s' (first in %s, line %lu)", f[C_ID],
                gz_place_file(g, &g->places[*slot - 1]),
                (unsigned long)g->places[*slot - 1].src_line);
      }
    }
    if (!*f[C_NAME]) {
      PROBLEM(GAZMAP_EPARSE, "empty name");
    }
    kind = gazmap_kind_parse(f[C_KIND]);
    if (kind == GAZMAP_KIND_UNKNOWN) {
      char kinds[256];
      gz_kind_list(kinds, sizeof kinds);
      PROBLEM(GAZMAP_EPARSE, "unknown kind '%s' (%s)", f[C_KIND], kinds);
    }
    if (parse_double(f[C_LAT], &lat) < 0 || lat < -90 || lat > 90) {
      PROBLEM(GAZMAP_EPARSE, "latitude '%s' is not a number from -90 to 90", f[C_LAT]);
    }
    if (parse_double(f[C_LON], &lon) < 0 || lon < -180 || lon > 180) {
      PROBLEM(GAZMAP_EPARSE, "longitude '%s' is not a number from -180 to 180", f[C_LON]);
    }
    if (*f[C_COUNTRY] && !(strlen(f[C_COUNTRY]) == 2 && all_of(f[C_COUNTRY], 2, is_upper))) {
      PROBLEM(GAZMAP_EPARSE, "country '%s' is not an ISO 3166-1 alpha-2 code", f[C_COUNTRY]);
    }
    if (*f[C_DISTRICT] && !valid_id(f[C_DISTRICT])) {
      PROBLEM(GAZMAP_EPARSE, "district '%s' is not an id", f[C_DISTRICT]);
    } else if (*f[C_DISTRICT] && !strcmp(f[C_DISTRICT], f[C_ID])) {
      PROBLEM(GAZMAP_EPARSE, "district '%s' is the row itself", f[C_DISTRICT]);
    }
    if (*f[C_POP] && gz_parse_count(f[C_POP], &pop) < 0) {
      PROBLEM(GAZMAP_EPARSE, "population '%s' is not a whole number", f[C_POP]);
    }
    if (*f[C_GNID] && (gz_parse_count(f[C_GNID], &gnid) < 0 || gnid == 0)) {
      PROBLEM(GAZMAP_EPARSE, "geonames_id '%s' is not a positive whole number", f[C_GNID]);
    }
    if (!valid_source(f[C_SOURCE])) {
      PROBLEM(GAZMAP_EPARSE, "coord_source '%s' is not key[:detail] (geonames, manual ...)",
              f[C_SOURCE]);
    }
    if (!valid_tags(f[C_TAGS])) {
      PROBLEM(GAZMAP_EPARSE, "tags '%s' are not a comma list of lowercase words", f[C_TAGS]);
    }
    /* The names are checked even when the row is already bad, so that
     * `gazmap check` shows everything at once; they are kept only for a
     * good row. */
    if (bad) {
      char *copy = f[C_NAMES];
      bad += parse_names(g, copy, 0, pr, line, &stop);
      if (stop) {
        rc = pr->first_code ? pr->first_code : GAZMAP_ENOMEM;
        goto done;
      }
      continue;
    }
    p = gz_add_place(g);
    if (!p) {
      rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
      goto done;
    }
    p->id = f[C_ID];
    p->name = f[C_NAME];
    p->kind = kind;
    p->lat = lat;
    p->lon = lon;
    p->country = f[C_COUNTRY];
    p->district = f[C_DISTRICT];
    p->population = pop;
    p->geonames_id = gnid;
    p->source = f[C_SOURCE];
    p->tags = f[C_TAGS];
    p->note = f[C_NOTE];
    p->src_line = (uint32_t)line;
    {
      size_t first = g->nnames, k;
      int found = 0;
      if (parse_names(g, f[C_NAMES], 1, pr, line, &stop) > 0 || stop) {
        /* A bad names column drops the row it belongs to (its id was not
         * registered yet: open addressing cannot forget a key). */
        g->nnames = first;
        g->nplaces--;
        if (stop) {
          rc = pr->first_code ? pr->first_code : GAZMAP_ENOMEM;
          goto done;
        }
        continue;
      }
      /* The canonical name is a name too, even when the column omits it. */
      for (k = first; k < g->nnames && !found; k++) {
        found = !strcmp(g->names[k].text, p->name);
      }
      if (!found && !gz_add_name(g, p->name, "en", 0)) {
        rc = gz_fail(GAZMAP_ENOMEM, pr->file, line, "out of memory");
        goto done;
      }
    }
    *id_slot(&ids, g, p->id) = (uint32_t)g->nplaces;
    if (*p->district) {
      refs[nrefs].id = p->district;
      refs[nrefs].line = line;
      nrefs++;
    }
  }
  if (!have_header) {
    line = line ? line : 1;
    PROBLEM(GAZMAP_EPARSE, "no header line: the file holds no gazetteer");
  }
  for (i = 0; i < nrefs && !pr->defer_refs; i++) {
    line = refs[i].line;
    if (!*id_slot(&ids, g, refs[i].id)) {
      PROBLEM(GAZMAP_EPARSE, "district '%s' is not the id of a row in this file", refs[i].id);
    }
  }
  if (!pr->defer_refs) {
    tsv_chain ch = {&ids, g};
    if (gz_check_district_cycles(g, base, pr, tsv_parent, &ch)) {
      rc = pr->first_code;
      goto done;
    }
  }
  rc = pr->count ? pr->first_code : 0;
done:
  free(ids.slots);
  free(refs);
  return rc;
}

static int sniff_tsv(const char *line, size_t n) {
  return n >= 8 && !memcmp(line, "id\tname\t", 8);
}

const gz_loader gz_loader_tsv = {
    "tsv",
    "the gazmap TSV header (id, name, kind, ...)",
    GZ_TSV_MAX_FILE,
    sniff_tsv,
    parse_tsv,
    NULL, 0, NULL, NULL, /* a text format: no magic */
};
