#!/usr/bin/env bash
# Builds Levelmap and runs every test (model, renderers, command line and
# the GUI tests under a virtual X server).
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build

export GDK_BACKEND=x11 GTK_A11Y=none GSK_RENDERER=cairo GSETTINGS_BACKEND=memory
status=0
xvfb-run -a -s "-screen 0 1920x1080x24" meson test -C _build --print-errorlogs "$@" \
  | tee _build/test-output.txt || status=$?

# A closing line any CI can read.
passed=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' _build/test-output.txt | tail -n 1)
failed=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' _build/test-output.txt | tail -n 1)
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
