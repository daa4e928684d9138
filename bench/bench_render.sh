#!/bin/sh
# bench_render.sh - wall time, CPU time and peak memory of gazmap's default
# map at 1600 x 1200 (PNG, SVG, PDF) against MapServer's map2img drawing the
# same shapefiles with bench/mapserver/karabakh.map, timed in the same run.
#
# Every run is a fresh process: nothing is cached between runs (the OS file
# cache aside, which both programs share alike).  MapServer gets the
# gazetteer's places as a shapefile, exported once before timing.
#
# The programs take turns round by round (bench/rounds.py); wall and CPU
# time (user + system of the child, from wait4) are reported as medians with
# their quartiles; the ratios use the medians.
#
# usage: bench/bench_render.sh [GAZMAP_BINARY] [RUNS]
# needs: python3, map2img (Debian mapserver-bin), GNU time (/usr/bin/time).
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init "$@"
ms_dir=$here/bench/mapserver

"$gazmap" export --layer places -o "$work/places.shp"
png="$gazmap render --width 1600 --height 1200 -o $work/map.png"
svg="$gazmap render --width 1600 --height 1200 -o $work/map.svg"
pdf="$gazmap render --width 1600 --height 1200 -o $work/map.pdf"
ms="map2img -conf $ms_dir/mapserver.conf -m $ms_dir/karabakh.map -d places $work/places -s 1600 1200 -o $work/ms.png"

# Peak resident memory (max RSS) of one run each.
peak() { /usr/bin/time -f '%M' sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1; }

bench_load before
PYTHONPATH="$here/bench" python3 - "$runs" "$(peak "$png")" "$(peak "$svg")" "$(peak "$pdf")" "$(peak "$ms")" \
  "$png" "$svg" "$pdf" "$ms" <<'EOF2'
import sys
from rounds import quart, rounds
runs = int(sys.argv[1])
rss = [int(x) / 1024 for x in sys.argv[2:6]]
names = ["gazmap-png", "gazmap-svg", "gazmap-pdf", "mapserver-png"]
walls, cpus = rounds([c.split() for c in sys.argv[6:10]], runs)
wall, cpu = dict(zip(names, walls)), dict(zip(names, cpus))

ms_wall, ms_cpu = quart(wall[names[3]])[0], quart(cpu[names[3]])[0]
print(f"{runs} rounds, medians [quartiles]")
print("program        wall_ms              cpu_ms               peak_rss_MiB  mapserver/this: wall   cpu")
for name, m in zip(names, rss):
    w, c = quart(wall[name]), quart(cpu[name])
    print(f"{name:<14} {w[0]:6.1f} [{w[1]:5.1f} {w[2]:5.1f}]  {c[0]:6.1f} [{c[1]:5.1f} {c[2]:5.1f}]"
          f"  {m:12.1f}  {ms_wall / w[0]:19.2f}x {ms_cpu / c[0]:5.2f}x")
EOF2
bench_load after
