#!/usr/bin/env bash
# Installs the Debian 12 packages Levelmap needs to build, test and run,
# skipping the package index update when everything is already there.
# With arguments, installs those packages instead (tests/fuzz/run.sh asks
# for clang and its libFuzzer runtime this way).
set -euo pipefail

packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libshp-dev libxml2-dev
  libcairo2-dev libpango1.0-dev zlib1g-dev
  libglib2.0-bin desktop-file-utils appstream
  xvfb xauth poppler-utils xdotool openbox
  dbus-daemon at-spi2-core python3-pyatspi
)
[ $# -eq 0 ] || packages=("$@")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
