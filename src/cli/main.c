/* gazmap: the command-line tool.  This file dispatches to one cmd_<name>.c
 * per command and answers 'gazmap help'; each command's help and man page
 * section come from its option table (opt.h). */
#include "cli.h"
#include "signals.h"

#include <string.h>

static const cli_command *const commands[] = {
    &cli_cmd_lookup, &cli_cmd_near,   &cli_cmd_list, &cli_cmd_check,
    &cli_cmd_render, &cli_cmd_export, &cli_cmd_find, &cli_cmd_report,
    &cli_cmd_serve,
    &cli_cmd_index,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *to) {
  size_t i;
  fprintf(to, "usage: gazmap [--version] [--help] COMMAND [ARGS]\n\ncommands:\n");
  for (i = 0; i < N_COMMANDS; i++) {
    fprintf(to, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
  }
  fprintf(to, "\n'gazmap help COMMAND' or 'gazmap COMMAND --help' describes one command.\n%s",
          cli_exit_help);
}

/* Edit distance between a and b counting a swap of two neighbours as one
 * edit (optimal string alignment), so "lookpu" is 1 from "lookup". */
static size_t edit_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), i, j;
  size_t d[3][33], *prev2 = d[0], *prev = d[1], *cur = d[2], *t;
  if (la > 32 || lb > 32) {
    return (size_t)-1;
  }
  for (j = 0; j <= lb; j++) {
    prev[j] = j;
  }
  for (i = 1; i <= la; i++) {
    cur[0] = i;
    for (j = 1; j <= lb; j++) {
      size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
      if (prev[j] + 1 < best) {
        best = prev[j] + 1;
      }
      if (cur[j - 1] + 1 < best) {
        best = cur[j - 1] + 1;
      }
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          prev2[j - 2] + 1 < best) {
        best = prev2[j - 2] + 1;
      }
      cur[j] = best;
    }
    t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb];
}

/* The command nearest to a mistyped `word`, or NULL when none is close:
 * at most two edits, and fewer edits than the word has letters (so "ls" is
 * not taken for "list" nor "x" for anything). */
static const cli_command *nearest(const char *word) {
  const cli_command *best = NULL;
  size_t best_d = 3, i;
  for (i = 0; i < N_COMMANDS; i++) {
    size_t d = edit_distance(word, commands[i]->name);
    if (d < best_d && d < strlen(word)) {
      best = commands[i];
      best_d = d;
    }
  }
  return best;
}

static const cli_command *find_command(const char *name) {
  size_t i;
  for (i = 0; i < N_COMMANDS; i++) {
    if (!strcmp(name, commands[i]->name)) {
      return commands[i];
    }
  }
  return NULL;
}

static int unknown_command(const char *name) {
  const cli_command *guess = nearest(name);
  if (guess) {
    fprintf(stderr, "gazmap: unknown command '%s'; did you mean %s? (see 'gazmap help')\n", name,
            guess->name);
  } else {
    fprintf(stderr, "gazmap: unknown command '%s' (see 'gazmap help')\n", name);
  }
  return CLI_EXIT_ERROR;
}

/* The parts of doc/gazmap.1 made from the command tables, between marker
 * lines that tools/update-man.sh replaces and tests/cli/help/man.case
 * compares. */
static void print_man(FILE *to) {
  size_t i;
  fputs(".\\\" BEGIN generated synopsis: 'gazmap help --man' (tools/update-man.sh)\n", to);
  fputs(".SH SYNOPSIS\n\\fBgazmap\\fR [\\fB\\-\\-version\\fR] [\\fB\\-\\-help\\fR] "
        "\\fIcommand\\fR [\\fIargs\\fR]\n.br\n\\fBgazmap help\\fR [\\fIcommand\\fR]\n.br\n",
        to);
  for (i = 0; i < N_COMMANDS; i++) {
    cli_opt_print_synopsis(to, commands[i]);
  }
  fputs(".\\\" END generated synopsis\n", to);
  fputs(".\\\" BEGIN generated commands: 'gazmap help --man' (tools/update-man.sh)\n", to);
  fputs(".SH COMMANDS\n", to);
  for (i = 0; i < N_COMMANDS; i++) {
    cli_opt_print_man(to, commands[i]);
  }
  fputs(".\\\" END generated commands\n", to);
}

/* gazmap help [COMMAND]; 'gazmap help --man' is for tools/update-man.sh. */
static int help(int argc, char **argv) {
  const cli_command *cmd;
  if (argc < 2) {
    usage(stdout);
    return CLI_EXIT_OK;
  }
  if (argc == 2 && !strcmp(argv[1], "--man")) {
    print_man(stdout);
    return CLI_EXIT_OK;
  }
  if (argc > 2) {
    fprintf(stderr, "gazmap help: give one COMMAND at most (see 'gazmap help')\n");
    return CLI_EXIT_ERROR;
  }
  if (!(cmd = find_command(argv[1]))) {
    return unknown_command(argv[1]);
  }
  cli_opt_print_help(stdout, cmd);
  return CLI_EXIT_OK;
}

int main(int argc, char **argv) {
  const cli_command *cmd;
  if (argc < 2) {
    usage(stderr);
    return CLI_EXIT_ERROR;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage(stdout);
    return CLI_EXIT_OK;
  }
  if (!strcmp(argv[1], "help")) {
    return help(argc - 1, argv + 1);
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("gazmap %s\n", gazmap_version());
    return CLI_EXIT_OK;
  }
  if ((cmd = find_command(argv[1]))) {
    cli_signals_install();
    return cmd->run(argc - 1, argv + 1);
  }
  return unknown_command(argv[1]);
}
