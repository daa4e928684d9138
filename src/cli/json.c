/* JSON output through jansson (json.h). */
#include "json.h"

#include <math.h>

/* Ten significant digits keep the gazetteer's five decimals of a degree
 * and print no binary noise. */
#define FLAGS (JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

int cli_print_json(FILE *to, json_t *v, cli_json_style style) {
  size_t flags = FLAGS | (style == CLI_JSON_PRETTY    ? JSON_INDENT(2)
                          : style == CLI_JSON_COMPACT ? JSON_COMPACT
                                                      : JSON_INDENT(0));
  if (!v || json_dumpf(v, to, flags) < 0) {
    return -1;
  }
  fputc('\n', to);
  return 0;
}

int cli_json_list_add(cli_json_list *l, json_t *v) {
  int rc;
  if (!v) {
    return -1;
  }
  fputs(l->n++ ? ",\n  " : "[\n  ", l->to);
  rc = json_dumpf(v, l->to, FLAGS | JSON_INDENT(0));
  json_decref(v);
  return rc < 0 ? -1 : 0;
}

void cli_json_list_end(cli_json_list *l) {
  fputs(l->n ? "\n]" : "[]", l->to);
}

void cli_geojson_begin(cli_json_list *l) {
  fputs("{\"type\": \"FeatureCollection\", \"features\": ", l->to);
}

void cli_geojson_end(cli_json_list *l) {
  cli_json_list_end(l);
  fputs("}\n", l->to);
}

json_t *cli_json_rounded(double v, int decimals) {
  double scale = pow(10, decimals);
  return json_real(round(v * scale) / scale);
}
