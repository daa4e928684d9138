/* The layer registry: one line per layer, in the order of
 * gazmap_layer_names().  Everything that lists layers - the --layers
 * groups, the "known: ..." messages, gazmap_layer_names(), the paint order,
 * the labels, the legend - walks this table, so a new layer is a new file
 * in src/map/layers/ and one line here (doc/render.md). */
#include "map/layers.h"

#include "gazmap/error.h"
#include "gazmap/layer.h"

#include "map/layer_internal.h"
#include "map/legend.h"
#include "map/paint.h"
#include "map/render_internal.h"
#include "util/error.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GZ_LAYERS(X)                                                                               \
  X(countries)                                                                                     \
  X(admin1)                                                                                        \
  X(mainroads)                                                                                     \
  X(lakes)                                                                                         \
  X(rivers)                                                                                        \
  X(handover)                                                                                      \
  X(peacekeeping)                                                                                  \
  X(nkao1991)                                                                                      \
  X(loc1994)                                                                                       \
  X(loc2020)                                                                                       \
  X(patrols)                                                                                       \
  X(routes)                                                                                        \
  X(sites)                                                                                         \
  X(gazakh)                                                                                        \
  X(places)

#define GZ_DECLARE(name) extern const gz_layer_def gz_layer_##name;
#define GZ_ENTRY(name) &gz_layer_##name,
GZ_LAYERS(GZ_DECLARE)
static const gz_layer_def *const registry[] = {GZ_LAYERS(GZ_ENTRY)};

#define N_LAYERS (sizeof registry / sizeof registry[0])
_Static_assert(N_LAYERS <= GZ_LAYERS_MAX, "more layers than GZ_LAYERS_MAX");

/* The group names, by gz_layer_group (GZ_GROUP_NONE has none). */
static const char *const group_names[] = {"basemap", "thematic", NULL};

size_t gz_layers_count(void) {
  return N_LAYERS;
}

const gz_layer_def *gz_layers_at(size_t i) {
  return i < N_LAYERS ? registry[i] : NULL;
}

int gz_layers_index(const char *name) {
  size_t i;
  for (i = 0; i < N_LAYERS; i++) {
    if (!strcmp(registry[i]->name, name)) {
      return (int)i;
    }
  }
  return -1;
}

/* ---- public names ---------------------------------------------------------- */

/* The names, copied out of the descriptors once: C cannot initialise a
 * static array from other objects' fields. */
static const char *names[N_LAYERS + 1];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void names_fill(void) {
  size_t i;
  for (i = 0; i < N_LAYERS; i++) {
    names[i] = registry[i]->name;
  }
  names[N_LAYERS] = NULL;
}

const char *const *gazmap_layer_names(void) {
  pthread_once(&names_once, names_fill);
  return names;
}

int gazmap_layer_known(const char *name) {
  return name && gz_layers_index(name) >= 0;
}

const char *const *gazmap_layer_groups(void) {
  return group_names;
}

const char *gazmap_layer_group(const char *name) {
  int i = name ? gz_layers_index(name) : -1;
  return i >= 0 && registry[i]->group != GZ_GROUP_NONE ? group_names[registry[i]->group - 1] : NULL;
}

/* ---- --layers ---------------------------------------------------------------- */

void gz_layers_known(char *buf, size_t cap, int with_groups) {
  size_t i, len = 0;
  buf[0] = '\0';
  for (i = 0; i < N_LAYERS && len < cap; i++) {
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " " : "", registry[i]->name);
  }
  for (i = 0; with_groups && group_names[i] && len < cap; i++) {
    len += (size_t)snprintf(buf + len, cap - len, " %s", group_names[i]);
  }
  if (with_groups && len < cap) {
    snprintf(buf + len, cap - len, " all");
  }
}

/* The bits of the layers `word` names: a layer, a group or "all". */
static unsigned word_mask(const char *word) {
  unsigned mask = 0;
  size_t i, g;
  if (!strcmp(word, "all")) {
    return (1u << N_LAYERS) - 1;
  }
  for (g = 0; group_names[g]; g++) {
    if (!strcmp(word, group_names[g])) {
      for (i = 0; i < N_LAYERS; i++) {
        mask |= (registry[i]->group == (gz_layer_group)(g + 1)) ? 1u << i : 0;
      }
      return mask;
    }
  }
  i = (size_t)gz_layers_index(word);
  return i < N_LAYERS ? 1u << i : 0;
}

int gz_layers_parse(const char *list, unsigned *mask) {
  const char *p = list;
  char known[512];
  *mask = 0;
  if (!list) {
    *mask = (1u << N_LAYERS) - 1;
    return 0;
  }
  while (*p) {
    size_t len = strcspn(p, ",");
    unsigned bits;
    char word[64];
    if (len == 0) {
      p++;
      continue;
    }
    if (len >= sizeof word) {
      return gz_fail(GAZMAP_ENOTFOUND, NULL, 0, "unknown layer '%.*s'", (int)len, p);
    }
    memcpy(word, p, len);
    word[len] = '\0';
    if (!(bits = word_mask(word))) {
      gz_layers_known(known, sizeof known, 1);
      return gz_fail(GAZMAP_ENOTFOUND, NULL, 0, "unknown layer '%s' (known: %s)", word, known);
    }
    *mask |= bits;
    p += len;
    if (*p == ',') {
      p++;
    }
  }
  return 0;
}

/* ---- the map's layers -------------------------------------------------------- */

int gz_map_layer_load(gz_map *m, gz_map_layer *ml, const char *shapes_dir) {
  size_t n, v;
  const double *xy;
  int rc;
  if (ml->def->source == GZ_SOURCE_GAZETTEER) {
    /* Places come straight from the gazetteer; no gazetteer, no places. */
    if (!m->g) {
      return 0;
    }
    if ((rc = gz_layer_from_gazetteer(&ml->data, m->g, ml->def->name, ml->def->tag)) < 0) {
      return rc;
    }
  } else if ((rc = gazmap_layer_open(&ml->data, shapes_dir, ml->def->name, m->g)) < 0) {
    return rc;
  }
  xy = gz_layer_xy(ml->data, &n);
  if (!(ml->page = malloc(n * 2 * sizeof *xy + 1))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  /* An empty layer (gazakh without tagged rows) has no vertices: xy is NULL,
   * which memcpy must not get even for no bytes. */
  if (n > 0) {
    memcpy(ml->page, xy, n * 2 * sizeof *xy);
  }
  /* One PROJ call per layer: per-point calls cost more than drawing. */
  gz_proj_fwd(m->proj, ml->page, n);
  for (v = 0; v < n; v++) {
    double *p = ml->page + 2 * v;
    if (p[0] != HUGE_VAL && p[1] != HUGE_VAL) {
      gz_frame_apply(&m->frame, p[0], p[1], &p[0], &p[1]);
    }
  }
  return 0;
}

const gz_map_layer *gz_map_find(const gz_map *m, const gz_layer_def *def) {
  size_t i;
  for (i = 0; i < GZ_LAYERS_MAX; i++) {
    if (m->layer[i].def == def && m->layer[i].data) {
      return &m->layer[i];
    }
  }
  return NULL;
}

int gz_feature_visible(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return !ml->def->visible || ml->def->visible(m, ml, i);
}

int gz_any_visible(const gz_map *m, const gz_map_layer *ml) {
  size_t i, n = gazmap_layer_count(ml->data);
  for (i = 0; i < n; i++) {
    if (gz_feature_visible(m, ml, i)) {
      return 1;
    }
  }
  return 0;
}

int gz_date_reached(const gz_map *m, const char *ymd) {
  return strcmp(m->date, ymd) >= 0;
}

int gz_attr_reached(const gz_map *m, const gz_map_layer *ml, size_t i, const char *field) {
  const char *attr = gazmap_layer_attr(ml->data, i, field);
  return !attr[0] || strncmp(attr, m->date, 8) <= 0;
}

/* The stroke and words a line layer's descriptor points at. */
static const gz_stroke *line_stroke(const gz_map *m, const gz_map_layer *ml) {
  const gz_line_look *look = ml->def->arg;
  return (const gz_stroke *)((const char *)m->st + look->stroke);
}

static const gz_legend_words *line_words(const gz_map *m, const gz_map_layer *ml) {
  const gz_line_look *look = ml->def->arg;
  return (const gz_legend_words *)((const char *)&m->st->words + look->words);
}

void gz_paint_line_layer(gz_map *m, const gz_map_layer *ml) {
  gz_stroke_features(m, ml, line_stroke(m, ml), 0);
}

void gz_legend_line_layer(gz_map *m, const gz_map_layer *ml, gz_legend *lg) {
  if (gz_any_visible(m, ml)) {
    const gz_legend_words *w = line_words(m, ml);
    gz_legend_add(lg, gz_swatch_line, line_stroke(m, ml), w->text, w->note);
  }
}

int gz_visible_period(const gz_map *m, const gz_map_layer *ml, size_t i) {
  const char *until = gazmap_layer_attr(ml->data, i, "until");
  if (!gz_attr_reached(m, ml, i, "since")) {
    return 0;
  }
  return !m->dated || !until[0] || strncmp(m->date, until, 8) <= 0;
}

int gz_visible_since(const gz_map *m, const gz_map_layer *ml, size_t i) {
  return gz_attr_reached(m, ml, i, "since") && gz_date_reached(m, m->st->statement_date);
}
