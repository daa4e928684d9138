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
# shellcheck source-path=SCRIPTDIR source=../tests/report/browser-lib.sh
. "$here/tests/report/browser-lib.sh"
need_article_and_chromium "$here"
mkdir -p "$out"
out=$(cd "$out" && pwd)

"$build/bin/gazmap" report "$article" -o "$out/report.html"

browser_start "$out/chromium.log"
# 1. A screenshot, with the browser's console in the log.
shot "$out/report.png" 1600,2400 "file://$out/report.html"
# 2. The DOM as the browser built it.
dom "$out/dom.html" "file://$out/report.html"

highlights=$(grep -o '<a class="r-m[^"]*" id="m[0-9]*"' "$out/dom.html" | wc -l)
places=$(grep -o '<tr id="p-[a-z0-9-]*"' "$out/dom.html" | wc -l)

check "screenshot written ($out/report.png)" test -s "$out/report.png"
check "the browser built the page ($highlights highlighted mentions)" test "$highlights" -ge 100
check "the places table has rows ($places places)" test "$places" -ge 20
check "the map is inline SVG in the page" grep -q '<svg[^>]*viewBox' "$out/dom.html"
check "no external resource in the page" sh -c "! grep -Eq '(src|href)=\"(https?:)?//' '$out/report.html'"
check_console "no console errors"
exit $fail
