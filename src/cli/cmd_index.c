/* gazmap index - compile a gazetteer into one file that every command then
 * reads in place (doc/index.md). */
#define _GNU_SOURCE
#include "cli.h"

#include <unistd.h>

#define CMD "index"

static int run(int argc, char **argv);

static const cli_opt options[] = {
    {CLI_OPT_VALUE, 'o', 'o', "output", "FILE",
     "write the index to FILE (required; written atomically, '-' is standard output)"},
    CLI_GAZETTEER_OPTIONS,
    {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"},
    {0}};

const cli_command cli_cmd_index = {
    .name = CMD,
    .summary = "compile a gazetteer into an index file used in place",
    .usage = "-o FILE [--gazetteer SRC]... [--altnames FILE]... [--no-bundled] [filters]",
    .description =
        "Loads the gazetteer the options describe, as every other command would (the\n"
        "bundled gazetteer unless --no-bundled, each --gazetteer layer below it, the\n"
        "--altnames tables joined to the GeoNames layers, the import filters), builds\n"
        "its name index, and writes both to FILE: places, names, the folded, skeleton\n"
        "and alias keys, the fuzzy and prefix tables and a grid for near.  Every\n"
        "command then takes FILE wherever it takes a gazetteer (--gazetteer FILE),\n"
        "maps it and uses it in place: nothing is parsed or built at start-up.  An\n"
        "index built with the bundled gazetteer stands for it and its own layers\n"
        "while the bundled files stay as they were.  On a terminal, building shows\n"
        "the rows read, the rate and the time left.\n",
    .opts = options,
    .notes = "gazmap check FILE verifies every checksum and record of an index; opening\n"
             "one checks only its header (doc/index.md says why).\n",
    .run = run};

static int run(int argc, char **argv) {
  gazmap_index_opts io = GAZMAP_INDEX_OPTS_INIT;
  gazmap_gazetteer *g = NULL;
  const char *out = NULL;
  cli_opt_parser op;
  int opt, status = CLI_EXIT_OK;

  cli_opt_init(&op, &cli_cmd_index, argc, argv);
  while ((opt = cli_opt_next(&op)) >= 0) {
    if (opt == 'o') {
      out = optarg;
    }
  }
  if (opt != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (optind < argc) {
    return cli_usage(CMD, "unexpected argument '%s'", argv[optind]);
  }
  if (!out || !*out) {
    return cli_usage(CMD, "give the index file to write with -o FILE");
  }
  if (cli_open_gazetteer(CMD, NULL, &g)) {
    return CLI_EXIT_ERROR;
  }
  if (isatty(STDERR_FILENO)) {
    io.progress = cli_show_progress;
  }
  if (gazmap_index_write(g, out, &io) < 0) {
    status = cli_fail(CMD);
  }
  gazmap_gazetteer_free(g);
  return status;
}
