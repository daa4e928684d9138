/* Printing places the same way in every command (see places.h). */
#define _GNU_SOURCE
#include "places.h"

#include <stdio.h>
#include <string.h>

int cli_parse_kinds(const char *cmd, const char *list, unsigned *mask) {
  const char *s = list;
  while (*s) {
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    char word[32];
    gazmap_kind k;
    if (n == 0 || n >= sizeof word) {
      return cli_usage(cmd, "'%s' is not a list of kinds", list);
    }
    memcpy(word, s, n);
    word[n] = '\0';
    k = gazmap_kind_parse(word);
    if (k == GAZMAP_KIND_UNKNOWN) {
      char kinds[256];
      size_t used = 0;
      int i;
      kinds[0] = '\0';
      for (i = 1; i < GAZMAP_KIND_COUNT_ && used < sizeof kinds; i++) {
        int w = snprintf(kinds + used, sizeof kinds - used, "%s%s", i > 1 ? " " : "",
                         gazmap_kind_name((gazmap_kind)i));
        used += w > 0 ? (size_t)w : 0;
      }
      return cli_usage(cmd, "unknown kind '%s' (%s)", word, kinds);
    }
    *mask |= 1u << k;
    s = comma ? comma + 1 : s + n;
  }
  return 0;
}

int cli_check_country(const char *cmd, const char *cc) {
  if (strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') {
    return cli_usage(cmd, "country must be an ISO 3166-1 alpha-2 code such as AZ, not '%s'", cc);
  }
  return 0;
}

static const char *flag_words(unsigned flags) {
  if (flags & GAZMAP_NAME_HISTORICAL) {
    return flags & GAZMAP_NAME_UNOFFICIAL ? "historical, unofficial" : "historical";
  }
  if (flags & GAZMAP_NAME_UNOFFICIAL) {
    return "unofficial";
  }
  if (flags & GAZMAP_NAME_ABBREV) {
    return "abbreviation";
  }
  return "";
}

/* One name as lookup shows it: the text, then in brackets its flags and who
 * uses or used it ("Stepanakert (historical; official in the Soviet period
 * (1923-1991); used by the Armenian authorities of Karabakh (1991-2023))"). */
static void print_name(FILE *to, const gazmap_name *nm) {
  char usage[512];
  const char *flags = flag_words(nm->flags);
  gazmap_name_usage(nm, usage, sizeof usage);
  fputs(nm->text, to);
  if (*flags || *usage) {
    fprintf(to, " (%s%s%s)", flags, *flags && *usage ? "; " : "", usage);
  }
}

/* True when a name before index i already has i's language, so that the
 * language was printed with that earlier name. */
static int lang_seen_before(const gazmap_place *p, size_t i) {
  const char *lang = gazmap_place_name_at(p, i)->lang;
  size_t j;
  for (j = 0; j < i; j++) {
    if (!strcmp(gazmap_place_name_at(p, j)->lang, lang)) {
      return 1;
    }
  }
  return 0;
}

void cli_print_names(FILE *to, const gazmap_place *p, const char *first_indent,
                     const char *indent) {
  size_t n = gazmap_place_name_count(p), i, j;
  for (i = 0; i < n; i++) {
    const gazmap_name *nm = gazmap_place_name_at(p, i);
    int first = 1;
    if (lang_seen_before(p, i)) {
      continue;
    }
    fprintf(to, "%s%s: ", i == 0 ? first_indent : indent, nm->lang);
    for (j = i; j < n; j++) {
      const gazmap_name *o = gazmap_place_name_at(p, j);
      if (strcmp(o->lang, nm->lang) != 0) {
        continue;
      }
      fputs(first ? "" : ", ", to);
      print_name(to, o);
      first = 0;
    }
    fputc('\n', to);
  }
}

/* The status word of a name's flags (doc/json.md): "current" for none,
 * else the flags in a fixed order, joined by ','. */
static const char *status_word(unsigned flags) {
  static const char *const words[8] = {"current",
                                       "historical",
                                       "unofficial",
                                       "historical,unofficial",
                                       "abbreviation",
                                       "historical,abbreviation",
                                       "unofficial,abbreviation",
                                       "historical,unofficial,abbreviation"};
  return words[flags & 7u];
}

json_t *cli_json_text(const char *s) {
  return s && *s ? json_string(s) : json_null();
}

json_t *cli_name_json(const gazmap_name *nm) {
  json_t *o = json_object();
  char usage[512];
  if (!o) {
    return NULL;
  }
  json_object_set_new(o, "name", json_string(nm->text));
  json_object_set_new(o, "lang", cli_json_text(nm->lang));
  json_object_set_new(o, "status", json_string(status_word(nm->flags)));
  /* Who uses the name, in words and as the codes the data gives. */
  json_object_set_new(o, "usage", gazmap_name_usage(nm, usage, sizeof usage) > 0
                                      ? json_string(usage)
                                      : json_null());
  json_object_set_new(o, "usage_codes", cli_json_text(nm->usage));
  return o;
}

/* The first of p's names spelled `text`, preferring one whose language
 * starts with `lang` (may be NULL); NULL when none is. */
static const gazmap_name *name_spelled(const gazmap_place *p, const char *text, const char *lang) {
  size_t n = gazmap_place_name_count(p), i;
  const gazmap_name *first = NULL;
  for (i = 0; i < n; i++) {
    const gazmap_name *nm = gazmap_place_name_at(p, i);
    if (strcmp(nm->text, text) != 0) {
      continue;
    }
    if (!lang || !strncmp(nm->lang, lang, strlen(lang))) {
      return nm;
    }
    first = first ? first : nm;
  }
  return first;
}

json_t *cli_place_name_json(const gazmap_place *p, const char *lang) {
  const char *text = lang ? gazmap_place_name_in(p, lang) : gazmap_place_name(p);
  const gazmap_name *nm = name_spelled(p, text, lang);
  gazmap_name bare = {text, "", 0, ""};
  /* A canonical name no names row spells: no language, no status known. */
  json_t *o = cli_name_json(nm ? nm : &bare);
  if (o && !nm) {
    json_object_set_new(o, "status", json_null());
  }
  return o;
}

/* The places' extents (from the shapes), when the command asked for them. */
static gazmap_extents *extents;

void cli_places_extents(const gazmap_gazetteer *g) {
  if (!extents && gazmap_extents_open(&extents, g, NULL) < 0) {
    extents = NULL; /* no shapes at hand: every extent is null */
  }
}

void cli_places_extents_free(void) {
  gazmap_extents_free(extents);
  extents = NULL;
}

/* [lon_min, lat_min, lon_max, lat_max], or null when the place has none. */
static json_t *extent_json(const gazmap_place *p) {
  double b[4];
  json_t *a;
  size_t i;
  if (!extents || !gazmap_place_extent(extents, p, b) || !(a = json_array())) {
    return json_null();
  }
  for (i = 0; i < 4; i++) {
    json_array_append_new(a, cli_json_rounded(b[i], 5));
  }
  return a;
}

json_t *cli_place_json(const gazmap_place *p) {
  json_t *o = json_object(), *names = json_array();
  size_t n = gazmap_place_name_count(p), i;
  if (!o || !names) {
    json_decref(o);
    json_decref(names);
    return NULL;
  }
  json_object_set_new(o, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(o, "name", cli_place_name_json(p, NULL));
  json_object_set_new(o, "kind", json_string(gazmap_kind_name(gazmap_place_kind(p))));
  json_object_set_new(o, "lat", json_real(gazmap_place_lat(p)));
  json_object_set_new(o, "lon", json_real(gazmap_place_lon(p)));
  json_object_set_new(o, "country", cli_json_text(gazmap_place_country(p)));
  json_object_set_new(o, "district", cli_json_text(gazmap_place_district(p)));
  json_object_set_new(o, "population",
                      gazmap_place_population(p) >= 0 ? json_integer(gazmap_place_population(p))
                                                      : json_null());
  json_object_set_new(o, "geonames_id",
                      gazmap_place_geonames_id(p) ? json_integer(gazmap_place_geonames_id(p))
                                                  : json_null());
  json_object_set_new(o, "extent", extent_json(p));
  for (i = 0; i < n; i++) {
    json_array_append_new(names, cli_name_json(gazmap_place_name_at(p, i)));
  }
  json_object_set_new(o, "names", names);
  return o;
}

json_t *cli_place_feature(const gazmap_place *p, json_t *props) {
  json_t *f = json_object(), *geom = json_object(), *xy = json_array(), *pj = cli_place_json(p);
  if (!f || !geom || !xy || !pj) {
    json_decref(f);
    json_decref(geom);
    json_decref(xy);
    json_decref(pj);
    json_decref(props);
    return NULL;
  }
  if (props) {
    json_object_update(pj, props);
    json_decref(props);
  }
  json_array_append_new(xy, json_real(gazmap_place_lon(p)));
  json_array_append_new(xy, json_real(gazmap_place_lat(p)));
  json_object_set_new(geom, "type", json_string("Point"));
  json_object_set_new(geom, "coordinates", xy);
  json_object_set_new(f, "type", json_string("Feature"));
  json_object_set_new(f, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(f, "geometry", geom);
  json_object_set_new(f, "properties", pj);
  return f;
}

const char *const cli_unit_names[3] = {"bytes", "chars", "utf16"};

uint64_t cli_mention_offset(const gazmap_mention *m, cli_unit u) {
  return u == CLI_UNIT_CHARS ? m->char_offset : u == CLI_UNIT_UTF16 ? m->utf16_offset : m->offset;
}

uint64_t cli_mention_length(const gazmap_mention *m, cli_unit u) {
  return u == CLI_UNIT_CHARS ? m->char_length : u == CLI_UNIT_UTF16 ? m->utf16_length : m->length;
}

json_t *cli_mention_fields(json_t *o, const gazmap_mention *m, cli_unit u) {
  json_object_set_new(o, "offset", json_integer((json_int_t)cli_mention_offset(m, u)));
  json_object_set_new(o, "length", json_integer((json_int_t)cli_mention_length(m, u)));
  json_object_set_new(o, "offset_unit", json_string(cli_unit_names[u]));
  json_object_set_new(o, "surface", json_string(m->surface));
  if (m->place) {
    json_object_set_new(o, "id", json_string(gazmap_place_id(m->place)));
    json_object_set_new(o, "name", cli_place_name_json(m->place, NULL));
    json_object_set_new(o, "lat", json_real(gazmap_place_lat(m->place)));
    json_object_set_new(o, "lon", json_real(gazmap_place_lon(m->place)));
  } else {
    /* Unresolved: no place, no coordinates; the cue and the hint instead. */
    json_object_set_new(o, "id", json_null());
    json_object_set_new(o, "name", json_null());
    json_object_set_new(o, "lat", json_null());
    json_object_set_new(o, "lon", json_null());
  }
  json_object_set_new(o, "role", json_string(gazmap_role_name(m->role)));
  if (m->role == GAZMAP_ROLE_UNRESOLVED) {
    json_object_set_new(o, "cue", cli_json_text(m->cue));
    json_object_set_new(o, "hint", m->hint ? json_string(gazmap_place_id(m->hint)) : json_null());
  }
  json_object_set_new(o, "match", json_string(gazmap_match_kind_name(m->kind)));
  json_object_set_new(o, "confidence", cli_json_rounded(m->confidence, 3));
  json_object_set_new(o, "alternatives", json_integer(m->alternatives));
  json_object_set_new(o, "why", json_string(m->why));
  return o;
}
