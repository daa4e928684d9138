#!/usr/bin/env python3
"""Helpers for tools/shapes/make-shapes (Python standard library only).

make-shapes does the geometry work with ogr2ogr and SpatiaLite SQL; this
script does what is easier in plain code: reading GMT's GSHHG dumps and
chaining their per-bin pieces into lines and rings, attaching names and
attributes, turning data/lines.tsv plus data/gazetteer.tsv into GeoJSON, and
blanking the date in DBF headers so that runs are byte-identical.

Every subcommand reads and writes files named on the command line and exits
non-zero with a message on stderr when an input is wrong.
"""
import csv
import json
import math
import os
import sys

# The clip box (lon_min, lat_min, lon_max, lat_max), shared with make-shapes.
BBOX = (42.0, 37.3, 50.5, 42.3)


def die(msg):
    sys.stderr.write("make-shapes: " + msg + "\n")
    sys.exit(1)


def write_fc(path, features):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f,
                  ensure_ascii=False)


def read_fc(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}


# --------------------------------------------------------------------------
# Names and identities that the sources lack.  These are the project's own
# tables, written from public knowledge.

# Country names in the five map languages (en, az, tr, hy, ru).
COUNTRY_NAMES = {
    "AZ": ("Azerbaijan", "Azərbaycan", "Azerbaycan", "Ադրբեջան", "Азербайджан"),
    "AM": ("Armenia", "Ermənistan", "Ermenistan", "Հայաստան", "Армения"),
    "GE": ("Georgia", "Gürcüstan", "Gürcistan", "Վրաստան", "Грузия"),
    "IR": ("Iran", "İran", "İran", "Իրան", "Иран"),
    "TR": ("Turkey", "Türkiyə", "Türkiye", "Թուրքիա", "Турция"),
    "RU": ("Russia", "Rusiya", "Rusya", "Ռուսաստան", "Россия"),
    "KZ": ("Kazakhstan", "Qazaxıstan", "Kazakistan", "Ղազախստան", "Казахстан"),
    "IQ": ("Iraq", "İraq", "Irak", "Իրաք", "Ирак"),
    "SY": ("Syria", "Suriya", "Suriye", "Սիրիա", "Сирия"),
}

# Natural Earth admin-1 units of Azerbaijan and Armenia, keyed by the
# source's gn_name (GeoNames name), which is more reliable there than its
# name field: (English name, fallback id, kind).  Two source rows have their
# labels swapped (gn_name "Xankandi Sahari" is the large Khojaly district and
# "Xocali Rayonu" is the small city of Khankendi); the table follows the
# geometry, not the label.
ADMIN1 = {
    "Aragatsotni Marz": ("Aragatsotn", "aragatsotn-province", "province"),
    "Ararati Marz": ("Ararat", "ararat-province", "province"),
    "Armaviri Marz": ("Armavir", "armavir-province", "province"),
    "Geghark'unik'i Marz": ("Gegharkunik", "gegharkunik-province", "province"),
    "Kotayk'i Marz": ("Kotayk", "kotayk-province", "province"),
    "Lorru Marz": ("Lori", "lori-province", "province"),
    "Shiraki Marz": ("Shirak", "shirak-province", "province"),
    "Syunik'i Marz": ("Syunik", "syunik", "province"),
    "Tavushi Marz": ("Tavush", "tavush-province", "province"),
    "Vayots' Dzori Marz": ("Vayots Dzor", "vayots-dzor-province", "province"),
    "Yerevan": ("Yerevan", "yerevan-city", "province"),
    "Absheron Rayon": ("Absheron", "absheron-district", "district"),
    "Aghdam Rayon": ("Aghdam", "aghdam-district", "district"),
    "Aghdash Rayon": ("Aghdash", "aghdash-district", "district"),
    "Aghjabadi Rayon": ("Aghjabadi", "aghjabadi-district", "district"),
    "Aghstafa Rayon": ("Aghstafa", "aghstafa-district", "district"),
    "Aghsu Rayon": ("Aghsu", "aghsu-district", "district"),
    "Ali Bajramly": ("Shirvan", "shirvan-city", "district"),
    "Astara Rayon": ("Astara", "astara-district", "district"),
    "Babek Rayon": ("Babek", "babek-district", "district"),
    "Baku City": ("Baku", "baku-city", "district"),
    "Balakan Rayon": ("Balakan", "balakan-district", "district"),
    "Barda Rayon": ("Barda", "barda-district", "district"),
    "Beylagan Rayon": ("Beylagan", "beylagan-district", "district"),
    "Bilasuvar Rayon": ("Bilasuvar", "bilasuvar-district", "district"),
    "Cabrayil Rayonu": ("Jabrayil", "jabrayil-district", "district"),
    "Dashkasan Rayon": ("Dashkasan", "dashkasan-district", "district"),
    "Davachi Rayon": ("Shabran", "shabran-district", "district"),
    "Fizuli Rayon": ("Fuzuli", "fuzuli-district", "district"),
    "Gadabay Rayon": ("Gadabay", "gadabay-district", "district"),
    "Ganja City": ("Ganja", "ganja-city", "district"),
    "Gobustan Rayon": ("Gobustan", "gobustan-district", "district"),
    "Goranboy Rayon": ("Goranboy", "goranboy-district", "district"),
    "Goychay Rayon": ("Goychay", "goychay-district", "district"),
    "Goygol Rayon": ("Goygol", "goygol-district", "district"),
    "Hajigabul Rayon": ("Hajigabul", "hajigabul-district", "district"),
    "Imishli Rayon": ("Imishli", "imishli-district", "district"),
    "Ismayilli Rayon": ("Ismayilli", "ismayilli-district", "district"),
    "Jalilabad Rayon": ("Jalilabad", "jalilabad-district", "district"),
    "Julfa Rayon": ("Julfa", "julfa-district", "district"),
    "Kalbacar Rayonu": ("Kalbajar", "kalbajar-district", "district"),
    "Kangarli Rayon": ("Kangarli", "kangarli-district", "district"),
    "Khachmaz Rayon": ("Khachmaz", "khachmaz-district", "district"),
    "Khizi Rayon": ("Khizi", "khizi-district", "district"),
    "Kurdamir Rayon": ("Kurdamir", "kurdamir-district", "district"),
    "Lacin Rayonu": ("Lachin", "lachin-district", "district"),
    "Lankaran Rayon": ("Lankaran", "lankaran-district", "district"),
    "Lankaran Sahari": ("Lankaran (city)", "lankaran-city", "district"),
    "Lerik Rayon": ("Lerik", "lerik-district", "district"),
    "Masally Rayon": ("Masally", "masally-district", "district"),
    "Mingacevir City": ("Mingachevir", "mingachevir-city", "district"),
    "Naftalan City": ("Naftalan", "naftalan-city", "district"),
    "Nakhchivan City": ("Nakhchivan (city)", "nakhchivan-city", "district"),
    "Neftchala Rayon": ("Neftchala", "neftchala-district", "district"),
    "Oghuz Rayon": ("Oghuz", "oghuz-district", "district"),
    "Ordubad Rayon": ("Ordubad", "ordubad-district", "district"),
    "Qabala Rayon": ("Qabala", "qabala-district", "district"),
    "Qakh Rayon": ("Qakh", "qakh-district", "district"),
    "Qazakh Rayon": ("Qazax", "qazax-district", "district"),
    "Quba Rayon": ("Quba", "quba-district", "district"),
    "Qubadli Rayon": ("Qubadli", "qubadli-district", "district"),
    "Qusar Rayon": ("Qusar", "qusar-district", "district"),
    "Saatly Rayon": ("Saatly", "saatly-district", "district"),
    "Sabirabad Rayon": ("Sabirabad", "sabirabad-district", "district"),
    "Sadarak Rayon": ("Sadarak", "sadarak-district", "district"),
    "Saki Sahari": ("Shaki (city)", "shaki-city", "district"),
    "Salyan Rayon": ("Salyan", "salyan-district", "district"),
    "Samukh Rayon": ("Samukh", "samukh-district", "district"),
    "Shahbuz Rayon": ("Shahbuz", "shahbuz-district", "district"),
    "Shaki Rayon": ("Shaki", "shaki-district", "district"),
    "Shamakhi Rayon": ("Shamakhi", "shamakhi-district", "district"),
    "Shamkir Rayon": ("Shamkir", "shamkir-district", "district"),
    "Sharur Rayon": ("Sharur", "sharur-district", "district"),
    "Siazan Rayon": ("Siyazan", "siyazan-district", "district"),
    "Sumqayit City": ("Sumqayit", "sumqayit-city", "district"),
    "Susa Rayonu": ("Shusha", "shusha-district", "district"),
    "Susa Sahari": ("Shusha (city)", "shusha-city", "district"),
    "Tartar Rayon": ("Tartar", "tartar-district", "district"),
    "Tovuz Rayon": ("Tovuz", "tovuz-district", "district"),
    "Ujar Rayon": ("Ujar", "ujar-district", "district"),
    "Xankandi Sahari": ("Khojaly", "khojaly-district", "district"),
    "Xocali Rayonu": ("Khankendi", "khankendi-city", "district"),
    "Xocavand Rayonu": ("Khojavend", "khojavend-district", "district"),
    "Yardymli Rayon": ("Yardimli", "yardimli-district", "district"),
    "Yevlakh City": ("Yevlakh (city)", "yevlakh-city", "district"),
    "Yevlakh Rayon": ("Yevlakh", "yevlakh-district", "district"),
    "Zangilan Rayon": ("Zangilan", "zangilan-district", "district"),
    "Zaqatala Rayon": ("Zaqatala", "zaqatala-district", "district"),
    "Zardab Rayon": ("Zardab", "zardab-district", "district"),
}

# Rivers to name.  GSHHG rivers carry no names, so each named river is the
# shortest path through the GSHHG river network that visits these points in
# order (lon, lat; rough points on the river from public maps, used only to
# pick pieces, never as geometry).  A river interrupted by a reservoir is
# given as several sections.
RIVERS = [
    ("aras", "Aras", [[(42.32, 40.07), (43.10, 40.15), (43.75, 40.08),
                       (44.80, 39.70), (45.63, 38.96), (46.25, 38.87),
                       (47.34, 39.42), (47.95, 39.71)]]),
    ("kura", "Kura", [[(43.38, 41.84), (44.11, 41.98), (44.80, 41.70),
                       (45.03, 41.55), (46.30, 40.91)],
                      [(47.03, 40.78), (47.15, 40.60), (48.45, 40.00),
                       (48.98, 39.60), (49.30, 39.40)]]),
]

# Lakes and reservoirs to name: one point inside each (lon, lat).
LAKES = [
    ("lake-sevan", "Lake Sevan", (45.28, 40.35)),
    ("mingachevir-reservoir", "Mingachevir Reservoir", (46.85, 40.88)),
    ("lake-van", "Lake Van", (42.90, 38.65)),
    ("lake-urmia", "Lake Urmia", (45.40, 37.70)),
    ("lake-cildir", "Lake Çıldır", (43.25, 41.04)),
    ("lake-paravani", "Lake Paravani", (43.83, 41.43)),
    ("lake-balik", "Lake Balık", (43.57, 39.78)),
    ("lake-ercek", "Lake Erçek", (43.58, 38.66)),
    ("lake-nazik", "Lake Nazik", (42.30, 38.86)),
    ("anzali-lagoon", "Anzali Lagoon", (49.36, 37.47)),
]


# --------------------------------------------------------------------------
# GSHHG via GMT: `gmt coast -M` writes one piece per bin, headed by
# "> ... Level N".  Pieces of one feature share exact end points.

def parse_gmt(path, max_level=9):
    pieces = []
    cur = None
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                level = int(line.split()[-1])
                cur = {"level": level, "pts": []} if level <= max_level else None
                if cur is not None:
                    pieces.append(cur)
            elif cur is not None:
                x, y = (float(v) for v in line.split()[:2])
                p = (round(x, 6), round(y, 6))
                if not cur["pts"] or cur["pts"][-1] != p:
                    cur["pts"].append(p)
    # GMT repeats a piece that lies on a bin edge; keep one copy.
    seen = set()
    unique = []
    for p in pieces:
        key = tuple(p["pts"])
        if len(key) >= 2 and key not in seen and key[::-1] not in seen:
            seen.add(key)
            unique.append(p)
    snap_ends(unique)
    return unique


def snap_ends(pieces, tol=0.003):
    """Moves piece end points that lie within tol degrees of each other onto
    one point: GSHHG's per-bin pieces of one line do not always meet exactly
    (bin edges are stored with limited precision)."""
    reps = []
    grid = {}
    for pc in pieces:
        for idx in (0, -1):
            x, y = pc["pts"][idx]
            gx, gy = int(x / tol), int(y / tol)
            found = None
            for cx in (gx - 1, gx, gx + 1):
                for cy in (gy - 1, gy, gy + 1):
                    for r in grid.get((cx, cy), []):
                        if abs(r[0] - x) <= tol and abs(r[1] - y) <= tol:
                            found = r
                            break
                    if found:
                        break
                if found:
                    break
            if found is None:
                found = (x, y)
                grid.setdefault((gx, gy), []).append(found)
            pc["pts"][idx] = found


def split_at_confluences(pieces, tol_km=3.0):
    """Makes the river network a graph whose pieces meet at their ends.

    In GSHHG a tributary ends on (or a little short of) the middle of the
    river it joins.  For each piece end that lies within tol_km of an inner
    vertex of another piece, the end is extended to that vertex and the other
    piece is split there."""
    ends = set()
    for pc in pieces:
        ends.add(pc["pts"][0])
        ends.add(pc["pts"][-1])
    splits = {}
    for ai, a in enumerate(pieces):
        for idx in (0, -1):
            e = a["pts"][idx]
            best = None
            for bi, b in enumerate(pieces):
                if bi == ai:
                    continue
                for j in range(1, len(b["pts"]) - 1):
                    v = b["pts"][j]
                    if abs(v[0] - e[0]) > 0.05 or abs(v[1] - e[1]) > 0.05:
                        continue
                    d = km(e, v)
                    if d <= tol_km and (best is None or d < best[0]):
                        best = (d, bi, j)
            if best is None:
                continue
            # An end already joined to another end is not a confluence.
            if any(km(e, o) < 0.5 for o in ends if o != e):
                continue
            _, bi, j = best
            v = pieces[bi]["pts"][j]
            if v != e:
                if idx == 0:
                    a["pts"].insert(0, v)
                else:
                    a["pts"].append(v)
            # Recorded by coordinate: indices shift when ends are extended.
            splits.setdefault(bi, set()).add(v)
    out = []
    for i, pc in enumerate(pieces):
        at = splits.get(i, set())
        cuts = [j for j in range(1, len(pc["pts"]) - 1) if pc["pts"][j] in at]
        start = 0
        for j in cuts + [len(pc["pts"]) - 1]:
            if j > start:
                out.append({"level": pc["level"], "pts": pc["pts"][start:j + 1]})
            start = j
    return out


def km(a, b):
    """Equirectangular distance in km, good enough at these scales."""
    k = math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * k, a[1] - b[1]) * 111.2


def seg_dist(p, a, b):
    k = math.cos(math.radians(p[1]))
    ax, ay, bx, by = a[0] * k, a[1], b[0] * k, b[1]
    px, py = p[0] * k, p[1]
    dx, dy = bx - ax, by - ay
    t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy) * 111.2


def piece_dist(p, pts):
    return min(seg_dist(p, pts[i], pts[i + 1]) for i in range(len(pts) - 1))


def shortest_path(pieces, adj, start, goal):
    """Dijkstra over pieces; returns the list of piece indices or None."""
    import heapq
    length = [sum(km(pc["pts"][i], pc["pts"][i + 1]) for i in range(len(pc["pts"]) - 1)) for pc in pieces]
    dist = {start: length[start]}
    prev = {}
    heap = [(length[start], start)]
    while heap:
        d, u = heapq.heappop(heap)
        if u == goal:
            path = [u]
            while u in prev:
                u = prev[u]
                path.append(u)
            return path[::-1]
        if d > dist.get(u, 1e18):
            continue
        for v in sorted(adj[u]):
            nd = d + length[v]
            if nd < dist.get(v, 1e18):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(heap, (nd, v))
    return None


def merge_lines(lines):
    """Joins lines that meet end to end (where exactly two lines meet)."""
    lines = [list(l) for l in lines]
    changed = True
    while changed:
        changed = False
        ends = {}
        for i, l in enumerate(lines):
            ends.setdefault(l[0], []).append(i)
            ends.setdefault(l[-1], []).append(i)
        for pt, ids in sorted(ends.items()):
            if len(ids) != 2 or ids[0] == ids[1]:
                continue
            a, b = lines[ids[0]], lines[ids[1]]
            if a[-1] != pt:
                a.reverse()
            if b[0] != pt:
                b.reverse()
            lines[ids[0]] = a + b[1:]
            del lines[ids[1]]
            changed = True
            break
    return sorted(lines)


def cmd_rivers(src, out, max_level):
    pieces = split_at_confluences(parse_gmt(src, int(max_level)))
    ends = {}
    for i, pc in enumerate(pieces):
        ends.setdefault(pc["pts"][0], set()).add(i)
        ends.setdefault(pc["pts"][-1], set()).add(i)
    adj = [set() for _ in pieces]
    for ids in ends.values():
        for i in ids:
            adj[i] |= ids - {i}
    owner = {}
    feats = []
    for rid, name, sections in RIVERS:
        used = []
        for anchors in sections:
            near = []
            for a in anchors:
                d, i = min((piece_dist(a, pc["pts"]), i) for i, pc in enumerate(pieces))
                if d > 5.0:
                    die("river %s: no GSHHG river within 5 km of %s (nearest %.1f km)" % (rid, a, d))
                near.append(i)
            for s, g in zip(near, near[1:]):
                path = shortest_path(pieces, adj, s, g)
                if path is None:
                    die("river %s: GSHHG network has no path between the pieces near %s and %s"
                        % (rid, anchors[near.index(s)], anchors[near.index(g)]))
                used.extend(path)
        for i in sorted(set(used)):
            owner[i] = rid
        lines = merge_lines([pieces[i]["pts"] for i in sorted(set(used))])
        feats.append(feature({"id": rid, "name_en": name},
                             {"type": "MultiLineString", "coordinates": lines}))
    rest = merge_lines([pc["pts"] for i, pc in enumerate(pieces) if i not in owner])
    for n, l in enumerate(rest, 1):
        if sum(km(l[i], l[i + 1]) for i in range(len(l) - 1)) < 10.0:
            continue
        feats.append(feature({"id": "river-%d" % n, "name_en": ""},
                             {"type": "LineString", "coordinates": l}))
    write_fc(out, feats)


def point_in_ring(p, ring):
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def ring_area_km2(ring):
    k = math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        s += x1 * k * y2 - x2 * k * y1
    return abs(s) / 2 * 111.2 * 111.2


def cmd_lakes(src, out, min_km2):
    lines = merge_lines([pc["pts"] for pc in parse_gmt(src)])
    rings = [l for l in lines if l[0] == l[-1] and len(l) >= 4]
    feats = []
    named = set()
    for n, ring in enumerate(rings, 1):
        area = ring_area_km2(ring)
        props = None
        for lid, name, pt in LAKES:
            if point_in_ring(pt, ring):
                props = {"id": lid, "name_en": name}
                named.add(lid)
        if props is None:
            if area < float(min_km2):
                continue
            props = {"id": "lake-%d" % n, "name_en": ""}
        feats.append(feature(props, {"type": "Polygon", "coordinates": [ring]}))
    missing = [lid for lid, _, _ in LAKES if lid not in named]
    if missing:
        die("lakes: no closed GSHHG lake contains the point of " + ", ".join(missing))
    feats.sort(key=lambda f: f["properties"]["id"])
    write_fc(out, feats)


def cmd_countries(src, out):
    feats = []
    for f in read_fc(src):
        iso = f["properties"]["iso_a2"]
        if iso not in COUNTRY_NAMES:
            die("countries: no names for %s (%s); add it to COUNTRY_NAMES" % (iso, f["properties"].get("NAME")))
        en, az, tr, hy, ru = COUNTRY_NAMES[iso]
        feats.append(feature({"iso_a2": iso, "name_en": en, "name_az": az, "name_tr": tr,
                              "name_hy": hy, "name_ru": ru}, f["geometry"]))
    feats.sort(key=lambda f: f["properties"]["iso_a2"])
    write_fc(out, feats)


def ring_area(ring):
    """Planar area of a ring in square degrees (shoelace)."""
    return abs(sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
                   for i in range(len(ring) - 1))) / 2


def cmd_caucasus(src, out, min_area="1e-5"):
    """The inset's locator layer: iso_a2 and the English name from
    COUNTRY_NAMES, one feature per country, sorted by iso_a2.  Polygons whose
    outer ring is under min_area square degrees are dropped: simplifying
    before clipping leaves a few zero-width slivers along the box edge."""
    feats = []
    for f in read_fc(src):
        iso = f["properties"]["iso_a2"]
        if iso not in COUNTRY_NAMES:
            die("caucasus: no names for %s; add it to COUNTRY_NAMES" % iso)
        g = f["geometry"]
        if not g:
            continue
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        polys = [p for p in polys if ring_area(p[0]) >= float(min_area)]
        if not polys:
            continue
        feats.append(feature({"iso_a2": iso, "name_en": COUNTRY_NAMES[iso][0]},
                             {"type": "MultiPolygon", "coordinates": polys}))
    feats.sort(key=lambda f: f["properties"]["iso_a2"])
    if len({f["properties"]["iso_a2"] for f in feats}) != len(feats):
        die("caucasus: a country appears twice in %s" % src)
    write_fc(out, feats)


# --------------------------------------------------------------------------
# The gazetteer.

def tsv_rows(path, strict=True):
    """(line number, row) for each row of a tab-separated file with '#'
    comments and a header line; a row is a dict by the header's names.  With
    `strict`, a row must have as many columns as the header."""
    header = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if strict and len(cols) != len(header):
                die("%s:%d: %d columns, expected %d" % (path, lineno, len(cols), len(header)))
            yield lineno, dict(zip(header, cols))
    if header is None:
        die("%s: no header" % path)


def read_gazetteer(path):
    """The gazetteer's rows by id, each with its line number in "_line"."""
    rows = {}
    for lineno, row in tsv_rows(path, strict=False):
        row["_line"] = lineno
        rows[row["id"]] = row
    return rows


def cmd_admin1(src, gazetteer, out):
    gaz = read_gazetteer(gazetteer)
    by_name = {}
    for r in gaz.values():
        if r.get("kind") in ("district", "region"):
            by_name.setdefault((r.get("country", ""), r["name"].lower()), r["id"])
    feats = []
    for f in read_fc(src):
        gn = f["properties"]["gn_name"]
        if gn not in ADMIN1:
            die("admin1: unknown Natural Earth unit %r; add it to ADMIN1" % gn)
        name, slug, kind = ADMIN1[gn]
        iso = f["properties"]["iso_a2"]
        # Prefer the gazetteer's id for the same unit, so that labels and
        # shapes agree; the slug is the fallback.
        gid = by_name.get((iso, name.lower())) or by_name.get((iso, (name + " district").lower())) \
            or by_name.get((iso, (name + " province").lower()))
        if gid is None and slug in gaz and gaz[slug].get("kind") in ("district", "region"):
            gid = slug
        feats.append(feature({"id": gid or slug, "name_en": name, "country": iso, "kind": kind},
                             f["geometry"]))
    feats.sort(key=lambda f: (f["properties"]["country"], f["properties"]["id"]))
    ids = [f["properties"]["id"] for f in feats]
    if len(set(ids)) != len(ids):
        die("admin1: duplicate ids")
    write_fc(out, feats)


def ids_in(path):
    """The ids of the features of a GeoJSON file; none when it is absent."""
    try:
        return {f["properties"]["id"] for f in read_fc(path)}
    except FileNotFoundError:
        return set()


def read_tsv(path):
    """Rows of a tab-separated file with '#' comments and a header line,
    each with its place ("file:line") in "_where"."""
    rows = []
    for lineno, row in tsv_rows(path):
        row["_where"] = "%s:%d" % (path, lineno)
        rows.append(row)
    return rows


def coord(gaz, gid):
    r = gaz[gid]
    return [round(float(r["lon"]), 6), round(float(r["lat"]), 6)]


# Fields of each layer built from data/lines.tsv, in order.
LINE_LAYERS = {
    "routes": ["id", "name", "highway", "mode", "schematic", "note"],
    "patrols": ["id", "name", "name_alt", "since", "schematic", "note"],
    "sites": ["id", "name", "kind", "opened", "note"],
    "corridor": ["id", "name"],
    "cut": ["id", "name"],
}
# data/lines.tsv layers written into another layer's file.
LAYER_OF = {"routes-ref": "routes"}


def read_ref(path):
    """data/ref/NAME.tsv (label, lat, lon; '#' header comments) -> list of
    (label, [lon, lat])."""
    out = []
    for r in read_tsv(path):
        out.append((r["label"], [round(float(r["lon"]), 6), round(float(r["lat"]), 6)]))
    return out


def ref_points(refdir, spec, where):
    """Vertices of a ref spec 'NAME[@FROM..TO]': the waypoints of
    data/ref/NAME.tsv from label FROM to label TO, in that order (reversed
    when FROM comes after TO in the file); the whole file without @."""
    name, _, rng = spec.partition("@")
    path = os.path.join(refdir, name + ".tsv")
    if not os.path.exists(path):
        die("%s: %s: no reference polyline %s" % (where, spec, path))
    wpts = read_ref(path)
    if not rng:
        return [c for _, c in wpts]
    a, sep, b = rng.partition("..")
    labels = [l for l, _ in wpts]
    for lab in (a, b):
        if not sep or labels.count(lab) != 1:
            die("%s: %s: label %r not found once in %s" % (where, spec, lab, path))
    i, j = labels.index(a), labels.index(b)
    if i <= j:
        return [c for _, c in wpts[i:j + 1]]
    return [c for _, c in wpts[j:i + 1]][::-1]


def ref_chain(refdir, ref, where):
    """The line of a data/lines.tsv `ref` column: its specs' waypoints
    chained, repeated joints dropped."""
    pts = []
    for spec in [v.strip() for v in ref.split(",") if v.strip()]:
        for c in ref_points(refdir, spec, where):
            if not pts or pts[-1] != c:
                pts.append(c)
    return pts


def cmd_lines(lines_path, gazetteer, outdir):
    """data/lines.tsv + gazetteer + data/ref -> OUTDIR/<layer>.geojson for
    each layer whose rows all resolve, OUTDIR/points.geojson (every gazetteer
    row), and OUTDIR/missing.tsv (row id, missing gazetteer id) for the rest."""
    gaz = read_gazetteer(gazetteer)
    refdir = os.path.join(os.path.dirname(os.path.abspath(lines_path)), "ref")
    rows = read_tsv(lines_path)
    by_layer = {k: [] for k in LINE_LAYERS}
    missing = []
    for row in rows:
        layer = row["layer"]
        if LAYER_OF.get(layer, layer) not in LINE_LAYERS:
            die("%s: unknown layer %r" % (row["_where"], layer))
        ids = [v.strip() for v in row["vertices"].split(",") if v.strip()]
        lost = [v for v in ids if v not in gaz]
        for v in lost:
            missing.append((layer, row["id"], v))
        if lost:
            by_layer[LAYER_OF.get(layer, layer)].append(None)
            continue
        if row.get("ref"):
            if layer not in ("routes-ref", "corridor"):
                die("%s: only routes-ref and corridor rows take a ref" % row["_where"])
            pts = ref_chain(refdir, row["ref"], row["_where"])
        elif layer == "routes-ref":
            die("%s: a routes-ref row needs a ref" % row["_where"])
        else:
            pts = [coord(gaz, v) for v in ids]
        layer = LAYER_OF.get(layer, layer)
        if layer == "sites":
            if len(pts) != 1:
                die("%s: a site has exactly one vertex" % row["_where"])
            geom = {"type": "Point", "coordinates": pts[0]}
        elif layer == "cut":
            if len(pts) < 3:
                die("%s: a cut ring needs three vertices or more" % row["_where"])
            geom = {"type": "Polygon", "coordinates": [pts + [pts[0]]]}
        else:
            if len(pts) < 2:
                die("%s: a line needs two vertices or more" % row["_where"])
            geom = {"type": "LineString", "coordinates": pts}
        props = {}
        for field in LINE_LAYERS[layer]:
            if field == "kind":
                props["kind"] = row["mode"]
            elif field == "opened":
                props["opened"] = row["since"] or None
            elif field == "since":
                props["since"] = row["since"] or None
            elif field == "schematic":
                props["schematic"] = int(row["schematic"] or 0)
            else:
                props[field] = row[field]
        by_layer[layer].append(feature(props, geom))
    for layer, feats in by_layer.items():
        if layer in ("corridor", "cut"):
            # Inputs of derivations: each row stands alone, and
            # cmd_regions reports the regions whose input is missing.
            feats = [f for f in feats if f is not None]
        elif None in feats:
            continue
        if feats:
            write_fc("%s/%s.geojson" % (outdir, layer), feats)
    pts = [feature({"id": gid}, {"type": "Point", "coordinates": coord(gaz, gid)})
           for gid in sorted(gaz)]
    write_fc("%s/points.geojson" % outdir, pts)
    with open("%s/missing.tsv" % outdir, "w", encoding="utf-8") as f:
        for layer, rid, v in missing:
            f.write("%s\t%s\t%s\n" % (layer, rid, v))


def sql_str(v):
    return "'" + v.replace("'", "''") + "'"


UTM = 32638  # UTM zone 38N: metric buffers around Karabakh (42-48 E).


def cmd_regions(regions_path, outdir):
    """Writes OUTDIR/regions.list: one line per region, 'id<TAB>sql-file',
    in file order, and the SpatiaLite SQL that derives each polygon from
    the work database (layers admin1, countries, nkao, points, corridor,
    cut, and r_<id> for every region above).  A region whose cut ring is
    missing (see missing.tsv) is left uncut and listed in fallback.tsv."""
    rows = read_tsv(regions_path)
    have_cut = ids_in("%s/cut.geojson" % outdir)
    have_corridor = ids_in("%s/corridor.geojson" % outdir)
    done = set()
    listing = []
    fallback = []
    for row in rows:
        rid = row["id"]
        base = row["base"]
        if base == "nkao":
            expr = "(SELECT ST_Union(geom) FROM nkao)"
        elif base.startswith("corridor:"):
            _, cid, half = base.split(":")
            if cid not in have_corridor:
                die("%s: corridor %s not built (missing gazetteer ids, see above)" % (row["_where"], cid))
            expr = ("ST_Transform(ST_Buffer(ST_Transform((SELECT geom FROM corridor WHERE id=%s), %d), %g), 4326)"
                    % (sql_str(cid), UTM, float(half) * 1000))
        else:
            ids = ",".join(sql_str(b.strip()) for b in base.split(","))
            expr = "(SELECT ST_Union(geom) FROM admin1 WHERE id IN (%s))" % ids
        clip = row["clip"]
        if clip.startswith("buffer:"):
            _, gid, r = clip.split(":")
            expr = ("ST_Intersection(%s, ST_Transform(ST_Buffer(ST_Transform((SELECT geom FROM points WHERE id=%s), %d), %g, 32), 4326))"
                    % (expr, sql_str(gid), UTM, float(r) * 1000))
        elif clip.startswith("country:"):
            expr = "ST_Intersection(%s, (SELECT ST_Union(geom) FROM countries WHERE iso_a2=%s))" % (
                expr, sql_str(clip.split(":")[1]))
        elif clip:
            if clip in have_cut:
                expr = "ST_Intersection(%s, (SELECT geom FROM cut WHERE id=%s))" % (expr, sql_str(clip))
            else:
                fallback.append((rid, clip))
        for m in [m.strip() for m in row["minus"].split(",") if m.strip()]:
            kind, _, arg = m.partition(":")
            if kind == "nkao":
                other = "(SELECT ST_Union(geom) FROM nkao)"
            elif kind == "region":
                if arg not in done:
                    die("%s: region:%s must come from a row above" % (row["_where"], arg))
                other = "(SELECT ST_Union(geom) FROM r_%s)" % arg.replace("-", "_")
            elif kind == "buffer":
                gid, _, r = arg.partition(":")
                other = ("ST_Transform(ST_Buffer(ST_Transform((SELECT geom FROM points WHERE id=%s), %d), %g, 32), 4326)"
                         % (sql_str(gid), UTM, float(r) * 1000))
            else:
                die("%s: unknown minus term %r" % (row["_where"], m))
            expr = "ST_Difference(%s, %s)" % (expr, other)
        sql = "SELECT %s AS id, CastToMultiPolygon(%s) AS geom" % (sql_str(rid), expr)
        path = "%s/r_%s.sql" % (outdir, rid.replace("-", "_"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(sql + "\n")
        listing.append("%s\t%s\n" % (rid, path))
        done.add(rid)
    with open("%s/regions.list" % outdir, "w", encoding="utf-8") as f:
        f.writelines(listing)
    with open("%s/fallback.tsv" % outdir, "w", encoding="utf-8") as f:
        for rid, clip in fallback:
            f.write("%s\t%s\n" % (rid, clip))


def cmd_assemble(regions_path, outdir):
    """Joins the derived geometries (OUTDIR/r_<id>.geojson) with the
    attributes of data/regions.tsv into OUTDIR/handover.geojson and
    OUTDIR/peacekeeping.geojson."""
    fallback = {}
    with open("%s/fallback.tsv" % outdir, encoding="utf-8") as f:
        for line in f:
            rid, clip = line.rstrip("\n").split("\t")
            fallback[rid] = clip
    out = {"handover": [], "peacekeeping": []}
    for row in read_tsv(regions_path):
        rid = row["id"]
        feats = read_fc("%s/r_%s.geojson" % (outdir, rid.replace("-", "_")))
        if len(feats) != 1 or feats[0]["geometry"] is None:
            die("%s: region %s came out empty" % (row["_where"], rid))
        note = row["note"]
        schematic = int(row["schematic"] or 0)
        if rid in fallback:
            note += " [NOT CUT: cut ring %s lacks gazetteer waypoints; whole unit drawn]" % fallback[rid]
            schematic = 1
        if row["layer"] == "handover":
            props = {"id": rid, "name": row["name"], "status": row["status"],
                     "article": row["article"], "deadline": row["deadline"] or None,
                     "handed": row["handed"] or None, "note": note, "schematic": schematic}
        elif row["layer"] == "peacekeeping":
            props = {"id": rid, "name": row["name"], "kind": row["kind"],
                     "article": row["article"], "since": row["since"] or None,
                     "schematic": schematic, "note": note}
        else:
            die("%s: unknown layer %r" % (row["_where"], row["layer"]))
        out[row["layer"]].append(feature(props, feats[0]["geometry"]))
    for layer, feats in out.items():
        write_fc("%s/%s.geojson" % (outdir, layer), feats)


def cmd_ring(src, out, rid):
    """Joins the lines of SRC (GeoJSON) into one closed ring -> Polygon.

    Used for the 1991 outline of the Nagorno-Karabakh Autonomous Oblast,
    which Natural Earth ships as nine disputed-border lines whose ends miss
    each other by up to a few hundred metres."""
    pieces = []
    for f in read_fc(src):
        g = f["geometry"]
        parts = g["coordinates"] if g["type"] == "MultiLineString" else [g["coordinates"]]
        for part in parts:
            pieces.append({"level": 0, "pts": [tuple(round(c, 6) for c in p[:2]) for p in part]})
    snap_ends(pieces, tol=0.005)
    rings = merge_lines([p["pts"] for p in pieces])
    if len(rings) != 1 or rings[0][0] != rings[0][-1]:
        die("%s: the lines do not close into one ring (%d parts)" % (src, len(rings)))
    write_fc(out, [feature({"id": rid}, {"type": "Polygon", "coordinates": [rings[0]]})])


def cmd_mainroads(refdir, out):
    """data/ref/*.tsv -> OUT (GeoJSON lines): the main-roads layer, one
    feature per reference polyline, with its designation and provenance from
    the file's header comments."""
    feats = []
    for name in sorted(os.listdir(refdir)):
        if not name.endswith(".tsv"):
            continue
        path = os.path.join(refdir, name)
        meta = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    break
                body = line[1:].strip()
                if body.startswith("Reference polyline "):
                    meta["desig"] = body.split("(", 1)[1].split(")", 1)[0]
                elif body.startswith("source:"):
                    meta["file"] = body.split("file:", 1)[1].strip()
                elif body.startswith("commit:"):
                    meta["commit"] = body.split()[1]
                    meta["date"] = body.split("(", 1)[1].rstrip(")")
                elif body.startswith("note:"):
                    meta["note"] = body[5:].strip()
        rid = name[:-4]
        pts = [c for _, c in read_ref(path)]
        country = "AM" if rid.startswith("arm.") else "AZ"
        deleted = "deleted from TravelMapping" in meta.get("note", "")
        feats.append(feature({
            "id": rid, "highway": meta.get("desig", ""), "country": country,
            "kind": "E-road" if meta.get("desig", "").startswith("E") else
                    ("AH-road" if meta.get("desig", "").startswith("AH") else "M-road"),
            "until": "2023-09-20" if deleted else None,
            "source": "TravelMapping %s @%s" % (meta.get("file", ""), meta.get("commit", "")[:7]),
            "note": meta.get("note", "")}, {"type": "LineString", "coordinates": pts}))
    write_fc(out, feats)


def cmd_fixdbf(*paths):
    """Sets the 'last update' date in DBF headers to a fixed value.

    GDAL writes today's date into bytes 1-3 of every .dbf; a fixed date
    (2020-11-10, the day of the statement) keeps regenerated files
    byte-identical."""
    for p in paths:
        with open(p, "r+b") as f:
            f.seek(1)
            f.write(bytes([120, 11, 10]))


COMMANDS = {
    "rivers": cmd_rivers,
    "lakes": cmd_lakes,
    "countries": cmd_countries,
    "caucasus": cmd_caucasus,
    "admin1": cmd_admin1,
    "fixdbf": cmd_fixdbf,
    "mainroads": cmd_mainroads,
    "lines": cmd_lines,
    "ring": cmd_ring,
    "regions": cmd_regions,
    "assemble": cmd_assemble,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        die("usage: shapes.py {%s} ARGS..." % "|".join(sorted(COMMANDS)))
    COMMANDS[sys.argv[1]](*sys.argv[2:])
