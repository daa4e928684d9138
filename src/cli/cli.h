/* Shared pieces of the gazmap command-line tool.  The CLI uses only the public
 * API; it alone prints errors and chooses exit codes. */
#ifndef GAZMAP_CLI_H
#define GAZMAP_CLI_H

#include "gazmap/gazmap.h"
#include "opt.h"

#include <stdio.h>
#include <sys/types.h>

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
extern const cli_command cli_cmd_index;

/* Prints the library's last error as one line
 * "gazmap CMD: FILE:LINE: MESSAGE" on stderr and returns CLI_EXIT_ERROR. */
int cli_fail(const char *cmd);

/* cli_fail() for a failure while writing `out` (opened on `out_path`; may
 * be NULL): when a stream target (standard output, a device, a FIFO) has
 * already received part of the output, the same line says so and how many
 * bytes (doc/output.md).  Returns CLI_EXIT_ERROR. */
int cli_fail_output(const char *cmd, const char *out_path, const gazmap_output *out);

/* Prints "gazmap CMD: MESSAGE (see 'gazmap CMD --help')" on stderr and
 * returns CLI_EXIT_ERROR. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- the gazetteer options every command that reads a gazetteer takes ----
 *
 * One block of options, put in a command's option table with the one line
 * CLI_GAZETTEER_OPTIONS.  cli_opt_next() hands them to cli_gazetteer_take()
 * (by their long names) instead of returning them, so that a command does
 * nothing more for them than open its gazetteer with cli_open_gazetteer(). */
enum {
  CLI_GZ_NO_BUNDLED = 0x100, /* ids above any letter: never a command's own */
  CLI_GZ_ALTNAMES,
  CLI_GZ_COUNTRY,
  CLI_GZ_CLASS,
  CLI_GZ_MIN_POP
};

#define CLI_GAZETTEER_OPTIONS                                                                      \
  {CLI_OPT_VALUE, 'g', 'g', "gazetteer", "FILE",                                                   \
   "add FILE as a layer below the bundled gazetteer (gazmap TSV, a GeoNames dump or a compiled "   \
   "index, told apart by their content); repeatable, the first given ranks highest"},             \
      {CLI_OPT_SWITCH, CLI_GZ_NO_BUNDLED, 0, "no-bundled", NULL,                                   \
       "leave out the bundled gazetteer: use only the --gazetteer files"},                        \
      {CLI_OPT_VALUE, CLI_GZ_ALTNAMES, 0, "altnames", "FILE",                                      \
       "join the GeoNames alternateNamesV2 table FILE to every GeoNames layer (repeatable)"},     \
      {CLI_OPT_VALUE, CLI_GZ_COUNTRY, 0, "country", "CC[,CC...]",                                 \
       "keep only imported places in these ISO countries (AZ,AM,GE); lookup and list also show "  \
       "only places there, and lookup ranks loose matches by them"},                              \
      {CLI_OPT_VALUE, CLI_GZ_CLASS, 0, "feature-class", "C[,C...]",                               \
       "keep only imported places of these GeoNames classes: P populated, A administrative, H "   \
       "hydrographic, T terrain, R roads, S other"},                                              \
  {                                                                                                \
    CLI_OPT_VALUE, CLI_GZ_MIN_POP, 0, "min-population", "N",                                       \
        "keep only imported places of at least N people"                                           \
  }

/* Records option `name` (with `arg`) when it is one of CLI_GAZETTEER_OPTIONS.
 * Returns 1 when it was (and is recorded), 0 when it is not one of them, -1
 * after printing a usage error for a bad value. */
int cli_gazetteer_take(const char *cmd, const char *name, const char *arg);

/* 1 when any of the gazetteer options was given. */
int cli_gazetteer_given(void);

/* The --country list given, or NULL. */
const char *cli_gazetteer_countries(void);


/* Opens the gazetteer: `path` alone when not NULL; else the layers of the
 * gazetteer options given (the bundled gazetteer when none).  On failure
 * prints and returns CLI_EXIT_ERROR, else 0. */
int cli_open_gazetteer(const char *cmd, const char *path, gazmap_gazetteer **out);

/* Progress of a long load or build on a terminal (a gazmap_progress_fn):
 * rows, rate and estimated time left, rewritten in place on stderr.  The
 * caller installs it only when stderr is a tty. */
void cli_show_progress(void *ud, const char *file, uint64_t rows, uint64_t done,
                       uint64_t total);

/* Opens the gazetteer the CLI_GAZETTEER_OPTIONS given describe, printing
 * nothing (no progress either): for a command that opens it more than once
 * (serve: one copy per worker).  Returns the library's status. */
int cli_gazetteer_load(gazmap_gazetteer **out);

/* Parses a decimal number with range check; 0 on success, else prints a usage
 * error naming `what` and returns CLI_EXIT_ERROR. */
int cli_parse_double(const char *cmd, const char *what, const char *s, double lo, double hi,
                     double *out);
int cli_parse_long(const char *cmd, const char *what, const char *s, long lo, long hi, long *out);

/* A line of batch input (lookup -, near -) longer than this is not a query:
 * the command stops with an error rather than grow without limit (a stream
 * with no newline). */
#define CLI_MAX_LINE 65536

/* A line of `find --jsonl` input holds one whole document: longer than
 * this (the text limit of `report`) it is refused, not read on and on. */
#define CLI_MAX_JSONL_LINE (256 * 1024 * 1024)

/* Like getline, but stops reading a line after max + 1 bytes (returning
 * that many, so the caller sees it is too long); -1 at the end of input or
 * when memory runs out.  The caller frees *line. */
ssize_t cli_read_line(char **line, size_t *cap, FILE *in, size_t max);

/* Batch mode's exit status after one more line answered `rc`: an error
 * stays an error, else any line with no match makes it CLI_EXIT_NOMATCH. */
int cli_batch_status(int status, int rc);

/* Answers one line of batch input: `line` without its line end (`len`
 * bytes, which may hold a NUL), `lineno` counted from 1.  Returns 0, 1 (no
 * match) or CLI_EXIT_ERROR (already printed). */
typedef int (*cli_batch_fn)(void *ctx, char *line, size_t len, unsigned long lineno);

/* Batch mode (lookup -, near -): `header` (or NULL) and then `fn`'s answer
 * to each line of standard input, the output fully buffered so that many
 * short queries cost little more than their answers.  A line longer than
 * CLI_MAX_LINE stops it; a read or write error is reported.  Returns the
 * exit status of all the lines (cli_batch_status). */
int cli_run_batch(const char *cmd, const char *header, cli_batch_fn fn, void *ctx);

/* The exit-code paragraph every --help ends with. */
extern const char cli_exit_help[];

/* Option help made from the library's layer registry (cli_opt.help_fn):
 * the layer names, and the names with the groups a --layers list takes. */
const char *cli_help_layer_names(void);
const char *cli_help_layer_list(void);

#endif
