/* Reading the scanner's table of cases (tests/data/scan/ *.cases, format in
 * tests/data/scan/README.md) and running one through a scanner.  Shared by
 * test_scan.c, test_resolve.c and test_tables.c; header-only because the
 * build compiles only test_*.c and testutil.c. */
#ifndef GAZMAP_SCAN_CASES_H
#define GAZMAP_SCAN_CASES_H

#include "gazmap/gazmap.h"
#include "gazmap/scan.h"
#include "scan_fixture.h"
#include "testutil.h"

#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SC_MAX_WANT 16

typedef struct sc_want {
  char *surface, *id, *role;
} sc_want;

typedef struct sc_case {
  const char *file;
  int line;
  char *text;
  size_t len;
  size_t nwant;
  sc_want want[SC_MAX_WANT];
  char *why_of, *why; /* resolve.cases: the mention whose why must hold `why` */
} sc_case;

typedef struct sc_found {
  size_t n;
  char surface[SC_MAX_WANT * 2][256];
  char id[SC_MAX_WANT * 2][64];
  char role[SC_MAX_WANT * 2][16];
  char why[SC_MAX_WANT * 2][256];
  uint64_t offset[SC_MAX_WANT * 2];
} sc_found;

static size_t sc_put_utf8(char *o, unsigned long cp) {
  if (cp < 0x80) {
    o[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Decodes the escapes of a case line into a new buffer (caller frees). */
static char *sc_unescape(const char *s, size_t *len) {
  char *o = malloc(strlen(s) * 4 + 1);
  size_t n = 0;
  while (o && *s) {
    if (s[0] == '\\' && s[1] == 'n') {
      o[n++] = '\n';
      s += 2;
    } else if (s[0] == '\\' && s[1] == 't') {
      o[n++] = '\t';
      s += 2;
    } else if (s[0] == '\\' && s[1] == '\\') {
      o[n++] = '\\';
      s += 2;
    } else if (s[0] == '\\' && s[1] == 'x') {
      char hex[3] = {s[2], s[3], 0};
      o[n++] = (char)strtoul(hex, NULL, 16);
      s += 4;
    } else if (s[0] == '\\' && s[1] == 'u' && s[2] == '{') {
      char *end;
      unsigned long cp = strtoul(s + 3, &end, 16);
      n += sc_put_utf8(o + n, cp);
      s = *end == '}' ? end + 1 : end;
    } else {
      o[n++] = *s++;
    }
  }
  if (o) {
    o[n] = '\0';
  }
  *len = n;
  return o;
}

static char *sc_trim(char *s) {
  char *e;
  while (*s == ' ') {
    s++;
  }
  e = s + strlen(s);
  while (e > s && (e[-1] == ' ' || e[-1] == '\r')) {
    *--e = '\0';
  }
  return s;
}

/* Appends the cases of `path` to *cases (grown with realloc). */
static void sc_load(const char *path, sc_case **cases, size_t *n) {
  char *text = tu_read_file(path, NULL), *line, *next;
  int lineno = 0;
  if (!text) {
    return;
  }
  for (line = text; line; line = next) {
    sc_case *c = *n ? &(*cases)[*n - 1] : NULL;
    size_t len;
    next = strchr(line, '\n');
    if (next) {
      *next++ = '\0';
    }
    lineno++;
    if (!strncmp(line, "text:", 5)) {
      *cases = realloc(*cases, (*n + 1) * sizeof **cases);
      c = &(*cases)[(*n)++];
      memset(c, 0, sizeof *c);
      c->file = strdup(path);
      c->line = lineno;
      c->text = sc_unescape(sc_trim(line + 5), &c->len);
    } else if (!strncmp(line, "want:", 5) && c && c->nwant < SC_MAX_WANT) {
      char *v = sc_trim(line + 5), *bar1, *bar2;
      if (!strcmp(v, "-")) {
        continue;
      }
      bar1 = strchr(v, '|');
      bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
      if (!bar2) {
        continue;
      }
      *bar1 = *bar2 = '\0';
      c->want[c->nwant].surface = sc_unescape(sc_trim(v), &len);
      c->want[c->nwant].id = strdup(sc_trim(bar1 + 1));
      c->want[c->nwant].role = strdup(sc_trim(bar2 + 1));
      c->nwant++;
    } else if (!strncmp(line, "why-of:", 7) && c) {
      c->why_of = sc_unescape(sc_trim(line + 7), &len);
    } else if (!strncmp(line, "why:", 4) && c) {
      c->why = strdup(sc_trim(line + 4));
    }
  }
  free(text);
}

static int sc_collect(void *ud, const gazmap_mention *m) {
  sc_found *f = ud;
  if (f->n < SC_MAX_WANT * 2) {
    snprintf(f->surface[f->n], sizeof f->surface[0], "%s", m->surface);
    /* An unresolved mention: "-", or "in " and the id of its hint. */
    if (m->place) {
      snprintf(f->id[f->n], sizeof f->id[0], "%s", gazmap_place_id(m->place));
    } else {
      snprintf(f->id[f->n], sizeof f->id[0], "%s%s", m->hint ? "in " : "-",
               m->hint ? gazmap_place_id(m->hint) : "");
    }
    snprintf(f->role[f->n], sizeof f->role[0], "%s", gazmap_role_name(m->role));
    snprintf(f->why[f->n], sizeof f->why[0], "%s", m->why);
    f->offset[f->n] = m->offset;
  }
  f->n++;
  return 0;
}

/* "surface | id | role" lines of a list, for failure messages. */
static void sc_describe(const sc_found *f, const sc_case *c, char *out, size_t cap) {
  size_t i, o = 0;
  out[0] = '\0';
  if (f) {
    for (i = 0; i < f->n && i < SC_MAX_WANT * 2 && o < cap; i++) {
      o += (size_t)snprintf(out + o, cap - o, "\n    %s | %s | %s", f->surface[i], f->id[i],
                            f->role[i]);
    }
  } else {
    for (i = 0; i < c->nwant && o < cap; i++) {
      o += (size_t)snprintf(out + o, cap - o, "\n    %s | %s | %s", c->want[i].surface,
                            c->want[i].id, c->want[i].role);
    }
  }
  if (o == 0) {
    snprintf(out, cap, " (none)");
  }
}

/* 1 when the scan of `c` found exactly its wanted mentions, in order. */
static int sc_matches(const sc_case *c, const sc_found *f) {
  size_t i;
  if (f->n != c->nwant) {
    return 0;
  }
  for (i = 0; i < f->n; i++) {
    if (strcmp(f->surface[i], c->want[i].surface) || strcmp(f->id[i], c->want[i].id) ||
        strcmp(f->role[i], c->want[i].role)) {
      return 0;
    }
  }
  return 1;
}

/* The case table read from tests/data/scan/ (the gazetteer and the
 * scanner are scan_fixture.h's). */
static sc_case *cases;
static size_t ncases;

/* Frees a table read by the case reader. */
static void sc_free_cases(sc_case *tab, size_t n) {
  size_t i, j;
  for (i = 0; i < n; i++) {
    free((char *)tab[i].file);
    free(tab[i].text);
    free(tab[i].why_of);
    free(tab[i].why);
    for (j = 0; j < tab[i].nwant; j++) {
      free(tab[i].want[j].surface);
      free(tab[i].want[j].id);
      free(tab[i].want[j].role);
    }
  }
  free(tab);
}

/* Appends the cases of every file of the tests folder matching the glob
 * `pattern` to the shared table, except files whose path holds `skip` (may
 * be NULL).  Returns 0, or -1 (said on stderr) when no case was read. */
static int sc_load_glob(const char *pattern, const char *skip) {
  glob_t gl;
  size_t i;
  const char *full = tu_test_path(pattern);
  if (glob(full, 0, NULL, &gl) == 0) {
    for (i = 0; i < gl.gl_pathc; i++) {
      if (!skip || !strstr(gl.gl_pathv[i], skip)) {
        sc_load(gl.gl_pathv[i], &cases, &ncases);
      }
    }
    globfree(&gl);
  }
  if (ncases == 0) {
    fprintf(stderr, "no cases under %s\n", tu_test_path(pattern));
    return -1;
  }
  return 0;
}

/* Scans the case `c` with the shared scanner and checks that it gives its
 * wanted mentions and, where it names one, the explanation it wants. */
static void sc_check_case(const sc_case *c) {
  sc_found f = {0};
  char got[4096], want[4096];
  size_t i;
  ck_assert_int_eq(gazmap_scan_buffer(scanner, c->text, c->len, sc_collect, &f), 0);
  sc_describe(&f, c, got, sizeof got);
  sc_describe(NULL, c, want, sizeof want);
  ck_assert_msg(sc_matches(c, &f), "%s:%d: \"%s\"\n  want:%s\n  got:%s", c->file, c->line, c->text,
                want, got);
  if (c->why_of && c->why) {
    for (i = 0; i < f.n && strcmp(f.surface[i], c->why_of); i++) {
    }
    ck_assert_msg(i < f.n, "%s:%d: no mention '%s'", c->file, c->line, c->why_of);
    ck_assert_msg(strstr(f.why[i], c->why) != NULL, "%s:%d: why of '%s' lacks '%s': %s", c->file,
                  c->line, c->why_of, c->why, f.why[i]);
  }
}

/* Opens the bundled gazetteer and a scanner (reporting unresolved
 * mentions, as the CLI does), runs the suite `name` of one TCase of that
 * name holding `tests` in this process (the tests share the scanner), frees
 * everything including the case table, and returns main()'s exit status. */
static int sc_main(const char *name, const tu_test *tests, size_t ntests) {
  tu_tcase tc = {.name = name, .tests = tests, .ntests = ntests};
  int status = sc_scanner_main(name, &tc, 1, 1);
  sc_free_cases(cases, ncases);
  return status;
}

#endif
