/* gazmap check - validate a gazetteer file, reporting every problem. */
#define _GNU_SOURCE
#include "cli.h"
#include "places.h"

#include <stdlib.h>

#define CMD "check"

static int run(int argc, char **argv);

static const cli_opt options[] = {
    CLI_GAZETTEER_OPTIONS, {CLI_OPT_HELP, 'h', 'h', "help", NULL, "show this help"}, {0}};

const cli_command cli_cmd_check = {
    .name = CMD,
    .summary = "validate a gazetteer file, or a set of files as one",
    .usage = "[FILE...]\n"
             "--gazetteer FILE... [--altnames FILE]... [--no-bundled] [filters]",
    .description =
        "Validates a gazetteer file (gazmap TSV, or a GeoNames geoname dump) and prints\n"
        "every problem as FILE:LINE: reason: header, column count, ids (syntax,\n"
        "duplicates), kinds, coordinates out of range, country codes, district\n"
        "references, language tags, name flags and usage codes, UTF-8, line and file\n"
        "sizes.  Several gazmap TSV files are checked as one gazetteer: their ids are\n"
        "one namespace, so a row's district may be a row of another file and an id\n"
        "may not be given twice (data/gazetteer.tsv data/region/*.tsv).  Without\n"
        "FILE, checks the bundled gazetteer.  With the gazetteer options instead of\n"
        "FILE, loads the layers as every other command would (the bundled gazetteer,\n"
        "each --gazetteer file, each --altnames table joined to the GeoNames layers)\n"
        "and stops at the first problem; this is how an alternate names table is\n"
        "checked.\n",
    .opts = options,
    .notes = "A valid file gives exit status 0; a file with problems, or one that cannot\n"
             "be read, gives 2.\n",
    .run = run};

static void report(void *ud, const char *file, unsigned long line, const char *message) {
  (void)ud;
  if (line) {
    printf("%s:%lu: %s\n", file, line, message);
  } else {
    printf("%s: %s\n", file, message);
  }
}

static int run(int argc, char **argv) {
  cli_opt_parser op;
  const char *path;
  int opt, n, status;

  cli_opt_init(&op, &cli_cmd_check, argc, argv);
  if ((opt = cli_opt_next(&op)) != CLI_OPT_DONE) {
    return cli_opt_exit(opt);
  }
  if (cli_gazetteer_given()) {
    gazmap_gazetteer *g = NULL;
    if (optind < argc) {
      return cli_usage(CMD, "give FILE arguments or the gazetteer options, not both");
    }
    if (cli_open_gazetteer(CMD, NULL, &g)) {
      return CLI_EXIT_ERROR;
    }
    printf("%zu places in the layers: ok\n", gazmap_gazetteer_count(g));
    gazmap_gazetteer_free(g);
    return CLI_EXIT_OK;
  }
  if (argc - optind > 1) {
    const char *const *paths = (const char *const *)(argv + optind);
    size_t count = (size_t)(argc - optind);
    n = gazmap_gazetteer_check_set(paths, count, report, NULL);
    if (n < 0) {
      return cli_fail(CMD);
    }
    if (n > 0) {
      fprintf(stderr, "gazmap %s: %d problem%s in %zu files\n", CMD, n, n == 1 ? "" : "s", count);
      return CLI_EXIT_ERROR;
    }
    printf("%zu files: ok\n", count);
    return CLI_EXIT_OK;
  }
  if (optind < argc) {
    path = argv[optind];
  } else {
    /* The bundled gazetteer is a set: gazetteer.tsv and region/ *.tsv. */
    char **paths;
    size_t count;
    if (gazmap_gazetteer_bundled_files(&paths, &count) < 0) {
      return cli_fail(CMD);
    }
    n = gazmap_gazetteer_check_set((const char *const *)paths, count, report, NULL);
    if (n == 0) {
      printf("%s and %zu region file%s: ok\n", paths[0], count - 1, count == 2 ? "" : "s");
    }
    gazmap_gazetteer_files_free(paths, count);
    if (n < 0) {
      return cli_fail(CMD);
    }
    if (n > 0) {
      fprintf(stderr, "gazmap %s: %d problem%s in the bundled gazetteer\n", CMD, n,
              n == 1 ? "" : "s");
      return CLI_EXIT_ERROR;
    }
    return CLI_EXIT_OK;
  }
  n = gazmap_gazetteer_check(path, report, NULL);
  if (n < 0) {
    status = cli_fail(CMD);
  } else if (n > 0) {
    fprintf(stderr, "gazmap %s: %d problem%s in %s\n", CMD, n, n == 1 ? "" : "s", path);
    status = CLI_EXIT_ERROR;
  } else {
    printf("%s: ok\n", path);
    status = CLI_EXIT_OK;
  }
  return status;
}
