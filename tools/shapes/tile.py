#!/usr/bin/python3
"""Closes the gaps between gazmap's status areas (run by make-shapes).

    /usr/bin/python3 tools/shapes/tile.py data/regions.tsv WORKDIR

The status areas are cut from two sets of boundaries that do not line up:
Natural Earth's admin-1 districts and its 1991 oblast outline
(disputed_borders).  Every hole left inside the union of the areas
(WORKDIR/r_<id>.geojson, one per data/regions.tsv row) lies in one of the
oblast's successor districts (Khojaly, Khojavend, Shusha, Tartar) but outside
the oblast line, so the oblast line is what is off: each hole is given to the
oblast-derived area (base nkao in data/regions.tsv) that shares the longest
border with it, or, when none touches it, to the area that does (never to a
corridor, whose width is fixed).  Holes are found and measured in degrees
and in UTM 38N; the result is written back to the same files.  Needs Debian
python3-shapely.
"""
import json
import sys

from shapely.geometry import mapping, shape, Polygon, MultiPolygon
from shapely.ops import unary_union

from shapes import read_tsv


def polys(g):
    return [g] if isinstance(g, Polygon) else [p for p in getattr(g, "geoms", []) if isinstance(p, Polygon)]


def main(regions, work):
    rows = read_tsv(regions)
    geo, files = {}, {}
    for r in rows:
        path = "%s/r_%s.geojson" % (work, r["id"].replace("-", "_"))
        fc = json.load(open(path, encoding="utf-8"))
        files[r["id"]] = (path, fc)
        geo[r["id"]] = shape(fc["features"][0]["geometry"])
    union = unary_union(list(geo.values()))
    holes = [Polygon(ring) for p in polys(union) for ring in p.interiors]
    oblast = [r["id"] for r in rows if r["base"] == "nkao"]
    fixed = [r["id"] for r in rows if r["base"].startswith("corridor:")]
    given = []
    for h in holes:
        edge = h.exterior.buffer(1e-5)
        touch = {rid: g.intersection(edge).area for rid, g in geo.items() if rid not in fixed}
        touch = {k: v for k, v in touch.items() if v > 0}
        pick = [k for k in oblast if k in touch] or list(touch)
        if not pick:
            continue
        rid = max(pick, key=lambda k: (touch[k], k))
        geo[rid] = unary_union([geo[rid], h])
        given.append(rid)
    for rid, (path, fc) in files.items():
        g = geo[rid]
        if isinstance(g, Polygon):
            g = MultiPolygon([g])
        fc["features"][0]["geometry"] = mapping(g)
        json.dump(fc, open(path, "w", encoding="utf-8"))
    counts = {k: given.count(k) for k in sorted(set(given))}
    print("tile: %d holes filled: %s" % (len(given), ", ".join("%s %d" % kv for kv in counts.items())),
          file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
