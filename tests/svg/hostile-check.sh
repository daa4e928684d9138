#!/bin/sh
# hostile-check.sh - no input makes a malformed or scripted SVG (issue 13).
#
# Tries id prefixes that are not XML names (each must be refused: exit 2, a
# one-line message, no file), titles with control characters or invalid
# UTF-8 (refused the same way), titles full of markup (accepted and
# escaped), and a gazetteer whose place names are markup, quotes, entities,
# CDATA and comment openers and control characters (tests/svg/hostile.tsv,
# labelled on the map).  Every SVG written, as text and as glyph outlines,
# must pass xmllint and hold no element but SVG's own: no <script>, no
# element named by a label.
#
# usage: tests/svg/hostile-check.sh GAZMAP_BINARY WORK_DIR
# needs: xmllint (libxml2-utils, tools/check.sh installs it).
# Exit status: 0 every case behaved; 1 one did not (named on stdout); 2
# cannot run.
set -u

gazmap=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$work"
command -v xmllint >/dev/null || { echo "hostile-check: xmllint is not installed" >&2; exit 2; }
[ -x "$gazmap" ] || { echo "hostile-check: no gazmap binary at $gazmap" >&2; exit 2; }
fails=0
small="--width 640 --height 480"

fail() {
  echo "FAIL: $*"
  fails=$((fails + 1))
}

# refused WHAT EXPECTED-MESSAGE ARGS...: exit 2, one line naming the problem,
# no output left behind.
refused() {
  what=$1 want=$2
  shift 2
  rm -f "$work/out.svg"
  "$gazmap" render $small "$@" -o "$work/out.svg" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  if [ $rc != 2 ]; then
    fail "$what: exit $rc, expected 2"
  elif [ "$(wc -l <"$work/stderr")" != 1 ] || ! grep -q -- "$want" "$work/stderr"; then
    fail "$what: message '$(cat "$work/stderr")' lacks '$want'"
  elif [ -e "$work/out.svg" ]; then
    fail "$what: an output file was left"
  else
    echo "ok: $what refused: $(cat "$work/stderr")"
  fi
}

# valid FILE WHAT: well-formed XML, and every element is one the map writes.
valid() {
  if ! xmllint --noout "$1" 2>"$work/xmllint"; then
    fail "$2: xmllint rejects the SVG: $(head -3 "$work/xmllint")"
    return 1
  fi
  names=$(xmllint --xpath '//*' "$1" 2>/dev/null | grep -o '<[a-zA-Z][a-zA-Z0-9:]*' | sort -u |
    tr -d '<' | tr '\n' ' ')
  for n in $names; do
    case $n in
    svg | title | desc | defs | g | path | rect | text | tspan | clipPath | pattern | symbol | use | image | mask) ;;
    *)
      fail "$2: unexpected element <$n>"
      return 1
      ;;
    esac
  done
  return 0
}

for p in '1 2<' 'a"b' '"><script>alert(1)</script>' 'a b' '' '-x' '9lives' 'é' 'a;b' 'a/b' "$(printf 'a\tb')"; do
  refused "--id-prefix '$p'" "SVG id prefix" --id-prefix "$p"
done
refused "--title with U+0001" "control character U+0001" --title "$(printf 'a\001b')"
refused "--title with byte 0xFF" "invalid UTF-8 at byte 2" --title "$(printf 'a\377b')"
refused "--subtitle with a line feed" "control character U+000A" --subtitle "$(printf 'a\nb')"

for p in 'a.b_c-' '_x' 'Map-1.'; do
  if "$gazmap" render $small --layers countries --id-prefix "$p" -o "$work/prefix.svg" &&
    valid "$work/prefix.svg" "--id-prefix '$p'"; then
    if grep -o ' id="[^"]*"' "$work/prefix.svg" | grep -v -q -F " id=\"$p"; then
      fail "--id-prefix '$p': an id without the prefix"
    else
      echo "ok: --id-prefix '$p' accepted, every id starts with it"
    fi
  else
    fail "--id-prefix '$p' was not accepted"
  fi
done

title='</title><script>alert(1)</script><title>'
for mode in text outlines; do
  f="$work/title-$mode.svg"
  if ! "$gazmap" render $small --svg-text $mode --title "$title" --subtitle 'a"b&c]]><!--' -o "$f"; then
    fail "--title with markup ($mode): render failed"
  elif valid "$f" "--title with markup ($mode)"; then
    got=$(xmllint --xpath 'string(/*[local-name()="svg"]/*[local-name()="title"])' "$f")
    if [ "$got" = "$title" ]; then
      echo "ok: --title with markup ($mode) is the title's text"
    else
      fail "--title with markup ($mode): the title reads '$got'"
    fi
  fi
done

for mode in text outlines; do
  for lang in en hy; do
    f="$work/names-$mode-$lang.svg"
    if ! "$gazmap" render --svg-text $mode --lang $lang --gazetteer "$here/hostile.tsv" -o "$f"; then
      fail "hostile place names ($mode, $lang): render failed"
    elif valid "$f" "hostile place names ($mode, $lang)"; then
      echo "ok: hostile place names ($mode, $lang): valid, no foreign element"
    fi
  done
done
# As text, the names are there to read: each label's text, once parsed, is
# the name (control characters became U+FFFD).
f="$work/names-text-en.svg"
label() { # KEY NAME: the span containing KEY reads NAME
  got=$(xmllint --xpath "string(//*[local-name()='tspan'][contains(., '$1')])" "$f")
  if [ "$got" = "$2" ]; then
    echo "ok: the label '$2' is text"
  else
    fail "the label '$2' reads '$got'"
  fi
}
label 'alert(1)' '<script>alert(1)</script>'
label ']]>' "A\"B&C'D ]]> <!-- x"
label 'Bell' "$(printf 'Ctl\357\277\275Bell\357\277\275End')"

if [ $fails = 0 ]; then
  echo "hostile-check: PASS"
  exit 0
fi
echo "hostile-check: FAIL - $fails cases"
exit 1
