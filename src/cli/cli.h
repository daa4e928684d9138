/* Shared pieces of the gazmap command-line tool.  The CLI uses only the public
 * API; it alone prints errors and chooses exit codes. */
#ifndef GAZMAP_CLI_H
#define GAZMAP_CLI_H

#include "gazmap/gazmap.h"

#include <stdio.h>

/* Exit codes, documented in README.md, --help and doc/gazmap.1. */
enum {
  CLI_EXIT_OK = 0,      /* success */
  CLI_EXIT_NOMATCH = 1, /* a query matched nothing / nothing was found */
  CLI_EXIT_ERROR = 2    /* bad usage, bad input data, I/O failure */
};

/* One command: `run` gets argv with argv[0] the command name. */
typedef struct cli_command {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} cli_command;

int cmd_lookup(int argc, char **argv);
int cmd_near(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_find(int argc, char **argv);
int cmd_report(int argc, char **argv);

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
int cli_parse_long(const char *cmd, const char *what, const char *s, long lo, long hi,
                   long *out);

/* The exit-code paragraph every --help ends with. */
extern const char cli_exit_help[];

/* Maps the heap a render is about to use in one go instead of a page
 * fault at a time (common.c says why; measured on `render` only, so only
 * `render` calls it).  Call before the real work. */
void cli_warm_heap(void);

#endif
