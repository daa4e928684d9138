#!/bin/sh
# update-man.sh - rewrites the generated parts of doc/gazmap.1 (the SYNOPSIS
# and COMMANDS sections, between the ".\" BEGIN generated" and ".\" END
# generated" lines) from the command tables, with 'gazmap help --man'.  The
# rest of the page is written by hand.  tests/cli/help/man.case fails while
# doc/gazmap.1 and the tables disagree.
#
# usage: tools/update-man.sh [GAZMAP]   (default: build/bin/gazmap)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/bin/gazmap}
page=$here/doc/gazmap.1
gen=$(mktemp)
new=$(mktemp)
trap 'rm -f "$gen" "$new"' EXIT

"$bin" help --man >"$gen"
awk -v gen="$gen" '
BEGIN {
  while ((getline line < gen) > 0) {
    if (line ~ /^\.\\" BEGIN generated /) {
      split(line, w, " ")
      name = w[4]
    }
    block[name] = block[name] line "\n"
  }
}
/^\.\\" BEGIN generated / {
  split($0, w, " ")
  if (!(w[4] in block)) {
    print "update-man.sh: gazmap help --man has no part " w[4] > "/dev/stderr"
    exit 2
  }
  printf "%s", block[w[4]]
  skip = 1
  next
}
skip && /^\.\\" END generated / { skip = 0; next }
!skip { print }
' "$page" >"$new"
cat "$new" >"$page"
