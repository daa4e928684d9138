/* gazmap/export.h - GAZMAP_EXTERN marks every function of the public API.
 *
 * The library is compiled with -fvisibility=hidden, so only what carries this
 * mark is exported from libgazmap.so: the gazmap_ functions of these headers,
 * and nothing of the library's internals (tests/test_abi checks with nm). */
#ifndef GAZMAP_EXPORT_H
#define GAZMAP_EXPORT_H

#if defined(_WIN32)
#define GAZMAP_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define GAZMAP_EXTERN __attribute__((visibility("default")))
#else
#define GAZMAP_EXTERN
#endif

#endif
