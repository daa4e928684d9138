#!/bin/sh
# bench_ab.sh - two (or more) gazmap binaries drawing the default map at
# 1600 x 1200 to PNG, in interleaved rounds: the A/B comparison each line of
# doc/render.md's performance tables comes from.
#
# The binaries take turns round by round (bench/rounds.py).  It prints each
# binary's median wall and CPU time (user + system of the child, from wait4)
# with their quartiles, and each one's change against the first binary's
# medians.
#
# usage: bench/bench_ab.sh RUNS GAZMAP_A GAZMAP_B [GAZMAP_C ...]
# Extra render arguments can be given in GAZMAP_ARGS (e.g. "--format svg").
set -eu

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
bench_init "" "$1"
shift

bench_load before
PYTHONPATH="$here/bench" python3 - "$runs" "$work" "${GAZMAP_ARGS:-}" "$@" <<'EOF2'
import sys
from rounds import print_against_first, rounds
runs, work, extra, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(), sys.argv[4:]
cmds = [[b, "render", "--width", "1600", "--height", "1200", *extra, "-o", f"{work}/{i}.png"]
        for i, b in enumerate(bins)]
wall, cpu = rounds(cmds, runs)

print(f"{runs} rounds, medians [quartiles]")
print_against_first(bins, wall, cpu)
EOF2
bench_load after
