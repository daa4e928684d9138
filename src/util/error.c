/* Per-thread last error: the only mutable global state the library keeps. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local struct {
  gazmap_error pub;
  char file[512];
  char message[1024];
} last;

int gz_fail(int code, const char *file, unsigned long line, const char *fmt, ...) {
  va_list ap;
  last.pub.code = code;
  last.pub.line = line;
  if (file) {
    snprintf(last.file, sizeof last.file, "%s", file);
    last.pub.file = last.file;
  } else {
    last.pub.file = NULL;
  }
  va_start(ap, fmt);
  vsnprintf(last.message, sizeof last.message, fmt, ap);
  va_end(ap);
  last.pub.message = last.message;
  return code;
}

const gazmap_error *gazmap_error_last(void) {
  if (last.pub.code == GAZMAP_OK) {
    last.pub.message = "no error";
  }
  return &last.pub;
}

void gazmap_error_clear(void) {
  memset(&last.pub, 0, sizeof last.pub);
}

const char *gazmap_strerror(int code) {
  switch (code) {
  case GAZMAP_OK: return "success";
  case GAZMAP_ENOMEM: return "out of memory";
  case GAZMAP_EIO: return "input/output error";
  case GAZMAP_EPARSE: return "malformed data";
  case GAZMAP_EINVAL: return "invalid argument";
  case GAZMAP_EUTF8: return "invalid UTF-8";
  case GAZMAP_ENOTFOUND: return "not found";
  case GAZMAP_ERANGE: return "size out of range";
  case GAZMAP_EPROJ: return "projection error";
  case GAZMAP_ERENDER: return "rendering error";
  default: return "unknown error";
  }
}
