#include "gazmap/gazmap.h"

const char *gazmap_version(void) {
  return GAZMAP_VERSION;
}
