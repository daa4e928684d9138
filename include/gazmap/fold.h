/* gazmap/fold.h - text folding: the keys names are matched by.
 *
 * Three keys, from strict to loose:
 *   folded    NFKC + case folding, diacritics removed, Turkish/Azerbaijani
 *             letters handled (İ I ı i -> i, ə -> e ...), Cyrillic and Armenian
 *             transliterated to Latin with ICU, punctuation collapsed to one
 *             space, apostrophes removed.  Cyrillic follows BGN/PCGN
 *             (х kh, ж zh, ц ts, ч ch, ш sh, щ shch, й y, ы y, е and ё e,
 *             ь and ъ dropped), Armenian BGN/PCGN (ու u, ղ gh, խ kh, ջ j,
 *             և ev, ռ r), other scripts ICU's Any-Latin.  "SHUSHA" and
 *             "Шуша" fold to "shusha", "Şuşa" to "susa".
 *   skeleton  the folded key with the usual romanization systems made to meet
 *             (kh/x/h, sh/s, ch/c, j/dj/c, gh/g, q/g/k, vowels ...), so that
 *             spellings nobody listed still match: "sugovushan" and
 *             "sukovusan" share a skeleton.
 * A gazmap_folder holds ICU state; it is not thread-safe: use one per thread. */
#ifndef GAZMAP_FOLD_H
#define GAZMAP_FOLD_H

#include "gazmap/export.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gazmap_folder gazmap_folder;

/* Creates a folder.  Returns 0 and sets *out, or a negative gazmap_status.
 * Free with gazmap_folder_free(). */
GAZMAP_EXTERN int gazmap_folder_new(gazmap_folder **out);
GAZMAP_EXTERN void gazmap_folder_free(gazmap_folder *f);

/* Folds `len` bytes of UTF-8 at `in` into `out` (capacity `cap`, always
 * NUL-terminated when cap > 0) and stores the key length in *outlen.
 * Returns GAZMAP_EUTF8 on invalid UTF-8 and GAZMAP_ERANGE when `cap` is too
 * small (a cap of 4*len+16 is always enough). */
GAZMAP_EXTERN int gazmap_fold(gazmap_folder *f, const char *in, size_t len, char *out, size_t cap,
                size_t *outlen);

/* Turns a folded key (ASCII) into its romanization skeleton; same buffer
 * contract as gazmap_fold(); a cap of len+1 is always enough. */
GAZMAP_EXTERN int gazmap_skeleton(const char *folded, size_t len, char *out, size_t cap, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
