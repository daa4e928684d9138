#!/bin/sh
# report-check.sh - proves in headless Chromium that `gazmap report` makes a
# page that shows the text's highlights and the map, with no console errors
# (so no blocked fetch, no CSS or SVG error either: the page's CSP forbids
# every network fetch, and a fetch attempt would be logged as an error).
#
# usage: tools/report-check.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  where bin/gazmap is (default: build)
#   OUT_DIR    where report.html, report.png, dom.html and chromium.log go
#              (default: a new temporary directory)
# The article is read from $GAZMAP_SHARED_DIR/corpus (default ../shared next
# to the repository); without it, or without chromium, the check is skipped.
# Exit status: 0 pass, 1 a check failed, 2 cannot run, 77 skipped (the
# article or chromium is absent; CTest counts 77 as skipped).
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
out=${2:-$(mktemp -d)}
shared=${GAZMAP_SHARED_DIR:-$here/../shared}
article=$shared/corpus/karabakh-one-year-after.txt

if [ ! -f "$article" ]; then
  echo "SKIP: $article is absent"
  exit 77
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "SKIP: chromium is not installed (apt-get install -y chromium)"
  exit 77
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

"$build/bin/gazmap" report "$article" -o "$out/report.html"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium_flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir=$profile --enable-logging=stderr --v=0 --hide-scrollbars"

# 1. A screenshot, with the browser's console on stderr.
# shellcheck disable=SC2086
chromium $chromium_flags --window-size=1600,2400 --screenshot="$out/report.png" \
  "file://$out/report.html" >"$out/chromium.log" 2>&1 || true
# 2. The DOM as the browser built it.
# shellcheck disable=SC2086
chromium $chromium_flags --dump-dom "file://$out/report.html" >"$out/dom.html" \
  2>>"$out/chromium.log" || true

fail=0
check() { # check DESCRIPTION COMMAND...
  what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    fail=1
  fi
}
highlights=$(grep -o '<a class="m[^"]*" id="m[0-9]*"' "$out/dom.html" | wc -l)
places=$(grep -o '<tr id="p-[a-z0-9-]*"' "$out/dom.html" | wc -l)
console=$(grep -E 'CONSOLE|Uncaught|Refused to|net::ERR_' "$out/chromium.log" || true)

check "screenshot written ($out/report.png)" test -s "$out/report.png"
check "the browser built the page ($highlights highlighted mentions)" test "$highlights" -ge 100
check "the places table has rows ($places places)" test "$places" -ge 20
check "the map is inline SVG in the page" grep -q '<svg[^>]*viewBox' "$out/dom.html"
check "no external resource in the page" sh -c "! grep -Eq '(src|href)=\"(https?:)?//' '$out/report.html'"
check "no console errors" test -z "$console"
if [ -n "$console" ]; then
  printf '%s\n' "$console" | head -20
fi
exit $fail
