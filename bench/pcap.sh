#!/usr/bin/env bash
# bench/pcap.sh - certdiag on a large synthetic capture of mixed traffic, beside the floor (a
# plain pcap_next_ex loop, bench/pcap-floor.c) and tshark -Y tls.handshake.certificate.
#   bench/pcap.sh [SIZE_MB]     (default 1024; env RUNS=3, BENCH_DIR=/tmp/certdiag-bench,
#                                TSHARK_RUNS=1: tshark is slow)
# The capture: the TLS connections of testdata/captures/ replayed thousands of times with new
# addresses and ports, between 1514-byte segments of a bulk non-TLS flow (bench/gen-capture.c).
# Prints medians, throughput, the ratios the targets name, and peak RSS at SIZE/4 and SIZE
# (flat = memory does not grow with the capture). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-1024}
RUNS=${RUNS:-3}
TSHARK_RUNS=${TSHARK_RUNS:-1}
DIR=${BENCH_DIR:-/tmp/certdiag-bench-pcap}
B=build-bench
mkdir -p "$DIR"
[ -f "$B/build.ninja" ] || meson setup "$B" -Dbench=true -Dtests=false --buildtype=release >/dev/null
ninja -C "$B" >/dev/null
T=testdata/captures
TEMPLATES=("$T/tls12.pcap" "$T/tls12-unknown-ca-alert.pcap" "$T/mtls-client-no-client-eku.pcap"
           "$T/tls13.pcap" "$T/tls12-misordered-with-root.pcap" "$T/mtls-7001.pcapng")
gen() { # gen SIZE_MB [FILLER] -> path
  local f="$DIR/mixed-$1MB-${2:-200}.pcap"
  [ -f "$f" ] || "$B/bench/gen-capture" "$f" "$1" "${2:-200}" "${TEMPLATES[@]}" >&2
  echo "$f"
}
BIG=$(gen "$SIZE")
SMALL=$(gen $((SIZE / 4)))
# as big as BIG with as many TLS connections as SMALL: 4x the filler per handshake
FLAT=$(gen "$SIZE" 815)
bytes=$(stat -c %s "$BIG")

# median of RUNS wall-clock seconds of a command (stdout discarded)
median() {
  local n=$1; shift
  for _ in $(seq 1 "$n"); do
    /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; } # peak RSS, KiB

cat "$BIG" >/dev/null # warm the page cache for everyone
floor=$(median "$RUNS" "$B/bench/pcap-floor" "$BIG")
cd_t=$(median "$RUNS" "$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$BIG")
ts_t=$(median "$TSHARK_RUNS" tshark -r "$BIG" -Y tls.handshake.certificate -T fields -e tls.handshake.certificate)
rss_small=$(rss "$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$SMALL")
rss_big=$(rss "$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$BIG")
rss_flat=$(rss "$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$FLAT")
count() { "$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$1" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["connections"]))'; }
conns_small=$(count "$SMALL"); conns_flat=$(count "$FLAT")
conns=$("$B/certdiag" scan --at 2026-06-01T00:00:00Z --fail-on never --format json "$BIG" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["connections"]))')

awk -v b="$bytes" -v f="$floor" -v c="$cd_t" -v t="$ts_t" -v rs="$rss_small" -v rb="$rss_big" \
    -v conns="$conns" -v size="$SIZE" -v rf="$rss_flat" -v cs="$conns_small" -v cf="$conns_flat" 'BEGIN {
  mb = b / 1048576
  printf "capture: %.0f MiB, %d TLS connections (bench/gen-capture.c)\n", mb, conns
  printf "%-34s %8s %10s\n", "", "median s", "MiB/s"
  printf "%-34s %8.2f %10.0f\n", "floor (pcap_next_ex loop)", f, mb / f
  printf "%-34s %8.2f %10.0f\n", "certdiag scan --format json", c, mb / c
  printf "%-34s %8.2f %10.0f\n", "tshark -Y tls.handshake.certificate", t, mb / t
  printf "certdiag / floor throughput: %.2f (target >= 0.5)\n", f / c
  printf "certdiag vs tshark: %.1fx faster (target >= 20x)\n", t / c
  printf "certdiag peak RSS (JSON report): %d KiB at %d MiB / %d connections, %d KiB at %d MiB / %d connections,\n", rs, size / 4, cs, rb, size, conns
  printf "  %d KiB at %d MiB / %d connections (same connections as the small one: target flat)\n", rf, size, cf
}'
