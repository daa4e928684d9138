/* Printing places and parsing place filters, shared by the lookup, near and
 * list commands so that they show a place the same way. */
#ifndef GAZMAP_CLI_PLACES_H
#define GAZMAP_CLI_PLACES_H

#include "cli.h"

#include "json.h"

/* Parses a comma list of kinds ("town,city") into a bit mask, OR-ing into
 * *mask.  Prints a usage error and returns CLI_EXIT_ERROR on unknown kinds. */
int cli_parse_kinds(const char *cmd, const char *list, unsigned *mask);

/* Checks an ISO 3166-1 alpha-2 code; prints a usage error when it is not. */
int cli_check_country(const char *cmd, const char *cc);

/* Prints a place's names grouped by language, one language a line:
 * "<indent>az: Xocavənd, Xocavənd (historical)"; the first line starts with
 * `first_indent` instead. */
void cli_print_names(FILE *to, const gazmap_place *p, const char *first_indent, const char *indent);

/* A JSON object describing the place (id, name, kind, coordinates, country,
 * district, population, geonames_id, names grouped by language).  Returns a
 * new reference the caller releases with json_decref(), or NULL. */
json_t *cli_place_json(const gazmap_place *p);

#endif
