#!/usr/bin/env bash
# How Levelmap's costs grow with the number of areas (issue 11): datasets
# of about 33,000, 130,000 and 260,000 areas, cut from England's LSOAs by
# bench-scaling-data (made once into a cache folder, outside the
# repository), each timed with `levelmap --bench` (load of every table
# and layer, a recompute, a 1600x2000 render of the finest level) and
# with bench-map-frames (pan and zoom frames of the map widget from its
# cache, under Xvfb with the Cairo GSK renderer, and the frame after a
# weight change). Prints `key: value` lines per size, then the growth
# exponent of each cost between the smallest and largest size (1 =
# linear, 2 = quadratic; n log n is about 1.1 here).
#
# Usage: bench/scaling.sh [BUILD_DIR]   (default _build)
# Environment: LEVELMAP_DATA_DIR (default ../shared/data);
# LEVELMAP_SCALING_DIR where the datasets go (default
# ${XDG_CACHE_HOME:-~/.cache}/levelmap-scaling); SIZES (default "1 4 8",
# pieces per LSOA); FRAMES (default 180).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
data=${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}
cache=${LEVELMAP_SCALING_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/levelmap-scaling}
sizes=${SIZES:-1 4 8}
frames=${FRAMES:-180}
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$PWD/data}

for tool in app/levelmap bench/bench-scaling-data bench/bench-map-frames; do
  if [ ! -x "$build/$tool" ]; then
    echo "scaling.sh: $build/$tool is not built (meson compile -C $build)" >&2
    exit 2
  fi
done

echo "cores: $(nproc)"
echo "load_average_start: $(cut -d' ' -f1-3 /proc/loadavg)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT

for pieces in $sizes; do
  dir=$cache/x$pieces
  # Made again when the generator is newer than what it made.
  if [ ! -f "$dir/scaling.xml" ] || [ "$build/bench/bench-scaling-data" -nt "$dir/scaling.xml" ]; then
    rm -rf "$dir"
    "$build/bench/bench-scaling-data" "$data/england-2019" "$dir" "$pieces" > /dev/null
  fi
  n=$(($(wc -l < "$dir/lookup.csv") - 1))
  bench=$("$build/app/levelmap" --dataset="$dir/scaling.xml" --level=area --bench)
  frames_out=$(GDK_BACKEND=x11 GTK_A11Y=none GSETTINGS_BACKEND=memory GSK_RENDERER=cairo \
    xvfb-run -a -s "-screen 0 1920x1080x24" "$build/bench/bench-map-frames" \
    --dataset="$dir/scaling.xml" --level=area --frames="$frames" 2>/dev/null)
  {
    echo "n: $n"
    echo "$bench" | grep -E '^(load_ms|recompute_ms|render_ms|render_fast_ms|peak_rss_mb):'
    echo "$frames_out" | grep -E '^(pan_zoom_frame_ms_p50|pan_zoom_frame_ms_p95|pan_zoom_work_ms_p50|recolour_frame_ms_p50):'
  } | sed "s/^/x$pieces./" | tee -a "$results"
done

# Growth between the smallest and the largest size: log(t2/t1)/log(n2/n1).
first=$(echo "$sizes" | awk '{print $1}')
last=$(echo "$sizes" | awk '{print $NF}')
if [ "$first" != "$last" ]; then
  for key in load_ms recompute_ms render_ms pan_zoom_frame_ms_p50 pan_zoom_work_ms_p50; do
    awk -v a="x$first" -v b="x$last" -v k="$key" -F': ' '
      $1 == a ".n" { n1 = $2 } $1 == b ".n" { n2 = $2 }
      $1 == a "." k { t1 = $2 } $1 == b "." k { t2 = $2 }
      END { if (t1 > 0 && t2 > 0 && n2 > n1)
              printf "growth_exponent.%s: %.2f\n", k, log (t2 / t1) / log (n2 / n1) }' "$results"
  done
fi
echo "load_average_end: $(cut -d' ' -f1-3 /proc/loadavg)"
