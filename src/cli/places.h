/* Printing places and parsing place filters, shared by the lookup, near and
 * list commands so that they show a place the same way. */
#ifndef GAZMAP_CLI_PLACES_H
#define GAZMAP_CLI_PLACES_H

#include "cli.h"

#include "json.h"

#include <stdint.h>

/* Parses a comma list of kinds ("town,city") into a bit mask, OR-ing into
 * *mask.  Prints a usage error and returns CLI_EXIT_ERROR on unknown kinds. */
int cli_parse_kinds(const char *cmd, const char *list, unsigned *mask);

/* Checks an ISO 3166-1 alpha-2 code; prints a usage error when it is not. */
int cli_check_country(const char *cmd, const char *cc);

/* Prints a place's names grouped by language, one language a line:
 * "<indent>az: Xocavənd, Xocavənd (historical)"; the first line starts with
 * `first_indent` instead. */
void cli_print_names(FILE *to, const gazmap_place *p, const char *first_indent, const char *indent);

/* The JSON objects of doc/json.md, one schema per kind of object, for every
 * command (lookup, near, list, find).  Each returns a new reference the
 * caller releases with json_decref(), or NULL when out of memory. */

/* A name: {"name", "lang", "status", "usage", "usage_codes"}; status is
 * "current" or the flags ("historical", "unofficial", "abbreviation", joined
 * by ',' when several); an empty language or usage is null. */
json_t *cli_name_json(const gazmap_name *nm);

/* The place's canonical name (lang NULL) or its name in `lang` (as
 * gazmap_place_name_in picks it), as a name object. */
json_t *cli_place_name_json(const gazmap_place *p, const char *lang);

/* Makes cli_place_json() give each place's "extent" (its shape's or its
 * members' box, gazmap/frame.h) instead of null; without shapes at hand
 * every extent stays null.  cli_places_extents_free() before freeing g. */
void cli_places_extents(const gazmap_gazetteer *g);
void cli_places_extents_free(void);

/* The units a mention's offsets are given in (find --offsets): UTF-8
 * bytes, code points (Python's str), UTF-16 units (JavaScript). */
typedef enum cli_unit { CLI_UNIT_BYTES, CLI_UNIT_CHARS, CLI_UNIT_UTF16 } cli_unit;
extern const char *const cli_unit_names[3]; /* "bytes", "chars", "utf16" */
uint64_t cli_mention_offset(const gazmap_mention *m, cli_unit u);
uint64_t cli_mention_length(const gazmap_mention *m, cli_unit u);

/* Adds the fields of a mention (find --json; doc/json.md) to `o` and
 * returns it: offset, length, offset_unit, surface, id, name, lat, lon,
 * role (cue and hint when unresolved), match, confidence, alternatives,
 * why.  `find` and serve's /find both answer with it. */
json_t *cli_mention_fields(json_t *o, const gazmap_mention *m, cli_unit u);

/* A place: {"id", "name": name, "kind", "lat", "lon", "country",
 * "district", "population", "geonames_id", "names": [name...]}, absent
 * values null. */
json_t *cli_place_json(const gazmap_place *p);

/* A GeoJSON Feature for the place: "id" the place id, a Point geometry
 * [lon, lat], and as properties the place object with `props`'s members
 * added (steals `props`, which may be NULL). */
json_t *cli_place_feature(const gazmap_place *p, json_t *props);

/* A string, or null when `s` is NULL or empty ("absent values are null"). */
json_t *cli_json_text(const char *s);

#endif
