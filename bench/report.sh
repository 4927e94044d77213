#!/usr/bin/env bash
# bench/report.sh - what writing the report costs: `scan --format json` (and sarif) beside
# `scan --quiet` (the analysis alone, text summary) on a capture of a few hundred MB with
# thousands of TLS connections (bench/gen-capture.c, as bench/pcap.sh makes them). Target: json
# at most 1.5x quiet. Prints medians, the ratios and the report sizes. Not a test.
#   bench/report.sh [SIZE_MB] [FILLER]   (default 300 50; env RUNS=3, BENCH_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-300}
FILLER=${2:-50}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/tmp/certdiag-bench-pcap}
B=build-bench
mkdir -p "$DIR"
[ -f "$B/build.ninja" ] || meson setup "$B" -Dbench=true -Dtests=false --buildtype=release >/dev/null
ninja -C "$B" >/dev/null
T=testdata/captures
TEMPLATES=("$T/tls12.pcap" "$T/tls12-unknown-ca-alert.pcap" "$T/mtls-client-no-client-eku.pcap"
           "$T/tls13.pcap" "$T/tls12-misordered-with-root.pcap" "$T/mtls-7001.pcapng")
F="$DIR/mixed-${SIZE}MB-$FILLER.pcap"
[ -f "$F" ] || "$B/bench/gen-capture" "$F" "$SIZE" "$FILLER" "${TEMPLATES[@]}" >&2
median() {
  local n=$1; shift
  for _ in $(seq 1 "$n"); do
    /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
S=("$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never)
cat "$F" >/dev/null
q=$(median "$RUNS" "${S[@]}" --quiet "$F")
j=$(median "$RUNS" "${S[@]}" --format json "$F")
s=$(median "$RUNS" "${S[@]}" --format sarif "$F")
jsize=$("${S[@]}" --format json "$F" | wc -c)
ssize=$("${S[@]}" --format sarif "$F" | wc -c)
conns=$("${S[@]}" --format json "$F" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["connections"]))')
awk -v q="$q" -v j="$j" -v s="$s" -v js="$jsize" -v ss="$ssize" -v c="$conns" -v b="$(stat -c %s "$F")" 'BEGIN {
  printf "capture: %.0f MiB, %d TLS connections; JSON report %.1f MB, SARIF %.1f MB\n", b / 1048576, c, js / 1e6, ss / 1e6
  printf "%-32s %8s %8s\n", "", "median s", "x quiet"
  printf "%-32s %8.2f %8.2f\n", "scan --quiet (floor)", q, 1
  printf "%-32s %8.2f %8.2f   target <= 1.5\n", "scan --format json", j, j / q
  printf "%-32s %8.2f %8.2f\n", "scan --format sarif", s, s / q
}'
