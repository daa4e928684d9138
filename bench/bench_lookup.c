/* bench_lookup - load time, folded lookups per second, fuzzy latency and
 * peak memory, on the bundled gazetteer and on a large GeoNames-format file,
 * with the same exact-name lookups through SQLite for comparison.
 *
 *   bench_lookup --generate FILE N   write a GeoNames `geoname` file of about
 *                                    N names (deterministic), then exit
 *   bench_lookup [--geonames FILE]   run (bundled data, then FILE if given)
 *
 * Results go to standard output as "key: value" lines; doc/lookup.md records
 * a run. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_mib(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

/* ---- generator ----------------------------------------------------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state % n);
}

/* Syllables in the spelling systems of the region, some with the letters
 * folding must handle (ə ş ç ğ ı ö ü). */
static const char *const syl_latin[] = {
    "ka",  "ra",  "ba",  "gh",  "an", "ek",  "xan", "ken", "di",   "şu",   "şa",
    "ağ",  "dam", "lə",  "çin", "na", "xçı", "van", "ye",  "ras",  "kh",   "to",
    "vuz", "qa",  "zax", "be",  "rd", "or",  "du",  "bad", "me",   "ğri",  "ho",
    "ra",  "diz", "mar", "tu",  "ni", "sü",  "gö",  "vuş", "ıl",   "zən",  "gə",
    "zur", "sev", "ij",  "ev",  "ar", "tsa", "kh",  "ber", "dzor", "lach", "in"};
static const char *const syl_cyr[] = {
    "ка",  "ра",  "ба",  "г",   "ан", "ек",  "хан", "кен", "ди",   "шу",  "ша",
    "аг",  "дам", "ле",  "чин", "на", "хчы", "ван", "е",   "рас",  "х",   "то",
    "вуз", "га",  "зах", "бе",  "рд", "ор",  "ду",  "бад", "ме",   "гри", "хо",
    "ра",  "диз", "мар", "ту",  "ни", "сю",  "гё",  "вуш", "ыл",   "зян", "ге",
    "зур", "сев", "идж", "ев",  "ар", "ца",  "х",   "бер", "дзор", "лач", "ин"};
/* GeoNames' asciiname: the Latin syllables without diacritics. */
static const char *const syl_ascii[] = {
    "ka",  "ra",  "ba",  "gh",  "an", "ek",  "xan", "ken", "di",   "su",   "sa",
    "ag",  "dam", "le",  "cin", "na", "xci", "van", "ye",  "ras",  "kh",   "to",
    "vuz", "qa",  "zax", "be",  "rd", "or",  "du",  "bad", "me",   "gri",  "ho",
    "ra",  "diz", "mar", "tu",  "ni", "su",  "go",  "vus", "il",   "zen",  "ge",
    "zur", "sev", "ij",  "ev",  "ar", "tsa", "kh",  "ber", "dzor", "lach", "in"};
#define NSYL (sizeof syl_latin / sizeof syl_latin[0])

/* Writes a name of 3-4 syllables in both scripts; returns 1 when the Latin
 * form is pure ASCII. */
static int make_name(char *lat, char *asc, char *cyr, size_t cap, uint32_t serial) {
  size_t n = 3 + rnd(2), i, lo = 0, co = 0, ao = 0;
  int ascii = 1;
  for (i = 0; i < n; i++) {
    uint32_t s = rnd((uint32_t)NSYL);
    lo += (size_t)snprintf(lat + lo, cap - lo, "%s", syl_latin[s]);
    ao += (size_t)snprintf(asc + ao, cap - ao, "%s", syl_ascii[s]);
    co += (size_t)snprintf(cyr + co, cap - co, "%s", syl_cyr[s]);
  }
  /* A serial suffix keeps most names distinct, as in a real gazetteer where
   * most names are rare. */
  lo += (size_t)snprintf(lat + lo, cap - lo, "%s", serial % 4 ? "" : "li");
  snprintf(asc + ao, cap - ao, "%s", serial % 4 ? "" : "li");
  co += (size_t)snprintf(cyr + co, cap - co, "%s", serial % 4 ? "" : "ли");
  for (i = 0; lat[i]; i++) {
    ascii &= (unsigned char)lat[i] < 0x80;
  }
  /* Capitalize the ASCII first letter. */
  if (lat[0] >= 'a' && lat[0] <= 'z') {
    lat[0] = (char)(lat[0] - 32);
  }
  asc[0] = (char)(asc[0] - 32);
  return ascii;
}

static int generate(const char *path, long want) {
  FILE *f = fopen(path, "w");
  long names = 0;
  uint32_t id = 1000000;
  if (!f) {
    perror(path);
    return 1;
  }
  while (names < want) {
    char lat[128], asc[128], cyr[256], second[128], sasc[128], scyr[256];
    int ascii = make_name(lat, asc, cyr, sizeof lat, id);
    double la = 38.0 + rnd(40000) / 10000.0, lo = 44.0 + rnd(50000) / 10000.0;
    long pop = rnd(10) ? (long)rnd(5000) : (long)rnd(500000);
    /* name, asciiname (the same when ASCII: one name), alternatenames:
     * the Cyrillic form, and for every other place a second Latin name. */
    make_name(second, sasc, scyr, sizeof second, id + 1);
    fprintf(f,
            "%u\t%s\t%s\t%s%s%s\t%.5f\t%.5f\tP\tPPL\tAZ\t\t00\t\t\t\t%ld\t\t100\tAsia/"
            "Baku\t2024-01-01\n",
            id, lat, asc, cyr, id % 2 ? "," : "", id % 2 ? second : "", la, lo, pop);
    names += 2 + (ascii ? 0 : 1) + (id % 2);
    id++;
  }
  fclose(f);
  fprintf(stderr, "wrote about %ld names in %u rows to %s\n", names, id - 1000000, path);
  return 0;
}

/* ---- measurements -------------------------------------------------------- */

typedef struct queries {
  char **q;
  size_t n;
} queries;

static void queries_free(queries *qs) {
  size_t i;
  for (i = 0; i < qs->n; i++) {
    free(qs->q[i]);
  }
  free(qs->q);
  qs->q = NULL;
  qs->n = 0;
}

/* Queries made from the gazetteer's names, at most `max`, every `step`th
 * name: `how` 0 = the name itself, 1 = the name as a user pastes it
 * (case-flipped with a trailing comma: exact fails, folding matches),
 * 2 = with one letter in the middle doubled and the next one changed (a typo). */
static queries make_queries(const gazmap_gazetteer *g, int how, size_t max, size_t step) {
  queries qs = {NULL, 0};
  size_t i, j, k = 0;
  qs.q = malloc(max * sizeof *qs.q);
  for (i = 0; i < gazmap_gazetteer_count(g) && qs.n < max; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    for (j = 0; j < gazmap_place_name_count(p) && qs.n < max; j++, k++) {
      const char *t = gazmap_place_name_at(p, j)->text;
      size_t len = strlen(t), m;
      char *s;
      if (k % step || len < 6 || len > 60) {
        continue;
      }
      s = malloc(len + 3);
      memcpy(s, t, len + 1);
      if (how == 1) {
        for (m = 0; m < len; m++) {
          if (s[m] >= 'a' && s[m] <= 'z') {
            s[m] = (char)(s[m] - 32);
          } else if (s[m] >= 'A' && s[m] <= 'Z') {
            s[m] = (char)(s[m] + 32);
          }
        }
        s[len] = ',';
        s[len + 1] = '\0';
      } else if (how == 2) {
        /* Replace an ASCII consonant near the middle by another one. */
        for (m = len / 2; m < len; m++) {
          if (strchr("bdfklmnprstvz", s[m])) {
            s[m] = s[m] == 't' ? 'p' : 't';
            break;
          }
        }
      }
      qs.q[qs.n++] = s;
    }
  }
  return qs;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Runs `rounds` passes of lookups over `qs`; returns lookups per second and
 * stores the share that matched. */
static double lookups_per_second(gazmap_gazetteer *g, const queries *qs, int rounds,
                                 const gazmap_lookup_opts *o, double *matched) {
  gazmap_match m[8];
  size_t i, hits = 0, total = 0;
  int r;
  double t0 = now();
  for (r = 0; r < rounds; r++) {
    for (i = 0; i < qs->n; i++) {
      size_t n = 0;
      gazmap_lookup(g, qs->q[i], strlen(qs->q[i]), o, m, 8, &n);
      hits += n > 0;
      total++;
    }
  }
  *matched = total ? (double)hits / (double)total : 0;
  return (double)total / (now() - t0);
}

/* Median latency in ms of one lookup per query, over all queries and over
 * those whose best match came from the fuzzy layer (*fuzzy_med, *nfuzzy). */
static double median_ms(gazmap_gazetteer *g, const queries *qs, const gazmap_lookup_opts *o,
                        double *matched, double *fuzzy_med, size_t *nfuzzy) {
  double *t = malloc((qs->n + 1) * sizeof *t), *tf = malloc((qs->n + 1) * sizeof *tf), med;
  gazmap_match m[8];
  size_t i, hits = 0, nf = 0;
  for (i = 0; i < qs->n; i++) {
    size_t n = 0;
    double t0 = now();
    gazmap_lookup(g, qs->q[i], strlen(qs->q[i]), o, m, 8, &n);
    t[i] = (now() - t0) * 1000.0;
    hits += n > 0;
    if (n > 0 && m[0].kind == GAZMAP_MATCH_FUZZY) {
      tf[nf++] = t[i];
    }
  }
  qsort(t, qs->n, sizeof *t, cmp_double);
  qsort(tf, nf, sizeof *tf, cmp_double);
  med = qs->n ? t[qs->n / 2] : 0;
  *fuzzy_med = nf ? tf[nf / 2] : 0;
  *nfuzzy = nf;
  *matched = qs->n ? (double)hits / (double)qs->n : 0;
  free(t);
  free(tf);
  return med;
}

/* SQLite: a table of (folded name, place id) with an index on the folded
 * name; each query is folded by our folder and looked up by the index. */
static void sqlite_compare(gazmap_gazetteer *g, const queries *qs, int rounds, double ours) {
  sqlite3 *db = NULL;
  sqlite3_stmt *ins = NULL, *sel = NULL;
  gazmap_folder *f = NULL;
  char key[1024];
  size_t i, j, klen, hits = 0, total = 0;
  int r;
  double t0, build, rate;

  if (gazmap_folder_new(&f) < 0 || sqlite3_open(":memory:", &db) != SQLITE_OK) {
    fprintf(stderr, "sqlite comparison unavailable\n");
    goto done;
  }
  t0 = now();
  sqlite3_exec(db, "CREATE TABLE names(folded TEXT, place TEXT); BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO names VALUES(?, ?)", -1, &ins, NULL);
  for (i = 0; i < gazmap_gazetteer_count(g); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    for (j = 0; j < gazmap_place_name_count(p); j++) {
      const char *t = gazmap_place_name_at(p, j)->text;
      if (strlen(t) > 250 || gazmap_fold(f, t, strlen(t), key, sizeof key, &klen) < 0) {
        continue;
      }
      sqlite3_bind_text(ins, 1, key, (int)klen, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, gazmap_place_id(p), -1, SQLITE_STATIC);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
  }
  sqlite3_exec(db, "COMMIT; CREATE INDEX names_folded ON names(folded)", NULL, NULL, NULL);
  build = now() - t0;
  sqlite3_prepare_v2(db, "SELECT place FROM names WHERE folded = ?", -1, &sel, NULL);
  t0 = now();
  for (r = 0; r < rounds; r++) {
    for (i = 0; i < qs->n; i++) {
      const char *q = qs->q[i];
      if (gazmap_fold(f, q, strlen(q), key, sizeof key, &klen) < 0) {
        continue;
      }
      sqlite3_bind_text(sel, 1, key, (int)klen, SQLITE_STATIC);
      if (sqlite3_step(sel) == SQLITE_ROW) {
        hits++;
      }
      while (sqlite3_step(sel) == SQLITE_ROW) {
      }
      sqlite3_reset(sel);
      total++;
    }
  }
  rate = (double)total / (now() - t0);
  printf("  sqlite_build_s: %.3f\n", build);
  printf("  sqlite_lookups_per_s: %.0f (matched %.1f%%)\n", rate,
         total ? 100.0 * (double)hits / (double)total : 0);
  printf("  gazmap_vs_sqlite: %.1fx\n", ours / rate);
done:
  sqlite3_finalize(ins);
  sqlite3_finalize(sel);
  sqlite3_close(db);
  gazmap_folder_free(f);
}

static int run(const char *label, const char *path) {
  gazmap_gazetteer *g = NULL;
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  queries exact, folded, typos;
  size_t i, names = 0, step, nfuzzy, n;
  int rounds;
  double t0, load, index, rate, matched, med, fmed;
  gazmap_match m[8];
  long rss0 = peak_rss_mib();

  t0 = now();
  if (gazmap_gazetteer_open(&g, path) < 0) {
    fprintf(stderr, "%s: %s\n", label, gazmap_error_last()->message);
    return 1;
  }
  load = now() - t0;
  for (i = 0; i < gazmap_gazetteer_count(g); i++) {
    names += gazmap_place_name_count(gazmap_gazetteer_at(g, i));
  }
  printf("%s:\n", label);
  printf("  places: %zu\n  names: %zu\n", gazmap_gazetteer_count(g), names);
  printf("  load_s: %.3f (parse and validate; no folding)\n", load);
  printf("  peak_rss_after_load_mib: %ld (before: %ld)\n", peak_rss_mib(), rss0);
  /* Loading leaves the folder and the name index to the first lookup; time
   * that lookup on its own, so that load + index is what a lookup-heavy run
   * pays before its first answer, and the lookup rates below start warm. */
  t0 = now();
  gazmap_lookup(g, "Aghdam", 6, &o, m, 8, &n);
  index = now() - t0;
  printf("  first_lookup_index_build_s: %.3f (folder and name index)\n", index);
  printf("  load_plus_index_s: %.3f\n", load + index);
  printf("  peak_rss_after_index_mib: %ld\n", peak_rss_mib());

  step = names > 200000 ? names / 100000 : 1;
  exact = make_queries(g, 0, 100000, step);
  folded = make_queries(g, 1, 100000, step);
  typos = make_queries(g, 2, 2000, names > 2000 ? names / 2000 : 1);
  /* At least two million timed lookups, so small gazetteers time long enough. */
  rounds = folded.n ? (int)(2000000 / folded.n) + 1 : 1;
  rounds = rounds > 3 && names > 200000 ? 3 : rounds;

  rate = lookups_per_second(g, &exact, rounds, &o, &matched);
  printf("  exact_lookups_per_s: %.0f (%zu queries x %d, matched %.1f%%)\n", rate, exact.n, rounds,
         100 * matched);
  rate = lookups_per_second(g, &folded, rounds, &o, &matched);
  printf("  folded_lookups_per_s: %.0f (%zu queries x %d, matched %.1f%%)\n", rate, folded.n,
         rounds, 100 * matched);
  /* A query that reaches the fuzzy layer builds its index (once). */
  t0 = now();
  gazmap_lookup(g, "Brtlmpsndfgk", 12, &o, m, 8, &n);
  printf("  fuzzy_index_build_ms: %.1f\n", (now() - t0) * 1000.0);
  o.prefix = 1;
  o.fuzzy = 0;
  t0 = now();
  gazmap_lookup(g, "Brtlmpsndfgk", 12, &o, m, 8, &n);
  printf("  prefix_index_build_ms: %.1f\n", (now() - t0) * 1000.0);
  o.prefix = 0;
  o.fuzzy = 1;
  med = median_ms(g, &typos, &o, &matched, &fmed, &nfuzzy);
  printf("  typo_median_ms: %.4f (%zu queries with one consonant changed, matched %.1f%%)\n", med,
         typos.n, 100 * matched);
  printf("  fuzzy_median_ms: %.4f (the %zu of them answered by the fuzzy layer)\n", fmed, nfuzzy);
  printf("  peak_rss_mib: %ld\n", peak_rss_mib());
  rate = lookups_per_second(g, &folded, rounds, &o, &matched);
  sqlite_compare(g, &folded, rounds, rate);
  printf("  peak_rss_with_sqlite_mib: %ld\n", peak_rss_mib());
  queries_free(&exact);
  queries_free(&folded);
  queries_free(&typos);
  gazmap_gazetteer_free(g);
  return 0;
}

int main(int argc, char **argv) {
  const char *geonames = NULL;
  int i;
  for (i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--generate") && i + 2 < argc) {
      char *end;
      long n = strtol(argv[i + 2], &end, 10);
      if (*end || n <= 0) {
        fprintf(stderr, "bench_lookup: N must be a positive number\n");
        return 2;
      }
      return generate(argv[i + 1], n);
    } else if (!strcmp(argv[i], "--geonames") && i + 1 < argc) {
      geonames = argv[++i];
    } else {
      fprintf(stderr, "usage: bench_lookup [--geonames FILE] | --generate FILE N\n");
      return 2;
    }
  }
  if (run("bundled", NULL) != 0) {
    return 1;
  }
  if (geonames && run(geonames, geonames) != 0) {
    return 1;
  }
  return 0;
}
