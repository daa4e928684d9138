/* The language registry (text/lang.h).  Adding a language: write
 * src/text/lang/<code>.c with one `const gz_lang gz_lang_<code>` and add
 * one GZ_LANG(<code>) line to text/lang_list.h (see doc/find.md). */
#include "text/lang.h"

#include <string.h>

#define GZ_LANG(code) extern const gz_lang gz_lang_##code;
#include "text/lang_list.h"
#undef GZ_LANG

static const gz_lang *const registry[] = {
#define GZ_LANG(code) &gz_lang_##code,
#include "text/lang_list.h"
#undef GZ_LANG
};

size_t gz_lang_count(void) {
  return sizeof registry / sizeof registry[0];
}

const gz_lang *gz_lang_at(size_t i) {
  return i < gz_lang_count() ? registry[i] : NULL;
}

static int gz_lang_index(const char *code) {
  size_t i, n = strcspn(code, "-_");
  for (i = 0; i < gz_lang_count(); i++) {
    if (strlen(registry[i]->code) == n && !memcmp(registry[i]->code, code, n)) {
      return (int)i;
    }
  }
  return -1;
}

const gz_lang *gz_lang_find(const char *code) {
  int i = gz_lang_index(code);
  return i < 0 ? NULL : registry[i];
}
