#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), builds gazmap, and runs the
# main job on the bundled data.  Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config libcairo2-dev libpango1.0-dev libshp-dev check
          libfontconfig-dev libproj-dev proj-data libicu-dev libjansson-dev libisal-dev libsqlite3-dev
          libmicrohttpd-dev
          fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

# The main job: the default map of the bundled data, as PNG and SVG.
mkdir -p output
./build/bin/gazmap render -o output/karabakh.png
./build/bin/gazmap render -o output/karabakh.svg
echo "wrote output/karabakh.png and output/karabakh.svg"
