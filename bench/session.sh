#!/usr/bin/env bash
# A scripted session in the real window (bench/bench-session.c) under
# Xvfb with the Cairo GSK renderer: slider drags, level and variable
# switches, table filters and sorts, exports, and a change of dataset
# every other round, for SESSION_SECONDS (default 600), with resident
# memory printed every SAMPLE seconds (default 10) and at each round's
# end, and its growth between the ends of rounds at the same point of the
# script's four-round cycle, from the first after a whole cycle (issue 11:
# at most 10 MB), with the trend over every round's end.
#
# Usage: bench/session.sh [BUILD_DIR]          the memory curve
#        bench/session.sh --lsan [ASAN_BUILD]  the same session built with
#          -Db_sanitize=address (default _build-asan, as .ci/run makes it),
#          under LeakSanitizer with tests/lsan.supp; prints its verdict.
# Environment: LEVELMAP_DATA_DIR (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
lsan=0
if [ "${1:-}" = "--lsan" ]; then
  lsan=1
  shift
  build=${1:-_build-asan}
else
  build=${1:-_build}
fi
driver=$build/bench/bench-session
if [ ! -x "$driver" ]; then
  echo "session.sh: $driver is not built (meson compile -C $build)" >&2
  exit 2
fi
export LEVELMAP_DATA_DIR=${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$PWD/data}
export GSETTINGS_SCHEMA_DIR=$build/resources
export GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1 GSK_RENDERER=cairo
export LM_SESSION_SECONDS=${SESSION_SECONDS:-600}
export LM_SESSION_SAMPLE=${SAMPLE:-10}

echo "load_average_start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $lsan = 0 ]; then
  xvfb-run -a -s "-screen 0 1366x768x24" "$driver" "$LEVELMAP_DATA_DIR"
else
  # Only the one-time caches of the libraries below Levelmap are
  # suppressed (see tests/lsan.supp); any other leak fails.
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0" \
    xvfb-run -a -s "-screen 0 1366x768x24" "$driver" "$LEVELMAP_DATA_DIR" 2> "$log" || status=$?
  grep -E '^(SUMMARY|ERROR): (AddressSanitizer|LeakSanitizer)' "$log" || true
  if grep -q 'ERROR: LeakSanitizer' "$log"; then
    sed -n '/ERROR: LeakSanitizer/,$p' "$log" | head -80
    echo "lsan: leaks found"
    exit 1
  fi
  [ $status = 0 ] || { tail -40 "$log"; echo "lsan: the session failed ($status)"; exit 1; }
  echo "lsan: no leaks"
fi
echo "load_average_end: $(cut -d' ' -f1-3 /proc/loadavg)"
