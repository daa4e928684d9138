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

json_t *cli_place_json(const gazmap_place *p) {
  json_t *o = json_object(), *names = json_object();
  size_t n = gazmap_place_name_count(p), i;
  if (!o || !names) {
    json_decref(o);
    json_decref(names);
    return NULL;
  }
  json_object_set_new(o, "id", json_string(gazmap_place_id(p)));
  json_object_set_new(o, "name", json_string(gazmap_place_name(p)));
  json_object_set_new(o, "kind", json_string(gazmap_kind_name(gazmap_place_kind(p))));
  json_object_set_new(o, "lat", json_real(gazmap_place_lat(p)));
  json_object_set_new(o, "lon", json_real(gazmap_place_lon(p)));
  json_object_set_new(o, "country", json_string(gazmap_place_country(p)));
  json_object_set_new(o, "district", json_string(gazmap_place_district(p)));
  json_object_set_new(o, "population",
                      gazmap_place_population(p) >= 0 ? json_integer(gazmap_place_population(p))
                                                      : json_null());
  json_object_set_new(o, "geonames_id",
                      gazmap_place_geonames_id(p) ? json_integer(gazmap_place_geonames_id(p))
                                                  : json_null());
  for (i = 0; i < n; i++) {
    const gazmap_name *nm = gazmap_place_name_at(p, i);
    json_t *list = json_object_get(names, nm->lang);
    json_t *entry;
    if (!list) {
      list = json_array();
      json_object_set_new(names, nm->lang, list);
    }
    if (nm->flags || (nm->usage && *nm->usage)) {
      char usage[512];
      entry = json_object();
      json_object_set_new(entry, "name", json_string(nm->text));
      if (gazmap_name_usage(nm, usage, sizeof usage) > 0) {
        /* The codes as the data gives them, and in words. */
        json_object_set_new(entry, "usage_codes", json_string(nm->usage));
        json_object_set_new(entry, "usage", json_string(usage));
      }
      if (nm->flags & GAZMAP_NAME_HISTORICAL) {
        json_object_set_new(entry, "historical", json_true());
      }
      if (nm->flags & GAZMAP_NAME_UNOFFICIAL) {
        json_object_set_new(entry, "unofficial", json_true());
      }
      if (nm->flags & GAZMAP_NAME_ABBREV) {
        json_object_set_new(entry, "abbreviation", json_true());
      }
    } else {
      entry = json_string(nm->text);
    }
    json_array_append_new(list, entry);
  }
  json_object_set_new(o, "names", names);
  return o;
}
