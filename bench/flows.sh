#!/usr/bin/env bash
# certdiag capture memory per TCP connection: see bench/README.md, "Flows with state".
#
# Writes (bench/gen-halfopen.py) captures of N half-open TLS connections: a SYN then 300
# bytes of a ClientHello nobody answers ("hello"), and a SYN only ("syn"); runs
#   certdiag scan -q --fail-on never --at 2026-01-01T00:00:00Z CAPTURE
# and prints the median peak RSS, beside the floor (the same scan of a capture of one such
# connection), and the KiB per connection above that floor.
# Environment (optional): CERTDIAG (build/certdiag), CACHE (/tmp/certdiag-bench/flows),
# RUNS (3), SIZES ("9000 100000").
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CERTDIAG=${CERTDIAG:-build/certdiag}
CACHE=${CACHE:-/tmp/certdiag-bench/flows}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"9000 100000"}
mkdir -p "$CACHE"

rss() { # CAPTURE -> median peak RSS in KiB over $RUNS runs
  local v=()
  for _ in $(seq 1 "$RUNS"); do
    v+=("$( { /usr/bin/time -f '%M' "$CERTDIAG" scan -q --fail-on never \
      --at 2026-01-01T00:00:00Z "$1" >/dev/null; } 2>&1 | tail -1)")
  done
  printf '%s\n' "${v[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

for kind in hello syn; do
  arg=$([ "$kind" = syn ] && echo syn-only || true)
  [ -f "$CACHE/$kind-1.pcap" ] || python3 "$HERE/gen-halfopen.py" "$CACHE/$kind-1.pcap" 1 $arg
  floor=$(rss "$CACHE/$kind-1.pcap")
  for n in $SIZES; do
    f="$CACHE/$kind-$n.pcap"
    [ -f "$f" ] || python3 "$HERE/gen-halfopen.py" "$f" "$n" $arg
    r=$(rss "$f")
    awk -v k="$kind" -v n="$n" -v r="$r" -v fl="$floor" 'BEGIN {
      printf "%-6s %7d connections: peak %8.1f MiB (floor %5.1f MiB), %6.2f KiB per connection, %5.1fx the floor\n",
        k, n, r / 1024, fl / 1024, (r - fl) / n, r / fl }'
  done
done
