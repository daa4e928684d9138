/* Page-populated image memory (util/pages.h). */
#define _GNU_SOURCE
#include "util/pages.h"

#include <stdint.h>
#include <sys/mman.h>

/* Big images are backed by transparent huge pages where the kernel offers
 * them (2 MiB on x86-64 and arm64): the first write to every 4 KiB page of a
 * full-page image otherwise costs a fault, and on the development VM those
 * faults were 10 ms of a 170 ms render even with the pages mapped up front.
 * The mapping is aligned to and rounded up to that size. */
#define HUGE_PAGE ((size_t)2 << 20)

static size_t pages_span(size_t size) {
  return size >= HUGE_PAGE ? (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1) : size;
}

void *gz_pages_alloc(size_t size) {
  size_t span = pages_span(size), extra = span == size ? 0 : HUGE_PAGE, head;
  unsigned char *raw, *p;
  volatile unsigned char *touch;
  size_t i;

  if (size == 0 || span < size || span + extra < span) {
    return NULL;
  }
  raw = mmap(NULL, span + extra, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) {
    return NULL;
  }
  /* Keep the aligned `span` bytes and give back the rest. */
  head = extra ? (HUGE_PAGE - (uintptr_t)raw % HUGE_PAGE) % HUGE_PAGE : 0;
  p = raw + head;
  if (head > 0) {
    munmap(raw, head);
  }
  if (extra - head > 0) {
    munmap(p + span, extra - head);
  }
  if (extra) {
    /* Advice only: without huge pages the image works the same. */
    madvise(p, span, MADV_HUGEPAGE);
  }
  /* Map every page writable now, in one system call (Linux 5.14 and
   * later), or by touching each page. */
  if (madvise(p, span, MADV_POPULATE_WRITE) != 0) {
    touch = p;
    for (i = 0; i < span; i += 4096) {
      touch[i] = 0;
    }
  }
  return p;
}

void gz_pages_free(void *p, size_t size) {
  if (p) {
    munmap(p, pages_span(size));
  }
}

