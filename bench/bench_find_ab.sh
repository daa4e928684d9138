#!/bin/sh
# bench_find_ab.sh - 'gazmap find --tsv -j 1' of one or more gazmap binaries
# and 'rg -j1 -F -i -o -f names.txt' on the corpus of bench_find_rg.sh
# (bench/make_find_corpus.py), in interleaved rounds (bench/rounds.py): the
# one-thread comparison of doc/find.md ("One thread against ripgrep").
#
# Each command writes through a pipe into wc -c (GNU grep and ripgrep behave
# differently when their output is /dev/null), so its CPU time is that of
# the whole pipeline, as in bench_find_rg.sh.  Prints each command's median
# wall and CPU time with quartiles, the change against the first command,
# and MB per CPU second.
#
# usage: bench/bench_find_ab.sh RUNS DIR GAZMAP [GAZMAP ...]
#        (DIR holds corpus.txt and names.txt; written when missing)
# needs: ripgrep, python3
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
runs=$1
dir=$2
shift 2
[ -s "$dir/corpus.txt" ] || (cd "$here" && python3 bench/make_find_corpus.py "$dir" 20)

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
PYTHONPATH="$here/bench" python3 - "$runs" "$dir" "$@" <<'EOF2'
import os
import sys
from rounds import print_against_first, quart, rounds
runs, d, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
corpus, names = f"{d}/corpus.txt", f"{d}/names.txt"
mb = os.path.getsize(corpus) / 1e6
cmds = [["sh", "-c", f'"{b}" find --tsv -j 1 "{corpus}" | wc -c'] for b in bins]
cmds.append(["sh", "-c", f'rg -j1 -F -i -o -f "{names}" "{corpus}" | wc -c'])
labels = [f"{b} find" for b in bins] + ["rg -j1 -F -i -o"]
wall, cpu = rounds(cmds, runs)
print(f"{mb:.1f} MB, {runs} rounds, medians [quartiles]")
print_against_first(labels, wall, cpu)
for label, c in zip(labels, cpu):
    print(f"{label[-30:]:<30}  {mb / (quart(c)[0] / 1000):6.1f} MB per CPU second")
EOF2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
