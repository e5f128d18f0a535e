#!/usr/bin/env bash
# Whole-process benchmark (DESIGN.md "Performance"): the LSOA map of England
# with the IMD re-weighted, 1600x2000 PNG, timed from process start to exit,
# Levelmap side by side with a peer (geopandas + matplotlib) in the same run.
# Prints the median wall time and peak RSS of each over RUNS runs.
# Usage: bench/whole-process.sh [BUILD_DIR] (default _build). Needs
# python3-geopandas and python3-matplotlib for the peer (skipped if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
runs=${RUNS:-7}
data=${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}
export LEVELMAP_MANIFEST_DIR=${LEVELMAP_MANIFEST_DIR:-$PWD/data}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure () {  # name, command...
  local name=$1; shift
  local times=() rss=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$out/time" "$@" > /dev/null
    read -r t m < "$out/time"
    times+=("$t"); rss+=("$m")
  done
  local mt mr
  mt=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  mr=$(printf '%s\n' "${rss[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%s_wall_s: %s\n%s_peak_rss_mb: %.1f\n' "$name" "$mt" "$name" "$(echo "$mr / 1024" | bc -l)"
}

measure levelmap "$build/app/levelmap" --data-dir="$data" --dataset=england-2019 \
  --weight=imd.income=30 --export-map="$out/levelmap.png" --level=lsoa --size=1600x2000
if /usr/bin/python3 -c 'import geopandas, matplotlib' 2>/dev/null; then
  RUNS_SAVED=$runs; runs=${PEER_RUNS:-3}
  measure geopandas /usr/bin/python3 bench/peer_geopandas.py "$data/england-2019" "$out/peer.png"
  runs=$RUNS_SAVED
else
  echo "geopandas: not installed (apt-get install python3-geopandas python3-matplotlib)"
fi
