#!/bin/sh
# svg-embed-check.sh - proves that two different gazmap SVG maps inlined in one
# HTML page do not steal each other's glyphs and clip paths.
#
# Renders map A (English, latest state) and map B (Armenian labels, 22 Nov
# 2020) as SVG, inlines both in one page, screenshots it in headless Chromium,
# and compares the pixels with screenshots of pages holding each map alone
# (at the same place).  Exit 0 when they match.
#
# With --strip-prefixes the per-map id prefixes are removed from both SVGs
# first, recreating cairo's colliding ids: the check must then FAIL, which
# shows it can see the problem it guards against.
#
# usage: tools/svg-embed-check.sh [--strip-prefixes] [GAZMAP_BINARY] [WORK_DIR]
# needs: chromium (Debian package 'chromium'), python3.
# Exit status: 0 the maps look the same together as alone; 1 they interfere;
# 2 cannot run; 77 chromium is not installed (CTest counts it as skipped).
set -eu

strip=0
if [ "${1:-}" = "--strip-prefixes" ]; then
  strip=1
  shift
fi
here=$(cd "$(dirname "$0")/.." && pwd)
gazmap=${1:-$here/build/bin/gazmap}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
W=800
H=600

command -v chromium >/dev/null || { echo "svg-embed-check: chromium is not installed" >&2; exit 77; }
[ -x "$gazmap" ] || { echo "svg-embed-check: no gazmap binary at $gazmap" >&2; exit 2; }

"$gazmap" render --width $W --height $H -o "$work/a.svg"
"$gazmap" render --width $W --height $H --lang hy --date 2020-11-22 -o "$work/b.svg"
if [ $strip = 1 ]; then
  # Undo the prefixes "a-" and "b-" in ids and in every reference to them.
  for m in a b; do
    sed -e "s/id=\"$m-/id=\"/g" -e "s/href=\"#$m-/href=\"#/g" -e "s/url(#$m-/url(#/g" \
      "$work/$m.svg" > "$work/$m.tmp" && mv "$work/$m.tmp" "$work/$m.svg"
  done
fi

# Inline SVG (without its XML declaration) or an empty box of the same size.
cell() {
  if [ "$1" = "-" ]; then
    printf '<div style="width:%spx;height:%spx"></div>\n' $W $H
  else
    printf '<div style="width:%spx;height:%spx">' $W $H
    sed '1{/^<?xml/d}' "$1"
    printf '</div>\n'
  fi
}
page() { # page OUT TOP BOTTOM
  {
    printf '<!DOCTYPE html><html><head><meta charset="utf-8"><style>'
    printf 'html,body{margin:0;padding:0;background:#fff}svg{display:block}</style></head><body>\n'
    cell "$2"
    cell "$3"
    printf '</body></html>\n'
  } > "$1"
}
page "$work/both.html" "$work/a.svg" "$work/b.svg"
page "$work/a-alone.html" "$work/a.svg" -
page "$work/b-alone.html" - "$work/b.svg"

shoot() { # shoot HTML PNG
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$profile" \
    --screenshot="$2" --window-size=$W,$((2 * H)) "file://$1" >/dev/null 2>&1 || true
  rm -rf "$profile"
  [ -s "$2" ] || { echo "svg-embed-check: chromium wrote no screenshot for $1" >&2; exit 2; }
}
shoot "$work/both.html" "$work/both.png"
shoot "$work/a-alone.html" "$work/a-alone.png"
shoot "$work/b-alone.html" "$work/b-alone.png"

# Compare: the top half of 'both' against A alone, the bottom half against B
# alone.  A tiny PNG decoder (8-bit RGB/RGBA, the filters of the PNG spec).
set +e
python3 - "$work" $H <<'EOF'
import struct, sys, zlib

def decode(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, bpp)])
        prev = line
    return rows

work, half = sys.argv[1], int(sys.argv[2])
both, a, b = (decode(f'{work}/{n}.png') for n in ('both', 'a-alone', 'b-alone'))
bad = {'A': 0, 'B': 0}
for y in range(2 * half):
    ref, key = (a, 'A') if y < half else (b, 'B')
    for x in range(len(both[y])):
        if both[y][x] != ref[y][x]:
            bad[key] += 1
total = half * len(both[0])
for key in 'AB':
    print(f'map {key}: {bad[key]} of {total} pixels differ between the shared page and the map alone')
sys.exit(1 if bad['A'] or bad['B'] else 0)
EOF
status=$?
if [ $status = 0 ]; then
  echo "svg-embed-check: PASS - both maps look the same together as alone ($work)"
else
  echo "svg-embed-check: FAIL - the maps interfere on one page ($work)"
fi
exit $status
