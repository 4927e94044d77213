#!/usr/bin/env bash
# bench/pcap-tunnel.sh - what decoding tunnels costs: the mixed capture of bench/pcap.sh and
# the same frames each wrapped in Ethernet / IPv4 / UDP 4789 / VXLAN, timed interleaved
# against the floor (bench/pcap-floor.c, a pcap_next_ex loop over the same file).
#   bench/pcap-tunnel.sh [SIZE_MB]   (default 256; env RUNS=9, BENCH_DIR=/tmp/certdiag-bench-pcap)
# Prints the median of RUNS wall-clock seconds per row and the ratios. Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-256}
RUNS=${RUNS:-9}
DIR=${BENCH_DIR:-/tmp/certdiag-bench-pcap}
B=build-bench
mkdir -p "$DIR"
[ -f "$B/build.ninja" ] || meson setup "$B" -Dbench=true -Dtests=false --buildtype=release >/dev/null
ninja -C "$B" >/dev/null
T=testdata/captures
PLAIN="$DIR/mixed-${SIZE}MB-200.pcap"
VX="$DIR/mixed-${SIZE}MB-200-vxlan.pcap"
[ -f "$PLAIN" ] || "$B/bench/gen-capture" "$PLAIN" "$SIZE" 200 "$T/tls12.pcap" "$T/tls12-unknown-ca-alert.pcap" \
  "$T/mtls-client-no-client-eku.pcap" "$T/tls13.pcap" "$T/tls12-misordered-with-root.pcap" "$T/mtls-7001.pcapng" >&2
[ -f "$VX" ] || python3 - "$PLAIN" "$VX" <<'PY'
import struct, sys
src, out = open(sys.argv[1], "rb"), open(sys.argv[2], "wb")
out.write(src.read(24))
eth = bytes.fromhex("525400123401525400123402") + b"\x08\x00"
n = 0
while True:
    r = src.read(16)
    if len(r) < 16:
        break
    ts, tu, incl, orig = struct.unpack("<IIII", r)
    d = src.read(incl)
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 36 + orig, 0, 0x4000, 64, 17, 0, bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2]))
    udp = struct.pack(">HHHH", 49152 + n % 4096, 4789, 16 + orig, 0)
    hdr = eth + ip + udp + b"\x08\x00\x00\x00\x00\x00\x2a\x00"
    out.write(struct.pack("<IIII", ts, tu, incl + len(hdr), orig + len(hdr)) + hdr + d)
    n += 1
PY
declare -A t
for _ in $(seq 1 "$RUNS"); do
  for f in plain vxlan; do
    p=$PLAIN; [ $f = vxlan ] && p=$VX
    t[floor-$f]+="$(/usr/bin/time -f %e "$B/bench/pcap-floor" "$p" 2>&1 >/dev/null | tail -1) "
    t[scan-$f]+="$( (/usr/bin/time -f %e "$B/certdiag" scan --quiet --at 2026-06-01T00:00:00Z "$p" || true) 2>&1 >/dev/null | tail -1) "
  done
done
med() { printf '%s\n' ${t[$1]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-28s %8s %8s\n' "median s ($RUNS runs)" plain vxlan
printf '%-28s %8s %8s\n' "floor (pcap_next_ex loop)" "$(med floor-plain)" "$(med floor-vxlan)"
printf '%-28s %8s %8s\n' "certdiag scan --quiet" "$(med scan-plain)" "$(med scan-vxlan)"
awk -v fp="$(med floor-plain)" -v fv="$(med floor-vxlan)" -v sp="$(med scan-plain)" -v sv="$(med scan-vxlan)" 'BEGIN {
  printf "certdiag / floor throughput: plain %.2f, vxlan %.2f (target >= 0.5)\n", fp / sp, fv / sv
  printf "vxlan / plain scan time: %.2f\n", sv / sp }'
