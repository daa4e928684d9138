/* Armenian, in its script and as English text transliterates it. */
#include "text/lang.h"

#include <stddef.h>

/* After the name: district (շրջան) and province (մարզ), transliterated or
 * not, with their case endings. */
static const char *const district_cues[] = {"marz",    "շրջան", "շրջանը", "շրջանի",
                                            "շրջանում", "մարզ",  "մարզը",  "մարզի",
                                            "մարզում",  NULL};
/* After the name: town (քաղաք) with its case endings. */
static const char *const settlement_cues[] = {"քաղաք", "քաղաքը", "քաղաքի", "քաղաքում", "քաղաքից",
                                              NULL};
/* After the name: village (also in its locative), river, pass. */
static const char *const place_cues[] = {"գյուղ", "գյուղում", "գյուղի", "գետ", "լեռնանցք", NULL};
/* After the name: river (գետ) with its case endings. */
static const char *const river_cues[] = {"գետ", "գետը", "գետի", "գետում", NULL};
static const char *const surname_endings[] = {"yan", NULL};
/* Armenian given names that are also names of villages or former names
 * of towns (Kamo for Gavar): a mention only with evidence. */
static const char *const weak_names[] = {"Vahan", "Zorak", "Kamo", "Masis", NULL};
static const char *const generic_words[] = {"marz", "lich", NULL};

/* Endings of nouns in running text, longest first within each group: the
 * plural with its cases, the -ցի demonym ("Ստեփանակերտցի", one from
 * Stepanakert) with its cases, the cases after a vowel with -յ-, and the
 * cases and articles (locative -ում, ablative -ից, instrumental -ով,
 * dative/genitive -ին/-ի/-ու, articles -ը/-ն).  Every ending a word has is
 * tried, not only the longest: "Շուշին" is Շուշի + ն, not Շուշ + ին.
 * Measured against Snowball's Armenian stemmer: doc/find.md. */
static const char *const script_endings[] = {
    "ներում", "ներից", "ներով", "ներին",  "ների", "ները", "ներն", "երում", "երից", "երով",
    "երին",   "երի",   "երը",   "երն",    "ներ",  "եր",   "ցիները", "ցիներ", "ցիների", "ցուն",
    "ցին",    "ցու",   "ցի",    "յում",   "յից",  "յով",  "յին",  "յի",   "ում",  "ից",
    "ով",     "ին",    "ու",    "ի",      "ը",    "ն",    NULL};

static const char *const road_cues[] = {"մայրուղի", "մայրուղին", "մայրուղով", "մայրուղու",
                                        "ճանապարհ", "ճանապարհը", "ճանապարհով", NULL};

const gz_lang gz_lang_hy = {
    .code = "hy",
    .name = "Armenian",
    .district_cues = district_cues,
    .river_cues = river_cues,
    .settlement_cues = settlement_cues,
    .place_cues = place_cues,
    .surname_endings = surname_endings,
    .generic_words = generic_words,
    .weak_names = weak_names,
    .script_endings = script_endings,
    .road_cues = road_cues,
};
