#!/bin/sh
# The shared library exports the public API and nothing else: every defined
# dynamic symbol starts with gazmap_, and every GAZMAP_EXTERN function of the
# installed headers is among them.  Usage: abi-check.sh LIBGAZMAP.so INCLUDE_DIR
set -eu
lib=$1
inc=$2
command -v nm >/dev/null || { echo "abi-check: nm not found"; exit 77; }
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort -u)
[ -n "$exported" ] || { echo "abi-check: $lib exports nothing"; exit 1; }
bad=$(printf '%s\n' "$exported" | grep -v '^gazmap_' || true)
if [ -n "$bad" ]; then
  echo "abi-check: $lib exports symbols outside the public API:"
  printf '  %s\n' $bad
  exit 1
fi
declared=$(grep -ho 'GAZMAP_EXTERN[^(]*\bgazmap_[a-z0-9_]*(' "$inc"/gazmap/*.h |
  grep -o 'gazmap_[a-z0-9_]*(' | tr -d '(' | sort -u)
missing=$(printf '%s\n' "$declared" | grep -vxF "$exported" || true)
if [ -n "$missing" ]; then
  echo "abi-check: declared GAZMAP_EXTERN but not exported:"
  printf '  %s\n' $missing
  exit 1
fi
echo "abi-check: $(printf '%s\n' "$exported" | wc -l) symbols, all gazmap_, all declared ones present"
