/* gazmap export - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_export(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("export", "this command is not built yet");
}
