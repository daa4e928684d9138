/* English: the language of most reports, and of the transliterations
 * ("raion", "oblast") that English text uses for the region's terms.
 * German names of institutions ("Institut", "Universität") appear in
 * English text as they are and are listed here too. */
#include "text/lang.h"

#include <stddef.h>

static const char *const org_heads[] = {
    "Group",     "Groups",     "University", "Institute",  "Institut",    "Ministry",  "Council",
    "Committee", "Commission", "Conference", "Studies",    "Program",     "Programme", "Center",
    "Centre",    "Airlines",   "Airways",    "Bank",       "Club",        "Academy",   "College",
    "School",    "Agency",     "Foundation", "Party",      "Forum",       "Times",     "Herald",
    "Post",      "Press",      "Radio",      "Television", "Universität", NULL};
static const char *const agreement_heads[] = {
    "Protocol",    "Protocols", "Agreement",  "Agreements", "Accord", "Accords",
    "Declaration", "Treaty",    "Principles", "Process",    "Format", NULL};
static const char *const district_cues[] = {"region", "district", "raion",     "province",
                                            "oblast", "regions",  "districts", NULL};
static const char *const place_cues[] = {"river", "pass", NULL};
static const char *const river_cues[] = {"river", NULL};
static const char *const settlement_cues[] = {"city", "town", "village", NULL};
static const char *const titles[] = {
    "Mr",    "Mrs",       "Ms",       "Miss",    "Dr",      "Prof",       "Professor", "Sir",
    "Madam", "President", "Minister", "General", "Colonel", "Ambassador", "Senator",   "Mister",
    "Lady",  "Lord",      "Judge",    "Father",  "Saint",   "St",         NULL};
/* Sentence openers, function words, months, days, ordinals and
 * directions. */
static const char *const not_given_names[] = {
    "the",       "a",         "an",         "in",          "on",          "at",         "by",
    "for",       "from",      "to",         "and",         "but",         "or",         "with",
    "since",     "after",     "before",     "during",      "while",       "when",       "if",
    "as",        "of",        "yesterday",  "today",       "tomorrow",    "both",       "even",
    "also",      "then",      "now",        "meanwhile",   "however",     "unlike",     "like",
    "than",      "between",   "across",     "into",        "near",        "via",        "against",
    "north",     "south",     "east",       "west",        "northern",    "southern",   "eastern",
    "western",   "central",   "upper",      "lower",       "greater",     "old",        "new",
    "first",     "second",    "third",      "last",        "great",       "soviet",     "republic",
    "free",      "occupied",  "liberated",  "independent", "historic",    "historical", "modern",
    "ancient",   "all",       "whole",      "united",      "mountainous", "autonomous", "monday",
    "tuesday",   "wednesday", "thursday",   "friday",      "saturday",    "sunday",     "january",
    "february",  "march",     "april",      "may",         "june",        "july",       "august",
    "september", "october",   "november",   "december",    "this",        "that",       "these",
    "those",     "its",       "his",        "her",         "their",       "our",        "where",
    "why",       "how",       "what",       "which",       "who",         "about",      "over",
    "under",     "around",    "although",   "though",      "because",     "until",      "through",
    "toward",    "towards",   "throughout", "within",      "without",     "along",      "among",
    "beyond",    "only",      "whether",    "so",          "yet",         "neither",    "nor",
    "either",    "once",      "every",      "each",        "some",        "many",       "most",
    "not",       "no",        "official",   "officially",  "president",   "minister",   NULL};
/* "Armenian", "Azerbaijani", "Turkish", "Chinese", "Western", "Caucasian",
 * "Islamic": adjectives, never given names. */
static const char *const demonym_endings[] = {"ian", "ani", "ish", "ese", "ern", "an", "ic", NULL};
static const char *const generic_words[] = {"district", "region", "province",  "raion",
                                            "lake",     "river",  "pass",      "city",
                                            "village",  "town",   "mountains", NULL};

static const char *const road_cues[] = {"road", "roads", "highway", "highways", "motorway",
                                        "route", "routes", NULL};

const gz_lang gz_lang_en = {
    .code = "en",
    .name = "English",
    .org_heads = org_heads,
    .agreement_heads = agreement_heads,
    .district_cues = district_cues,
    .river_cues = river_cues,
    .place_cues = place_cues,
    .settlement_cues = settlement_cues,
    .titles = titles,
    .not_given_names = not_given_names,
    .demonym_endings = demonym_endings,
    .generic_words = generic_words,
    .possessive_s = 1,
    .road_cues = road_cues,
};
