/* gazmap render - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_render(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("render", "this command is not built yet");
}
