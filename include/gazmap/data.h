/* gazmap/data.h - where the bundled data (gazetteer, shapes) is found. */
#ifndef GAZMAP_DATA_H
#define GAZMAP_DATA_H

#include "gazmap/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The directory holding gazetteer.tsv and shapes/, searched in this order:
 *   1. $GAZMAP_DATA_DIR;
 *   2. <dir of the running executable>/../share/gazmap (install and build tree);
 *   3. the install prefix compiled in (GAZMAP_INSTALL_DATADIR).
 * The first that holds gazetteer.tsv wins.  Returns a static string, or NULL
 * with the last error set when none does. */
GAZMAP_EXTERN const char *gazmap_data_dir(void);

/* Joins gazmap_data_dir() and `relative` ("gazetteer.tsv", "shapes/...").
 * Returns a string the caller frees with free(), or NULL with the error set. */
GAZMAP_EXTERN char *gazmap_data_path(const char *relative);

#ifdef __cplusplus
}
#endif
#endif
