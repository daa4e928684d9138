/* Declarative command-line options (after libgit2's src/cli/opt.c and
 * opt_usage.c): each command describes its options once, in a cli_opt
 * table, and the getopt_long() table, the short-option string, `--help`,
 * the one-line option errors and the man page's option list are all made
 * from that table. */
#ifndef GAZMAP_CLI_OPT_H
#define GAZMAP_CLI_OPT_H

#include <getopt.h>
#include <stdio.h>

/* What an option takes. */
typedef enum cli_opt_kind {
  CLI_OPT_END = 0, /* ends a table: {0} */
  CLI_OPT_SWITCH,  /* no value */
  CLI_OPT_VALUE,   /* one value, named `arg` in the help ("FILE") */
  CLI_OPT_HELP     /* prints the command's help; handled by cli_opt_next */
} cli_opt_kind;

/* One option.  `id` is what cli_opt_next() returns for it: by convention the
 * short letter when there is one, otherwise any other letter not used as a
 * short option of the command (long-only options are not reachable by it). */
typedef struct cli_opt {
  cli_opt_kind kind;
  int id;
  char short_name;  /* 0: long only */
  const char *name; /* the long name, without "--" */
  const char *arg;  /* CLI_OPT_VALUE: the value's name in the help */
  const char *help; /* one sentence, not wrapped (the printers wrap it) */
} cli_opt;

/* One command: its options and every piece of text its help and its man
 * page section are made of.  Text fields other than `summary` and option
 * help may span several lines, and are printed as written. */
typedef struct cli_command {
  const char *name;        /* "lookup" */
  const char *summary;     /* one line for 'gazmap help' */
  const char *usage;       /* argument syntax after "gazmap NAME", one form a line */
  const char *description; /* paragraphs before the options */
  const cli_opt *opts;     /* ends with {0} */
  const char *notes;       /* paragraphs after the options, or NULL */
  const char *digit_hint;  /* said for an unknown option that looks like a
                              negative number (-33.9), or NULL */
  /* The help of option `id` made at run time, or NULL to use the table's:
   * for lists the library owns (the layer registry's names).  May be NULL. */
  const char *(*help_for)(int id);
  int (*run)(int argc, char **argv);
} cli_command;

/* The most options one command has, with room to grow. */
#define CLI_OPT_MAX 48

/* What cli_opt_next() returns besides an option's id. */
enum {
  CLI_OPT_DONE = -1,   /* no more options: argv[optind] is the first operand */
  CLI_OPT_HELPED = -2, /* the help was printed: exit with CLI_EXIT_OK */
  CLI_OPT_FAILED = -3  /* a one-line error was printed: exit with CLI_EXIT_ERROR */
};

/* A block of options shared by several commands (the overlay options)
 * that cli_opt_next() hands to this function instead of returning them:
 * returns 1 when option `id` was one of its, and is recorded in `ud`; 0
 * when it is not; -1 after printing a usage error for it. */
typedef int (*cli_opt_take_fn)(void *ud, const char *cmd, int id, const char *arg);

/* Parsing state for one command line. */
typedef struct cli_opt_parser {
  const cli_command *cmd;
  int argc;
  char **argv;
  char shorts[3 * CLI_OPT_MAX + 2];
  struct option longs[CLI_OPT_MAX + 1];
  cli_opt_take_fn take; /* NULL (cli_opt_init) or set by the command */
  void *take_ud;
} cli_opt_parser;

/* Prepares to parse argv (argv[0] the command name) against cmd->opts and
 * resets getopt. */
void cli_opt_init(cli_opt_parser *p, const cli_command *cmd, int argc, char **argv);

/* The id of the next option (its value in optarg), or CLI_OPT_DONE,
 * CLI_OPT_HELPED or CLI_OPT_FAILED.  An unknown option, a missing value or
 * a value given to a switch is reported in one line on stderr that names
 * the option as the user wrote it. */
int cli_opt_next(cli_opt_parser *p);

/* The exit status for what cli_opt_next() returned when it was not an id
 * nor CLI_OPT_DONE. */
int cli_opt_exit(int next);

/* Prints the command's --help, generated from its table. */
void cli_opt_print_help(FILE *to, const cli_command *cmd);

/* Prints the command's usage lines as roff, each "gazmap NAME ARGS" and a
 * line break. */
void cli_opt_print_synopsis(FILE *to, const cli_command *cmd);

/* Prints the man page section of the command (roff), generated from the
 * same table: a .SS heading with the usage, the paragraphs and one .TP item
 * per option. */
void cli_opt_print_man(FILE *to, const cli_command *cmd);

#endif
