#!/usr/bin/env bash
# Regenerates testdata/demo/: a small CUCM customer bundle (two nodes, layouts per
# PRODUCT-FACTS §5) with deliberate problems, documented in demo/PROBLEMS.md
# (generated here, with object ids). Evaluate at 2026-11-22T00:00:00Z.
# Wipes and rewrites the whole directory.
# Usage: bash testdata/gen/demo.sh        (from any directory)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$TESTDATA_DIR/demo
AT=2026-11-22T00:00:00Z
PFX_PASS=changeit
mk_work
reset_dir "$OUT"
W=$WORK
cd "$W"
echo "generating $OUT" >&2

ORG='O=Example Corp/OU=Collaboration/L=Raleigh/ST=NC/C=US'
dates() { printf 'activation_date = "%s 00:00:00"\nexpiration_date = "%s 00:00:00"\n' "$1" "$2"; }
ca_tmpl() { # FILE CN SERIAL FROM TO [ORG]
  tmpl "$1" "cn = \"$2\"" "organization = \"${6:-Example Corp}\"" 'country = US' "serial = $3" \
    "$(dates "$4" "$5")" ca cert_signing_key crl_signing_key
}

# ------------------------------------------------------------------ CAs
key_rsa root.key
ca_tmpl root.tmpl "Example Corp Root CA" 0x01 2020-01-01 2040-01-01
ct_self root.key root.tmpl root.pem

key_rsa issuing.key
ca_tmpl issuing.tmpl "Example Corp Issuing CA 1" 0x02 2021-01-01 2031-01-01
ct_sign issuing.key issuing.tmpl root.pem root.key issuing.pem

# PROBLEM: intermediate signed with SHA-1 (sha1WithRSAEncryption), ends up in a trust store
key_rsa legacy.key
ca_tmpl legacy.tmpl "Legacy Issuing CA" 0x03 2020-06-01 2029-01-01
ct_sign legacy.key legacy.tmpl root.pem root.key legacy.pem SHA1

# PROBLEM: expired self-signed root (notAfter 2026-06-30)
key_rsa partner.key
ca_tmpl partner.tmpl "Partner Root CA" 0x0a 2016-07-01 2026-06-30 "Partner Networks Inc"
ct_self partner.key partner.tmpl partner.pem

key_rsa partneri.key
ca_tmpl partneri.tmpl "Partner Issuing CA" 0x0b 2017-01-01 2026-06-30 "Partner Networks Inc"
ct_sign partneri.key partneri.tmpl partner.pem partner.key partneri.pem

# ------------------------------------------------------------------ leaves
# leaf NAME CN FROM TO SERIAL EKU SAN...
# key + openssl CSR (subject and EKU from the CSR), signed by Issuing CA 1 with certtool.
# EKU goes through the CSR because certtool 3.7 ignores template key_purpose_oid lines
# when signing a request (--load-request); honor_crq_ext copies it over.
leaf() {
  local name=$1 cn=$2 from=$3 to=$4 serial=$5 eku=$6 lines=() san; shift 6
  for san in "$@"; do lines+=("dns_name = \"$san\""); done
  key_rsa "$name.key"
  openssl req -new -key "$name.key" -subj "/CN=$cn/$ORG" -addext "extendedKeyUsage=$eku" -out "$name.csr"
  tmpl "$name.tmpl" "serial = $serial" "$(dates "$from" "$to")" signing_key encryption_key \
    'honor_crq_ext = 2.5.29.37' "${lines[@]}"
  ct_sign_req "$name.csr" "$name.tmpl" issuing.pem issuing.key "$name.pem"
}
WWW=serverAuth,clientAuth
CM=serverAuth,clientAuth,1.3.6.1.5.5.7.3.5 # + IPSec End System
leaf pub-tomcat cucm-pub.corp.example.com 2025-03-01 2027-03-01 0x2001 $WWW \
  cucm-pub.corp.example.com cucm-pub
# PROBLEM: expires 2026-12-10, within 30 days of $AT
leaf pub-cm cucm-pub.corp.example.com 2024-12-10 2026-12-10 0x2002 $CM \
  cucm-pub.corp.example.com
# PROBLEM: wildcard tomcat certificate
leaf sub1-tomcat '*.corp.example.com' 2025-03-01 2027-03-01 0x2003 $WWW \
  '*.corp.example.com'
# PROBLEM: CN (FQDN) not among the SAN dNSNames (only the short host name)
leaf sub1-cm cucm-sub1.corp.example.com 2025-06-01 2027-06-01 0x2004 $CM \
  cucm-sub1
# pending renewal CSR on sub1 (new key, not yet signed)
key_rsa sub1-renew.key
openssl req -new -key sub1-renew.key -subj "/CN=cucm-sub1.corp.example.com/$ORG" \
  -addext "subjectAltName=DNS:cucm-sub1.corp.example.com,DNS:cucm-sub1" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" -out sub1-renew.csr

# ------------------------------------------------------------------ layout
put() { mkdir -p "$(dirname "$OUT/$2")"; cp "$1" "$OUT/$2"; }
trust() { echo "$1" | tr ' ' '_'; } # CN -> file stem

for node in pub sub1; do
  n=cucm-$node
  put "$node-tomcat.pem" "$n/tomcat/certs/tomcat.pem"
  put "$node-cm.pem" "$n/CallManager/certs/CallManager.pem"
  for ts in tomcat CallManager; do
    put root.pem "$n/$ts/trust-certs/$(trust 'Example Corp Root CA').pem"
    put issuing.pem "$n/$ts/trust-certs/$(trust 'Example Corp Issuing CA 1').pem"
  done
done
# cucm-pub extras: DER + description next to the PEM, pending CSR, and the key (PROBLEM)
pem2der pub-tomcat.pem "$OUT/cucm-pub/tomcat/certs/tomcat.der"
echo "Certificate Signed by Example Corp Issuing CA 1" >"$OUT/cucm-pub/tomcat/certs/tomcat.description"
put pub-tomcat.csr cucm-pub/tomcat/keys/tomcat.csr
openssl rsa -in pub-tomcat.key -traditional -out "$OUT/cucm-pub/tomcat/keys/tomcat.key" 2>/dev/null
put partner.pem "cucm-pub/tomcat/trust-certs/$(trust 'Partner Root CA').pem"
# cucm-sub1 extras
put sub1-renew.csr cucm-sub1/tomcat/keys/tomcat.csr
put legacy.pem "cucm-sub1/CallManager/trust-certs/$(trust 'Legacy Issuing CA').pem"

# loose tomcat-trust export: root twice (PEM + DER, PROBLEM), issuing CA, truncated PEM (PROBLEM)
put root.pem "tomcat-trust/$(trust 'Example Corp Root CA').pem"
pem2der root.pem "$OUT/tomcat-trust/ExampleCorpRoot.cer"
put issuing.pem "tomcat-trust/$(trust 'Example Corp Issuing CA 1').pem"
n=$(wc -l <partneri.pem)
head -n $((n * 3 / 5)) partneri.pem >"$OUT/tomcat-trust/$(trust 'Partner Issuing CA').pem"

# password-protected PKCS#12 from the customer's CA team (PROBLEM)
openssl pkcs12 -export -inkey pub-tomcat.key -in pub-tomcat.pem -certfile issuing.pem \
  -name tomcat -passout "pass:$PFX_PASS" -out "$OUT/cucm-pub-tomcat.pfx"

cat >"$OUT/README.txt" <<'EOF'
Hi TAC,

As requested on the case, attached are the certificate files from our CUCM 14 cluster
(publisher cucm-pub and subscriber cucm-sub1). Our Linux admin copied the tomcat and
CallManager folders from each node. The tomcat-trust folder is what I downloaded from
OS Administration > Certificate Management on the publisher.

The .pfx is what our CA team sent back for the publisher tomcat. The password was sent
to you in a separate email.

Symptoms: browsers warn on https://cucm-sub1.corp.example.com and some phones registered
to sub1 fail the TLS handshake. One of the partner CA files got cut off when I pasted it
from the email, sorry.

Thanks,
Pat (Example Corp voice team)
EOF

# ------------------------------------------------------------------ checks
find "$OUT" -type f -exec chmod 644 {} +
chk_cert() { openssl x509 -in "$OUT/$1" -noout 2>/dev/null || die "not a certificate: $1"; }
for f in $(cd "$OUT" && find . -name '*.pem' ! -name 'Partner_Issuing_CA.pem' | sed 's|^\./||'); do
  chk_cert "$f"
done
openssl x509 -in "$OUT/tomcat-trust/Partner_Issuing_CA.pem" -noout 2>/dev/null && die "truncated PEM parses"
openssl pkcs12 -in "$OUT/cucm-pub-tomcat.pfx" -noout -passin "pass:$PFX_PASS" 2>/dev/null || die "pfx"
openssl pkcs12 -in "$OUT/cucm-pub-tomcat.pfx" -noout -passin pass: 2>/dev/null && die "pfx opens without password"
for c in pub-tomcat pub-cm sub1-tomcat sub1-cm; do
  openssl verify -CAfile root.pem -untrusted issuing.pem "$c.pem" >/dev/null || die "verify $c"
done
openssl verify -CAfile root.pem legacy.pem >/dev/null || die "verify legacy"
at_epoch=$(date -u -d "$AT" +%s)
openssl x509 -in partner.pem -noout -checkend 0 >/dev/null 2>&1 || true
[ "$(date -u -d "$(openssl x509 -in partner.pem -noout -enddate | cut -d= -f2)" +%s)" -lt "$at_epoch" ] \
  || die "partner root should be expired at $AT"
size=$(find "$OUT" -type f -printf '%s\n' | awk '{ t += $1 } END { print t }')
[ "$size" -lt 102400 ] || die "demo too large: $size bytes"

# ------------------------------------------------------------------ PROBLEMS.md
id() { cert_id "$1"; }
na() { date -u -d "$(openssl x509 -in "$1" -noout -enddate | cut -d= -f2)" +%Y-%m-%dT%H:%M:%SZ; }
P=$OUT/PROBLEMS.md
{
cat <<EOF
# Problems planted in this demo bundle

Generated by \`testdata/gen/demo.sh\` (do not edit by hand). Evaluate at \`$AT\`.
All certificates are RSA 2048. Object ids follow docs/dev/conventions.md and change
whenever the script is re-run (keys are random).

| # | Problem | Where (relative to demo/) | Object id | Detail |
|---|---------|---------------------------|-----------|--------|
| 1 | Expired certificate in a trust store | \`cucm-pub/tomcat/trust-certs/Partner_Root_CA.pem\` | \`$(id partner.pem)\` | self-signed "Partner Root CA", notAfter $(na partner.pem) |
| 2 | SHA-1-signed intermediate (not self-signed) in a trust store | \`cucm-sub1/CallManager/trust-certs/Legacy_Issuing_CA.pem\` | \`$(id legacy.pem)\` | "Legacy Issuing CA", CA:TRUE, sha1WithRSAEncryption, issued by Example Corp Root CA; valid until $(na legacy.pem) |
| 3 | Leaf CN not in its SAN | \`cucm-sub1/CallManager/certs/CallManager.pem\` | \`$(id sub1-cm.pem)\` | CN=cucm-sub1.corp.example.com, SAN has only DNS:cucm-sub1 |
| 4 | Wildcard leaf certificate | \`cucm-sub1/tomcat/certs/tomcat.pem\` | \`$(id sub1-tomcat.pem)\` | CN and SAN \`*.corp.example.com\` (tomcat identity) |
| 5 | Same root twice in one trust store under two names | \`tomcat-trust/Example_Corp_Root_CA.pem\` and \`tomcat-trust/ExampleCorpRoot.cer\` (DER) | \`$(id root.pem)\` | identical DER, PEM vs DER encoding |
| 6 | Private key included in the bundle | \`cucm-pub/tomcat/keys/tomcat.key\` | \`$(pem_id key "$OUT/cucm-pub/tomcat/keys/tomcat.key")\` | RSA PRIVATE KEY (traditional PEM), unencrypted; matches \`cucm-pub/tomcat/certs/tomcat.pem\` and \`tomcat.csr\` |
| 7 | Password-protected PKCS#12 | \`cucm-pub-tomcat.pfx\` | \`$(file_id p12 "$OUT/cucm-pub-tomcat.pfx")\` | password \`$PFX_PASS\` (not given to the tool); holds cucm-pub tomcat cert + Issuing CA 1 + key |
| 8 | Truncated PEM | \`tomcat-trust/Partner_Issuing_CA.pem\` | - | BEGIN line and first $((n * 3 / 5 - 1)) of $((n - 2)) base64 lines of "Partner Issuing CA", no END line |
| 9 | Leaf expiring within 30 days | \`cucm-pub/CallManager/certs/CallManager.pem\` | \`$(id pub-cm.pem)\` | notAfter $(na pub-cm.pem) (18 days after $AT) |

Everything else is valid at $AT and chains to Example Corp Root CA.

## What CUCM would say on upload (product rules, docs/products.md)
Not planted on purpose, but real, and what the \`cucm.*\` rules report:
- \`cucm-pub/tomcat\`: the CSR has no SAN and the certificate has two (\`cucm.csr-san-mismatch\`,
  "CSR SAN and Certificate SAN does not match").
- \`cucm-sub1/tomcat\`: the wildcard certificate was not signed from the node's CSR
  (\`cucm.csr-key-mismatch\`) and CUCM does not support wildcards (\`cucm.wildcard-unsupported\`).
- Neither node holds a CallManager CSR (\`cucm.csr-missing\`, "File
  /usr/local/platform/.security/tomcat/keys/tomcat.csr Does Not Exist", path per purpose).
- Partner Root CA, expired, is a candidate for deletion from tomcat-trust (\`cucm.expired-trust\`).
- The identity certificates lack dataEncipherment, which the 12.5 key-usage table asks for
  (\`cucm.purpose-key-usage\`, a warning: CUCM accepts them).

## Inventory (every file)

| File | Object id(s) | What |
|------|--------------|------|
EOF
cd "$OUT"
find . -type f ! -name PROBLEMS.md | sed 's|^\./||' | sort | while read -r f; do
  case "$f" in
    *.pem|*.cer|*.der)
      if openssl x509 -in "$f" -noout 2>/dev/null; then
        ids=$(cert_id "$f")
        what="cert: $(openssl x509 -in "$f" -noout -subject -nameopt oneline,-space_eq | sed 's/^subject=//'); notAfter $(na "$f")"
      else ids=-; what="damaged (truncated PEM)"; fi ;;
    *.csr) ids=$(csr_id "$f"); what="CSR: $(openssl req -in "$f" -noout -subject -nameopt oneline | sed 's/^subject=//')" ;;
    *.key) ids=$(pem_id key "$f"); what="RSA private key (PEM)" ;;
    *.pfx) ids=$(file_id p12 "$f"); what="PKCS#12, password-protected" ;;
    *) ids=-; what="text" ;;
  esac
  echo "| \`$f\` | \`$ids\` | $what |"
done
} >"$P"
chmod 644 "$P"

echo "done: $(find "$OUT" -type f | wc -l) files, $(find "$OUT" -type f -printf '%s\n' | awk '{ t += $1 } END { print t }') bytes of files" >&2
