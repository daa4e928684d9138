/* The map module: the part of gazmap that draws, opened on demand.
 *
 * The executable holds the core of the library (folding, gazetteer,
 * matching, scanning) and none of the map part; src/map, src/writers and
 * src/report, with cairo, Pango, fontconfig, shapelib and ISA-L behind them,
 * are the module lib/gazmap/gazmap-map.so, found relative to the executable
 * (the same layout in the build tree and under the install prefix).
 * module.c defines the public functions of the map part that the CLI calls
 * (gazmap_render_file, gazmap_layer_open, ...) as small functions that open
 * the module the first time one is called and pass the call on, so the
 * commands call the public API as before and `lookup`, `near`, `list`,
 * `check` and `find` never load it.  When the module cannot be loaded, those
 * functions fail with GAZMAP_ENOTFOUND and a message naming it, which the
 * commands turn into one line on stderr and exit status 2.
 *
 * The module binds its calls into the core to the executable's own copy
 * (src/cli/module.dynlist), so the process has one last error per thread,
 * one set of output files for the signal handler and one PROJ table. */
#ifndef GAZMAP_CLI_MODULE_H
#define GAZMAP_CLI_MODULE_H

/* Opens the module now (once per process): 0, or GAZMAP_ENOTFOUND with the
 * reason as the calling thread's last error ("cannot load the map module
 * PATH: REASON"). */
int cli_module_load(void);

/* Opens the module now (once per process; later calls only report the
 * outcome): 0, or prints "gazmap CMD: cannot load the map module PATH:
 * REASON" on stderr and returns CLI_EXIT_ERROR.  A command that draws calls
 * it first, so that a broken install is reported before any other work. */
int cli_module_require(const char *cmd);

#endif
