#!/usr/bin/env bash
# flatpak/test-build.sh — proves flatpak/io.github.levelmap.Levelmap.yml on
# a machine that cannot download the GNOME runtime.
#
#  1. Makes, once, a test runtime and SDK from Debian 12 packages (with
#     mmdebstrap) and caches them outside the checkout, keyed by their
#     package lists.
#  2. Builds the real manifest's modules with flatpak-builder against them.
#     A copy of the manifest is rewritten only where being offline forces
#     it (shown as a diff in the log):
#       - the runtime and SDK names and version;
#       - shapelib's source: ../shared/vendor/shapelib-1.6.1.tar.gz (the
#         same 1.6 API and CMake build) instead of the 1.6.3 release URL.
#     Nothing is switched off: the test SDK has appstream-compose, and the
#     host has eu-strip.
#  3. Installs the result, from a single-file bundle made with
#     `flatpak build-bundle`, into a throwaway user installation and runs it
#     in the sandbox: `--stats` must print the Leave-vs-IMD statistics of
#     the bundled data (checked against the published local-authority IMD
#     averages), `--export-map` must write the 1600x2000 headline map
#     (_build-flatpak/headline.png), and the window must start under Xvfb
#     and draw a map (screenshot: _build-flatpak/window.png).
#
# Usage: bash flatpak/test-build.sh [--keep]
#   --keep  keep the throwaway installation (its path is printed)
# Outputs in _build-flatpak/: levelmap.flatpak, window.png, headline.png,
# stats.txt and the logs. Cache: $LEVELMAP_FLATPAK_CACHE, default
# ${XDG_CACHE_HOME:-~/.cache}/levelmap-flatpak (remove it for a cold run).
# Needs root or sudo (apt-get; mmdebstrap then runs in root mode) and
# ../shared beside the checkout. Nothing is fetched but Debian packages,
# each with a timeout.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
shared=$(cd "$src/.." && pwd)/shared
out=$src/_build-flatpak
cache=${LEVELMAP_FLATPAK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/levelmap-flatpak}
app_id=io.github.levelmap.Levelmap
keep=false
[ "${1:-}" = "--keep" ] && keep=true

suite=bookworm
branch=test
platform_id=org.levelmap.TestPlatform
sdk_id=org.levelmap.TestSdk
apt_options=(-o Acquire::http::Timeout=30 -o Acquire::https::Timeout=30 -o Acquire::Retries=2
             -o DPkg::Lock::Timeout=600)

# What the app needs at run time: the GNOME Platform's part that Levelmap
# uses, plus fonts, icons and MIME data so the window looks as it should.
platform_packages=(
  libgtk-4-1 libadwaita-1-0 libxml2 libpng16-16 libcairo2 libglib2.0-bin
  librsvg2-common shared-mime-info gsettings-desktop-schemas
  adwaita-icon-theme hicolor-icon-theme fonts-cantarell fonts-dejavu-core
)
# What the manifest's modules need to build, plus the tool flatpak-builder
# runs inside the SDK (appstream-compose, from appstream-util).
sdk_packages=(
  "${platform_packages[@]}"
  gcc g++ libc6-dev cmake meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libxml2-dev libcairo2-dev
  zlib1g-dev desktop-file-utils appstream-util
)
# On the host: flatpak and its builder (eu-strip comes from elfutils),
# mmdebstrap, and an X server, a session bus and a screenshot tool for the
# window test.
host_packages=(
  flatpak flatpak-builder bubblewrap ostree elfutils mmdebstrap
  xvfb xauth x11-utils dbus-bin imagemagick python3
)
# Bump when the way the runtime is made changes, so the cache is rebuilt.
recipe=3

step_start=0
step () {
  step_start=$SECONDS
  echo "== $* =="
}
step_done () {
  echo "   ($((SECONDS - step_start)) s)"
}
die () {
  echo "test-build: $*" >&2
  exit 1
}

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

work=""
installation=""
xvfb_pid=""
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  [ -n "$work" ] && "${as_root[@]}" rm -rf "$work"
  if [ -n "$installation" ]; then
    if $keep; then
      echo "kept the installation: FLATPAK_USER_DIR=$installation/flatpak"
    else
      rm -rf "$installation"
    fi
  fi
  return 0
}
trap cleanup EXIT

# ---------------------------------------------------------------------------
step "host packages"
missing=()
for package in "${host_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  timeout 600 "${as_root[@]}" apt-get "${apt_options[@]}" update -q
  DEBIAN_FRONTEND=noninteractive timeout 900 "${as_root[@]}" apt-get "${apt_options[@]}" \
    install -y -q --no-install-recommends "${missing[@]}"
fi
[ -f "$shared/vendor/shapelib-1.6.1.tar.gz" ] || die "$shared/vendor/shapelib-1.6.1.tar.gz is missing"
[ -d "$shared/data/england-2019" ] || die "the reference data are missing from $shared/data"
step_done

# ---------------------------------------------------------------------------
# The cache key is the package lists (and how they are turned into a
# runtime), so changing either makes a new runtime.
key=$(printf '%s\n' "$suite" "$recipe" "platform:" "${platform_packages[@]}" "sdk:" "${sdk_packages[@]}" \
        | sha256sum | cut -c1-16)
runtime_cache=$cache/runtime-$key
repo=$runtime_cache/repo

# A Debian root file system becomes a Flatpak runtime: /usr is the runtime's
# files and /etc goes to /usr/etc, which flatpak links into the sandbox's
# /etc. Flatpak runs "ldconfig" from the PATH (/app/bin:/usr/bin) to make
# the sandbox's library cache, and Debian keeps it in /usr/sbin.
make_runtime () {
  local name=$1 root=$2 dir=$3
  shift 3
  local sources=/etc/apt/sources.list.d/debian.sources
  [ -f "$sources" ] || sources=/etc/apt/sources.list

  rm -rf "$root" "$dir"
  # shellcheck disable=SC2046
  timeout 1200 "${as_root[@]}" mmdebstrap --variant=essential --quiet \
    --include="$(IFS=,; echo "$*")" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --aptopt='Acquire::http::Timeout "30"' --aptopt='Acquire::https::Timeout "30"' \
    --aptopt='Acquire::Retries "2"' \
    "$suite" "$root" "$sources"
  mkdir -p "$dir"
  "${as_root[@]}" mv "$root/usr" "$dir/usr"
  "${as_root[@]}" cp -a "$root/etc" "$dir/usr/etc"
  "${as_root[@]}" ln -sf ../sbin/ldconfig "$dir/usr/bin/ldconfig"
  # The library search path of the freedesktop runtime under GNOME's: the
  # app's own libraries (here shapelib) first. Flatpak makes the sandbox's
  # library cache with only /etc/ld.so.conf in place, so Debian's
  # "include /etc/ld.so.conf.d/*.conf" is spelled with /usr/etc.
  printf '%s\n' "include /run/flatpak/ld.so.conf.d/app-*.conf" "include /app/etc/ld.so.conf" \
    /app/lib "include /run/flatpak/ld.so.conf.d/runtime-*.conf" "include /usr/etc/ld.so.conf.d/*.conf" \
    | "${as_root[@]}" tee "$dir/usr/etc/ld.so.conf" > /dev/null
  "${as_root[@]}" rm -rf "$root"
  cat > "$dir/metadata" <<EOF
[Runtime]
name=$name
runtime=$platform_id/x86_64/$branch
sdk=$sdk_id/x86_64/$branch
EOF
}

step "test runtime and SDK ($runtime_cache)"
if [ -f "$runtime_cache/complete" ]; then
  echo "cached"
else
  rm -rf "$runtime_cache"
  mkdir -p "$runtime_cache"
  # The two root file systems (1.3 GB in 60,000 files) are made in memory
  # when there is room: unpacking, exporting and deleting them on a disk
  # shared with other builds took minutes.
  work_parent=$runtime_cache
  shm_free=$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')
  [ "${shm_free:-0}" -gt 4000000 ] && work_parent=/dev/shm
  work=$(mktemp -d "$work_parent/levelmap-runtime.XXXXXX")
  # The two are made at the same time: one downloads while the other
  # unpacks.
  make_runtime "$platform_id" "$work/platform-root" "$work/platform" "${platform_packages[@]}" \
    > "$runtime_cache/platform.log" 2>&1 &
  platform_pid=$!
  make_runtime "$sdk_id" "$work/sdk-root" "$work/sdk" "${sdk_packages[@]}" \
    > "$runtime_cache/sdk.log" 2>&1 &
  sdk_pid=$!
  # Waited for one by one (not in an || list, where set -e would be off
  # inside the function).
  wait "$sdk_pid" || { tail -n 40 "$runtime_cache/sdk.log" >&2; die "making the SDK failed"; }
  wait "$platform_pid" || { tail -n 40 "$runtime_cache/platform.log" >&2; die "making the platform failed"; }
  echo "   file systems made ($((SECONDS - step_start)) s)"
  # An uncompressed repository: exporting is quick, and installing from
  # it hard-links instead of copying.
  ostree init --repo="$repo" --mode=bare-user-only
  flatpak build-export --runtime --files=usr "$repo" "$work/platform" "$branch" > "$runtime_cache/export-platform.log"
  flatpak build-export --runtime --files=usr "$repo" "$work/sdk" "$branch" > "$runtime_cache/export-sdk.log"
  echo "   exported ($((SECONDS - step_start)) s)"
  "${as_root[@]}" rm -rf "$work"
  work=""
  touch "$runtime_cache/complete"
fi
step_done

# ---------------------------------------------------------------------------
step "throwaway installation"
installation=$(mktemp -d "${TMPDIR:-/tmp}/levelmap-flatpak.XXXXXX")
export FLATPAK_USER_DIR=$installation/flatpak
flatpak --user remote-add --no-gpg-verify levelmap-test "file://$repo"
flatpak --user install --noninteractive -y levelmap-test "$platform_id//$branch" "$sdk_id//$branch"
step_done

# ---------------------------------------------------------------------------
step "manifest rewritten for offline use"
mkdir -p "$out"
# The copy sits one folder below the checkout, as the original does, so
# its relative paths (.., ../../shared) mean the same.
manifest=$out/$app_id.yml
rewrite () {
  local from=$1 to=$2
  grep -qxF -- "$from" "$manifest" || die "the manifest no longer has the line “$from”: update the rewrite"
  python3 - "$manifest" "$from" "$to" <<'EOF'
import sys
path, old, new = sys.argv[1:4]
lines = open(path, encoding="utf-8").read().split("\n")
lines = [new if line == old else line for line in lines]
open(path, "w", encoding="utf-8").write("\n".join(lines))
EOF
}
cp "$src/flatpak/$app_id.yml" "$manifest"
rewrite "runtime: org.gnome.Platform" "runtime: $platform_id"
rewrite "sdk: org.gnome.Sdk" "sdk: $sdk_id"
rewrite "runtime-version: '50'" "runtime-version: $branch"
rewrite "        url: https://download.osgeo.org/shapelib/shapelib-1.6.3.tar.gz" \
        "        path: ../../shared/vendor/shapelib-1.6.1.tar.gz"
rewrite "        sha256: 3ff5ead18ca6d2fe249f0e80b361e1ad6782165115268ed4a58c780a60c1e0eb" \
        "        sha256: 21e2177229357cfc81ddc501977d7baf3a1d16acbe8801fc1217a390ae3df654"
diff -u "$src/flatpak/$app_id.yml" "$manifest" || true
step_done

# ---------------------------------------------------------------------------
step "flatpak-builder"
app_repo=$out/repo
# --disable-download: a source that is not already here is an error, never
# a network fetch. The state (module cache) is kept with the runtime.
(cd "$out" && timeout 1800 flatpak-builder --disable-rofiles-fuse --disable-download \
   --state-dir="$runtime_cache/builder" --force-clean --repo="$app_repo" \
   "$out/app" "$manifest") > "$out/flatpak-builder.log" 2>&1 \
  || { tail -n 60 "$out/flatpak-builder.log" >&2; die "flatpak-builder failed (log: $out/flatpak-builder.log)"; }
grep -E "^(Starting build|Running appstream-compose|Cleaning up|Committing)" "$out/flatpak-builder.log" || true
step_done

# ---------------------------------------------------------------------------
step "bundle and install"
# build-bundle spends most of its time compressing the 62 MB of data with
# xz. A bundle is a function of the commit's tree (files and metadata), so
# one made before from the same tree is used again; any change to the app
# or its data makes a new one.
tree=$(ostree --repo="$app_repo" ls -d -C "app/$app_id/x86_64/master" / | awk '{ print $5 "-" $6 }')
bundle_cache=$runtime_cache/bundles/$tree.flatpak
rm -f "$out/levelmap.flatpak"
if [ -f "$bundle_cache" ]; then
  echo "the same tree was bundled before: $bundle_cache"
else
  mkdir -p "$runtime_cache/bundles"
  rm -f "$runtime_cache"/bundles/*.flatpak
  timeout 900 flatpak build-bundle "$app_repo" "$bundle_cache.part" "$app_id"
  mv "$bundle_cache.part" "$bundle_cache"
fi
cp "$bundle_cache" "$out/levelmap.flatpak"
ls -l "$out/levelmap.flatpak"
flatpak --user install --noninteractive -y --bundle "$out/levelmap.flatpak"
flatpak --user info "$app_id"
flatpak --user info --show-permissions "$app_id"
step_done

# ---------------------------------------------------------------------------
step "levelmap --stats in the sandbox"
# The app's ~/.var/app folder goes into the throwaway installation too.
export HOME=$installation/home
mkdir -p "$HOME"
timeout 120 flatpak run "$app_id" --stats > "$out/stats.txt" 2> "$out/stats.err" \
  || { cat "$out/stats.err" >&2; die "flatpak run $app_id --stats failed"; }
cat "$out/stats.txt"
# The sandboxed app must have read the bundled 2019 data: 317 districts,
# and a Leave-vs-IMD correlation that agrees with one worked out here from
# the published district IMD averages (which use mid-2015 populations, so
# agree to about 0.01, not exactly) and the Electoral Commission's counts.
python3 - "$shared/data/england-2019" "$out/stats.txt" <<'EOF'
import csv, math, sys
folder, stats_path = sys.argv[1:3]
stats = dict(line.split(": ", 1) for line in open(stats_path).read().splitlines() if ": " in line)
for key in ("n", "pearson_r", "spearman_rho", "slope", "intercept", "r2"):
    assert key in stats, f"--stats printed no {key}"
assert stats["x"] == "imd.score" and stats["y"] == "eu.leave_pct", stats
lad16_to_19 = {r["LAD16CD"]: r["LAD19CD"] for r in csv.DictReader(open(f"{folder}/lookup_lad16_lad19.csv"))}
leave, valid = {}, {}
for r in csv.DictReader(open(f"{folder}/eu_referendum_2016.csv")):
    lad = lad16_to_19.get(r["Area_Code"])
    if lad:
        leave[lad] = leave.get(lad, 0) + int(r["Leave"])
        valid[lad] = valid.get(lad, 0) + int(r["Valid_Votes"])
pairs = [(float(r["Score"]), 100 * leave[r["ltla19_code"]] / valid[r["ltla19_code"]])
         for r in csv.DictReader(open(f"{folder}/imd2019_lad19_summary.csv")) if r["ltla19_code"] in leave]
n = len(pairs)
mx = sum(x for x, _ in pairs) / n
my = sum(y for _, y in pairs) / n
sxy = sum((x - mx) * (y - my) for x, y in pairs)
r = sxy / math.sqrt(sum((x - mx) ** 2 for x, _ in pairs) * sum((y - my) ** 2 for _, y in pairs))
print(f"independent: n {n}, pearson_r {r:.4f} (published district IMD averages)")
assert int(stats["n"]) == n == 317, (stats["n"], n)
assert abs(float(stats["pearson_r"]) - r) < 0.01, (stats["pearson_r"], r)
assert abs(float(stats["r2"]) - float(stats["pearson_r"]) ** 2) < 1e-5
EOF
step_done

# ---------------------------------------------------------------------------
step "levelmap --export-map in the sandbox"
# Drawing is a module of its own (levelmap-draw.so in the app's lib
# folder): the headline map must come out of the installed app. The app
# may always write its own ~/.var/app folder.
map_png=$HOME/.var/app/$app_id/headline.png
mkdir -p "$(dirname "$map_png")"
timeout 120 flatpak run "$app_id" --weight=imd.income=30 --level=lsoa --size=1600x2000 \
  --export-map="$map_png" 2> "$out/map.err" \
  || { cat "$out/map.err" >&2; die "flatpak run $app_id --export-map failed"; }
python3 - "$map_png" <<'EOF'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1600, 2000), (width, height)
print(f"headline map: {width}x{height}, {len(data)} bytes")
EOF
cp "$map_png" "$out/headline.png"
step_done

# ---------------------------------------------------------------------------
step "window under Xvfb"
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
  display=$((display + 1))
done
Xvfb ":$display" -screen 0 1366x768x24 -nolisten tcp > "$out/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -e "/tmp/.X11-unix/X$display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || die "Xvfb did not start (log: $out/xvfb.log)"
  sleep 0.1
done
export DISPLAY=:$display
# A session bus for GApplication and flatpak's D-Bus proxy; the app's own
# settings stay inside the throwaway installation's home.
rm -f "$out/window.png"
# The map is drawn when the screen shows at least three saturated colours
# (the map's classes) over 2,000 pixels each; the loading page and the
# window's chrome are greys with a little accent blue.
map_colours () {
  convert "$1" -format %c histogram:info:- | tr -d '(:)' | awk -F'[ ,]+' '
    { n = $2; r = $3; g = $4; b = $5
      max = r; if (g > max) max = g; if (b > max) max = b
      min = r; if (g < min) min = g; if (b < min) min = b
      if (n >= 2000 && max - min >= 60) classes++ }
    END { print classes + 0 }'
}
export -f map_colours
timeout 240 dbus-run-session -- bash -c '
  flatpak run "$2" > "$1/window.log" 2>&1 &
  app=$!
  colours=0
  start=$SECONDS
  while [ $((SECONDS - start)) -lt 180 ] && [ "$colours" -lt 3 ]; do
    kill -0 $app 2>/dev/null || { echo "levelmap exited early" >&2; exit 1; }
    import -window root "$1/window-try.png" 2>/dev/null && colours=$(map_colours "$1/window-try.png")
    [ "$colours" -ge 3 ] || sleep 0.5
  done
  mv "$1/window-try.png" "$1/window.png"
  flatpak kill "$2" 2>/dev/null || kill $app
  wait $app 2>/dev/null
  echo "screenshot: $1/window.png, $((SECONDS - start)) s after start, $colours map colours"
  [ "$colours" -ge 3 ]
' _ "$out" "$app_id" || { cat "$out/window.log" >&2; die "the window did not draw its map in the sandbox (see $out/window.png)"; }
step_done

echo "flatpak test build: passed in $SECONDS s (bundle: $out/levelmap.flatpak)"
