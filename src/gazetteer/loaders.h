/* Private: the gazetteer file formats, as a table.  Each format is one
 * loader in its own file (load_tsv.c, load_geonames.c) and one line in
 * loaders.c; gazetteer.c reads files and hands them to the loader whose sniff
 * accepts them, and knows no format itself. */
#ifndef GAZMAP_GAZETTEER_LOADERS_H
#define GAZMAP_GAZETTEER_LOADERS_H

#include "gazetteer/gazetteer_internal.h"

#include <stddef.h>

typedef struct gz_loader {
  const char *name;   /* "tsv", "geonames" */
  const char *expect; /* what its files look like, for "not a gazetteer" */
  size_t max_file;    /* files larger than this are refused */
  /* Whether the first line that is not blank or a comment (`n` bytes, not
   * NUL-terminated, without its line end) starts a file of this format. */
  int (*sniff)(const char *line, size_t n);
  /* Parses `buf` (len bytes, NUL-terminated, modified in place) into `g`;
   * problems go through `pr` (gazetteer_internal.h). */
  int (*parse)(gazmap_gazetteer *g, char *buf, size_t len, gz_problems *pr);
  /* A binary format is told by its first bytes (magic, magic_len) before
   * the file is read, and opens and checks the file itself, without
   * reading it whole (NULL for text formats). */
  const char *magic;
  size_t magic_len;
  int (*open)(gazmap_gazetteer **out, const char *path);
  int (*check)(const char *path, gazmap_problem_fn report, void *ud);
} gz_loader;

extern const gz_loader gz_loader_tsv;      /* load_tsv.c */
extern const gz_loader gz_loader_geonames; /* load_geonames.c */
extern const gz_loader gz_loader_index;    /* load_index.c */

/* The loader of that name, or NULL. */
const gz_loader *gz_loader_by_name(const char *name);

/* The loader whose sniff accepts the first significant line of `buf`
 * (a UTF-8 byte-order mark is skipped), or NULL; *line gets that line's
 * number (0 for a file of comments only). */
const gz_loader *gz_loader_sniff(const char *buf, size_t len, unsigned long *line);

/* The binary loader whose magic starts `head` (n bytes), or NULL. */
const gz_loader *gz_loader_by_magic(const unsigned char *head, size_t n);

/* The binary loader of file `path` by its first bytes, or NULL (also when
 * it cannot be read: the text path then says why). */
const gz_loader *gz_loader_of_file(const char *path);

/* The largest max_file of all loaders: how much to read before sniffing. */
size_t gz_loader_max_file(void);

/* Writes "X or Y", every loader's `expect`, into `buf` (at most `cap` bytes,
 * NUL-terminated), for messages. */
void gz_loader_expected(char *buf, size_t cap);

#endif
