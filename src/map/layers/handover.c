/* The districts of the 10 November 2020 statement and the areas taken in
 * the war: each feature is hidden, pending, handed over or taken on the
 * map's date, and filled with that state's style. */
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"

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

/* One row per district, with its dates; the war's areas share one row,
 * last. */
static void legend(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  const gz_style *st = m->st;
  const gz_words *w = &st->words;
  char text[256], note[256], deadline[32], handed[32];
  size_t i, n = gazmap_layer_count(ml->data);
  int any_war = 0;
  for (i = 0; i < n; i++) {
    state s = state_of(m, ml, i);
    const char *name = gazmap_layer_attr(ml->data, i, "name");
    const char *art = gazmap_layer_attr(ml->data, i, "article");
    any_war |= s == WAR;
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
  if (any_war) {
    gz_legend_add(lg, gz_swatch_fill, &st->war, w->war.text, w->war.note);
  }
}

const gz_layer_def gz_layer_handover = {
    .name = "handover",
    .group = GZ_GROUP_THEMATIC,
    .geom = GAZMAP_GEOM_POLYGON,
    .visible = visible,
    .paint = {{paint, 30}},
    .legend = {legend, GZ_LEGEND_HANDOVER, 1},
};
