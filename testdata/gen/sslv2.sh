#!/usr/bin/env bash
# SSL 2.0 captures for testdata/captures/, recorded with tcpdump on loopback.
#
#   sslv2-server-hello.pcap      an SSL 2.0 handshake: CLIENT-HELLO, SERVER-HELLO carrying the
#                                server's certificate, CLIENT-MASTER-KEY, then an encrypted record.
#   sslv2-format-client-hello.pcap  a TLS client's SSL 2.0-format ClientHello (RFC 5246 E.2,
#                                version TLS 1.2) answered by a real openssl s_server with a TLS 1.2
#                                ServerHello and its chain (leaf + intermediate).
#
# No tool in Debian still speaks SSL 2.0 (OpenSSL dropped it in 1.1.0, GnuTLS and NSS never
# or no longer have it; a search of the packaged TLS stacks found none), so the SSL 2.0 bytes
# are CRAFTED with scapy's SSLv2 layer (scapy.layers.tls.handshake_sslv2) and sent over real
# TCP connections by a small python3 server and client; only the TCP/IP around them and, in
# the second capture, the server's TLS answer come from real stacks. The key exchange is not
# real: the CLIENT-MASTER-KEY carries random bytes where the RSA-encrypted key would be.
# The SSL 2.0 server's certificate is what such servers hold: a self-signed RSA 1024 / SHA-1
# certificate (openssl req), as on appliances old enough to offer SSL 2.0.
#
# Tools: tcpdump (root), openssl 3, scapy (/usr/bin/python3, apt-get install python3-scapy).
# Called by captures.sh; can run alone (it replaces its own lines of facts.tsv). Keys and so
# certificate ids change on every run.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"
PY=/usr/bin/python3
"$PY" -c 'import scapy' 2>/dev/null || die "scapy is missing: apt-get install python3-scapy"
CAP="$TESTDATA_DIR/captures"
mk_work
W=$WORK
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT

# the SSL 2.0 server's certificate; a CA, an intermediate and a leaf for the TLS server
run openssl req -x509 -newkey rsa:1024 -sha1 -nodes -keyout "$WORK/legacy.key" -out "$WORK/legacy.pem" \
  -days 7305 -set_serial 0x2a5 -subj "/O=Example Corp/CN=legacy-appliance.example.test" \
  -addext "subjectAltName=DNS:legacy-appliance.example.test"
run openssl req -x509 -newkey rsa:2048 -sha256 -nodes -keyout "$WORK/root.key" -out "$WORK/root.pem" \
  -days 7305 -subj "/O=Example Corp/CN=Example Corp Root CA"
run openssl req -newkey rsa:2048 -nodes -keyout "$WORK/inter.key" -out "$WORK/inter.csr" \
  -subj "/O=Example Corp/CN=Example Corp Issuing CA"
run openssl x509 -req -in "$WORK/inter.csr" -CA "$WORK/root.pem" -CAkey "$WORK/root.key" -days 3650 \
  -set_serial 2 -sha256 -out "$WORK/inter.pem" \
  -extfile <(printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n')
run openssl req -newkey rsa:2048 -nodes -keyout "$WORK/server.key" -out "$WORK/server.csr" \
  -subj "/O=Example Corp/CN=server.example.test"
run openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/inter.pem" -CAkey "$WORK/inter.key" -days 825 \
  -set_serial 3 -sha256 -out "$WORK/server.pem" \
  -extfile <(printf 'subjectAltName=DNS:server.example.test\nextendedKeyUsage=serverAuth\n')

cat >"$WORK/sslv2.py" <<'PY'
"""role port [cert.pem]: one SSL 2.0 exchange over a real TCP connection on 127.0.0.1."""
import os, socket, ssl, sys, time
from scapy.all import load_layer
load_layer("tls")
from scapy.layers.tls.record_sslv2 import SSLv2
from scapy.layers.tls.handshake_sslv2 import SSLv2ClientHello, SSLv2ServerHello, SSLv2ClientMasterKey
from scapy.layers.tls.cert import Cert
role, port = sys.argv[1], int(sys.argv[2])
RC4_128_MD5, DES_192_EDE3_CBC_MD5 = 0x010080, 0x0700c0
def recv_some(s):
    s.settimeout(5)
    try:
        return s.recv(65536)
    except OSError:
        return b""
if role == "server":
    der = ssl.PEM_cert_to_DER_cert(open(sys.argv[3]).read())
    ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", port)); ls.listen(1); ls.settimeout(15)
    c, _ = ls.accept()
    recv_some(c)                                  # CLIENT-HELLO
    c.sendall(bytes(SSLv2(msg=SSLv2ServerHello(sid_hit=0, certtype=1, version=0x0002, cert=Cert(der),
                                               ciphers=[RC4_128_MD5, DES_192_EDE3_CBC_MD5],
                                               connection_id=os.urandom(16)))))
    recv_some(c)                                  # CLIENT-MASTER-KEY
    c.sendall(bytes(SSLv2(len=33, msg=os.urandom(33))))   # SERVER-VERIFY, encrypted
    time.sleep(0.3); c.close()
else:
    version = int(sys.argv[3], 16)
    ciphers = [RC4_128_MD5, DES_192_EDE3_CBC_MD5] if version == 2 else [0x00002f, 0x000035, 0x00009c]
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(bytes(SSLv2(msg=SSLv2ClientHello(version=version, ciphers=ciphers, challenge=os.urandom(16)))))
    recv_some(s)                                  # SERVER-HELLO (or the TLS server's flight)
    if version == 2:
        s.sendall(bytes(SSLv2(msg=SSLv2ClientMasterKey(cipher=RC4_128_MD5, clearkey=b"",
                                                       encryptedkey=os.urandom(128), keyarg=b""))))
        recv_some(s)
    time.sleep(0.3); s.close()
PY

FACTS="$CAP/facts.tsv"
touch "$FACTS"
set_fact() {
  local tmp; tmp=$(mktemp)
  awk -F'\t' -v f="$1" '$1 != f' "$FACTS" >"$tmp"
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tmp"
  cat "$tmp" >"$FACTS"; rm -f "$tmp"
}

# 1. SSL 2.0 on 4443
pcap_start "$WORK/v2.pcap" 'tcp port 4443'
"$PY" "$WORK/sslv2.py" server 4443 "$WORK/legacy.pem" & PIDS+=("$!"); S=$!
wait_port 4443 || die "the SSL 2.0 server did not start"
"$PY" "$WORK/sslv2.py" client 4443 0002
wait "$S" || true
pcap_stop "$WORK/v2.pcap"
cp "$WORK/v2.pcap" "$CAP/sslv2-server-hello.pcap"
set_fact sslv2-server-hello.pcap 4443 "version=SSL2.0 client_version=SSL2.0 server_certs=1"

# 2. an SSL 2.0-format ClientHello of a TLS 1.2 client, a real openssl s_server answering
#    (SECLEVEL 0: without a signature_algorithms extension, which that format cannot carry,
#    TLS 1.2 falls back to SHA-1 signatures, RFC 5246 §7.4.1.4.1)
pcap_start "$WORK/v2f.pcap" 'tcp port 4444'
sleep 8 | openssl s_server -accept 127.0.0.1:4444 -naccept 1 -quiet -cert "$WORK/server.pem" \
  -key "$WORK/server.key" -cert_chain "$WORK/inter.pem" -cipher 'DEFAULT:@SECLEVEL=0' >/dev/null 2>&1 &
PIDS+=("$!")
wait_port 4444 || die "openssl s_server did not start"
"$PY" "$WORK/sslv2.py" client 4444 0303
pcap_stop "$WORK/v2f.pcap"
cp "$WORK/v2f.pcap" "$CAP/sslv2-format-client-hello.pcap"
set_fact sslv2-format-client-hello.pcap 4444 "version=TLS1.2 client_version=TLS1.2 server_certs=2"
log "sslv2: 2 captures"
