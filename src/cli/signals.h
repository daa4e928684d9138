/* The CLI's signal handling: an interrupted write leaves no temporary file. */
#ifndef GAZMAP_CLI_SIGNALS_H
#define GAZMAP_CLI_SIGNALS_H

/* Installs handlers for SIGINT, SIGTERM, SIGHUP and SIGXFSZ that remove the library's
 * temporary output files (gazmap_output_cleanup) and then end the process
 * by the same signal, so that the shell still sees it (exit 128 + n). */
void cli_signals_install(void);

#endif
