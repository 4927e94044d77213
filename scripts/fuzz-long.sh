#!/usr/bin/env bash
# fuzz-long.sh - the longer fuzzing run (CI runs each target briefly: scripts/setup.sh fuzz):
# builds the libFuzzer targets (build-fuzz, clang, ASan+UBSan), runs each for SECONDS (default
# 600: 10 minutes a target) on a copy of its seeds (fuzz/corpus/<target>/), one target at a
# time, and prints per target the runs, the coverage (edges, features), the corpus size and
# the crashes; a crash's input is kept in $OUT/<target>/ (add it to fuzz/corpus/<target>/ as a
# regression once fixed). Exit 1 when a target crashed or leaked.
#   usage: scripts/fuzz-long.sh [SECONDS] [TARGET...]     (TARGET: capture, signatures, ...)
#   environment: OUT (/tmp/certdiag-fuzz), RSS_MB (2048), MAX_LEN (65536)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}
shift || true
OUT=${OUT:-/tmp/certdiag-fuzz}
RSS_MB=${RSS_MB:-2048}
MAX_LEN=${MAX_LEN:-65536}

command -v clang >/dev/null || { echo "fuzz-long: clang is needed (apt-get install clang libclang-rt-dev)" >&2; exit 2; }
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz -j2 >/dev/null

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in build-fuzz/fuzz/fuzz_*; do
    [ -x "$f" ] && [ -f "$f" ] && targets+=("$(basename "${f#build-fuzz/fuzz/fuzz_}")")
  done
fi

bad=0
printf '%-12s %10s %8s %8s %8s %7s %s\n' target runs exec/s cov ft corpus result
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz-long: no target $t" >&2; exit 2; }
  work="$OUT/$t"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  [ -d "fuzz/corpus/$t" ] && cp -r "fuzz/corpus/$t/." "$work/corpus/"
  set +e
  "$bin" -max_total_time="$secs" -rss_limit_mb="$RSS_MB" -max_len="$MAX_LEN" -timeout=30 \
    -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | awk '{ s += $2 } END { print s + 0 }')
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/log" | tail -1 | awk '{ print $2 + 0 }')
  cov=$(grep -o 'cov: [0-9]*' "$work/log" | tail -1 | awk '{ print $2 + 0 }')
  ft=$(grep -o 'ft: [0-9]*' "$work/log" | tail -1 | awk '{ print $2 + 0 }')
  n=$(find "$work/corpus" -type f | wc -l)
  crashes=$(find "$work/artifacts" -type f | wc -l)
  if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    result="FAILED (exit $rc, $crashes inputs in $work/artifacts; log $work/log)"
    bad=1
  else
    result=clean
  fi
  printf '%-12s %10s %8s %8s %8s %7s %s\n' "$t" "$runs" "$rate" "$cov" "$ft" "$n" "$result"
done
exit "$bad"
