/* libmicrohttpd through dlopen(): see mhd_dl.h. */
#define SERVE_MHD_DL_IMPL
#include "mhd_dl.h"

#include <dlfcn.h>
#include <stdio.h>

serve_mhd_api serve_mhd;

int serve_mhd_load(void) {
  void *h;
  if (serve_mhd.start_daemon) {
    return 0;
  }
  if (!(h = dlopen(GAZMAP_MHD_SONAME, RTLD_NOW | RTLD_LOCAL))) {
    fprintf(stderr, "gazmap serve: cannot load %s: %s\n", GAZMAP_MHD_SONAME, dlerror());
    return -1;
  }
/* Each pointer is filled from the symbol of its name; a missing one is an
 * error naming it. */
#define SERVE_MHD_SYM(field, name)                                                                \
  if (!(*(void **)&serve_mhd.field = dlsym(h, name))) {                                           \
    fprintf(stderr, "gazmap serve: %s has no %s\n", GAZMAP_MHD_SONAME, name);                     \
    serve_mhd.start_daemon = NULL;                                                                \
    return -1;                                                                                    \
  }
  SERVE_MHD_SYM(stop_daemon, "MHD_stop_daemon")
  SERVE_MHD_SYM(quiesce_daemon, "MHD_quiesce_daemon")
  SERVE_MHD_SYM(add_response_header, "MHD_add_response_header")
  SERVE_MHD_SYM(queue_response, "MHD_queue_response")
  SERVE_MHD_SYM(lookup_connection_value, "MHD_lookup_connection_value")
  SERVE_MHD_SYM(destroy_response, "MHD_destroy_response")
  SERVE_MHD_SYM(create_response_from_buffer, "MHD_create_response_from_buffer")
  SERVE_MHD_SYM(get_connection_values_n, "MHD_get_connection_values_n")
  SERVE_MHD_SYM(get_connection_values, "MHD_get_connection_values")
  SERVE_MHD_SYM(get_connection_info, "MHD_get_connection_info")
  SERVE_MHD_SYM(start_daemon, "MHD_start_daemon") /* last: it marks the table filled */
#undef SERVE_MHD_SYM
  return 0;
}
