/* SIGINT, SIGTERM, SIGHUP and SIGXFSZ (a file size limit, `ulimit -f`)
 * during a write: the temporary file goes, and the signal then ends the
 * process as it would have (cli/signals.h). */
#define _GNU_SOURCE
#include "signals.h"

#include "gazmap/output.h"

#include <signal.h>
#include <string.h>

static void on_signal(int sig) {
  struct sigaction dfl;
  gazmap_output_cleanup();
  /* The default action, re-raised: the exit status says which signal. */
  memset(&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(sig, &dfl, NULL);
  raise(sig);
}

void cli_signals_install(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
  struct sigaction sa;
  size_t i;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    /* A signal the shell ignores (nohup, a background job) stays ignored. */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
      continue;
    }
    sigaddset(&sa.sa_mask, sigs[i]);
  }
  for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    if (sigismember(&sa.sa_mask, sigs[i])) {
      sigaction(sigs[i], &sa, NULL);
    }
  }
}
