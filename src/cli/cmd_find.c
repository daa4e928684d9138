/* gazmap find - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_find(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("find", "this command is not built yet");
}
