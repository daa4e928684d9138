/* Turkish. */
#include "text/lang.h"

#include <stddef.h>

static const char *const org_heads[] = {
    "Grubu",     "Üniversitesi", "Enstitüsü", "Bakanlığı", "Başkanlığı",      "Merkezi",
    "Akademisi", "Ajansı",       "Vakfı",     "Partisi",   "Üniversitesinde", NULL};
static const char *const agreement_heads[] = {"Protokolü", "Protokol",   "Anlaşması",
                                              "Bildirisi", "Antlaşması", NULL};
static const char *const district_cues[] = {"bölgesi",   "bölgesinde", "bölgesine", "bölgesinden",
                                            "ilçesi",    "ilçesinde",  "ilçesine",  "ilçesinden",
                                            "rayonu",    NULL};
static const char *const place_cues[] = {"çayı", "nehri", "geçidi", NULL};
static const char *const river_cues[] = {"çayı",      "çayının", "çayında",  "çayından",
                                         "çayına",    "nehri",   "nehrinin", "nehrinde",
                                         "nehrinden", "nehrine", NULL};
static const char *const settlement_cues[] = {"şehri",    "şehrinde", "şehrine", "şehrinden",
                                              "kenti",    "kentinde", "kentine", "kentinden",
                                              "köyü",     "köyünde",  "köyüne",  "köyünden", NULL};
static const char *const titles[] = {"Sayın", "Bay", "Bayan", NULL};
static const char *const not_given_names[] = {"ve", "ile", "da", "de", "bu", NULL};
/* Words that are also names of villages of the region (kilit "lock",
 * kömür "coal", deste "bunch", kepez "cliff") and a common given name
 * (Oğuz): a mention only with evidence. */
static const char *const weak_names[] = {"Kilit", "Kömür", "Deste", "Kepez", "Oğuz", NULL};
static const char *const generic_words[] = {"bolgesi", "ili", "golu", NULL};
/* Case suffixes, folded, written without an apostrophe in much Turkish text
 * (and in Azerbaijani, which shares them: see az.c): genitive, dative,
 * accusative (after a vowel -nı, Azerbaijani, or -yı; after a consonant
 * -ı), locative and its adjective -daki, ablative, instrumental, with every
 * vowel harmony and the consonant assimilation (-ta, -tan), folded.  Tried
 * in this order; of the suffixes a word can end with, the longer comes
 * first.  tests/scan/tables/suffixes.cases has every one on names. */
static const char *const case_suffixes[] = {
    "ndaki", "ndeki", "daki", "deki", "taki", "teki", "ndan", "nden", "nin", "nun",
    "dan",   "den",   "tan",  "ten",  "nda",  "nde",  "na",   "ne",   "yla", "yle",
    "ya",    "ye",    "da",   "de",   "ta",   "te",   "in",   "un",   "yi",  "yu",
    "ni",    "nu",    "la",   "le",   "a",    "e",    "i",    "u",    NULL};

static const char *const road_cues[] = {"yol",     "yolu",     "yolunda",  "yolunun",
                                        "karayolu", "otoyolu", "karayolunda", NULL};

const gz_lang gz_lang_tr = {
    .code = "tr",
    .name = "Turkish",
    .org_heads = org_heads,
    .agreement_heads = agreement_heads,
    .district_cues = district_cues,
    .river_cues = river_cues,
    .place_cues = place_cues,
    .settlement_cues = settlement_cues,
    .titles = titles,
    .not_given_names = not_given_names,
    .generic_words = generic_words,
    .weak_names = weak_names,
    .case_suffixes = case_suffixes,
    .road_cues = road_cues,
};
