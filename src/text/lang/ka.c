/* Georgian: only its family names matter so far ("Saakashvili",
 * "Shevardnadze" after a place word make it a given name). */
#include "text/lang.h"

#include <stddef.h>

static const char *const surname_endings[] = {"shvili", "dze", NULL};

const gz_lang gz_lang_ka = {
    .code = "ka",
    .name = "Georgian",
    .surname_endings = surname_endings,
};
