/* The tokenizer: bytes -> code points (UTF-8, invalid bytes become
 * separators) -> tokens.  A token is a word of the scripts gazmap knows
 * (text/words.h classes its characters) with the separator before it, and
 * flags the matcher and the cues read: capitalisation, scripts, inside a
 * URL or an e-mail address, an apostrophe suffix after it ("Şuşa'da",
 * "Iran's").  PDF noise (control and format characters, letters of
 * unrelated scripts, broken apostrophes) is dropped or becomes a separator,
 * and a word hyphenated at a line end is joined again.  Each finished word
 * joins the scanner's token ring; when the ring is full the matcher
 * (scan.c) catches up. */
#include "scan/scan_internal.h"

#include "util/utf8.h"

#include <string.h>

void gz_tokenizer_reset(gazmap_scanner *s) {
  s->ncarry = 0;
  s->in_tok = s->in_suffix = s->apos_pending = 0;
  s->sep_nl = s->sep_hyphen = s->sep_punct = s->sep_dot = s->sep_hyphen_nl = 0;
  s->sepraw_len = 0;
  s->sep_overflow = 0;
  s->seq = 0;
  s->blob = 0;
  s->in_blob = 0;
  s->url_blob = 0;
  s->url_continues = 0;
  s->blob_ntok = 0;
  s->at_pending = 0;
  s->cnt_pos = s->cnt_chars = s->cnt_u16 = 0;
  s->chunk = NULL;
  s->chunk_base = 0;
  s->chunk_len = 0;
}

/* A code point starts at every byte that is not a continuation byte (an
 * invalid continuation byte is counted where it is read, invalid_byte), and
 * one of four bytes is two UTF-16 units. */
uint64_t gz_count_to(gazmap_scanner *s, uint64_t off, uint64_t *u16) {
  if (off > s->cnt_pos && s->chunk && off <= s->chunk_base + s->chunk_len &&
      s->cnt_pos >= s->chunk_base) {
    const unsigned char *b = s->chunk + (s->cnt_pos - s->chunk_base);
    const unsigned char *e = s->chunk + (off - s->chunk_base);
    uint64_t c = (uint64_t)(e - b), four = 0;
    /* Eight bytes at a time: bit 0 of each byte of `cont` is set for a
     * continuation byte (10xxxxxx), of `lead4` for a lead byte of four
     * (11110xxx and above). */
    for (; e - b >= 8; b += 8) {
      uint64_t w, cont, lead4;
      memcpy(&w, b, 8);
      cont = (w >> 7) & ~(w >> 6) & 0x0101010101010101ull;
      lead4 = (w >> 7) & (w >> 6) & (w >> 5) & (w >> 4) & 0x0101010101010101ull;
      c -= (cont * 0x0101010101010101ull) >> 56;
      four += (lead4 * 0x0101010101010101ull) >> 56;
    }
    for (; b < e; b++) {
      c -= (*b & 0xC0) == 0x80;
      four += *b >= 0xF0;
    }
    s->cnt_chars += c;
    s->cnt_u16 += c + four;
    s->cnt_pos = off;
  }
  *u16 = s->cnt_u16;
  return s->cnt_chars;
}

/* Counts `chars` code points (each one UTF-16 unit) in the `n` bytes at
 * `off` that the tokenizer's fast paths just read, when the counting
 * cursor is right there: what gz_count_to would count, without reading the
 * bytes again. */
static inline void count_ahead(gazmap_scanner *s, uint64_t off, size_t n, size_t chars) {
  if (s->cnt_pos == off) {
    s->cnt_pos = off + n;
    s->cnt_chars += chars;
    s->cnt_u16 += chars;
  }
}

/* The same for one valid code point of n bytes that step() has read (a
 * four-byte one is two UTF-16 units).  After step(): its start_token
 * counts up to the code point, not past it. */
static inline void count_cp(gazmap_scanner *s, uint64_t off, size_t n) {
  if (s->cnt_pos == off) {
    s->cnt_pos = off + n;
    s->cnt_chars++;
    s->cnt_u16 += n == 4 ? 2u : 1u;
  }
}

static void sep_reset(gazmap_scanner *s) {
  s->sep_nl = s->sep_hyphen = s->sep_punct = s->sep_dot = s->sep_hyphen_nl = 0;
  s->sepraw_len = 0;
  s->sep_overflow = 0;
}

static void sep_add(gazmap_scanner *s, const unsigned char *b, size_t n) {
  if (s->sepraw_len + n <= SEP_RAW) {
    size_t k;
    for (k = 0; k < n; k++) { /* one or a few bytes: no call to memcpy */
      /* A NUL separates like a space and is kept as one, so that it never
       * reaches the surface of a name of several words. */
      s->sepraw[s->sepraw_len + k] = b[k] ? (char)b[k] : ' ';
    }
    s->sepraw_len += n;
  } else {
    s->sep_overflow = 1;
  }
}

static int sep_class(const gazmap_scanner *s) {
  if (s->seq == 0) {
    return SEP_START;
  }
  if (s->sep_nl >= 2) {
    return SEP_PARA;
  }
  if (s->sep_punct || s->sep_overflow || s->sep_hyphen > 1) {
    return SEP_PUNCT;
  }
  if (s->sep_dot) {
    return s->sep_dot == 1 && !s->sep_nl && !s->sep_hyphen ? SEP_DOT : SEP_PUNCT;
  }
  if (s->sep_hyphen) {
    return s->sep_hyphen_nl ? SEP_HYPHEN_NL : SEP_HYPHEN;
  }
  return s->sep_nl ? SEP_NEWLINE : SEP_SPACE;
}

/* The word being read lives in the ring slot after the last queued one, so
 * that queuing it copies nothing. */
static tok *cur(gazmap_scanner *s) {
  return &s->q[s->qtail % QCAP];
}

static void mark_url_blob(gazmap_scanner *s) {
  uint64_t k;
  if (s->url_blob == s->blob + 1) {
    return;
  }
  s->url_blob = s->blob + 1;
  s->st.skipped_urls++;
  /* Once the blob held BLOB_HOLD words its first words may have been matched
   * (when depends on the input's chunks): only words from here on are the
   * URL's, the same however the input arrived. */
  for (k = s->blob_ntok < BLOB_HOLD ? s->qproc : s->qtail; k < s->qtail; k++) {
    tok *t = qat(s, k);
    if (t->blob == s->blob) {
      t->flags |= F_URL;
    }
  }
  if (s->in_tok) {
    cur(s)->flags |= F_URL;
  }
}

/* A word ends: it joins the queue (or, after a hyphen at a line end and
 * starting in lower case, it is the rest of the previous word). */
int gz_end_token(gazmap_scanner *s, gazmap_mention_fn fn, void *ud) {
  tok *c = cur(s);
  s->in_tok = 0;
  c->cend = gz_count_to(s, c->off + c->len, &c->uend);
  if (c->sep == SEP_HYPHEN_NL && (c->flags & F_LOWER0) && s->qtail > s->qproc) {
    tok *prev = qat(s, s->qtail - 1);
    size_t pl, cl;
    const char *cletters = tok_letters(c, &cl);
    tok_letters(prev, &pl);
    if (prev->suffix == 0 && !(prev->flags & F_URL) &&
        prev->rawlen + c->seplen + c->rawlen <= TOK_RAW && pl + cl <= TOK_RAW) {
      /* The joined word's letters differ from its bytes (the hyphen and the
       * line break sit between them): keep them apart in let. */
      if (!(prev->flags & F_IGN)) {
        memcpy(prev->let, prev->raw, prev->rawlen);
        prev->letlen = prev->rawlen;
        prev->flags |= F_IGN;
      }
      memcpy(prev->let + prev->letlen, cletters, cl);
      prev->letlen = (uint16_t)(prev->letlen + cl);
      memcpy(prev->raw + prev->rawlen, c->sepraw, c->seplen);
      memcpy(prev->raw + prev->rawlen + c->seplen, c->raw, c->rawlen);
      prev->rawlen = (uint16_t)(prev->rawlen + c->seplen + c->rawlen);
      prev->len = (uint32_t)(c->off + c->len - prev->off);
      prev->cend = c->cend;
      prev->uend = c->uend;
      prev->flags = (uint16_t)((prev->flags & ~(F_KEYED | F_SKELD | F_VARD | F_ALLCAPS)) |
                               (c->flags & (F_CYR | F_LONG | F_DIGIT)));
      if (!(c->flags & F_ASCII)) {
        prev->flags &= (uint16_t)~F_ASCII;
      }
      return 0;
    }
  }
  if (s->url_blob == c->blob + 1) {
    c->flags |= F_URL;
  }
  if (c->blob == s->blob) {
    s->blob_ntok++;
  }
  s->qtail++;
  s->st.tokens++;
  if (s->qtail - s->qhead >= QCAP - 1) {
    /* The ring is full only when the matcher is behind: let it catch up. */
    return gz_run_matcher(s, 0, fn, ud);
  }
  return 0;
}

static inline void start_token(gazmap_scanner *s, uint64_t off) {
  tok *c = cur(s);
  c->off = off;
  c->coff = gz_count_to(s, off, &c->uoff);
  c->sep = (uint8_t)sep_class(s); /* before seq moves: the first word has SEP_START */
  c->seq = s->seq++;
  c->blob = s->blob;
  c->len = 0;
  c->suffix = 0;
  c->rawlen = c->letlen = c->keylen = c->skellen = 0;
  c->nvar = 0;
  c->flags = F_ASCII | F_ALLCAPS;
  c->seplen = (uint8_t)s->sepraw_len;
  /* The whole array, in one fixed-size copy: cheaper than a call that
   * copies only the bytes used (the rest is never read). */
  memcpy(c->sepraw, s->sepraw, SEP_RAW);
  sep_reset(s);
  s->in_tok = 1;
}

/* Copies the n bytes at src to dst, where dst has dst_room bytes and src
 * src_room readable ones: a word's piece is most often under 16 bytes, and
 * one fixed-size copy of 16 (the bytes past n are never read) costs less
 * than a call to copy n. */
static inline void copy_short(char *dst, size_t dst_room, const unsigned char *src, size_t src_room,
                              size_t n) {
  if (n <= 16 && dst_room >= 16 && src_room >= 16) {
    memcpy(dst, src, 16);
  } else if (n <= 4) {
    for (size_t k = 0; k < n; k++) {
      dst[k] = (char)src[k];
    }
  } else {
    memcpy(dst, src, n);
  }
}

/* Adds the n bytes at b (of which `room` are readable) to the word being
 * read; `letter`: they are a letter, else a dropped character. */
static inline void tok_add(gazmap_scanner *s, const unsigned char *b, size_t n, size_t room,
                           int letter, uint64_t off) {
  tok *c = cur(s);
  if (!letter && !(c->flags & F_IGN)) {
    /* The first dropped character: from now on the letters are kept apart. */
    memcpy(c->let, c->raw, c->rawlen);
    c->letlen = c->rawlen;
    c->flags |= F_IGN;
  }
  if (c->rawlen + n <= TOK_RAW) {
    copy_short(c->raw + c->rawlen, TOK_RAW - c->rawlen, b, room, n);
    c->rawlen = (uint16_t)(c->rawlen + n);
  } else {
    c->flags |= F_LONG;
  }
  if (letter && (c->flags & F_IGN)) {
    if (c->letlen + n <= TOK_RAW) {
      copy_short(c->let + c->letlen, TOK_RAW - c->letlen, b, room, n);
      c->letlen = (uint16_t)(c->letlen + n);
    } else {
      c->flags |= F_LONG;
    }
  }
  c->len = (uint32_t)(off + n - c->off);
}

/* A whitespace-delimited blob starts (its first character is not read
 * yet): a URL that ended at a line end with - or / goes on in it. */
static inline void blob_open(gazmap_scanner *s) {
  s->in_blob = 1;
  s->blob_chars = 0;
  s->blob_last = 0;
  s->last3[0] = s->last3[1] = s->last3[2] = 0;
  if (s->url_continues == 2) {
    mark_url_blob(s);
  }
  s->url_continues = 0;
}

/* One code point (or one invalid byte, cls C_NOISE) at absolute offset `off`. */
static inline int step(gazmap_scanner *s, const unsigned char *b, size_t n, uint32_t cp, int valid,
                       uint64_t off, gazmap_mention_fn fn, void *ud) {
  int up = 0, lo = 0, cy = 0, rc = 0;
  enum gz_cls c = valid ? gz_classify(&s->cls, cp, &up, &lo, &cy) : C_NOISE;

  /* URL and e-mail detection on whitespace-delimited blobs. */
  if (c == C_SPACE || c == C_NEWLINE) {
    if (s->in_blob) {
      int cont =
          s->url_blob == s->blob + 1 && s->blob_last && strchr("-/_=&?%.", s->blob_last) != NULL;
      s->url_continues = cont;
      s->in_blob = 0;
      s->blob++;
      s->blob_ntok = 0;
    }
    if (c == C_NEWLINE && s->url_continues) {
      /* 1: the URL ended with - or /; 2: and then the line ended; a blank
       * line ends any URL. */
      s->url_continues = s->url_continues == 1 ? 2 : 0;
    }
    s->at_pending = 0;
  } else {
    if (!s->in_blob) {
      blob_open(s);
    }
    if (s->at_pending && (c == C_LETTER || c == C_DIGIT)) {
      mark_url_blob(s);
    }
    s->at_pending = c == C_AT;
    if (cp < 0x80 && valid) {
      char ch = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
      if (ch == '.' && s->blob_chars == 3 && s->in_tok && cur(s)->rawlen == 3 &&
          (cur(s)->raw[0] | 0x20) == 'w' && (cur(s)->raw[1] | 0x20) == 'w' &&
          (cur(s)->raw[2] | 0x20) == 'w') {
        mark_url_blob(s); /* www. */
      }
      if (s->last3[1] == ':' && s->last3[2] == '/' && ch == '/') {
        mark_url_blob(s);
      }
      s->last3[0] = s->last3[1];
      s->last3[1] = s->last3[2];
      s->last3[2] = ch;
      s->blob_last = ch;
    } else {
      s->blob_last = 0;
    }
    s->blob_chars++;
  }

  /* After an apostrophe that followed a word: lower-case letters are a
   * suffix of that word (Karabağ'da, Iran's); anything else means the
   * apostrophe was punctuation. */
  if (s->apos_pending) {
    s->apos_pending = 0;
    if (c == C_LETTER && !up && s->qtail > s->qproc && !s->in_tok) {
      tok *prev = qat(s, s->qtail - 1);
      prev->suffix = s->apos_len + (uint32_t)n;
      s->in_suffix = 1;
      return 0;
    }
    s->sep_punct = 1;
  }
  if (s->in_suffix) {
    if (c == C_LETTER || c == C_IGNORE) {
      qat(s, s->qtail - 1)->suffix += (uint32_t)n;
      return 0;
    }
    s->in_suffix = 0;
  }

  switch (c) {
  case C_LETTER:
  case C_DIGIT:
    if (!s->in_tok) {
      start_token(s, off);
      if (lo) {
        cur(s)->flags |= F_LOWER0;
      } else {
        cur(s)->flags |= F_CAP;
      }
      if (s->url_blob == s->blob + 1) {
        cur(s)->flags |= F_URL;
      }
    }
    if (lo) {
      cur(s)->flags &= (uint16_t)~F_ALLCAPS;
    }
    if (cy) {
      cur(s)->flags |= F_CYR;
    }
    if (c == C_DIGIT) {
      cur(s)->flags |= F_DIGIT;
    }
    if (cp >= 0x80) {
      cur(s)->flags &= (uint16_t)~F_ASCII;
    }
    if (c == C_LETTER && gz_is_latin_cp(cp)) {
      cur(s)->flags |= F_LATIN;
    }
    tok_add(s, b, n, n, 1, off);
    return 0;
  case C_IGNORE:
  case C_CTRL:
    if (s->in_tok) {
      tok_add(s, b, n, n, 0, off);
      return 0;
    }
    sep_add(s, b, n);
    return 0;
  default:
    break;
  }
  if (s->in_tok) {
    rc = gz_end_token(s, fn, ud);
    if (rc) {
      return rc;
    }
    if (c == C_APOS) {
      s->apos_pending = 1;
      s->apos_len = (uint32_t)n;
      sep_add(s, b, n);
      return 0;
    }
  }
  switch (c) {
  case C_SPACE:
  case C_NOISE:
    break;
  case C_NEWLINE:
    s->sep_nl++;
    if (s->sep_hyphen) {
      s->sep_hyphen_nl = 1;
    }
    break;
  case C_HYPHEN:
    s->sep_hyphen++;
    break;
  case C_DOT:
    s->sep_dot++;
    break;
  case C_APOS:
    /* a stray apostrophe between words (PDF noise) is no punctuation */
    break;
  default:
    s->sep_punct = 1;
    break;
  }
  sep_add(s, b, n);
  return 0;
}

static int invalid_byte(gazmap_scanner *s, const unsigned char *b, uint64_t off,
                        gazmap_mention_fn fn, void *ud) {
  int rc;
  if (s->st.invalid_utf8++ == 0) {
    s->st.first_invalid = off;
  }
  /* The byte separates words: the word it ends is counted (by step) before
   * the byte itself is, or the word's length would take it in. */
  rc = step(s, b, 1, 0xFFFD, 0, off, fn, ud);
  if ((*b & 0xC0) == 0x80) {
    /* Every invalid byte is one character (a U+FFFD), the stray
     * continuation bytes that gz_count_to skips too. */
    gz_count_to(s, off, &(uint64_t){0});
    s->cnt_chars++;
    s->cnt_u16++;
  } else if (*b >= 0xF0) {
    /* A lead byte of four with no sequence after it: one unit, not two. */
    gz_count_to(s, off + 1, &(uint64_t){0});
    s->cnt_u16--;
  }
  return rc;
}

/* The common cases (ASCII letters and spaces, two-byte letters inside a
 * word) are decoded inline; everything else goes through the library's
 * streaming decoder (util/utf8.h) and step(). */
int gz_tokenize(gazmap_scanner *s, const unsigned char *b, size_t len, uint64_t base, int final,
                gazmap_mention_fn fn, void *ud, size_t *used) {
  size_t i = 0;
  int rc = 0;
  s->chunk = b;
  s->chunk_base = base;
  s->chunk_len = len;
  while (i < len) {
    unsigned char c = b[i];
    uint32_t cp;
    if (c < 0x80) {
      if (!s->in_suffix && !s->apos_pending && !s->at_pending &&
          ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        /* The common case, inline: ASCII letters of a word, also the first
         * of a blob (after a space no '@' is pending). */
        tok *t = cur(s);
        size_t j = i;
        if (!s->in_blob) {
          blob_open(s);
        }
        while (j < len && (((b[j] | 0x20) >= 'a' && (b[j] | 0x20) <= 'z'))) {
          j++;
        }
        if (!s->in_tok) {
          start_token(s, base + i);
          t->flags |= c >= 'a' ? F_LOWER0 : F_CAP;
          if (s->url_blob == s->blob + 1) {
            t->flags |= F_URL;
          }
        }
        if (t->rawlen + (j - i) <= TOK_RAW) {
          size_t k;
          copy_short(t->raw + t->rawlen, TOK_RAW - t->rawlen, b + i, len - i, j - i);
          t->rawlen = (uint16_t)(t->rawlen + (j - i));
          if (t->flags & F_IGN) {
            if (t->letlen + (j - i) <= TOK_RAW) {
              copy_short(t->let + t->letlen, TOK_RAW - t->letlen, b + i, len - i, j - i);
              t->letlen = (uint16_t)(t->letlen + (j - i));
            } else {
              t->flags |= F_LONG;
            }
          }
          for (k = i; k < j; k++) {
            if (b[k] >= 'a') {
              t->flags &= (uint16_t)~F_ALLCAPS;
              break;
            }
          }
          t->flags |= F_LATIN;
          t->len = (uint32_t)(base + j - t->off);
          count_ahead(s, base + i, j - i, j - i);
          s->blob_chars += (uint32_t)(j - i);
          s->blob_last = (char)(b[j - 1] | 0x20);
          s->last3[0] = s->last3[1] = s->last3[2] = 0;
          i = j;
          continue;
        }
      }
      if (c == ' ' && !s->apos_pending && !s->in_suffix) {
        /* The other common case, inline: a space after a word or a space. */
        if (s->in_blob) {
          s->url_continues = s->url_blob == s->blob + 1 && s->blob_last &&
                             strchr("-/_=&?%.", s->blob_last) != NULL;
          s->in_blob = 0;
          s->blob++;
          s->blob_ntok = 0;
        }
        s->at_pending = 0;
        if (s->in_tok && (rc = gz_end_token(s, fn, ud)) != 0) {
          break;
        }
        sep_add(s, b + i, 1);
        count_ahead(s, base + i, 1, 1);
        i++;
        continue;
      }
      rc = step(s, b + i, 1, c, 1, base + i, fn, ud);
      count_cp(s, base + i, 1);
      i++;
    } else if (c >= 0xC2 && c <= 0xDF && i + 1 < len && (b[i + 1] & 0xC0) == 0x80 &&
               !s->in_suffix && !s->apos_pending && !s->at_pending) {
      /* Two-byte letters (Turkish, Azerbaijani, Cyrillic, Armenian), inline:
       * inside a word, or starting one (as step() would). */
      uint32_t cp2 = ((uint32_t)(c & 0x1F) << 6) | (b[i + 1] & 0x3F);
      int up, lo, cy;
      if (gz_classify(&s->cls, cp2, &up, &lo, &cy) == C_LETTER) {
        tok *t = cur(s);
        size_t j = i;
        unsigned fl = 0;
        int any_lower = 0;
        if (!s->in_tok) {
          if (!s->in_blob) {
            blob_open(s);
          }
          start_token(s, base + i);
          t->flags |= lo ? F_LOWER0 : F_CAP;
          if (s->url_blob == s->blob + 1) {
            t->flags |= F_URL;
          }
        }
        /* This letter and the two-byte letters right after it. */
        do {
          fl |= (cy ? F_CYR : 0u) | (gz_is_latin_cp(cp2) ? F_LATIN : 0u);
          any_lower |= lo;
          j += 2;
          s->blob_chars++;
          if (!(j + 1 < len && b[j] >= 0xC2 && b[j] <= 0xDF && (b[j + 1] & 0xC0) == 0x80)) {
            break;
          }
          cp2 = ((uint32_t)(b[j] & 0x1F) << 6) | (b[j + 1] & 0x3F);
        } while (gz_classify(&s->cls, cp2, &up, &lo, &cy) == C_LETTER);
        if (any_lower) {
          t->flags &= (uint16_t)~F_ALLCAPS;
        }
        t->flags = (uint16_t)((t->flags & ~F_ASCII) | fl);
        s->blob_last = 0;
        tok_add(s, b + i, j - i, len - i, 1, base + i);
        count_ahead(s, base + i, j - i, (j - i) / 2);
        i = j;
        continue;
      }
      rc = step(s, b + i, 2, cp2, 1, base + i, fn, ud);
      count_cp(s, base + i, 2);
      i += 2;
    } else {
      size_t m = 0;
      int st = gz_utf8_next(b + i, len - i, final, &cp, &m);
      if (st == GZ_UTF8_SHORT) {
        break; /* wait for the rest of the character */
      }
      if (st == GZ_UTF8_BAD) {
        rc = invalid_byte(s, b + i, base + i, fn, ud);
        i++;
      } else {
        rc = step(s, b + i, m, cp, 1, base + i, fn, ud);
        count_cp(s, base + i, m);
        i += m;
      }
    }
    if (rc) {
      break;
    }
  }
  if (rc == 0) {
    gz_count_to(s, base + i, &(uint64_t){0});
  }
  s->chunk = NULL;
  *used = i;
  return rc;
}
