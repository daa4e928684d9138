/* Options from one table (see opt.h): the getopt_long() tables, the one-line
 * option errors, --help and the man page section. */
#define _GNU_SOURCE
#include "cli.h"
#include "table.h"

#include <string.h>

/* Option help starts in this column; help lines end before column 81. */
#define HELP_COLUMN 24
#define HELP_WIDTH 80

void cli_opt_init(cli_opt_parser *p, const cli_command *cmd, int argc, char **argv) {
  const cli_opt *o;
  size_t ns = 0, nl = 0;

  memset(p, 0, sizeof *p);
  p->cmd = cmd;
  p->argc = argc;
  p->argv = argv;
  /* ':' first: a missing value is returned as ':' rather than '?', so the
   * two errors can be told apart. */
  p->shorts[ns++] = ':';
  for (o = cmd->opts; o->kind != CLI_OPT_END && nl < CLI_OPT_MAX; o++) {
    if (o->short_name) {
      p->shorts[ns++] = o->short_name;
      if (o->kind == CLI_OPT_VALUE) {
        p->shorts[ns++] = ':';
      }
    }
    p->longs[nl].name = o->name;
    p->longs[nl].has_arg = o->kind == CLI_OPT_VALUE ? required_argument : no_argument;
    p->longs[nl].flag = NULL;
    p->longs[nl].val = o->id;
    nl++;
  }
  /* getopt prints nothing itself: every error is one line of ours. */
  opterr = 0;
  optind = 0; /* 0, not 1: makes GNU getopt forget a previous argv */
}

static const cli_opt *find_id(const cli_command *cmd, int id) {
  const cli_opt *o;
  for (o = cmd->opts; o->kind != CLI_OPT_END; o++) {
    if (o->id == id) {
      return o;
    }
  }
  return NULL;
}

/* The one-line error for what getopt_long() returned as `c` (':' a missing
 * value, '?' anything else), naming the option as written. */
static int option_error(const cli_opt_parser *p, int c) {
  const char *cmd = p->cmd->name;
  const char *arg = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";
  int is_long = !strncmp(arg, "--", 2);
  int n = (int)strcspn(arg, "=");

  if (c == ':') {
    return is_long ? cli_usage(cmd, "option '%.*s' needs a value", n, arg)
                   : cli_usage(cmd, "option '-%c' needs a value", optopt);
  }
  /* getopt sets optopt to the letter of an unknown short option, to 0 for
   * an unknown long one, and to the option's id for "--switch=value". */
  if (is_long && optopt && arg[n] == '=') {
    return cli_usage(cmd, "option '%.*s' takes no value", n, arg);
  }
  if (is_long || !optopt) {
    return cli_usage(cmd, "unknown option '%.*s'", n, arg);
  }
  if (p->cmd->digit_hint && ((optopt >= '0' && optopt <= '9') || optopt == '.')) {
    return cli_usage(cmd, "%s", p->cmd->digit_hint);
  }
  return cli_usage(cmd, "unknown option '-%c'", optopt);
}

int cli_opt_next(cli_opt_parser *p) {
  int c = getopt_long(p->argc, p->argv, p->shorts, p->longs, NULL);
  const cli_opt *o;
  if (c == -1) {
    return CLI_OPT_DONE;
  }
  if (c == ':' || c == '?') {
    option_error(p, c);
    return CLI_OPT_FAILED;
  }
  o = find_id(p->cmd, c);
  if (o && o->kind == CLI_OPT_HELP) {
    cli_opt_print_help(stdout, p->cmd);
    return CLI_OPT_HELPED;
  }
  /* The shared gazetteer options are recorded, not returned (cli.h), and
   * so are the command's block of shared options, if any. */
  if (o && o->name) {
    int taken = cli_gazetteer_take(p->cmd->name, o->name, optarg);
    if (taken == 0 && p->take) {
      taken = p->take(p->take_ud, p->cmd->name, c, optarg);
    }
    if (taken != 0) {
      return taken < 0 ? CLI_OPT_FAILED : cli_opt_next(p);
    }
  }
  return c;
}

int cli_opt_exit(int next) {
  return next == CLI_OPT_HELPED ? CLI_EXIT_OK : CLI_EXIT_ERROR;
}

/* Prints each line of `text` after `first` (on the first line) or `rest`. */
static void print_lines(FILE *to, const char *text, const char *first, const char *rest) {
  const char *line = text;
  int i;
  for (i = 0; *line; i++) {
    size_t n = strcspn(line, "\n");
    fprintf(to, "%s%.*s\n", i ? rest : first, (int)n, line);
    line += n + (line[n] == '\n');
  }
}

/* Prints `text` word-wrapped from column `col` (already reached) to
 * HELP_WIDTH, continuation lines indented to `col`. */
/* An option's help text, made at run time when the command says so. */
static const char *help_of(const cli_command *cmd, const cli_opt *o) {
  const char *made = cmd->help_for ? cmd->help_for(o->id) : NULL;
  return made ? made : o->help;
}

static void print_wrapped(FILE *to, const char *text, int col) {
  int x = col;
  while (*text) {
    size_t n = strcspn(text, " ");
    int w = (int)cli_text_width(text, n);
    if (x > col && x + 1 + w > HELP_WIDTH) {
      fprintf(to, "\n%*s", col, "");
      x = col;
    } else if (x > col) {
      fputc(' ', to);
      x++;
    }
    fprintf(to, "%.*s", (int)n, text);
    x += w;
    text += n;
    while (*text == ' ') {
      text++;
    }
  }
  fputc('\n', to);
}

void cli_opt_print_help(FILE *to, const cli_command *cmd) {
  const cli_opt *o;
  char first[64], rest[64];

  snprintf(first, sizeof first, "usage: gazmap %s ", cmd->name);
  snprintf(rest, sizeof rest, "       gazmap %s ", cmd->name);
  print_lines(to, cmd->usage, first, rest);
  fprintf(to, "\n%s\n", cmd->description);
  for (o = cmd->opts; o->kind != CLI_OPT_END; o++) {
    int col;
    if (o->short_name) {
      col = fprintf(to, "  -%c, --%s", o->short_name, o->name);
    } else {
      col = fprintf(to, "      --%s", o->name);
    }
    if (o->kind == CLI_OPT_VALUE) {
      col += fprintf(to, " %s", o->arg);
    }
    if (col >= HELP_COLUMN) {
      fprintf(to, "\n%*s", HELP_COLUMN, "");
    } else {
      fprintf(to, "%*s", HELP_COLUMN - col, "");
    }
    print_wrapped(to, help_of(cmd, o), HELP_COLUMN);
  }
  if (cmd->notes) {
    fprintf(to, "\n%s", cmd->notes);
  }
  fprintf(to, "\n%s", cli_exit_help);
}

/* Writes `n` bytes of plain text as roff: backslashes and hyphens escaped,
 * and a line that would start with a control character protected. */
static void roff(FILE *to, const char *s, size_t n, int line_start) {
  size_t i;
  for (i = 0; i < n; i++) {
    if (line_start && (s[i] == '.' || s[i] == '\'')) {
      fputs("\\&", to);
    }
    line_start = s[i] == '\n';
    if (s[i] == '\\') {
      fputs("\\e", to);
    } else if (s[i] == '-') {
      fputs("\\-", to);
    } else {
      fputc(s[i], to);
    }
  }
}

/* Paragraphs of plain text as roff: a blank line starts a new paragraph. */
static void roff_paragraphs(FILE *to, const char *text) {
  const char *line = text;
  fputs(".PP\n", to);
  while (*line) {
    size_t n = strcspn(line, "\n");
    if (n == 0) {
      fputs(".PP\n", to);
    } else {
      roff(to, line, n, 1);
      fputc('\n', to);
    }
    line += n + (line[n] == '\n');
  }
}

void cli_opt_print_synopsis(FILE *to, const cli_command *cmd) {
  const char *line = cmd->usage;
  while (*line) {
    size_t n = strcspn(line, "\n");
    fprintf(to, "\\fBgazmap %s\\fR ", cmd->name);
    roff(to, line, n, 0);
    fputs("\n.br\n", to);
    line += n + (line[n] == '\n');
  }
}

void cli_opt_print_man(FILE *to, const cli_command *cmd) {
  const cli_opt *o;

  fprintf(to, ".SS %s\n", cmd->name);
  cli_opt_print_synopsis(to, cmd);
  roff_paragraphs(to, cmd->description);
  for (o = cmd->opts; o->kind != CLI_OPT_END; o++) {
    fputs(".TP\n", to);
    if (o->short_name) {
      fprintf(to, "\\fB\\-%c\\fR, ", o->short_name);
    }
    fputs("\\fB\\-\\-", to);
    roff(to, o->name, strlen(o->name), 0);
    fputs("\\fR", to);
    if (o->kind == CLI_OPT_VALUE) {
      fputs(" \\fI", to);
      roff(to, o->arg, strlen(o->arg), 0);
      fputs("\\fR", to);
    }
    fputc('\n', to);
    roff(to, help_of(cmd, o), strlen(help_of(cmd, o)), 1);
    fputs(".\n", to);
  }
  if (cmd->notes) {
    roff_paragraphs(to, cmd->notes);
  }
}
