#!/usr/bin/env bash
# bench/tls13.sh - certdiag on a capture of thousands of real TLS 1.3 handshakes with their key
# log, beside the same scan without the key log (target: decrypting at most 2x its time), the
# pcap_next_ex floor (bench/pcap-floor.c) and tshark decrypting with the same key log.
#   bench/tls13.sh [HANDSHAKES]   (default 3000; env RUNS=5, TSHARK_RUNS=1,
#                                  BENCH_DIR=/tmp/certdiag-bench-tls13,
#                                  SUITE=TLS_AES_128_GCM_SHA256 or another TLS 1.3 suite)
# SUITE: the one TLS 1.3 cipher suite both peers offer (an OpenSSL configuration file given to
# them through OPENSSL_CONF); by default OpenSSL's own choice, TLS_AES_256_GCM_SHA384, where
# browsers negotiate TLS_AES_128_GCM_SHA256 first. The suite's hash is the HKDF's.
# The capture is recorded once (then reused) on loopback with tcpdump -i lo (root): a
# python3 ssl server and client (OpenSSL underneath) make HANDSHAKES TLS 1.3 connections, one
# after the other, every other one with a client certificate the server asked for; the client
# writes the key log (SSLKEYLOGFILE format, ssl.SSLContext.keylog_filename). The same
# handshakes in TLS 1.2 (certificates in the clear) are recorded too, as a reference: what
# reading those certificates costs without any decryption. Medians of wall and CPU (user +
# sys) time, to the millisecond, the configurations interleaved round by round: on a loaded
# machine CPU time is the steadier figure. Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
RUNS=${RUNS:-5}
TSHARK_RUNS=${TSHARK_RUNS:-1}
SUITE=${SUITE:-}
DIR=${BENCH_DIR:-/tmp/certdiag-bench-tls13}/n$N${SUITE:+-$SUITE}
B=build-bench
AT=2026-06-01T00:00:00Z
mkdir -p "$DIR"
[ -f "$B/build.ninja" ] || meson setup "$B" -Dbench=true -Dtests=false --buildtype=release >/dev/null
ninja -C "$B" >/dev/null
CAP=$DIR/tls13.pcap KEYS=$DIR/sslkeys.log CAP12=$DIR/tls12.pcap

# record VERSION CAPTURE [KEYLOG]
record() {
  local ver=$1 cap=$2 keys=${3-} W=$DIR/pki port=8700 pids=()
  for t in tcpdump certtool openssl python3 ss; do
    command -v "$t" >/dev/null || { echo "tls13.sh: missing tool: $t" >&2; exit 2; }
  done
  mkdir -p "$W"
  export TZ=UTC
  for n in root inter server client; do
    openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$n.key"
  done
  printf '%s\n' 'cn = "bench TLS13 Root"' ca cert_signing_key 'expiration_days = 3650' >"$W/root.t"
  printf '%s\n' 'cn = "bench TLS13 Intermediate"' ca cert_signing_key 'expiration_days = 3650' >"$W/inter.t"
  printf '%s\n' 'cn = "server.bench.test"' 'dns_name = "server.bench.test"' tls_www_server signing_key \
    'expiration_days = 3650' >"$W/server.t"
  printf '%s\n' 'cn = "client.bench.test"' tls_www_client signing_key 'expiration_days = 3650' >"$W/client.t"
  certtool -s --load-privkey "$W/root.key" --template "$W/root.t" --outfile "$W/root.pem" --no-text 2>/dev/null
  certtool -c --load-privkey "$W/inter.key" --load-ca-certificate "$W/root.pem" --load-ca-privkey "$W/root.key" \
    --template "$W/inter.t" --outfile "$W/inter.pem" --no-text 2>/dev/null
  for n in server client; do
    certtool -c --load-privkey "$W/$n.key" --load-ca-certificate "$W/inter.pem" --load-ca-privkey "$W/inter.key" \
      --template "$W/$n.t" --outfile "$W/$n.pem" --no-text 2>/dev/null
    cat "$W/$n.pem" "$W/inter.pem" >"$W/$n-chain.pem"
  done
  cat >"$W/peers.py" <<'PY'
import socket, ssl, sys, threading
mode, port, n, w, ver = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
V = ssl.TLSVersion.TLSv1_3 if ver == "1.3" else ssl.TLSVersion.TLSv1_2
if mode == "server":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ctx.maximum_version = V
    ctx.load_cert_chain(w + "/server-chain.pem", w + "/server.key")
    ctx.load_verify_locations(w + "/root.pem")
    ctx.verify_mode = ssl.CERT_OPTIONAL
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port)); ls.listen(128); ls.settimeout(30)
    for _ in range(n):
        c, _ = ls.accept()
        try:
            s = ctx.wrap_socket(c, server_side=True); s.recv(16); s.sendall(b"ok"); s.close()
        except (OSError, ssl.SSLError):
            c.close()
else:
    for i in range(n):
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.minimum_version = ctx.maximum_version = V
        ctx.load_verify_locations(w + "/root.pem")
        if len(sys.argv) > 6:
            ctx.keylog_filename = sys.argv[6]
        if i % 2:
            ctx.load_cert_chain(w + "/client-chain.pem", w + "/client.key")
        with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
            with ctx.wrap_socket(c, server_hostname="server.bench.test") as s:
                s.sendall(b"hello"); s.recv(16)
PY
  rm -f "$cap" ${keys:+"$keys"}
  tcpdump -i lo -B 65536 -U -n -w "$cap" "tcp port $port" >/dev/null 2>"$DIR/tcpdump.log" &
  pids+=("$!")
  for _ in $(seq 1 100); do grep -q listening "$DIR/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  if [ -n "$SUITE" ]; then
    printf '%s\n' 'openssl_conf = openssl_init' '[openssl_init]' 'ssl_conf = ssl_sect' '[ssl_sect]' \
      'system_default = system_default_sect' '[system_default_sect]' "Ciphersuites = $SUITE" >"$W/suite.cnf"
    export OPENSSL_CONF=$W/suite.cnf
  fi
  python3 "$W/peers.py" server $port "$N" "$W" "$ver" &
  pids+=("$!")
  for _ in $(seq 1 50); do ss -ltn | grep -q ":$port " && break; sleep 0.1; done
  python3 "$W/peers.py" client $port "$N" "$W" "$ver" $keys
  wait "${pids[1]}" || true
  sleep 1; kill -INT "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
  grep -E "dropped" "$DIR/tcpdump.log" >&2 || true
}
[ -s "$CAP" ] && [ -s "$KEYS" ] || record 1.3 "$CAP" "$KEYS"
[ -s "$CAP12" ] || record 1.2 "$CAP12"

# the medians "WALL CPU" (s, to the millisecond; CPU = user + sys of the child, from wait4) of
# each command over N rounds, the commands run one after the other in every round so that a
# change in the machine's load hits them alike; one line per command. Commands are given as
# their words joined by the unit separator (join).
join() { local IFS=$'\x1f'; echo "$*"; }
medians() {
  python3 - "$@" <<'PY'
import os, statistics, subprocess, sys, time
n, cmds = int(sys.argv[1]), [c.split("\x1f") for c in sys.argv[2:]]
wall, cpu = [[] for _ in cmds], [[] for _ in cmds]
for _ in range(n):
    for i, c in enumerate(cmds):
        t = time.monotonic()
        p = subprocess.Popen(c, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall[i].append(time.monotonic() - t)
        cpu[i].append(ru.ru_utime + ru.ru_stime)
for w, c in zip(wall, cpu):
    print("%.3f %.3f" % (statistics.median(w), statistics.median(c)))
PY
}
cat "$CAP" "$KEYS" "$CAP12" >/dev/null # warm the page cache
S="$B/certdiag scan --at $AT --fail-on never"
mapfile -t m < <(medians "$RUNS" "$(join "$B/bench/pcap-floor" "$CAP")" \
  "$(join $S --format json "$CAP")" "$(join $S --format json --keylog "$KEYS" "$CAP")" "$(join $S --format json "$CAP12")" \
  "$(join $S "$CAP")" "$(join $S --keylog "$KEYS" "$CAP")" "$(join $S "$CAP12")" \
  "$(join $S -q "$CAP")" "$(join $S -q --keylog "$KEYS" "$CAP")" "$(join $S -q "$CAP12")")
floor=${m[0]} plain=${m[1]} dec=${m[2]} ref=${m[3]} plain_t=${m[4]} dec_t=${m[5]} ref_t=${m[6]}
plain_q=${m[7]} dec_q=${m[8]} ref_q=${m[9]}
ts=$(medians "$TSHARK_RUNS" "$(join tshark -r "$CAP" -o "tls.keylog_file:$KEYS" -Y tls.handshake.certificate \
  -T fields -e tls.handshake.certificate)")
# the key schedule alone: what reading the records costs at least through the API issue 14
# prescribes (gnutls_hkdf_expand, gnutls_aead_cipher_init), timed inside bench/tls13-floor
# (its key log parsing not counted); median of RUNS
ks=$(for _ in $(seq 1 "$RUNS"); do "$B/bench/tls13-floor" "$KEYS"; done | awk '{ print $3 }' | sort -n |
  awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
counts=$("$B/certdiag" scan --at $AT --fail-on never --format json --keylog "$KEYS" "$CAP" | python3 -c '
import collections, json, sys
d = json.load(sys.stdin); s = d["summary"]
suites = collections.Counter(c.get("cipher_name") or "?" for c in d["connections"])
print(len(d["connections"]), s["tls13_connections"], s["tls13_decrypted"], s["tls13_without_secrets"],
      s["tls13_decryption_failed"], sum(len(c["client_certificates"]) > 0 for c in d["connections"]),
      "+".join(sorted(suites)))')
read -r conns t13 t13d t13m t13f mtls suites <<<"$counts"
awk -v f="$floor" -v p="$plain" -v d="$dec" -v r="$ref" -v pt="$plain_t" -v dt="$dec_t" -v rt="$ref_t" \
    -v pq="$plain_q" -v dq="$dec_q" -v rq="$ref_q" -v t="$ts" -v b="$(stat -c %s "$CAP")" \
     -v ks="$ks" -v suites="$suites" -v conns="$conns" -v t13="$t13" -v t13d="$t13d" -v t13m="$t13m" -v t13f="$t13f" -v mtls="$mtls" \
    -v kb="$(stat -c %s "$KEYS")" 'function row(name, x, base) {
    split(x, a, " "); split(base, z, " ")
    if (base == "") printf "%-46s %8.3f %8.3f\n", name, a[1], a[2]
    else printf "%-46s %8.3f %8.3f %8.2f %8.2f\n", name, a[1], a[2], a[1] / z[1], a[2] / z[2]
  }
  BEGIN {
  split(p, P, " "); split(d, D, " "); split(pt, PT, " "); split(dt, DT, " "); split(pq, PQ, " "); split(dq, DQ, " ")
  PQc = PQ[2]
  printf "capture: %.1f MiB, %d TLS connections (%d TLS 1.3: %d decrypted, %d without secrets, %d failed; %d with a client certificate; %s); key log %.0f KiB\n", b / 1048576, conns, t13, t13d, t13m, t13f, mtls, suites, kb / 1024
  printf "%-46s %8s %8s %8s %8s\n", "", "wall s", "cpu s", "x wall", "x cpu"
  row("floor (pcap_next_ex loop)", f, "")
  row("scan --format json, no key log", p, "")
  row("scan --format json --keylog", d, p)
  row("  the same handshakes in TLS 1.2, json", r, p)
  row("scan (text), no key log", pt, "")
  row("scan (text) --keylog", dt, pt)
  row("  the same handshakes in TLS 1.2, text", rt, pt)
  row("scan -q, no key log", pq, "")
  row("scan -q --keylog", dq, pq)
  row("  the same handshakes in TLS 1.2, -q", rq, pq)
  row("tshark -o tls.keylog_file -Y tls.handshake.cert", t, d)
  printf "%-46s %8s %8.3f %8s %8.2f\n", "key schedule alone (tls13-floor), vs scan -q", "", ks, "", ks / PQc
  printf "decrypting / not decrypting (target <= 2): json %.2f wall, %.2f cpu; text %.2f, %.2f; -q %.2f, %.2f\n", D[1] / P[1], D[2] / P[2], DT[1] / PT[1], DT[2] / PT[2], DQ[1] / PQ[1], DQ[2] / PQ[2]
  printf "the same without the key schedule (cpu): json %.2f, text %.2f, -q %.2f\n", (D[2] - ks) / P[2], (DT[2] - ks) / PT[2], (DQ[2] - ks) / PQ[2]
}'
