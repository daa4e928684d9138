/* Private: the layer registry.  Every map layer is one descriptor in a file
 * of its own (src/map/layers/<name>.c) saying what it is (name, group,
 * geometry, where its features come from), on which dates a feature is on
 * the map, how it is painted, labelled and shown in the legend; layers.c
 * lists the descriptors in one table.  gazmap_layer_names(), the --layers
 * groups, the "known: ..." messages, the paint order, the labels and the
 * legend are all walks over that table.  doc/render.md says how to add a
 * layer. */
#ifndef GAZMAP_LAYERS_H
#define GAZMAP_LAYERS_H

#include "gazmap/layer.h"

#include "map/label_internal.h"
#include "map/style_internal.h"

#include <stddef.h>

typedef struct gz_map gz_map;
typedef struct gz_layer_def gz_layer_def;
typedef struct gz_legend gz_legend;
typedef struct gz_label_langs gz_label_langs;

/* The registry holds at most this many layers (--layers keeps one bit per
 * layer in an unsigned). */
enum { GZ_LAYERS_MAX = 32 };

/* One layer of the map being drawn. */
typedef struct gz_map_layer {
  const gz_layer_def *def;
  gazmap_layer *data; /* NULL: not shown */
  double *page;       /* page x, y of every vertex of data */
} gz_map_layer;

/* The --layers groups a layer belongs to besides "all". */
typedef enum gz_layer_group {
  GZ_GROUP_NONE = 0, /* only by name or "all" (the places) */
  GZ_GROUP_BASEMAP,
  GZ_GROUP_THEMATIC
} gz_layer_group;

typedef enum gz_layer_source {
  GZ_SOURCE_SHAPEFILE = 0, /* <shapes>/<name>.shp */
  GZ_SOURCE_GAZETTEER      /* the places of the gazetteer */
} gz_layer_source;

/* One painting step of a layer, at depth `z`: steps of all layers are
 * painted in increasing z (ties: registry order).  A layer may paint twice,
 * as the countries do (land first, borders over the thematic layers). */
typedef struct gz_paint_step {
  void (*fn)(gz_map *m, const gz_map_layer *ml);
  int z;
} gz_paint_step;

/* How a layer offers its labels: `fn` gets the spec back, so one function
 * (gz_label_areas, gz_label_lines) serves several layers. */
typedef struct gz_label_spec {
  int (*fn)(gz_map *m, const gz_map_layer *ml, gz_labeler *lab, const struct gz_label_spec *spec);
  gz_text_class cls;
  double priority;   /* higher is placed first (label_internal.h) */
  const char *field; /* label with this attribute (a road's "highway"), not the
                        feature's names; NULL: the names */
  int overflow;      /* gz_label_areas: when no box fits inside the area, the
                        label is centred on its most interior point anyway
                        (lakes); 0: no label (countries must not straddle) */
} gz_label_spec;

/* How a layer shows in the legend: `fn` adds its rows (gz_legend_add) to
 * `section`; within a section, layers are listed by `rank` (ties: registry
 * order).  A section's heading is shown when it has a row. */
typedef struct gz_legend_spec {
  void (*fn)(gz_map *m, const gz_map_layer *ml, gz_legend *lg);
  gz_legend_section section;
  int rank;
  unsigned also; /* further sections, a bit (1u << section) each: `fn` is
                    called for each and asks gz_legend_at() which it is */
} gz_legend_spec;

struct gz_layer_def {
  const char *name; /* also the shapefile's name, for GZ_SOURCE_SHAPEFILE */
  gz_layer_group group;
  gazmap_geom geom; /* what the layer holds */
  gz_layer_source source;
  /* 1 when feature `i` is on the map's date; NULL: always. */
  int (*visible)(const gz_map *m, const gz_map_layer *ml, size_t i);
  gz_paint_step paint[2]; /* unused steps: fn NULL */
  gz_label_spec label;    /* fn NULL: no labels */
  gz_legend_spec legend;  /* fn NULL: not in the legend */
  const void *arg;        /* constant data for shared paint and legend functions */
  /* The gazetteer id of the region whose outline this layer's rings are
   * (nkao1991: nagorno-karabakh): the region's label stays inside them.
   * NULL: none. */
  const char *outlines;
  /* GZ_SOURCE_GAZETTEER: only the places with this tag (gazakh); NULL:
   * every place but line vertices. */
  const char *tag;
};

/* A plain line layer's look, as the `arg` of its descriptor: which stroke of
 * the style table draws it and which legend words describe it (offsetof
 * into gz_style and gz_words), so that gz_paint_line_layer and
 * gz_legend_line_layer serve every such layer. */
typedef struct gz_line_look {
  size_t stroke; /* offsetof(gz_style, ...) of a gz_stroke */
  size_t words;  /* offsetof(gz_words, ...) of a gz_legend_words */
} gz_line_look;

/* The registry, in the order of gazmap_layer_names(). */
size_t gz_layers_count(void);
const gz_layer_def *gz_layers_at(size_t i);

/* The index of layer `name` in the registry, or -1. */
int gz_layers_index(const char *name);

/* Turns a --layers list (names, group names, "all"; NULL: all) into one bit
 * per registry index.  GAZMAP_ENOTFOUND names the unknown word and lists
 * the known ones. */
int gz_layers_parse(const char *list, unsigned *mask);

/* "countries admin1 ..." (with_groups: then "basemap thematic all"), for
 * error messages. */
void gz_layers_known(char *buf, size_t cap, int with_groups);

/* The countries layer: the inset falls back on it. */
extern const gz_layer_def gz_layer_countries;

/* ---- the map's layers -------------------------------------------------------- */

/* Loads the features of ml->def into ml from its source (the shapefile in
 * `shapes_dir`, NULL: the bundled shapes; or the map's gazetteer, none
 * giving no features) and projects them to the page of `m`.  The caller
 * frees ml->data with gazmap_layer_free() and ml->page with free(). */
int gz_map_layer_load(gz_map *m, gz_map_layer *ml, const char *shapes_dir);

/* A point layer `name` of the places of `g` that have `tag` (NULL: every
 * place but line vertices), with the fields of the places layer.  The
 * caller frees *out with gazmap_layer_free(). */
int gz_layer_from_gazetteer(gazmap_layer **out, const gazmap_gazetteer *g, const char *name,
                            const char *tag);

/* ---- for the layer files --------------------------------------------------- */

/* The map's layer of descriptor `def`, or NULL when it is not shown. */
const gz_map_layer *gz_map_find(const gz_map *m, const gz_layer_def *def);

/* 1 when feature `i` of `ml` is on the map's date (its visible hook). */
int gz_feature_visible(const gz_map *m, const gz_map_layer *ml, size_t i);

/* 1 when any feature of `ml` is on the map's date. */
int gz_any_visible(const gz_map *m, const gz_map_layer *ml);

/* 1 when the map's date is `ymd` (YYYYMMDD) or later. */
int gz_date_reached(const gz_map *m, const char *ymd);

/* 1 when attribute `field` of feature `i`, a YYYYMMDD date, is on or before
 * the map's date; an empty attribute counts as always. */
int gz_attr_reached(const gz_map *m, const gz_map_layer *ml, size_t i, const char *field);

/* A visible hook: from the statement on, and from the feature's `since`
 * date (the peacekeepers' zones and patrols). */
int gz_visible_since(const gz_map *m, const gz_map_layer *ml, size_t i);

/* Paint and legend functions of a plain line layer (descriptor arg: a
 * gz_line_look): every visible feature stroked, one legend row when any is
 * visible. */
void gz_paint_line_layer(gz_map *m, const gz_map_layer *ml);
void gz_legend_line_layer(gz_map *m, const gz_map_layer *ml, gz_legend *lg);

/* A visible hook for a line of a period (the conflict's lines): from its
 * `since` date, and, on a map of a date the user chose, until its `until`
 * date.  The undated map shows the situation the page describes, with every
 * line that began by then. */
int gz_visible_period(const gz_map *m, const gz_map_layer *ml, size_t i);

#endif
