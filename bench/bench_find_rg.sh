#!/bin/sh
# bench_find_rg.sh - 'gazmap find --tsv' against ripgrep and GNU grep on one
# synthetic corpus (bench/make_find_corpus.py: ~20 MB, ~200 names), one
# thread; then many files on 1 and 2 threads; then peak memory on a tenth of
# the corpus and on all of it.  Times are CPU seconds (user + system) of
# /usr/bin/time, the best of ROUNDS, and wall seconds for the thread runs;
# on a machine shared with other jobs wall times mean little.
#
# usage: bench/bench_find_rg.sh [GAZMAP] [DIR] [MEGABYTES]
#        (defaults: build/bin/gazmap, /tmp/gazmap-find-bench, 20)
#        PART=threads runs only the many-files part (1 and 2 threads).
# needs: ripgrep, GNU grep, python3, /usr/bin/time
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/bin/gazmap}
dir=${2:-/tmp/gazmap-find-bench}
mb=${3:-20}
rounds=${ROUNDS:-3}
part=${PART:-all}

cd "$here"
[ -s "$dir/corpus.txt" ] || python3 bench/make_find_corpus.py "$dir" "$mb"
corpus=$dir/corpus.txt
names=$dir/names.txt
bytes=$(wc -c <"$corpus")

# best CPU seconds, the peak RSS (of the largest process) and the wall seconds of that run, of `rounds` runs of "$@"
best() {
  b=""
  i=0
  while [ $i -lt "$rounds" ]; do
    /usr/bin/time -f "%U %S %M %e" -o "$dir/t" "$@" >/dev/null 2>&1 || true
    read -r u s m e <<EOF_T
$(tail -n 1 "$dir/t")
EOF_T
    t=$(echo "$u + $s" | bc)
    if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; bm=$m; be=$e; fi
    i=$((i + 1))
  done
  echo "$b $bm $be"
}
rate() { echo "scale=1; $bytes / 1000000 / $1" | bc; }

echo "corpus: $corpus, $(echo "scale=1; $bytes / 1000000" | bc) MB; $(wc -l <"$names") names"
if [ "$part" != threads ]; then
# Output goes through a pipe, not to /dev/null: GNU grep stops at the first
# match when its output is /dev/null.  The CPU time counts the whole pipeline.
set -- $(best sh -c "\"$bin\" find --tsv -j 1 \"$corpus\" | wc -c")
echo "gazmap find --tsv -j 1        $1 s CPU  $(rate "$1") MB/s  peak $2 KB"
g=$1
set -- $(best sh -c "rg -j1 -F -i -o -f \"$names\" \"$corpus\" | wc -c")
echo "rg -j1 -F -i -o -f names      $1 s CPU  $(rate "$1") MB/s  peak $2 KB"
r=$1
set -- $(best sh -c "LC_ALL=C.UTF-8 grep -F -i -o -f \"$names\" \"$corpus\" | wc -c")
echo "grep -F -i -o -f names (UTF-8) $1 s CPU  $(rate "$1") MB/s  peak $2 KB"
set -- $(best sh -c "LC_ALL=C grep -F -i -o -f \"$names\" \"$corpus\" | wc -c")
echo "grep -F -i -o -f names (C)     $1 s CPU  $(rate "$1") MB/s  peak $2 KB"
echo "gazmap / rg CPU time: $(echo "scale=2; $g / $r" | bc)"
fi

# Many files: the corpus in 8 pieces, scanned on one thread and on two.
mkdir -p "$dir/pieces"
[ -s "$dir/pieces/xaa" ] || split -n l/8 "$corpus" "$dir/pieces/x"
set -- $(best "$bin" find --tsv -j 1 "$dir"/pieces/x*)
echo "8 files, -j 1: $3 s wall ($1 s CPU)"
w1=$3
c1=$1
set -- $(best "$bin" find --tsv -j 2 "$dir"/pieces/x*)
echo "8 files, -j 2: $3 s wall ($1 s CPU); speed-up $(echo "scale=2; $w1 / $3" | bc), CPU -j 2 / -j 1 $(echo "scale=2; $1 / $c1" | bc)"
"$bin" find --tsv -j 1 "$dir"/pieces/x* | md5sum >"$dir/j1"
"$bin" find --tsv -j 2 "$dir"/pieces/x* | md5sum >"$dir/j2"
cmp -s "$dir/j1" "$dir/j2" && echo "-j 1 and -j 2 outputs identical"

[ "$part" = threads ] && exit 0

# Memory against input size.
head -c $((bytes / 10)) "$corpus" >"$dir/tenth.txt"
set -- $(best "$bin" find --tsv -j 1 "$dir/tenth.txt")
echo "peak RSS: a tenth of the corpus $2 KB, all of it (above) $(best "$bin" find --tsv -j 1 "$corpus" | cut -d' ' -f2) KB"
