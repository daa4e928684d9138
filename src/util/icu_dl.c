/* ICU through dlopen(): the ICU functions gazmap calls, defined here under
 * ICU's own (version-suffixed) names, each passing the call on to the ICU
 * that the first call loads.
 *
 * Since the folding table is built at build time (tools/gen_fold_table.c),
 * a lookup calls no ICU function at all, yet linking ICU made every start
 * map libicuuc, libicui18n, libicudata and libstdc++ and process their
 * 2,500 relocations: 3.0 M of the 3.3 M instructions the dynamic loader
 * spent on `gazmap lookup`, and four of its eight libraries
 * (doc/startup.md).  So nothing links ICU but the generator of that table;
 * src/text/ and the CLI's table.c call it as before, and these definitions
 * take the calls.  They stay inside gazmap: libgazmap.so's version script
 * keeps them local and the tool does not export them
 * (src/cli/module.dynlist), so a process that loads ICU for itself keeps
 * calling its own.
 *
 * When ICU cannot be loaded, the transliterator calls fail with
 * U_MISSING_RESOURCE_ERROR (which gazmap reports as an error, naming the
 * library), and the character properties answer for ASCII alone: a
 * degraded but defined result, as these functions have no error channel. */
#define _GNU_SOURCE
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#ifndef GAZMAP_ICUUC_SONAME
#define GAZMAP_ICUUC_SONAME "libicuuc.so"
#endif
#ifndef GAZMAP_ICUI18N_SONAME
#define GAZMAP_ICUI18N_SONAME "libicui18n.so"
#endif

/* Every ICU function gazmap calls, by its name in the headers, and the
 * library (0: icuuc, 1: icui18n) that has it. */
#define ICU_FUNCTIONS(X)                                                                           \
  X(u_charType, 0)                                                                                 \
  X(u_isalnum, 0)                                                                                  \
  X(u_isalpha, 0)                                                                                  \
  X(u_isupper, 0)                                                                                  \
  X(u_islower, 0)                                                                                  \
  X(u_istitle, 0)                                                                                  \
  X(u_isUWhiteSpace, 0)                                                                            \
  X(u_tolower, 0)                                                                                  \
  X(u_getIntPropertyValue, 0)                                                                      \
  X(uscript_getScript, 0)                                                                          \
  X(u_charsToUChars, 0)                                                                            \
  X(u_errorName, 0)                                                                                \
  X(utrans_openU, 1)                                                                               \
  X(utrans_close, 1)                                                                               \
  X(utrans_transUChars, 1)

/* The table: one pointer per function, of its type in the headers. */
#define SLOT(fn, lib) __typeof__(&fn) fn;
typedef struct icu_api {
  ICU_FUNCTIONS(SLOT)
} icu_api;

/* The symbol a name stands for: the headers rename u_charType to
 * u_charType_72 (the version suffix), and dlsym() needs the latter. */
#define SYMBOL_OF(fn) #fn
#define SYMBOL(fn) SYMBOL_OF(fn)
#define ENTRY(fn, lib) {SYMBOL(fn), offsetof(icu_api, fn), lib},
static const struct {
  const char *symbol;
  size_t offset;
  int lib;
} slots[] = {ICU_FUNCTIONS(ENTRY)};

/* Loaded at most once per process, never closed; written only inside
 * pthread_once and read-only after, like PROJ's table (proj_dl.c). */
static pthread_once_t once = PTHREAD_ONCE_INIT;
static icu_api api;
static int loaded;
static char failure[512];

static void load_once(void) {
  static const char *const sonames[] = {GAZMAP_ICUUC_SONAME, GAZMAP_ICUI18N_SONAME};
  void *h[2] = {NULL, NULL};
  size_t i;
  for (i = 0; i < 2; i++) {
    /* RTLD_LAZY, as for PROJ: ICU's own calls are bound as they are made. */
    if (!(h[i] = dlopen(sonames[i], RTLD_LAZY | RTLD_LOCAL))) {
      const char *why = dlerror();
      snprintf(failure, sizeof failure, "cannot load ICU (%s): %s", sonames[i],
               why ? why : "unknown reason");
      return;
    }
  }
  for (i = 0; i < sizeof slots / sizeof *slots; i++) {
    void *sym = dlsym(h[slots[i].lib], slots[i].symbol);
    void (*fn)(void);
    if (!sym) {
      snprintf(failure, sizeof failure, "cannot load ICU (%s): it has no %s", sonames[slots[i].lib],
               slots[i].symbol);
      memset(&api, 0, sizeof api);
      return;
    }
    /* POSIX guarantees that dlsym()'s object pointer converts to a function
     * pointer; memcpy says so without ISO C's warning. */
    memcpy(&fn, &sym, sizeof fn);
    memcpy((char *)&api + slots[i].offset, &fn, sizeof fn);
  }
  loaded = 1;
}

/* The table once loaded (published after load_once has filled it). */
static const icu_api *_Atomic ready;

/* The table, or NULL when ICU cannot be loaded.  `find` calls the
 * character properties once per character of a text, so the path once
 * loaded is one atomic load and a branch, inline. */
static const icu_api *icu_slow(void) {
  pthread_once(&once, load_once);
  if (loaded) {
    atomic_store_explicit(&ready, &api, memory_order_release);
    return &api;
  }
  return NULL;
}

static inline const icu_api *icu(void) {
  const icu_api *a = atomic_load_explicit(&ready, memory_order_acquire);
  return a ? a : icu_slow();
}

/* ---- the character properties; ASCII answers without ICU ---- */

static int ascii_upper(UChar32 c) {
  return c >= 'A' && c <= 'Z';
}

static int ascii_lower(UChar32 c) {
  return c >= 'a' && c <= 'z';
}

static int ascii_digit(UChar32 c) {
  return c >= '0' && c <= '9';
}

U_CAPI int8_t U_EXPORT2 u_charType(UChar32 c) {
  const icu_api *a = icu();
  if (a) {
    return a->u_charType(c);
  }
  if (ascii_upper(c)) {
    return U_UPPERCASE_LETTER;
  }
  if (ascii_lower(c)) {
    return U_LOWERCASE_LETTER;
  }
  if (ascii_digit(c)) {
    return U_DECIMAL_DIGIT_NUMBER;
  }
  if (c == ' ') {
    return U_SPACE_SEPARATOR;
  }
  if ((c >= 0 && c < 0x20) || c == 0x7f) {
    return U_CONTROL_CHAR;
  }
  return c < 0x80 ? U_OTHER_PUNCTUATION : U_UNASSIGNED;
}

U_CAPI UBool U_EXPORT2 u_isalnum(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_isalnum(c) : ascii_upper(c) || ascii_lower(c) || ascii_digit(c);
}

U_CAPI UBool U_EXPORT2 u_isalpha(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_isalpha(c) : ascii_upper(c) || ascii_lower(c);
}

U_CAPI UBool U_EXPORT2 u_isupper(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_isupper(c) : ascii_upper(c);
}

U_CAPI UBool U_EXPORT2 u_islower(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_islower(c) : ascii_lower(c);
}

U_CAPI UBool U_EXPORT2 u_istitle(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_istitle(c) : 0;
}

U_CAPI UBool U_EXPORT2 u_isUWhiteSpace(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_isUWhiteSpace(c) : c == ' ' || (c >= 0x09 && c <= 0x0d);
}

U_CAPI UChar32 U_EXPORT2 u_tolower(UChar32 c) {
  const icu_api *a = icu();
  return a ? a->u_tolower(c) : ascii_upper(c) ? c + ('a' - 'A') : c;
}

U_CAPI int32_t U_EXPORT2 u_getIntPropertyValue(UChar32 c, UProperty which) {
  const icu_api *a = icu();
  return a ? a->u_getIntPropertyValue(c, which) : 0;
}

U_CAPI UScriptCode U_EXPORT2 uscript_getScript(UChar32 c, UErrorCode *err) {
  const icu_api *a = icu();
  if (a) {
    return a->uscript_getScript(c, err);
  }
  return ascii_upper(c) || ascii_lower(c) ? USCRIPT_LATIN : USCRIPT_COMMON;
}

/* ---- strings and transliterators; errors without ICU ---- */

U_CAPI void U_EXPORT2 u_charsToUChars(const char *cs, UChar *us, int32_t length) {
  const icu_api *a = icu();
  int32_t i;
  if (a) {
    a->u_charsToUChars(cs, us, length);
    return;
  }
  /* The invariant characters are ASCII, which is all gazmap passes. */
  for (i = 0; i < length; i++) {
    us[i] = (UChar)(unsigned char)cs[i];
  }
}

U_CAPI const char *U_EXPORT2 u_errorName(UErrorCode code) {
  const icu_api *a = icu();
  return a ? a->u_errorName(code) : failure;
}

U_CAPI UTransliterator *U_EXPORT2 utrans_openU(const UChar *id, int32_t idLength,
                                               UTransDirection dir, const UChar *rules,
                                               int32_t rulesLength, UParseError *parseError,
                                               UErrorCode *pErrorCode) {
  const icu_api *a = icu();
  if (a) {
    return a->utrans_openU(id, idLength, dir, rules, rulesLength, parseError, pErrorCode);
  }
  *pErrorCode = U_MISSING_RESOURCE_ERROR;
  return NULL;
}

U_CAPI void U_EXPORT2 utrans_close(UTransliterator *trans) {
  const icu_api *a = icu();
  if (a && trans) {
    a->utrans_close(trans);
  }
}

U_CAPI void U_EXPORT2 utrans_transUChars(const UTransliterator *trans, UChar *text,
                                         int32_t *textLength, int32_t textCapacity, int32_t start,
                                         int32_t *limit, UErrorCode *status) {
  const icu_api *a = icu();
  if (a) {
    a->utrans_transUChars(trans, text, textLength, textCapacity, start, limit, status);
    return;
  }
  *status = U_MISSING_RESOURCE_ERROR;
}
