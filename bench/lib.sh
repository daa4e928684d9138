# bench/lib.sh - sourced by the render benchmarks (bench_render.sh,
# bench_svg.sh, bench_ab.sh) for what each of them sets up the same way.
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
