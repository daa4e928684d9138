#!/usr/bin/env python3
"""Writes a small shapefile (.shp .shx .dbf) for the hostile cases.

usage: mkshp.py STEM point|line LON,LAT [LON,LAT ...]

A point file gets one record per coordinate pair, a line file one record
holding them all.  Coordinates go in as written, so that "nan", "inf" and
"1e300" reach the file as IEEE doubles.  The .dbf has one character field,
id, with r1, r2, ...; the cases then damage the files with the shell."""
import struct
import sys


def main():
    stem, kind, pairs = sys.argv[1], sys.argv[2], sys.argv[3:]
    pts = [tuple(float(v) for v in p.split(",")) for p in pairs]
    if kind == "point":
        records = [struct.pack("<idd", 1, x, y) for x, y in pts]
        shp_type = 1
    else:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        box = struct.pack("<4d", min(xs), min(ys), max(xs), max(ys))
        body = struct.pack("<i", 3) + box + struct.pack("<ii", 1, len(pts)) + struct.pack("<i", 0)
        body += b"".join(struct.pack("<dd", x, y) for x, y in pts)
        records = [body]
        shp_type = 3
    shp, shx, off = b"", b"", 50
    for i, rec in enumerate(records):
        words = len(rec) // 2
        shp += struct.pack(">ii", i + 1, words) + rec
        shx += struct.pack(">ii", off, words)
        off += 4 + words

    def header(length_bytes):
        finite = [v for p in pts for v in p if v == v and abs(v) != float("inf")] or [0.0]
        return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_bytes // 2)
                + struct.pack("<ii", 1000, shp_type)
                + struct.pack("<8d", min(finite), min(finite), max(finite), max(finite), 0, 0, 0, 0))

    with open(stem + ".shp", "wb") as f:
        f.write(header(100 + len(shp)) + shp)
    with open(stem + ".shx", "wb") as f:
        f.write(header(100 + len(shx)) + shx)
    n = len(records)
    field = b"id".ljust(11, b"\0") + b"C" + b"\0" * 4 + bytes([10, 0]) + b"\0" * 14
    dbf = struct.pack("<BBBBIHH", 3, 126, 1, 1, n, 32 + 32 + 1, 11) + b"\0" * 20 + field + b"\r"
    for i in range(n):
        dbf += b" " + ("r%d" % (i + 1)).encode().ljust(10)
    with open(stem + ".dbf", "wb") as f:
        f.write(dbf + b"\x1a")


if __name__ == "__main__":
    main()
