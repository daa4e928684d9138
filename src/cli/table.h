/* Table cells padded by display columns, not bytes, for every command that
 * prints aligned columns (near, lookup --all, find --table) and for the
 * option lists of --help. */
#ifndef GAZMAP_CLI_TABLE_H
#define GAZMAP_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

/* The terminal columns the `n` bytes of UTF-8 text at `s` take: East Asian
 * wide and fullwidth characters take two, combining marks and format
 * characters none, others one (by ICU's character properties). */
size_t cli_text_width(const char *s, size_t n);

/* Prints `s` and then spaces up to `width` columns (none when it is wider).
 * When `cut` is set, prints at most `width` columns of it.  Control
 * characters print as spaces and invalid UTF-8 as U+FFFD, so a row stays
 * one line. */
void cli_print_cell(FILE *to, const char *s, size_t width, int cut);

#endif
