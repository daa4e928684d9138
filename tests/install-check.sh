#!/bin/sh
# Installs gazmap into a fresh prefix and uses it from elsewhere: the binary
# must find its bundled data relative to itself, and a program built against
# the installed headers and pkg-config file must link and run.
# usage: tests/install-check.sh BUILD_DIR
set -eu
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
cd /
out=$(env -u GAZMAP_DATA_DIR "$prefix/bin/gazmap" lookup --lang ru Shusha)
[ "$out" = "$(printf 'query\tid\tname\nShusha\tshusha\tШуша')" ] || { echo "installed lookup said: $out" >&2; exit 1; }
env -u GAZMAP_DATA_DIR "$prefix/bin/gazmap" render --width 640 --height 480 -o "$prefix/map.png"
[ -s "$prefix/map.png" ] || { echo "installed render wrote nothing" >&2; exit 1; }
# PROJ is not linked (it is dlopen()ed by its SONAME for another CRS): not by
# the binary, not by the shared library, not in the pkg-config file.
for f in "$prefix/bin/gazmap" "$prefix"/lib/libgazmap.so; do
  if readelf -d "$f" | grep NEEDED | grep -q libproj; then
    echo "$f links libproj" >&2
    exit 1
  fi
done
if PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --static --libs gazmap | grep -q -- -lproj; then
  echo "gazmap.pc still asks for PROJ" >&2
  exit 1
fi
env -u GAZMAP_DATA_DIR "$prefix/bin/gazmap" render --crs EPSG:32638 --width 640 --height 480 \
  -o "$prefix/utm.png"
[ -s "$prefix/utm.png" ] || { echo "installed render --crs wrote nothing" >&2; exit 1; }
cat > "$prefix/use.c" <<'C'
#include <gazmap/gazmap.h>
#include <stdio.h>
int main(void) {
  gazmap_gazetteer *g;
  const gazmap_place *p;
  if (gazmap_gazetteer_open(&g, NULL) < 0) {
    fprintf(stderr, "%s\n", gazmap_error_last()->message);
    return 1;
  }
  p = gazmap_gazetteer_find_id(g, "khojavend");
  printf("%s\n", p ? gazmap_place_name_in(p, "hy") : "?");
  gazmap_gazetteer_free(g);
  return 0;
}
C
PKG_CONFIG_PATH="$prefix/lib/pkgconfig" cc -std=c17 -o "$prefix/use" "$prefix/use.c" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs gazmap)
# A program of the user's own finds the data through GAZMAP_DATA_DIR (its
# executable is not under the prefix).
got=$(LD_LIBRARY_PATH="$prefix/lib" GAZMAP_DATA_DIR="$prefix/share/gazmap" "$prefix/use")
[ "$got" = "Մարտունի" ] || { echo "library client said: $got" >&2; exit 1; }
echo "install-check: PASS ($prefix)"
