/* The stock labelling of layer features: the label text of a feature, area
 * labels where they fit inside their area (area_fit.c), line labels along
 * the longest part. */
#include "map/paint.h"

#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  if (!m->dual_names) {
    return name;
  }
  for (i = 0; i < n; i++) {
    const gazmap_name *o = gazmap_place_name_at(p, i);
    if (!strcmp(o->lang, m->lang) && strcmp(o->text, name) &&
        (has_usage(o->usage, "NKR") || has_usage(o->usage, "MEDIA"))) {
      snprintf(buf, cap, "%s / %s", name, o->text);
      return buf;
    }
  }
  return name;
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
  if (!v[0]) {
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
    /* Wholly inside the feature and, where there is room, off the thematic
     * areas: a country's name does not straddle a border or cover the
     * peacekeeping zone. */
    gz_typo_measure(m->typo, spec->cls, text, 0, &w, &h);
    nc = gz_area_fit(m, gz_area_ink_feature, &f, ml, i, w, h, spec->overflow, xy, AREA_CANDIDATES);
    if (nc && (rc = gz_labeler_area_at(lab, text, spec->cls, xy, nc, 0, spec->priority)) < 0) {
      return rc;
    }
  }
  return 0;
}
