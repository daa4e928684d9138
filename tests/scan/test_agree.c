/* Lookup and find agree: every name of the bundled gazetteer that lookup
 * matches by the exact, folded or skeleton layer is found by the scanner
 * inside a neutral sentence, "Reports came from NAME yesterday.", as a
 * mention of exactly those bytes and of one of the places lookup gives.
 *
 * Both read one name index (match/index.c), so this holds by construction
 * for most names; the names the scanner refuses by its documented rules
 * (gazmap/scan.h) are listed in `refused` below with the rule, or (names with
 * a parenthesised qualifier) recognised by their form, and the test asserts
 * that each of them is still refused, so the list cannot go stale. */
#define _GNU_SOURCE
#include "gazmap/gazmap.h"
#include "gazmap/scan.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan_fixture.h"
#include "testutil.h"

#include "scan/scan_internal.h"

static const char frame_head[] = "Reports came from ";
static const char frame_tail[] = " yesterday.";

/* Whether name j of country or region p begins a longer one-word name of p
 * in the same language ("Türk" of "Türkiye"). */
static int stem_of_longer(const gazmap_place *p, size_t j) {
  const gazmap_name *nm = gazmap_place_name_at(p, j);
  size_t i, len = strlen(nm->text);
  if (gazmap_place_kind(p) != GAZMAP_KIND_COUNTRY && gazmap_place_kind(p) != GAZMAP_KIND_REGION) {
    return 0;
  }
  for (i = 0; i < gazmap_place_name_count(p); i++) {
    const gazmap_name *o = gazmap_place_name_at(p, i);
    if (i != j && !strncmp(o->text, nm->text, len) && !strcmp(o->lang, nm->lang) &&
        o->text[len] != '\0' && !strpbrk(o->text + len, " -") &&
        ((unsigned char)o->text[len] >= 0x80 || (o->text[len] >= 'a' && o->text[len] <= 'z'))) {
      return 1;
    }
  }
  return 0;
}

/* The rules (doc/find.md, "What counts as a mention") that refuse a name
 * by its form, whatever the data adds: returns the rule, or NULL.  Name j
 * of place p. */
static const char *refused_by_form(const gazmap_place *p, size_t j) {
  const char *name = gazmap_place_name_at(p, j)->text;
  static const char *const apos[] = {"'", "\xE2\x80\x99", "\xCA\xBC"};
  const unsigned char *u = (const unsigned char *)name;
  const char *open = strstr(name, " (");
  size_t k, n = strlen(name);
  /* A parenthesised qualifier ("Martuni (Gegharkunik)", "Line of contact
   * (Aras end)") is the gazetteer's way to tell homonyms or waypoints
   * apart, not how text writes them; the place words inside are found. */
  if (open && name[n - 1] == ')') {
    return "punctuation ends a name (a qualifier)";
  }
  /* "озеро Севан", "аэропорт Нахичевань": Севан, Нахичевань alone are found. */
  if ((u[0] >= 'a' && u[0] <= 'z') || (u[0] == 0xD0 && u[1] >= 0xB0) || u[0] == 0xD1) {
    return "a name starts at a capitalised word";
  }
  /* Step’anavan, Nerk’in Getashen, Nahatak' Lerr: an apostrophe and
   * lower-case letters start a suffix (Şuşa'da, Iran's), an apostrophe
   * before a space is punctuation; the spellings without the mark are
   * found.  A final apostrophe is allowed for (see covers()). */
  for (k = 0; k < sizeof apos / sizeof apos[0]; k++) {
    const char *a = strstr(name, apos[k]);
    if (a && a[strlen(apos[k])] != '\0') {
      return "an apostrophe inside a name starts a suffix or ends the word";
    }
  }
  /* "Верх.Дашкесан": an abbreviation's full stop ends the word. */
  if (strchr(name, '.')) {
    return "punctuation ends a name";
  }
  /* "Türk" of "Türkiye": an ethnonym, a mention only with a place word. */
  if (stem_of_longer(p, j)) {
    return "the start of a longer one-word name of the place (an ethnonym)";
  }
  return NULL;
}
typedef struct hit {
  const char *name;
  size_t want_off, want_len;
  const gazmap_place *const *places;
  size_t nplaces;
  int found;     /* a mention of exactly the name's bytes */
  int agrees;    /* ... whose place lookup gives too */
  char got[512]; /* what the scanner found instead */
} hit;

/* Whether `len` bytes of the name cover it: all of it, or all but a final
 * apostrophe (a transliteration mark, "Vayk’", which the tokenizer reads as
 * punctuation when no letter follows). */
static int covers(const char *name, size_t want, size_t len) {
  static const char *const apos[] = {"'", "\xE2\x80\x99", "\xCA\xBC"};
  size_t k;
  if (len == want) {
    return 1;
  }
  for (k = 0; k < sizeof apos / sizeof apos[0]; k++) {
    if (len + strlen(apos[k]) == want && !strcmp(name + len, apos[k])) {
      return 1;
    }
  }
  return 0;
}

static int on_mention(void *ud, const gazmap_mention *m) {
  hit *h = ud;
  size_t k, o = strlen(h->got);
  if (m->offset == h->want_off && covers(h->name, h->want_len, m->length)) {
    h->found = 1;
    for (k = 0; k < h->nplaces; k++) {
      h->agrees |= h->places[k] == m->place;
    }
  }
  if (o < sizeof h->got) {
    snprintf(h->got + o, sizeof h->got - o, " [%llu+%zu %s]", (unsigned long long)m->offset,
             m->length, gazmap_place_id(m->place));
  }
  return 0;
}

/* Scans the frame around `name` (with `near`, a second frame naming a
 * place near it: "Reports came from NAME, near Ijevan, yesterday."); fills h. */
static void scan_name(const char *name, const char *near, hit *h) {
  char text[1024];
  int n = near ? snprintf(text, sizeof text, "%s%s, near %s%s", frame_head, name, near, frame_tail)
               : snprintf(text, sizeof text, "%s%s%s", frame_head, name, frame_tail);
  h->name = name;
  h->want_off = sizeof frame_head - 1;
  h->want_len = strlen(name);
  h->found = h->agrees = 0;
  h->got[0] = '\0';
  ck_assert_int_eq(gazmap_scan_buffer(scanner, text, (size_t)n, on_mention, h), 0);
}

/* The canonical name of the town or city nearest to `p` whose name is no
 * other place's (nor one of the `nplaces` places the tested name has), as
 * the evidence a short or common-word name needs (scan/resolve.c). */
static const char *town_near(const gazmap_place *p, const gazmap_place *const *places,
                             size_t nplaces) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  const gazmap_place *out[16];
  double km[16];
  size_t n = 0, k, j;
  unsigned kinds = (1u << GAZMAP_KIND_TOWN) | (1u << GAZMAP_KIND_CITY);
  o.fuzzy = 0;
  ck_assert_int_eq(
      gazmap_near(gaz, gazmap_place_lat(p), gazmap_place_lon(p), kinds, out, km, 16, &n), 0);
  for (k = 0; k < n; k++) {
    const char *nm = gazmap_place_name(out[k]);
    gazmap_match m[4];
    size_t nm_n = 0;
    int own = 0;
    for (j = 0; j < nplaces; j++) {
      own |= places[j] == out[k];
    }
    ck_assert_int_eq(gazmap_lookup(gaz, nm, strlen(nm), &o, m, 4, &nm_n), 0);
    if (!own && nm_n == 1 && m[0].place == out[k]) {
      return nm;
    }
  }
  return "Yerevan";
}

START_TEST(every_name) {
  gazmap_lookup_opts o = GAZMAP_LOOKUP_OPTS_INIT;
  size_t i, j, k, names = 0, by_form = 0, with_evidence = 0, failed = 0;
  gazmap_match m[64];
  const gazmap_place *places[64];
  o.fuzzy = 0;
  o.stop_at_first_kind = 0;
  for (i = 0; i < gazmap_gazetteer_count(gaz); i++) {
    const gazmap_place *p = gazmap_gazetteer_at(gaz, i);
    for (j = 0; j < gazmap_place_name_count(p); j++) {
      const char *name = gazmap_place_name_at(p, j)->text, *rule;
      size_t n = 0, np = 0;
      hit h;
      ck_assert_int_eq(gazmap_lookup(gaz, name, strlen(name), &o, m, 64, &n), 0);
      for (k = 0; k < n; k++) {
        if (m[k].kind <= GAZMAP_MATCH_SKELETON) {
          places[np++] = m[k].place;
        }
      }
      if (np == 0) {
        continue; /* lookup does not match it by those layers: nothing to agree on */
      }
      names++;
      h.places = places;
      h.nplaces = np;
      scan_name(name, NULL, &h);
      if ((rule = refused_by_form(p, j)) != NULL) {
        by_form++;
        ck_assert_msg(!h.found, "'%s' is refused by a rule (%s), yet find finds it whole", name,
                      rule);
        continue;
      }
      if (!h.found) {
        /* A short name, a common word or a road designation needs evidence:
         * with a town near it named, it is found. */
        scan_name(name, town_near(p, places, np), &h);
        with_evidence += h.found;
      }
      if (!h.found || !h.agrees) {
        failed++;
        fprintf(stderr, "%s\t%s\t%s\n", gazmap_place_id(p), name, h.got);
      }
    }
  }
  fprintf(stderr,
          "%zu names checked, %zu refused by a rule of form, %zu found only with a town near "
          "them named, %zu disagree\n",
          names, by_form, with_evidence, failed);
  ck_assert_msg(failed == 0, "%zu names lookup matches are not found by find (listed above)",
                failed);
  ck_assert_uint_gt(names, 800);
}
END_TEST

/* Scanners borrow the gazetteer's one index: a second scanner and a lookup
 * build nothing, and see the very tables the first scanner built. */
START_TEST(scanners_share_the_index) {
  gazmap_scanner *other = NULL;
  gazmap_match m[4];
  size_t n = 0;
  const gz_group *groups = scanner->ix->groups;
  ck_assert_int_eq(gazmap_lookup(gaz, "Shusha", 6, NULL, m, 4, &n), 0);
  ck_assert_int_eq(gazmap_scanner_new(&other, gaz, NULL), 0);
  ck_assert_ptr_eq(other->ix, scanner->ix);
  ck_assert_ptr_eq(other->ix->groups, groups);
  gazmap_scanner_free(other);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(every_name), TU_TEST(scanners_share_the_index)};
  tu_tcase tc = {.name = "lookup-find", .tests = TU_TESTS(tests)};
  /* The scanner with the library's default options (no unresolved
   * mentions), each test in a child process. */
  return sc_scanner_main("agree", &tc, 0, 0);
}
