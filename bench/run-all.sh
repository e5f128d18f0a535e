#!/usr/bin/env bash
# Every figure of issue 11 in one run, as `key: value` lines grouped by
# part (see docs/performance.md):
#
#   1. whole-process.sh  the headline job beside R sf and geopandas
#                        (ratios), and the four actions that draw nothing
#   2. bench-window      start-up to the drawn map, resident memory, the
#                        slider's frames, the first frame after a change
#                        of the LSOA map's variable, each keystroke of a
#                        table filter and each re-sort of the LSOA table
#                        (Xvfb, Cairo GSK renderer)
#   3. map-frames.sh     pan/zoom frames from the map's cache, with the GL
#                        and the Cairo GSK renderers
#   4. scaling.sh        load, recompute, render and pan/zoom at about
#                        33k, 130k and 250k areas, and their growth
#   5. session.sh        the ten-minute session's memory curve (skipped
#                        with QUICK=1), and with LSAN=1 the same session
#                        under LeakSanitizer (needs _build-asan)
#
# Usage: bench/run-all.sh [BUILD_DIR]   (default _build; built already)
# Run it on a quiet machine: the peers run in the same run, so ratios
# hold under load, but absolute times do not.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
status=0
LEVELMAP_DATA_DIR=${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}
export LEVELMAP_DATA_DIR

part () {
  echo "## $1"
  shift
  "$@" || { echo "(failed: $*)"; status=1; }
}

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
part "whole process" bash bench/whole-process.sh "$build"
part "window" env RUNS=${WINDOW_RUNS:-3} GSK_RENDERER=cairo bash bench/window-frames.sh "$build"
part "map frames" bash bench/map-frames.sh "$build"
part "scaling" bash bench/scaling.sh "$build"
if [ "${QUICK:-0}" != 1 ]; then
  part "session" bash bench/session.sh "$build"
fi
if [ "${LSAN:-0}" = 1 ]; then
  part "session under LeakSanitizer" bash bench/session.sh --lsan "${ASAN_BUILD:-_build-asan}"
fi
exit $status
