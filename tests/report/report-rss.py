#!/usr/bin/env python3
"""Issue 14: `gazmap report` in bounded memory.

Writes a small and a large text (2 MB and 20 MB of a paragraph that names a
place every few words, the densest kind of text for a report), runs
`gazmap report` on each in a child process and reads the child's peak
resident memory with getrusage(RUSAGE_CHILDREN).  The text itself is mapped,
so its pages may count once; anything that holds the mentions or the page in
memory (about 8 bytes of page and 5 of mentions per byte of this text) adds
far more.  Fails when the peak grows by more than 1.5 bytes per byte of
extra text.

usage: report-rss.py GAZMAP"""
import os
import resource
import subprocess
import sys
import tempfile

PARA = ("On 20 November Aghdam was returned, Kalbajar on 25 November and Lachin on "
        "1 December; Shusha, Khankendi and the Lachin corridor stayed under the "
        "Russian peacekeepers.\n\n")
SLOPE = 1.5  # bytes of peak memory allowed per byte of text


def peak_kb(gazmap, mb, tmp):
    text = os.path.join(tmp, "text%d.txt" % mb)
    with open(text, "w") as f:
        f.write(PARA * (mb * 1000 * 1000 // len(PARA) + 1))
    # A fresh interpreter per size: RUSAGE_CHILDREN keeps the largest child's peak.
    code = ("import resource,subprocess,sys;"
            "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL).returncode;"
            "print(r,resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code, gazmap, "report", text, "-o",
                          os.path.join(tmp, "out.html")],
                         check=True, capture_output=True, text=True).stdout.split()
    rc, kb = int(out[0]), int(out[1])
    size = os.path.getsize(os.path.join(tmp, "out.html"))
    os.unlink(os.path.join(tmp, "out.html"))
    os.unlink(text)
    if rc != 0:
        sys.exit("report on %d MB: exit %d" % (mb, rc))
    print("text %d MB: peak %d KB, page %d bytes" % (mb, kb, size))
    return kb


def main():
    gazmap = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        small = peak_kb(gazmap, 2, tmp)
        large = peak_kb(gazmap, 20, tmp)
    grown = (large - small) * 1024
    allowed = SLOPE * 18 * 1000 * 1000
    print("grew %d bytes for 18 MB more text (allowed %d)" % (grown, allowed))
    if grown > allowed:
        sys.exit("FAIL: report's memory grows with its input (%.1f bytes per byte of text)"
                 % (grown / 18e6))


main()
