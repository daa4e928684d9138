/* Azerbaijani. */
#include "text/lang.h"

#include <stddef.h>

static const char *const org_heads[] = {"Universiteti", "Nazirliyi", NULL};
static const char *const agreement_heads[] = {"Protokol", "Deklarasiyası", NULL};
/* After the name, with the case suffixes the cue word itself takes. */
static const char *const district_cues[] = {
    "rayon", "rayonu", "rayonunda", "rayonundan", "rayonuna", "rayonunun", "rayonunu",
    /* the plural after a list: "Ağdam və Tərtər rayonları" */
    "rayonları", "rayonlarının", "rayonlarında", "rayonlarından", "rayonlarına", NULL};
static const char *const river_cues[] = {"çayı",   "çayının", "çayında", "çayından",
                                         "çayına", "çayını",  NULL};
static const char *const place_cues[] = {"çayı", "aşırımı", "bölgəsi", NULL};
static const char *const settlement_cues[] = {"şəhəri",    "şəhərində", "şəhərindən", "şəhərinə",
                                              "şəhərinin", "şəhərini",  "kəndi",      "kəndində",
                                              "kəndindən", "kəndinə",   "kəndinin",   NULL};
static const char *const surname_endings[] = {"oglu", "zade", NULL};
/* A common given name and a word (kömür "coal") that are also names of
 * places of the region: a mention only with evidence. */
static const char *const weak_names[] = {"Oğuz", "Kömür", NULL};
static const char *const generic_words[] = {"rayon",  "rayonu", "gol",    "cayi",  "asirimi",
                                            "sheher", "saheri", "seheri", "kendi", NULL};

static const char *const road_cues[] = {"yol",      "yolu",    "yolunda", "yolunun", "yoluna",
                                        "magistral", "şossesi", "şosse",   NULL};

const gz_lang gz_lang_az = {
    .code = "az",
    .name = "Azerbaijani",
    .org_heads = org_heads,
    .agreement_heads = agreement_heads,
    .district_cues = district_cues,
    .river_cues = river_cues,
    .place_cues = place_cues,
    .settlement_cues = settlement_cues,
    .surname_endings = surname_endings,
    .generic_words = generic_words,
    .weak_names = weak_names,
    /* Folded, the Azerbaijani case suffixes are the Turkish ones. */
    .suffixes_of = "tr",
    .road_cues = road_cues,
};
