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
from rounds import print_against_first, rounds
runs, args, bins = int(sys.argv[1]), sys.argv[2].split(), sys.argv[3:]
wall, cpu = rounds([[b, *args] for b in bins], runs)
print(f"{runs} rounds of '{' '.join(args)}', medians [quartiles]")
print_against_first(bins, wall, cpu)
EOF2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
