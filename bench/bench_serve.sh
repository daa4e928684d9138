#!/bin/sh
# bench_serve.sh - gazmap serve under load: wrk with 2 threads and 64
# connections for DURATION seconds on /search?q=Shusha (Nominatim's
# json), against a server on a free loopback port.  Prints wrk's figures
# (requests/s, latency percentiles, non-2xx responses, socket errors) and
# the server's resident memory each second, to show that it stays flat.
# Issue 15's target: >= 10,000 requests/s and p99 <= 10 ms on 2 cores,
# no errors.
#
# usage: bench/bench_serve.sh [GAZMAP] [DURATION] [PATH]
#   default: build/bin/gazmap, 10, /search?q=Shusha
# Needs Debian's wrk.  All traffic goes to 127.0.0.1.
set -eu

bin=${1:-build/bin/gazmap}
duration=${2:-10}
path=${3:-/search?q=Shusha}
command -v wrk >/dev/null || { echo "bench_serve.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }

out=$(mktemp)
trap 'kill "$pid" 2>/dev/null; rm -f "$out"' EXIT
"$bin" serve --listen 127.0.0.1:0 --threads 2 >"$out" &
pid=$!
i=0
until grep -q 'listening on' "$out"; do
  i=$((i + 1))
  [ $i -lt 100 ] || { echo "bench_serve.sh: the server did not start" >&2; exit 2; }
  sleep 0.1
done
url=$(sed -n 's/.*listening on \(http:[^ ]*\)\//\1/p' "$out")
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS at start: $(rss) kB"
# Warm-up, so that the figures are of a server in its steady state.
wrk -t2 -c64 -d2s "$url$path" >/dev/null
echo "server RSS after warm-up: $(rss) kB"
(
  s=0
  while [ $s -lt "$duration" ]; do
    sleep 1
    s=$((s + 1))
    printf '%s ' "$(rss)"
  done
) >"$out.rss" &
sampler=$!
wrk -t2 -c64 -d"${duration}s" --latency "$url$path"
wait "$sampler"
echo "server RSS each second under load (kB): $(cat "$out.rss")"
rm -f "$out.rss"
echo "server RSS after: $(rss) kB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
