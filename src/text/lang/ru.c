/* Russian, and the Russian transliterations English text uses. */
#include "text/lang.h"

#include <stddef.h>

static const char *const org_heads[] = {"группа", "министерство", NULL};
static const char *const agreement_heads[] = {"протокол", "соглашение", "договор", "декларация",
                                              "формат",   "процесс",    NULL};
/* After the name, or after an adjective of it ("Агдамского района"), in
 * every case: район, область, and АР (автономная республика). */
static const char *const district_cues[] = {
    "район",   "района",  "району",  "районом",  "районе",  "районы", "районов",
    "районам", "районами", "районах", "область", "области", "областью", "АР", NULL};
/* Before the name, in the cases running text uses. */
static const char *const place_cues_before[] = {
    "село",    "села",    "селе",    "селу", "селом", "деревня", "деревни", "деревне",  "посёлок",
    "поселок", "посёлке", "поселке", "река", "реки",  "реке",    "перевал", "перевале", NULL};
/* Before the name ("над городом Кельбаджар", "в селе Х") or after it, in
 * every case. */
static const char *const settlement_cues[] = {"город", "города", "городе", "городом", "городу",
                                              "село",  "села",   "селе",   "селом",   "селу",
                                              "посёлок", "поселок", "посёлке", "поселке", NULL};
/* Before the name ("река Тертер", "у реки Акера"), in every case. */
static const char *const river_cues[] = {"река", "реки", "реке", "реку", "рекой", NULL};
static const char *const not_given_names[] = {"и", "в", "во", "на", "из", NULL};
static const char *const surname_endings[] = {"ov",   "ova", "ev",   "eva",
                                              "enko", "yev", "yeva", NULL};
/* Given names that are also names of places of the region (Камо, the
 * Soviet name of Gavar): a mention only with evidence. */
static const char *const weak_names[] = {"Камо", NULL};
static const char *const generic_words[] = {"oblast", "ozero", "reka", "pereval", NULL};
/* Endings of the nominative, the case names are listed in: stripped from a
 * name's words so that every case of the text meets the same stem. */
static const char *const nominative_endings[] = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые",
                                                 "ие", "а",  "я",  "о",  "е",  "ь",  "й",  NULL};
/* Case endings of running text, longest first. */
static const char *const case_endings[] = {
    "ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем",
    "ым",  "им",  "ых",  "их",  "ый",  "ий",  "ая",  "яя",  "ое", "ее", "ую", "юю",
    "ах",  "ях",  "ам",  "ям",  "ов",  "ев",  "ию",  "ии",  "ия", "а",  "я",  "у",
    "ю",   "е",   "и",   "ы",   "о",   "ь",   "й",   "ью",  NULL};
/* Adjectives made from place names, "-ский" and its forms. */
static const char *const adjective_endings[] = {"скими", "ского", "скому", "ский", "ская",
                                                "ское",  "ские",  "ским",  "ском", "ской",
                                                "скую",  "ских",  NULL};

static const char *const road_cues[] = {
    "трасса",   "трассы",   "трассе",   "трассу",     "трассой",   "шоссе",   "автодорога",
    "автодороги", "автодороге", "автодорогу", "автодорогой", "дорога", "дороги", "дороге", NULL};

const gz_lang gz_lang_ru = {
    .code = "ru",
    .name = "Russian",
    .org_heads = org_heads,
    .agreement_heads = agreement_heads,
    .district_cues = district_cues,
    .river_cues = river_cues,
    .place_cues_before = place_cues_before,
    .settlement_cues = settlement_cues,
    .not_given_names = not_given_names,
    .surname_endings = surname_endings,
    .generic_words = generic_words,
    .weak_names = weak_names,
    .nominative_endings = nominative_endings,
    .case_endings = case_endings,
    .adjective_endings = adjective_endings,
    .road_cues = road_cues,
};
