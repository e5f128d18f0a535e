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
# at 1366x768 on england-2019 and prints:
#   startup_ms: …            process start to the end of the first frame
#                            painted with the map
#   startup_main_cpu_ms: …   CPU time of the main thread and of the whole
#   startup_cpu_ms: …        process by then (medians, like startup_ms)
#   slider_frame_ms_p50: …   value change to the end of the next frame's
#   slider_frame_ms_p95: …   paint, over 121 steps of the IMD income slider
#   rss_*, recolour_ms_*, filter_keystroke_ms_*, resort_ms_*: see
#                            bench/bench-window.c
# Environment: RUNS=N repeats the start-up N times and prints the median
# (default 3); GSK_RENDERER is left as it is (GTK picks GL or Cairo), set
# it to "cairo" or "gl" to compare.
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

# Median start-up over the runs; frame times from the last run (each run
# drags the slider the same way).
grep '^startup_ms:' "$out" | awk '{print $2}' | sort -n |
  awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "startup_ms: %.0f\n", m}'
for key in startup_main_cpu_ms startup_cpu_ms; do
  grep "^$key:" "$out" | awk '{print $2}' | sort -n |
    awk -v key="$key" 'NR > 0 {v[NR]=$1} END {if (NR == 0) exit; m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%s: %.0f\n", key, m}'
done
grep -E '^slider_frame_ms_(p50|p95|max):|^slider_steps:|^slider_recomputes:' "$out" | tail -n 5
# Memory and the later phases, from the last run.
for key in rss_first_map_mb rss_settled_mb recolour_ms_p50 recolour_ms_p95 recolour_ms_max \
           recolour_cpu_ms_p50 recolour_cpu_ms_p95 \
           filter_keystroke_ms_p50 filter_keystroke_ms_p95 filter_keystroke_ms_max \
           filter_keystroke_cpu_ms_p50 filter_keystroke_cpu_ms_p95 \
           resort_ms_p50 resort_ms_p95 resort_ms_max resort_cpu_ms_p50 resort_cpu_ms_p95 rss_end_mb; do
  grep "^$key:" "$out" | tail -n 1
done
