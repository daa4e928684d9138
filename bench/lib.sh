# bench/lib.sh - sourced by the benchmarks (bench_render.sh, bench_svg.sh,
# bench_ab.sh, bench_index.sh, bench_layers.sh) for what each of them sets
# up the same way.
# The variables it sets are used by the scripts that source it.
# shellcheck shell=sh disable=SC2034

# bench_init [GAZMAP_BINARY] [RUNS]: sets $here (the repository root),
# $gazmap (default: the build's binary), $runs (default 20) and $work, a
# fresh directory removed when the script exits.
bench_init() {
  here=$(cd "$(dirname "$0")/.." && pwd)
  gazmap=${1:-$here/build/bin/gazmap}
  runs=${2:-20}
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
}

# bench_load WHEN: the load average, printed before and after the timed
# runs so that a reader can tell a busy machine's figures from a quiet one's.
bench_load() {
  echo "load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_sqlite_names CITIES DB: what a user would build instead of the
# index, the peer of the cold lookups: every name of the GeoNames dump
# CITIES (name, asciiname and each alternate name) a row of the on-disk
# sqlite3 database DB, in the table `folded` with an index on lower(name).
bench_sqlite_names() {
  awk -F'\t' 'BEGIN { OFS = "\t" }
    { print $1, $2; print $1, $3; n = split($4, a, ","); for (i = 1; i <= n; i++) print $1, a[i] }' \
    "$1" >"$2.tsv"
  sqlite3 "$2" <<SQL
CREATE TABLE names(gnid INTEGER, name TEXT);
.mode tabs
.import $2.tsv names
CREATE TABLE folded AS SELECT gnid, name, lower(name) AS folded FROM names;
CREATE INDEX folded_ix ON folded(folded);
DROP TABLE names;
VACUUM;
SQL
  rm -f "$2.tsv"
  echo "sqlite3 names: $(sqlite3 "$2" 'select count(*) from folded')"
}
