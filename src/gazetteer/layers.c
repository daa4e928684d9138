/* Layered gazetteers: the bundled (curated) data on top, then the files the
 * user adds (gazmap TSV or GeoNames dumps), searched as one gazetteer.
 *
 * The layers are loaded one by one and then stacked into one gazetteer
 * whose places are the layers' places, in layer order, except those merged
 * into a place of a higher layer: same GeoNames id, same place id, or (for
 * an imported place) one of its names equal to a name of a curated place
 * within a few km.  A merged place adds its names to the place it joins, so
 * that "Shushi" from a GeoNames dump is one more spelling of the curated
 * Shusha, not a second Shusha.  Strings keep pointing into the layers'
 * buffers: the stacked gazetteer owns the layers (and frees their place and
 * name arrays once copied, so memory is not held twice). */
#include "gazetteer/gazetteer_internal.h"
#include "util/error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Imported places within this many km of a curated place of the same name
 * are that place, by default: GeoNames and the curated rows put a town's
 * point a few hundred metres to a couple of km apart. */
#define DEFAULT_MERGE_KM 5.0

/* Great-circle distance on a sphere of the mean Earth radius: a threshold
 * of a few km needs no ellipsoid (and must not load PROJ at start-up). */
static double sphere_km(double lat1, double lon1, double lat2, double lon2) {
  const double r = 6371.0088, rad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double a = sin(dlat / 2) * sin(dlat / 2) +
             cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
  return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

void gz_set_roi(gazmap_gazetteer *g) {
  size_t i;
  g->has_roi = 0;
  for (i = 0; i < g->nplaces; i++) {
    const gazmap_place *p = &g->places[i];
    if (p->imported) {
      continue;
    }
    if (!g->has_roi) {
      g->roi_lat0 = g->roi_lat1 = p->lat;
      g->roi_lon0 = g->roi_lon1 = p->lon;
      g->has_roi = 1;
      continue;
    }
    g->roi_lat0 = p->lat < g->roi_lat0 ? p->lat : g->roi_lat0;
    g->roi_lat1 = p->lat > g->roi_lat1 ? p->lat : g->roi_lat1;
    g->roi_lon0 = p->lon < g->roi_lon0 ? p->lon : g->roi_lon0;
    g->roi_lon1 = p->lon > g->roi_lon1 ? p->lon : g->roi_lon1;
  }
}

/* ---- GeoNames id -> stacked place ---------------------------------------- */

typedef struct gnid_map {
  int64_t *keys; /* 0 = empty (GeoNames ids are positive) */
  uint32_t *values;
  size_t mask;
} gnid_map;

static int gnid_map_init(gnid_map *m, size_t n) {
  size_t cap = 16;
  while (cap < 2 * n) {
    cap *= 2;
  }
  m->keys = calloc(cap, sizeof *m->keys);
  m->values = malloc(cap * sizeof *m->values);
  m->mask = cap - 1;
  return m->keys && m->values ? 0 : -1;
}

static size_t gnid_slot(const gnid_map *m, int64_t key) {
  uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15ull;
  size_t i = (size_t)(h >> 20) & m->mask;
  while (m->keys[i] && m->keys[i] != key) {
    i = (i + 1) & m->mask;
  }
  return i;
}

/* ---- stacking ------------------------------------------------------------ */

/* What the stacking builds besides the gazetteer: who joined whom. */
typedef struct stack {
  gazmap_gazetteer *g;        /* the stacked gazetteer */
  const gazmap_place **joined; /* places merged into others, in merge order */
  uint32_t *join_next;        /* per joined place: the next one of its target + 1 */
  uint32_t *head, *tail;      /* per stacked place: first/last joined + 1 */
  size_t njoined;
  gnid_map gnids;
  gz_nameset ids;             /* place id -> stacked place */
  gz_nameset curated;         /* curated name -> first entry of cur_* */
  uint32_t *cur_place, *cur_next; /* entries: stacked place, next entry + 1 */
  size_t ncur, cap_cur;
  double merge_km;
} stack;

/* The stacked place an imported place `p` is the same as, by name and
 * distance, or -1. */
static long same_by_name(const stack *st, const gazmap_place *p, const gazmap_name *names) {
  size_t k;
  for (k = 0; k < p->name_count; k++) {
    uint32_t e;
    if (!gz_nameset_get(&st->curated, names[k].text, &e)) {
      continue;
    }
    for (e = e + 1; e; e = st->cur_next[e - 1]) {
      const gazmap_place *c = &st->g->places[st->cur_place[e - 1]];
      if (sphere_km(c->lat, c->lon, p->lat, p->lon) <= st->merge_km) {
        return (long)st->cur_place[e - 1];
      }
    }
  }
  return -1;
}

/* Records the names of the curated stacked place `t` for later layers. */
static int remember_curated(stack *st, uint32_t t, const gazmap_name *names, size_t n) {
  size_t k;
  for (k = 0; k < n; k++) {
    uint32_t first;
    int had;
    if (st->ncur == st->cap_cur) {
      size_t cap = st->cap_cur ? st->cap_cur * 2 : 1024;
      uint32_t *a = realloc(st->cur_place, cap * sizeof *a), *b;
      if (!a) {
        return -1;
      }
      st->cur_place = a;
      if (!(b = realloc(st->cur_next, cap * sizeof *b))) {
        return -1;
      }
      st->cur_next = b;
      st->cap_cur = cap;
    }
    had = gz_nameset_add(&st->curated, names[k].text, (uint32_t)st->ncur, &first);
    if (had < 0) {
      return -1;
    }
    st->cur_place[st->ncur] = t;
    st->cur_next[st->ncur] = 0;
    if (had) {
      /* Chain it after the first entry of the name. */
      st->cur_next[st->ncur] = st->cur_next[first];
      st->cur_next[first] = (uint32_t)st->ncur + 1;
    }
    st->ncur++;
  }
  return 0;
}

/* Places one layer's place: merged into the stacked place it is the same
 * as, or appended. */
static int place_one(stack *st, const gazmap_gazetteer *layer, const gazmap_place *p) {
  const gazmap_name *names = layer->names + p->first_name;
  long t = -1;
  uint32_t found;
  size_t gs = 0;

  if (p->geonames_id > 0) {
    gs = gnid_slot(&st->gnids, p->geonames_id);
    if (st->gnids.keys[gs]) {
      t = (long)st->gnids.values[gs];
    }
  }
  if (t < 0 && gz_nameset_get(&st->ids, p->id, &found)) {
    t = (long)found;
  }
  if (t < 0 && p->imported) {
    t = same_by_name(st, p, names);
  }
  if (t >= 0) {
    gazmap_place *tp = &st->g->places[t];
    st->joined[st->njoined] = p;
    st->join_next[st->njoined] = 0;
    if (st->tail[t]) {
      st->join_next[st->tail[t] - 1] = (uint32_t)st->njoined + 1;
    } else {
      st->head[t] = (uint32_t)st->njoined + 1;
    }
    st->tail[t] = (uint32_t)++st->njoined;
    if (tp->population < 0 && p->population >= 0) {
      tp->population = p->population;
    }
    if (!tp->geonames_id && p->geonames_id > 0) {
      tp->geonames_id = p->geonames_id;
      gs = gnid_slot(&st->gnids, p->geonames_id);
      st->gnids.keys[gs] = p->geonames_id;
      st->gnids.values[gs] = (uint32_t)t;
    }
    return 0;
  }
  t = (long)st->g->nplaces;
  if (gz_nameset_add(&st->ids, p->id, (uint32_t)t, NULL) < 0) {
    return -1;
  }
  st->g->places[st->g->nplaces++] = *p;
  st->g->places[t].src_file = 0;
  if (p->geonames_id > 0) {
    gs = gnid_slot(&st->gnids, p->geonames_id);
    st->gnids.keys[gs] = p->geonames_id;
    st->gnids.values[gs] = (uint32_t)t;
  }
  return p->imported ? 0 : remember_curated(st, (uint32_t)t, names, p->name_count);
}

/* Copies the names: each stacked place's own, then those of the places that
 * joined it that it lacks. */
static int stack_names(stack *st, size_t total) {
  gazmap_gazetteer *g = st->g;
  gz_nameset seen = {NULL, 0, 0, 0};
  size_t i, k = 0;
  g->names = malloc((total ? total : 1) * sizeof *g->names);
  g->name_place = malloc((total ? total : 1) * sizeof *g->name_place);
  if (!g->names || !g->name_place) {
    return -1;
  }
  for (i = 0; i < g->nplaces; i++) {
    gazmap_place *p = &g->places[i];
    const gazmap_name *own = p->names;
    size_t first = k, j;
    uint32_t e;
    if (gz_nameset_reset(&seen) < 0) {
      gz_nameset_free(&seen);
      return -1;
    }
    for (j = 0; j < p->name_count; j++) {
      if (gz_nameset_add(&seen, own[j].text, 0, NULL) == 0) {
        g->names[k] = own[j];
        g->name_place[k++] = (uint32_t)i;
      }
    }
    for (e = st->head[i]; e; e = st->join_next[e - 1]) {
      const gazmap_place *q = st->joined[e - 1];
      for (j = 0; j < q->name_count; j++) {
        int had = gz_nameset_add(&seen, q->names[j].text, 0, NULL);
        if (had < 0) {
          gz_nameset_free(&seen);
          return -1;
        }
        if (!had) {
          g->names[k] = q->names[j];
          g->name_place[k++] = (uint32_t)i;
        }
      }
    }
    p->first_name = (uint32_t)first;
    p->name_count = (uint32_t)(k - first);
  }
  gz_nameset_free(&seen);
  g->nnames = g->cap_names = k;
  return 0;
}

static void stack_free(stack *st) {
  free(st->joined);
  free(st->join_next);
  free(st->head);
  free(st->tail);
  free(st->gnids.keys);
  free(st->gnids.values);
  gz_nameset_free(&st->ids);
  gz_nameset_free(&st->curated);
  free(st->cur_place);
  free(st->cur_next);
}

/* Stacks `n` loaded layers (taken, freed on failure too) into *out. */
static int stack_layers(gazmap_gazetteer **out, gazmap_gazetteer **layers, size_t n,
                        double merge_km) {
  stack st;
  size_t places = 0, names = 0, l, i;
  int rc = 0;

  memset(&st, 0, sizeof st);
  st.merge_km = merge_km;
  for (l = 0; l < n; l++) {
    gz_materialise_all(layers[l]); /* a compiled index is stacked place by place */
    places += layers[l]->nplaces;
    names += layers[l]->nnames;
  }
  if (places >= UINT32_MAX || names >= UINT32_MAX) {
    rc = gz_fail(GAZMAP_ERANGE, layers[0]->path, 0, "%zu places, %zu names: too many to stack",
                 places, names);
    goto fail;
  }
  st.g = gz_gazetteer_new(layers[0]->path);
  if (!st.g || !(st.g->places = malloc((places ? places : 1) * sizeof *st.g->places)) ||
      !(st.joined = malloc((places ? places : 1) * sizeof *st.joined)) ||
      !(st.join_next = malloc((places ? places : 1) * sizeof *st.join_next)) ||
      !(st.head = calloc(places + 1, sizeof *st.head)) ||
      !(st.tail = calloc(places + 1, sizeof *st.tail)) || gnid_map_init(&st.gnids, places) < 0 ||
      gz_nameset_reset(&st.ids) < 0 || gz_nameset_reset(&st.curated) < 0) {
    goto nomem;
  }
  st.g->cap_places = places;
  for (l = 0; l < n; l++) {
    for (i = 0; i < layers[l]->nplaces; i++) {
      if (place_one(&st, layers[l], &layers[l]->places[i]) < 0) {
        goto nomem;
      }
    }
  }
  if (stack_names(&st, names) < 0) {
    goto nomem;
  }
  /* The layers' arrays are copied: keep only their strings. */
  for (l = 0; l < n; l++) {
    gazmap_gazetteer *y = layers[l];
    if (y->map) {
      gz_index_drop_arrays(y); /* its strings stay mapped */
    } else {
      free(y->places);
      free(y->names);
      free(y->name_place);
    }
    gz_ids_free(y->ids);
    y->places = NULL;
    y->names = NULL;
    y->name_place = NULL;
    y->ids = NULL;
    y->nplaces = y->nnames = y->cap_places = y->cap_names = 0;
    if (y->index_free) {
      y->index_free(y->index);
      y->index_free = NULL;
      y->index = NULL;
    }
  }
  st.g->layers = layers;
  st.g->nlayers = n;
  layers = NULL;
  stack_free(&st);
  return gz_gazetteer_hand_out(st.g, 0, out);
nomem:
  rc = gz_fail(GAZMAP_ENOMEM, layers[0]->path, 0, "out of memory stacking the gazetteer layers");
fail:
  stack_free(&st);
  gazmap_gazetteer_free(st.g);
  for (l = 0; l < n; l++) {
    gazmap_gazetteer_free(layers[l]);
  }
  free(layers);
  return rc;
}

int gazmap_gazetteer_open_layers(gazmap_gazetteer **out, const gazmap_layers_opts *o) {
  gazmap_gazetteer **layers = NULL, *pre = NULL;
  size_t n = 0, i, j, first = 0;
  int rc = 0;

  *out = NULL;
  if (!o || o->version < 1) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "gazmap_gazetteer_open_layers: no options");
  }
  if (o->no_bundled && o->nfiles == 0) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0,
                   "without the bundled gazetteer, give at least one gazetteer file");
  }
  layers = calloc(o->nfiles + 1, sizeof *layers);
  if (!layers) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  /* A compiled index that holds the bundled gazetteer as it is now stands
   * for it and itself, in place: nothing is stacked, nothing is loaded. */
  if (!o->no_bundled && o->nfiles > 0 && gz_index_sniff(o->files[0]) == 1) {
    if ((rc = gz_open_filtered(&pre, o->files[0], o)) < 0 ||
        (rc = gz_index_bundled_current(pre)) < 0) {
      gazmap_gazetteer_free(pre);
      goto fail;
    }
    if (rc == 1) {
      layers[n++] = pre;
      pre = NULL;
    }
    first = 1;
    rc = 0;
  }
  if (!o->no_bundled && !(first && !pre)) {
    if ((rc = gazmap_gazetteer_open(&layers[n], NULL)) < 0) {
      gazmap_gazetteer_free(pre);
      goto fail;
    }
    n++;
  }
  if (pre) {
    layers[n++] = pre; /* an index without the bundled gazetteer: below it */
  }
  for (i = first; i < o->nfiles; i++) {
    int imported = 0;
    if ((rc = gz_open_filtered(&layers[n], o->files[i], o)) < 0) {
      goto fail;
    }
    n++;
    /* Alternate names join GeoNames layers; an index has them built in. */
    imported = !layers[n - 1]->map && layers[n - 1]->nplaces > 0 &&
               layers[n - 1]->places[0].imported;
    for (j = 0; imported && j < o->naltnames; j++) {
      if ((rc = gz_geonames_add_altnames(layers[n - 1], o->altnames[j])) < 0) {
        goto fail;
      }
    }
  }
  if (n == 1) {
    /* One layer needs no stacking (and stays exactly what it was). */
    *out = layers[0];
    free(layers);
    return 0;
  }
  rc = stack_layers(out, layers, n, o->merge_km > 0 ? o->merge_km : DEFAULT_MERGE_KM);
  if (rc >= 0) {
    (*out)->with_bundled = !o->no_bundled || (*out)->layers[0]->with_bundled;
  }
  return rc;
fail:
  while (n > 0) {
    gazmap_gazetteer_free(layers[--n]);
  }
  free(layers);
  return rc;
}

/* ---- feature classes ----------------------------------------------------- */

int gazmap_country_in_list(const char *list, const char *cc) {
  size_t n = strlen(cc);
  while (*list) {
    const char *comma = strchr(list, ',');
    size_t len = comma ? (size_t)(comma - list) : strlen(list);
    if (len == n && !memcmp(list, cc, n)) {
      return 1;
    }
    if (!comma) {
      break;
    }
    list = comma + 1;
  }
  return 0;
}

int gazmap_class_parse(const char *list, unsigned *classes) {
  static const struct {
    const char *letter, *word;
    unsigned bit;
  } table[] = {
      {"P", "populated", GAZMAP_CLASS_POPULATED}, {"A", "administrative", GAZMAP_CLASS_ADMIN},
      {"H", "hydrographic", GAZMAP_CLASS_HYDRO},  {"T", "terrain", GAZMAP_CLASS_TERRAIN},
      {"R", "roads", GAZMAP_CLASS_ROADS},          {"S", "other", GAZMAP_CLASS_OTHER},
  };
  const char *s = list;
  for (;;) {
    const char *comma = strchr(s, ',');
    size_t len = comma ? (size_t)(comma - s) : strlen(s), k;
    int ok = 0;
    for (k = 0; k < sizeof table / sizeof table[0] && !ok; k++) {
      if ((len == strlen(table[k].letter) && !memcmp(s, table[k].letter, len)) ||
          (len == strlen(table[k].word) && !memcmp(s, table[k].word, len))) {
        *classes |= table[k].bit;
        ok = 1;
      }
    }
    if (!ok) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0,
                     "unknown feature class '%.*s' (P populated, A administrative, H "
                     "hydrographic, T terrain, R roads, S other)",
                     (int)len, s);
    }
    if (!comma) {
      return 0;
    }
    s = comma + 1;
  }
}
