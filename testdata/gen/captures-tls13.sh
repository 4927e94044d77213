#!/usr/bin/env bash
# Records the captures in testdata/captures/tls13/ from real TLS stacks on loopback, each TLS 1.3
# one with the key log its client or server wrote: openssl s_server/s_client -keylogfile and
# gnutls-serv/gnutls-cli with SSLKEYLOGFILE, captured with tcpdump -i lo.
#   - one handshake per TLS 1.3 cipher suite (AES-128-GCM, AES-256-GCM, CHACHA20-POLY1305,
#     AES-128-CCM, AES-128-CCM-8), the gnutls ones with a client certificate;
#   - a client certificate without clientAuth rejected by the server, an unknown_ca, a
#     HelloRetryRequest, a KeyUpdate after the handshake;
#   - a pcapng with the secrets inside (editcap --inject-secrets), and a key log whose secrets
#     were altered (decryption must fail, and say so);
#   - a long chain (a 52 KB leaf, openssl ca) whose Certificate message spans four full
#     16 KB records, in TLS 1.2 (plaintext) and in TLS 1.3.
# Writes testdata/captures/tls13/facts.tsv (what tests/test_pcap.c expects of each capture,
# the port for tshark's "decode as" and the key log). Keys, randoms and so ids change on every
# run; the outputs are committed.
#
# Tools: tcpdump, openssl 3, gnutls-bin, editcap (wireshark-common), ss. Root (tcpdump).
# Only 127.0.0.1 is used; every server takes one connection and every client has a timeout.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for t in tcpdump gnutls-serv gnutls-cli editcap ss; do
  command -v "$t" >/dev/null || die "captures-tls13.sh: missing tool: $t"
done
OUT=$TESTDATA_DIR/captures/tls13
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-cap13.XXXXXX")
trap 'bg_cleanup; rm -rf "$W"' EXIT
reset_dir "$OUT"

# ---------------------------------------------------------------- the PKI
F=2025-01-01 T=2035-01-01
for n in root inter server server-noeku client client-noeku other-root expired; do key "$n" p256; done
cert root root self $F $T 'cn = "certdiag TLS13 Root CA"' 'organization = "certdiag"' ca cert_signing_key
cert other-root other-root self $F $T 'cn = "certdiag Other Root CA"' ca cert_signing_key
cert inter inter root $F $T 'cn = "certdiag TLS13 Intermediate CA"' 'organization = "certdiag"' ca \
  cert_signing_key 'path_len = 0'
cert server server inter $F $T 'cn = "server.example.test"' 'dns_name = "server.example.test"' \
  'ip_address = "127.0.0.1"' signing_key tls_www_server
cert client client inter $F $T 'cn = "client.example.test"' 'dns_name = "client.example.test"' \
  signing_key tls_www_client
cert client-noeku client-noeku inter $F $T 'cn = "noeku.example.test"' \
  'dns_name = "noeku.example.test"' signing_key tls_www_server
cert server-noeku server-noeku inter $F $T 'cn = "server.example.test"' 'dns_name = "server.example.test"' \
  signing_key tls_www_client
cert expired expired inter 2020-01-01 2021-01-01 'cn = "server.example.test"' \
  'dns_name = "server.example.test"' signing_key tls_www_server
cat "$W/server.pem" "$W/inter.pem" >"$W/server-chain.pem"
cat "$W/client.pem" "$W/inter.pem" >"$W/client-chain.pem"
cp "$W/root.pem" "$OUT/RootCA.cer"

# the long chain: a leaf with 1500 DNS names (certtool stops at 128, so openssl ca signs it)
key long rsa2048
mkdir -p "$W/ca"
: >"$W/ca/index.txt"
cat >"$W/ca.cnf" <<EOF
[ca]
default_ca = d
[d]
database = $W/ca/index.txt
new_certs_dir = $W/ca
serial = $W/ca/serial
default_md = sha256
policy = p
unique_subject = no
copy_extensions = none
[p]
commonName = supplied
[leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = @alt
[alt]
DNS.1 = long.example.test
EOF
for i in $(seq 2 1500); do echo "DNS.$i = host-$i.long-chain.example.test"; done >>"$W/ca.cnf"
echo 1000 >"$W/ca/serial"
run openssl req -new -key "$W/long.key" -subj /CN=long.example.test -out "$W/long.csr"
run openssl ca -batch -config "$W/ca.cnf" -extensions leaf -in "$W/long.csr" -cert "$W/inter.pem" \
  -keyfile "$W/inter.key" -startdate 20250101000000Z -enddate 20350101000000Z -notext -out "$W/long.pem"
cat "$W/long.pem" "$W/inter.pem" >"$W/long-chain.pem"

# ---------------------------------------------------------------- recording helpers
FACTS="$OUT/facts.tsv"
printf '# capture\tdecode-as port\tfacts (tests/test_pcap.c; keylog= names the key log file)\n' >"$FACTS"
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$FACTS"; }
# osrv PORT ARGS... : openssl s_server for one connection, writing its key log to $W/srv.keys
osrv() {
  local port=$1; shift
  rm -f "$W/srv.keys"
  openssl s_server -accept "127.0.0.1:$port" -naccept 1 -quiet -keylogfile "$W/srv.keys" "$@" \
    >/dev/null 2>&1 &
  SRV_PID=$!; BG_PIDS+=("$SRV_PID")
  wait_port "$port" || true
}
# ocli PORT ARGS... : openssl s_client, key log to $W/cli.keys
ocli() {
  local port=$1; shift
  rm -f "$W/cli.keys"
  echo Q | timeout 10 openssl s_client -quiet -connect "127.0.0.1:$port" -keylogfile "$W/cli.keys" "$@" \
    >/dev/null 2>&1 || true
}
end_srv() { timeout 5 tail --pid="$SRV_PID" -f /dev/null 2>/dev/null || kill "$SRV_PID" 2>/dev/null || true; }
# gsrv PORT ARGS... : gnutls-serv (serves until killed), key log to $W/srv.keys
gsrv() {
  local port=$1; shift
  rm -f "$W/srv.keys"
  SSLKEYLOGFILE="$W/srv.keys" gnutls-serv -p "$port" "$@" >/dev/null 2>&1 &
  SRV_PID=$!; BG_PIDS+=("$SRV_PID")
  wait_port "$port" || true
}
# gcli PORT ARGS... : gnutls-cli, key log to $W/cli.keys
gcli() {
  local port=$1; shift
  rm -f "$W/cli.keys"
  echo | SSLKEYLOGFILE="$W/cli.keys" timeout 10 gnutls-cli -p "$port" 127.0.0.1 "$@" >/dev/null 2>&1 || true
}
# keep NAME.pcap KEYS : copy the capture and the chosen key log (cli or srv) into OUT
keep() {
  cp "$W/$1.pcap" "$OUT/$1.pcap"
  [ -z "${2-}" ] || { [ -s "$W/$2.keys" ] || die "no key log from $2 for $1"; cp "$W/$2.keys" "$OUT/$1.keys"; }
}

OS="-cert $W/server.pem -key $W/server.key -cert_chain $W/inter.pem"
OC="-servername server.example.test -CAfile $W/root.pem"

# 1-3. openssl: AES-128-GCM, AES-256-GCM, AES-128-CCM-8 (each suite set on both sides)
port=8601
for s in TLS_AES_128_GCM_SHA256:aes128gcm TLS_AES_256_GCM_SHA384:aes256gcm TLS_AES_128_CCM_8_SHA256:aes128ccm8; do
  suite=${s%%:*} name=tls13-${s##*:}
  cap_start "$name.pcap" "tcp port $port"
  osrv $port $OS -tls1_3 -ciphersuites "$suite"
  ocli $port $OC -tls1_3 -ciphersuites "$suite"
  end_srv; cap_stop
  keep "$name" cli
  fact "$name.pcap" $port "keylog=$name.keys sni=server.example.test version=TLS1.3 cipher=${suite} server_certs=2 alerts=- decrypted=1"
  port=$((port + 1))
done

# 4-5. gnutls: CHACHA20-POLY1305 and AES-128-CCM, with a client certificate the server asked
#      for (CertificateRequest with certificate_authorities); key log from the server
GP='NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL'
for s in CHACHA20-POLY1305:chacha20:TLS_CHACHA20_POLY1305_SHA256 AES-128-CCM:aes128ccm:TLS_AES_128_CCM_SHA256; do
  IFS=: read -r gc short suite <<<"$s"
  name=tls13-$short
  cap_start "$name.pcap" "tcp port $port"
  gsrv $port --x509certfile "$W/server-chain.pem" --x509keyfile "$W/server.key" \
    --x509cafile "$W/root.pem" --require-client-cert --priority "$GP:+$gc"
  gcli $port --sni-hostname server.example.test --x509cafile "$W/root.pem" \
    --x509certfile "$W/client-chain.pem" --x509keyfile "$W/client.key" --priority "$GP:+$gc"
  sleep 0.5; kill "$SRV_PID" 2>/dev/null || true; cap_stop
  keep "$name" srv
  fact "$name.pcap" $port "keylog=$name.keys sni=server.example.test version=TLS1.3 cipher=$suite server_certs=2 client_certs=2 ca_names=1 decrypted=1"
  port=$((port + 1))
done

# 6. mTLS: the client certificate lacks clientAuth; openssl's server rejects it with an alert
#    sent under its application traffic secret
cap_start mtls13.pcap "tcp port $port"
osrv $port $OS -tls1_3 -Verify 2 -CAfile "$W/root.pem" -verify_return_error
ocli $port $OC -tls1_3 -cert "$W/client-noeku.pem" -key "$W/client-noeku.key" -cert_chain "$W/inter.pem"
end_srv; cap_stop
mv "$W/mtls13.pcap" "$W/tls13-mtls-client-no-client-eku.pcap"
keep tls13-mtls-client-no-client-eku srv
fact tls13-mtls-client-no-client-eku.pcap $port "keylog=tls13-mtls-client-no-client-eku.keys version=TLS1.3 server_certs=2 client_certs=2 ca_names=1 alerts=server:fatal:unsupported_certificate decrypted=1"
port=$((port + 1))

# 7. unknown_ca: the server sends only its leaf, the client trusts another root
cap_start unknownca.pcap "tcp port $port"
osrv $port -cert "$W/server.pem" -key "$W/server.key" -tls1_3
ocli $port -servername server.example.test -CAfile "$W/other-root.pem" -verify_return_error -tls1_3
end_srv; cap_stop
mv "$W/unknownca.pcap" "$W/tls13-unknown-ca-alert.pcap"
keep tls13-unknown-ca-alert cli
fact tls13-unknown-ca-alert.pcap $port "keylog=tls13-unknown-ca-alert.keys sni=server.example.test version=TLS1.3 server_certs=1 alerts=client:fatal:unknown_ca decrypted=1"
port=$((port + 1))

# 8. HelloRetryRequest: the client's key share is X25519, the server wants P-384
cap_start hrr.pcap "tcp port $port"
osrv $port $OS -tls1_3 -groups P-384
ocli $port $OC -tls1_3 -groups X25519:P-384
end_srv; cap_stop
mv "$W/hrr.pcap" "$W/tls13-hello-retry.pcap"
keep tls13-hello-retry cli
fact tls13-hello-retry.pcap $port "keylog=tls13-hello-retry.keys sni=server.example.test version=TLS1.3 server_certs=2 hrr=1 alerts=- decrypted=1"
port=$((port + 1))

# 9. KeyUpdate: right after the handshake the client updates its keys and asks the server to
#    update its own (s_client's 'K' command); the close_notify alerts after it are under the
#    updated keys
cap_start ku.pcap "tcp port $port"
rm -f "$W/srv.keys"
# (the server's input stays open: it must not close the connection before the client's update)
sleep 4 | openssl s_server -accept "127.0.0.1:$port" -naccept 1 -quiet $OS -tls1_3 >/dev/null 2>&1 &
SRV_PID=$!; BG_PIDS+=("$SRV_PID")
wait_port $port || true
{ sleep 0.7; echo K; sleep 0.7; echo Q; } |
  timeout 10 openssl s_client -connect 127.0.0.1:$port $OC -tls1_3 -keylogfile "$W/cli.keys" >/dev/null 2>&1 || true
end_srv; cap_stop
mv "$W/ku.pcap" "$W/tls13-key-update.pcap"
keep tls13-key-update cli
fact tls13-key-update.pcap $port "keylog=tls13-key-update.keys sni=server.example.test version=TLS1.3 server_certs=2 alerts=client:warning:close_notify decrypted=1"
port=$((port + 1))

# 10. the long chain: TLS 1.2 (plaintext, four 16 KB records) and TLS 1.3 (encrypted records)
LS="-cert $W/long.pem -key $W/long.key -cert_chain $W/inter.pem"
for v in 2 3; do
  cap_start long.pcap "tcp port $port"
  osrv $port $LS -tls1_$v
  ocli $port -servername long.example.test -CAfile "$W/root.pem" -tls1_$v
  end_srv; cap_stop
  mv "$W/long.pcap" "$W/tls1$v-long-chain.pcap"
  if [ $v = 2 ]; then
    keep tls12-long-chain
    fact tls12-long-chain.pcap $port "sni=long.example.test version=TLS1.2 server_certs=2"
  else
    keep tls13-long-chain cli
    fact tls13-long-chain.pcap $port "keylog=tls13-long-chain.keys sni=long.example.test version=TLS1.3 server_certs=2 decrypted=1"
  fi
  port=$((port + 1))
done

# 11. the secrets inside the capture: a pcapng with a Decryption Secrets Block (no --keylog)
editcap --inject-secrets "tls,$OUT/tls13-aes256gcm.keys" -F pcapng "$OUT/tls13-aes256gcm.pcap" \
  "$OUT/tls13-secrets-embedded.pcapng"
fact tls13-secrets-embedded.pcapng 8602 "sni=server.example.test version=TLS1.3 cipher=TLS_AES_256_GCM_SHA384 server_certs=2 decrypted=1"

# 12. a wrong secret: the AES-128-GCM key log with the last hex digit of each handshake secret
#     changed (same client random: the secrets are found, and decryption fails)
awk '$1 ~ /_HANDSHAKE_TRAFFIC_SECRET$/ { d = substr($3, length($3)); $3 = substr($3, 1, length($3) - 1) (d == "0" ? "1" : "0") } { print }' \
  "$OUT/tls13-aes128gcm.keys" >"$OUT/tls13-aes128gcm-wrong.keys"
cmp -s "$OUT/tls13-aes128gcm.keys" "$OUT/tls13-aes128gcm-wrong.keys" && die "wrong key log unchanged"
fact tls13-aes128gcm.pcap 8601 "keylog=tls13-aes128gcm-wrong.keys version=TLS1.3 server_certs=0 encrypted=1 decryption_failed=1"

# 13. the tls.* diagnoses on decrypted TLS 1.3: an expired server certificate, a host name the
#     certificate does not carry, a server certificate without serverAuth (not verified), a
#     chain sent leaf-root-intermediate, a client certificate from a CA the server did not ask
#     for (gnutls-serv), an SNI not in the SAN (not verified)
port=8620
cap_start x.pcap "tcp port $port"
osrv $port -cert "$W/expired.pem" -key "$W/expired.key" -cert_chain "$W/inter.pem" -tls1_3
ocli $port $OC -verify_return_error -tls1_3
end_srv; cap_stop
mv "$W/x.pcap" "$W/tls13-certificate-expired-alert.pcap"
keep tls13-certificate-expired-alert srv
fact tls13-certificate-expired-alert.pcap $port "keylog=tls13-certificate-expired-alert.keys sni=server.example.test version=TLS1.3 server_certs=2 alerts=client:fatal:certificate_expired decrypted=1"
port=$((port + 1))

cap_start x.pcap "tcp port $port"
osrv $port $OS -tls1_3
ocli $port -servername other.example.test -verify_hostname other.example.test -CAfile "$W/root.pem" \
  -verify_return_error -tls1_3
end_srv; cap_stop
mv "$W/x.pcap" "$W/tls13-bad-certificate-alert.pcap"
keep tls13-bad-certificate-alert srv
fact tls13-bad-certificate-alert.pcap $port "keylog=tls13-bad-certificate-alert.keys sni=other.example.test version=TLS1.3 server_certs=2 alerts=client:fatal:bad_certificate decrypted=1"
port=$((port + 1))

cap_start x.pcap "tcp port $port"
osrv $port -cert "$W/server-noeku.pem" -key "$W/server-noeku.key" -cert_chain "$W/inter.pem" -tls1_3
ocli $port -servername server.example.test -tls1_3
end_srv; cap_stop
mv "$W/x.pcap" "$W/tls13-server-no-server-eku.pcap"
keep tls13-server-no-server-eku cli
fact tls13-server-no-server-eku.pcap $port "keylog=tls13-server-no-server-eku.keys sni=server.example.test version=TLS1.3 server_certs=2 decrypted=1"
port=$((port + 1))

cat "$W/root.pem" "$W/inter.pem" >"$W/root-inter.pem"
cap_start x.pcap "tcp port $port"
osrv $port -cert "$W/server.pem" -key "$W/server.key" -cert_chain "$W/root-inter.pem" -tls1_3
ocli $port $OC -tls1_3
end_srv; cap_stop
mv "$W/x.pcap" "$W/tls13-misordered-with-root.pcap"
keep tls13-misordered-with-root cli
fact tls13-misordered-with-root.pcap $port "keylog=tls13-misordered-with-root.keys sni=server.example.test version=TLS1.3 server_certs=3 decrypted=1"
port=$((port + 1))

cap_start x.pcap "tcp port $port"
gsrv $port --x509certfile "$W/server-chain.pem" --x509keyfile "$W/server.key" \
  --x509cafile "$W/other-root.pem" --require-client-cert --priority "$GP:+AES-128-GCM"
ocli $port $OC -tls1_3 -cert "$W/client.pem" -key "$W/client.key" -cert_chain "$W/inter.pem"
sleep 0.5; kill "$SRV_PID" 2>/dev/null || true; cap_stop
mv "$W/x.pcap" "$W/tls13-mtls-issuer-not-requested.pcap"
keep tls13-mtls-issuer-not-requested srv
fact tls13-mtls-issuer-not-requested.pcap $port "keylog=tls13-mtls-issuer-not-requested.keys version=TLS1.3 client_certs=2 ca_names=1 decrypted=1"
port=$((port + 1))

cap_start x.pcap "tcp port $port"
osrv $port $OS -tls1_3
ocli $port -servername www.other.test -tls1_3
end_srv; cap_stop
mv "$W/x.pcap" "$W/tls13-sni-not-in-san.pcap"
keep tls13-sni-not-in-san cli
fact tls13-sni-not-in-san.pcap $port "keylog=tls13-sni-not-in-san.keys sni=www.other.test version=TLS1.3 server_certs=2 decrypted=1"
port=$((port + 1))

# 14. the server's secrets only: the client's certificates (gnutls mTLS) stay encrypted
grep -v '^CLIENT_' "$OUT/tls13-chacha20.keys" >"$OUT/tls13-chacha20-server-only.keys"
fact tls13-chacha20.pcap 8604 "keylog=tls13-chacha20-server-only.keys version=TLS1.3 server_certs=2 client_certs=0 encrypted=1 decrypted=1"

# every capture must hold packets (a tcpdump that missed its start is retried by rerunning)
bad=0
for f in "$OUT"/*.pcap "$OUT"/*.pcapng; do
  [ "$(stat -c %s "$f")" -gt 400 ] || { echo "captures-tls13.sh: $f is empty" >&2; bad=1; }
done
du -sh "$OUT" >&2
exit "$bad"
