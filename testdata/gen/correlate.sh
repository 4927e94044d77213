#!/usr/bin/env bash
# correlate.sh - a node bundle whose CallManager trace logs a verify error 20 for a peer whose
# certificate (in the same bundle) is missing its intermediate: the log finding must link to
# the certificate and to its chain.incomplete finding. Real tools: certtool (GnuTLS).
set -euo pipefail
export TZ=UTC
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/correlate"
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
key() { certtool --generate-privkey --key-type ecdsa --curve secp256r1 --outfile "$1" 2>/dev/null; }
dates() { echo 'activation_date = "2025-01-01 00:00:00"'; echo 'expiration_date = "2030-01-01 00:00:00"'; }
key root.key; key int.key; key peer.key; key other.key
{ echo 'cn = "Partner Root CA"'; echo 'serial = 1'; dates; echo ca; echo cert_signing_key; } > root.tpl
certtool --generate-self-signed --load-privkey root.key --template root.tpl --outfile root.pem 2>/dev/null
{ echo 'cn = "Partner Issuing CA"'; echo 'serial = 2'; dates; echo ca; echo cert_signing_key; } > int.tpl
certtool --generate-certificate --load-privkey int.key --load-ca-certificate root.pem --load-ca-privkey root.key --template int.tpl --outfile int.pem 2>/dev/null
# the peer that CUCM rejects: 10.10.20.31, sip-gw.partner.example
{ echo 'cn = "sip-gw.partner.example"'; echo 'serial = 3'; dates; echo 'dns_name = "sip-gw.partner.example"'; echo 'ip_address = "10.10.20.31"'; echo signing_key; echo tls_www_server; echo tls_www_client; } > peer.tpl
certtool --generate-certificate --load-privkey peer.key --load-ca-certificate int.pem --load-ca-privkey int.key --template peer.tpl --outfile peer.pem 2>/dev/null
# an unrelated peer with a complete chain, to show that only the matching one is linked
{ echo 'cn = "other.partner.example"'; echo 'serial = 4'; dates; echo 'dns_name = "other.partner.example"'; echo 'ip_address = "10.10.20.99"'; echo signing_key; echo tls_www_server; } > other.tpl
certtool --generate-certificate --load-privkey other.key --load-ca-certificate root.pem --load-ca-privkey root.key --template other.tpl --outfile other.pem 2>/dev/null
strip() { sed -n '/-----BEGIN/,/-----END/p' "$1"; }
mkdir -p "$out/cucm-pub/CallManager-trust" "$out/cucm-pub/cm/trace/ccm/sdl" "$out/peers"
strip root.pem > "$out/cucm-pub/CallManager-trust/Partner_Root_CA.pem"
strip peer.pem > "$out/peers/sip-gw.pem"
strip other.pem > "$out/peers/other.pem"
cat > "$out/cucm-pub/cm/trace/ccm/sdl/SDL001_100_000001.txt" <<'LOG'
00412345.002 |10:15:02.123 |AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: 20 )- unable to get local issuer certificate for 10.10.20.31:5061
00412400.002 |10:20:02.500 |AppInfo  |HandleSSLError - Certificate verification failed:(Verification error: 20 )- unable to get local issuer certificate for 10.10.20.31:5061
LOG
cat > "$out/README.md" <<'MD'
# correlate
CUCM (`cucm-pub`) logs verify error 20 ("unable to get local issuer certificate") for
10.10.20.31:5061. The bundle holds that peer's certificate (`peers/sip-gw.pem`, IP SAN
10.10.20.31) without its intermediate "Partner Issuing CA", and the root in CallManager-trust.
The log finding must name the peer's certificate and its chain.incomplete finding, and the
chain finding must point back. `peers/other.pem` (10.10.20.99, complete chain) must not be
linked. Made by testdata/gen/correlate.sh.
MD
