/* Folding and skeletons as string-in/string-out tables (gazmap/fold.h). */
#include "gazmap/gazmap.h"

#include <check.h>

#include "testutil.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gazmap_folder *folder;

static void setup(void) {
  ck_assert_int_eq(gazmap_folder_new(&folder), 0);
}

static void teardown(void) {
  gazmap_folder_free(folder);
  folder = NULL;
}

/* A string in and what folding (or its skeleton) must give. */
typedef struct {
  const char *in, *want;
} in_want;

/* What users type, and the folded key it must give. */
static const in_want fold_cases[] = {
    {"Shusha", "shusha"},
    {"SHUSHA", "shusha"},
    {"Şuşa", "susa"},
    {"Шуша", "shusha"},
    {"Շուշի", "shushi"},
    {"Xankəndi", "xankendi"},
    {"XANKƏNDİ", "xankendi"},
    {"İran", "iran"},
    {"IRAN", "iran"},
    {"ıran", "iran"},
    {"Dağlıq Qarabağ", "dagliq qarabag"},
    {"Dağlık Karabağ", "daglik karabag"},
    {"Nagorno-Karabakh", "nagorno karabakh"},
    {"  Nagorno -- Karabakh!! ", "nagorno karabakh"},
    {"Shusha,", "shusha"},
    {"(Martuni)", "martuni"},
    {"Qırmızı Bazar", "qirmizi bazar"},
    {"Çankaya", "cankaya"},
    {"Gürcistan", "gurcistan"},
    {"Türkiye", "turkiye"},
    {"Biçənək", "bicenek"},
    {"Füzuli", "fuzuli"},
    {"Нахичевань", "nakhichevan"},
    {"Нагорный Карабах", "nagornyy karabakh"},
    {"Ходжавенд", "khodzhavend"},
    {"Кельбаджар", "kelbadzhar"},
    {"Красный Базар", "krasnyy bazar"},
    {"Ерасх", "eraskh"},
    {"Иджеван", "idzhevan"},
    {"Նախիջևան", "nakhijevan"},
    {"Իջևան", "ijevan"},
    {"Ստեփանակերտ", "stepanakert"},
    {"Քարվաճառ", "karvachar"},
    {"Կարմիր Շուկա", "karmir shuka"},
    {"Մատաղիս", "mataghis"},
    {"Երասխ", "eraskh"},
    {"Ակնա", "akna"},
    {"Բերձոր", "berdzor"},
    {"Արցախ", "artsakh"},
    {"Karabakh's", "karabakhs"},
    {"Karabakh’s", "karabakhs"},
    {"S\xcc\xa7"
     "us\xcc\xa7"
     "a",
     "susa"},                   /* decomposed: S + combining cedilla */
    {"ＳＨＵＳＨＡ", "shusha"}, /* fullwidth (NFKC) */
    {"Sugovushan", "sugovushan"},
    {"R13", "r13"},
    {"", ""},
    {"--", ""},
};

START_TEST(fold_table) {
  char out[256];
  size_t n;
  const char *in = fold_cases[_i].in;
  ck_assert_int_eq(gazmap_fold(folder, in, strlen(in), out, sizeof out, &n), 0);
  ck_assert_msg(!strcmp(out, fold_cases[_i].want), "fold(\"%s\") = \"%s\", expected \"%s\"", in,
                out, fold_cases[_i].want);
  ck_assert_uint_eq(n, strlen(out));
}
END_TEST

/* Folded keys and their skeletons. */
static const in_want skeleton_cases[] = {
    {"sugovushan", "skvsn"},
    {"nakhichevan", "nkcvn"},
    {"xankendi", "knknd"},
    {"kelbajar", "klbcr"},
    {"karvachar", "krvcr"},
    {"aghdam", "akdm"},
    {"icevan", "acvn"},
    {"qazax", "kzk"},
    {"shusha", "ss"},
    {"red bazaar", "rdbzr"},
    {"yeraskh", "arsk"},
    {"r13", "r13"},
    {"", ""},
    {"a", "a"},
    {"artsakh", "arck"},
};

START_TEST(skeleton_table) {
  char out[256];
  size_t n;
  const char *in = skeleton_cases[_i].in;
  ck_assert_int_eq(gazmap_skeleton(in, strlen(in), out, sizeof out, &n), 0);
  ck_assert_msg(!strcmp(out, skeleton_cases[_i].want), "skeleton(\"%s\") = \"%s\", expected \"%s\"",
                in, out, skeleton_cases[_i].want);
}
END_TEST

/* Spellings that must meet in one skeleton: each row is one place, written in
 * the romanization systems users mix. */
static const char *const same_skeleton[][6] = {
    {"Sugovushan", "Sukovuşan", "Suqovuşan", NULL},
    {"Kelbajar", "Kəlbəcər", "Kelbecer", "Kalbajar", "Кельбаджар", NULL},
    {"Nakhichevan", "Naxçıvan", "Nakhijevan", "Nahçıvan", "Nakhchivan", NULL},
    {"Xankendi", "Khankendi", "Hankendi", "Xankəndi", NULL},
    {"Hocavend", "Khojavend", "Xocavənd", "Ходжавенд", NULL},
    {"Aghdam", "Ağdam", "Agdam", "Агдам", NULL},
    {"Icevan", "Ijevan", "Իջևան", "Иджеван", NULL},
    {"Kazah", "Qazax", "Gazakh", "Kazakh", NULL},
    {"Meghri", "Meğri", "Megri", "Mehri", NULL},
    {"Lachin", "Laçın", "Laçin", "Лачин", NULL},
    {"Shusha", "Şuşa", "Shushi", "Շուշի", NULL},
    {"Zangezur", "Zəngəzur", "Зангезур", NULL},
    {"Jabrayil", "Cəbrayıl", "Jabrail", NULL},
    {"Bichanak", "Biçənək", "Biçenek", NULL},
    {"Yeraskh", "Երասխ", "Eraskh", NULL},
};

static void skeleton_of(const char *s, char *out, size_t cap) {
  char folded[256];
  size_t n, m;
  ck_assert_int_eq(gazmap_fold(folder, s, strlen(s), folded, sizeof folded, &n), 0);
  ck_assert_int_eq(gazmap_skeleton(folded, n, out, cap, &m), 0);
}

START_TEST(skeletons_meet) {
  char first[256], other[256];
  size_t j;
  skeleton_of(same_skeleton[_i][0], first, sizeof first);
  for (j = 1; same_skeleton[_i][j]; j++) {
    skeleton_of(same_skeleton[_i][j], other, sizeof other);
    ck_assert_msg(!strcmp(first, other), "skeleton(%s) = \"%s\" but skeleton(%s) = \"%s\"",
                  same_skeleton[_i][0], first, same_skeleton[_i][j], other);
  }
}
END_TEST

START_TEST(different_names_differ) {
  char a[256], b[256];
  skeleton_of("Kelbajar", a, sizeof a);
  skeleton_of("Karvachar", b, sizeof b);
  ck_assert_str_ne(a, b);
  skeleton_of("Aghdam", a, sizeof a);
  skeleton_of("Akna", b, sizeof b);
  ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(invalid_utf8) {
  static const char *const bad[] = {"\xff",         "Sh\xc3",           "\xc0\xaf",
                                    "\xed\xa0\x80", "\xf4\x90\x80\x80", "a\x80"};
  char out[64];
  size_t i, n;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    ck_assert_int_eq(gazmap_fold(folder, bad[i], strlen(bad[i]), out, sizeof out, &n),
                     GAZMAP_EUTF8);
  }
}
END_TEST

START_TEST(buffer_contract) {
  /* 4*len+16 is always enough, and a short buffer is an error, never an
   * overflow. */
  static const char *const inputs[] = {"Щщщщщщ", "ﷺ", "Ꙃ𝔄𝔅", "Nakhichevan"};
  char out[256];
  size_t i, n;
  for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    size_t len = strlen(inputs[i]);
    ck_assert_int_eq(gazmap_fold(folder, inputs[i], len, out, 4 * len + 16, &n), 0);
  }
  ck_assert_int_eq(gazmap_fold(folder, "Nakhichevan", 11, out, 5, &n), GAZMAP_ERANGE);
  ck_assert_int_eq(gazmap_skeleton("nakhichevan", 11, out, 3, &n), GAZMAP_ERANGE);
}
END_TEST

int main(void) {
  tu_test tests[] = {TU_ROWS(fold_table, fold_cases),
                     TU_ROWS(skeleton_table, skeleton_cases),
                     TU_ROWS(skeletons_meet, same_skeleton),
                     TU_TEST(different_names_differ),
                     TU_TEST(invalid_utf8),
                     TU_TEST(buffer_contract)};
  tu_tcase tc = {
      .name = "tables", .tests = TU_TESTS(tests), .setup_once = setup, .teardown_once = teardown};
  return tu_main("fold", &tc, 1);
}
