/* The stock labelling of layer features: the label text of a feature, area
 * labels where they fit inside their area (area_fit.c), line labels along
 * the longest part. */
#define _GNU_SOURCE
#include "map/paint.h"

#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the languages of labels --------------------------------------------------- */

struct gz_label_langs {
  char **text;
  const char **lang; /* the map's language or "en": strings that outlive the labels */
  size_t n, cap;
};

gz_label_langs *gz_label_langs_new(void) {
  return calloc(1, sizeof(gz_label_langs));
}

void gz_label_langs_free(gz_label_langs *ll) {
  size_t i;
  if (!ll) {
    return;
  }
  for (i = 0; i < ll->n; i++) {
    free(ll->text[i]);
  }
  free(ll->text);
  free(ll->lang);
  free(ll);
}

/* 1 when `a` and `b` are the same text but for where lines break (a layer
 * may wrap a name it got from gz_place_label onto two lines). */
static int same_words(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    if (*a != *b && !((*a == ' ' || *a == '\n') && (*b == ' ' || *b == '\n'))) {
      return 0;
    }
  }
  return *a == *b;
}

const char *gz_label_lang_of(void *arg, const char *text) {
  const gz_map *m = arg;
  size_t i;
  for (i = 0; m->label_langs && i < m->label_langs->n; i++) {
    if (same_words(m->label_langs->text[i], text)) {
      return m->label_langs->lang[i];
    }
  }
  return NULL;
}

/* Notes that `text` is in `lang`; running out of memory only loses the
 * note (the label is then marked with the page's language). */
static void note_lang(const gz_map *m, const char *text, const char *lang) {
  gz_label_langs *ll = m->label_langs;
  char *copy;
  if (!ll || gz_label_lang_of((void *)m, text)) {
    return;
  }
  if (ll->n == ll->cap) {
    size_t cap = ll->cap ? 2 * ll->cap : 64;
    char **t = realloc(ll->text, cap * sizeof *t);
    const char **l;
    if (!t) {
      return;
    }
    ll->text = t;
    if (!(l = realloc(ll->lang, cap * sizeof *l))) {
      return;
    }
    ll->lang = l;
    ll->cap = cap;
  }
  if ((copy = strdup(text))) {
    ll->text[ll->n] = copy;
    ll->lang[ll->n++] = lang;
  }
}

/* 1 when place `p` has `text` as a name in `lang` (or a tag of it: hy-Latn
 * is not hy). */
static int is_name_in(const gazmap_place *p, const char *text, const char *lang) {
  size_t i, n = gazmap_place_name_count(p);
  for (i = 0; i < n; i++) {
    const gazmap_name *o = gazmap_place_name_at(p, i);
    if (!strcmp(o->lang, lang) && !strcmp(o->text, text)) {
      return 1;
    }
  }
  return 0;
}

/* 1 when the usage list `usage` ("SU=1923-1991;NKR;MEDIA") has `code`. */
static int has_usage(const char *usage, const char *code) {
  size_t n = strlen(code);
  const char *p = usage;
  while (*p) {
    size_t len = strcspn(p, ";=");
    if (len == n && !memcmp(p, code, n)) {
      return 1;
    }
    p += strcspn(p, ";");
    p += *p == ';';
  }
  return 0;
}

const char *gz_place_label(const gz_map *m, const gazmap_place *p, char *buf, size_t cap) {
  const char *name = gazmap_place_name_in(p, m->lang);
  size_t i, n = gazmap_place_name_count(p);
  int in_lang = m->label_langs && is_name_in(p, name, m->lang);
  if (!m->dual_names) {
    if (in_lang) {
      note_lang(m, name, m->lang);
    }
    return name;
  }
  for (i = 0; i < n; i++) {
    const gazmap_name *o = gazmap_place_name_at(p, i);
    if (!strcmp(o->lang, m->lang) && strcmp(o->text, name) &&
        (has_usage(o->usage, "NKR") || has_usage(o->usage, "MEDIA"))) {
      snprintf(buf, cap, "%s / %s", name, o->text);
      if (in_lang) {
        note_lang(m, buf, m->lang);
      }
      return buf;
    }
  }
  if (in_lang) {
    note_lang(m, name, m->lang);
  }
  return name;
}

const char *gz_place_short_label(const gz_map *m, const gazmap_place *p, const char *label) {
  size_t i, n = gazmap_place_name_count(p);
  const char *best = NULL;
  for (i = 0; i < n; i++) {
    const gazmap_name *o = gazmap_place_name_at(p, i);
    size_t len = strlen(o->text);
    /* A short form, not another spelling: the label's first words. */
    if (!strcmp(o->lang, m->lang) && !o->flags && !o->usage[0] &&
        len < strlen(best ? best : label) && !strncmp(o->text, label, len) && label[len] == ' ') {
      best = o->text;
    }
  }
  if (best && m->label_langs) {
    note_lang(m, best, m->lang);
  }
  return best;
}

const char *gz_feature_label(const gz_map *m, const gz_map_layer *ml, size_t i, char *buf,
                             size_t cap) {
  const gazmap_layer *l = ml->data;
  const char *id = gazmap_layer_attr(l, i, "id");
  const gazmap_place *p = (m->g && id[0]) ? gazmap_gazetteer_find_id(m->g, id) : NULL;
  const char *v;
  if (p) {
    return gz_place_label(m, p, buf, cap);
  }
  snprintf(buf, cap, "name_%s", m->lang);
  v = gazmap_layer_attr(l, i, buf);
  if (v[0]) {
    note_lang(m, v, m->lang);
  } else {
    v = gazmap_layer_attr(l, i, "name_en");
  }
  if (!v[0]) {
    v = gazmap_layer_attr(l, i, "name");
  }
  return v;
}

static double polyline_length(const double *xy, size_t n) {
  double len = 0;
  size_t v;
  for (v = 1; v < n; v++) {
    if (xy[2 * v] != HUGE_VAL && xy[2 * v - 2] != HUGE_VAL) {
      len += hypot(xy[2 * v] - xy[2 * v - 2], xy[2 * v + 1] - xy[2 * v - 1]);
    }
  }
  return len;
}

/* A line feature's label: its spec's attribute, or its names. */
static const char *line_label(const gz_map *m, const gz_map_layer *ml, const gz_label_spec *spec,
                              size_t i, char *buf, size_t cap) {
  return spec->field ? gazmap_layer_attr(ml->data, i, spec->field)
                     : gz_feature_label(m, ml, i, buf, cap);
}

int gz_label_lines(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  const gazmap_layer *l = ml->data;
  size_t i, j, n = gazmap_layer_count(l), np, p, len;
  char buf[128], buf2[128];
  int rc;
  for (i = 0; i < n; i++) {
    const char *name = line_label(m, ml, spec, i, buf, sizeof buf);
    const double *best = NULL;
    size_t best_n = 0;
    double best_len = 0;
    int seen = 0;
    if (!gz_feature_visible(m, ml, i) || !name[0]) {
      continue;
    }
    for (j = 0; j < i && !seen; j++) {
      seen = !strcmp(line_label(m, ml, spec, j, buf2, sizeof buf2), name);
    }
    if (seen) {
      continue;
    }
    /* The longest part among all features of this name. */
    for (j = i; j < n; j++) {
      if (strcmp(line_label(m, ml, spec, j, buf2, sizeof buf2), name)) {
        continue;
      }
      np = gazmap_layer_parts(l, j);
      for (p = 0; p < np; p++) {
        const double *xy = gz_page_part(ml, j, p, &len);
        double pl = polyline_length(xy, len);
        if (pl > best_len) {
          best_len = pl;
          best = xy;
          best_n = len;
        }
      }
    }
    if (best && (rc = gz_labeler_line(lab, name, spec->cls, best, best_n, spec->priority)) < 0) {
      return rc;
    }
  }
  return 0;
}

/* The most candidate centres an area label is offered. */
#define AREA_CANDIDATES 12

int gz_label_areas(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  char buf[128];
  size_t i, n = gazmap_layer_count(ml->data), nc;
  double xy[2 * AREA_CANDIDATES], w, h;
  int rc;
  for (i = 0; i < n; i++) {
    const char *text = gz_feature_label(m, ml, i, buf, sizeof buf);
    gz_area_feature f = {ml, i};
    if (!text[0] || !gz_feature_visible(m, ml, i)) {
      continue;
    }
    /* Wholly inside the feature and off the thematic areas but for a sliver
     * (style: label_cover_max): a country's name does not straddle a border
     * or cover the peacekeeping zone.  Where the frame leaves its country
     * no such room (the Lachin corridor's frame, all of whose Azerbaijan is
     * districts and zones), the country goes unlabelled rather than hide
     * the corridor; a lake (overflow) is then labelled at its most interior
     * point. */
    gz_typo_measure(m->typo, spec->cls, text, 0, &w, &h);
    nc = gz_area_fit_covering(m, gz_area_ink_feature, &f, ml, i, w, h, spec->overflow,
                              m->st->label_cover_max, xy, AREA_CANDIDATES);
    if (nc && (rc = gz_labeler_area_at(lab, text, spec->cls, xy, nc, 0, spec->priority)) < 0) {
      return rc;
    }
  }
  return 0;
}
