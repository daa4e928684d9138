/* The districts of the 10 November 2020 statement and the areas taken in
 * the war: each feature is hidden, pending, handed over or taken on the
 * map's date, and filled with that state's style. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef enum state { HIDDEN = 0, PENDING, HANDED, WAR } state;

static state state_of(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const char *status = gazmap_layer_attr(ml->data, i, "status");
  const char *handed = gazmap_layer_attr(ml->data, i, "handed");
  /* Areas taken in the war appear on the day they were taken (their
   * `handed` date; always, when the data gives none). */
  if (!strcmp(status, "war")) {
    return gz_attr_reached(m, ml, i, "handed") ? WAR : HIDDEN;
  }
  /* Before the statement there was nothing to hand over. */
  if (!gz_date_reached(m, m->st->statement_date)) {
    return HIDDEN;
  }
  return handed[0] && gz_attr_reached(m, ml, i, "handed") ? HANDED : PENDING;
}

static int visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return state_of(m, ml, i) != HIDDEN;
}

static void paint(gz_map *m, const gz_map_layer *ml) {
  size_t i, n = gazmap_layer_count(ml->data);
  for (i = 0; i < n; i++) {
    state s = state_of(m, ml, i);
    if (s != HIDDEN) {
      gz_fill_feature(m, ml, i,
                      s == HANDED ? &m->st->handed
                      : s == WAR  ? &m->st->war
                                  : &m->st->pending);
    }
  }
}

/* The returned districts, one row each with its dates; the areas taken in
 * the war, one row naming them all, in their own section. */
static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  const gz_style *st = m->st;
  const gz_words *w = &st->words;
  char text[256], note[512], deadline[32], handed[32];
  size_t i, n = gazmap_layer_count(ml->data), len = 0;
  int war = gz_legend_at(lg) == GZ_LEGEND_WAR;
  note[0] = '\0';
  for (i = 0; i < n; i++) {
    state s = state_of(m, ml, i);
    const char *name = gazmap_layer_attr(ml->data, i, "name");
    const char *art = gazmap_layer_attr(ml->data, i, "article");
    if (war) {
      if (s == WAR && len < sizeof note) {
        len += (size_t)snprintf(note + len, sizeof note - len, "%s%s", len ? ", " : "", name);
      }
      continue;
    }
    if (s != PENDING && s != HANDED) {
      continue;
    }
    gz_human_date(deadline, sizeof deadline, st, gazmap_layer_attr(ml->data, i, "deadline"));
    gz_human_date(handed, sizeof handed, st, gazmap_layer_attr(ml->data, i, "handed"));
    if (s == HANDED) {
      snprintf(text, sizeof text, w->handed, name, handed);
    } else {
      snprintf(text, sizeof text, w->pending, name);
    }
    if (art[0]) {
      snprintf(note, sizeof note, w->deadline_article, art, deadline);
    } else {
      snprintf(note, sizeof note, w->deadline, deadline);
    }
    gz_legend_add(lg, gz_swatch_fill, s == HANDED ? &st->handed : &st->pending, text, note);
  }
  if (war && len > 0) {
    gz_legend_add(lg, gz_swatch_fill, &st->war, w->war.text, note);
  }
}

/* ---- labels ------------------------------------------------------------------ */

/* 1 when feature `i` is a whole district of the gazetteer (Fuzuli District):
 * its town's label names it already, and the town's date is not the
 * district's. */
static int is_district(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const gazmap_place *p =
      m->g ? gazmap_gazetteer_find_id(m->g, gazmap_layer_attr(ml->data, i, "id")) : NULL;
  return p && gazmap_place_kind(p) == GAZMAP_KIND_DISTRICT;
}

/* The label of feature `i` on the map's date: a returned district's name
 * and the day it was handed over, or its deadline while it is not yet; an
 * area taken in the war (Hadrut, Shusha), its name and the day it was
 * taken.  "" for none. */
static const char *area_text(const gz_map *m, const gz_map_layer *ml, size_t i, state s, char *buf,
                             size_t cap) {
  const gz_words *w = &m->st->words;
  const char *name = gazmap_layer_attr(ml->data, i, "name");
  char date[32], line2[64];
  const char *field = s == PENDING ? "deadline" : "handed";
  const char *fmt = s == HANDED ? w->map_handed : s == PENDING ? w->map_deadline : w->map_taken;
  if (s == HIDDEN || !name[0] || (s == WAR && is_district(m, ml, i))) {
    return "";
  }
  gz_human_date(date, sizeof date, m->st, gazmap_layer_attr(ml->data, i, field));
  if (!gazmap_layer_attr(ml->data, i, field)[0]) {
    snprintf(buf, cap, "%s", name);
    return buf;
  }
  snprintf(line2, sizeof line2, fmt, date);
  snprintf(buf, cap, "%s\n%s", name, line2);
  return buf;
}

/* Each district and area inside itself, off the other thematic areas
 * (Lachin District's label does not cover the corridor); where its label
 * does not fit, in the smaller class; and a returned district too small for
 * either at this scale by a callout: the label beside it, on free land,
 * with a leader to the district's most interior point.  The three are one
 * label's alternatives (gz_labeler_group_begin), tried in that order. */
/* A callout is offered this many candidate boxes, around this many dots. */
#define CALLOUT_CANDIDATES 64
#define CALLOUT_DOTS 8

static int label(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const gz_label_spec *spec) {
  static const gz_text_class classes[] = {GZ_TEXT_DISTRICT, GZ_TEXT_DISTRICT_SMALL};
  size_t i, c, n = gazmap_layer_count(ml->data), nc;
  double xy[2 * CALLOUT_CANDIDATES], dots[2 * CALLOUT_CANDIDATES], anchor[2 * CALLOUT_DOTS];
  double w = 0, h = 0, w2, h2;
  char text[160], other[160];
  int rc = 0;
  for (i = 0; i < n && rc == 0; i++) {
    gz_area_feature f = {ml, i};
    state s = state_of(m, ml, i);
    if (!area_text(m, ml, i, s, text, sizeof text)[0]) {
      continue;
    }
    gz_labeler_group_begin(lab);
    for (c = 0; c < sizeof classes / sizeof classes[0] && rc == 0; c++) {
      gz_typo_measure(m->typo, classes[c], text, 0, &w, &h);
      /* A district's label is as wide on every date (the widest of "due"
       * and "handed over"), so that its date moves no other label. */
      if (s == PENDING || s == HANDED) {
        gz_typo_measure(m->typo, classes[c],
                        area_text(m, ml, i, s == PENDING ? HANDED : PENDING, other, sizeof other),
                        0, &w2, &h2);
        w = fmax(w, w2);
      }
      nc = gz_area_fit_covering(m, gz_area_ink_feature, &f, ml, i, w, h, 0, m->st->label_cover_max,
                                xy, 12);
      if (nc) {
        rc = gz_labeler_area_at(lab, text, classes[c], xy, nc, w, spec->priority);
      }
    }
    /* The callout, in the smaller class measured last; its dots are the
     * most interior points of the district's part clear of the other
     * areas, a few apart (a town's label may cover the first). */
    if (rc == 0 && (s == PENDING || s == HANDED)) {
      size_t na = gz_area_dots(m, ml, i, h, anchor, CALLOUT_DOTS), a, k, total = 0;
      for (a = 0; a < na; a++) {
        nc = gz_area_callout(m, anchor[2 * a], anchor[2 * a + 1], w, h, xy + 2 * total,
                             CALLOUT_CANDIDATES - total);
        for (k = total; k < total + nc; k++) {
          dots[2 * k] = anchor[2 * a];
          dots[2 * k + 1] = anchor[2 * a + 1];
        }
        total += nc;
      }
      if (total) {
        rc = gz_labeler_callout(lab, text, GZ_TEXT_DISTRICT_SMALL, xy, dots, total, w,
                                spec->priority);
      }
    }
    gz_labeler_group_end(lab);
  }
  return rc;
}

const gz_layer_def gz_layer_handover = {
    .name = "handover",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_POLYGON,
    .visible = visible,
    .paint = {{paint, 30}},
    .label = {label, GZ_TEXT_DISTRICT, 30, NULL, 0},
    .legend = {legend, GZ_LEGEND_HANDOVER, 1, 1u << GZ_LEGEND_WAR},
};
