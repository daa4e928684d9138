/* A gazetteer place in the vocabulary of Nominatim and Photon: OSM's
 * key/value pairs for its kind, an address rank, a display name, name
 * details and an address.  One table below holds everything per kind. */
#define _GNU_SOURCE
#include "serve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per kind: the OSM tag a place of that kind carries, the rank Nominatim
 * gives such an object, the key it has in an address, Photon's layer, and
 * the half-side in degrees of the box drawn around its point (Nominatim
 * also gives points a box whose size depends on their rank). */
typedef struct kind_words {
  const char *osm_key, *osm_value;
  int rank;
  const char *address_key, *photon_type;
  double box;
} kind_words;

static const kind_words words[GAZMAP_KIND_COUNT_] = {
    [GAZMAP_KIND_UNKNOWN] = {"place", "locality", 25, "locality", "other", 0.01},
    [GAZMAP_KIND_COUNTRY] = {"boundary", "administrative", 4, "country", "country", 2.0},
    [GAZMAP_KIND_REGION] = {"boundary", "administrative", 8, "state", "state", 0.5},
    [GAZMAP_KIND_DISTRICT] = {"boundary", "administrative", 12, "county", "county", 0.2},
    [GAZMAP_KIND_CITY] = {"place", "city", 16, "city", "city", 0.1},
    [GAZMAP_KIND_TOWN] = {"place", "town", 18, "town", "city", 0.05},
    [GAZMAP_KIND_VILLAGE] = {"place", "village", 19, "village", "city", 0.02},
    [GAZMAP_KIND_PASS] = {"mountain_pass", "yes", 30, "locality", "other", 0.01},
    [GAZMAP_KIND_RIVER] = {"waterway", "river", 22, "water", "other", 0.2},
    [GAZMAP_KIND_LAKE] = {"natural", "water", 22, "water", "other", 0.05},
    [GAZMAP_KIND_CORRIDOR] = {"highway", "trunk", 26, "road", "street", 0.1},
    [GAZMAP_KIND_ROUTE] = {"route", "road", 26, "road", "street", 0.2},
    [GAZMAP_KIND_SITE] = {"amenity", "yes", 30, "amenity", "house", 0.005},
    [GAZMAP_KIND_WAYPOINT] = {"place", "locality", 25, "locality", "locality", 0.005},
    [GAZMAP_KIND_MOUNTAIN] = {"natural", "peak", 30, "peak", "other", 0.01},
    [GAZMAP_KIND_RANGE] = {"natural", "mountain_range", 18, "natural", "other", 0.3},
    [GAZMAP_KIND_PLATEAU] = {"natural", "plateau", 18, "natural", "other", 0.2},
    [GAZMAP_KIND_RESERVOIR] = {"natural", "water", 22, "water", "other", 0.05},
    [GAZMAP_KIND_CROSSING] = {"barrier", "border_control", 30, "amenity", "house", 0.005},
    [GAZMAP_KIND_AIRPORT] = {"aeroway", "aerodrome", 30, "aeroway", "other", 0.02},
    [GAZMAP_KIND_STATION] = {"railway", "station", 30, "railway", "house", 0.005},
};

static const kind_words *words_of(gazmap_kind k) {
  return &words[(unsigned)k < GAZMAP_KIND_COUNT_ ? k : GAZMAP_KIND_UNKNOWN];
}

void serve_kind_osm(gazmap_kind k, const char **key, const char **value) {
  *key = words_of(k)->osm_key;
  *value = words_of(k)->osm_value;
}

int serve_kind_rank(gazmap_kind k) {
  return words_of(k)->rank;
}

const char *serve_kind_address_key(gazmap_kind k) {
  return words_of(k)->address_key;
}

const char *serve_kind_photon_type(gazmap_kind k) {
  return words_of(k)->photon_type;
}

double serve_kind_box(gazmap_kind k) {
  return words_of(k)->box;
}

/* A language tag as accept-language and lang carry it: letters, digits and
 * '-', at most 15 bytes ("en", "hy-Latn", "az-Latn-AZ"). */
static int tag_ok(const char *s, size_t n) {
  size_t i;
  if (n == 0 || n > 15) {
    return 0;
  }
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_')) {
      return 0;
    }
  }
  return 1;
}

const char *serve_first_language(const char *list, char *buf, size_t cap, int *bad) {
  size_t n, i;
  *bad = 0;
  if (!list) {
    return NULL;
  }
  while (*list == ' ') {
    list++;
  }
  n = strcspn(list, ",;");
  while (n > 0 && list[n - 1] == ' ') {
    n--;
  }
  if (n == 0 && !*list) {
    return NULL;
  }
  if (n == 1 && *list == '*') {
    return NULL;
  }
  if (!tag_ok(list, n) || n >= cap) {
    *bad = 1;
    return NULL;
  }
  for (i = 0; i < n; i++) {
    /* "hy_AM" as some clients send it means "hy-AM"; the library's tags
     * are lowercase but for the script ("hy-Latn"). */
    buf[i] = list[i] == '_' ? '-' : list[i];
  }
  buf[n] = '\0';
  return buf;
}

const char *serve_name(const gazmap_place *p, const char *lang) {
  return gazmap_place_name_in(p, lang ? lang : "en");
}

const gazmap_place *serve_district(const serve_ctx *c, const gazmap_place *p) {
  const char *d = gazmap_place_district(p);
  return *d ? gazmap_gazetteer_find_id(c->g, d) : NULL;
}

static void append(char *buf, size_t cap, size_t *used, const char *s) {
  int w;
  if (*used >= cap) {
    return;
  }
  w = snprintf(buf + *used, cap - *used, "%s%s", *used ? ", " : "", s);
  *used += w > 0 ? (size_t)w : 0;
}

void serve_display_name(const serve_ctx *c, const gazmap_place *p, const char *lang, char *buf,
                        size_t cap) {
  const gazmap_place *d = serve_district(c, p), *country;
  size_t used = 0;
  buf[0] = '\0';
  append(buf, cap, &used, serve_name(p, lang));
  if (d && d != p) {
    append(buf, cap, &used, serve_name(d, lang));
  }
  country = *gazmap_place_country(p) ? serve_country(c, gazmap_place_country(p)) : NULL;
  if (country && country != p) {
    append(buf, cap, &used, serve_name(country, lang));
  }
}

json_t *serve_namedetails(const gazmap_place *p, const char *lang) {
  json_t *o = json_object();
  size_t n = gazmap_place_name_count(p), i;
  char key[64];
  if (!o) {
    return NULL;
  }
  json_object_set_new(o, "name", json_string(serve_name(p, lang)));
  for (i = 0; i < n; i++) {
    const gazmap_name *nm = gazmap_place_name_at(p, i);
    const char *prefix = nm->flags & GAZMAP_NAME_HISTORICAL ? "old_name"
                         : nm->flags & GAZMAP_NAME_ABBREV   ? "short_name"
                                                            : "name";
    json_t *have;
    snprintf(key, sizeof key, "%s:%s", prefix, nm->lang);
    /* The first name of a kind in a language is the preferred one (the
     * data lists it first); later ones are alt_name as in OSM, joined by
     * ';' the way OSM joins several values of one key. */
    if (!(have = json_object_get(o, key))) {
      json_object_set_new(o, key, json_string(nm->text));
      continue;
    }
    snprintf(key, sizeof key, "%s:%s", !strcmp(prefix, "name") ? "alt_name" : prefix, nm->lang);
    if ((have = json_object_get(o, key))) {
      char *joined = NULL;
      if (asprintf(&joined, "%s;%s", json_string_value(have), nm->text) >= 0) {
        json_object_set_new(o, key, json_string(joined));
        free(joined);
      }
    } else {
      json_object_set_new(o, key, json_string(nm->text));
    }
  }
  return o;
}

json_t *serve_address(const serve_ctx *c, const gazmap_place *p, const char *lang) {
  json_t *a = json_object();
  const gazmap_place *d = serve_district(c, p), *country;
  const char *cc = gazmap_place_country(p);
  if (!a) {
    return NULL;
  }
  json_object_set_new(a, serve_kind_address_key(gazmap_place_kind(p)),
                      json_string(serve_name(p, lang)));
  if (d && d != p) {
    json_object_set_new(a, serve_kind_address_key(gazmap_place_kind(d)),
                        json_string(serve_name(d, lang)));
  }
  if (*cc) {
    char lower[3] = {(char)(cc[0] | 0x20), (char)(cc[1] | 0x20), '\0'};
    country = serve_country(c, cc);
    if (country && country != p) {
      json_object_set_new(a, "country", json_string(serve_name(country, lang)));
    }
    json_object_set_new(a, "country_code", json_string(lower));
  }
  return a;
}

json_t *serve_coord_string(double v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%.7f", v);
  return json_string(buf);
}

json_t *serve_rounded(double v, int decimals) {
  double scale = pow(10, decimals);
  return json_real(round(v * scale) / scale);
}

int serve_nearest(const serve_ctx *c, double lat, double lon, unsigned kinds,
                  const gazmap_place **out, double *km, size_t k, size_t *n) {
  return gazmap_near(c->g, lat, lon, kinds, out, km, k, n);
}

/* Keeps the matches whose country is in the comma list `countries`
 * ("az,am"; any case). */
static size_t keep_countries(gazmap_match *m, size_t n, const char *countries) {
  size_t i, kept = 0;
  for (i = 0; i < n; i++) {
    const char *cc = gazmap_place_country(m[i].place), *s = countries;
    int ok = 0;
    while (*s && !ok) {
      size_t len = strcspn(s, ",");
      ok = len == 2 && *cc && (s[0] | 0x20) == (cc[0] | 0x20) && (s[1] | 0x20) == (cc[1] | 0x20);
      s += len + (s[len] == ',');
    }
    if (ok) {
      m[kept++] = m[i];
    }
  }
  return kept;
}

int serve_geocode(const serve_ctx *c, const char *q, const char *countries, gazmap_match *out,
                  size_t cap, size_t *n) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  const char *comma;
  int rc;
  /* Waypoints are line vertices, not places to send anyone to. */
  o.kinds = ~0u & ~(1u << GAZMAP_KIND_WAYPOINT);
  *n = 0;
  /* "Shusha, Azerbaijan": the first part names the place, the rest where
   * it is; looked up whole, the string could fuzzily match the rest. */
  if ((comma = strchr(q, ',')) && comma > q &&
      (rc = gazmap_lookup(c->g, q, (size_t)(comma - q), &o, out, cap, n)) < 0) {
    return rc;
  }
  if (*n == 0 && (rc = gazmap_lookup(c->g, q, strlen(q), &o, out, cap, n)) < 0) {
    return rc;
  }
  if (countries && *countries) {
    *n = keep_countries(out, *n, countries);
  }
  return 0;
}
