/* The page's words in ru, hy, az and tr (map/words.c) against ICU's CLDR
 * data (ICU 72, CLDR 42 here): the month abbreviations, the legend's dates,
 * the dates written into the legend's words and the scale bar's unit are
 * what ICU formats for the language.  ICU is linked into this test only;
 * the library carries the strings. */
#define _GNU_SOURCE
#include "map/legend.h"
#include "map/style_internal.h"
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

static const char *const langs[] = {"ru", "hy", "az", "tr"};

static const UChar utc[] = {'U', 'T', 'C', 0};

/* Milliseconds since 1970 of y-m-d, 00:00 UTC. */
static double ms_of(int y, int m, int d) {
  UErrorCode e = U_ZERO_ERROR;
  UCalendar *c = ucal_open(utc, -1, "en", UCAL_GREGORIAN, &e);
  double t;
  ucal_clear(c);
  ucal_setDateTime(c, y, m - 1, d, 0, 0, 0, &e);
  t = ucal_getMillis(c, &e);
  ucal_close(c);
  ck_assert_msg(U_SUCCESS(e), "calendar: %s", u_errorName(e));
  return t;
}

static void to_utf8(const UChar *u, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  u_strToUTF8(out, (int32_t)cap, NULL, u, -1, &e);
  ck_assert_msg(U_SUCCESS(e), "UTF-8: %s", u_errorName(e));
}

/* y-m-d as CLDR's yMMMd pattern of `lang` writes it. */
static void icu_date(const char *lang, int y, int m, int d, char *out, size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UChar skel[8], pat[64], res[128];
  UDateTimePatternGenerator *g = udatpg_open(lang, &e);
  UDateFormat *f;
  u_uastrcpy(skel, "yMMMd");
  udatpg_getBestPattern(g, skel, -1, pat, 64, &e);
  f = udat_open(UDAT_PATTERN, UDAT_PATTERN, lang, utc, -1, pat, -1, &e);
  udat_format(f, ms_of(y, m, d), res, 128, NULL, &e);
  ck_assert_msg(U_SUCCESS(e), "%s: %s", lang, u_errorName(e));
  to_utf8(res, out, cap);
  udat_close(f);
  udatpg_close(g);
}

/* The interval from y-m1-d1 to y-m2-d2 as CLDR writes it (yMMMd), with its
 * thin spaces (U+2009) around the dash as plain ones. */
static void icu_interval(const char *lang, int y, int m1, int d1, int m2, int d2, char *out,
                         size_t cap) {
  UErrorCode e = U_ZERO_ERROR;
  UChar skel[8], res[128];
  UDateIntervalFormat *f;
  char *p;
  u_uastrcpy(skel, "yMMMd");
  f = udtitvfmt_open(lang, skel, -1, utc, -1, &e);
  udtitvfmt_format(f, ms_of(y, m1, d1), ms_of(y, m2, d2), res, 128, NULL, &e);
  ck_assert_msg(U_SUCCESS(e), "%s: %s", lang, u_errorName(e));
  to_utf8(res, out, cap);
  udtitvfmt_close(f);
  while ((p = strstr(out, "\u2009")) != NULL) {
    *p = ' ';
    memmove(p + 1, p + 3, strlen(p + 3) + 1);
  }
}

START_TEST(months_are_cldrs) {
  size_t l;
  for (l = 0; l < sizeof langs / sizeof *langs; l++) {
    const gz_style *st = gz_style_for_lang(langs[l]);
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_NONE, UDAT_MEDIUM, langs[l], utc, -1, NULL, 0, &e);
    int m;
    ck_assert_msg(U_SUCCESS(e), "%s: %s", langs[l], u_errorName(e));
    for (m = 0; m < 12; m++) {
      UChar sym[32];
      char want[96];
      udat_getSymbols(f, UDAT_SHORT_MONTHS, m, sym, 32, &e);
      to_utf8(sym, want, sizeof want);
      ck_assert_msg(!strcmp(st->words.months[m], want), "%s month %d: '%s', CLDR '%s'", langs[l],
                    m + 1, st->words.months[m], want);
    }
    udat_close(f);
  }
}
END_TEST

START_TEST(legend_dates_are_cldrs) {
  static const int days[] = {1, 9, 20, 28};
  size_t l, d;
  int m;
  for (l = 0; l < sizeof langs / sizeof *langs; l++) {
    const gz_style *st = gz_style_for_lang(langs[l]);
    for (m = 1; m <= 12; m++) {
      for (d = 0; d < sizeof days / sizeof *days; d++) {
        char ymd[32], got[96], want[96];
        snprintf(ymd, sizeof ymd, "2020%02d%02d", m, days[d]);
        gz_human_date(got, sizeof got, st, ymd);
        icu_date(langs[l], 2020, m, days[d], want, sizeof want);
        ck_assert_msg(!strcmp(got, want), "%s %s: '%s', CLDR '%s'", langs[l], ymd, got, want);
      }
    }
  }
}
END_TEST

START_TEST(scale_unit_is_cldrs) {
  size_t l;
  for (l = 0; l < sizeof langs / sizeof *langs; l++) {
    const gz_style *st = gz_style_for_lang(langs[l]);
    UErrorCode e = U_ZERO_ERROR;
    UChar skel[64], res[64];
    UNumberFormatter *f;
    UFormattedNumber *r;
    char got[64], want[64];
    u_uastrcpy(skel, "measure-unit/length-kilometer unit-width-short");
    f = unumf_openForSkeletonAndLocale(skel, -1, langs[l], &e);
    r = unumf_openResult(&e);
    unumf_formatDouble(f, 50, r, &e);
    unumf_resultToString(r, res, 64, &e);
    ck_assert_msg(U_SUCCESS(e), "%s: %s", langs[l], u_errorName(e));
    to_utf8(res, want, sizeof want);
    snprintf(got, sizeof got, st->words.scale_unit, 50.0);
    ck_assert_msg(!strcmp(got, want), "%s: '%s', CLDR '%s'", langs[l], got, want);
    unumf_closeResult(r);
    unumf_close(f);
  }
}
END_TEST

/* A date the legend's words write out, and the languages where the words
 * put a case ending on it (hy "10 նոյ 2020-ի"), which CLDR has no form
 * for, or where CLDR's interval reads wrong (az "27 sen 2020 – 9 noy"):
 * doc/render.md lists them. */
typedef struct word_date {
  const char *what;
  size_t offset;         /* of the string in gz_words */
  int y, m1, d1, m2, d2; /* m2 0: a date, not an interval */
  const char *skip;      /* languages not checked, space-separated */
} word_date;

#define WORD(field) #field, offsetof(gz_words, field)

static const word_date word_dates[] = {
    {WORD(legend_head[GZ_LEGEND_HANDOVER]), 2020, 11, 10, 0, 0, "hy"},
    {WORD(legend_head[GZ_LEGEND_WAR]), 2020, 9, 27, 11, 9, "az"},
    {WORD(legend_head[GZ_LEGEND_ROUTES]), 2021, 1, 11, 0, 0, "hy"},
    {WORD(site.note), 2021, 1, 30, 0, 0, ""},
    {WORD(loc1994.text), 2020, 9, 27, 0, 0, ""},
    {WORD(loc2020.text), 2020, 11, 10, 0, 0, ""},
};

START_TEST(dates_in_the_words_are_cldrs) {
  size_t l, i, checked = 0;
  for (l = 0; l < sizeof langs / sizeof *langs; l++) {
    const gz_words *w = &gz_style_for_lang(langs[l])->words;
    for (i = 0; i < sizeof word_dates / sizeof *word_dates; i++) {
      const word_date *wd = &word_dates[i];
      const char *text = *(const char *const *)((const char *)w + wd->offset);
      char want[128];
      if (strstr(wd->skip, langs[l])) {
        continue;
      }
      if (wd->m2) {
        icu_interval(langs[l], wd->y, wd->m1, wd->d1, wd->m2, wd->d2, want, sizeof want);
      } else {
        icu_date(langs[l], wd->y, wd->m1, wd->d1, want, sizeof want);
      }
      ck_assert_msg(strstr(text, want) != NULL, "%s %s: '%s' does not write '%s'", langs[l],
                    wd->what, text, want);
      checked++;
    }
  }
  ck_assert_uint_eq(checked, 4 * 6 - 3);
}
END_TEST

/* The subtitle of `render --date 2021-11-10` writes the day in the page
 * language's CLDR yMMMd, English's as British English (en_GB) orders it,
 * as the legend's dates do. */
START_TEST(dated_subtitle_is_cldrs) {
  static const char *const all[][2] = {
      {"en", "en_GB"}, {"ru", "ru"}, {"hy", "hy"}, {"az", "az"}, {"tr", "tr"}};
  size_t l;
  for (l = 0; l < sizeof all / sizeof *all; l++) {
    const gz_style *st = gz_style_for_lang(all[l][0]);
    char got[1024], date[96], want[1024];
    gz_dated_subtitle(got, sizeof got, st, "20211110");
    icu_date(all[l][1], 2021, 11, 10, date, sizeof date);
    snprintf(want, sizeof want, st->words.subtitle_dated, date);
    ck_assert_msg(!strcmp(got, want), "%s: '%s', CLDR '%s'", all[l][0], got, want);
    ck_assert_msg(!strstr(got, "2021-11-10"), "%s: the raw date in '%s'", all[l][0], got);
  }
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_TEST(months_are_cldrs), TU_TEST(legend_dates_are_cldrs),
                     TU_TEST(scale_unit_is_cldrs), TU_TEST(dates_in_the_words_are_cldrs),
                     TU_TEST(dated_subtitle_is_cldrs)};
  return tu_main_tests("words", 0, TU_TESTS(tests));
}
