#!/bin/sh
# look-check.sh - the SVG looks the same as the PNG in a browser (issue 13).
#
# Renders one map as PNG and as SVG (text, not glyph outlines), screenshots
# the SVG in headless Chromium at the PNG's size, and compares the two
# images block by block: the mean colour of every 16 x 16 block may differ
# by at most MAX_BLOCK levels (font hinting and antialiasing move single
# pixels, not whole blocks), and at most MAX_PIXELS of the pixels by more
# than 64 levels.  A missing layer, label or legend row, a wrong colour or
# a label in another place changes whole blocks and fails.
#
# With --control the labels group is removed from the SVG first: the check
# must then FAIL, which shows it sees a difference of that size.
#
# usage: tests/svg/look-check.sh [--control] GAZMAP_BINARY WORK_DIR [RENDER OPTIONS...]
# needs: chromium, Debian's python3 with python3-gdal (numpy), as
# tools/check.sh installs.  Exit status: 0 alike; 1 they differ; 2 cannot
# run; 77 chromium or GDAL's Python bindings are missing (CTest: skipped).
set -eu

control=0
if [ "${1:-}" = "--control" ]; then
  control=1
  shift
fi
gazmap=$1
work=$2
shift 2
mkdir -p "$work"
W=1600
H=1200
MAX_BLOCK=${MAX_BLOCK:-24}
MAX_PIXELS=${MAX_PIXELS:-0.03}

command -v chromium >/dev/null || { echo "look-check: chromium is not installed" >&2; exit 77; }
/usr/bin/python3 -c 'from osgeo import gdal; import numpy' 2>/dev/null ||
  { echo "look-check: python3-gdal is not installed" >&2; exit 77; }
[ -x "$gazmap" ] || { echo "look-check: no gazmap binary at $gazmap" >&2; exit 2; }

"$gazmap" render --width $W --height $H "$@" -o "$work/map.png"
"$gazmap" render --width $W --height $H --svg-text text "$@" -o "$work/map.svg"
if [ $control = 1 ]; then
  # Drop the labels: everything from the labels group's start to the end of
  # the map group (the labels are its last child).
  /usr/bin/python3 - "$work/map.svg" <<'PY'
import re, sys
s = open(sys.argv[1], encoding='utf-8').read()
s2 = re.sub(r'<g id="[^"]*labels" class="labels">.*?</text>\n</g>\n', '', s, flags=re.S)
assert s2 != s, 'no labels group'
open(sys.argv[1], 'w', encoding='utf-8').write(s2)
PY
fi

profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$profile" \
  --screenshot="$work/shot.png" --window-size=$W,$H "file://$work/map.svg" >/dev/null 2>&1 || true
rm -rf "$profile"
[ -s "$work/shot.png" ] || { echo "look-check: chromium wrote no screenshot" >&2; exit 2; }

set +e
/usr/bin/python3 - "$work/map.png" "$work/shot.png" "$MAX_BLOCK" "$MAX_PIXELS" <<'PY'
import sys
import numpy as np
from osgeo import gdal

png, shot = (gdal.Open(p).ReadAsArray()[:3].astype(np.int32) for p in sys.argv[1:3])
max_block, max_pixels = float(sys.argv[3]), float(sys.argv[4])
if png.shape != shot.shape:
    print(f'look-check: sizes differ: PNG {png.shape}, screenshot {shot.shape}')
    sys.exit(1)
far = (np.abs(png - shot).max(axis=0) > 64).mean()
n = 16
c, h, w = png.shape
def blocks(a):
    return a[:, :h // n * n, :w // n * n].reshape(c, h // n, n, w // n, n).mean(axis=(2, 4))
bd = np.abs(blocks(png) - blocks(shot)).max(axis=0)
y, x = np.unravel_index(np.argmax(bd), bd.shape)
print(f'pixels more than 64 levels apart: {far:.2%} (at most {max_pixels:.2%})')
print(f'largest 16x16 block difference: {bd.max():.1f} levels at x={x * n}, y={y * n} '
      f'(at most {max_block:g})')
sys.exit(0 if far <= max_pixels and bd.max() <= max_block else 1)
PY
status=$?
if [ $status = 0 ]; then
  echo "look-check: PASS - the SVG in Chromium looks like the PNG ($work)"
else
  echo "look-check: FAIL - the SVG in Chromium differs from the PNG ($work)"
fi
exit $status
