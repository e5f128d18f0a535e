#!/bin/sh
# window-frames.sh — start-up to the first drawn map, and frame times while
# a weight slider is dragged across its range, in the real window.
#
# Copyright 2026 The Levelmap authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench/window-frames.sh [BUILD_DIR] [DATA_DIR]
#   BUILD_DIR  a configured and built meson build folder (default: ./_build,
#              or $MESON_BUILD_ROOT)
#   DATA_DIR   the reference data (default: $LEVELMAP_DATA_DIR, else the
#              configured folder)
#
# Runs bench-window under xvfb-run (unless a display is already there)
# at 1366x768 on england-2019 and prints, each as the median over the
# runs (and every run's value after the figures that move most with a
# busy host):
#   host_reference_ms: …     how fast the host ran a fixed job just
#                            before each run (bench/bench-reference.c)
#   startup_ms: …            process start to the end of the first frame
#                            painted with the map
#   startup_main_cpu_ms: …   CPU time of the main thread and of the whole
#   startup_cpu_ms: …        process by then
#   slider_frame_ms_p50: …   value change to the end of the next frame's
#   slider_frame_ms_p95: …   paint, over 121 steps of the IMD income slider
#   rss_*, recolour_ms_*, filter_keystroke_ms_*, resort_ms_*: see
#                            bench/bench-window.c
# Environment: RUNS=N runs the window N times (default 3); GSK_RENDERER
# is left as it is (GTK picks GL or Cairo), set it to "cairo" or "gl" to
# compare.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-${MESON_BUILD_ROOT:-$src/_build}}
data=${2:-${LEVELMAP_DATA_DIR:-}}
runs=${RUNS:-3}

if [ ! -f "$build/build.ninja" ]; then
  echo "window-frames.sh: $build is not a meson build folder (meson setup $build)" >&2
  exit 2
fi
ninja -C "$build" >/dev/null

driver="$build/bench/bench-window"
if [ ! -x "$driver" ]; then
  echo "window-frames.sh: $driver was not built; add subdir('bench') to meson.build" >&2
  exit 2
fi

export GSETTINGS_SCHEMA_DIR="$build/resources"
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$src/data}
export GSETTINGS_BACKEND=memory
export GDK_BACKEND=x11
export GTK_A11Y=none
export NO_AT_BRIDGE=1
if [ -n "$data" ]; then
  export LEVELMAP_DATA_DIR="$data"
fi

run_once() {
  "$build/bench/bench-reference"
  LM_BENCH_T0_NS=$(date +%s%N) "$driver" ${data:+"$data"}
}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  # Re-run this script inside a virtual X server at the bench's size.
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$build" ${data:+"$data"}
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
  run_once >>"$out"
  i=$((i + 1))
done

# Each figure is the median over the runs, with every run's value after
# it ("runs: …") for those that move most with a busy host; the host's
# speed at each start is host_reference_ms (see bench-reference.c).
median_of () {
  grep "^$1:" "$out" | awk '{print $2}' | sort -n |
    awk -v key="$1" -v digits="$2" '{v[NR]=$1} END {
      if (NR == 0) exit
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%s: %.*f", key, digits, m }'
}
runs_of () {
  grep "^$1:" "$out" | awk '{printf " %s", $2}'
}
for key in host_reference_ms startup_ms startup_main_cpu_ms startup_cpu_ms; do
  digits=0
  [ "$key" = host_reference_ms ] && digits=2
  echo "$(median_of "$key" "$digits") (runs:$(runs_of "$key"))"
done
for key in slider_frame_ms_p50 slider_frame_ms_p95 slider_frame_ms_max slider_steps slider_recomputes \
           rss_first_map_mb rss_settled_mb recolour_ms_p50 recolour_ms_p95 recolour_ms_max \
           recolour_cpu_ms_p50 recolour_cpu_ms_p95 \
           filter_keystroke_ms_p50 filter_keystroke_ms_p95 filter_keystroke_ms_max \
           filter_keystroke_cpu_ms_p50 filter_keystroke_cpu_ms_p95 \
           resort_ms_p50 resort_ms_p95 resort_ms_max resort_cpu_ms_p50 resort_cpu_ms_p95 rss_end_mb; do
  case "$key" in
    slider_steps|slider_recomputes) line=$(median_of "$key" 0) ;;
    *) line=$(median_of "$key" 1) ;;
  esac
  case "$key" in
    *_p95) echo "$line (runs:$(runs_of "$key"))" ;;
    *) [ -n "$line" ] && echo "$line" ;;
  esac
done
