/* gazmap report - placeholder until its issue lands; it fails loudly. */
#include "cli.h"

int cmd_report(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_usage("report", "this command is not built yet");
}
