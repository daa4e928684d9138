#!/usr/bin/python3
"""Derives the lines of the conflict for make-shapes (Debian python3-shapely).

    /usr/bin/python3 tools/shapes/conflict_lines.py WORKDIR

Reads WORKDIR/nkao.geojson, handover.geojson, peacekeeping.geojson and
countries.geojson; writes WORKDIR/nkao1991.geojson, loc1994.geojson and
loc2020.geojson (lines, fields id, name, since, until, schematic, note):

- nkao1991: the outline of the Nagorno-Karabakh Autonomous Oblast as Natural
  Earth draws it (disputed_borders "Former USSR oblast in 1991").
- loc1994: the 1994-2020 line of contact = the boundary of the area Armenian
  forces held before 27 Sep 2020 (the union of all status areas), without the
  parts that run along the borders of Armenia and Iran (within 1.5 km of them).
- loc2020: the line of 10 Nov 2020 = the boundary of what was left to Armenian
  forces under the peacekeepers (peacekeeping zone and Lachin corridor),
  without the part along the Armenian border.
Both lines of contact inherit the schematic parts of the status areas.
"""
import json
import sys

from shapely.geometry import mapping, shape, LineString, MultiLineString
from shapely.ops import linemerge, unary_union


def load(path):
    return json.load(open(path, encoding="utf-8"))["features"]


def lines_of(g):
    b = g.boundary
    return b


def drop_near(line, others, tol):
    out = line.difference(others.buffer(tol))
    parts = [p for p in getattr(out, "geoms", [out]) if isinstance(p, LineString) and p.length > 0.005]
    merged = linemerge(parts) if parts else MultiLineString([])
    if isinstance(merged, LineString):
        merged = MultiLineString([merged])
    return merged


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def write(path, feats):
    json.dump({"type": "FeatureCollection", "features": feats}, open(path, "w", encoding="utf-8"))


def main(work):
    nkao = unary_union([shape(f["geometry"]) for f in load(work + "/nkao.geojson")])
    areas = {f["properties"]["id"]: shape(f["geometry"])
             for name in ("handover", "peacekeeping") for f in load("%s/%s.geojson" % (work, name))}
    countries = {f["properties"]["iso_a2"]: shape(f["geometry"]) for f in load(work + "/countries.geojson")}
    borders = unary_union([countries["AM"].boundary, countries["IR"].boundary])
    armenia = countries["AM"].boundary
    held_before = unary_union(list(areas.values()))
    held_after = unary_union([areas["peacekeeping-zone"], areas["lachin-corridor"]])
    nk = nkao.boundary
    if isinstance(nk, LineString):
        nk = MultiLineString([nk])
    write(work + "/nkao1991.geojson", [feature(
        {"id": "nkao-1991", "name": "Nagorno-Karabakh Autonomous Oblast, 1991 boundary",
         "since": "1923-07-07", "until": "1991-11-26", "schematic": 0,
         "note": "Natural Earth 1:10m disputed_borders, Former USSR oblast in 1991; the oblast was set up on 7 Jul 1923 and abolished by Azerbaijan on 26 Nov 1991"}, nk)])
    write(work + "/loc1994.geojson", [feature(
        {"id": "loc-1994", "name": "Line of contact 1994-2020",
         "since": "1994-05-12", "until": "2020-09-27", "schematic": 1,
         "note": "edge of the area Armenian forces held from the May 1994 ceasefire to 27 Sep 2020 (union of gazmap's status areas) away from the Armenian and Iranian borders; schematic where those areas are (Aghdam, Fuzuli, Tartar fronts)"},
        drop_near(held_before.boundary, borders, 0.015))])
    write(work + "/loc2020.geojson", [feature(
        {"id": "loc-2020", "name": "Line of contact of 10 November 2020",
         "since": "2020-11-10", "until": "2023-09-20", "schematic": 1,
         "note": "edge of the peacekeeping zone and Lachin corridor (statement of 10 Nov 2020) away from the Armenian border; the line lapsed with Azerbaijan's operation of 19-20 Sep 2023; schematic"},
        drop_near(held_after.boundary, armenia, 0.015))])


if __name__ == "__main__":
    main(*sys.argv[1:])
