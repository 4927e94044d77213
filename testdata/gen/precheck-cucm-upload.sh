#!/usr/bin/env bash
# Precheck cases of the CUCM / IM&P identity-upload rules the shared cases of precheck.sh do not
# cover (key size, signature algorithm, multi-server IPs, no --trust given), with a clean
# counterpart each:
#   testdata/precheck/files/cucm-upload/...          the files (own PKI, CSRs, certificates)
#   testdata/precheck/cases/cucm-upload-*/{cmd,expected}
# Format of cmd/expected: testdata/precheck/README.md. Called at the end of precheck.sh (which
# wipes files/ and cases/); runnable alone, idempotent (deletes and regenerates only the paths
# above). Tools: openssl 3, GnuTLS certtool 3.7; keys random, dates fixed, --at 2026-06-01.
set -euo pipefail
export TZ=UTC LC_ALL=C
for t in openssl certtool; do
  command -v "$t" >/dev/null || { echo "precheck-cucm-upload.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/precheck
AT=2026-06-01T00:00:00Z
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-precheck-cucm-upload.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
F=$OUT/files/cucm-upload
rm -rf "$F" "$OUT"/cases/cucm-upload-*
mkdir -p "$F" "$OUT/cases"

# csr NAME KEY CN SANS  ->  $W/NAME.csr (as CUCM writes one)
csr() {
  run openssl req -new -key "$W/$2.key" -subj "/C=US/O=Example Corp/OU=UC/CN=$3" -sha256 \
    -addext "subjectAltName=$4" -out "$W/$1.csr"
}
put() { mkdir -p "$(dirname "$F/$2")"; cp "$W/$1" "$F/$2"; }
# newcase NAME EXIT BLOCKING ARG...   (as in precheck.sh; the name gets the cucm-upload- prefix)
newcase() {
  local name=cucm-upload-$1 code=$2 blocking=$3; shift 3
  mkdir -p "$OUT/cases/$name"
  printf '%s\n' "$@" --at "$AT" >"$OUT/cases/$name/cmd"
  { echo "exit $code"; [[ $blocking == none ]] || echo "blocking $blocking"; } >"$OUT/cases/$name/expected"
}
pc() { echo precheck; echo --product; echo "$1"; echo --purpose; echo "$2"; shift 2; printf '%s\n' "$@"; }

CA=(ca cert_signing_key crl_signing_key)
WEB=(signing_key encryption_key data_encipherment tls_www_server tls_www_client)
H=cucm-pub.example.com
MS=cucm-ms.example.com
S1=cucm-sub1.example.com

# ---------------------------------------------------------------- PKI
key root rsa2048;  cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
key sub rsa2048;   cert sub sub root 2024-01-01 2034-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}" 'path_len = 0'
key ecroot p256;   cert ecroot ecroot self 2024-01-01 2036-01-01 'cn = "Example EC Root CA"' 'organization = "Example Corp"' "${CA[@]}"
key big rsa8192
cert bigroot big self 2024-01-01 2036-01-01 'cn = "Big Root CA"' 'organization = "Example Corp"' "${CA[@]}"
put root.pem pki/Example_Root_CA.pem; put sub.pem pki/Example_Issuing_CA.pem
put ecroot.pem pki/Example_EC_Root_CA.pem; put bigroot.pem uploads/Big_Root_CA.pem
# trust store exports of cucm-pub
for st in tomcat-trust; do
  put root.pem "cucm-pub/$st/Example_Root_CA.pem"; put sub.pem "cucm-pub/$st/Example_Issuing_CA.pem"
  put ecroot.pem "cucm-pub/$st/Example_EC_Root_CA.pem"
done

# ---------------------------------------------------------------- identities
# tomcat with an RSA 8192 key (refused) and with 4096 (the limit, accepted)
csr big big "$H" "DNS:$H"; put big.csr cucm-pub/key-8192/tomcat.csr
cert big big sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${WEB[@]}"
put big.pem cucm-pub/key-8192/tomcat.pem
key k4096 rsa4096
csr k4096 k4096 "$H" "DNS:$H"; put k4096.csr cucm-pub/key-4096/tomcat.csr
cert k4096 k4096 sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${WEB[@]}"
put k4096.pem cucm-pub/key-4096/tomcat.pem
# tomcat (RSA key) signed by the ECDSA root: refused; tomcat-ECDSA signed by it: fine
key rsa rsa2048
csr rsa rsa "$H" "DNS:$H"; put rsa.csr cucm-pub/ec-signed/tomcat.csr
cert ecsigned rsa ecroot 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${WEB[@]}"
put ecsigned.pem cucm-pub/ec-signed/tomcat.pem
key ec p256
csr ec ec "$H" "DNS:$H"; put ec.csr cucm-pub/ec-signed/tomcat-ECDSA.csr
cert ecec ec ecroot 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${WEB[@]}"
put ecec.pem cucm-pub/ec-signed/tomcat-ECDSA.pem
# multi-server tomcat: FQDNs only (fine) and with IPs (CSR made off the box with them too)
key ms rsa2048
csr ms ms "$MS" "DNS:$MS,DNS:$H,DNS:$S1"; put ms.csr cucm-pub/multi-server/tomcat.csr
cert ms ms sub 2026-01-01 2028-01-01 "cn = \"$MS\"" "dns_name = \"$MS\"" "dns_name = \"$H\"" "dns_name = \"$S1\"" "${WEB[@]}"
put ms.pem cucm-pub/multi-server/tomcat.pem
key msip rsa2048
csr msip msip "$MS" "DNS:$MS,DNS:$H,DNS:$S1,IP:10.10.10.11,IP:10.10.10.12"
put msip.csr cucm-pub/multi-server-ip/tomcat.csr
cert msip msip sub 2026-01-01 2028-01-01 "cn = \"$MS\"" "dns_name = \"$MS\"" "dns_name = \"$H\"" "dns_name = \"$S1\"" \
  'ip_address = "10.10.10.11"' 'ip_address = "10.10.10.12"' "${WEB[@]}"
put msip.pem cucm-pub/multi-server-ip/tomcat.pem

# ---------------------------------------------------------------- cases
P=files/cucm-upload/cucm-pub
T=$P/tomcat-trust
newcase key-8192 1 cucm.key-too-large $(pc cucm tomcat --cert $P/key-8192/tomcat.pem --csr $P/key-8192/tomcat.csr --trust $T)
newcase key-4096-ok 0 none $(pc cucm tomcat --cert $P/key-4096/tomcat.pem --csr $P/key-4096/tomcat.csr --trust $T)
newcase trust-key-8192 1 cucm.key-too-large $(pc cucm tomcat-trust --cert files/cucm-upload/uploads/Big_Root_CA.pem --trust $T)
newcase trust-ec-root-ok 0 none $(pc cucm CallManager-trust --cert files/cucm-upload/pki/Example_EC_Root_CA.pem --trust files/cucm-upload/pki/Example_Root_CA.pem)
newcase signature-ecdsa 1 cucm.signature-not-rsa $(pc cucm tomcat --cert $P/ec-signed/tomcat.pem --csr $P/ec-signed/tomcat.csr --trust $T)
newcase ecdsa-purpose-ec-signed-ok 0 none $(pc cucm tomcat-ECDSA --cert $P/ec-signed/tomcat-ECDSA.pem --csr $P/ec-signed/tomcat-ECDSA.csr --trust $T)
newcase multi-server-ip 1 cucm.multi-san-ip $(pc cucm tomcat --cert $P/multi-server-ip/tomcat.pem --csr $P/multi-server-ip/tomcat.csr --trust $T)
newcase multi-server-ok 0 none $(pc cucm tomcat --cert $P/multi-server/tomcat.pem --csr $P/multi-server/tomcat.csr --trust $T)
# no --trust: the store is taken as empty, so a CA-signed certificate is refused
newcase no-trust-given 1 cucm.ca-not-in-trust-store $(pc cucm tomcat --cert $P/multi-server/tomcat.pem --csr $P/multi-server/tomcat.csr)
echo "precheck-cucm-upload.sh: $(ls -d "$OUT"/cases/cucm-upload-* | wc -l) cases in $OUT/cases"
