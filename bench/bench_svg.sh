#!/bin/sh
# bench_svg.sh - the default map at 1600 x 1200 as PNG, as SVG with text (the
# default) and as SVG of glyph outlines (--svg-text outlines), each run a
# fresh process, in turns (bench/rounds.py): median wall and CPU time with
# quartiles, the SVGs against the PNG, and each file's size.  Issue 13's
# target: the SVG takes no more time than the PNG and is at most 400 KB.
#
# usage: bench/bench_svg.sh [GAZMAP_BINARY] [RUNS]
# needs: python3.
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init "$@"

png="$gazmap render --width 1600 --height 1200 -o $work/map.png"
svg="$gazmap render --width 1600 --height 1200 -o $work/map.svg"
out="$gazmap render --width 1600 --height 1200 --svg-text outlines -o $work/outlines.svg"

bench_load before
PYTHONPATH="$here/bench" python3 - "$runs" "$png" "$svg" "$out" <<'EOF2'
import sys
from rounds import quart, rounds
runs = int(sys.argv[1])
names = ['PNG', 'SVG (text)', 'SVG (outlines)']
wall, cpu = rounds([c.split() for c in sys.argv[2:5]], runs)
base_w, base_c = quart(wall[0])[0], quart(cpu[0])[0]
print(f'{runs} rounds, medians [quartiles], ms')
for i, name in enumerate(names):
    w, c = quart(wall[i]), quart(cpu[i])
    print(f'{name:15s} wall {w[0]:7.1f} [{w[1]:.1f} {w[2]:.1f}]  cpu {c[0]:7.1f} [{c[1]:.1f} {c[2]:.1f}]'
          f'  / PNG: wall {w[0] / base_w:.2f}x, cpu {c[0] / base_c:.2f}x')
EOF2
bench_load after
for f in map.png map.svg outlines.svg; do
  printf '%-13s %8d bytes\n' "$f" "$(stat -c %s "$work/$f")"
done
