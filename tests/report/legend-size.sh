#!/bin/sh
# legend-size.sh - the report's map is legible at the size the page shows it:
# headless Chromium lays out the report of the article tools/report-check.sh
# uses, and the smallest legend text, by class, in CSS pixels (its
# font-size times the scale from the SVG's units to the screen,
# getScreenCTM) is at least LEGEND_MIN (rows, headings) and NOTE_MIN (the
# italic notes under the rows).  The page is measured as shown but for its
# CSP, taken out so that the measuring script may run.
#
# usage: tests/report/legend-size.sh GAZMAP OUT_DIR
# Exit status: 0 pass, 1 too small, 77 skipped (no article or no chromium).
set -eu

LEGEND_MIN=11
NOTE_MIN=10

here=$(cd "$(dirname "$0")/../.." && pwd)
gazmap=$1
out=$2
# shellcheck source-path=SCRIPTDIR source=browser-lib.sh
. "$here/tests/report/browser-lib.sh"
need_article_and_chromium "$here"
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$gazmap" report "$article" -o "$out/report.html"

measure='<script>(function(){var min={};'
measure=$measure'document.querySelectorAll("svg text[class^=legend]").forEach(function(t){'
measure=$measure'var px=parseFloat(t.getAttribute("font-size"))*t.getScreenCTM().a,c=t.getAttribute("class");'
measure=$measure'if(!(c in min)||px<min[c])min[c]=px;});'
measure=$measure'var s=document.querySelector("svg").getBoundingClientRect().width;'
measure=$measure'document.body.setAttribute("data-measured","shown="+s.toFixed(1)+'
measure=$measure'Object.keys(min).sort().map(function(c){return " "+c+"="+min[c].toFixed(2)}).join(""));'
measure=$measure'})();</script>'
sed -e 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' \
  -e "s#</body>#$measure</body>#" "$out/report.html" >"$out/measure.html"

browser_start "$out/chromium.log"
# shellcheck disable=SC2086
chromium $flags --window-size=1600,2400 --dump-dom "file://$out/measure.html" \
  >"$out/measured.html" 2>>"$browser_log" || true
got=$(grep -o 'data-measured="[^"]*"' "$out/measured.html" | sed 's/^data-measured="//; s/"$//')
echo "measured in Chromium (CSS px): $got"

# at_least KEY MIN: the measured KEY is there and not below MIN (called by check).
# shellcheck disable=SC2317
at_least() {
  v=$(printf '%s\n' "$got" | tr ' ' '\n' | sed -n "s/^$1=//p")
  [ -n "$v" ] && awk -v v="$v" -v m="$2" 'BEGIN { exit !(v + 0 >= m + 0) }'
}
check "the map is shown at 760 px or more" at_least shown 760
check "legend rows at least $LEGEND_MIN px" at_least legend $LEGEND_MIN
check "legend headings at least $LEGEND_MIN px" at_least legend-head $LEGEND_MIN
check "legend notes at least $NOTE_MIN px" at_least legend-note $NOTE_MIN
exit "$fail"
