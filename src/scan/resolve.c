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
 *      A town reaches farther than a village: distances are divided by
 *      its reach (prominence), so a village beats a town of its name only
 *      when it is much nearer (a bare "Aghdam" is the town, not the village
 *      a little nearer to the other places named);
 *   4. otherwise the larger unit (the Nakhchivan exclave over its capital),
 *      a settlement before a river of its name ("Hakari" is the village,
 *      "Hakari river" the river), or, for a town with a district of the same
 *      name, the town; but the district when the text names places that lie
 *      in it ("Gazah: Bağanis Ayrım, Aşağı Eskipara" lists the district's
 *      villages).
 * Memory is bounded: two counters per place and a ring of recent places. */
#include "scan/scan_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECENT 16       /* point places remembered for geographic context */
#define DIST_CACHE 1024 /* distances remembered (a power of two) */
#define NONE ((size_t)-1)

/* A name that is also a common word or a given name, or a small place's
 * name of at most WEAK_LETTERS letters ("Zar", "Kut", "Gal"), is a mention
 * only with evidence: a place word next to it, an earlier settled mention,
 * its district or region named in the text, or a place named around it no
 * farther than WEAK_NEAR_KM.  A road designation ("R13", "E117": the same
 * codes exist in many countries) needs a place named around it no farther
 * than ROUTE_NEAR_KM from the road's representative point (one end of the
 * road for the H and R roads, so the radius is wide). */
#define WEAK_LETTERS 4
#define WEAK_NEAR_KM 40.0
#define ROUTE_NEAR_KM 120.0
/* A road designation's places are those of its own sentence or line: the
 * mentions at most this many bytes before or after it. */
#define ROUTE_WINDOW 300
/* A bare name of a town and its district is the district when the text
 * names at least this many other places lying in the district. */
#define INSIDE_MIN 2
/* A town or village matched only by its skeleton is dropped when the
 * nearest place named in its sentence (ROUTE_WINDOW) is a village farther
 * than this. */
#define SKELETON_FAR_KM 60.0

struct gz_context {
  gazmap_gazetteer *g;
  size_t n;
  uint32_t *firm;  /* mentions of each place settled without guessing */
  uint32_t *ahead; /* unambiguous mentions of each place in the look-ahead */
  uint32_t *seen;  /* mentions of each place reported so far, settled or guessed */
  uint64_t *last;  /* offset + 1 of the last reported mention of each place, 0 = none */
  size_t *twin;    /* district twin of each place, or NONE */
  size_t *within;  /* the district (column `district`) of each place, or NONE */
  size_t *town;    /* for a district twin, its town; else NONE */
  uint32_t *inside; /* mentions of places lying in each area, reported or in the look-ahead */
  size_t recent[RECENT];
  uint64_t recent_off[RECENT]; /* the offset of each recent mention */
  size_t nrecent, rnext;
  /* Distances already computed, by (from, to) place pair: the same few
   * pairs come back for every mention of a homonym, and one geodesic costs
   * more than the rest of its resolution.  Keyed by the ordered pair, so a
   * hit gives the very double the computation gives. */
  struct dist_slot {
    uint64_t key; /* (from << 32 | to) + 1; 0: empty */
    double km;
  } dist[DIST_CACHE];
};

/* The index of a place of the gazetteer (its places are one array), or
 * NONE for NULL. */
static size_t index_of(const gz_context *c, const gazmap_place *p) {
  const gazmap_place *base = gazmap_gazetteer_at(c->g, 0);
  return p && base && p >= base && (size_t)(p - base) < c->n ? (size_t)(p - base) : NONE;
}

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
  c->seen = calloc(nplaces ? nplaces : 1, sizeof *c->seen);
  c->last = calloc(nplaces ? nplaces : 1, sizeof *c->last);
  c->town = malloc((nplaces ? nplaces : 1) * sizeof *c->town);
  c->twin = malloc((nplaces ? nplaces : 1) * sizeof *c->twin);
  c->within = malloc((nplaces ? nplaces : 1) * sizeof *c->within);
  c->inside = calloc(nplaces ? nplaces : 1, sizeof *c->inside);
  if (!c->firm || !c->ahead || !c->seen || !c->last || !c->twin || !c->within || !c->town ||
      !c->inside) {
    gz_context_free(c);
    return NULL;
  }
  for (i = 0; i < nplaces; i++) {
    c->town[i] = NONE;
  }
  for (i = 0; i < nplaces; i++) {
    const gazmap_place *p = gazmap_gazetteer_at(g, i);
    char id[256];
    c->twin[i] = c->within[i] = NONE;
    if (snprintf(id, sizeof id, "%s-district", gazmap_place_id(p)) < (int)sizeof id) {
      c->twin[i] = index_of(c, gazmap_gazetteer_find_id(g, id));
      if (c->twin[i] != NONE) {
        c->town[c->twin[i]] = i;
      }
    }
    if (*gazmap_place_district(p)) {
      c->within[i] = index_of(c, gazmap_gazetteer_find_id(g, gazmap_place_district(p)));
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
  free(c->seen);
  free(c->last);
  free(c->town);
  free(c->twin);
  free(c->within);
  free(c->inside);
  free(c);
}

void gz_context_reset(gz_context *c) {
  memset(c->firm, 0, (c->n ? c->n : 1) * sizeof *c->firm);
  memset(c->ahead, 0, (c->n ? c->n : 1) * sizeof *c->ahead);
  memset(c->seen, 0, (c->n ? c->n : 1) * sizeof *c->seen);
  memset(c->last, 0, (c->n ? c->n : 1) * sizeof *c->last);
  memset(c->inside, 0, (c->n ? c->n : 1) * sizeof *c->inside);
  c->nrecent = c->rnext = 0;
}

static size_t gz_context_twin(const gz_context *c, size_t i) {
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
    return 4;
  case GAZMAP_KIND_CITY:
    return 5;
  case GAZMAP_KIND_TOWN:
    return 6;
  case GAZMAP_KIND_VILLAGE:
    return 7;
  case GAZMAP_KIND_RIVER:
    /* A river is named with its river word ("the Hakari river", "Tərtər
     * çayı", a cue that picks it); bare, the name is the settlement's. */
    return 8;
  default:
    return 9;
  }
}

/* How far a settlement's name reaches: a bare name is more likely the town
 * than a village so named, so geography divides distances by this. */
static double reach(gazmap_kind k) {
  return k == GAZMAP_KIND_CITY ? 3.0 : k == GAZMAP_KIND_TOWN ? 2.0 : 1.0;
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

/* A count in decimal into buf (24 bytes); returns buf. */
static const char *count_text(size_t v, char *buf) {
  char tmp[24];
  size_t n = 0, k = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) {
    buf[k++] = tmp[--n];
  }
  buf[k] = '\0';
  return buf;
}

/* Kilometres as printf's "%.0f" writes them (round half to even), into buf
 * (24 bytes); returns buf.  Explanations give a distance for many mentions,
 * and printf's floating-point path costs more than the rest of the
 * explanation. */
static const char *km_text(double km, char *buf) {
  if (km >= 0 && km < 1e15) {
    return count_text((size_t)llrint(km), buf);
  }
  snprintf(buf, 24, "%.0f", km);
  return buf;
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

/* Counts a mention of place pl in (delta 1) or out (-1) of the areas it
 * lies in (its district and that district's own). */
static void count_inside(gz_context *c, size_t pl, int delta) {
  size_t d, level;
  for (d = c->within[pl], level = 0; d != NONE && level < 2; d = c->within[d], level++) {
    c->inside[d] += (uint32_t)delta;
  }
}

void gz_context_queued(gz_context *c, const gz_pending *p, int delta) {
  if (unambiguous(c, p)) {
    c->ahead[p->cand[0]] += (uint32_t)delta;
    count_inside(c, p->cand[0], delta);
  }
}

/* The geodesic distance from place `a` to place `b` (indexes), through the
 * cache of the context. */
static double dist_km(gz_context *c, size_t a, size_t b) {
  uint64_t key = ((uint64_t)a << 32 | (uint64_t)b) + 1;
  struct dist_slot *d = &c->dist[(key * 0x9E3779B97F4A7C15ull) >> 54 & (DIST_CACHE - 1)];
  if (d->key != key) {
    const gazmap_place *pa = at(c, a), *pb = at(c, b);
    d->km = gazmap_distance_km(gazmap_place_lat(pa), gazmap_place_lon(pa), gazmap_place_lat(pb),
                               gazmap_place_lon(pb));
    d->key = key;
  }
  return d->km;
}

/* Distance from place `pl` to the nearest point place of the context (recent
 * ones and unambiguous ones ahead; with `window`, only those at most that
 * many bytes away), excluding the candidates; the nearest is returned in
 * *near.  HUGE_VAL when there is no context. */
static double nearest_context(gz_context *c, const gz_pending *p, size_t pl, const gz_pending *ring,
                              size_t cap, uint64_t from, uint64_t to, uint64_t window,
                              size_t *near) {
  double best = HUGE_VAL;
  size_t i, j;
  uint64_t k;
  *near = NONE;
  for (i = 0; i < c->nrecent; i++) {
    size_t q = c->recent[i];
    int skip = window && c->recent_off[i] + window < p->offset;
    for (j = 0; j < p->ncand; j++) {
      skip |= p->cand[j] == q;
    }
    if (!skip) {
      double d = dist_km(c, pl, q);
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
    if (window && q->offset > p->offset + window) {
      break;
    }
    if (q->ncand != 1 || q->role != GAZMAP_ROLE_LOCATION ||
        !is_point(gazmap_place_kind(at(c, q->cand[0])))) {
      continue;
    }
    for (j = 0; j < p->ncand; j++) {
      skip |= p->cand[j] == q->cand[0];
    }
    if (!skip) {
      double d = dist_km(c, pl, q->cand[0]);
      if (d < best) {
        best = d;
        *near = q->cand[0];
      }
    }
  }
  return best;
}

/* How often the text names area `d` (a district or province), before or in
 * the look-ahead, also by the town it is named after ("Tovuz" for Tovuz
 * District). */
static uint32_t named(const gz_context *c, size_t d) {
  uint32_t n = c->seen[d] + c->ahead[d];
  if (c->town[d] != NONE) {
    n += c->seen[c->town[d]] + c->ahead[c->town[d]];
  }
  return n;
}

/* Bytes from mention p back to the last mention of area `d` (or of its
 * town), UINT64_MAX when there was none before. */
static uint64_t back_to(const gz_context *c, const gz_pending *p, size_t d) {
  uint64_t best = UINT64_MAX;
  size_t t = c->town[d];
  if (c->last[d] && c->last[d] <= p->offset + 1) {
    best = p->offset + 1 - c->last[d];
  }
  if (t != NONE && c->last[t] && c->last[t] <= p->offset + 1 && p->offset + 1 - c->last[t] < best) {
    best = p->offset + 1 - c->last[t];
  }
  return best;
}

/* The area of candidate place `pl` the text names (its district, or that
 * district's own), or NONE. */
static size_t named_area(const gz_context *c, size_t pl) {
  size_t d, level;
  for (d = c->within[pl], level = 0; d != NONE && level < 2; d = c->within[d], level++) {
    if (named(c, d)) {
      return d;
    }
  }
  return NONE;
}

/* Letters of a UTF-8 name (code points). */
static size_t letters_of(const char *t) {
  size_t n = 0;
  for (; *t; t++) {
    n += ((unsigned char)*t & 0xC0) != 0x80;
  }
  return n;
}

static int has_digit(const char *t) {
  for (; *t; t++) {
    if (*t >= '0' && *t <= '9') {
      return 1;
    }
  }
  return 0;
}

/* Kinds of small places, whose short names need evidence. */
static int is_small(gazmap_kind k) {
  switch (k) {
  case GAZMAP_KIND_VILLAGE:
  case GAZMAP_KIND_SITE:
  case GAZMAP_KIND_MOUNTAIN:
  case GAZMAP_KIND_RANGE:
  case GAZMAP_KIND_PLATEAU:
  case GAZMAP_KIND_PASS:
  case GAZMAP_KIND_CROSSING:
  case GAZMAP_KIND_STATION:
  case GAZMAP_KIND_AIRPORT:
  case GAZMAP_KIND_RESERVOIR:
    return 1;
  default:
    return 0;
  }
}

enum { NEED_NONE = 0, NEED_WEAK, NEED_ROUTE, NEED_CUE };

/* Whether name nm of place pl begins a longer one-word name of pl in the
 * same language, the word going on ("Türk" of "Türkiye"): the ethnonym or
 * adjective made from the place's name, listed because texts use it, but in
 * running text a word about people, not the place.  A longer name of
 * several words ("Азербайджанская Республика", "Armenian SSR") is an
 * official form, not a sign that the short one is a stem. */
static int stem_of_own_name(const gazmap_place *pl, const gazmap_name *nm) {
  size_t i, n = gazmap_place_name_count(pl), len = strlen(nm->text);
  for (i = 0; i < n; i++) {
    const gazmap_name *o = gazmap_place_name_at(pl, i);
    unsigned char next;
    if (o == nm || strncmp(o->text, nm->text, len) || strcmp(o->lang, nm->lang)) {
      continue;
    }
    next = (unsigned char)o->text[len];
    if ((next >= 0x80 || (next >= 'a' && next <= 'z')) && !strpbrk(o->text + len, " -")) {
      return 1;
    }
  }
  return 0;
}

/* What candidate k must show before it counts (see WEAK_LETTERS). */
static int needs_evidence(const gz_context *c, const gz_pending *p, size_t k) {
  gazmap_kind kd = gazmap_place_kind(at(c, p->cand[k]));
  const char *text = p->cname[k] ? p->cname[k]->text : "";
  if (kd == GAZMAP_KIND_ROUTE && has_digit(text)) {
    return NEED_ROUTE;
  }
  if (kd == GAZMAP_KIND_COUNTRY || kd == GAZMAP_KIND_REGION) {
    return p->cname[k] && stem_of_own_name(at(c, p->cand[k]), p->cname[k]) ? NEED_CUE : NEED_NONE;
  }
  if ((p->weak & GZ_WEAK_WORD) || (is_small(kd) && letters_of(text) <= WEAK_LETTERS)) {
    return NEED_WEAK;
  }
  return NEED_NONE;
}

/* Whether the text shows that candidate k is meant although its name is a
 * weak one (needs_evidence); says which evidence into out. */
static int has_evidence(gz_context *c, const gz_pending *p, size_t k, int need,
                        const gz_pending *ring, size_t cap, uint64_t from, uint64_t to, char *out,
                        size_t outcap) {
  size_t pl = p->cand[k], d, near = NONE;
  double km;
  if ((need == NEED_WEAK || need == NEED_CUE) && p->cue != GZ_CUE_NONE) {
    size_t n = 0;
    cat(out, outcap, &n, "a place word next to it", (char *)NULL);
    return 1;
  }
  if (need == NEED_CUE) {
    return 0;
  }
  if (need == NEED_WEAK && (p->weak & GZ_WEAK_BEFORE_NAME)) {
    return 0; /* "Gal Gadot": a given name before a family name, wherever it is */
  }
  if (c->firm[pl]) {
    size_t n = 0;
    cat(out, outcap, &n, "the text named it before", (char *)NULL);
    return 1;
  }
  /* Its district, or the district's own (a village's province). */
  if (need == NEED_WEAK && (d = named_area(c, pl)) != NONE) {
    size_t n = 0;
    cat(out, outcap, &n, "the text names ", gazmap_place_name(at(c, d)), ", where it lies",
        (char *)NULL);
    return 1;
  }
  km = nearest_context(c, p, pl, ring, cap, from, to, need == NEED_ROUTE ? ROUTE_WINDOW : 0, &near);
  if (near != NONE && km <= (need == NEED_ROUTE ? ROUTE_NEAR_KM : WEAK_NEAR_KM)) {
    char kmb[24];
    size_t n = 0;
    cat(out, outcap, &n, gazmap_place_name(at(c, near)), ", named nearby, is ", km_text(km, kmb),
        " km away", (char *)NULL);
    return 1;
  }
  /* A road word says the code names a road ("the R13 road"), but when the
   * places named around it are all far from the road of that code, the text
   * means another road so numbered. */
  if (need == NEED_ROUTE && p->road && near == NONE) {
    size_t n = 0;
    cat(out, outcap, &n, "a road word next to it", (char *)NULL);
    return 1;
  }
  return 0;
}

/* Leaves out the candidates whose names need evidence the text does not
 * give.  Returns 0 (and the reason in why) when none is left. */
static int screen(gz_context *c, gz_pending *p, const gz_pending *ring, size_t cap, uint64_t from,
                  uint64_t to) {
  size_t k, kept = 0, first_need = NEED_NONE;
  char ev[160];
  for (k = 0; k < p->ncand; k++) {
    int need = needs_evidence(c, p, k);
    if (need == NEED_NONE || has_evidence(c, p, k, need, ring, cap, from, to, ev, sizeof ev)) {
      p->cand[kept] = p->cand[k];
      p->cname[kept] = p->cname[k];
      kept++;
    } else if (first_need == NEED_NONE) {
      first_need = (size_t)need;
    }
  }
  if (kept == 0) {
    snprintf(p->why, sizeof p->why,
             first_need == NEED_ROUTE
                 ? "a road designation with no place named near the road: not a mention"
             : first_need == NEED_CUE
                 ? "the start of a longer name of the place (an ethnonym or adjective), with no "
                   "place word next to it: not a mention"
                 : "a short name or a common word, with no place word, district or nearby "
                   "place to support it: not a mention");
    return 0;
  }
  p->ncand = kept;
  return 1;
}

/* Adds the district twin of each town among the candidates (a town with a
 * district of its name: the text may mean either).  Returns how many. */
static unsigned add_twins(const gz_context *c, gz_pending *p) {
  size_t k, j, nc = p->ncand;
  unsigned added = 0;
  for (k = 0; k < nc && p->ncand < GZ_MAX_CANDS; k++) {
    size_t tw = gz_context_twin(c, p->cand[k]);
    if (tw == NONE || !is_point(gazmap_place_kind(at(c, p->cand[k])))) {
      continue;
    }
    for (j = 0; j < p->ncand && p->cand[j] != tw; j++) {
    }
    if (j == p->ncand) {
      p->cand[p->ncand] = tw;
      p->cname[p->ncand] = p->cname[k];
      p->ncand++;
      added++;
    }
  }
  return added;
}

/* Whether a place of kind `kd` is what a cue word (enum gz_cue) says. */
static int fits_cue(int cue, gazmap_kind kd) {
  return cue == GZ_CUE_DISTRICT ? kd == GAZMAP_KIND_DISTRICT || kd == GAZMAP_KIND_REGION
         : cue == GZ_CUE_RIVER
             ? kd == GAZMAP_KIND_RIVER
             : kd == GAZMAP_KIND_CITY || kd == GAZMAP_KIND_TOWN || kd == GAZMAP_KIND_VILLAGE;
}

static const char *cue_word(int cue) {
  return cue == GZ_CUE_DISTRICT ? "district" : cue == GZ_CUE_RIVER ? "river" : "settlement";
}

/* Of the first n candidates, the one a bare name most likely means: the
 * larger unit; of two alike, the one whose current name it is rather than
 * a former one (a bare "Martuni" is the Gegharkunik town, not Khojavend,
 * Martuni in Soviet times), then the more important. */
static size_t best_known(const gz_context *c, const gz_pending *p, size_t n) {
  size_t k, best = 0;
  for (k = 1; k < n; k++) {
    const gazmap_place *a = at(c, p->cand[k]), *b = at(c, p->cand[best]);
    int ra = unit_rank(gazmap_place_kind(a)), rb = unit_rank(gazmap_place_kind(b));
    int ha = p->cname[k] && (p->cname[k]->flags & GAZMAP_NAME_HISTORICAL);
    int hb = p->cname[best] && (p->cname[best]->flags & GAZMAP_NAME_HISTORICAL);
    if (ra < rb || (ra == rb && (ha < hb || (ha == hb && gazmap_place_importance(a) >
                                                             gazmap_place_importance(b))))) {
      best = k;
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
  if (c->seen[pl] < UINT32_MAX) {
    c->seen[pl]++;
  }
  c->last[pl] = p->offset + 1;
  count_inside(c, pl, 1); /* (the look-ahead's count of it ends when it leaves the queue) */
  if (is_point(gazmap_place_kind(at(c, pl)))) {
    c->recent[c->rnext] = pl;
    c->recent_off[c->rnext] = p->offset;
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
  int firm = 1, need;

  if (!screen(c, p, ring, cap, from, to)) {
    p->drop = 1;
    return;
  }
  /* "Məzəm çayı" where the gazetteer knows only a village Məzəm: the text
   * names a river it lacks, not the village. */
  if (p->cue == GZ_CUE_RIVER) {
    for (k = 0; k < p->ncand && !fits_cue(GZ_CUE_RIVER, gazmap_place_kind(at(c, p->cand[k])));
         k++) {
    }
    if (k == p->ncand) {
      snprintf(p->why, sizeof p->why,
               "a river word next to it, and no river of this name in the gazetteer: not a mention "
               "of the places so named");
      p->drop = 1;
      return;
    }
  }
  if (p->twin == 0) {
    p->twin = add_twins(c, p);
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
      if (fits_cue(p->cue, gazmap_place_kind(at(c, p->cand[k])))) {
        best = k;
        nbest++;
      }
    }
    if (nbest == 1) {
      p->chosen = best;
      p->resolve_conf = 0.95;
      size_t n = 0;
      cat(reason, sizeof reason, &n, "a ", cue_word(p->cue), " word next to it points to the ",
          gazmap_kind_name(gazmap_place_kind(at(c, p->cand[best]))), (char *)NULL);
      goto done;
    }
    if (nbest > 1) {
      /* "Aghdam kəndi": one of the villages so named, not the district;
       * the steps below choose among those the cue allows. */
      size_t kept = 0;
      for (k = 0; k < p->ncand; k++) {
        if (fits_cue(p->cue, gazmap_place_kind(at(c, p->cand[k])))) {
          p->cand[kept] = p->cand[k];
          p->cname[kept++] = p->cname[k];
        }
      }
      p->ncand = kept;
      p->twin = 0;
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
      char num[24];
      size_t n = 0;
      cat(reason, sizeof reason, &n, "the text names ", gazmap_place_name(at(c, p->cand[best])),
          " (", gazmap_place_id(at(c, p->cand[best])), ") elsewhere ", count_text(top, num),
          top == 1 ? " time" : " times", (char *)NULL);
      goto done;
    }
  }

  /* 2b. The text names the district or province of one of them (of
   * several, the one named last before it): "Tovuz rayonunun Ağdam kəndi"
   * is the Aghdam of Tovuz. */
  {
    size_t area = NONE, n = 0;
    uint64_t nearest = UINT64_MAX, next = UINT64_MAX;
    best = NONE;
    for (k = 0; k < p->ncand - p->twin; k++) {
      size_t d, j;
      uint64_t back;
      /* A river's district is only one of those it flows through. */
      if (gazmap_place_kind(at(c, p->cand[k])) == GAZMAP_KIND_RIVER) {
        continue;
      }
      d = named_area(c, p->cand[k]);
      /* An area that is itself a candidate ("Nakhchivan": the city and
       * the exclave it lies in) is named by this very name, not around it. */
      for (j = 0; d != NONE && j < p->ncand; j++) {
        if (p->cand[j] == d || p->cand[j] == c->town[d]) {
          d = NONE;
        }
      }
      if (d == NONE) {
        continue;
      }
      n++;
      back = back_to(c, p, d);
      if (best == NONE || back < nearest) {
        next = nearest;
        nearest = back;
        best = k;
        area = d;
      } else if (back < next) {
        next = back;
      }
    }
    if (n == 1 || (n > 1 && nearest < next && nearest < ROUTE_WINDOW)) {
      p->chosen = best;
      p->resolve_conf = 0.85;
      char num[24];
      size_t len = 0;
      cat(reason, sizeof reason, &len, "of ", count_text(p->ncand, num),
          " places so named, the one in ", gazmap_place_name(at(c, area)), ", which the text names",
          (char *)NULL);
      goto done;
    }
  }

  /* 3. Geography: of the settlements so named (a district twin aside), the
   * one nearest to the towns named around it. */
  {
    double d1 = HUGE_VAL, d2 = HUGE_VAL, km1 = HUGE_VAL, km2 = HUGE_VAL;
    size_t near1 = NONE, near = NONE, points = 0;
    best = NONE;
    for (k = 0; k < p->ncand; k++) {
      points += is_point(gazmap_place_kind(at(c, p->cand[k])));
    }
    for (k = 0; points >= 2 && k < p->ncand; k++) {
      double km, d;
      gazmap_kind kd = gazmap_place_kind(at(c, p->cand[k]));
      if (!is_point(kd)) {
        continue;
      }
      km = nearest_context(c, p, p->cand[k], ring, cap, from, to, 0, &near);
      d = km / reach(kd);
      if (d < d1) {
        d2 = d1;
        km2 = km1;
        d1 = d;
        km1 = km;
        best = k;
        near1 = near;
      } else if (d < d2) {
        d2 = d;
        km2 = km;
      }
    }
    if (best != NONE && near1 != NONE && d1 < 0.5 * d2) {
      p->chosen = best;
      p->resolve_conf = 0.85;
      char num[24], k1[24], k2[24];
      size_t n = 0;
      cat(reason, sizeof reason, &n, "of ", count_text(points, num),
          " places so named, the one nearest to ", gazmap_place_name(at(c, near1)), " (",
          km_text(km1, k1), " km; the next is ", km_text(km2, k2), " km away), named nearby",
          (char *)NULL);
      goto done;
    }
  }

  /* 4. Nothing decides. */
  firm = 0;
  if (p->twin) {
    /* The best-known settlement (the town before the villages of its
     * name), not its district. */
    size_t nc = p->ncand - p->twin;
    best = best_known(c, p, nc);
    /* The text names places in the district (its villages), so the bare
     * name is their district: "Gazah: Bağanis Ayrım, Aşağı Eskipara". */
    for (k = nc; k < p->ncand; k++) {
      size_t tw = p->cand[k], tn = c->town[tw];
      uint32_t others = c->inside[tw] - (tn != NONE ? c->seen[tn] + c->ahead[tn] : 0);
      if (c->inside[tw] >= (tn != NONE ? c->seen[tn] + c->ahead[tn] : 0) && others >= INSIDE_MIN) {
        char num[24];
        size_t n = 0;
        p->chosen = k;
        p->resolve_conf = 0.7;
        cat(reason, sizeof reason, &n, "no cue decides: the district, since the text names ",
            count_text(others, num), " places that lie in it", (char *)NULL);
        goto done;
      }
    }
    p->chosen = best;
    p->resolve_conf = nc == 1 ? 0.7 : 0.6;
    {
      size_t n = 0;
      cat(reason, sizeof reason, &n, "no context decides: the ",
          gazmap_kind_name(gazmap_place_kind(at(c, p->cand[best]))),
          nc == 1 ? ", not its district" : ", not its district nor the smaller places so named",
          (char *)NULL);
    }
    goto done;
  }
  best = best_known(c, p, p->ncand);
  p->chosen = best;
  p->resolve_conf = 0.6;
  {
    char num[24];
    size_t n = 0;
    cat(reason, sizeof reason, &n, "no context decides between ", count_text(p->ncand, num),
        " places: the larger unit (", gazmap_kind_name(gazmap_place_kind(at(c, p->cand[best]))),
        ")", (char *)NULL);
  }

done:
  /* A settlement matched only by its skeleton ("Kızılhacılı" for the town
   * Qizilhajili) in a sentence that names villages, all of them far from
   * it, is another place of that name the gazetteer lacks: not confident
   * enough to report.  (Beside a capital or a far city, a skeleton match
   * stays: a text names Stepanagert and Moscow together.) */
  if (p->kind == GAZMAP_MATCH_SKELETON &&
      (gazmap_place_kind(at(c, p->cand[p->chosen])) == GAZMAP_KIND_VILLAGE ||
       gazmap_place_kind(at(c, p->cand[p->chosen])) == GAZMAP_KIND_TOWN)) {
    size_t near = NONE;
    double km = nearest_context(c, p, p->cand[p->chosen], ring, cap, from, to, ROUTE_WINDOW, &near);
    if (near != NONE && gazmap_place_kind(at(c, near)) == GAZMAP_KIND_VILLAGE &&
        km > SKELETON_FAR_KM) {
      char kmb[24];
      size_t n = 0;
      cat(p->why, sizeof p->why, &n, "spelt like ", gazmap_place_name(at(c, p->cand[p->chosen])),
          ", which lies ", km_text(km, kmb), " km from ", gazmap_place_name(at(c, near)),
          ", named with it: another place of that name, not a mention", (char *)NULL);
      p->drop = 1;
      return;
    }
  }
  need = needs_evidence(c, p, p->chosen);
  if (need != NEED_NONE) {
    char ev[160];
    size_t n = strlen(reason);
    has_evidence(c, p, p->chosen, need, ring, cap, from, to, ev, sizeof ev);
    cat(reason, sizeof reason, &n,
        need == NEED_ROUTE ? "; a road designation, kept because "
        : need == NEED_CUE ? "; the start of a longer name of the place, kept because "
                           : "; a short name or a common word, kept because ",
        ev, (char *)NULL);
  } else if (p->ncand == 1 && p->kind == GAZMAP_MATCH_EXACT && p->role == GAZMAP_ROLE_LOCATION) {
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
