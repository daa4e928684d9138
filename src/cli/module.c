/* The map module, opened on demand (module.h). */
#define _GNU_SOURCE
#include "module.h"

#include "cli.h"

/* The one internal header the CLI uses: a failed load is recorded as the
 * library records its errors, so that every caller reports it as it reports
 * any other. */
#include "util/error.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef GAZMAP_MODULE_FROM_BIN
#define GAZMAP_MODULE_FROM_BIN "../lib/gazmap/gazmap-map.so"
#endif
#ifndef GAZMAP_MODULE_INSTALLED
#define GAZMAP_MODULE_INSTALLED "/usr/local/lib/gazmap/gazmap-map.so"
#endif

/* Every function of the map part the CLI calls, without its "gazmap_"
 * prefix.  The link of the executable fails on a call to one missing here,
 * since the executable has none of the map part's code. */
#define MAP_FUNCTIONS(X)                                                                           \
  X(bbox_around)                                                                                   \
  X(format_parse)                                                                                  \
  X(paper_parse)                                                                                   \
  X(overlay_read)                                                                                  \
  X(overlay_free)                                                                                  \
  X(render_file)                                                                                   \
  X(render_buffer)                                                                                 \
  X(layer_names)                                                                                   \
  X(layer_groups)                                                                                  \
  X(layer_known)                                                                                   \
  X(layer_open)                                                                                    \
  X(layer_free)                                                                                    \
  X(layer_to_geojson)                                                                              \
  X(layer_write_geojson)                                                                           \
  X(layer_write_shp)                                                                               \
  X(report_check_prefix)                                                                           \
  X(report_frame)                                                                                  \
  X(report_html)                                                                                   \
  X(report_writer_new)                                                                             \
  X(report_writer_count)                                                                           \
  X(report_writer_places)                                                                          \
  X(report_writer_begin)                                                                           \
  X(report_writer_mention)                                                                         \
  X(report_writer_end)                                                                             \
  X(report_writer_free)

/* One pointer per function, of the type its public prototype gives it, so
 * that the compiler checks each call below against the header. */
#define SLOT(name) __typeof__(&gazmap_##name) name;
typedef struct map_api {
  MAP_FUNCTIONS(SLOT)
} map_api;

#define SYMBOL(name) {"gazmap_" #name, offsetof(map_api, name)},
static const struct {
  const char *symbol;
  size_t offset;
} slots[] = {MAP_FUNCTIONS(SYMBOL)};

/* The process's module: loaded at most once, never closed (objects made by
 * it live as long as the process).  Written only inside pthread_once, read
 * only after, as src/util/proj_dl.c does for PROJ. */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static map_api api;
static int loaded;
static char path[PATH_MAX + 64];
static char failure[PATH_MAX + 512];

/* `path`: the executable's directory joined to GAZMAP_MODULE_FROM_BIN, with
 * each leading "../" taking off one directory (/proc/self/exe has no
 * symbolic link left in it, so this is what the kernel would resolve, and
 * the messages show a plain path); the compiled-in install path when the
 * executable cannot be found. */
static void find_path(void) {
  char exe[PATH_MAX];
  const char *rel = GAZMAP_MODULE_FROM_BIN;
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash;
  if (n <= 0 || !(exe[n] = '\0', slash = strrchr(exe, '/'))) {
    snprintf(path, sizeof path, "%s", GAZMAP_MODULE_INSTALLED);
    return;
  }
  *slash = '\0';
  while (!strncmp(rel, "../", 3) && (slash = strrchr(exe, '/')) && slash != exe) {
    *slash = '\0';
    rel += 3;
  }
  snprintf(path, sizeof path, "%s/%s", exe, rel);
}

/* dlerror()'s reason without the "PATH: " it starts with when it names the
 * module itself (the message names it once already). */
static const char *reason(const char *why) {
  size_t n = strlen(path);
  if (!why) {
    return "unknown reason";
  }
  return !strncmp(why, path, n) && !strncmp(why + n, ": ", 2) ? why + n + 2 : why;
}

/* dlopen() maps the module's segments where its program headers say they
 * are in the file, and a file cut short (an interrupted copy, a full disk)
 * then faults with SIGBUS at the first touch instead of failing.  So the
 * headers are read first: every loadable segment, and the section headers
 * the linker writes last, must lie inside the file.  0, or -1 with the
 * reason in `why`; the rest of the checking is dlopen()'s. */
static int check_elf(char *why, size_t cap) {
  ElfW(Ehdr) eh;
  ElfW(Phdr) ph;
  struct stat st;
  unsigned long long size, end;
  int fd = open(path, O_RDONLY | O_CLOEXEC), rc = -1;
  size_t i;
  if (fd < 0 || fstat(fd, &st) < 0) {
    snprintf(why, cap, "%s", strerror(errno));
    goto done;
  }
  size = (unsigned long long)st.st_size;
  if (!S_ISREG(st.st_mode)) {
    snprintf(why, cap, "not a regular file");
    goto done;
  }
  if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
      eh.e_phentsize != sizeof ph) {
    snprintf(why, cap, "not a shared object of this machine");
    goto done;
  }
  end = (unsigned long long)eh.e_shoff + (unsigned long long)eh.e_shnum * eh.e_shentsize;
  for (i = 0; i < eh.e_phnum && end <= size; i++) {
    if (pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + i * sizeof ph)) != (ssize_t)sizeof ph) {
      end = size + 1;
    } else if (ph.p_type == PT_LOAD && ph.p_offset + ph.p_filesz > end) {
      end = ph.p_offset + ph.p_filesz;
    }
  }
  if (end > size) {
    snprintf(why, cap, "cut short (%llu bytes, its headers describe more)", size);
    goto done;
  }
  rc = 0;
done:
  if (fd >= 0) {
    close(fd);
  }
  return rc;
}

static void load_once(void) {
  void *h;
  size_t i;
  char why[256];
  find_path();
  if (check_elf(why, sizeof why) < 0) {
    snprintf(failure, sizeof failure, "cannot load the map module %s: %s", path, why);
    return;
  }
  /* RTLD_NOW: every symbol the module needs from the executable and from
   * its libraries is bound here, so a module from another build is refused
   * with a message instead of failing in the middle of a drawing; it cost
   * 0.6 ms against RTLD_LAZY (`export --help` 8.6 against 8.0 ms), where a
   * 640x480 render takes 65 ms (doc/startup.md).  RTLD_LOCAL: cairo's and
   * Pango's symbols stay out of the global scope. */
  if (!(h = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
    snprintf(failure, sizeof failure, "cannot load the map module %s: %s", path, reason(dlerror()));
    return;
  }
  for (i = 0; i < sizeof slots / sizeof *slots; i++) {
    void *sym = dlsym(h, slots[i].symbol);
    void (*fn)(void);
    if (!sym) {
      snprintf(failure, sizeof failure, "cannot load the map module %s: it has no %s", path,
               slots[i].symbol);
      dlclose(h);
      memset(&api, 0, sizeof api);
      return;
    }
    /* POSIX guarantees that dlsym()'s object pointer converts to a function
     * pointer; memcpy says so without ISO C's warning. */
    memcpy(&fn, &sym, sizeof fn);
    memcpy((char *)&api + slots[i].offset, &fn, sizeof fn);
  }
  loaded = 1;
}

/* The module's functions, or NULL with the reason recorded as the calling
 * thread's last error (GAZMAP_ENOTFOUND; the path is in the message). */
static const map_api *map(void) {
  pthread_once(&once, load_once);
  if (!loaded) {
    gz_fail(GAZMAP_ENOTFOUND, NULL, 0, "%s", failure);
    return NULL;
  }
  return &api;
}

int cli_module_load(void) {
  return map() ? 0 : GAZMAP_ENOTFOUND;
}

int cli_module_require(const char *cmd) {
  return map() ? 0 : cli_fail(cmd);
}

/* ---- the map part's public functions, passed on to the module ----
 *
 * Each returns what the module's returns, or, when the module cannot be
 * loaded, the failure its prototype allows: GAZMAP_ENOTFOUND, NULL, the
 * "unknown" value of a parser, an empty list; a function that frees has
 * nothing to free, since only the module makes those objects. */

int gazmap_bbox_around(double lat, double lon, double radius_km, double bbox[4]) {
  const map_api *m = map();
  return m ? m->bbox_around(lat, lon, radius_km, bbox) : GAZMAP_ENOTFOUND;
}

gazmap_format gazmap_format_parse(const char *word) {
  const map_api *m = map();
  return m ? m->format_parse(word) : GAZMAP_FORMAT_AUTO;
}

int gazmap_paper_parse(const char *word) {
  const map_api *m = map();
  return m ? m->paper_parse(word) : GAZMAP_PAPER_NONE;
}

int gazmap_overlay_read(gazmap_overlay **out, const char *file, const gazmap_overlay_opts *opts) {
  const map_api *m = map();
  *out = NULL;
  return m ? m->overlay_read(out, file, opts) : GAZMAP_ENOTFOUND;
}

void gazmap_overlay_free(gazmap_overlay *ov) {
  if (ov) {
    api.overlay_free(ov);
  }
}

int gazmap_render_file(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                       const char *file) {
  const map_api *m = map();
  return m ? m->render_file(g, opts, fmt, file) : GAZMAP_ENOTFOUND;
}

int gazmap_render_buffer(gazmap_gazetteer *g, const gazmap_render_opts *opts, gazmap_format fmt,
                         unsigned char **out, size_t *len) {
  const map_api *m = map();
  return m ? m->render_buffer(g, opts, fmt, out, len) : GAZMAP_ENOTFOUND;
}

const char *const *gazmap_layer_names(void) {
  static const char *const none[] = {NULL};
  const map_api *m = map();
  return m ? m->layer_names() : none;
}

const char *const *gazmap_layer_groups(void) {
  static const char *const none[] = {NULL};
  const map_api *m = map();
  return m ? m->layer_groups() : none;
}

int gazmap_layer_known(const char *name) {
  const map_api *m = map();
  return m ? m->layer_known(name) : 0;
}

int gazmap_layer_open(gazmap_layer **out, const char *shapes_dir, const char *name,
                      const gazmap_gazetteer *g) {
  const map_api *m = map();
  *out = NULL;
  return m ? m->layer_open(out, shapes_dir, name, g) : GAZMAP_ENOTFOUND;
}

void gazmap_layer_free(gazmap_layer *layer) {
  if (layer) {
    api.layer_free(layer);
  }
}

int gazmap_layer_to_geojson(const gazmap_layer *layer, char **out, size_t *len) {
  const map_api *m = map();
  return m ? m->layer_to_geojson(layer, out, len) : GAZMAP_ENOTFOUND;
}

int gazmap_layer_write_geojson(const gazmap_layer *layer, const char *file) {
  const map_api *m = map();
  return m ? m->layer_write_geojson(layer, file) : GAZMAP_ENOTFOUND;
}

int gazmap_layer_write_shp(const gazmap_layer *layer, const char *file) {
  const map_api *m = map();
  return m ? m->layer_write_shp(layer, file) : GAZMAP_ENOTFOUND;
}

int gazmap_report_check_prefix(const char *prefix) {
  const map_api *m = map();
  return m ? m->report_check_prefix(prefix) : GAZMAP_ENOTFOUND;
}

int gazmap_report_frame(const gazmap_report_mention *mentions, size_t n, gazmap_render_opts *o) {
  const map_api *m = map();
  return m ? m->report_frame(mentions, n, o) : GAZMAP_ENOTFOUND;
}

int gazmap_report_html(const char *text, size_t len, const gazmap_report_mention *mentions,
                       size_t n, const gazmap_report_opts *opts, char **out, size_t *outlen) {
  const map_api *m = map();
  return m ? m->report_html(text, len, mentions, n, opts, out, outlen) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_new(gazmap_report_writer **out, const char *text, size_t len) {
  const map_api *m = map();
  return m ? m->report_writer_new(out, text, len) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_count(gazmap_report_writer *w, const gazmap_report_mention *mention) {
  const map_api *m = map();
  return m ? m->report_writer_count(w, mention) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_places(gazmap_report_writer *w, const gazmap_highlight **h, size_t *n) {
  const map_api *m = map();
  return m ? m->report_writer_places(w, h, n) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_begin(gazmap_report_writer *w, const gazmap_report_opts *opts,
                               gazmap_report_sink sink, void *sink_ud) {
  const map_api *m = map();
  return m ? m->report_writer_begin(w, opts, sink, sink_ud) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_mention(gazmap_report_writer *w, const gazmap_report_mention *mention) {
  const map_api *m = map();
  return m ? m->report_writer_mention(w, mention) : GAZMAP_ENOTFOUND;
}

int gazmap_report_writer_end(gazmap_report_writer *w) {
  const map_api *m = map();
  return m ? m->report_writer_end(w) : GAZMAP_ENOTFOUND;
}

/* Only a writer the module made can be here, so the module is loaded. */
void gazmap_report_writer_free(gazmap_report_writer *w) {
  if (w) {
    api.report_writer_free(w);
  }
}
