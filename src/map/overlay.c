/* Reading the user's own data: a CSV table of points, a GeoJSON file
 * (jansson) or a shapefile (through gazmap_layer_read), into one overlay of
 * features with their simplestyle look and label.  Drawing them is
 * overlay_draw.c's business. */
#define _GNU_SOURCE
#include "gazmap/overlay.h"

#include "gazmap/error.h"

#include "map/overlay_internal.h"
#include "util/error.h"
#include "util/file.h"
#include "util/grow.h"
#include "util/utf8.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A CSV or GeoJSON file larger than this is not an overlay for a map of a
 * region; the limit keeps a mistaken argument from filling memory. */
#define OV_MAX_FILE ((size_t)256 << 20)

/* Where a problem is: the file, and the line (CSV, JSON syntax) or the
 * feature (GeoJSON, shapefile), for the one-line error. */
typedef struct ov_where {
  const char *path;
  unsigned long line; /* 0: none */
  size_t feature;     /* 1-based; 0: none */
} ov_where;

/* Where the overlay's text comes from: the file `path`, or (data not NULL)
 * `len` bytes in memory that `path` names (gz_overlay_read_mem). */
typedef struct ov_source {
  const char *path;
  const char *data;
  size_t len;
} ov_source;

/* The source's text, NUL-terminated, in *text (caller frees), under the
 * same size limit for both. */
static int ov_load(const ov_source *src, char **text, size_t *len) {
  if (!src->data) {
    return gz_read_file(src->path, OV_MAX_FILE, text, len);
  }
  if (src->len > OV_MAX_FILE) {
    return gz_fail(GAZMAP_ERANGE, src->path, 0, "larger than %zu MiB", OV_MAX_FILE >> 20);
  }
  if (!(*text = malloc(src->len + 1))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  memcpy(*text, src->data, src->len);
  (*text)[src->len] = '\0';
  *len = src->len;
  return 0;
}

static int ov_fail(const ov_where *w, int code, const char *fmt, const char *a, const char *b) {
  char what[320];
  snprintf(what, sizeof what, fmt, a ? a : "", b ? b : "");
  if (w->feature && !w->line) {
    return gz_fail(code, w->path, 0, "feature %zu: %s", w->feature, what);
  }
  return gz_fail(code, w->path, w->line, "%s", what);
}

/* ---- building ------------------------------------------------------------ */

static gazmap_overlay *ov_new(void) {
  gazmap_overlay *ov = calloc(1, sizeof *ov);
  if (ov) {
    ov->bounds[0] = ov->bounds[1] = ov->bounds[2] = ov->bounds[3] = NAN;
  }
  return ov;
}

void gazmap_overlay_free(gazmap_overlay *ov) {
  size_t i;
  if (!ov) {
    return;
  }
  for (i = 0; i < ov->n; i++) {
    free(ov->f[i].label);
  }
  free(ov->f);
  free(ov->part_v0);
  free(ov->xy);
  free(ov->title);
  free(ov->attribution);
  free(ov);
}

static const char *geom_word(gazmap_geom g) {
  return g == GAZMAP_GEOM_POINT ? "points" : g == GAZMAP_GEOM_LINE ? "lines" : "polygons";
}

/* Starts feature of geometry `g` (checked against the overlay's: one kind
 * per overlay) with its look and label (copied). */
static int ov_feature(gazmap_overlay *ov, const ov_where *w, gazmap_geom g, const gz_ov_look *look,
                      const char *label) {
  gz_ov_feature *nf;
  if (ov->geom && g != ov->geom) {
    return ov_fail(w, GAZMAP_EPARSE, "mixed geometry: %s in a file of %s (one kind per --add file)",
                   geom_word(g), geom_word(ov->geom));
  }
  ov->geom = g;
  if (!(nf = gz_grow(ov->f, &ov->cap, ov->n, sizeof *ov->f, 64))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ov->f = nf;
  memset(&nf[ov->n], 0, sizeof *nf);
  nf[ov->n].part0 = ov->n_parts;
  nf[ov->n].look = *look;
  if (!(nf[ov->n].label = strdup(label ? label : ""))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ov->n++;
  return 0;
}

/* 1 when (lon, lat) is a coordinate of the world. */
static int on_earth(double lon, double lat) {
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/* Appends a part of `n` lon/lat pairs to the last feature. */
static int ov_part(gazmap_overlay *ov, const ov_where *w, const double *lonlat, size_t n) {
  size_t i, *np;
  double *nx;
  char a[64], b[64];
  for (i = 0; i < n; i++) {
    if (!on_earth(lonlat[2 * i], lonlat[2 * i + 1])) {
      snprintf(a, sizeof a, "%g", lonlat[2 * i + 1]);
      snprintf(b, sizeof b, "%g", lonlat[2 * i]);
      return ov_fail(w, GAZMAP_ERANGE,
                     "coordinate lat %s, lon %s is outside the world (lat -90..90, lon -180..180)",
                     a, b);
    }
  }
  if (!(np = gz_grow(ov->part_v0, &ov->cap_parts, ov->n_parts + 1, sizeof *np, 64))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  ov->part_v0 = np;
  if (n > 0 && !(nx = gz_grow(ov->xy, &ov->cap_v, 2 * (ov->n_v + n) - 1, sizeof *nx, 256))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  } else if (n > 0) {
    ov->xy = nx;
  }
  np[ov->n_parts] = ov->n_v;
  memcpy(ov->xy + 2 * ov->n_v, lonlat, 2 * n * sizeof *lonlat);
  for (i = 0; i < n; i++) {
    double lon = lonlat[2 * i], lat = lonlat[2 * i + 1];
    ov->bounds[0] = isnan(ov->bounds[0]) ? lon : fmin(ov->bounds[0], lon);
    ov->bounds[1] = isnan(ov->bounds[1]) ? lat : fmin(ov->bounds[1], lat);
    ov->bounds[2] = isnan(ov->bounds[2]) ? lon : fmax(ov->bounds[2], lon);
    ov->bounds[3] = isnan(ov->bounds[3]) ? lat : fmax(ov->bounds[3], lat);
  }
  ov->n_v += n;
  ov->n_parts++;
  np[ov->n_parts] = ov->n_v;
  ov->f[ov->n - 1].n_parts++;
  return 0;
}

/* ---- simplestyle ----------------------------------------------------------- */

static int hex(int c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

int gz_ov_parse_color(const char *s, gz_rgba *out) {
  size_t n, i;
  int v[6];
  s += *s == '#';
  n = strlen(s);
  if (n != 3 && n != 6) {
    return -1;
  }
  for (i = 0; i < n; i++) {
    if ((v[i] = hex((unsigned char)s[i])) < 0) {
      return -1;
    }
  }
  if (n == 3) {
    out->r = v[0] * 17 / 255.0, out->g = v[1] * 17 / 255.0, out->b = v[2] * 17 / 255.0;
  } else {
    out->r = (v[0] * 16 + v[1]) / 255.0, out->g = (v[2] * 16 + v[3]) / 255.0;
    out->b = (v[4] * 16 + v[5]) / 255.0;
  }
  out->a = 1;
  return 0;
}

/* The simplestyle properties gazmap reads; a shapefile's DBF cuts field
 * names to 10 characters, so those match by their first 10. */
static const struct {
  const char *name;
  unsigned bit;
} style_keys[] = {
    {"marker-color", GZ_OV_MARKER},
    {"marker-size", GZ_OV_MARKER_SIZE},
    {"stroke", GZ_OV_STROKE},
    {"stroke-width", GZ_OV_STROKE_WIDTH},
    {"stroke-opacity", GZ_OV_STROKE_OPACITY},
    {"fill", GZ_OV_FILL},
    {"fill-opacity", GZ_OV_FILL_OPACITY},
};

/* The style bit of property `key` (also with '_' for '-' and cut to 10
 * characters, as DBF fields come), or 0. */
static unsigned style_bit(const char *key) {
  size_t i, j, n = strlen(key);
  for (i = 0; i < sizeof style_keys / sizeof style_keys[0]; i++) {
    const char *s = style_keys[i].name;
    size_t sn = strlen(s);
    if (n != sn && !(n == 10 && sn > 10)) {
      continue;
    }
    for (j = 0;
         j < n && (key[j] == s[j] || (key[j] == '_' && s[j] == '-') || (key[j] | 32) == s[j]);
         j++) {
    }
    if (j == n) {
      return style_keys[i].bit;
    }
  }
  return 0;
}

static int parse_number(const char *s, double lo, double hi, double *out) {
  char *end;
  errno = 0;
  *out = strtod(s, &end);
  while (*end == ' ') {
    end++;
  }
  return end != s && !*end && errno == 0 && *out >= lo && *out <= hi ? 0 : -1;
}

/* Sets property `key` of a look from its text value; an empty value is
 * "not given".  A value gazmap cannot use is an error naming it. */
static int set_style(gz_ov_look *look, const ov_where *w, const char *key, const char *value) {
  unsigned bit = style_bit(key);
  int ok = 0;
  if (!bit || !*value) {
    return 0;
  }
  switch (bit) {
  case GZ_OV_MARKER:
    ok = gz_ov_parse_color(value, &look->marker) == 0;
    break;
  case GZ_OV_STROKE:
    ok = gz_ov_parse_color(value, &look->stroke) == 0;
    break;
  case GZ_OV_FILL:
    ok = gz_ov_parse_color(value, &look->fill) == 0;
    break;
  case GZ_OV_MARKER_SIZE:
    look->marker_size = !strcasecmp(value, "small") ? 0 : !strcasecmp(value, "medium") ? 1 : 2;
    ok = !strcasecmp(value, "small") || !strcasecmp(value, "medium") || !strcasecmp(value, "large");
    break;
  case GZ_OV_STROKE_WIDTH:
    ok = parse_number(value, 0, 50, &look->stroke_width) == 0;
    break;
  case GZ_OV_STROKE_OPACITY:
    ok = parse_number(value, 0, 1, &look->stroke_opacity) == 0;
    break;
  default:
    ok = parse_number(value, 0, 1, &look->fill_opacity) == 0;
    break;
  }
  if (!ok) {
    return ov_fail(w, GAZMAP_EPARSE, "%s '%s' is not a simplestyle value", key, value);
  }
  look->has |= bit;
  return 0;
}

/* 1 when `name` is the label property: the option's, else title, name or
 * label (the first of them the file has: `rank` keeps the best seen). */
static int label_rank(const char *name, const char *option) {
  if (option) {
    return !strcmp(name, option) ? 1 : 0;
  }
  return !strcasecmp(name, "title")  ? 3
         : !strcasecmp(name, "name") ? 2
                                     : !strcasecmp(name, "label");
}

/* ---- CSV --------------------------------------------------------------------- */

/* One CSV record split in place into fields (quotes removed); *p moves past
 * it and *line counts the newlines it spans.  -1 on an unclosed quote. */
static int csv_record(char **p, char sep, char **fields, size_t cap, size_t *n,
                      unsigned long *line) {
  char *s = *p, *o;
  *n = 0;
  for (;;) {
    char *start = o = s;
    if (*s == '"') {
      s++;
      for (;;) {
        if (!*s) {
          return -1;
        }
        if (*s == '"' && s[1] == '"') {
          *o++ = '"', s += 2;
        } else if (*s == '"') {
          s++;
          break;
        } else {
          *line += *s == '\n';
          *o++ = *s++;
        }
      }
    }
    while (*s && *s != sep && *s != '\n' && *s != '\r') {
      *o++ = *s++;
    }
    if (*n < cap) {
      fields[(*n)++] = start;
    }
    if (*s == sep) {
      *o = '\0';
      s++;
      continue;
    }
    if (*s == '\r') {
      *o = '\0';
      s++;
    }
    if (*s == '\n') {
      *o = '\0';
      s++;
      (*line)++;
    } else {
      *o = '\0';
    }
    *p = s;
    return 0;
  }
}

enum { CSV_MAX_COLS = 256 };

static int is_one_of(const char *s, const char *const *words) {
  for (; *words; words++) {
    if (!strcasecmp(s, *words)) {
      return 1;
    }
  }
  return 0;
}

static int read_csv(gazmap_overlay *ov, const ov_source *src, const gazmap_overlay_opts *o) {
  static const char *const lat_words[] = {"lat", "latitude", "y", NULL};
  static const char *const lon_words[] = {"lon", "lng", "long", "longitude", "x", NULL};
  char *text = NULL, *p, *head[CSV_MAX_COLS], *row[CSV_MAX_COLS], sep = ',';
  size_t len = 0, nh, nr, c, bad, first_line_len;
  long lat_c = -1, lon_c = -1, label_c = -1;
  int best = 0, rc, r;
  unsigned long line = 1, rec_line;
  ov_where w = {src->path, 0, 0};

  if ((rc = ov_load(src, &text, &len)) < 0) {
    return rc;
  }
  if ((bad = gz_utf8_invalid_at(text, len)) < len) {
    for (c = 0; c < bad; c++) {
      line += text[c] == '\n';
    }
    w.line = line;
    rc = ov_fail(&w, GAZMAP_EUTF8, "not UTF-8 text%s%s", NULL, NULL);
    goto done;
  }
  p = text + (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0);
  first_line_len = strcspn(p, "\n");
  if (memchr(p, '\t', first_line_len)) {
    sep = '\t';
  } else if (memchr(p, ';', first_line_len) && !memchr(p, ',', first_line_len)) {
    sep = ';';
  }
  w.line = 1;
  if (csv_record(&p, sep, head, CSV_MAX_COLS, &nh, &line) < 0) {
    rc = ov_fail(&w, GAZMAP_EPARSE, "unclosed quote in the header%s%s", NULL, NULL);
    goto done;
  }
  for (c = 0; c < nh; c++) {
    if (lat_c < 0 && is_one_of(head[c], lat_words)) {
      lat_c = (long)c;
    } else if (lon_c < 0 && is_one_of(head[c], lon_words)) {
      lon_c = (long)c;
    } else if ((r = label_rank(head[c], o->label_field)) > best) {
      best = r, label_c = (long)c;
    }
  }
  if (lat_c < 0 || lon_c < 0) {
    rc = ov_fail(&w, GAZMAP_EPARSE,
                 "the header has no %s column (use lat/latitude and lon/lng/longitude)%s",
                 lat_c < 0 ? "latitude" : "longitude", NULL);
    goto done;
  }
  if (o->label_field && label_c < 0) {
    rc = ov_fail(&w, GAZMAP_EPARSE, "the header has no column '%s'%s", o->label_field, NULL);
    goto done;
  }
  while (*p) {
    double ll[2];
    gz_ov_look look;
    rec_line = line;
    w.line = rec_line;
    if (csv_record(&p, sep, row, CSV_MAX_COLS, &nr, &line) < 0) {
      rc = ov_fail(&w, GAZMAP_EPARSE, "unclosed quote%s%s", NULL, NULL);
      goto done;
    }
    if (nr == 1 && !row[0][0]) {
      continue; /* a blank line */
    }
    if (nr != nh) {
      char a[32], b[32];
      snprintf(a, sizeof a, "%zu", nr);
      snprintf(b, sizeof b, "%zu", nh);
      rc = ov_fail(&w, GAZMAP_EPARSE, "%s fields where the header has %s", a, b);
      goto done;
    }
    if (parse_number(row[lat_c], -1e300, 1e300, &ll[1]) < 0 ||
        parse_number(row[lon_c], -1e300, 1e300, &ll[0]) < 0) {
      rc = ov_fail(&w, GAZMAP_EPARSE, "'%s, %s' is not a latitude and longitude", row[lat_c],
                   row[lon_c]);
      goto done;
    }
    memset(&look, 0, sizeof look);
    for (c = 0; c < nh; c++) {
      if ((rc = set_style(&look, &w, head[c], row[c])) < 0) {
        goto done;
      }
    }
    if ((rc = ov_feature(ov, &w, GAZMAP_GEOM_POINT, &look, label_c >= 0 ? row[label_c] : "")) < 0 ||
        (rc = ov_part(ov, &w, ll, 1)) < 0) {
      goto done;
    }
  }
  rc = 0;
done:
  free(text);
  return rc;
}

/* ---- GeoJSON ------------------------------------------------------------------ */

/* A JSON position [lon, lat, ...] -> ll. */
static int json_position(const json_t *pos, const ov_where *w, double ll[2]) {
  if (!json_is_array(pos) || json_array_size(pos) < 2 || !json_is_number(json_array_get(pos, 0)) ||
      !json_is_number(json_array_get(pos, 1))) {
    return ov_fail(w, GAZMAP_EPARSE, "a position is not [longitude, latitude]%s%s", NULL, NULL);
  }
  ll[0] = json_number_value(json_array_get(pos, 0));
  ll[1] = json_number_value(json_array_get(pos, 1));
  return 0;
}

/* An array of positions as one part. */
static int json_part(gazmap_overlay *ov, const ov_where *w, const json_t *arr, size_t min) {
  size_t i, n = json_is_array(arr) ? json_array_size(arr) : 0;
  double *ll;
  int rc = 0;
  if (!json_is_array(arr) || n < min) {
    char a[16];
    snprintf(a, sizeof a, "%zu", min);
    return ov_fail(w, GAZMAP_EPARSE, "a line or ring needs an array of at least %s positions%s", a,
                   NULL);
  }
  if (!(ll = malloc(2 * n * sizeof *ll))) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  for (i = 0; i < n && rc == 0; i++) {
    rc = json_position(json_array_get(arr, i), w, ll + 2 * i);
  }
  if (rc == 0) {
    rc = ov_part(ov, w, ll, n);
  }
  free(ll);
  return rc;
}

/* The parts of a geometry's coordinates, `depth` array levels above the
 * positions' arrays (0: a LineString's, 1: a Polygon's, 2: a
 * MultiPolygon's). */
static int json_parts(gazmap_overlay *ov, const ov_where *w, const json_t *c, int depth,
                      size_t min) {
  size_t i;
  int rc = 0;
  if (depth == 0) {
    return json_part(ov, w, c, min);
  }
  if (!json_is_array(c)) {
    return ov_fail(w, GAZMAP_EPARSE, "coordinates are not nested arrays%s%s", NULL, NULL);
  }
  for (i = 0; i < json_array_size(c) && rc == 0; i++) {
    rc = json_parts(ov, w, json_array_get(c, i), depth - 1, min);
  }
  return rc;
}

static const char *prop_text(const json_t *v, char *buf, size_t cap) {
  if (json_is_string(v)) {
    return json_string_value(v);
  }
  if (json_is_integer(v)) {
    snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
    return buf;
  }
  if (json_is_real(v)) {
    snprintf(buf, cap, "%.15g", json_real_value(v));
    return buf;
  }
  return "";
}

static int json_feature(gazmap_overlay *ov, const ov_where *w, const json_t *geom,
                        const json_t *props, const gazmap_overlay_opts *o) {
  static const struct {
    const char *type;
    gazmap_geom geom;
    int depth; /* -1: a single position */
    size_t min;
  } types[] = {{"Point", GAZMAP_GEOM_POINT, -1, 0},    {"MultiPoint", GAZMAP_GEOM_POINT, 0, 0},
               {"LineString", GAZMAP_GEOM_LINE, 0, 2}, {"MultiLineString", GAZMAP_GEOM_LINE, 1, 2},
               {"Polygon", GAZMAP_GEOM_POLYGON, 1, 4}, {"MultiPolygon", GAZMAP_GEOM_POLYGON, 2, 4}};
  const char *type = json_string_value(json_object_get(geom, "type")), *key, *label = "";
  const json_t *coords = json_object_get(geom, "coordinates"), *v;
  gz_ov_look look;
  char buf[64], lbuf[64];
  size_t t, i;
  int rc, best = 0, r;

  if (!json_is_object(geom) || !type) {
    return ov_fail(w, GAZMAP_EPARSE, "no geometry (features without one are not drawn)%s%s", NULL,
                   NULL);
  }
  for (t = 0; t < sizeof types / sizeof types[0] && strcmp(types[t].type, type); t++) {
  }
  if (t == sizeof types / sizeof types[0]) {
    return ov_fail(w, GAZMAP_EPARSE,
                   "geometry type '%s' is not drawn (Point, LineString, "
                   "Polygon and their Multi- forms are)%s",
                   type, NULL);
  }
  memset(&look, 0, sizeof look);
  if (json_is_object(props)) {
    json_object_foreach((json_t *)props, key, v) {
      const char *text = prop_text(v, buf, sizeof buf);
      if ((rc = set_style(&look, w, key, text)) < 0) {
        return rc;
      }
      if ((r = label_rank(key, o->label_field)) > best) {
        best = r;
        snprintf(lbuf, sizeof lbuf, "%s", ""); /* text may live in buf: copied below */
        label = text == buf ? strcpy(lbuf, buf) : text;
      }
    }
  }
  if ((rc = ov_feature(ov, w, types[t].geom, &look, label)) < 0) {
    return rc;
  }
  if (types[t].depth < 0) {
    double ll[2];
    return (rc = json_position(coords, w, ll)) < 0 ? rc : ov_part(ov, w, ll, 1);
  }
  if (types[t].geom == GAZMAP_GEOM_POINT) {
    /* Each point of a MultiPoint is a one-position part. */
    if (!json_is_array(coords)) {
      return ov_fail(w, GAZMAP_EPARSE, "coordinates are not an array%s%s", NULL, NULL);
    }
    for (i = 0; i < json_array_size(coords); i++) {
      double ll[2];
      if ((rc = json_position(json_array_get(coords, i), w, ll)) < 0 ||
          (rc = ov_part(ov, w, ll, 1)) < 0) {
        return rc;
      }
    }
  } else if ((rc = json_parts(ov, w, coords, types[t].depth, types[t].min)) < 0) {
    return rc;
  }
  /* An empty Multi- geometry ("coordinates": []) is valid GeoJSON but has
   * nothing to draw, label or frame: refused like a feature without one. */
  if (ov->f[ov->n - 1].n_parts == 0) {
    return ov_fail(w, GAZMAP_EPARSE, "an empty %s has nothing to draw%s", type, NULL);
  }
  return 0;
}

static int read_geojson(gazmap_overlay *ov, const ov_source *src, const gazmap_overlay_opts *o) {
  char *text = NULL;
  size_t len = 0, i, bad;
  json_error_t err;
  json_t *root = NULL, *features;
  const char *type;
  ov_where w = {src->path, 0, 0};
  int rc;

  if ((rc = ov_load(src, &text, &len)) < 0) {
    return rc;
  }
  if ((bad = gz_utf8_invalid_at(text, len)) < len) {
    unsigned long line = 1;
    for (i = 0; i < bad; i++) {
      line += text[i] == '\n';
    }
    w.line = line;
    rc = ov_fail(&w, GAZMAP_EUTF8, "not UTF-8 text%s%s", NULL, NULL);
    goto done;
  }
  if (!(root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err))) {
    w.line = err.line > 0 ? (unsigned long)err.line : 1;
    rc = ov_fail(&w, GAZMAP_EPARSE, "invalid JSON: %s%s", err.text, NULL);
    goto done;
  }
  type = json_string_value(json_object_get(root, "type"));
  if (!type) {
    rc = ov_fail(&w, GAZMAP_EPARSE, "not GeoJSON: no \"type\" at the top%s%s", NULL, NULL);
  } else if (!strcmp(type, "FeatureCollection")) {
    features = json_object_get(root, "features");
    if (!json_is_array(features)) {
      rc = ov_fail(&w, GAZMAP_EPARSE, "a FeatureCollection without a \"features\" array%s%s", NULL,
                   NULL);
      goto done;
    }
    for (i = 0, rc = 0; i < json_array_size(features) && rc == 0; i++) {
      json_t *f = json_array_get(features, i);
      w.feature = i + 1;
      if (json_is_null(json_object_get(f, "geometry"))) {
        continue; /* RFC 7946 allows unlocated features; there is nothing to draw */
      }
      rc =
          json_feature(ov, &w, json_object_get(f, "geometry"), json_object_get(f, "properties"), o);
    }
  } else if (!strcmp(type, "Feature")) {
    w.feature = 1;
    rc = json_feature(ov, &w, json_object_get(root, "geometry"),
                      json_object_get(root, "properties"), o);
  } else {
    w.feature = 1;
    rc = json_feature(ov, &w, root, NULL, o);
  }
done:
  json_decref(root);
  free(text);
  return rc;
}

/* ---- shapefiles ------------------------------------------------------------------ */

static int read_shp(gazmap_overlay *ov, const char *path, const gazmap_overlay_opts *o) {
  gazmap_layer *l = NULL;
  size_t i, f, p, nf, n;
  long label_f = -1;
  int rc, best = 0, r;
  ov_where w = {path, 0, 0};

  if ((rc = gazmap_layer_read(&l, path)) < 0) {
    return rc;
  }
  nf = gazmap_layer_field_count(l);
  for (f = 0; f < nf; f++) {
    if ((r = label_rank(gazmap_layer_field_name(l, f), o->label_field)) > best) {
      best = r, label_f = (long)f;
    }
  }
  if (o->label_field && label_f < 0) {
    rc = ov_fail(&w, GAZMAP_EPARSE, "the .dbf has no field '%s'%s", o->label_field, NULL);
    goto done;
  }
  for (i = 0; i < gazmap_layer_count(l); i++) {
    gz_ov_look look;
    memset(&look, 0, sizeof look);
    w.feature = i + 1;
    if (gazmap_layer_parts(l, i) == 0) {
      continue; /* a null shape */
    }
    for (f = 0; f < nf; f++) {
      const char *name = gazmap_layer_field_name(l, f);
      if ((rc = set_style(&look, &w, name, gazmap_layer_attr(l, i, name))) < 0) {
        goto done;
      }
    }
    if ((rc = ov_feature(ov, &w, gazmap_layer_geom(l), &look,
                         label_f >= 0 ? gazmap_layer_attr(l, i, gazmap_layer_field_name(l, label_f))
                                      : "")) < 0) {
      goto done;
    }
    for (p = 0; p < gazmap_layer_parts(l, i); p++) {
      const double *xy = gazmap_layer_part(l, i, p, &n);
      if ((rc = ov_part(ov, &w, xy, n)) < 0) {
        goto done;
      }
    }
  }
  rc = 0;
done:
  gazmap_layer_free(l);
  return rc;
}

/* ---- the overlay ------------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && !strcasecmp(s + n - k, suffix);
}

/* The file's base name without its extension, as the default legend row. */
static char *base_title(const char *path) {
  const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  return strndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
}

/* Text for the page: valid UTF-8 without control characters. */
static int check_text(const char *what, const char *s) {
  const char *c;
  if (gz_utf8_invalid_at(s, strlen(s)) < strlen(s)) {
    return gz_fail(GAZMAP_EUTF8, NULL, 0, "%s is not UTF-8", what);
  }
  for (c = s; *c; c++) {
    if ((unsigned char)*c < 0x20) {
      return gz_fail(GAZMAP_EINVAL, NULL, 0, "%s has a control character", what);
    }
  }
  return 0;
}

/* gazmap_overlay_read() of `src`. */
static int overlay_read(gazmap_overlay **out, const ov_source *src,
                        const gazmap_overlay_opts *opts) {
  static const gazmap_overlay_opts defaults = GAZMAP_OVERLAY_OPTS_INIT;
  const gazmap_overlay_opts *o = opts ? opts : &defaults;
  const char *path = src->path;
  gazmap_overlay *ov = NULL;
  int rc;

  *out = NULL;
  if (!path || !*path) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "no overlay file");
  }
  if (o->version != GAZMAP_OVERLAY_OPTS_VERSION) {
    return gz_fail(GAZMAP_EINVAL, NULL, 0, "overlay options of an unknown version");
  }
  if ((o->title && (rc = check_text("the overlay's title", o->title)) < 0) ||
      (o->attribution && (rc = check_text("the overlay's attribution", o->attribution)) < 0)) {
    return rc;
  }
  if (!(ov = ov_new())) {
    return gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
  }
  if (o->color) {
    if (gz_ov_parse_color(o->color, &ov->color) < 0) {
      rc = gz_fail(GAZMAP_EINVAL, NULL, 0, "colour '%s' is not #rrggbb or #rgb", o->color);
      goto done;
    }
    ov->has_color = 1;
  }
  ov->title = o->title ? strdup(o->title) : base_title(path);
  ov->attribution = strdup(o->attribution ? o->attribution : "");
  if (!ov->title || !ov->attribution) {
    rc = gz_fail(GAZMAP_ENOMEM, NULL, 0, "out of memory");
    goto done;
  }
  if (ends_with(path, ".csv") || ends_with(path, ".tsv") || ends_with(path, ".txt")) {
    rc = read_csv(ov, src, o);
  } else if (ends_with(path, ".geojson") || ends_with(path, ".json")) {
    rc = read_geojson(ov, src, o);
  } else if (ends_with(path, ".shp") && src->data) {
    rc = gz_fail(GAZMAP_EINVAL, path, 0, "a shapefile overlay is read from its files");
  } else if (ends_with(path, ".shp")) {
    rc = read_shp(ov, path, o);
  } else {
    rc = gz_fail(GAZMAP_EINVAL, path, 0,
                 "cannot tell the format from the name (use .csv, .geojson, .json or .shp)");
  }
  if (rc == 0) {
    size_t i;
    for (i = 0; i < ov->n && rc == 0; i++) {
      /* Labels are drawn: control characters would be drawn as boxes, and
       * a shapefile's attributes were never checked for UTF-8. */
      char *c = ov->f[i].label;
      size_t n = strlen(c);
      if (gz_utf8_invalid_at(c, n) < n) {
        rc = gz_fail(GAZMAP_EUTF8, path, 0, "feature %zu: its label is not UTF-8", i + 1);
      }
      for (; *c; c++) {
        *c = (unsigned char)*c < 0x20 ? ' ' : *c;
      }
    }
  }
  if (rc == 0) {
    *out = ov;
    ov = NULL;
  }
done:
  gazmap_overlay_free(ov);
  return rc;
}

int gazmap_overlay_read(gazmap_overlay **out, const char *path, const gazmap_overlay_opts *opts) {
  ov_source src = {path, NULL, 0};
  return overlay_read(out, &src, opts);
}

int gz_overlay_read_mem(gazmap_overlay **out, const char *name, const char *data, size_t len,
                        const gazmap_overlay_opts *opts) {
  ov_source src = {name, data ? data : "", len};
  return overlay_read(out, &src, opts);
}

size_t gazmap_overlay_count(const gazmap_overlay *ov) {
  return ov->n;
}
gazmap_geom gazmap_overlay_geom(const gazmap_overlay *ov) {
  return ov->geom;
}
void gazmap_overlay_bounds(const gazmap_overlay *ov, double bounds[4]) {
  memcpy(bounds, ov->bounds, 4 * sizeof *bounds);
}
const char *gazmap_overlay_title(const gazmap_overlay *ov) {
  return ov->title;
}
const char *gazmap_overlay_attribution(const gazmap_overlay *ov) {
  return ov->attribution;
}
const char *gazmap_overlay_label(const gazmap_overlay *ov, size_t i) {
  return i < ov->n ? ov->f[i].label : "";
}
