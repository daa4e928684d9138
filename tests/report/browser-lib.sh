# tests/report/browser-lib.sh - sourced by the report's browser checks
# (tests/report/report-browser.sh, tools/report-check.sh): the pass/fail
# bookkeeping and headless Chromium, set up the same way for both.
# The variables it sets are used by the scripts that source it.
# shellcheck shell=sh disable=SC2034

# check DESCRIPTION COMMAND...: runs the command, says "ok:" or "FAILED:"
# with the description, and remembers a failure in $fail (the exit status).
fail=0
check() {
  what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    fail=1
  fi
}

# need_article_and_chromium REPO: sets $article to the article the report's
# checks read ($GAZMAP_SHARED_DIR/corpus, default ../shared next to the
# repository REPO), and exits 77 (CTest: skipped) when it or chromium is
# absent.
need_article_and_chromium() {
  article=${GAZMAP_SHARED_DIR:-$1/../shared}/corpus/karabakh-one-year-after.txt
  if [ ! -f "$article" ]; then
    echo "SKIP: $article is absent"
    exit 77
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    echo "SKIP: chromium is not installed (apt-get install -y chromium)"
    exit 77
  fi
}

# browser_start LOG: a throwaway profile (removed when the script exits) and
# the flags that keep Chromium off the network and quiet but for its
# console, which goes to LOG (emptied here) for check_console.
browser_start() {
  browser_log=$1
  profile=$(mktemp -d)
  trap 'rm -rf "$profile"' EXIT
  flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir=$profile --enable-logging=stderr --v=0 --hide-scrollbars"
  : >"$browser_log"
}

# shot FILE.png WIDTH,HEIGHT URL: a screenshot of the page.
shot() {
  # shellcheck disable=SC2086
  chromium $flags --window-size="$2" --screenshot="$1" "$3" >>"$browser_log" 2>&1 || true
}

# dom OUT.html URL: the DOM as the browser built it, scripts run.
dom() {
  # shellcheck disable=SC2086
  chromium $flags --dump-dom "$2" >"$1" 2>>"$browser_log" || true
}

# check_console DESCRIPTION: no console error, refused script or blocked
# fetch in the log (the pages' CSP forbids every network fetch, so a fetch
# attempt is logged as an error); the first offending lines are shown.
check_console() {
  console=$(grep -E 'CONSOLE|Uncaught|Refused to|net::ERR_' "$browser_log" || true)
  check "$1" test -z "$console"
  if [ -n "$console" ]; then
    printf '%s\n' "$console" | head -20
  fi
}
