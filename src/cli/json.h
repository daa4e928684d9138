/* The CLI's one JSON path: every command builds jansson values and prints
 * them through these functions, so all JSON output is escaped and spaced
 * the same way. */
#ifndef GAZMAP_CLI_JSON_H
#define GAZMAP_CLI_JSON_H

#include <jansson.h>
#include <stdio.h>

typedef enum cli_json_style {
  CLI_JSON_PRETTY, /* indented by two spaces, over several lines */
  CLI_JSON_LINE,   /* one line, with a space after ':' and ',' */
  CLI_JSON_COMPACT /* one line, no spaces (one record a line in batch mode) */
} cli_json_style;

/* Writes `v` followed by a newline; returns 0 or -1. */
int cli_print_json(FILE *to, json_t *v, cli_json_style style);

/* A JSON array streamed one element a line, so that a command can print
 * any number of records in constant memory:
 *   [
 *     {...},
 *     {...}
 *   ]
 * Start with cli_json_list l = {stdout, 0}. */
typedef struct cli_json_list {
  FILE *to;
  size_t n; /* elements written so far */
} cli_json_list;

/* Writes `v` as the next element and releases it (steals the reference;
 * NULL, from a failed allocation, is an error).  Returns 0 or -1. */
int cli_json_list_add(cli_json_list *l, json_t *v);

/* Closes the array ("[]" when it is empty); no newline after it. */
void cli_json_list_end(cli_json_list *l);

/* A GeoJSON FeatureCollection streamed like a list: begin, then
 * cli_json_list_add() each Feature, then end (which adds the newline). */
void cli_geojson_begin(cli_json_list *l);
void cli_geojson_end(cli_json_list *l);

/* A JSON number for `v` rounded to `decimals` places (a confidence of
 * 0.7 prints as 0.7, not 0.69999999999999996). */
json_t *cli_json_rounded(double v, int decimals);

#endif
