#!/bin/sh
# bench_render.sh - wall time and peak memory of gazmap's default map at
# 1600 x 1200 (PNG, SVG, PDF) against MapServer's map2img drawing the same
# shapefiles with bench/mapserver/karabakh.map, timed in the same run.
#
# Every run is a fresh process: nothing is cached between runs (the OS file
# cache aside, which both programs share alike).  MapServer gets the
# gazetteer's places as a shapefile, exported once before timing.
#
# usage: bench/bench_render.sh [GAZMAP_BINARY] [RUNS]
# needs: hyperfine, map2img (Debian mapserver-bin), GNU time (/usr/bin/time).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
gazmap=${1:-$here/build/bin/gazmap}
runs=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ms_dir=$here/bench/mapserver

"$gazmap" export --layer places -o "$work/places.shp"
png="$gazmap render --width 1600 --height 1200 -o $work/map.png"
svg="$gazmap render --width 1600 --height 1200 -o $work/map.svg"
pdf="$gazmap render --width 1600 --height 1200 -o $work/map.pdf"
ms="map2img -conf $ms_dir/mapserver.conf -m $ms_dir/karabakh.map -d places $work/places -s 1600 1200 -o $work/ms.png"

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" \
  -n gazmap-png "$png" -n gazmap-svg "$svg" -n gazmap-pdf "$pdf" -n mapserver-png "$ms" >&2

# Peak resident memory (max RSS) of one run each.
peak() { /usr/bin/time -f '%M' sh -c "$1 >/dev/null 2>&1" 2>&1 | tail -1; }
# CPU time (user + system) is shown too: on a shared machine it moves less
# with the load than wall time does.  The ratios use medians, which a few
# runs slowed by a neighbour on the machine do not move; means are shown.
echo "program        median_ms  mean_ms  stddev_ms  min_ms  cpu_ms  peak_rss_MiB  vs_mapserver(median)  vs_mapserver(cpu)"
python3 - "$work/times.json" "$(peak "$png")" "$(peak "$svg")" "$(peak "$pdf")" "$(peak "$ms")" <<'EOF2'
import json, sys
results = json.load(open(sys.argv[1]))['results']
rss = [int(x) / 1024 for x in sys.argv[2:6]]
ms_median = results[3]['median']
ms_cpu = results[3]['user'] + results[3]['system']
for r, m in zip(results, rss):
    cpu = r['user'] + r['system']
    print(f"{r['command']:<14} {r['median'] * 1000:9.1f} {r['mean'] * 1000:8.1f} {r['stddev'] * 1000:10.1f}"
          f" {r['min'] * 1000:7.1f} {cpu * 1000:7.1f} {m:13.1f}  {ms_median / r['median']:19.2f}x"
          f"  {ms_cpu / cpu:16.2f}x")
EOF2
