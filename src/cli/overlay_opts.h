/* The options that draw the user's own data on a map (gazmap/overlay.h),
 * shared by every command that draws one: render, find --render and
 * report.  They are declared once, as the option-table fragment
 * CLI_OVERLAY_OPTIONS, and parsed by one function, so that the three
 * commands take the same options with the same words and errors. */
#ifndef GAZMAP_CLI_OVERLAY_OPTS_H
#define GAZMAP_CLI_OVERLAY_OPTS_H

#include "gazmap/gazmap.h"
#include "opt.h"

#include <stddef.h>

/* Option ids above any letter and above the gazetteer options' (cli.h), so
 * that they never clash with a command's own short options. */
enum { CLI_OV_ADD = 0x140, CLI_OV_TITLE, CLI_OV_ATTRIBUTION, CLI_OV_COLOR, CLI_OV_LABEL };

/* The most --add files one command line takes. */
#define CLI_MAX_OVERLAYS 16

#define CLI_OVERLAY_OPTIONS                                                                        \
  {CLI_OPT_VALUE, CLI_OV_ADD, 0, "add", "FILE",                                                    \
   "draw your own data over the map: .csv (lat/lon columns), .geojson or .shp; repeatable"},      \
      {CLI_OPT_VALUE, CLI_OV_TITLE, 0, "add-title", "TEXT",                                        \
       "the legend row of the last --add (default: its file name)"},                              \
      {CLI_OPT_VALUE, CLI_OV_ATTRIBUTION, 0, "add-attribution", "TEXT",                            \
       "the source and licence of the last --add, for the credits"},                              \
      {CLI_OPT_VALUE, CLI_OV_COLOR, 0, "add-color", "#RRGGBB",                                     \
       "colour of the last --add's features that set none (simplestyle properties win)"},         \
  {                                                                                                \
    CLI_OPT_VALUE, CLI_OV_LABEL, 0, "add-label", "FIELD",                                          \
        "the property that labels the last --add's features (default: title, name or label)"       \
  }

/* The --add files of one command line, each with the options that followed
 * it, and, once read, the overlays.  Zero-initialise it (CLI_OVERLAYS_INIT);
 * release it with cli_overlays_free(). */
typedef struct cli_overlays {
  size_t n;
  const char *paths[CLI_MAX_OVERLAYS];        /* borrowed from argv */
  gazmap_overlay_opts opts[CLI_MAX_OVERLAYS]; /* strings borrowed from argv */
  gazmap_overlay *read[CLI_MAX_OVERLAYS];     /* owned; NULL until read */
} cli_overlays;

#define CLI_OVERLAYS_INIT                                                                          \
  { 0 }

/* Records option `id` (with `arg`) when it is one of CLI_OVERLAY_OPTIONS.
 * Returns 1 when it was, 0 when it is not one of them, -1 after printing a
 * usage error ("gazmap CMD: ..."): an --add-* option with no --add before
 * it, or one --add too many. */
int cli_overlays_take(cli_overlays *ov, const char *cmd, int id, const char *arg);

/* Makes the parser `p` record the overlay options into `ov`
 * (cli_overlays_take) rather than return them: for a command whose table
 * holds CLI_OVERLAY_OPTIONS, after cli_opt_init(). */
void cli_overlays_parse_into(cli_opt_parser *p, cli_overlays *ov);

/* Reads every --add file not read yet.  Returns 0, or CLI_EXIT_ERROR after
 * printing the first bad file's one-line error, which names the file, the
 * line or feature and the reason.  A command reads them before it writes
 * anything, so that a bad overlay leaves no half-written output. */
int cli_overlays_read(cli_overlays *ov, const char *cmd);

/* Points o->overlays / o->n_overlays at the overlays read, which stay owned
 * by `ov` (it must outlive the render). */
void cli_overlays_apply(const cli_overlays *ov, gazmap_render_opts *o);

/* Frees the overlays read (the struct itself is the caller's). */
void cli_overlays_free(cli_overlays *ov);

#endif
