#!/usr/bin/env bash
# Builds Levelmap and opens it on the England 2019 data
# (../shared/data beside the source tree, or $LEVELMAP_DATA_DIR).
# Extra arguments go to levelmap, e.g. --dataset=england-2025.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build --buildtype=release
meson compile -C _build

# The window remembers the last view in GSettings: the schema compiled in
# the build folder is required.
if [ ! -f _build/resources/gschemas.compiled ]; then
  echo "run-levelmap.sh: _build/resources/gschemas.compiled is missing; the build did not compile the settings schema" >&2
  exit 1
fi
export GSETTINGS_SCHEMA_DIR="$PWD/_build/resources${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ $# -eq 0 ]; then
  # No display (a server or CI): show what the engine computes instead.
  echo "No display found: printing the left-behind statistics headlessly."
  ./_build/app/levelmap --dataset=england-2019 --level=lad --x=cni.score --y=eu.leave_pct --stats
  exit 0
fi
exec ./_build/app/levelmap --dataset=england-2019 "$@"
