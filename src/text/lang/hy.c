/* Armenian, as English text transliterates it.  Armenian inflection is not
 * handled yet; its case endings go here when it is. */
#include "text/lang.h"

#include <stddef.h>

static const char *const district_cues[] = {"marz", NULL};
/* After the name: village (also in its locative), river, pass. */
static const char *const place_cues[] = {"գյուղ", "գյուղում", "գյուղի", "գետ", "լեռնանցք", NULL};
static const char *const surname_endings[] = {"yan", NULL};
/* Armenian given names that are also names of villages or former names
 * of towns (Kamo for Gavar): a mention only with evidence. */
static const char *const weak_names[] = {"Vahan", "Zorak", "Kamo", "Masis", NULL};
static const char *const generic_words[] = {"marz", "lich", NULL};

const gz_lang gz_lang_hy = {
    .code = "hy",
    .name = "Armenian",
    .district_cues = district_cues,
    .place_cues = place_cues,
    .surname_endings = surname_endings,
    .generic_words = generic_words,
    .weak_names = weak_names,
};
