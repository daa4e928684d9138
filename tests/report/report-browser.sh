#!/bin/sh
# report-browser.sh - the report as a reader's browser shows it (issue 13):
# a full page and a page of the test's own that embeds two fragments, each
# looked at in headless Chromium (screenshots kept in OUT_DIR) and checked:
#   - the page's Content-Security-Policy names the hash of its script (else
#     Chromium refuses to run it);
#   - the two fragments share no id, and the embedding page's own ids and
#     CSS are left alone;
#   - the linking works: a URL fragment naming a mention pins it (what a
#     click does), and then its place is marked in the text, the table and
#     on the map of that report only, and the map's list shows the place's
#     mentions;
#   - no console error, refused script or blocked fetch.
#
# usage: tests/report/report-browser.sh GAZMAP OUT_DIR
# Exit status: 0 pass, 1 a check failed, 77 skipped (no chromium, or no
# python3); the static checks run before the skip.
set -eu

gazmap=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
shared=${GAZMAP_SHARED_DIR:-$here/../../../shared}
article=$shared/corpus/karabakh-one-year-after.txt
mkdir -p "$out"
out=$(cd "$out" && pwd)

if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP: python3 is not installed"
  exit 77
fi

# shellcheck source-path=SCRIPTDIR source=browser-lib.sh
. "$here/browser-lib.sh"

# The text: the article when ../shared has it, else a paragraph of our own.
text=$out/text.txt
if [ -f "$article" ]; then
  cp "$article" "$text"
else
  printf 'Patrols left Shusha for Lachin and the Lachin corridor.\n\nLater, talks in Berd\nand Ijevan; Shusha again.\n' >"$text"
fi

"$gazmap" report "$text" -o "$out/report.html"
"$gazmap" report "$text" -o "$out/a.html" --fragment
printf 'Shelling near Berd and Ijevan.\n\nShusha was quiet; Tovuz too.\n' >"$out/b.txt"
"$gazmap" report "$out/b.txt" -o "$out/b.html" --fragment --map-width 600

# A page of someone else's with ids and rules the report's must not touch.
{
  printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Two reports</title>\n'
  printf '<style>body{font-family:serif;margin:20px} #text{color:#060} .m{font-size:30px}</style>\n'
  printf '</head><body><h1>My page</h1><p id="text">The page'"'"'s own text.</p>\n'
  # The short one first, so the screenshot shows both.
  cat "$out/b.html" "$out/a.html"
  printf '</body></html>\n'
} >"$out/two.html"

check "the page's CSP allows exactly its script" python3 - "$out/report.html" <<'EOF'
import base64, hashlib, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
want = "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
if "script-src '%s'" % want not in csp:
    sys.exit("the CSP says %r, the script's hash is %s" % (csp, want))
EOF
check "the two fragments and the page share no id" python3 - "$out/two.html" <<'EOF'
import collections, re, sys
ids = re.findall(r'\sid="([^"]*)"', open(sys.argv[1], encoding="utf-8").read())
dup = [i for i, n in collections.Counter(ids).items() if n > 1]
if dup or len(ids) < 50:
    sys.exit("duplicate ids %s (of %d)" % (dup[:5], len(ids)))
EOF

if ! command -v chromium >/dev/null 2>&1; then
  echo "SKIP: chromium is not installed (tools/check.sh installs it)"
  exit $((fail ? 1 : 77))
fi

browser_start "$out/chromium.log"
shot "$out/report.png" 1600,1400 "file://$out/report.html"
shot "$out/two.png" 1600,2600 "file://$out/two.html"
# A mention of Berd in the second fragment of the page, pinned as a click
# would: its script runs when the first fragment (which names Berd too) is
# already in the page, so marking outside its own report would show.
berd=$(grep -o 'id="a-m[0-9]*" href="#a-p-berd"' "$out/a.html" | head -1 | sed 's/id="//; s/".*//')
dom "$out/two-dom.html" "file://$out/two.html#$berd"
# A place row of the full page: the map's list of its mentions fills in.
first=$(grep -o '<tr id="p-[a-z0-9-]*"' "$out/report.html" | head -1 | sed 's/.*id="//; s/"$//')
dom "$out/report-dom.html" "file://$out/report.html#$first"

check "screenshots written" test -s "$out/report.png" -a -s "$out/two.png"
check "the linking marks Berd in that report only (text, table, map)" \
  python3 - "$out/two-dom.html" <<'EOF'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
cut = dom.find('<div class="a-report"')
b, a = dom[:cut], dom[cut:]
if cut < 0 or 'data-bound' not in a or 'data-bound' not in b:
    sys.exit("the scripts did not run in both fragments")
lit = re.findall(r'<(\w+)[^>]*data-p="([a-z0-9-]+)"[^>]*data-hl=""', a)
tags = sorted({t for t, p in lit if p == "berd"})
if 'data-p="berd"' not in b:
    sys.exit("the first report does not name Berd: the check would prove nothing")
if 'data-hl=""' in b or tags != ["a", "circle", "tr"] or any(p != "berd" for _, p in lit):
    sys.exit("marked in the first report: %s; in the second: %s" % ('data-hl=""' in b, lit))
if not re.search(r'data-mentions=""[^>]*><b>Berd: \d+ mentions?</b><ol><li>', a):
    sys.exit("the second report's map does not list Berd's mentions")
EOF
check "a place row lists its mentions under the map" python3 - "$out/report-dom.html" "$first" <<'EOF'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'data-mentions=""[^>]*><b>[^<]*: (\d+) mentions?</b><ol>(.*?)</ol>', dom, re.S)
if not m or int(m.group(1)) != m.group(2).count("<li>") or int(m.group(1)) < 1:
    sys.exit("no list of %s's mentions: %s" % (sys.argv[2], m and m.group(0)[:200]))
EOF
check_console "no console errors, refused scripts or blocked fetches"
exit $fail
