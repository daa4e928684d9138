/* gazmap/gazmap.h - the whole public API of libgazmap.
 *
 * Data flow: text -> fold -> gazetteer lookup -> places -> layers ->
 * projection -> labels -> drawing -> file.  Each stage has its own header. */
#ifndef GAZMAP_GAZMAP_H
#define GAZMAP_GAZMAP_H

#include "gazmap/export.h"

#define GAZMAP_VERSION "0.1.0"

#include "gazmap/error.h"
#include "gazmap/data.h"
#include "gazmap/fold.h"
#include "gazmap/gazetteer.h"
#include "gazmap/render.h"
#include "gazmap/layer.h"
#include "gazmap/overlay.h"
#include "gazmap/frame.h"
#include "gazmap/scan.h"
#include "gazmap/report.h"
#include "gazmap/output.h"

/* Returns GAZMAP_VERSION of the library actually linked. */
GAZMAP_EXTERN const char *gazmap_version(void);

#endif
