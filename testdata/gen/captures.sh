#!/usr/bin/env bash
# Records the packet captures in testdata/captures/ from real TLS stacks on loopback:
# openssl s_server/s_client, gnutls-serv/gnutls-cli and python3's ssl module (STARTTLS
# responders), captured with tcpdump (-i lo / -i any), then rewritten where the link type or
# the start of the capture is the point (VLAN tags, pcapng, mid-handshake cut).
#
# Tools: tcpdump, openssl 3, gnutls-bin, python3, editcap (wireshark-common), scapy (tunnels.sh).
# Root (tcpdump).
# Only 127.0.0.1 and ::1 are used; every loop is bounded; certificates come from a small CA
# made here with fixed validity dates (certtool templates). Outputs are committed; keys and
# so certificate ids change on every run. Also writes testdata/captures/facts.tsv (what the
# test expects per capture) and the ports each capture uses (for tshark's "decode as").
set -euo pipefail
export LC_ALL=C TZ=UTC
for t in tcpdump openssl certtool gnutls-serv gnutls-cli python3 editcap; do
  command -v "$t" >/dev/null || { echo "captures.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/captures
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-cap.XXXXXX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.pcap "$OUT"/*.pcapng "$OUT"/*.pem

# ---------------------------------------------------------------- the CA
tpl() { local f=$1; shift; printf '%s\n' "$@" >"$W/$f.tmpl"; }
key() { openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$1.key"; }
self() { certtool --generate-self-signed --load-privkey "$W/$1.key" --template "$W/$1.tmpl" \
           --outfile "$W/$1.pem" --no-text 2>/dev/null; }
sign() { certtool --generate-certificate --load-privkey "$W/$1.key" --template "$W/$1.tmpl" \
           --load-ca-certificate "$W/$2.pem" --load-ca-privkey "$W/$2.key" \
           --outfile "$W/$1.pem" --no-text 2>/dev/null; }
DATES=('activation_date = "2025-01-01 00:00:00"' 'expiration_date = "2035-01-01 00:00:00"')
for n in root inter server server-noeku client client-noeku other-root expired; do key "$n"; done
tpl root 'cn = "certdiag Test Root CA"' 'organization = "certdiag"' ca cert_signing_key "${DATES[@]}"
self root
tpl other-root 'cn = "certdiag Other Root CA"' ca cert_signing_key "${DATES[@]}"
self other-root
tpl inter 'cn = "certdiag Test Intermediate CA"' 'organization = "certdiag"' ca cert_signing_key \
  'path_len = 0' "${DATES[@]}"
sign inter root
tpl server 'cn = "server.example.test"' 'dns_name = "server.example.test"' 'ip_address = "127.0.0.1"' \
  'ip_address = "::1"' signing_key tls_www_server "${DATES[@]}"
sign server inter
tpl server-noeku 'cn = "server.example.test"' 'dns_name = "server.example.test"' signing_key \
  tls_www_client "${DATES[@]}"
sign server-noeku inter
tpl client 'cn = "client.example.test"' 'dns_name = "client.example.test"' signing_key tls_www_client \
  "${DATES[@]}"
sign client inter
tpl client-noeku 'cn = "noeku.example.test"' 'dns_name = "noeku.example.test"' signing_key \
  tls_www_server "${DATES[@]}"
sign client-noeku inter
tpl expired 'cn = "server.example.test"' 'dns_name = "server.example.test"' signing_key tls_www_server \
  'activation_date = "2020-01-01 00:00:00"' 'expiration_date = "2021-01-01 00:00:00"'
sign expired inter
cat "$W/server.pem" "$W/inter.pem" >"$W/server-chain.pem"
cat "$W/client.pem" "$W/inter.pem" >"$W/client-chain.pem"
cp "$W/root.pem" "$OUT/test-root.pem"

# ---------------------------------------------------------------- capture helpers
# cap FILE FILTER [tcpdump options...] -- start tcpdump; stop_cap ends it
cap() {
  local f=$1 filt=$2; shift 2
  rm -f "$W/tcpdump.log"
  tcpdump -i lo -U --immediate-mode -n -w "$W/$f" "$@" "$filt" >/dev/null 2>"$W/tcpdump.log" &
  CAP_PID=$!
  PIDS+=("$CAP_PID")
  for _ in $(seq 1 100); do grep -q listening "$W/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
}
stop_cap() { sleep 1; kill -INT "$CAP_PID"; wait "$CAP_PID" 2>/dev/null || true; }
wait_port() { for _ in $(seq 1 50); do ss -ltn | grep -q ":$1 " && return 0; sleep 0.1; done; return 1; }
# srv PORT ARGS... : openssl s_server for one connection
srv() {
  local port=$1; shift
  openssl s_server -accept "$port" -naccept 1 -quiet "$@" >/dev/null 2>&1 &
  PIDS+=("$!")
  SRV_PID=$!
  wait_port "${port##*:}" || true
}
cli() { echo Q | timeout 10 openssl s_client -quiet "$@" >/dev/null 2>&1 || true; }
end_srv() { timeout 5 tail --pid="$SRV_PID" -f /dev/null 2>/dev/null || kill "$SRV_PID" 2>/dev/null || true; }
FACTS="$OUT/facts.tsv"
printf '# capture\tdecode-as ports\tfacts (checked by tests/test_pcap.c)\n' >"$FACTS"
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$FACTS"; }

S="-cert $W/server.pem -key $W/server.key -cert_chain $W/inter.pem"

# 1. plain TLS 1.2, openssl both sides, port 8443
cap tls12.pcap 'tcp port 8443'
srv 127.0.0.1:8443 $S -tls1_2
cli -connect 127.0.0.1:8443 -servername server.example.test -CAfile "$W/root.pem" -tls1_2
end_srv; stop_cap
cp "$W/tls12.pcap" "$OUT/tls12.pcap"
fact tls12.pcap 8443 'sni=server.example.test version=TLS1.2 server_certs=2 alerts=-'

# 2. mutual TLS on 7001, gnutls both sides, pcapng
cap mtls.pcap 'tcp port 7001'
gnutls-serv -p 7001 --x509certfile "$W/server-chain.pem" --x509keyfile "$W/server.key" \
  --x509cafile "$W/root.pem" --require-client-cert >/dev/null 2>&1 &
PIDS+=("$!"); G=$!
wait_port 7001 || true
echo | timeout 10 gnutls-cli -p 7001 127.0.0.1 --sni-hostname server.example.test --x509cafile "$W/root.pem" \
  --x509certfile "$W/client-chain.pem" --x509keyfile "$W/client.key" --priority 'NORMAL:-VERS-TLS1.3' \
  >/dev/null 2>&1 || true
kill "$G" 2>/dev/null || true; stop_cap
editcap -F pcapng "$W/mtls.pcap" "$OUT/mtls-7001.pcapng"
fact mtls-7001.pcapng 7001 'sni=server.example.test version=TLS1.2 server_certs=2 client_certs=2 ca_names=1'

# 3. unknown_ca: server sends only its leaf, client trusts another root and rejects it
cap unknown-ca.pcap 'tcp port 8444'
srv 127.0.0.1:8444 -cert "$W/server.pem" -key "$W/server.key" -tls1_2
cli -connect 127.0.0.1:8444 -servername server.example.test -CAfile "$W/other-root.pem" -verify_return_error -tls1_2
end_srv; stop_cap
cp "$W/unknown-ca.pcap" "$OUT/tls12-unknown-ca-alert.pcap"
fact tls12-unknown-ca-alert.pcap 8444 'sni=server.example.test version=TLS1.2 server_certs=1 alerts=client:fatal:unknown_ca'

# 4. bad_certificate: the client checks a host name the certificate does not carry
cap bad-cert.pcap 'tcp port 8446'
srv 127.0.0.1:8446 $S -tls1_2
cli -connect 127.0.0.1:8446 -servername other.example.test -verify_hostname other.example.test \
  -CAfile "$W/root.pem" -verify_return_error -tls1_2
end_srv; stop_cap
cp "$W/bad-cert.pcap" "$OUT/tls12-bad-certificate-alert.pcap"
fact tls12-bad-certificate-alert.pcap 8446 'sni=other.example.test version=TLS1.2 server_certs=2 alerts=client:fatal:bad_certificate'

# 5. certificate_expired, and a client certificate without client EKU (unsupported_certificate)
cap expired.pcap 'tcp port 8447'
srv 127.0.0.1:8447 -cert "$W/expired.pem" -key "$W/expired.key" -cert_chain "$W/inter.pem" -tls1_2
cli -connect 127.0.0.1:8447 -servername server.example.test -CAfile "$W/root.pem" -verify_return_error -tls1_2
end_srv; stop_cap
cp "$W/expired.pcap" "$OUT/tls12-certificate-expired-alert.pcap"
fact tls12-certificate-expired-alert.pcap 8447 'sni=server.example.test version=TLS1.2 alerts=client:fatal:certificate_expired'

cap noeku.pcap 'tcp port 7002'
srv 127.0.0.1:7002 $S -tls1_2 -Verify 2 -CAfile "$W/root.pem" -verify_return_error
cli -connect 127.0.0.1:7002 -servername server.example.test -CAfile "$W/root.pem" -tls1_2 \
  -cert "$W/client-noeku.pem" -key "$W/client-noeku.key" -cert_chain "$W/inter.pem"
end_srv; stop_cap
cp "$W/noeku.pcap" "$OUT/mtls-client-no-client-eku.pcap"
fact mtls-client-no-client-eku.pcap 7002 'version=TLS1.2 client_certs=2 alerts=server:fatal:unsupported_certificate'

# 6. Certificate message split over many records (-max_send_frag) and segments (a relay
#    that forwards in 100-byte writes)
cat >"$W/relay.py" <<'PY'
import socket, sys, threading, time
lp, dp = int(sys.argv[1]), int(sys.argv[2])
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", lp)); ls.listen(1); ls.settimeout(15)
c, _ = ls.accept(); d = socket.create_connection(("127.0.0.1", dp))
for s in (c, d): s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
def pump(a, b):
    try:
        while True:
            x = a.recv(65536)
            if not x: break
            for i in range(0, len(x), 100):
                b.sendall(x[i:i+100]); time.sleep(0.002)
    except OSError: pass
    try: b.shutdown(socket.SHUT_WR)
    except OSError: pass
t = threading.Thread(target=pump, args=(d, c)); t.start(); pump(c, d); t.join(5)
PY
cap split.pcap 'tcp port 8448'
srv 127.0.0.1:8449 $S -tls1_2 -max_send_frag 512
python3 "$W/relay.py" 8448 8449 &
PIDS+=("$!"); R=$!
wait_port 8448 || true
cli -connect 127.0.0.1:8448 -servername server.example.test -CAfile "$W/root.pem" -tls1_2
wait "$R" 2>/dev/null || true; end_srv; stop_cap
cp "$W/split.pcap" "$OUT/tls12-certificate-split.pcap"
fact tls12-certificate-split.pcap 8448 'sni=server.example.test version=TLS1.2 server_certs=2'

# 7. IPv6
cap v6.pcap 'tcp port 8450'
srv '[::1]:8450' $S -tls1_2
cli -connect '[::1]:8450' -servername server.example.test -CAfile "$W/root.pem" -tls1_2
end_srv; stop_cap
cp "$W/v6.pcap" "$OUT/tls12-ipv6.pcap"
fact tls12-ipv6.pcap 8450 'sni=server.example.test version=TLS1.2 server_certs=2 client=::1'

# 8. VLAN (802.1Q) and QinQ: the plain capture with tags inserted after the MAC addresses
cat >"$W/vlan.py" <<'PY'
import struct, sys
src, dst, tags = sys.argv[1], sys.argv[2], [int(t) for t in sys.argv[3:]]
b = open(src, "rb").read(); out = bytearray(b[:24]); p = 24
tpids = [0x88a8] * (len(tags) - 1) + [0x8100]
ins = b"".join(struct.pack(">HH", tp, v) for tp, v in zip(tpids, tags))
while p + 16 <= len(b):
    ts, tu, incl, orig = struct.unpack("<IIII", b[p:p+16]); data = b[p+16:p+16+incl]; p += 16 + incl
    data = data[:12] + ins + data[12:]
    out += struct.pack("<IIII", ts, tu, len(data), orig + len(ins)) + data
open(dst, "wb").write(out)
PY
python3 "$W/vlan.py" "$OUT/tls12.pcap" "$OUT/tls12-vlan.pcap" 42
python3 "$W/vlan.py" "$OUT/tls12.pcap" "$OUT/tls12-qinq.pcap" 100 42
fact tls12-vlan.pcap 8443 'sni=server.example.test version=TLS1.2 server_certs=2'
fact tls12-qinq.pcap 8443 'sni=server.example.test version=TLS1.2 server_certs=2'

# 9. Linux cooked capture (-i any): SLL2 (tcpdump's default) and SLL
for y in LINUX_SLL2 LINUX_SLL; do
  port=8451; [ "$y" = LINUX_SLL ] && port=8452
  rm -f "$W/tcpdump.log"
  tcpdump -i any -y "$y" -U --immediate-mode -n -w "$W/$y.pcap" "tcp port $port" >/dev/null 2>"$W/tcpdump.log" &
  CAP_PID=$!; PIDS+=("$CAP_PID")
  for _ in $(seq 1 100); do grep -q listening "$W/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  sleep 0.3
  srv "127.0.0.1:$port" $S -tls1_2
  cli -connect "127.0.0.1:$port" -servername server.example.test -CAfile "$W/root.pem" -tls1_2
  end_srv; stop_cap
  f=tls12-cooked-$(echo "$y" | tr 'A-Z_' 'a-z-').pcap
  cp "$W/$y.pcap" "$OUT/$f"
  fact "$f" "$port" 'sni=server.example.test version=TLS1.2 server_certs=2'
done

# 10. STARTTLS: SMTP, XMPP and LDAP against minimal python3 responders (ssl module = OpenSSL)
cat >"$W/starttls.py" <<'PY'
import socket, ssl, sys
proto, port, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key)
ctx.maximum_version = ssl.TLSVersion.TLSv1_2
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", port)); ls.listen(1); ls.settimeout(15)
c, _ = ls.accept(); c.settimeout(10)
def until(marker):
    buf = b""
    for _ in range(100):
        x = c.recv(4096)
        if not x: break
        buf += x
        if marker in buf: break
    return buf
if proto == "smtp":
    c.sendall(b"220 mail.example.test ESMTP\r\n"); until(b"\r\n")
    c.sendall(b"250-mail.example.test\r\n250 STARTTLS\r\n"); until(b"STARTTLS")
    c.sendall(b"220 2.0.0 Ready to start TLS\r\n")
elif proto == "xmpp":
    until(b">")
    c.sendall(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
              b"xmlns:stream='http://etherx.jabber.org/streams' id='1' from='server.example.test' "
              b"version='1.0'><stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
              b"<required/></starttls></stream:features>")
    until(b"starttls")
    c.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
elif proto == "ldap":
    c.recv(4096)
    c.sendall(bytes.fromhex("300c02010178070a010004000400"))
try:
    s = ctx.wrap_socket(c, server_side=True); s.recv(100); s.close()
except (OSError, ssl.SSLError):
    pass
PY
cat "$W/server.pem" "$W/inter.pem" >"$W/py-chain.pem"
for p in smtp:2525 xmpp:5222 ldap:1389; do
  proto=${p%%:*}; port=${p##*:}
  cap "starttls-$proto.pcap" "tcp port $port"
  python3 "$W/starttls.py" "$proto" "$port" "$W/py-chain.pem" "$W/server.key" &
  PIDS+=("$!"); P=$!
  wait_port "$port" || true
  name=""; [ "$proto" = xmpp ] && name="-name server.example.test"
  cli -connect "127.0.0.1:$port" -starttls "$proto" $name -servername server.example.test -CAfile "$W/root.pem"
  wait "$P" 2>/dev/null || true; stop_cap
  cp "$W/starttls-$proto.pcap" "$OUT/starttls-$proto.pcap"
  fact "starttls-$proto.pcap" "$port" "starttls=$proto sni=server.example.test version=TLS1.2 server_certs=2"
done

# 11. TLS 1.3: certificates encrypted
cap tls13.pcap 'tcp port 8453'
srv 127.0.0.1:8453 $S -tls1_3
cli -connect 127.0.0.1:8453 -servername server.example.test -CAfile "$W/root.pem" -tls1_3
end_srv; stop_cap
cp "$W/tls13.pcap" "$OUT/tls13.pcap"
fact tls13.pcap 8453 'sni=server.example.test version=TLS1.3 server_certs=0 encrypted=1'

# 12. small snap length: packets cut at 200 bytes
cap snap.pcap 'tcp port 8454' -s 200
srv 127.0.0.1:8454 $S -tls1_2
cli -connect 127.0.0.1:8454 -servername server.example.test -CAfile "$W/root.pem" -tls1_2
end_srv; stop_cap
cp "$W/snap.pcap" "$OUT/tls12-snaplen-200.pcap"
fact tls12-snaplen-200.pcap 8454 'truncated=1 server_certs=0'

# 13. a capture that starts mid-handshake: the plain capture without its first 4 frames
#     (SYN, SYN-ACK, ACK, ClientHello)
editcap -r "$OUT/tls12.pcap" "$OUT/tls12-mid-handshake.pcap" 5-1000 >/dev/null
fact tls12-mid-handshake.pcap 8443 'version=TLS1.2 server_certs=2'

# 14. the server sends leaf, root, intermediate: misordered, and the root included
cat "$W/root.pem" "$W/inter.pem" >"$W/root-inter.pem"
cap misordered.pcap 'tcp port 8455'
srv 127.0.0.1:8455 -cert "$W/server.pem" -key "$W/server.key" -cert_chain "$W/root-inter.pem" -tls1_2
cli -connect 127.0.0.1:8455 -servername server.example.test -CAfile "$W/root.pem" -tls1_2
end_srv; stop_cap
cp "$W/misordered.pcap" "$OUT/tls12-misordered-with-root.pcap"
fact tls12-misordered-with-root.pcap 8455 'sni=server.example.test version=TLS1.2 server_certs=3'

# 15. a server certificate without the serverAuth EKU (the client does not verify)
cap srvnoeku.pcap 'tcp port 8456'
srv 127.0.0.1:8456 -cert "$W/server-noeku.pem" -key "$W/server-noeku.key" -cert_chain "$W/inter.pem" -tls1_2
cli -connect 127.0.0.1:8456 -servername server.example.test -tls1_2
end_srv; stop_cap
cp "$W/srvnoeku.pcap" "$OUT/tls12-server-no-server-eku.pcap"
fact tls12-server-no-server-eku.pcap 8456 'sni=server.example.test version=TLS1.2 server_certs=2'

# 16. the server asks for client certificates from another CA (gnutls-serv), the client
#     (openssl) sends its own anyway
cap notreq.pcap 'tcp port 7003'
gnutls-serv -p 7003 --x509certfile "$W/server-chain.pem" --x509keyfile "$W/server.key" \
  --x509cafile "$W/other-root.pem" --require-client-cert >/dev/null 2>&1 &
PIDS+=("$!"); G=$!
wait_port 7003 || true
cli -connect 127.0.0.1:7003 -servername server.example.test -CAfile "$W/root.pem" -tls1_2 \
  -cert "$W/client.pem" -key "$W/client.key" -cert_chain "$W/inter.pem"
kill "$G" 2>/dev/null || true; stop_cap
cp "$W/notreq.pcap" "$OUT/mtls-issuer-not-requested.pcap"
fact mtls-issuer-not-requested.pcap 7003 'version=TLS1.2 client_certs=2 ca_names=1'

# 17. a gap: the split capture without one server segment in the middle of the Certificate
gapframe=$(tshark -r "$OUT/tls12-certificate-split.pcap" -Y 'tcp.srcport==8448 && tcp.len>0' \
  -T fields -e frame.number 2>/dev/null | sed -n 8p)
editcap "$OUT/tls12-certificate-split.pcap" "$OUT/tls12-gap.pcap" "$gapframe" >/dev/null
fact tls12-gap.pcap 8448 "gap=1 deleted_frame=$gapframe"

# 18. the same handshakes inside tunnels (GRE, ERSPAN, VXLAN, Geneve, PPPoE, MPLS, 6in4): scapy
"$HERE/tunnels.sh"
# 19. SSL 2.0: a SERVER-HELLO with its certificate, and a TLS client's SSL 2.0-format hello
"$HERE/sslv2.sh"

# every capture must hold packets (a tcpdump that missed its start is retried by rerunning)
bad=0
for f in "$OUT"/*.pcap "$OUT"/*.pcapng; do
  [ "$(stat -c %s "$f")" -gt 200 ] || { echo "captures.sh: $f is empty" >&2; bad=1; }
done
du -sh "$OUT"
exit "$bad"
