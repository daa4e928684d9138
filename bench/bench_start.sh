#!/bin/sh
# bench_start.sh - the start-up cost of gazmap binaries (issue 11,
# doc/startup.md).  For each command below, and each binary given:
#
#   - interleaved rounds (bench/rounds.py): medians and quartiles of wall and
#     CPU time, against the first binary;
#   - with --detail, the figures a busy machine does not blur: how many
#     libraries the process initialises (LD_DEBUG=libs), the dynamic
#     loader's cycles and relocations (LD_DEBUG=statistics), and the
#     instructions executed (valgrind --tool=callgrind), per binary.
#
# usage: bench/bench_start.sh [--detail] RUNS GAZMAP_A [GAZMAP_B ...]
# GAZMAP_ARGS="lookup Shusha" limits the run to that one command (the
# script's first form, used by doc/render.md, was `--version` alone).
set -eu

detail=0
if [ "${1:-}" = --detail ]; then
  detail=1
  shift
fi
runs=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'Shelling was reported near Shusha and in Aghdam, and Lachin stayed quiet.\n' >"$tmp/text.txt"

if [ -n "${GAZMAP_ARGS:-}" ]; then
  set -- "$@" "--" "$GAZMAP_ARGS"
else
  # What a name-only command costs, and what opening the map module adds
  # (lookup --json reads the shapes' extents, which the module does).
  set -- "$@" "--" "--version" "lookup Shusha" "list" "near 39.76 46.75" \
    "find $tmp/text.txt" "lookup --json Shusha"
fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH="$(cd "$(dirname "$0")" && pwd)" python3 - "$runs" "$@" <<'EOF2'
import sys
from rounds import print_against_first, rounds
runs = int(sys.argv[1])
rest = sys.argv[2:]
cut = rest.index("--")
bins, commands = rest[:cut], rest[cut + 1:]
for args in commands:
    wall, cpu = rounds([[b, *args.split()] for b in bins], runs)
    print(f"\n{runs} rounds of '{args}', medians [quartiles]")
    print_against_first(bins, wall, cpu)
EOF2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

[ "$detail" = 1 ] || exit 0
echo
printf '%-28s %-22s %5s %12s %7s %14s\n' binary command libs loader_cyc relocs instructions
bins=
while [ "$1" != "--" ]; do
  bins="$bins$1
"
  shift
done
shift
printf '%s' "$bins" | while IFS= read -r bin; do
  for args in "$@"; do
    # shellcheck disable=SC2086 # the command's words are meant to split
    libs=$(LD_DEBUG=libs "$bin" $args 2>&1 >/dev/null | grep -c 'calling init:' || true)
    # shellcheck disable=SC2086
    stats=$(LD_DEBUG=statistics "$bin" $args 2>&1 >/dev/null)
    cycles=$(printf '%s\n' "$stats" | awk '/total startup time in dynamic loader/ {print $(NF-1); exit}')
    relocs=$(printf '%s\n' "$stats" | awk '/final number of relocations:/ {print $NF; exit}')
    instr=-
    if command -v valgrind >/dev/null; then
      # shellcheck disable=SC2086
      instr=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" $args 2>&1 \
        >/dev/null | awk '/Collected/ {print $NF}')
    fi
    printf '%-28s %-22s %5s %12s %7s %14s\n' "$(printf '%s' "$bin" | tail -c 28)" \
      "$(printf '%s' "$args" | sed "s#$tmp/##" | cut -c1-22)" "$libs" "$cycles" "$relocs" "$instr"
  done
done
