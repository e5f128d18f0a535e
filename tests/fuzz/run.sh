#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, AddressSanitizer, UndefinedBehavior-
# Sanitizer) and runs each for SECONDS (default 30), starting from seeds cut
# from the real data and from the committed regression corpus.
#
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# The corpus each run grows is kept in $FUZZ_BUILD_DIR/fuzz-corpus/TARGET
# (default _build-fuzz), so later runs carry on from it. A crash, a leak or
# a timeout stops the run with a non-zero status and leaves the input in
# $FUZZ_BUILD_DIR/fuzz-artifacts/: add it to tests/fuzz/regressions/TARGET
# once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv dbf shapefile shapefile-1.6 manifest dataset scenario)
build=${FUZZ_BUILD_DIR:-_build-fuzz}
data_dir=${LEVELMAP_DATA_DIR:-../shared/data}
vendor=../shared/vendor/shapelib-1.6.1.tar.gz

# The project's build dependencies, then Debian's clang and its libFuzzer
# runtime.
bash build-aux/install-deps.sh
bash build-aux/install-deps.sh clang libclang-rt-14-dev

# shapelib 1.6, for the target built against its API.
shapelib16=""
if [ -f "$vendor" ]; then
  mkdir -p "$build-src"
  [ -d "$build-src/shapelib-1.6.1" ] || tar -xzf "$vendor" -C "$build-src"
  shapelib16=$(cd "$build-src/shapelib-1.6.1" && pwd)
fi

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dinstall_data=false -Dfuzz_shapelib16="$shapelib16"
fi

names=()
for target in "${targets[@]}"; do
  if [ "$target" = shapefile-1.6 ] && [ -z "$shapelib16" ]; then
    echo "fuzz: $vendor is missing; cannot build fuzz-shapefile-1.6" >&2
    exit 1
  fi
  names+=("fuzz-$target")
done
meson compile -C "$build" "${names[@]}"

python3 tests/fuzz/make-seeds.py "$data_dir" data "$build/fuzz-seeds"
mkdir -p "$build/fuzz-artifacts"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for target in "${targets[@]}"; do
  seeds=${target%-1.6}
  corpus="$build/fuzz-corpus/$target"
  dict=()
  [ -f "tests/fuzz/$seeds.dict" ] && dict=(-dict="tests/fuzz/$seeds.dict")
  # The dataset target has no seeds cut from the data: its regression
  # corpus (Quadria's manifest and hostile variants) is its seed.
  mkdir -p "$corpus" "$build/fuzz-seeds/$seeds"
  echo "== fuzz-$target for ${seconds}s"
  # 2 GB: well above what any input may cost (the issue's bound is 300 MB
  # for a whole dataset), below what would disturb the machine.
  set +e
  "$build/tests/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$build/fuzz-artifacts/$target-" \
    "$corpus" "$build/fuzz-seeds/$seeds" "tests/fuzz/regressions/$seeds" \
    > "$build/fuzz-$target.log" 2>&1
  rc=$?
  set -e
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Test unit written)" \
    "$build/fuzz-$target.log" || true
  if [ "$rc" -ne 0 ]; then
    echo "fuzz-$target found a problem (exit $rc); see $build/fuzz-$target.log" >&2
    status=1
  fi
done
exit $status
