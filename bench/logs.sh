#!/usr/bin/env bash
# bench/logs.sh - certdiag's log matcher against its floors (bench/README.md).
#
#   bench/logs.sh [SIZE_MB] [RUNS]     default 1024 MB, 3 runs (medians are printed)
#
# Generates SIZE_MB of realistic CUCM / Expressway logs (bench/gen-logs.py: 25 MB files in
# the documented layout, ~1 known error line in 2000), packs them in a tar.gz, then times:
#   floor  cat FILES >/dev/null                      reading the bytes
#   peer   grep -E -i -c -f PATTERNS FILES           the signature keywords as one ERE
#   certdiag scan --fail-on never DIR                the full signature catalogue
# and, once certdiag reads archives (it is tried on the tar.gz first):
#   floor  bsdtar -xOf logs.tar.gz | cat >/dev/null  (tar -xzOf when bsdtar is missing)
#   peer   bsdtar -xOf logs.tar.gz | grep -E -i -c -f PATTERNS
#   certdiag scan --fail-on never logs.tar.gz
# Peak memory (max RSS) is printed for each, and certdiag's is compared on a quarter of the
# files and on all of them (it must not grow with the input).
# Environment: BUILD (default build), BENCH_DIR (default a new /tmp dir, removed at the end
# unless KEEP=1).
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
SIZE=${1:-1024}
RUNS=${2:-3}
BUILD=${BUILD:-build}
[ -x "$BUILD/certdiag" ] || scripts/setup.sh build >/dev/null
CD=$PWD/$BUILD/certdiag
W=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/certdiag-bench-logs.XXXXXX")}
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$W"' EXIT
if command -v bsdtar >/dev/null; then untar=(bsdtar -xOf); else untar=(tar -xzOf); fi

if [ ! -d "$W/logs" ]; then
  echo "bench: generating $SIZE MB of logs in $W/logs" >&2
  python3 bench/gen-logs.py "$W/logs" "$SIZE"
  echo "bench: packing $W/logs.tar.gz" >&2
  tar -C "$W" -czf "$W/logs.tar.gz" logs
fi
# the peer's patterns: every signature keyword, regex-escaped, as one ERE list
grep -h '^  keyword:' rules/signatures/*.yaml | sed -E 's/^  keyword: *"?//; s/"$//' |
  sed -E 's/[][\.*^$+?(){}|/\\]/\\&/g' | sort -u >"$W/patterns.ere"
mapfile -t FILES < <(find "$W/logs" -type f | sort)
BYTES=$(cat "${FILES[@]}" | wc -c)
QUARTER=("${FILES[@]:0:$(( (${#FILES[@]} + 3) / 4 ))}")

# run NAME CMD... : RUNS timings; prints "NAME wall_median cpu_median maxrss_kb"
run() {
  local name=$1; shift
  local walls=() cpus=() rss=0 out
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -o "$W/time" -f '%e %U %S %M' bash -c "$*" >/dev/null 2>&1 || true
    read -r e u s m <"$W/time"
    walls+=("$e"); cpus+=("$(echo "$u + $s" | bc)")
    ((m > rss)) && rss=$m
  done
  printf '%s %s %s %s\n' "$name" \
    "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")" "$rss"
}

q() { printf '%q ' "$@"; }
results=$W/results
: >"$results"
run "cat(floor)" "cat $(q "${FILES[@]}")" >>"$results"
# grep -c output goes to a file: GNU grep stops at the first match when stdout is /dev/null
run "grep-E-c(peer)" "grep -E -i -c -f $(q "$W/patterns.ere") $(q "${FILES[@]}") >$(q "$W/grep.out")" >>"$results"
run "certdiag-scan" "$(q "$CD") scan -q --fail-on never $(q "$W/logs")" >>"$results"
run "certdiag-scan(1/4)" "$(q "$CD") scan -q --fail-on never $(q "${QUARTER[@]}")" >>"$results"

# archives: only once certdiag reads them (it then reports log findings for the tar.gz)
reads_archives() {
  "$CD" scan --format json --fail-on never "$W/logs.tar.gz" 2>/dev/null | python3 -c '
import json, sys
j = json.load(sys.stdin)
sys.exit(0 if any(f["rule"].startswith("log.") for f in j.get("findings", [])) else 1)'
}
if reads_archives; then
  run "untar|cat(floor)" "$(q "${untar[@]}") $(q "$W/logs.tar.gz") | cat" >>"$results"
  # -a: the tar stream's NUL-padded headers would make grep treat it as binary; the count
  # goes to a file, or GNU grep stops at the first match and bsdtar dies of SIGPIPE
  run "untar|grep(peer)" "$(q "${untar[@]}") $(q "$W/logs.tar.gz") | grep -a -E -i -c -f $(q "$W/patterns.ere") >$(q "$W/grep-tar.out")" >>"$results"
  run "certdiag-scan-tar.gz" "$(q "$CD") scan -q --fail-on never $(q "$W/logs.tar.gz")" >>"$results"
else
  echo "bench: certdiag does not read archives yet: tar.gz runs skipped" >&2
fi

peer=$(awk '$1 == "grep-E-c(peer)" {print $2}' "$results")
peercpu=$(awk '$1 == "grep-E-c(peer)" {print $3}' "$results")
echo "log bytes: $BYTES in ${#FILES[@]} files ($(du -m "$W/logs.tar.gz" | cut -f1) MB tar.gz); $(wc -l <"$W/patterns.ere") patterns; $(nproc) CPUs; medians of $RUNS runs"
printf '%-22s %9s %9s %11s %12s %10s\n' what wall_s cpu_s maxrss_MB "wall/grep" MB/s
while read -r name wall cpu rss; do
  printf '%-22s %9.2f %9.2f %11.1f %12.2f %10.0f\n' "$name" "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" \
    "$(echo "$wall / $peer" | bc -l)" "$(echo "$BYTES / 1048576 / $wall" | bc -l)"
done <"$results"
echo "cpu ratio certdiag/grep: $(awk -v p="$peercpu" '$1 == "certdiag-scan" {printf "%.2f", $3 / p}' "$results")"
