#!/usr/bin/env bash
# Builds shapelib 1.6.1 from ../shared/vendor (offline, CMake) into a
# prefix, then builds Levelmap against it and runs every test, so that the
# shapelib 1.6 code path (SAHooks with pvUserData, SHAPELIB_AT_LEAST) that
# the Flatpak uses keeps compiling, warning-free, and working. Debian 12
# itself has shapelib 1.5, which the ordinary build covers.
#
# Usage: bash build-aux/test-shapelib-1.6.sh [meson test arguments]
# Work folders: _build-shapelib-1.6 (shapelib and its prefix) and
# _build-shp16 (Levelmap), both ignored by git.
set -euo pipefail
cd "$(dirname "$0")/.."

tarball=../shared/vendor/shapelib-1.6.1.tar.gz
sha256=21e2177229357cfc81ddc501977d7baf3a1d16acbe8801fc1217a390ae3df654
work=$PWD/_build-shapelib-1.6
prefix=$work/prefix
build=_build-shp16

bash build-aux/install-deps.sh
# CMake and a C++ compiler (shapelib's CMake project enables C++) are only
# needed here.
need=()
for package in cmake g++; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if [ ! -f "$prefix/lib/pkgconfig/shapelib.pc" ]; then
  [ -f "$tarball" ] || { echo "error: $tarball is missing" >&2; exit 1; }
  echo "$sha256  $tarball" | sha256sum --check --quiet
  rm -rf "$work"
  mkdir -p "$work"
  tar -xzf "$tarball" -C "$work"
  # BUILD_TESTING=OFF: otherwise CMake fetches googletest from the network.
  cmake -S "$work/shapelib-1.6.1" -B "$work/build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DBUILD_TESTING=OFF -DBUILD_APPS=OFF
  cmake --build "$work/build"
  cmake --install "$work/build"
fi

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
[ -f "$build/build.ninja" ] || meson setup "$build" --werror
meson compile -C "$build"

# The point of the exercise: the binary really uses the 1.6 library.
# ldd's whole output first: `ldd | grep -q` under pipefail fails whenever
# grep, done at the first match, makes ldd die of SIGPIPE, which happened
# once the program had fewer libraries to list after libshp.
libraries=$(ldd "$build/app/levelmap")
if ! grep -q "$prefix/lib/libshp" <<< "$libraries"; then
  echo "error: levelmap is not linked against shapelib 1.6.1 in $prefix" >&2
  grep shp <<< "$libraries" >&2 || true
  exit 1
fi

export GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory
status=0
xvfb-run -a -s "-screen 0 1920x1080x24" meson test -C "$build" --print-errorlogs "$@" \
  | tee "$build/test-output.txt" || status=$?
passed=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$build/test-output.txt" | tail -n 1)
failed=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$build/test-output.txt" | tail -n 1)
echo "shapelib 1.6.1: ${passed:-0} passed, ${failed:-0} failed"
exit $status
