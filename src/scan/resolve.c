/* Homonym resolution: which of the places sharing a name a mention means.
 *
 * Evidence, strongest first:
 *   1. a cue word next to the name ("Aghdam region" is the district, "the
 *      city of Nakhchivan" the city);
 *   2. the document itself: a place it names unambiguously elsewhere (before,
 *      or within the look-ahead) is the one meant ("one sense per text": after
 *      "the Kalbajar region", a bare "Kalbajar" is the district);
 *   3. geography: of two towns, the one nearest to the towns named around it
 *      (Martuni next to Shusha and Red Bazaar is Khojavend, not the Martuni
 *      by Lake Sevan);
 *   4. otherwise the larger unit (the Nakhchivan exclave over its capital),
 *      or, for a town with a district of the same name, the town.
 * Memory is bounded: two counters per place and a ring of recent places. */
#include "scan/scan_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECENT 16 /* point places remembered for geographic context */
#define NONE ((size_t)-1)

struct gz_context {
  gazmap_gazetteer *g;
  size_t n;
  uint32_t *firm;  /* mentions of each place settled without guessing */
  uint32_t *ahead; /* unambiguous mentions of each place in the look-ahead */
  size_t *twin;    /* district twin of each place, or NONE */
  size_t recent[RECENT];
  size_t nrecent, rnext;
};

gz_context *gz_context_new(gazmap_gazetteer *g, size_t nplaces) {
  gz_context *c = calloc(1, sizeof *c);
  size_t i;
  if (!c) {
    return NULL;
  }
  c->g = g;
  c->n = nplaces;
  c->firm = calloc(nplaces ? nplaces : 1, sizeof *c->firm);
  c->ahead = calloc(nplaces ? nplaces : 1, sizeof *c->ahead);
  c->twin = malloc((nplaces ? nplaces : 1) * sizeof *c->twin);
  if (!c->firm || !c->ahead || !c->twin) {
    gz_context_free(c);
    return NULL;
  }
  for (i = 0; i < nplaces; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i), *d;
    char id[256];
    c->twin[i] = NONE;
    if (snprintf(id, sizeof id, "%s-district", gazmap_place_id(p)) >= (int)sizeof id) {
      continue;
    }
    d = gazmap_gazetteer_find_id(g, id);
    if (d) {
      size_t j;
      /* The gazetteer hands out pointers, not indexes: find it once here. */
      for (j = 0; j < nplaces; j++) {
        if (gazmap_gazetteer_at(g, j) == d) {
          c->twin[i] = j;
          break;
        }
      }
    }
  }
  return c;
}

void gz_context_free(gz_context *c) {
  if (!c) {
    return;
  }
  free(c->firm);
  free(c->ahead);
  free(c->twin);
  free(c);
}

void gz_context_reset(gz_context *c) {
  memset(c->firm, 0, (c->n ? c->n : 1) * sizeof *c->firm);
  memset(c->ahead, 0, (c->n ? c->n : 1) * sizeof *c->ahead);
  c->nrecent = c->rnext = 0;
}

size_t gz_context_twin(const gz_context *c, size_t i) {
  return i < c->n ? c->twin[i] : NONE;
}

static int is_point(gazmap_kind k) {
  return k == GAZMAP_KIND_CITY || k == GAZMAP_KIND_TOWN || k == GAZMAP_KIND_VILLAGE ||
         k == GAZMAP_KIND_PASS || k == GAZMAP_KIND_SITE;
}

/* Smaller is larger: the order in which a bare name prefers its places. */
static int unit_rank(gazmap_kind k) {
  switch (k) {
  case GAZMAP_KIND_COUNTRY:
    return 0;
  case GAZMAP_KIND_REGION:
    return 1;
  case GAZMAP_KIND_DISTRICT:
    return 2;
  case GAZMAP_KIND_CORRIDOR:
    return 3;
  case GAZMAP_KIND_LAKE:
  case GAZMAP_KIND_RIVER:
    return 4;
  case GAZMAP_KIND_CITY:
    return 5;
  case GAZMAP_KIND_TOWN:
    return 6;
  case GAZMAP_KIND_VILLAGE:
    return 7;
  default:
    return 8;
  }
}

static const gazmap_place *at(const gz_context *c, size_t i) {
  return gazmap_gazetteer_at(c->g, i);
}

/* How the surface matched, as the start of the why sentence. */
/* Appends the strings up to a NULL to out (capacity cap, length *n), cut
 * at the capacity: explanations are made for nearly every mention, and this
 * costs a fraction of snprintf. */
static void cat(char *out, size_t cap, size_t *n, ...) {
  va_list ap;
  const char *str;
  va_start(ap, n);
  while ((str = va_arg(ap, const char *)) != NULL) {
    size_t l = strlen(str);
    if (*n + l >= cap) {
      l = cap - 1 - *n;
    }
    memcpy(out + *n, str, l);
    *n += l;
  }
  va_end(ap);
  out[*n] = '\0';
}

static void describe_match(const gz_pending *p, size_t k, char *out, size_t cap) {
  const gazmap_name *nm = p->cname[k];
  const char *text = nm ? nm->text : "?", *lang = nm && nm->lang ? nm->lang : "?";
  size_t n = 0;
  switch (p->kind) {
  case GAZMAP_MATCH_EXACT:
    cat(out, cap, &n, "exact name '", text, "' (", lang, ")", (char *)NULL);
    break;
  case GAZMAP_MATCH_SKELETON:
    cat(out, cap, &n, "'", text, "' (", lang, ") spelt another way", (char *)NULL);
    break;
  default:
    if (p->how[0]) {
      cat(out, cap, &n, "'", text, "' (", lang, ") as ", p->how, (char *)NULL);
    } else {
      cat(out, cap, &n, "name '", text, "' (", lang, ") after folding", (char *)NULL);
    }
    break;
  }
}

/* Whether a queued mention names its place without ambiguity: one
 * candidate, a location, and not a town whose district shares its name. */
static int unambiguous(const gz_context *c, const gz_pending *q) {
  size_t pl = q->cand[0];
  return q->ncand == 1 && q->role == GAZMAP_ROLE_LOCATION &&
         (c->twin[pl] == NONE || !is_point(gazmap_place_kind(at(c, pl))));
}

void gz_context_queued(gz_context *c, const gz_pending *p, int delta) {
  if (unambiguous(c, p)) {
    c->ahead[p->cand[0]] += (uint32_t)delta;
  }
}

/* Distance from place `pl` to the nearest point place of the context (recent
 * ones and unambiguous ones ahead), excluding the candidates; the nearest is
 * returned in *near.  HUGE_VAL when there is no context. */
static double nearest_context(const gz_context *c, const gz_pending *p, size_t pl,
                              const gz_pending *ring, size_t cap, uint64_t from, uint64_t to,
                              size_t *near) {
  const gazmap_place *a = at(c, pl);
  double best = HUGE_VAL;
  size_t i, j;
  uint64_t k;
  *near = NONE;
  for (i = 0; i < c->nrecent; i++) {
    size_t q = c->recent[i];
    int skip = 0;
    for (j = 0; j < p->ncand; j++) {
      skip |= p->cand[j] == q;
    }
    if (!skip) {
      const gazmap_place *b = at(c, q);
      double d = gazmap_distance_km(gazmap_place_lat(a), gazmap_place_lon(a), gazmap_place_lat(b),
                                    gazmap_place_lon(b));
      if (d < best) {
        best = d;
        *near = q;
      }
    }
  }
  /* The nearest few mentions ahead are context enough, and bound the work. */
  for (k = from; k < to && k < from + 64; k++) {
    const gz_pending *q = &ring[k % cap];
    int skip = 0;
    if (q->ncand != 1 || q->role != GAZMAP_ROLE_LOCATION ||
        !is_point(gazmap_place_kind(at(c, q->cand[0])))) {
      continue;
    }
    for (j = 0; j < p->ncand; j++) {
      skip |= p->cand[j] == q->cand[0];
    }
    if (!skip) {
      const gazmap_place *b = at(c, q->cand[0]);
      double d = gazmap_distance_km(gazmap_place_lat(a), gazmap_place_lon(a), gazmap_place_lat(b),
                                    gazmap_place_lon(b));
      if (d < best) {
        best = d;
        *near = q->cand[0];
      }
    }
  }
  return best;
}

static void remember(gz_context *c, const gz_pending *p, int firm) {
  size_t pl = p->cand[p->chosen];
  if (p->role != GAZMAP_ROLE_LOCATION) {
    return;
  }
  if (firm && c->firm[pl] < UINT32_MAX) {
    c->firm[pl]++;
  }
  if (is_point(gazmap_place_kind(at(c, pl)))) {
    c->recent[c->rnext] = pl;
    c->rnext = (c->rnext + 1) % RECENT;
    if (c->nrecent < RECENT) {
      c->nrecent++;
    }
  }
}

void gz_resolve(gz_context *c, gz_pending *p, const gz_pending *ring, size_t cap, uint64_t from,
                uint64_t to) {
  char match[160], reason[160];
  size_t k, best = NONE, nbest = 0;
  int firm = 1;

  if (p->ncand == 1 && p->twin == 0 && gz_context_twin(c, p->cand[0]) != NONE &&
      is_point(gazmap_place_kind(at(c, p->cand[0])))) {
    /* A town with a district of its name: the text may mean either. */
    p->cand[1] = gz_context_twin(c, p->cand[0]);
    p->cname[1] = p->cname[0];
    p->ncand = 2;
    p->twin = 1;
  }
  reason[0] = '\0';
  p->chosen = 0;
  p->resolve_conf = 1.0;

  if (p->ncand == 1) {
    strcpy(reason, "the only place so named");
    goto done;
  }

  /* 1. A cue word. */
  if (p->cue != GZ_CUE_NONE) {
    for (k = 0; k < p->ncand; k++) {
      gazmap_kind kd = gazmap_place_kind(at(c, p->cand[k]));
      int fits = p->cue == GZ_CUE_DISTRICT ? kd == GAZMAP_KIND_DISTRICT || kd == GAZMAP_KIND_REGION
                                           : kd == GAZMAP_KIND_CITY || kd == GAZMAP_KIND_TOWN ||
                                                 kd == GAZMAP_KIND_VILLAGE;
      if (fits) {
        best = k;
        nbest++;
      }
    }
    if (nbest == 1) {
      p->chosen = best;
      p->resolve_conf = 0.95;
      snprintf(reason, sizeof reason, "a %s word next to it points to the %s",
               p->cue == GZ_CUE_DISTRICT ? "district" : "settlement",
               gazmap_kind_name(gazmap_place_kind(at(c, p->cand[best]))));
      goto done;
    }
  }

  /* 2. The document names one of them without ambiguity. */
  {
    unsigned cnt[GZ_MAX_CANDS], top = 0, second = 0;
    best = NONE;
    for (k = 0; k < p->ncand; k++) {
      cnt[k] = c->firm[p->cand[k]] + c->ahead[p->cand[k]];
      if (cnt[k] > top) {
        second = top;
        top = cnt[k];
        best = k;
      } else if (cnt[k] > second) {
        second = cnt[k];
      }
    }
    if (best != NONE && top > second) {
      p->chosen = best;
      p->resolve_conf = second ? 0.8 : 0.9;
      snprintf(reason, sizeof reason, "the text names %s (%s) elsewhere %u time%s",
               gazmap_place_name(at(c, p->cand[best])), gazmap_place_id(at(c, p->cand[best])), top,
               top == 1 ? "" : "s");
      goto done;
    }
  }

  /* 3. Geography: the town nearest to the towns named around it. */
  if (!p->twin) {
    double d1 = HUGE_VAL, d2 = HUGE_VAL;
    size_t near1 = NONE, near = NONE;
    int all_points = 1;
    best = NONE;
    for (k = 0; k < p->ncand; k++) {
      all_points &= is_point(gazmap_place_kind(at(c, p->cand[k])));
    }
    for (k = 0; all_points && k < p->ncand; k++) {
      double d = nearest_context(c, p, p->cand[k], ring, cap, from, to, &near);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        best = k;
        near1 = near;
      } else if (d < d2) {
        d2 = d;
      }
    }
    if (best != NONE && near1 != NONE && d1 < 0.5 * d2) {
      p->chosen = best;
      p->resolve_conf = 0.85;
      snprintf(reason, sizeof reason,
               "of %zu places so named, the one nearest to %s (%.0f km; the next is %.0f km "
               "away), named nearby",
               p->ncand, gazmap_place_name(at(c, near1)), d1, d2);
      goto done;
    }
  }

  /* 4. Nothing decides. */
  firm = 0;
  if (p->twin) {
    p->chosen = 0;
    p->resolve_conf = 0.7;
    {
      size_t n = 0;
      cat(reason, sizeof reason, &n, "no context decides: the ",
          gazmap_kind_name(gazmap_place_kind(at(c, p->cand[0]))), ", not its district",
          (char *)NULL);
    }
    goto done;
  }
  best = 0;
  for (k = 1; k < p->ncand; k++) {
    const gazmap_place *a = at(c, p->cand[k]), *b = at(c, p->cand[best]);
    int ra = unit_rank(gazmap_place_kind(a)), rb = unit_rank(gazmap_place_kind(b));
    if (ra < rb || (ra == rb && gazmap_place_importance(a) > gazmap_place_importance(b))) {
      best = k;
    }
  }
  p->chosen = best;
  p->resolve_conf = 0.6;
  snprintf(reason, sizeof reason, "no context decides between %zu places: the larger unit (%s)",
           p->ncand, gazmap_kind_name(gazmap_place_kind(at(c, p->cand[best]))));

done:
  if (p->ncand == 1 && p->kind == GAZMAP_MATCH_EXACT && p->role == GAZMAP_ROLE_LOCATION) {
    /* The most common explanation, built without printf: it is made for
     * nearly every mention of a long text. */
    const gazmap_name *nm = p->cname[0];
    size_t tl = strlen(nm->text), ll = strlen(nm->lang);
    if (tl + ll + 64 < sizeof p->why) {
      char *w = p->why;
      memcpy(w, "exact name '", 12);
      w += 12;
      memcpy(w, nm->text, tl);
      w += tl;
      memcpy(w, "' (", 3);
      w += 3;
      memcpy(w, nm->lang, ll);
      w += ll;
      memcpy(w, "); the only place so named", 27); /* with its NUL */
      remember(c, p, firm);
      return;
    }
  }
  describe_match(p, p->chosen, match, sizeof match);
  {
    size_t n = 0;
    cat(p->why, sizeof p->why, &n, match, "; ", reason,
        p->role == GAZMAP_ROLE_ORGANISATION ? "; part of an organisation's name"
        : p->role == GAZMAP_ROLE_AGREEMENT  ? "; part of an agreement's name"
                                            : "",
        (char *)NULL);
  }
  remember(c, p, firm);
}
