#!/bin/sh
# map-frames.sh — frame times of the map widget while it pans and zooms
# over all 32,844 LSOAs, and the time from a weight change to the
# recoloured frame, measured in a window under Xvfb.
#
#   bench/map-frames.sh [BUILD_DIR] [bench-map-frames options]
#
# BUILD_DIR defaults to $BUILD_DIR or ./builddir; it must hold a build of
# this tree (meson setup BUILD_DIR && ninja -C BUILD_DIR): this script
# builds nothing. The data folder is $LEVELMAP_DATA_DIR, or ../shared/data
# beside the repository. The figures are printed twice: with the GSK
# renderer GTK picks (GL, which under Xvfb is Mesa's software llvmpipe)
# and with the Cairo renderer the GUI tests use. Prints `key: value`
# lines; pan_zoom_frame_ms_p50/p95 are the intervals between frames (16.7
# ms = 60 frames/s), pan_zoom_work_ms the main-thread time per frame.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/builddir}
if [ $# -gt 0 ] && [ -d "$1" ]; then
  build=$1
  shift
fi
bench=$build/bench/bench-map-frames
if [ ! -x "$bench" ]; then
  echo "map-frames.sh: $bench is not built; run meson setup and ninja first" >&2
  exit 1
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "map-frames.sh: xvfb-run is needed (Debian package xvfb)" >&2
  exit 1
fi

: "${LEVELMAP_DATA_DIR:=$root/../shared/data}"
export LEVELMAP_DATA_DIR
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$root/data}
export GDK_BACKEND=x11 GTK_A11Y=none GSETTINGS_BACKEND=memory

echo "cores: $(nproc)"
echo "load_average: $(cut -d' ' -f1-3 /proc/loadavg)"
for renderer in default cairo; do
  echo "# GSK renderer: $renderer"
  if [ "$renderer" = default ]; then
    xvfb-run -a -s "-screen 0 1920x1080x24" "$bench" "$@"
  else
    GSK_RENDERER=$renderer xvfb-run -a -s "-screen 0 1920x1080x24" "$bench" "$@"
  fi
done
