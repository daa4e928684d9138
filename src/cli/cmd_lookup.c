/* gazmap lookup - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_lookup(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("lookup", "this command is not built yet");
}
