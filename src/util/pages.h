/* Private: image memory with its pages mapped up front. */
#ifndef GAZMAP_UTIL_PAGES_H
#define GAZMAP_UTIL_PAGES_H

#include <stddef.h>

/* Page-aligned, zeroed memory of `size` bytes with its pages mapped writable
 * up front (one system call instead of a page fault per 4 KiB as a full-page
 * image is first painted); from 2 MiB up, aligned to 2 MiB and backed by
 * transparent huge pages where the kernel allows.  Free with
 * gz_pages_free(p, size).  NULL when out of memory. */
void *gz_pages_alloc(size_t size);
void gz_pages_free(void *p, size_t size);

#endif
