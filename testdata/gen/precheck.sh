#!/usr/bin/env bash
# Generates the fixtures of `certdiag precheck` and `certdiag compare`:
#   testdata/precheck/files/...   what a customer holds before an upload (PKI, CSRs, certificates,
#                                 trust store exports), per purpose family
#   testdata/precheck/cases/<name>/{cmd,expected}   one precheck or compare run each
# cmd: the arguments after `certdiag`, one per line; paths are relative to testdata/precheck/.
# expected: `exit N` then `blocking RULE` (precheck: the first blocking check, `-` when the
# upload is accepted; compare: omitted), then `findings` and, for compare, `changed` (below).
# tests/test_precheck.c runs every case.
#
# Tools: openssl 3, GnuTLS certtool 3.7. Keys are random on every run; outputs are committed.
# Validity dates are fixed; every case pins --at 2026-06-01T00:00:00Z.
set -euo pipefail
export TZ=UTC LC_ALL=C
for t in openssl certtool; do
  command -v "$t" >/dev/null || { echo "precheck.sh: missing tool: $t" >&2; exit 2; }
done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/precheck
AT=2026-06-01T00:00:00Z
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-precheck.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rm -rf "$OUT/files" "$OUT/cases"
mkdir -p "$OUT/files" "$OUT/cases"
F=$OUT/files

# csr NAME KEY CN [SAN...]  ->  $W/NAME.csr  (as CUCM generates one: CN, O, SANs)
csr() {
  local name=$1 k=$2 cn=$3; shift 3
  local san=""
  for s in "$@"; do san="${san:+$san,}$s"; done
  run openssl req -new -key "$W/$k.key" -subj "/C=US/O=Example Corp/CN=$cn" -sha256 \
    ${san:+-addext "subjectAltName=$san"} -out "$W/$name.csr"
}
put() { mkdir -p "$(dirname "$F/$2")"; cp "$W/$1" "$F/$2"; }
# newcase NAME EXIT BLOCKING ARG...
newcase() {
  local name=$1 code=$2 blocking=$3; shift 3
  mkdir -p "$OUT/cases/$name"
  printf '%s\n' "$@" --at "$AT" >"$OUT/cases/$name/cmd"
  { echo "exit $code"; [[ $blocking == none ]] || echo "blocking $blocking"; } >"$OUT/cases/$name/expected"
}

# findings NAME RULE,RULE|-: the product rules that must report something in case NAME (exactly)
findings() { echo "findings $2" >>"$OUT/cases/$1/expected"; }
# changed NAME FIELD,FIELD|-: compare - exactly these fields differ between OLD and NEW
changed() { echo "changed $2" >>"$OUT/cases/$1/expected"; }

CA=(ca cert_signing_key crl_signing_key)
# the 12.5 key-usage table: digitalSignature, keyEncipherment, dataEncipherment
KU=(signing_key encryption_key data_encipherment)
SRVCLI=(tls_www_server tls_www_client)
IPSEC=('key_purpose_oid = 1.3.6.1.5.5.7.3.5')

# ---------------------------------------------------------------- PKI
key root rsa2048;  cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
key sub rsa2048;   cert sub sub root 2024-01-01 2034-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}" 'path_len = 0'
key eccsub p256;   cert eccsub eccsub root 2024-01-01 2034-01-01 'cn = "Example ECC Issuing CA"' 'organization = "Example Corp"' "${CA[@]}" 'path_len = 0'
key other rsa2048; cert other other self 2024-01-01 2036-01-01 'cn = "Other Root CA"' "${CA[@]}"
put root.pem pki/Example_Root_CA.pem
put sub.pem pki/Example_Issuing_CA.pem
put eccsub.pem pki/Example_ECC_Issuing_CA.pem
put other.pem pki/Other_Root_CA.pem
# trust store exports: complete, root only, nothing of ours
mkdir -p "$F/cucm-pub/tomcat-trust" "$F/cucm-pub/CallManager-trust" "$F/cucm-pub/ipsec-trust" \
  "$F/cucm-pub/CAPF-trust" "$F/cucm-pub/TVS-trust" "$F/imp-pub/cup-xmpp-trust" "$F/roots-only" "$F/other-trust"
for st in tomcat-trust CallManager-trust ipsec-trust CAPF-trust TVS-trust; do
  cp "$W/root.pem" "$F/cucm-pub/$st/Example_Root_CA.pem"
  cp "$W/sub.pem" "$F/cucm-pub/$st/Example_Issuing_CA.pem"
done
cp "$W/eccsub.pem" "$F/cucm-pub/CallManager-trust/Example_ECC_Issuing_CA.pem"
cp "$W/root.pem" "$F/imp-pub/cup-xmpp-trust/Example_Root_CA.pem"
cp "$W/sub.pem" "$F/imp-pub/cup-xmpp-trust/Example_Issuing_CA.pem"
cp "$W/root.pem" "$F/roots-only/Example_Root_CA.pem"
cp "$W/other.pem" "$F/other-trust/Other_Root_CA.pem"

H=cucm-pub.example.com
# ---------------------------------------------------------------- CUCM identities
# tomcat: the CSR CUCM generated, the certificate the CA returned, and the usual mistakes
key tomcat rsa2048; key tomcat2 rsa2048
csr tomcat tomcat "$H" "DNS:$H"
put tomcat.csr cucm-pub/tomcat.csr
cert tomcat tomcat sub 2026-01-01 2028-01-01 "cn = \"$H\"" 'organization = "Example Corp"' "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put tomcat.pem cucm-pub/tomcat.pem
cert tomcat-otherkey tomcat2 sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put tomcat-otherkey.pem cucm-pub/tomcat-signed-from-old-csr.pem
cert tomcat-sanadded tomcat sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" 'dns_name = "cucm-pub"' 'ip_address = "10.0.0.10"' "${KU[@]}" "${SRVCLI[@]}"
put tomcat-sanadded.pem cucm-pub/tomcat-ca-added-names.pem
cert tomcat-wild tomcat sub 2026-01-01 2028-01-01 'cn = "*.example.com"' 'dns_name = "*.example.com"' "${KU[@]}" "${SRVCLI[@]}"
csr tomcat-wild tomcat "*.example.com" "DNS:*.example.com"
put tomcat-wild.pem cucm-pub/wildcard/tomcat.pem
put tomcat-wild.csr cucm-pub/wildcard/tomcat.csr
cert tomcat-expired tomcat sub 2024-01-01 2025-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put tomcat-expired.pem cucm-pub/tomcat-expired.pem
# CallManager: RSA, signed without clientAuth (accepted, but secure SIP via Expressway-C breaks)
key cm rsa2048
csr cm cm "$H" "DNS:$H"
put cm.csr cucm-pub/CallManager.csr
cert cm cm sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put cm.pem cucm-pub/CallManager.pem
cert cm-noclient cm sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" tls_www_server
put cm-noclient.pem cucm-pub/CallManager-server-auth-only.pem
# CallManager-ECDSA: EC key; and the same CSR signed by mistake for an RSA key
key cmec p256
csr cmec cmec "$H" "DNS:$H"
put cmec.csr cucm-pub/CallManager-ECDSA.csr
cert cmec cmec eccsub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put cmec.pem cucm-pub/CallManager-ECDSA.pem
csr cmec-rsa cm "$H" "DNS:$H"
put cmec-rsa.csr cucm-pub/rsa-for-ecdsa/CallManager-ECDSA.csr
cert cmec-rsa cm sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put cmec-rsa.pem cucm-pub/rsa-for-ecdsa/CallManager-ECDSA.pem
# ipsec, TVS: single-node purposes
key ipsec rsa2048
csr ipsec ipsec "$H" "DNS:$H"
put ipsec.csr cucm-pub/ipsec.csr
cert ipsec ipsec sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}" "${IPSEC[@]}"
put ipsec.pem cucm-pub/ipsec.pem
key tvs rsa2048
csr tvs tvs "$H" "DNS:$H"
put tvs.csr cucm-pub/TVS.csr
cert tvs tvs sub 2026-01-01 2028-01-01 "cn = \"$H\"" "dns_name = \"$H\"" "${KU[@]}" "${SRVCLI[@]}"
put tvs.pem cucm-pub/TVS.pem
# CAPF: a CA itself (CA:TRUE, pathlen:0, digitalSignature + keyCertSign, serverAuth)
key capf rsa2048
csr capf capf "CAPF-$H"
put capf.csr cucm-pub/CAPF.csr
cert capf capf sub 2026-01-01 2028-01-01 "cn = \"CAPF-$H\"" ca 'path_len = 0' signing_key cert_signing_key tls_www_server
put capf.pem cucm-pub/CAPF.pem
# ITLRecovery: self-signed by CUCM, no CSR
key itl rsa2048
cert itl itl self 2026-01-01 2031-01-01 "cn = \"ITLRECOVERY_$H\"" signing_key encryption_key tls_www_server tls_www_client
put itl.pem cucm-pub/ITLRecovery.pem

# ---------------------------------------------------------------- CUCM trust uploads
# a renewed root with the same CN as the one in tomcat-trust but an OLDER notBefore: kept out
key rootold rsa2048
cert rootold rootold self 2023-01-01 2035-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
put rootold.pem uploads/Example_Root_CA-2023.pem
key rootexp rsa2048
cert rootexp rootexp self 2015-01-01 2025-01-01 'cn = "Legacy Root CA"' "${CA[@]}"
put rootexp.pem uploads/Legacy_Root_CA-expired.pem
key partner rsa2048
cert partner partner self 2025-01-01 2035-01-01 'cn = "Partner Root CA"' "${CA[@]}"
put partner.pem uploads/Partner_Root_CA.pem

# ---------------------------------------------------------------- IM and Presence
I=imp-pub.example.com
key xmpp rsa2048
csr xmpp xmpp "$I" "DNS:$I" "DNS:example.com"
put xmpp.csr imp-pub/cup-xmpp.csr
cert xmpp xmpp sub 2026-01-01 2028-01-01 "cn = \"$I\"" "dns_name = \"$I\"" 'dns_name = "example.com"' "${KU[@]}" "${SRVCLI[@]}" "${IPSEC[@]}"
put xmpp.pem imp-pub/cup-xmpp.pem
# the CA dropped the dataEncipherment bit: accepted, but the table wants it
cert xmpp-nodata xmpp sub 2026-01-01 2028-01-01 "cn = \"$I\"" "dns_name = \"$I\"" 'dns_name = "example.com"' signing_key encryption_key "${SRVCLI[@]}" "${IPSEC[@]}"
put xmpp-nodata.pem imp-pub/cup-xmpp-no-data-encipherment.pem

# ---------------------------------------------------------------- Expressway
E=expe.example.com
key expe rsa2048
cert expe expe sub 2026-01-01 2028-01-01 "cn = \"$E\"" "dns_name = \"$E\"" 'dns_name = "collab-edge.example.com"' 'dns_name = "example.com"' signing_key encryption_key "${SRVCLI[@]}"
put expe.pem expressway/server.pem
cat "$W/expe.pem" "$W/sub.pem" >"$F/expressway/server-with-chain.pem"
cert expe-srvonly expe sub 2026-01-01 2028-01-01 "cn = \"$E\"" "dns_name = \"$E\"" 'dns_name = "collab-edge.example.com"' 'dns_name = "example.com"' signing_key encryption_key tls_www_server
put expe-srvonly.pem expressway/server-no-client-auth.pem
cert expe-renew expe sub 2026-03-01 2028-03-01 "cn = \"$E\"" "dns_name = \"$E\"" 'dns_name = "example.com"' signing_key encryption_key "${SRVCLI[@]}"
put expe-renew.pem expressway/renewed-dropped-collab-edge.pem
key expe2 rsa2048
cert expe-renew-ok expe2 sub 2026-03-01 2028-03-01 "cn = \"$E\"" "dns_name = \"$E\"" 'dns_name = "collab-edge.example.com"' 'dns_name = "example.com"' signing_key encryption_key "${SRVCLI[@]}"
put expe-renew-ok.pem expressway/renewed-same-names.pem
cert expe-otherca expe2 other 2026-03-01 2028-03-01 "cn = \"$E\"" "dns_name = \"$E\"" 'dns_name = "collab-edge.example.com"' 'dns_name = "example.com"' signing_key encryption_key "${SRVCLI[@]}"
put expe-otherca.pem expressway/renewed-other-ca.pem
cat "$W/root.pem" "$W/sub.pem" >"$F/expressway/trusted-ca-list.pem"
cp "$W/root.pem" "$F/expressway/trusted-ca-list-root-only.pem"
# a CA whose subject collides with one already in the list
key coll rsa2048
cert coll coll self 2025-01-01 2035-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
put coll.pem expressway/uploads/another-Example_Root_CA.pem
printf 'this is not a certificate\n' >"$F/expressway/uploads/not-a-certificate.txt"

# ---------------------------------------------------------------- a rule case of chain.misordered
# A trust list is a set, not a chain: root-then-intermediate in a trusted CA list is no finding.
RC=$(cd "$HERE/.." && pwd)/rules/chain.misordered/na-trust-list-any-order
rm -rf "$RC"; mkdir -p "$RC/input/exp-e1"
cp "$F/expressway/trusted-ca-list.pem" "$RC/input/exp-e1/trusted-ca-list.pem"
printf '%s\n' --at "$AT" >"$RC/args"; : >"$RC/expected"

# ---------------------------------------------------------------- cases
P=files/cucm-pub
pc() { echo precheck; echo --product; echo "$1"; echo --purpose; echo "$2"; shift 2; printf '%s\n' "$@"; }
# tomcat: clean, and each documented refusal
newcase cucm-tomcat-ok 0 none $(pc cucm tomcat --cert $P/tomcat.pem --csr $P/tomcat.csr --trust $P/tomcat-trust)
# purposes and products match in any case (docs/roles.md): Tomcat is tomcat, CUCM is cucm
newcase cucm-tomcat-ok-any-case 0 none $(pc CUCM Tomcat --cert $P/tomcat.pem --csr $P/tomcat.csr --trust $P/tomcat-trust)
newcase cucm-tomcat-no-csr 1 cucm.csr-missing $(pc cucm tomcat --cert $P/tomcat.pem --trust $P/tomcat-trust)
newcase cucm-tomcat-key-mismatch 1 cucm.csr-key-mismatch $(pc cucm tomcat --cert $P/tomcat-signed-from-old-csr.pem --csr $P/tomcat.csr --trust $P/tomcat-trust)
newcase cucm-tomcat-san-mismatch 1 cucm.csr-san-mismatch $(pc cucm tomcat --cert $P/tomcat-ca-added-names.pem --csr $P/tomcat.csr --trust $P/tomcat-trust)
newcase cucm-tomcat-ca-missing 1 cucm.ca-not-in-trust-store $(pc cucm tomcat --cert $P/tomcat.pem --csr $P/tomcat.csr --trust files/roots-only)
newcase cucm-tomcat-wildcard 1 cucm.wildcard-unsupported $(pc cucm tomcat --cert $P/wildcard/tomcat.pem --csr $P/wildcard/tomcat.csr --trust $P/tomcat-trust)
newcase cucm-tomcat-expired 1 cert.expired $(pc cucm:12.5\(1\)SU6 tomcat --cert $P/tomcat-expired.pem --csr $P/tomcat.csr --trust $P/tomcat-trust)
# CallManager: clean; without clientAuth it is accepted (with a warning)
newcase cucm-callmanager-ok 0 none $(pc cucm CallManager --cert $P/CallManager.pem --csr $P/CallManager.csr --trust $P/CallManager-trust)
newcase cucm-callmanager-no-clientauth 0 none $(pc cucm CallManager --cert $P/CallManager-server-auth-only.pem --csr $P/CallManager.csr --trust $P/CallManager-trust)
newcase cucm-callmanager-ecdsa-ok 0 none $(pc cucm CallManager-ECDSA --cert $P/CallManager-ECDSA.pem --csr $P/CallManager-ECDSA.csr --trust $P/CallManager-trust)
newcase cucm-callmanager-ecdsa-rsa-key 1 cucm.purpose-key-type $(pc cucm CallManager-ECDSA --cert $P/rsa-for-ecdsa/CallManager-ECDSA.pem --csr $P/rsa-for-ecdsa/CallManager-ECDSA.csr --trust $P/CallManager-trust)
newcase cucm-ipsec-ok 0 none $(pc cucm ipsec --cert $P/ipsec.pem --csr $P/ipsec.csr --trust $P/ipsec-trust)
newcase cucm-tvs-ok 0 none $(pc cucm TVS --cert $P/TVS.pem --csr $P/TVS.csr --trust $P/TVS-trust)
newcase cucm-tvs-no-csr 1 cucm.csr-missing $(pc cucm TVS --cert $P/TVS.pem --trust $P/TVS-trust)
newcase cucm-capf-ok 0 none $(pc cucm CAPF --cert $P/CAPF.pem --csr $P/CAPF.csr --trust $P/CAPF-trust)
newcase cucm-itlrecovery-ok 0 none $(pc cucm ITLRecovery --cert $P/ITLRecovery.pem)
# trust stores
newcase cucm-trust-new-ca 0 none $(pc cucm tomcat-trust --cert files/uploads/Partner_Root_CA.pem --trust $P/tomcat-trust)
newcase cucm-trust-same-cn-older 1 cucm.trust-same-cn-not-replaced $(pc cucm tomcat-trust --cert files/uploads/Example_Root_CA-2023.pem --trust $P/tomcat-trust)
newcase cucm-trust-expired 1 cert.expired $(pc cucm CallManager-trust --cert files/uploads/Legacy_Root_CA-expired.pem --trust $P/CallManager-trust)
newcase cucm-trust-not-a-certificate 1 format $(pc cucm tomcat-trust --cert files/expressway/uploads/not-a-certificate.txt --trust $P/tomcat-trust)
# IM and Presence
newcase imp-cup-xmpp-ok 0 none $(pc imp cup-xmpp --cert files/imp-pub/cup-xmpp.pem --csr files/imp-pub/cup-xmpp.csr --trust files/imp-pub/cup-xmpp-trust)
newcase imp-cup-xmpp-no-data-encipherment 0 none $(pc imp cup-xmpp --cert files/imp-pub/cup-xmpp-no-data-encipherment.pem --csr files/imp-pub/cup-xmpp.csr --trust files/imp-pub/cup-xmpp-trust)
newcase imp-cup-xmpp-no-csr 1 cucm.csr-missing $(pc imp cup-xmpp --cert files/imp-pub/cup-xmpp.pem --trust files/imp-pub/cup-xmpp-trust)
# Expressway
X=files/expressway
newcase expressway-server-ok 0 none $(pc expressway server --edge --domain example.com --cert $X/server.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-ok-any-case 0 none $(pc Expressway Server --edge --domain example.com --cert $X/server.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-with-chain 1 expressway.server-file-has-chain $(pc expressway server --cert $X/server-with-chain.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-no-client-auth 1 expressway.eku-client-server $(pc expressway:X14.3 server --cert $X/server-no-client-auth.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-no-client-auth-x15.4 0 none $(pc expressway:X15.4 server --cert $X/server-no-client-auth.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-untrusted-chain 1 expressway.trusted-list-incomplete $(pc expressway server --cert $X/server.pem --trust $X/trusted-ca-list-root-only.pem)
newcase expressway-server-not-a-certificate 1 format $(pc expressway server --cert $X/uploads/not-a-certificate.txt --trust $X/trusted-ca-list.pem)
newcase expressway-trusted-ca-ok 0 none $(pc expressway trusted-ca --cert files/pki/Other_Root_CA.pem --trust $X/trusted-ca-list.pem)
newcase expressway-trusted-ca-collision 1 expressway.trusted-list-subject-collision $(pc expressway trusted-ca --cert $X/uploads/another-Example_Root_CA.pem --trust $X/trusted-ca-list.pem)
# clean uploads are silent; accepted uploads with a problem say it
for c in cucm-tomcat-ok cucm-tomcat-ok-any-case expressway-server-ok-any-case cucm-callmanager-ok cucm-callmanager-ecdsa-ok cucm-ipsec-ok cucm-tvs-ok \
  cucm-capf-ok cucm-itlrecovery-ok cucm-trust-new-ca imp-cup-xmpp-ok expressway-server-ok \
  expressway-trusted-ca-ok expressway-server-no-client-auth-x15.4; do findings $c -; done
findings cucm-callmanager-no-clientauth cucm.purpose-key-usage
findings imp-cup-xmpp-no-data-encipherment cucm.purpose-key-usage
findings cucm-tomcat-key-mismatch cucm.csr-key-mismatch
findings cucm-tomcat-san-mismatch cucm.csr-san-mismatch
# usage and input errors
newcase usage-unknown-purpose 2 none $(pc cucm nosuchpurpose --cert $P/tomcat.pem)
newcase usage-missing-file 2 none $(pc cucm tomcat --cert $P/no-such-file.pem)
newcase usage-expressway-purpose-on-cucm 2 none $(pc cucm server --cert $X/server.pem)
# a blocking check left out by --rules: precheck cannot decide (not a false ACCEPT)
newcase usage-blocking-check-not-run 2 none $(pc cucm tomcat --cert $P/tomcat.pem --trust $P/tomcat-trust --rules cert.expired)
# --cert names a folder: nothing in it is "the" upload
newcase usage-cert-is-a-folder 2 none $(pc cucm tomcat-trust --cert $P/tomcat-trust --trust $P/tomcat-trust)
# compare (renewals)
newcase compare-same-names 0 none compare $X/server.pem $X/renewed-same-names.pem
newcase compare-dropped-name 1 none compare $X/server.pem $X/renewed-dropped-collab-edge.pem
newcase compare-other-ca 1 none compare $X/server.pem $X/renewed-other-ca.pem
newcase compare-other-ca-trusted 0 none compare --trust files/other-trust $X/server.pem $X/renewed-other-ca.pem
newcase compare-client-auth-dropped 1 none compare $X/server.pem $X/server-no-client-auth.pem
newcase compare-new-already-expired 1 none compare $P/tomcat.pem $P/tomcat-expired.pem
# the key is compared by its SubjectPublicKeyInfo, not by type and size: expe and expe2 are both
# RSA 2048 (a rekey), the renewals of key expe keep the key pair
changed compare-same-names key,validity
changed compare-dropped-name san,validity
changed compare-other-ca issuer,key,validity
changed compare-other-ca-trusted issuer,key,validity
changed compare-client-auth-dropped extended_key_usage
changed compare-new-already-expired subject,validity

# Expressway renewal, peer and name rules (xw-peer): the product accepts these uploads and
# precheck reports the finding (tests/test_cli.c checks which); a finding at error about the
# upload makes the verdict accept-with-errors (exit 1), a warning leaves it accept (exit 0)
newcase expressway-server-mra-domain-missing 1 none $(pc expressway server --edge --domain example.org --cert $X/server.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-core-profile-name-missing 1 none $(pc expressway server --core --profile-name secure-8865.example.com --cert $X/server.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-edge-private-ca 0 none $(pc expressway server --edge --public-roots files/pki/Other_Root_CA.pem --cert $X/server.pem --trust $X/trusted-ca-list.pem)
newcase expressway-server-addressed-by-ip 1 none $(pc expressway server --edge --host 192.0.2.30 --cert $X/server.pem --trust $X/trusted-ca-list.pem)
# cases of the CUCM trust-store rules (cucm.upload-format, cucm.trust-same-cn-not-replaced)
"$HERE/precheck-cucm-trust.sh"
# the Expressway upload rules' cases (files/expressway-upload/, cases/expressway-upload-*)
"$HERE/expressway.sh" --precheck-only
# cases of the cucm upload rules (their own generator; precheck.sh wiped them above)
"$HERE/precheck-cucm-upload.sh"
echo "precheck.sh: $(ls "$OUT/cases" | wc -l) cases in $OUT/cases"
