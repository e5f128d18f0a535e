#!/usr/bin/env bash
# Builds Levelmap and opens it on the first dataset found, England 2019
# (../shared/data beside the source tree, or $LEVELMAP_DATA_DIR).
# Extra arguments go to levelmap, e.g. --dataset=england-2025.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build --buildtype=release
meson compile -C _build

# An uninstalled Levelmap has no source-tree path built in: it reads the
# manifests here and the data beside the source tree (as meson devenv does).
# The window remembers the last view in GSettings: the schema compiled in
# the build folder is required.
if [ ! -f _build/resources/gschemas.compiled ]; then
  echo "run-levelmap.sh: _build/resources/gschemas.compiled is missing; the build did not compile the settings schema" >&2
  exit 1
fi
export GSETTINGS_SCHEMA_DIR="$PWD/_build/resources${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
export LEVELMAP_MANIFEST_DIR="${LEVELMAP_MANIFEST_DIR:-$PWD/data}"
export LEVELMAP_DATA_DIR="${LEVELMAP_DATA_DIR:-$(cd .. && pwd)/shared/data}"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ $# -eq 0 ]; then
  # No display (a server or CI): show what the engine computes instead.
  echo "No display found: printing the left-behind statistics headlessly."
  ./_build/app/levelmap --dataset=england-2019 --level=lad --x=cni.score --y=eu.leave_pct --stats
  exit 0
fi
exec ./_build/app/levelmap --dataset=england-2019 "$@"
