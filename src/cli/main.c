/* gazmap: the command-line tool.  This file only dispatches to one
 * cmd_<name>.c per command. */
#include "cli.h"

#include <string.h>

static const cli_command commands[] = {
    {"lookup", "find a place by any of its names", cmd_lookup},
    {"near", "list the places nearest to a point", cmd_near},
    {"list", "list the gazetteer, filtered by kind or country", cmd_list},
    {"check", "validate a gazetteer file", cmd_check},
    {"render", "draw the map to PNG, SVG or PDF", cmd_render},
    {"export", "write a map layer as GeoJSON or shapefile", cmd_export},
    {"find", "find every place named in a text", cmd_find},
    {"report", "write an HTML report of a text with its places and map", cmd_report},
};

static void usage(FILE *to) {
  size_t i;
  fprintf(to, "usage: gazmap [--version] [--help] COMMAND [ARGS]\n\ncommands:\n");
  for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    fprintf(to, "  %-8s %s\n", commands[i].name, commands[i].summary);
  }
  fprintf(to, "\n'gazmap COMMAND --help' describes one command.\n%s", cli_exit_help);
}

int main(int argc, char **argv) {
  size_t i;
  if (argc < 2) {
    usage(stderr);
    return CLI_EXIT_ERROR;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return CLI_EXIT_OK;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("gazmap %s\n", gazmap_version());
    return CLI_EXIT_OK;
  }
  for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
    if (!strcmp(argv[1], commands[i].name)) {
      return commands[i].run(argc - 1, argv + 1);
    }
  }
  fprintf(stderr, "gazmap: unknown command '%s' (see 'gazmap --help')\n", argv[1]);
  return CLI_EXIT_ERROR;
}
