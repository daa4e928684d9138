#!/usr/bin/env bash
# Runs the whole test suite twice: in the release build, and in a build under
# AddressSanitizer + UndefinedBehaviorSanitizer.  Installs the test-only tools
# (Chromium for the SVG/HTML embedding checks, poppler for PDF, xmllint for SVG,
# pngcheck for PNG chunks) when missing.  Run tools/quickstart.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

# hyperfine and sqlite3 are for bench/bench_layers.sh, ripgrep, bc and libstemmer0d for
# bench/bench_find_rg.sh and bench/hy_stem_compare.py (not the tests).
packages=(chromium poppler-utils libxml2-utils valgrind python3 python3-gdal python3-shapely
          python3-pyproj python3-geopy python3-pytest wrk curl hyperfine sqlite3 pngcheck ripgrep
          bc libstemmer0d)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  echo "installing test tools: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
(cd build && ctest --output-on-failure)

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan >/dev/null
cmake --build build-asan -j"$(nproc)"
(cd build-asan &&
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  LSAN_OPTIONS="suppressions=$PWD/../tests/lsan.supp:print_suppressions=0" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure)
