#!/bin/sh
# bench_layers.sh - GeoNames at scale (issue 11): the alternate names join
# (one place with 40,000 and 300,000 names: linear, not quadratic), and,
# given the real cities500.txt, a cold layered lookup against the sqlite3
# command on an on-disk database of the same names indexed on the folded
# name (what a user would build instead).  Synthetic inputs are written to
# a temporary directory; nothing here needs the network.
#
# usage: bench/bench_layers.sh GAZMAP [CITIES500.txt]
# Needs /usr/bin/time; hyperfine and sqlite3 for the cities500 part.
set -eu
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

gazmap=$1
cities=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# One GeoNames row (Goris, from GeoNames, CC BY 4.0) and N alternate names
# of it.
printf '174895\tGoris\tGoris\t\t39.51111\t46.34168\tP\tPPL\tAM\t\t09\t\t\t\t20379\t\t1390\tAsia/Yerevan\t2023-01-01\n' \
  >"$tmp/one.txt"
for n in 40000 300000; do
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "%d\t174895\tund\tName%d\t\t\t\t\t\t\n", i + 1, i }' \
    >"$tmp/alt$n.txt"
  /usr/bin/time -f "altnames $n names on one place: %e s wall, %M KB peak" \
    "$gazmap" list --no-bundled --gazetteer "$tmp/one.txt" --altnames "$tmp/alt$n.txt" >/dev/null
done

if [ -n "$cities" ]; then
  /usr/bin/time -f "lookup --gazetteer cities500 Yerevan (layered, cold): %e s wall, %M KB peak" \
    "$gazmap" lookup --gazetteer "$cities" Yerevan >/dev/null
  /usr/bin/time -f "list --gazetteer cities500 (load and stack only): %e s wall, %M KB peak" \
    "$gazmap" list --gazetteer "$cities" >/dev/null
  bench_sqlite_names "$cities" "$tmp/names.db"
  hyperfine -N -w 3 -r 20 \
    "sqlite3 $tmp/names.db \"select gnid, name from folded where folded = 'yerevan'\"" \
    "$gazmap lookup Shusha" \
    "$gazmap --version"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
