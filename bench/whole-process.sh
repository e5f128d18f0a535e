#!/usr/bin/env bash
# Whole-process benchmarks (issue 11, DESIGN.md "Performance"), each timed
# from process start to exit:
#
#  - the headline job: the LSOA map of England with the IMD re-weighted,
#    a 1600x2000 PNG; Levelmap side by side with its peers in the same run
#    (R with sf, bench/peer_sf.R; Python with geopandas,
#    bench/peer_geopandas.py), runs interleaved so that all see the same
#    load; medians of wall time, CPU time (user + system) and peak RSS,
#    and Levelmap's ratio to each peer;
#  - the actions that draw nothing (--stats, --export-csv, --left-behind,
#    --list-variables): median wall time and peak RSS.
#
# Usage: bench/whole-process.sh [BUILD_DIR]   (default _build)
# Environment: RUNS (default 9) runs of each Levelmap job, PEER_RUNS
# (default 5) of each peer; LEVELMAP_DATA_DIR (default ../shared/data).
# Peers missing are reported as such (apt-get install r-cran-sf
# python3-geopandas python3-matplotlib). Prints `key: value` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
runs=${RUNS:-9}
peer_runs=${PEER_RUNS:-5}
data=${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$PWD/data}
levelmap=$build/app/levelmap
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ ! -x "$levelmap" ]; then
  echo "whole-process.sh: $levelmap is not built (meson compile -C $build)" >&2
  exit 2
fi

# One timed run: appends "wall cpu rss_kb" to the file $1. The wall time
# is taken to the microsecond around the run (time(1)'s %e has only
# hundredths, too coarse for the 60 ms actions).
timed () {
  local log=$1 start end; shift
  start=$(date +%s%N)
  /usr/bin/time -f "%U %S %M" -o "$out/time" "$@" > /dev/null
  end=$(date +%s%N)
  awk -v wall="$(( (end - start) / 1000 ))" \
    '{ printf "%.4f %.3f %s\n", wall / 1e6, $1 + $2, $3 }' "$out/time" >> "$log"
}

median () {  # file, column
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

report () {  # name, log file
  printf '%s_wall_s: %s\n' "$1" "$(median "$2" 1)"
  printf '%s_cpu_s: %s\n' "$1" "$(median "$2" 2)"
  printf '%s_peak_rss_mb: %.1f\n' "$1" "$(echo "$(median "$2" 3) / 1024" | bc -l)"
}

echo "cores: $(nproc)"
echo "load_average_start: $(cut -d' ' -f1-3 /proc/loadavg)"

headline=("$levelmap" --data-dir="$data" --dataset=england-2019 --weight=imd.income=30
          --export-map="$out/levelmap.png" --level=lsoa --size=1600x2000)
have_sf=0
have_geopandas=0
command -v Rscript > /dev/null && Rscript -e 'suppressPackageStartupMessages(library(sf))' \
  > /dev/null 2>&1 && have_sf=1
/usr/bin/python3 -c 'import geopandas, matplotlib' > /dev/null 2>&1 && have_geopandas=1

# Warm the page cache and the dynamic loader's caches: the first run of
# each is not counted.
"${headline[@]}" > /dev/null
: > "$out/levelmap.log"; : > "$out/sf.log"; : > "$out/geopandas.log"
for i in $(seq "$runs"); do
  timed "$out/levelmap.log" "${headline[@]}"
  if [ "$i" -le "$peer_runs" ]; then
    [ $have_sf = 1 ] && timed "$out/sf.log" Rscript bench/peer_sf.R "$data/england-2019" "$out/sf.png"
    [ $have_geopandas = 1 ] && timed "$out/geopandas.log" /usr/bin/python3 bench/peer_geopandas.py \
      "$data/england-2019" "$out/geopandas.png"
  fi
done

report levelmap "$out/levelmap.log"
for peer in sf geopandas; do
  if [ ! -s "$out/$peer.log" ]; then
    echo "$peer: not installed (apt-get install r-cran-sf python3-geopandas python3-matplotlib)"
    continue
  fi
  report "$peer" "$out/$peer.log"
  printf 'levelmap_to_%s_wall_ratio: %.3f\n' "$peer" \
    "$(echo "$(median "$out/levelmap.log" 1) / $(median "$out/$peer.log" 1)" | bc -l)"
  printf 'levelmap_to_%s_cpu_ratio: %.3f\n' "$peer" \
    "$(echo "$(median "$out/levelmap.log" 2) / $(median "$out/$peer.log" 2)" | bc -l)"
done

# The actions that draw nothing read no shapefile.
for action in stats export-csv left-behind list-variables; do
  case $action in
    export-csv) args=(--export-csv="$out/areas.csv") ;;
    *) args=(--"$action") ;;
  esac
  : > "$out/$action.log"
  for _ in $(seq "$runs"); do
    timed "$out/$action.log" "$levelmap" --data-dir="$data" --dataset=england-2019 "${args[@]}"
  done
  name=$(echo "$action" | tr - _)
  printf '%s_wall_s: %s\n' "$name" "$(median "$out/$action.log" 1)"
  printf '%s_peak_rss_mb: %.1f\n' "$name" "$(echo "$(median "$out/$action.log" 3) / 1024" | bc -l)"
done
echo "load_average_end: $(cut -d' ' -f1-3 /proc/loadavg)"
