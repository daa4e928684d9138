/* Private: the language registry.
 *
 * Each language the geoparser and lookup know has one descriptor in
 * src/text/lang/<code>.c, listed once in the registry (lang.c).  A
 * descriptor holds that language's word lists; every list is NULL-terminated
 * and may be NULL.  Cue and title words are written in their usual spelling
 * (the name index folds them once, the way names are folded); suffixes,
 * endings and generic words are written as they are compared: folded for
 * Latin text (ı ə ü ö ğ ş ç become i e u o g s c), lower-case for Cyrillic.
 *
 * The users combine the lists of every language: a text in English names
 * places in their Azerbaijani or Russian forms, so no list is tied to the
 * language of the text. */
#ifndef GAZMAP_TEXT_LANG_H
#define GAZMAP_TEXT_LANG_H

#include <stddef.h>

typedef struct gz_lang {
  const char *code; /* BCP 47 primary subtag, as in the gazetteer's names */
  const char *name; /* English name, used in match explanations */
  /* Words after a name that make it part of an organisation's name
   * ("Minsk Group", "Ankara Üniversitesi"), or of an agreement's ("Bishkek
   * Protocol"). */
  const char *const *org_heads;
  const char *const *agreement_heads;
  /* Words next to a name that say it is a district ("Aghdam region") or a
   * settlement ("Shusha city"); resolve.c uses them between homonyms. */
  const char *const *district_cues;
  const char *const *settlement_cues;
  /* Words next to a name that say it is a river ("the Hakari river", "Tərtər
   * çayı", "река Тертер"): a bare name shared by a river and a settlement
   * is the settlement, with one of these the river. */
  const char *const *river_cues;
  /* Titles before a person's name ("Mr", "Sayın"). */
  const char *const *titles;
  /* Capitalised words that often stand right before a place name without
   * being a given name (function words, months, directions). */
  const char *const *not_given_names;
  /* Common words and given names of the language that are also names of
   * places of the region ("Zar", "Kamo"): such a name is a mention only
   * with evidence (a place word next to it, its district named, a place
   * named nearby: scan/resolve.c). */
  const char *const *weak_names;
  /* Words that mark the word or two next to them as a place even when the
   * gazetteer lacks it (an unresolved mention, gazmap_scan_opts.unresolved):
   * after it, besides the district and settlement cues ("the X river", "X
   * çayı", "X գյուղ"), and right before it ("село X", "в селе X"; English
   * "the village of X" is a settlement cue and "of"). */
  const char *const *place_cues;
  const char *const *place_cues_before;
  /* Family-name endings (folded): a capitalised word ending so right after
   * a place word makes that word a given name ("Ararat Mirzoyan"). */
  const char *const *surname_endings;
  /* Endings of adjectives of nationality (folded, "ian", "ish"): a word
   * ending so is no given name. */
  const char *const *demonym_endings;
  /* Words that say what kind of place a name is rather than which place
   * (folded): "Aghdam District" also answers to "Aghdam" in lookup. */
  const char *const *generic_words;
  /* Case suffixes written straight after a name (folded, longest match
   * first): "Qarabağda".  A match through one is kept only for names in
   * this language or in a language whose suffixes_of names this one. */
  const char *const *case_suffixes;
  const char *suffixes_of; /* code of the language whose case_suffixes this one shares */
  /* 1: a name followed by a bare "s" is a possessive whose apostrophe PDF
   * extraction lost ("Azerbaijans belief"); kept only for names in this
   * language. */
  int possessive_s;
  /* Cyrillic stemming (lower case): the nominative endings names are listed
   * with, the case endings of running text (longest first) and the endings
   * of adjectives made from place names ("-ский"). */
  const char *const *nominative_endings;
  const char *const *case_endings;
  const char *const *adjective_endings;
  /* Inflections of a script with no other stemming here (Armenian), as
   * written in that script, longest first: stripped from the last word of
   * a name in running text ("Շուշիում" -> "Շուշի"); a match through one is
   * kept only for names in this language. */
  const char *const *script_endings;
  /* Words for a road, in their usual spelling and the case forms running
   * text uses: next to a road designation ("the R13 road", "трасса М-2",
   * "the R13 and H37 roads") they are the evidence that the code names a
   * road (scan/resolve.c), without a place named near it. */
  const char *const *road_cues;
} gz_lang;

/* The registered languages, in registry order: for (i = 0; i <
 * gz_lang_count(); i++) gz_lang_at(i)->code ... */
size_t gz_lang_count(void);
const gz_lang *gz_lang_at(size_t i);

/* The language with primary subtag `code` ("az", or "hy-Latn" for hy), or
 * NULL. */
const gz_lang *gz_lang_find(const char *code);

#endif
