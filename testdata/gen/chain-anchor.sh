#!/usr/bin/env bash
# Rule cases for chain.not-anchored, and the chain.incomplete / tls.server-chain-incomplete
# cases of the same root cause: a chain that ends one step below a root nobody sent. Servers
# do not send their root (RFC 8446 §4.4.2, RFC 5246 §7.4.2 allow leaving it out) and customers
# rarely attach it, so with no trust store given such a chain is "not anchored" (info), never
# "incomplete" (error). The same input comes as a capture (the real openssl handshake of
# testdata/captures/tls12.pcap), as files downloaded from a CA (certnew.cer + SubCA.cer), as a
# CUCM node's identity certificate with its issuing CA, and as a log (the output of a real
# `openssl s_client -showcerts` against `openssl s_server`).
#
# Writes testdata/rules/chain.not-anchored/ and the cases
#   chain.incomplete/passes-{capture,bundle}-one-below-unsent-root,
#   chain.incomplete/passes-capture-leaf-only-told-by-tls-rule (the server sent its leaf alone:
#   tls.server-chain-incomplete reports that, with the connection, and chain.incomplete does not
#   say it a second time).
# Tools: openssl 3, certtool (GnuTLS), tshark (the capture leaf's id), s_server/s_client on
# 127.0.0.1.
# Keys are random: object ids change on every run.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"
mk_work
W=$WORK
R="$TESTDATA_DIR/rules"
CAP="$TESTDATA_DIR/captures"
AT=2026-06-01T00:00:00Z

reset_dir "$R/chain.not-anchored"
for c in chain.incomplete/passes-capture-one-below-unsent-root chain.incomplete/passes-bundle-one-below-unsent-root \
         chain.incomplete/passes-capture-leaf-only-told-by-tls-rule; do
  reset_dir "$R/$c"
done

# newcase DIR [args...]; put SRC DEST; expect RULE SEV OBJECTS FILE
newcase() { C="$R/$1"; shift; mkdir -p "$C/input"; printf '%s\n' --at "$AT" "$@" >"$C/args"; : >"$C/expected"; }
put() { mkdir -p "$(dirname "$C/input/$2")"; cp "$1" "$C/input/$2"; }
expect() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$C/expected"; sort -o "$C/expected" "$C/expected"; }
der() { openssl x509 -in "$1" -outform der -out "$2"; }

# a root, an issuing CA under it and a TLS server certificate (what a private enterprise CA
# such as AD CS issues): only the last two are ever sent
key root rsa2048
cert root root self 2025-01-01 2035-01-01 'cn = "Example Corp Root CA"' 'organization = "Example Corp"' \
  ca cert_signing_key crl_signing_key
key sub rsa2048
cert sub sub root 2025-01-01 2032-01-01 'cn = "Example Corp Issuing CA 1"' 'organization = "Example Corp"' \
  ca cert_signing_key crl_signing_key 'path_len = 0'
key leaf p256
cert leaf leaf sub 2025-06-01 2027-06-01 'cn = "expressway.example.com"' 'dns_name = "expressway.example.com"' \
  signing_key tls_www_server tls_www_client
LEAF=$(certid "$W/leaf.pem")

# the log: a real s_client -showcerts against a real s_server that sends leaf + issuing CA
port=4471
cat "$W/sub.pem" >"$W/chain.pem"
sleep 6 | openssl s_server -accept "127.0.0.1:$port" -naccept 1 -quiet -cert "$W/leaf.pem" -key "$W/leaf.key" \
  -cert_chain "$W/chain.pem" >/dev/null 2>&1 &
SRV=$!
for _ in $(seq 1 50); do ss -ltn | grep -q ":$port " && break; sleep 0.1; done
openssl s_client -showcerts -connect "127.0.0.1:$port" -servername expressway.example.com </dev/null \
  >"$W/s_client-showcerts.txt" 2>&1 || true
kill "$SRV" 2>/dev/null || true
grep -c 'BEGIN CERTIFICATE' "$W/s_client-showcerts.txt" | grep -qx 2 || die "s_client did not show 2 certificates"

# ---------------------------------------------------------------- chain.not-anchored (info)
N=chain.not-anchored
newcase $N/fires-capture-one-below-unsent-root
put "$CAP/tls12.pcap" tls12.pcap
# the leaf's id as tshark extracts it, not certdiag
CAPLEAF=$(tshark -r "$CAP/tls12.pcap" -d tcp.port==8443,tls -Y tls.handshake.certificate -T fields \
  -e tls.handshake.certificate 2>/dev/null | head -1 | cut -d, -f1 | xxd -r -p | sha256sum | cut -c1-16)
expect $N info "cert-$CAPLEAF" tls12.pcap

newcase $N/fires-ca-download-without-root
der "$W/leaf.pem" "$W/certnew.cer"; put "$W/certnew.cer" certnew.cer
der "$W/sub.pem" "$W/SubCA.cer"; put "$W/SubCA.cer" SubCA.cer
expect $N info "$LEAF" certnew.cer

newcase $N/fires-cucm-identity-without-root
put "$W/leaf.pem" cucm-pub/tomcat.pem
put "$W/sub.pem" cucm-pub/issuing-ca.pem
expect $N info "$LEAF" cucm-pub/tomcat.pem

newcase $N/fires-showcerts-log
put "$W/s_client-showcerts.txt" s_client-showcerts.txt
expect $N info "$LEAF" s_client-showcerts.txt

newcase $N/passes-root-in-input
put "$W/certnew.cer" certnew.cer; put "$W/SubCA.cer" SubCA.cer
der "$W/root.pem" "$W/RootCA.cer"; put "$W/RootCA.cer" RootCA.cer

newcase $N/na-trust-given --trust input/trust
put "$CAP/tls12.pcap" tls12.pcap
put "$CAP/test-root.pem" trust/test-root.pem

newcase $N/na-ca-certificates-only
put "$W/SubCA.cer" SubCA.cer; put "$W/RootCA.cer" RootCA.cer

# ---------------------------------------------------------------- the same root cause elsewhere
newcase chain.incomplete/passes-capture-one-below-unsent-root
put "$CAP/tls12.pcap" tls12.pcap
newcase chain.incomplete/passes-bundle-one-below-unsent-root
put "$W/certnew.cer" certnew.cer; put "$W/SubCA.cer" SubCA.cer
# the server sent only its leaf: tls.server-chain-incomplete says so for the connection
newcase chain.incomplete/passes-capture-leaf-only-told-by-tls-rule
put "$CAP/tls12-unknown-ca-alert.pcap" tls12-unknown-ca-alert.pcap

cat >"$R/chain-anchor-README.md" <<'MD'
# Rule cases: a chain one step below a root nobody sent

Generated by `testdata/gen/chain-anchor.sh` (openssl 3, certtool, a real `openssl s_client
-showcerts` against `openssl s_server`; the capture is `testdata/captures/tls12.pcap`, a real
openssl handshake) -- do not edit by hand. Evaluated `--at 2026-06-01T00:00:00Z`. The PKI:
"Example Corp Root CA" (RSA 2048) > "Example Corp Issuing CA 1" (RSA 2048, pathlen 0) >
"expressway.example.com" (EC P-256, serverAuth + clientAuth). docs/chains.md explains the rule.

| case | input |
|---|---|
| `chain.not-anchored/fires-capture-one-below-unsent-root` | tls12.pcap: the server sent leaf + intermediate, not the root; no store |
| `chain.not-anchored/fires-ca-download-without-root` | certnew.cer (leaf, DER) + SubCA.cer (issuing CA, DER); no store |
| `chain.not-anchored/fires-cucm-identity-without-root` | cucm-pub/tomcat.pem + cucm-pub/issuing-ca.pem; no trust-store folder |
| `chain.not-anchored/fires-showcerts-log` | s_client-showcerts.txt: `openssl s_client -showcerts` output with leaf + issuing CA |
| `chain.not-anchored/passes-root-in-input` | certnew.cer + SubCA.cer + RootCA.cer: anchored at the input's root |
| `chain.not-anchored/na-trust-given` | tls12.pcap with `--trust` holding its root: a store is given |
| `chain.not-anchored/na-ca-certificates-only` | SubCA.cer + RootCA.cer: no end-entity certificate |
| `chain.incomplete/passes-capture-one-below-unsent-root` | tls12.pcap: not incomplete (chain.not-anchored says it) |
| `chain.incomplete/passes-bundle-one-below-unsent-root` | certnew.cer + SubCA.cer: not incomplete |
| `chain.incomplete/passes-capture-leaf-only-told-by-tls-rule` | tls12-unknown-ca-alert.pcap: the server sent its leaf alone; tls.server-chain-incomplete reports it, chain.incomplete does not repeat it |
MD

log "chain-anchor: cases written"
