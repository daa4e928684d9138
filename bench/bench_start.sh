#!/bin/sh
# bench_start.sh - the start-up cost of gazmap binaries: `gazmap --version`
# (loads the libraries, reads nothing), in interleaved rounds
# (bench/rounds.py), medians and quartiles of wall and CPU time.  What
# doc/render.md's "PROJ only when it is used" numbers come from.
#
# usage: bench/bench_start.sh RUNS GAZMAP_A [GAZMAP_B ...]
# Other arguments than --version can be given in GAZMAP_ARGS.
set -eu

runs=$1
shift
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)" python3 - "$runs" "${GAZMAP_ARGS:---version}" "$@" <<'EOF2'
import sys
from rounds import quart, rounds
runs, args, bins = int(sys.argv[1]), sys.argv[2].split(), sys.argv[3:]
wall, cpu = rounds([[b, *args] for b in bins], runs)
w0, c0 = quart(wall[0])[0], quart(cpu[0])[0]
print(f"{runs} rounds of '{' '.join(args)}', medians [quartiles]")
print("binary                          wall_ms              cpu_ms               vs first: wall   cpu")
for i, b in enumerate(bins):
    w, c = quart(wall[i]), quart(cpu[i])
    print(f"{b[-30:]:<30}  {w[0]:6.1f} [{w[1]:5.1f} {w[2]:5.1f}]  {c[0]:6.1f} [{c[1]:5.1f} {c[2]:5.1f}]"
          f"  {100 * (w[0] / w0 - 1):+13.1f}% {100 * (c[0] / c0 - 1):+5.1f}%")
EOF2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
