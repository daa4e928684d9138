/* Shared pieces of the gazmap command-line tool.  The CLI uses only the public
 * API; it alone prints errors and chooses exit codes. */
#ifndef GAZMAP_CLI_H
#define GAZMAP_CLI_H

#include "gazmap/gazmap.h"
#include "opt.h"

#include <stdio.h>

/* Exit codes, documented in README.md, --help and doc/gazmap.1. */
enum {
  CLI_EXIT_OK = 0,      /* success */
  CLI_EXIT_NOMATCH = 1, /* a query matched nothing / nothing was found */
  CLI_EXIT_ERROR = 2    /* bad usage, bad input data, I/O failure */
};

/* The commands, one cmd_<name>.c each; main.c lists them. */
extern const cli_command cli_cmd_lookup;
extern const cli_command cli_cmd_near;
extern const cli_command cli_cmd_list;
extern const cli_command cli_cmd_check;
extern const cli_command cli_cmd_render;
extern const cli_command cli_cmd_export;
extern const cli_command cli_cmd_find;
extern const cli_command cli_cmd_report;
extern const cli_command cli_cmd_serve;

/* Prints the library's last error as one line
 * "gazmap CMD: FILE:LINE: MESSAGE" on stderr and returns CLI_EXIT_ERROR. */
int cli_fail(const char *cmd);

/* Prints "gazmap CMD: MESSAGE (see 'gazmap CMD --help')" on stderr and
 * returns CLI_EXIT_ERROR. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens `path` (NULL: the bundled gazetteer); on failure prints and returns
 * CLI_EXIT_ERROR, else 0. */
int cli_open_gazetteer(const char *cmd, const char *path, gazmap_gazetteer **out);

/* Parses a decimal number with range check; 0 on success, else prints a usage
 * error naming `what` and returns CLI_EXIT_ERROR. */
int cli_parse_double(const char *cmd, const char *what, const char *s, double lo, double hi,
                     double *out);
int cli_parse_long(const char *cmd, const char *what, const char *s, long lo, long hi, long *out);

/* The exit-code paragraph every --help ends with. */
extern const char cli_exit_help[];

/* Option help made from the library's layer registry (cli_opt.help_fn):
 * the layer names, and the names with the groups a --layers list takes. */
const char *cli_help_layer_names(void);
const char *cli_help_layer_list(void);

#endif
