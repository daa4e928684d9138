/* Query parameters: every value is checked here before an endpoint sees it,
 * so that a handler only ever reads valid UTF-8 of bounded length and
 * numbers that are finite and in range. */
#define _GNU_SOURCE
#include "serve.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int serve_utf8_valid(const char *s, size_t len, size_t *bad) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned c = u[i];
    size_t need, k;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07;
    } else {
      goto invalid;
    }
    if (len - i <= need) {
      goto invalid;
    }
    for (k = 1; k <= need; k++) {
      if ((u[i + k] & 0xC0) != 0x80) {
        goto invalid;
      }
      cp = (cp << 6) | (u[i + k] & 0x3F);
    }
    /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF. */
    if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      goto invalid;
    }
    i += need + 1;
  }
  return 1;
invalid:
  if (bad) {
    *bad = i;
  }
  return 0;
}

static const serve_param_spec *spec_of(const serve_param_spec *spec, const char *key) {
  for (; spec->name; spec++) {
    if (!strcmp(spec->name, key)) {
      return spec;
    }
  }
  return NULL;
}

int serve_params_check(const serve_params *ps, const serve_param_spec *spec, char *err,
                       size_t cap) {
  size_t i, j;
  if (ps->error[0]) {
    snprintf(err, cap, "%s", ps->error);
    return -1;
  }
  if (ps->overflow) {
    snprintf(err, cap, "more than %d parameters", SERVE_MAX_PARAMS);
    return -1;
  }
  for (i = 0; i < ps->n; i++) {
    const serve_param_spec *s = spec_of(spec, ps->p[i].key);
    if (!s) {
      /* The key is valid UTF-8 of bounded length (checked when collected),
       * so it can be quoted back. */
      snprintf(err, cap, "unknown parameter '%s'", ps->p[i].key);
      return -1;
    }
    if (!s->repeat) {
      for (j = 0; j < i; j++) {
        if (!strcmp(ps->p[j].key, ps->p[i].key)) {
          snprintf(err, cap, "parameter '%s' given twice", ps->p[i].key);
          return -1;
        }
      }
    }
  }
  return 0;
}

const char *serve_params_get(const serve_params *ps, const char *key) {
  size_t i;
  for (i = 0; i < ps->n; i++) {
    if (!strcmp(ps->p[i].key, key)) {
      return ps->p[i].value;
    }
  }
  return NULL;
}

/* A plain decimal: optional sign, digits, optional fraction.  strtod alone
 * would also take "1e999", "0x1p3", "inf" and "nan", which no client means
 * as a coordinate. */
static int plain_decimal(const char *s, int allow_fraction) {
  size_t digits = 0;
  if (*s == '-' || *s == '+') {
    s++;
  }
  while (*s >= '0' && *s <= '9') {
    s++;
    digits++;
  }
  if (allow_fraction && *s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') {
      s++;
      digits++;
    }
  }
  return digits > 0 && digits <= 24 && *s == '\0';
}

static int parse_double(const char *key, const char *v, double lo, double hi, double *out,
                        char *err, size_t cap) {
  char *end;
  double d;
  errno = 0;
  d = plain_decimal(v, 1) ? strtod(v, &end) : NAN;
  if (!isfinite(d) || errno || d < lo || d > hi) {
    snprintf(err, cap, "parameter '%s' must be a decimal number from %g to %g", key, lo, hi);
    return -1;
  }
  *out = d;
  return 0;
}

int serve_params_double(const serve_params *ps, const char *key, double lo, double hi, double *out,
                        char *err, size_t cap) {
  const char *v = serve_params_get(ps, key);
  if (!v) {
    return 1;
  }
  return parse_double(key, v, lo, hi, out, err, cap);
}

int serve_params_long(const serve_params *ps, const char *key, long lo, long hi, long *out,
                      char *err, size_t cap) {
  const char *v = serve_params_get(ps, key);
  long l;
  if (!v) {
    return 1;
  }
  errno = 0;
  if (!plain_decimal(v, 0) || strlen(v) > 12 || (l = strtol(v, NULL, 10), errno) || l < lo ||
      l > hi) {
    snprintf(err, cap, "parameter '%s' must be a whole number from %ld to %ld", key, lo, hi);
    return -1;
  }
  *out = l;
  return 0;
}

int serve_params_bool(const serve_params *ps, const char *key, int *out, char *err, size_t cap) {
  const char *v = serve_params_get(ps, key);
  if (!v) {
    return 1;
  }
  if (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "True")) {
    *out = 1;
  } else if (!strcmp(v, "0") || !strcmp(v, "false") || !strcmp(v, "False")) {
    *out = 0;
  } else {
    snprintf(err, cap, "parameter '%s' must be 0 or 1", key);
    return -1;
  }
  return 0;
}

int serve_params_doubles(const serve_params *ps, const char *key, double *out, size_t n, char *err,
                         size_t cap) {
  const char *v = serve_params_get(ps, key), *s;
  char part[32];
  size_t i;
  if (!v) {
    return 1;
  }
  s = v;
  for (i = 0; i < n; i++) {
    const char *comma = strchr(s, ',');
    size_t len = comma ? (size_t)(comma - s) : strlen(s);
    if ((comma != NULL) != (i + 1 < n) || len == 0 || len >= sizeof part) {
      snprintf(err, cap, "parameter '%s' must be %zu comma-separated numbers", key, n);
      return -1;
    }
    memcpy(part, s, len);
    part[len] = '\0';
    if (parse_double(key, part, -1e7, 1e7, &out[i], err, cap) < 0) {
      return -1;
    }
    s += len + 1;
  }
  return 0;
}
