/* The scanner: our own sentences in English, Turkish, Azerbaijani, Russian
 * and Armenian for every hard case (tests/data/scan/ *.cases), then streaming:
 * any chunking gives the same mentions, offsets point at the surfaces, bad
 * bytes are counted, a callback can stop the scan. */
#define _GNU_SOURCE
#include "scan_cases.h"

START_TEST(sentence) {
  sc_check_case(&cases[_i]);
}
END_TEST

/* The text every streaming test reads: the article when it is there, else
 * all our sentences one after the other. */
static char *stream_text(size_t *len) {
  const char *shared = getenv("GAZMAP_SHARED_DIR");
  char path[4096];
  char *t = NULL;
  size_t i, n = 0;
  if (shared) {
    snprintf(path, sizeof path, "%s/corpus/karabakh-one-year-after.txt", shared);
    t = tu_read_file(path, len);
    if (t) {
      return t;
    }
  }
  for (i = 0; i < ncases; i++) {
    t = realloc(t, n + cases[i].len + 2);
    memcpy(t + n, cases[i].text, cases[i].len);
    n += cases[i].len;
    t[n++] = '\n';
  }
  t[n] = '\0';
  *len = n;
  return t;
}

typedef struct rec {
  size_t n;
  uint64_t hash; /* of every line, also past the 2048 kept */
  char line[2048][160];
} rec;

static int record(void *ud, const gazmap_mention *m) {
  rec *r = ud;
  char line[160];
  size_t i;
  snprintf(line, sizeof line, "%llu+%zu %s %s %s %.3f", (unsigned long long)m->offset, m->length,
           gazmap_place_id(m->place), gazmap_role_name(m->role), gazmap_match_kind_name(m->kind),
           m->confidence);
  if (r->n == 0) {
    r->hash = 1469598103934665603ull;
  }
  for (i = 0; line[i]; i++) {
    r->hash = (r->hash ^ (unsigned char)line[i]) * 1099511628211ull;
  }
  if (r->n < 2048) {
    memcpy(r->line[r->n], line, sizeof line);
  }
  r->n++;
  return 0;
}

/* Scans `t` with `s` whole (at least `min` mentions) and then fed in chunks
 * of each of the `n` sizes, and checks that every chunking gives the same
 * mentions, to the byte, in the same order. */
static void same_in_chunks(gazmap_scanner *s, const char *t, size_t len, const size_t *sizes,
                           size_t n, size_t min) {
  rec *whole = calloc(1, sizeof *whole), *parts = calloc(1, sizeof *parts);
  size_t k, i;
  ck_assert_ptr_nonnull(whole);
  ck_assert_ptr_nonnull(parts);
  ck_assert_int_eq(gazmap_scan_buffer(s, t, len, record, whole), 0);
  ck_assert_uint_gt(whole->n, min);
  for (k = 0; k < n; k++) {
    size_t off = 0;
    parts->n = 0;
    while (off < len) {
      size_t c = len - off < sizes[k] ? len - off : sizes[k];
      ck_assert_int_eq(gazmap_scanner_feed(s, t + off, c, record, parts), 0);
      off += c;
    }
    ck_assert_int_eq(gazmap_scanner_finish(s, record, parts), 0);
    ck_assert_msg(parts->n == whole->n, "chunks of %zu: %zu mentions, whole: %zu", sizes[k],
                  parts->n, whole->n);
    ck_assert_msg(parts->hash == whole->hash, "chunks of %zu: the mentions differ", sizes[k]);
    for (i = 0; i < whole->n && i < 2048; i++) {
      ck_assert_msg(!strcmp(parts->line[i], whole->line[i]), "chunks of %zu: '%s' vs '%s'",
                    sizes[k], parts->line[i], whole->line[i]);
    }
  }
  free(whole);
  free(parts);
}

START_TEST(chunking_changes_nothing) {
  static const size_t sizes[] = {1, 2, 3, 5, 7, 64, 1000, 4096};
  size_t len;
  char *t = stream_text(&len);
  ck_assert_ptr_nonnull(t);
  same_in_chunks(scanner, t, len, sizes, sizeof sizes / sizeof sizes[0], 10);
  free(t);
}
END_TEST

/* Homonyms resolved from the look-ahead must not depend on where the input
 * was cut: a made-up text dense in shared names (towns and their districts,
 * the two Martunis), read whole and in pieces, with a short look-ahead. */
START_TEST(resolution_ignores_chunking) {
  static const char *const words[] = {"Aghdam",   "Aghdam region",     "Martuni",    "Shusha",
                                      "Gavar",    "Red Bazaar",        "Nakhchivan", "the city of",
                                      "Kalbajar", "Kalbajar District", "and",        "then",
                                      ".\n"};
  static const size_t sizes[] = {1, 3, 64, 4096};
  gazmap_scan_opts o = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *s = NULL;
  char *t = malloc(200000);
  size_t len = 0;
  unsigned x = 1;
  ck_assert_ptr_nonnull(t);
  while (len < 190000) {
    const char *w;
    x = x * 1103515245u + 12345u;
    w = words[(x >> 16) % (sizeof words / sizeof words[0])];
    len += (size_t)snprintf(t + len, 200000 - len, "%s ", w);
  }
  o.lookahead = 500;
  ck_assert_int_eq(gazmap_scanner_new(&s, gaz, &o), 0);
  same_in_chunks(s, t, len, sizes, sizeof sizes / sizeof sizes[0], 1000);
  gazmap_scanner_free(s);
  free(t);
}
END_TEST

typedef struct check_ctx {
  const char *text;
  size_t bad;
} check_ctx;

static int check_surface(void *ud, const gazmap_mention *m) {
  check_ctx *c = ud;
  if (strlen(m->surface) != m->length || memcmp(c->text + m->offset, m->surface, m->length)) {
    c->bad++;
  }
  return 0;
}

START_TEST(offsets_point_at_surfaces) {
  size_t len;
  char *t = stream_text(&len);
  check_ctx c = {t, 0};
  ck_assert_int_eq(gazmap_scan_buffer(scanner, t, len, check_surface, &c), 0);
  ck_assert_uint_eq(c.bad, 0);
  free(t);
}
END_TEST

START_TEST(invalid_bytes_are_counted) {
  static const char text[] = "ab \xff Shusha \xc3 Tovuz \xe2\x82";
  gazmap_scan_stats st;
  sc_found f = {0};
  ck_assert_int_eq(gazmap_scan_buffer(scanner, text, sizeof text - 1, sc_collect, &f), 0);
  gazmap_scanner_stats(scanner, &st);
  ck_assert_uint_eq(f.n, 2);
  ck_assert_uint_eq(st.invalid_utf8, 4); /* \xff, \xc3 and the cut \xe2\x82 */
  ck_assert_uint_eq(st.first_invalid, 3);
  ck_assert_uint_eq(st.bytes, sizeof text - 1);
}
END_TEST

static int stop_at_second(void *ud, const gazmap_mention *m) {
  int *seen = ud;
  (void)m;
  return ++*seen == 2 ? 42 : 0;
}

START_TEST(callback_can_stop) {
  static const char text[] = "Shusha, Tovuz and Berd.";
  int seen = 0;
  ck_assert_int_eq(gazmap_scan_buffer(scanner, text, sizeof text - 1, stop_at_second, &seen), 42);
  ck_assert_int_eq(seen, 2);
}
END_TEST

START_TEST(lookahead_bounds_pending) {
  /* With a look-ahead of 64 bytes a mention is reported once 64 more bytes
   * have been fed, before the text ends. */
  gazmap_scan_opts o = GAZMAP_SCAN_OPTS_INIT;
  gazmap_scanner *s = NULL;
  sc_found f = {0};
  char text[512];
  memset(text, 'x', sizeof text);
  memcpy(text, "Shusha ", 7);
  for (size_t i = 7; i < sizeof text; i += 8) {
    text[i] = ' ';
  }
  o.lookahead = 64;
  ck_assert_int_eq(gazmap_scanner_new(&s, gaz, &o), 0);
  ck_assert_int_eq(gazmap_scanner_feed(s, text, sizeof text, sc_collect, &f), 0);
  ck_assert_uint_eq(f.n, 1);
  ck_assert_int_eq(gazmap_scanner_finish(s, sc_collect, &f), 0);
  ck_assert_uint_eq(f.n, 1);
  gazmap_scanner_free(s);
}
END_TEST

START_TEST(unresolved_only_when_asked) {
  /* A caller built against options version 1 (or one that does not ask)
   * never sees a mention without a place. */
  static const char text[] = "Shelling hit Zorbavan village near Berd.";
  gazmap_scan_opts o = GAZMAP_SCAN_OPTS_INIT;
  int asked;
  for (asked = 0; asked <= 2; asked++) {
    gazmap_scanner *s = NULL;
    sc_found f = {0};
    o.version = asked == 0 ? 1 : GAZMAP_SCAN_OPTS_VERSION;
    o.unresolved = asked == 0 ? 1 : asked == 2;
    ck_assert_int_eq(gazmap_scanner_new(&s, gaz, &o), 0);
    ck_assert_int_eq(gazmap_scan_buffer(s, text, sizeof text - 1, sc_collect, &f), 0);
    ck_assert_uint_eq(f.n, asked == 2 ? 2 : 1);
    ck_assert_str_eq(f.id[f.n - 1], "berd");
    gazmap_scanner_free(s);
  }
}
END_TEST

START_TEST(roles_have_names) {
  ck_assert_str_eq(gazmap_role_name(GAZMAP_ROLE_AGREEMENT), "agreement");
  ck_assert_int_eq(gazmap_role_parse("organisation"), GAZMAP_ROLE_ORGANISATION);
  ck_assert_int_eq(gazmap_role_parse("nonsense"), -1);
  ck_assert_str_eq(gazmap_role_name(GAZMAP_ROLE_UNRESOLVED), "unresolved");
  ck_assert_int_eq(gazmap_role_parse("unresolved"), GAZMAP_ROLE_UNRESOLVED);
}
END_TEST

int main(void) {
  if (sc_load_glob("data/scan/*.cases", "resolve.cases") < 0) {
    return 1;
  }
  {
    tu_test tests[] = {TU_LOOP(sentence, ncases),          TU_TEST(chunking_changes_nothing),
                       TU_TEST(offsets_point_at_surfaces), TU_TEST(resolution_ignores_chunking),
                       TU_TEST(invalid_bytes_are_counted), TU_TEST(callback_can_stop),
                       TU_TEST(lookahead_bounds_pending),  TU_TEST(roles_have_names),
                       TU_TEST(unresolved_only_when_asked)};
    return sc_main("scan", TU_TESTS(tests));
  }
}
