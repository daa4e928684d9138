#!/bin/sh
# Peak memory of `gazmap report` on a large text (issue 14: within a small
# multiple of the 256 MiB text limit).  The text repeats a paragraph that
# names places until it is SIZE_MB megabytes.
# usage: bench/report_rss.sh build/bin/gazmap [SIZE_MB]
set -eu
bin=$1
mb=${2:-250}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/text.txt" "$mb" <<'PY'
import sys
para = ("On 20 November Aghdam was returned, Kalbajar on 25 November and Lachin on "
        "1 December; Shusha, Khankendi and the Lachin corridor stayed under the "
        "Russian peacekeepers.\n\n")
target = int(sys.argv[2]) * 1000 * 1000
with open(sys.argv[1], "w") as f:
    n = 0
    while n < target:
        f.write(para)
        n += len(para)
PY
ls -l "$dir/text.txt" | awk '{printf "text: %d bytes\n", $5}'
/usr/bin/time -v "$bin" report "$dir/text.txt" -o "$dir/out.html" 2> "$dir/time.txt" || true
grep -E 'Maximum resident|Elapsed|Exit status' "$dir/time.txt"
ls -l "$dir/out.html" 2>/dev/null | awk '{printf "page: %d bytes\n", $5}'
