/* gazmap check - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_check(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("check", "this command is not built yet");
}
