/* gazmap near - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_near(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("near", "this command is not built yet");
}
