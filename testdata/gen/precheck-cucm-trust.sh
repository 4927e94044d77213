#!/usr/bin/env bash
# Precheck cases of the CUCM trust-store rules (cucm.upload-format, cucm.trust-same-cn-not-replaced),
# added to testdata/precheck/ (README.md there). Called at the end of testdata/gen/precheck.sh,
# and runnable alone: it reads the files precheck.sh made (files/uploads/Partner_Root_CA.pem,
# files/cucm-pub/tomcat.pem, files/pki/) and deletes and regenerates only its own files and
# cases (MY_FILES, MY_CASES below).
#
# Tools: openssl 3, GnuTLS certtool 3.7. New keys are random; dates are fixed; every case pins
# --at 2026-06-01T00:00:00Z.
set -euo pipefail
export TZ=UTC LC_ALL=C
for t in openssl certtool; do
  command -v "$t" >/dev/null || { echo "precheck-cucm-trust.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/precheck
F=$OUT/files
AT=2026-06-01T00:00:00Z
H=cucm-pub.example.com
for need in "$F/uploads/Partner_Root_CA.pem" "$F/cucm-pub/tomcat.pem" "$F/cucm-pub/tomcat.csr" \
  "$F/pki/Example_Issuing_CA.pem" "$F/pki/Example_Root_CA.pem" "$F/cucm-pub/tomcat-trust" \
  "$F/cucm-pub/ipsec-trust"; do
  [[ -e $need ]] || { echo "precheck-cucm-trust.sh: run testdata/gen/precheck.sh first ($need)" >&2; exit 2; }
done

MY_FILES=(uploads/Partner_Root_CA-der.p7b uploads/Partner_Root_CA-pem.p7b
  cucm-pub/tomcat-chain-der.p7b uploads/cucm-pub-ipsec-regenerated.pem cucm-sub1)
MY_CASES=(cucm-trust-der-p7b cucm-trust-pem-p7b cucm-tomcat-der-p7b cucm-ipsec-trust-same-cn
  cucm-ipsec-trust-no-same-cn)
for f in "${MY_FILES[@]}"; do rm -rf "${F:?}/$f"; done
for c in "${MY_CASES[@]}"; do rm -rf "${OUT:?}/cases/$c"; done

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-precheck-cucm-trust.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# selfsigned NAME FROM TO: a CUCM self-signed ipsec certificate of the publisher (RSA 2048)
selfsigned() {
  run openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/$1.key"
  printf '%s\n' "cn = \"$H\"" "dns_name = \"$H\"" 'organization = "Example Corp"' ca \
    cert_signing_key signing_key encryption_key data_encipherment tls_www_server tls_www_client \
    'key_purpose_oid = 1.3.6.1.5.5.7.3.5' \
    "activation_date = \"$2 00:00:00\"" "expiration_date = \"$3 00:00:00\"" >"$W/$1.tmpl"
  run certtool --generate-self-signed --load-privkey "$W/$1.key" --template "$W/$1.tmpl" \
    --hash SHA256 --no-text --outfile "$W/$1.pem"
}
# newcase NAME EXIT BLOCKING PRODUCT PURPOSE ARG...: a precheck case (cmd and expected as in
# precheck.sh)
newcase() {
  local name=$1 code=$2 blocking=$3 product=$4 purpose=$5; shift 5
  mkdir -p "$OUT/cases/$name"
  printf '%s\n' precheck --product "$product" --purpose "$purpose" "$@" --at "$AT" \
    >"$OUT/cases/$name/cmd"
  { echo "exit $code"; [[ $blocking == none ]] || echo "blocking $blocking"; } >"$OUT/cases/$name/expected"
}

# the CA's answer as a PKCS#7: in DER (CUCM refuses it) and in PEM (accepted)
run openssl crl2pkcs7 -nocrl -certfile "$F/uploads/Partner_Root_CA.pem" -outform DER \
  -out "$F/uploads/Partner_Root_CA-der.p7b"
run openssl crl2pkcs7 -nocrl -certfile "$F/uploads/Partner_Root_CA.pem" -outform PEM \
  -out "$F/uploads/Partner_Root_CA-pem.p7b"
# the signed tomcat certificate with its chain, as a Windows CA returns it (DER PKCS#7)
run openssl crl2pkcs7 -nocrl -certfile "$F/cucm-pub/tomcat.pem" \
  -certfile "$F/pki/Example_Issuing_CA.pem" -certfile "$F/pki/Example_Root_CA.pem" \
  -outform DER -out "$F/cucm-pub/tomcat-chain-der.p7b"
# a subscriber's ipsec-trust still holding the publisher's previous self-signed ipsec.pem, and
# the regenerated ipsec.pem downloaded from the publisher to upload there
selfsigned ipsec_old 2021-09-01 2026-09-01
selfsigned ipsec_new 2026-02-15 2031-02-15
mkdir -p "$F/cucm-sub1/ipsec-trust"
cp "$W/ipsec_old.pem" "$F/cucm-sub1/ipsec-trust/$H.pem"
cp "$W/ipsec_new.pem" "$F/uploads/cucm-pub-ipsec-regenerated.pem"

P=files/cucm-pub
newcase cucm-trust-der-p7b 1 cucm.upload-format cucm tomcat-trust \
  --cert files/uploads/Partner_Root_CA-der.p7b --trust "$P/tomcat-trust"
newcase cucm-trust-pem-p7b 0 none cucm tomcat-trust \
  --cert files/uploads/Partner_Root_CA-pem.p7b --trust "$P/tomcat-trust"
newcase cucm-tomcat-der-p7b 1 cucm.upload-format cucm tomcat \
  --cert "$P/tomcat-chain-der.p7b" --csr "$P/tomcat.csr" --trust "$P/tomcat-trust"
newcase cucm-ipsec-trust-same-cn 1 cucm.trust-same-cn-not-replaced cucm ipsec-trust \
  --cert files/uploads/cucm-pub-ipsec-regenerated.pem --trust files/cucm-sub1/ipsec-trust
newcase cucm-ipsec-trust-no-same-cn 0 none cucm ipsec-trust \
  --cert files/uploads/cucm-pub-ipsec-regenerated.pem --trust "$P/ipsec-trust"
echo "precheck-cucm-trust.sh: ${#MY_CASES[@]} cases" >&2
