/* Who uses which name: the usage codes of data/README.md, checked when a
 * gazetteer is read and put into words for lookup, find and the map.
 *
 * The model describes and does not rule: a name is not "the right one" or
 * "the wrong one", it is official for a state or a period, used by an
 * authority, or common in the media, and the data says which. */
#include "gazetteer/gazetteer_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct usage_code {
  const char *code;
  const char *words;  /* what the code means */
  const char *period; /* the period the code implies, or NULL */
} usage_code;

/* Upper case: a state's official use, today or in the period given.  Lower
 * case would read like language tags, so the others are upper case too. */
static const usage_code codes[] = {
    {"AZ", "official in Azerbaijan", NULL},
    {"AM", "official in Armenia", NULL},
    {"GE", "official in Georgia", NULL},
    {"IR", "official in Iran", NULL},
    {"TR", "official in Turkey", NULL},
    {"RU", "official in Russia", NULL},
    {"SU", "official in the Soviet period", "1920-1991"},
    {"EMP", "official in the Russian Empire", "1806-1917"},
    {"NKR", "used by the Armenian authorities of Karabakh", "1991-2023"},
    {"MEDIA", "common in the media", NULL},
    {"LOCAL", "used locally", NULL},
};

#define NCODES (sizeof codes / sizeof codes[0])

static const usage_code *code_of(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < NCODES; i++) {
    if (strlen(codes[i].code) == n && !memcmp(codes[i].code, s, n)) {
      return &codes[i];
    }
  }
  return NULL;
}

/* "YYYY-YYYY" or "YYYY-" (still in use), years 1000 to 2999, in order. */
static int valid_period(const char *s, size_t n) {
  int from, to;
  size_t i;
  if (n != 5 && n != 9) {
    return 0;
  }
  for (i = 0; i < n; i++) {
    if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) {
      return 0;
    }
  }
  from = atoi(s);
  to = n == 9 ? atoi(s + 5) : 2999;
  return from >= 1000 && to <= 2999 && from <= to;
}

int gz_usage_check(const char *s, char *why, size_t cap) {
  const char *p = s;
  while (*p) {
    const char *end = strchr(p, ';'), *eq;
    size_t n = end ? (size_t)(end - p) : strlen(p);
    eq = memchr(p, '=', n);
    if (!code_of(p, eq ? (size_t)(eq - p) : n)) {
      snprintf(why, cap, "unknown usage '%.*s' (AZ AM GE IR TR RU SU EMP NKR MEDIA LOCAL)",
               (int)(eq ? (size_t)(eq - p) : n), p);
      return -1;
    }
    if (eq && !valid_period(eq + 1, n - (size_t)(eq + 1 - p))) {
      snprintf(why, cap, "usage period '%.*s' is not YYYY-YYYY or YYYY-",
               (int)(n - (size_t)(eq + 1 - p)), eq + 1);
      return -1;
    }
    if (!end) {
      break;
    }
    if (end[1] == '\0') {
      snprintf(why, cap, "usage list ends with ';'");
      return -1;
    }
    p = end + 1;
  }
  return 0;
}

size_t gazmap_name_usage(const gazmap_name *nm, char *buf, size_t cap) {
  const char *p = nm && nm->usage ? nm->usage : "";
  size_t total = 0;
  if (cap > 0) {
    buf[0] = '\0';
  }
  while (*p) {
    const char *end = strchr(p, ';'), *eq;
    size_t n = end ? (size_t)(end - p) : strlen(p);
    const usage_code *c;
    char part[160];
    int w;
    eq = memchr(p, '=', n);
    c = code_of(p, eq ? (size_t)(eq - p) : n);
    if (c) {
      const char *period = eq ? eq + 1 : c->period;
      int plen = eq ? (int)(n - (size_t)(eq + 1 - p)) : period ? (int)strlen(period) : 0;
      if (period && plen == 5) {
        w = snprintf(part, sizeof part, "%s%s since %.4s", total ? "; " : "", c->words, period);
      } else if (period) {
        w = snprintf(part, sizeof part, "%s%s (%.*s)", total ? "; " : "", c->words, plen, period);
      } else {
        w = snprintf(part, sizeof part, "%s%s", total ? "; " : "", c->words);
      }
      if (w > 0) {
        if (total + (size_t)w < cap) {
          memcpy(buf + total, part, (size_t)w + 1);
        } else if (cap > 0 && total < cap) {
          buf[total] = '\0';
        }
        total += (size_t)w;
      }
    }
    p = end ? end + 1 : p + n;
  }
  return total;
}
