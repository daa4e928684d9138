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

/* Copies `s` into `out` (of `cap` bytes, NUL-terminated, cut if need be)
 * with each control character written as \n, \r, \t or \xHH: a message
 * is one line, also when it quotes a value of the input that spans lines
 * (a quoted CSV field, a JSON string). */
static void copy_one_line(char *out, size_t cap, const char *s) {
  size_t o = 0;
  for (; *s && o + 1 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    char esc[5];
    size_t n;
    if (c >= 0x20 && c != 0x7f) {
      out[o++] = (char)c;
      continue;
    }
    if (c == '\n' || c == '\r' || c == '\t') {
      esc[0] = '\\';
      esc[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
      esc[2] = '\0';
    } else {
      snprintf(esc, sizeof esc, "\\x%02X", c);
    }
    n = strlen(esc);
    if (o + n + 1 > cap) {
      break;
    }
    memcpy(out + o, esc, n);
    o += n;
  }
  out[o] = '\0';
}

int gz_fail(int code, const char *file, unsigned long line, const char *fmt, ...) {
  char message[sizeof last.message];
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
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  copy_one_line(last.message, sizeof last.message, message);
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
