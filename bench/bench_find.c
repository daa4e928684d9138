/* bench_find - throughput and memory of the scanner against GNU grep.
 *
 * usage: bench_find [MEGABYTES] [DIR]      (defaults: 200, /tmp)
 *
 * 1. Writes DIR/gazmap-bench-corpus.txt: article-like text of MEGABYTES MB,
 *    sentences in English, Turkish and Russian with place names from the
 *    gazetteer in every spelling it lists, with suffixes and case endings,
 *    line breaks inside names, URLs, and some PDF noise.  Deterministic.
 * 2. Writes DIR/gazmap-bench-patterns.txt: every name of the gazetteer, one a
 *    line (the same list of name variants the scanner knows).
 * 3. Scans the corpus in a child process, single thread, 64 KiB chunks, and
 *    reports MB/s and the child's peak RSS; also on the first tenth of the
 *    corpus, to show that memory does not grow with the input.  The best of
 *    three runs counts (other jobs may share the cores).
 * 4. Runs `grep -F -i -o -f PATTERNS CORPUS > /dev/null` on the same corpus
 *    (LC_ALL=C.UTF-8: case-insensitive in every script, as the scanner is),
 *    and reports its MB/s, peak RSS and the ratio.
 *
 * usage: bench_find --scan FILE             (the scanner alone)
 *
 *    Scans FILE once with the gazetteer of GAZMAP_DATA_DIR and prints the CPU
 *    seconds of the scan itself (loading the gazetteer and building its name
 *    index left out) and the mention count: for comparing gazetteers or
 *    builds on one corpus, run after run, interleaved. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)
#define ROUNDS 3

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n) {
  /* xorshift64*: deterministic, so every run scans the same corpus. */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (uint32_t)((rng * 2685821657736338717ull) >> 33) % n;
}

static const char *const en_words[] = {
    "the",       "of",       "ceasefire", "agreement", "was",        "signed",    "after",
    "talks",     "between",  "forces",    "and",       "a",          "new",       "road",
    "towards",   "border",   "officials", "said",      "that",       "region",    "peacekeepers",
    "returned",  "villages", "were",      "handed",    "over",       "in",        "November",
    "statement", "working",  "group",     "railway",   "corridor",   "prisoners", "exchange",
    "maps",      "mines",    "President", "Minister",  "government", "The",       "However,"};
static const char *const tr_words[] = {
    "ve",     "bir",     "ile",    "bu",      "ateşkes", "anlaşması", "sonra",    "sınır",
    "yolu",   "güçleri", "barış",  "bölgede", "yeni",    "Bakanı",    "açıklama", "yaptı",
    "köyler", "teslim",  "edildi", "göre",    "olarak",  "Kasım",     "hat",      "demiryolu"};
static const char *const ru_words[] = {
    "и",     "в",        "на",     "после",      "соглашение", "о",       "прекращении",
    "огня",  "граница",  "дорога", "миротворцы", "заявили",    "что",     "новый",
    "район", "переданы", "сёла",   "ноябре",     "министр",    "коридор", "железная"};
static const char *const tr_suffixes[] = {"'da", "'dan", "'a", "'ye", "'nın", "'ın", "'e", "’de"};
static const char *const ru_endings[] = {"е", "у", "а", "ом", "ой", ""};

typedef struct names {
  const char **en, **tr, **ru;
  size_t nen, ntr, nru;
} names;

static void add(const char ***v, size_t *n, const char *s) {
  *v = realloc(*v, (*n + 1) * sizeof **v);
  (*v)[(*n)++] = s;
}

static void collect_names(gazmap_gazetteer *g, names *nm, FILE *patterns) {
  size_t i, j;
  for (i = 0; i < gazmap_gazetteer_count(g); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    if (gazmap_place_kind(p) == GAZMAP_KIND_WAYPOINT) {
      continue;
    }
    for (j = 0; j < gazmap_place_name_count(p); j++) {
      const gazmap_name *n = gazmap_place_name_at(p, j);
      fprintf(patterns, "%s\n", n->text);
      if (!strncmp(n->lang, "ru", 2)) {
        add(&nm->ru, &nm->nru, n->text);
      } else if (!strncmp(n->lang, "tr", 2) || !strncmp(n->lang, "az", 2)) {
        add(&nm->tr, &nm->ntr, n->text);
      } else if (!strncmp(n->lang, "en", 2) || !strncmp(n->lang, "hy-Latn", 7)) {
        add(&nm->en, &nm->nen, n->text);
      }
    }
  }
}

/* A Russian name in some case: the ending swapped (roughly, as a generator
 * may: the throughput, not the grammar, is measured). */
static void ru_form(char *out, size_t cap, const char *name) {
  size_t n = strlen(name);
  const char *end = ru_endings[rnd(sizeof ru_endings / sizeof ru_endings[0])];
  if (n >= 2 && ((unsigned char)name[n - 2] == 0xD0 && (unsigned char)name[n - 1] == 0xB0)) {
    n -= 2; /* drop a final "а" */
  }
  snprintf(out, cap, "%.*s%s", (int)n, name, end);
}

static void write_sentence(FILE *f, const names *nm) {
  uint32_t lang = rnd(20), k, words = 8 + rnd(14), place_at = rnd(words), place2 = rnd(words);
  char form[512];
  for (k = 0; k < words; k++) {
    if (k) {
      fputc(rnd(40) == 0 ? '\n' : ' ', f);
    }
    if (k == place_at || (k == place2 && rnd(2))) {
      if (lang < 12 && nm->nen) {
        const char *n = nm->en[rnd((uint32_t)nm->nen)];
        fputs(n, f);
        if (rnd(8) == 0) {
          fputs("'s", f);
        }
      } else if (lang < 17 && nm->ntr) {
        fputs(nm->tr[rnd((uint32_t)nm->ntr)], f);
        if (rnd(2)) {
          fputs(tr_suffixes[rnd(sizeof tr_suffixes / sizeof tr_suffixes[0])], f);
        }
      } else if (nm->nru) {
        ru_form(form, sizeof form, nm->ru[rnd((uint32_t)nm->nru)]);
        fputs(form, f);
      }
      continue;
    }
    if (lang < 12) {
      fputs(en_words[rnd(sizeof en_words / sizeof en_words[0])], f);
    } else if (lang < 17) {
      fputs(tr_words[rnd(sizeof tr_words / sizeof tr_words[0])], f);
    } else {
      fputs(ru_words[rnd(sizeof ru_words / sizeof ru_words[0])], f);
    }
  }
  switch (rnd(30)) {
  case 0:
    fputs(" https://example.org/news/shusha-armenia-2020/", f);
    break;
  case 1:
    fputs(" \x01\xef\xbf\xbd", f); /* PDF noise */
    break;
  default:
    break;
  }
  fputs(rnd(6) ? ". " : ".\n\n", f);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int count_mention(void *ud, const gazmap_mention *m) {
  (void)m;
  ++*(uint64_t *)ud;
  return 0;
}

/* Scans the first `limit` bytes of `path` in this (child) process; prints
 * "mentions" and exits. */
static int scan_child(const char *path, uint64_t limit) {
  gazmap_gazetteer *g = NULL;
  gazmap_scanner *s = NULL;
  static char buf[CHUNK];
  uint64_t mentions = 0, done = 0;
  FILE *f = fopen(path, "rb");
  size_t n;
  if (!f || gazmap_gazetteer_open(&g, NULL) < 0 || gazmap_scanner_new(&s, g, NULL) < 0) {
    return 2;
  }
  while (done < limit && (n = fread(buf, 1, CHUNK, f)) > 0) {
    if (n > limit - done) {
      n = (size_t)(limit - done);
    }
    if (gazmap_scanner_feed(s, buf, n, count_mention, &mentions)) {
      return 2;
    }
    done += n;
  }
  if (gazmap_scanner_finish(s, count_mention, &mentions)) {
    return 2;
  }
  printf("%llu\n", (unsigned long long)mentions);
  gazmap_scanner_free(s);
  gazmap_gazetteer_free(g);
  fclose(f);
  return 0;
}

static double cpu_seconds(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* bench_find --scan FILE: the scan alone, in CPU seconds. */
static int scan_only(const char *path) {
  gazmap_gazetteer *g = NULL;
  gazmap_scanner *s = NULL;
  static char buf[CHUNK];
  uint64_t mentions = 0;
  double t0;
  size_t n;
  int rc = 2;
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "bench_find: cannot read %s\n", path);
    return 2;
  }
  if (gazmap_gazetteer_open(&g, NULL) < 0 || gazmap_scanner_new(&s, g, NULL) < 0) {
    fprintf(stderr, "bench_find: %s\n", gazmap_error_last()->message);
    goto done;
  }
  t0 = cpu_seconds();
  while ((n = fread(buf, 1, CHUNK, f)) > 0) {
    if (gazmap_scanner_feed(s, buf, n, count_mention, &mentions)) {
      goto done;
    }
  }
  if (gazmap_scanner_finish(s, count_mention, &mentions)) {
    goto done;
  }
  printf("scan cpu %.3f s  %llu mentions\n", cpu_seconds() - t0, (unsigned long long)mentions);
  rc = 0;
done:
  gazmap_scanner_free(s);
  gazmap_gazetteer_free(g);
  fclose(f);
  return rc;
}

typedef struct run {
  double seconds; /* wall clock */
  double cpu;     /* user + system CPU time of the child: what the run costs
                     even when other jobs share the cores */
  long maxrss_kb;
  int status;
  char out[64];   /* the first line of the child's output */
  uint64_t lines; /* lines it wrote (grep -o: one per match) */
} run;

/* Runs `argv` (or scan_child when argv is NULL) in a child whose output this
 * process reads through a pipe and counts (not /dev/null: GNU grep stops at
 * the first match when it writes there); time and peak RSS of the child. */
static run run_child(char *const *argv, const char *corpus, uint64_t limit) {
  run r = {0};
  int fd[2];
  struct rusage ru;
  double t0;
  pid_t pid;
  if (pipe(fd) != 0) {
    r.status = -1;
    return r;
  }
  fflush(stdout);
  t0 = now();
  pid = fork();
  if (pid == 0) {
    close(fd[0]);
    dup2(fd[1], 1);
    if (!argv) {
      int rc = scan_child(corpus, limit);
      fflush(stdout);
      _exit(rc);
    }
    execvp(argv[0], argv);
    _exit(127);
  }
  close(fd[1]);
  {
    static char buf[1 << 16];
    size_t got = 0;
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) {
      ssize_t i;
      for (i = 0; i < n; i++) {
        if (got < sizeof r.out - 1 && r.lines == 0 && buf[i] != '\n') {
          r.out[got++] = buf[i];
        }
        r.lines += buf[i] == '\n';
      }
    }
    r.out[got] = '\0';
  }
  close(fd[0]);
  wait4(pid, &r.status, 0, &ru);
  r.seconds = now() - t0;
  r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
          (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
  r.maxrss_kb = ru.ru_maxrss;
  return r;
}

int main(int argc, char **argv) {
  long mb = argc > 1 ? strtol(argv[1], NULL, 10) : 200;
  const char *dir = argc > 2 ? argv[2] : "/tmp";
  char corpus[4096], patterns[4096];
  gazmap_gazetteer *g = NULL;
  names nm = {0};
  FILE *f, *pf;
  uint64_t size = 0, target;
  run scan, scan_tenth, grep_utf8, grep_c;
  char *grep_argv[] = {"grep", "-F", "-i", "-o", "-f", patterns, corpus, NULL};
  double mbs;
  int round;

  if (argc == 3 && !strcmp(argv[1], "--scan")) {
    return scan_only(argv[2]);
  }
  if (mb < 1) {
    fprintf(stderr, "usage: bench_find [MEGABYTES] [DIR]\n       bench_find --scan FILE\n");
    return 2;
  }
  target = (uint64_t)mb * 1000000u;
  snprintf(corpus, sizeof corpus, "%s/gazmap-bench-corpus.txt", dir);
  snprintf(patterns, sizeof patterns, "%s/gazmap-bench-patterns.txt", dir);
  if (gazmap_gazetteer_open(&g, NULL) < 0) {
    fprintf(stderr, "bench_find: %s\n", gazmap_error_last()->message);
    return 2;
  }
  pf = fopen(patterns, "w");
  f = fopen(corpus, "w");
  if (!pf || !f) {
    fprintf(stderr, "bench_find: cannot write in %s\n", dir);
    return 2;
  }
  collect_names(g, &nm, pf);
  fclose(pf);
  while (size < target) {
    write_sentence(f, &nm);
    size = (uint64_t)ftell(f);
  }
  fclose(f);
  printf("corpus   %s: %.1f MB (en/tr/ru, seed fixed)\n", corpus, (double)size / 1e6);
  printf("patterns %s: every name of the gazetteer\n", patterns);

  /* The cores are shared: the scanner and grep in the C locale run ROUNDS
   * times each, alternately, and the fastest run of each counts.  (grep in
   * a UTF-8 locale runs once: it takes minutes.) */
  scan_tenth = run_child(NULL, corpus, size / 10);
  for (round = 0; round < ROUNDS; round++) {
    run r = run_child(NULL, corpus, size);
    if (round == 0 || r.cpu < scan.cpu) {
      scan = r;
    }
    setenv("LC_ALL", "C", 1);
    r = run_child(grep_argv, corpus, size);
    if (round == 0 || r.cpu < grep_c.cpu) {
      grep_c = r;
    }
  }
  setenv("LC_ALL", "C.UTF-8", 1);
  grep_utf8 = run_child(grep_argv, corpus, size);

  mbs = (double)size / 1e6 / scan.cpu;
  printf("MB/s per CPU second (wall-clock seconds in brackets: other jobs share the cores)\n");
  printf("gazmap scanner                  : %6.1f MB/s  cpu %6.2f s (%6.2f s)  peak RSS %6ld KiB  "
         "(%s mentions)\n",
         mbs, scan.cpu, scan.seconds, scan.maxrss_kb, scan.out);
  printf("gazmap scanner, first tenth     : %6.1f MB/s  cpu %6.2f s (%6.2f s)  peak RSS %6ld KiB\n",
         (double)size / 10e6 / scan_tenth.cpu, scan_tenth.cpu, scan_tenth.seconds,
         scan_tenth.maxrss_kb);
  printf("grep -F -i -o -f, LC_ALL=C.UTF-8: %6.1f MB/s  cpu %6.2f s (%6.2f s)  peak RSS %6ld KiB  "
         "(%llu matches)\n",
         (double)size / 1e6 / grep_utf8.cpu, grep_utf8.cpu, grep_utf8.seconds, grep_utf8.maxrss_kb,
         (unsigned long long)grep_utf8.lines);
  printf("grep -F -i -o -f, LC_ALL=C      : %6.1f MB/s  cpu %6.2f s (%6.2f s)  peak RSS %6ld KiB  "
         "(%llu matches; bytes, ASCII case only)\n",
         (double)size / 1e6 / grep_c.cpu, grep_c.cpu, grep_c.seconds, grep_c.maxrss_kb,
         (unsigned long long)grep_c.lines);
  printf("speed ratio scanner/grep: %.2fx (grep in C.UTF-8), %.2fx (grep in C)\n",
         grep_utf8.cpu / scan.cpu, grep_c.cpu / scan.cpu);
  free(nm.en);
  free(nm.tr);
  free(nm.ru);
  gazmap_gazetteer_free(g);
  return scan.status == 0 ? 0 : 1;
}
