/* gazmap list - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_list(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("list", "this command is not built yet");
}
