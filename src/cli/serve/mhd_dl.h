/* libmicrohttpd, loaded with dlopen() when `gazmap serve` starts.
 *
 * Linked, libmicrohttpd brings GnuTLS and eight more libraries (nettle,
 * hogweed, gmp, p11-kit, tasn1, idn2, unistring, brotli's ...) into every
 * gazmap process, and the dynamic loader's relocations grow with every
 * library loaded: `gazmap --version` went from 48 to 57 libraries.  So only
 * serve loads it, by the SONAME CMakeLists.txt read from the library at
 * configure time, as src/util/proj_dl.c does for PROJ.  The header is still
 * used for its types and constants; server.c calls the functions through
 * the macros below, which name the table's pointers. */
#ifndef GAZMAP_SERVE_MHD_DL_H
#define GAZMAP_SERVE_MHD_DL_H

#include <microhttpd.h>

#ifndef GAZMAP_MHD_SONAME
#define GAZMAP_MHD_SONAME "libmicrohttpd.so"
#endif

/* The libmicrohttpd functions serve calls, one pointer each, named after
 * them without the "MHD_" prefix. */
typedef struct serve_mhd_api {
  struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
                                     MHD_AcceptPolicyCallback apc, void *apc_cls,
                                     MHD_AccessHandlerCallback dh, void *dh_cls, ...);
  void (*stop_daemon)(struct MHD_Daemon *daemon);
  MHD_socket (*quiesce_daemon)(struct MHD_Daemon *daemon);
  enum MHD_Result (*add_response_header)(struct MHD_Response *response, const char *header,
                                         const char *content);
  enum MHD_Result (*queue_response)(struct MHD_Connection *connection, unsigned int status_code,
                                    struct MHD_Response *response);
  const char *(*lookup_connection_value)(struct MHD_Connection *connection,
                                         enum MHD_ValueKind kind, const char *key);
  void (*destroy_response)(struct MHD_Response *response);
  struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer,
                                                      enum MHD_ResponseMemoryMode mode);
  int (*get_connection_values_n)(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                                 MHD_KeyValueIteratorN iterator, void *iterator_cls);
  int (*get_connection_values)(struct MHD_Connection *connection, enum MHD_ValueKind kind,
                               MHD_KeyValueIterator iterator, void *iterator_cls);
  const union MHD_ConnectionInfo *(*get_connection_info)(struct MHD_Connection *connection,
                                                         enum MHD_ConnectionInfoType info_type,
                                                         ...);
} serve_mhd_api;

/* The table, filled by serve_mhd_load(). */
extern serve_mhd_api serve_mhd;

/* Loads libmicrohttpd and fills serve_mhd; 0, or -1 after printing one line
 * "gazmap serve: cannot load ...: REASON" on stderr. */
int serve_mhd_load(void);

#ifndef SERVE_MHD_DL_IMPL
#define MHD_start_daemon serve_mhd.start_daemon
#define MHD_stop_daemon serve_mhd.stop_daemon
#define MHD_quiesce_daemon serve_mhd.quiesce_daemon
#define MHD_add_response_header serve_mhd.add_response_header
#define MHD_queue_response serve_mhd.queue_response
#define MHD_lookup_connection_value serve_mhd.lookup_connection_value
#define MHD_destroy_response serve_mhd.destroy_response
#define MHD_create_response_from_buffer serve_mhd.create_response_from_buffer
#define MHD_get_connection_values_n serve_mhd.get_connection_values_n
#define MHD_get_connection_values serve_mhd.get_connection_values
#define MHD_get_connection_info serve_mhd.get_connection_info
#endif

#endif
