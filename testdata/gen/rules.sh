#!/usr/bin/env bash
# Generates the rule-case fixtures for the generic rules:
#   testdata/rules/{cert.*,csr.*,ingest.*}/<case>/{args,expected,input/}
#   testdata/rules/README.md
# Layout, object ids and the `expected` format: docs/dev/conventions.md.
#
# Tools: openssl 3.0, GnuTLS certtool 3.7 (apt-get install openssl gnutls-bin).
# Keys (and so ids) are random on every run; the outputs are committed. Validity dates
# are fixed (certtool templates), so with `--at 2026-06-01T00:00:00Z` results are exact.
# Idempotent: every run deletes and regenerates the cert.*, csr.* and ingest.* dirs.
# Runnable from any directory.
set -euo pipefail
export TZ=UTC LC_ALL=C   # certtool reads activation_date/expiration_date as LOCAL time

for t in openssl certtool sha256sum base64 cmp; do
  command -v "$t" >/dev/null || { echo "rules.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-rules.XXXXXX")
trap 'rm -rf "$W"' EXIT

mkdir -p "$OUT"
find "$OUT" -mindepth 1 -maxdepth 1 -type d \( -name 'cert.*' -o -name 'csr.*' -o -name 'ingest.*' \) \
  -exec rm -rf {} +

declare -A SEV=(
  [cert.expired]=error [cert.not-yet-valid]=error [cert.expiring-soon]=warning
  [cert.weak-signature]=warning [cert.weak-key]=warning [cert.cn-not-in-san]=warning
  [cert.wildcard]=info [cert.duplicate]=info [csr.bad-signature]=error
  [ingest.unparseable]=error [ingest.unsupported]=info [ingest.private-key]=warning
  [ingest.pkcs12-encrypted]=info [ingest.limit-reached]=warning
)

# ---------------------------------------------------------------- helpers

# run CMD...: quiet unless it fails
run() { "$@" >"$W/.log" 2>&1 || { echo "rules.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }

# key NAME rsa2048|rsa1024|p256|p224  ->  $W/NAME.key (PKCS#8 PEM)
key() {
  case $2 in
    rsa*) run openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" -out "$W/$1.key" ;;
    p*)   run openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:P-${2#p}" \
              -pkeyopt ec_param_enc:named_curve -out "$W/$1.key" ;;
    *) echo "key: bad type $2" >&2; exit 1 ;;
  esac
}

# cert NAME KEY ISSUER|self HASH FROM TO [template line]...  ->  $W/NAME.pem
#   FROM/TO: "YYYY-MM-DD" (00:00:00 UTC) or "YYYY-MM-DD HH:MM:SS" (UTC)
cert() {
  local name=$1 k=$2 iss=$3 hash=$4 from=$5 to=$6; shift 6
  [[ $from == *:* ]] || from="$from 00:00:00"
  [[ $to == *:* ]] || to="$to 00:00:00"
  { printf '%s\n' "$@"
    printf 'activation_date = "%s"\nexpiration_date = "%s"\n' "$from" "$to"; } >"$W/$name.tmpl"
  if [[ $iss == self ]]; then
    run certtool --generate-self-signed --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
      --hash "$hash" --outfile "$W/$name.pem"
  else
    run certtool --generate-certificate --load-privkey "$W/$k.key" \
      --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" \
      --template "$W/$name.tmpl" --hash "$hash" --outfile "$W/$name.pem"
  fi
  run openssl x509 -in "$W/$name.pem" -outform der -out "$W/$name.der"
}
# common template fragments
ROOT=(ca cert_signing_key crl_signing_key)
LEAF=(signing_key tls_www_server)

sha16() { sha256sum "$1" | cut -c1-16; }
# ids (conventions.md): cert-/csr- from DER; key- from the PEM block's base64 body; p12- from file
certid() { openssl x509 -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }
csrid()  { openssl req  -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/csr-/'; }
# keyid FILE LABEL: id of the (first) PEM block "-----BEGIN LABEL-----" in FILE
keyid() {
  sed -n "/^-----BEGIN $2-----\$/,/^-----END $2-----\$/p" "$1" | sed '1d;$d' | base64 -d \
    | sha256sum | cut -c1-16 | sed 's/^/key-/'
}
p12id()  { echo "p12-$(sha16 "$1")"; }

# newcase RULE CASE "description" [extra args]...
README_ROWS=()
newcase() {
  RULE=$1; CASE=$2; C="$OUT/$1/$2"; local desc=$3; shift 3
  [[ -n ${SEV[$RULE]:-} ]] || { echo "unknown rule $RULE" >&2; exit 1; }
  case $CASE in fires-*|passes-*|na-*) ;; *) echo "bad case name $CASE" >&2; exit 1 ;; esac
  mkdir -p "$C"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  README_ROWS+=("$RULE|$CASE|$desc")
}
# put SRC DEST: copy SRC into the current case's input/DEST
put() { mkdir -p "$(dirname "$C/input/$2")"; cp "$1" "$C/input/$2"; }
# expect OBJECTS FILE: add one expected line for the current rule (kept sorted)
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}
# joinids ID...: sorted, comma-joined
joinids() { printf '%s\n' "$@" | sort | paste -sd, -; }

# ---------------------------------------------------------------- shared material

# Root CA (RSA 2048, SHA-256, 2024-01-01 .. 2036-01-01) and leaves under it (EC P-256)
key root rsa2048
cert root root self SHA256 2024-01-01 2036-01-01 \
  'cn = "Example Root CA"' 'organization = "Example Corp"' 'serial = 1' "${ROOT[@]}"

key leafk p256
# leaf NAME FROM TO [extra template lines] : EC P-256 leaf signed by root with SHA-256
leaf() { local n=$1 f=$2 t=$3; shift 3; cert "$n" leafk root SHA256 "$f" "$t" "${LEAF[@]}" "$@"; }
WWW=('cn = "www.example.com"' 'dns_name = "www.example.com"')

leaf valid      2026-01-01 2027-01-01 "${WWW[@]}"
leaf expired    2024-06-01 2025-06-01 'cn = "old.example.com"' 'dns_name = "old.example.com"'
leaf future     2027-01-01 2028-01-01 'cn = "next.example.com"' 'dns_name = "next.example.com"'
leaf exp_at     2025-06-01 2026-06-01 "${WWW[@]}"     # notAfter  == --at
leaf nb_at      2026-06-01 2027-06-01 "${WWW[@]}"     # notBefore == --at
leaf gentime    2026-01-01 2051-01-01 "${WWW[@]}"     # notAfter encoded as GeneralizedTime
leaf d10        2025-06-11 2026-06-11 "${WWW[@]}"     # 10 days left at --at
leaf d30        2025-07-01 2026-07-01 "${WWW[@]}"     # exactly 30 days left
leaf d60        2025-07-31 2026-07-31 "${WWW[@]}"     # 60 days left
leaf y1         2025-06-01 2027-06-01 "${WWW[@]}"     # 365 days left

# a self-signed end-entity certificate that expired (like an old CUCM self-signed tomcat)
key oldssk p256
cert old_selfsigned oldssk self SHA256 2023-01-01 2025-01-01 \
  'cn = "cucm-pub.example.com"' 'dns_name = "cucm-pub.example.com"' "${LEAF[@]}"

# minimal CSR (openssl, RSA 2048)
key csrk rsa2048
run openssl req -new -key "$W/csrk.key" -subj "/O=Example Corp/CN=www.example.com" \
  -addext "subjectAltName=DNS:www.example.com" -sha256 -out "$W/good-openssl.csr"
# certtool CSR (EC P-256); certtool writes a text dump before the PEM block and uses
# "NEW CERTIFICATE REQUEST" -- kept as-is, that is what users send
printf '%s\n' 'cn = "www.example.com"' 'organization = "Example Corp"' \
  'dns_name = "www.example.com"' "${LEAF[@]}" >"$W/ct-req.tmpl"
run certtool --generate-request --load-privkey "$W/leafk.key" --template "$W/ct-req.tmpl" \
  --outfile "$W/good-certtool.csr"

README_TXT='This archive was exported from the customer portal.
Certificates are in this folder; contact the PKI team for questions.
'

# ================================================================= cert.expired
newcase cert.expired fires-expired-leaf "root CA (valid) + leaf expired 2025-06-01"
put "$W/root.pem" root-ca.pem; put "$W/expired.pem" server.pem
expect "$(certid "$W/expired.pem")" server.pem

newcase cert.expired passes-valid-leaf "root CA + leaf valid 2026-01-01..2027-01-01"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase cert.expired passes-expires-at-evaluation-time \
  "root CA + leaf whose notAfter equals --at (boundary: notAfter < at is false)"
put "$W/root.pem" root-ca.pem; put "$W/exp_at.pem" server.pem

newcase cert.expired passes-generalized-time \
  "root CA + leaf valid until 2051-01-01 (notAfter is a GeneralizedTime)"
put "$W/root.pem" root-ca.pem; put "$W/gentime.pem" server.pem

newcase cert.expired na-csr-only "only a CSR (PEM)"
put "$W/good-openssl.csr" server.csr

# ================================================================= cert.not-yet-valid
newcase cert.not-yet-valid fires-future-leaf "root CA + leaf valid from 2027-01-01"
put "$W/root.pem" root-ca.pem; put "$W/future.pem" server.pem
expect "$(certid "$W/future.pem")" server.pem

newcase cert.not-yet-valid passes-valid-leaf "root CA + leaf valid 2026-01-01..2027-01-01"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase cert.not-yet-valid passes-starts-at-evaluation-time \
  "root CA + leaf whose notBefore equals --at (boundary: notBefore > at is false)"
put "$W/root.pem" root-ca.pem; put "$W/nb_at.pem" server.pem

newcase cert.not-yet-valid na-csr-only "only a CSR (PEM)"
put "$W/good-openssl.csr" server.csr

# ================================================================= cert.expiring-soon
newcase cert.expiring-soon fires-10-days-left "root CA + leaf expiring 2026-06-11 (10 days)"
put "$W/root.pem" root-ca.pem; put "$W/d10.pem" server.pem
expect "$(certid "$W/d10.pem")" server.pem

newcase cert.expiring-soon fires-60-days-with-warn-90 \
  "root CA + leaf expiring 2026-07-31 (60 days), --expiry-warn 90" --expiry-warn 90
put "$W/root.pem" root-ca.pem; put "$W/d60.pem" server.pem
expect "$(certid "$W/d60.pem")" server.pem

newcase cert.expiring-soon passes-1-year-left "root CA + leaf expiring 2027-06-01 (365 days)"
put "$W/root.pem" root-ca.pem; put "$W/y1.pem" server.pem

newcase cert.expiring-soon passes-60-days-default "root CA + leaf expiring 2026-07-31 (60 days), default 30"
put "$W/root.pem" root-ca.pem; put "$W/d60.pem" server.pem

newcase cert.expiring-soon passes-exactly-30-days \
  "root CA + leaf expiring 2026-07-01, exactly 30 days (boundary: 30 < 30 is false)"
put "$W/root.pem" root-ca.pem; put "$W/d30.pem" server.pem

newcase cert.expiring-soon na-already-expired "only a self-signed end-entity cert that expired 2025-01-01"
put "$W/old_selfsigned.pem" tomcat.pem

newcase cert.expiring-soon na-csr-only "only a CSR (PEM)"
put "$W/good-openssl.csr" server.csr

# ================================================================= cert.weak-signature
cert sha1leaf leafk root SHA1 2026-01-01 2027-01-01 "${LEAF[@]}" "${WWW[@]}"
key legacyroot rsa2048
cert sha1root legacyroot self SHA1 2020-01-01 2035-01-01 \
  'cn = "Legacy Root CA"' 'organization = "Example Corp"' "${ROOT[@]}"

newcase cert.weak-signature fires-sha1-leaf "root CA (sha256WithRSA, self-signed) + leaf signed sha1WithRSA"
put "$W/root.pem" root-ca.pem; put "$W/sha1leaf.pem" server.pem
expect "$(certid "$W/sha1leaf.pem")" server.pem

# an MD5 leaf under a root of the input is chain.bad-signature's (the path is invalid for it):
# testdata/gen/diag.sh makes those cases (docs/chains.md "One root cause, one finding")

newcase cert.weak-signature passes-sha256-leaf "root CA + leaf signed sha256WithRSA"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase cert.weak-signature na-sha1-self-signed-root "only a self-signed root whose self-signature is sha1WithRSA"
put "$W/sha1root.pem" legacy-root-ca.pem

# ================================================================= cert.weak-key
key rsa1024k rsa1024
key p224k p224
cert rsa1024leaf rsa1024k root SHA256 2026-01-01 2027-01-01 "${LEAF[@]}" "${WWW[@]}" encryption_key
cert p224leaf p224k root SHA256 2026-01-01 2027-01-01 "${LEAF[@]}" "${WWW[@]}"
run openssl req -new -key "$W/rsa1024k.key" -subj "/O=Example Corp/CN=www.example.com" \
  -addext "subjectAltName=DNS:www.example.com" -sha256 -out "$W/rsa1024.csr"
{ printf 'crl_number = 1\n'
  printf 'crl_this_update_date = "2026-05-01 00:00:00"\ncrl_next_update_date = "2026-08-01 00:00:00"\n'
} >"$W/crl.tmpl"
run certtool --generate-crl --load-ca-privkey "$W/root.key" --load-ca-certificate "$W/root.pem" \
  --template "$W/crl.tmpl" --hash SHA256 --outfile "$W/root.crl.pem"
# certtool prints a text dump before the CRL's PEM block; keep only the block
sed -n '/^-----BEGIN X509 CRL-----$/,/^-----END X509 CRL-----$/p' "$W/root.crl.pem" >"$W/root.crl"

newcase cert.weak-key fires-rsa1024-leaf "root CA (RSA 2048) + leaf with an RSA 1024 key"
put "$W/root.pem" root-ca.pem; put "$W/rsa1024leaf.pem" server.pem
expect "$(certid "$W/rsa1024leaf.pem")" server.pem

newcase cert.weak-key fires-rsa1024-csr "only a CSR with an RSA 1024 key"
put "$W/rsa1024.csr" server.csr
expect "$(csrid "$W/rsa1024.csr")" server.csr

newcase cert.weak-key fires-p224-leaf "root CA (RSA 2048) + leaf with an EC P-224 key"
put "$W/root.pem" root-ca.pem; put "$W/p224leaf.pem" server.pem
expect "$(certid "$W/p224leaf.pem")" server.pem

newcase cert.weak-key passes-rsa2048-and-p256 "root CA (RSA 2048) + leaf (EC P-256) + CSR (RSA 2048)"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem; put "$W/good-openssl.csr" server.csr

newcase cert.weak-key na-crl-only "only a CRL (PEM) issued by the RSA 2048 root"
put "$W/root.crl" root-ca.crl

# ================================================================= cert.cn-not-in-san
leaf cnmiss 2026-01-01 2027-01-01 'cn = "www.example.com"' \
  'dns_name = "example.com"' 'dns_name = "api.example.com"'
leaf nosan  2026-01-01 2027-01-01 'cn = "legacy.example.com"'
leaf cncase 2026-01-01 2027-01-01 'cn = "WWW.Example.COM"' 'dns_name = "www.example.com"'
leaf ipcn   2026-01-01 2027-01-01 'cn = "10.0.0.5"' 'ip_address = "10.0.0.5"'
leaf nocn   2026-01-01 2027-01-01 'organization = "Example Corp"' 'unit = "Voice"' \
  'dns_name = "www.example.com"'

newcase cert.cn-not-in-san fires-cn-missing-from-san \
  "root CA + leaf CN=www.example.com, SAN DNS example.com, api.example.com"
put "$W/root.pem" root-ca.pem; put "$W/cnmiss.pem" server.pem
expect "$(certid "$W/cnmiss.pem")" server.pem

newcase cert.cn-not-in-san fires-no-san-extension "root CA + leaf CN=legacy.example.com without SAN extension"
put "$W/root.pem" root-ca.pem; put "$W/nosan.pem" server.pem
expect "$(certid "$W/nosan.pem")" server.pem

newcase cert.cn-not-in-san passes-cn-in-san "root CA + leaf CN=www.example.com, SAN DNS www.example.com"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase cert.cn-not-in-san passes-cn-case-differs "root CA + leaf CN=WWW.Example.COM, SAN DNS www.example.com"
put "$W/root.pem" root-ca.pem; put "$W/cncase.pem" server.pem

newcase cert.cn-not-in-san passes-ip-cn-in-ip-san "root CA + leaf CN=10.0.0.5, SAN IP 10.0.0.5 only"
put "$W/root.pem" root-ca.pem; put "$W/ipcn.pem" server.pem

newcase cert.cn-not-in-san na-ca-only "only the root CA (CA:TRUE, CN=Example Root CA, no SAN)"
put "$W/root.pem" root-ca.pem

newcase cert.cn-not-in-san na-no-cn "root CA + leaf with subject O/OU only, SAN DNS www.example.com"
put "$W/root.pem" root-ca.pem; put "$W/nocn.pem" server.pem

# ================================================================= cert.wildcard
leaf wildsan 2026-01-01 2027-01-01 'cn = "www.example.com"' \
  'dns_name = "www.example.com"' 'dns_name = "*.example.com"'
leaf wildcn  2026-01-01 2027-01-01 'cn = "*.example.com"'

newcase cert.wildcard fires-wildcard-san "root CA + leaf CN=www.example.com, SAN DNS www.example.com, *.example.com"
put "$W/root.pem" root-ca.pem; put "$W/wildsan.pem" server.pem
expect "$(certid "$W/wildsan.pem")" server.pem

newcase cert.wildcard fires-wildcard-cn "root CA + leaf CN=*.example.com without SAN"
put "$W/root.pem" root-ca.pem; put "$W/wildcn.pem" server.pem
expect "$(certid "$W/wildcn.pem")" server.pem

newcase cert.wildcard passes-plain-names "root CA + leaf CN/SAN www.example.com"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase cert.wildcard na-ca-only "only the root CA"
put "$W/root.pem" root-ca.pem

# ================================================================= cert.duplicate
# two different leaves from the same issuer with the same serial (0x1234)
key hostak p256
key hostbk p256
cert hosta hostak root SHA256 2026-01-01 2027-01-01 "${LEAF[@]}" 'serial = 4660' \
  'cn = "host-a.example.com"' 'dns_name = "host-a.example.com"'
cert hostb hostbk root SHA256 2026-01-01 2027-01-01 "${LEAF[@]}" 'serial = 4660' \
  'cn = "host-b.example.com"' 'dns_name = "host-b.example.com"'

newcase cert.duplicate fires-same-root-twice \
  "tomcat-trust/root.pem and tomcat-trust/root-copy.pem: identical root in one store"
put "$W/root.pem" tomcat-trust/root.pem; put "$W/root.pem" tomcat-trust/root-copy.pem
expect "$(certid "$W/root.pem")" tomcat-trust/root-copy.pem   # '-' sorts before '.'

newcase cert.duplicate fires-same-issuer-serial \
  "root CA + two different leaves (host-a, host-b) both issued by it with serial 0x1234"
put "$W/root.pem" root-ca.pem; put "$W/hosta.pem" certs/host-a.pem; put "$W/hostb.pem" certs/host-b.pem
expect "$(joinids "$(certid "$W/hosta.pem")" "$(certid "$W/hostb.pem")")" certs/host-a.pem

newcase cert.duplicate passes-distinct-certs "root CA + two leaves with distinct serials"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" certs/www.pem; put "$W/hosta.pem" certs/host-a.pem

newcase cert.duplicate passes-same-root-in-two-stores \
  "identical root in tomcat-trust/ and CallManager-trust/ (different stores)"
put "$W/root.pem" tomcat-trust/root.pem; put "$W/root.pem" CallManager-trust/root.pem

newcase cert.duplicate na-single-cert "only one certificate"
put "$W/valid.pem" server.pem

# ================================================================= csr.bad-signature
# Flip the last byte of a DER CSR (RSA 2048, so the last byte is inside the signature
# BIT STRING), then check that it still parses and that the signature no longer verifies.
run openssl req -in "$W/good-openssl.csr" -outform der -out "$W/good.csr.der"
sz=$(stat -c %s "$W/good.csr.der")
last=$(tail -c 1 "$W/good.csr.der" | od -An -tu1 | tr -d ' ')
{ head -c $((sz - 1)) "$W/good.csr.der"; printf "\\$(printf '%03o' $((last ^ 0x01)))"; } >"$W/bad.csr.der"
[[ $(stat -c %s "$W/bad.csr.der") == "$sz" ]] && ! cmp -s "$W/good.csr.der" "$W/bad.csr.der" \
  || { echo "tamper failed" >&2; exit 1; }
run openssl req -inform der -in "$W/bad.csr.der" -noout -subject       # still parses
# (openssl 3.0 `req -verify` exits 0 even on failure: look at its message instead)
csr_verifies() { openssl req -inform der -in "$1" -noout -verify 2>&1 | grep -q 'verify OK'; }
csr_verifies "$W/good.csr.der" || { echo "good CSR does not verify" >&2; exit 1; }
if csr_verifies "$W/bad.csr.der"; then echo "tampered CSR still verifies" >&2; exit 1; fi
{ echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 -w 64 "$W/bad.csr.der"
  echo '-----END CERTIFICATE REQUEST-----'; } >"$W/bad.csr"
BADCSR="csr-$(sha16 "$W/bad.csr.der")"
[[ $(csrid "$W/bad.csr") == "$BADCSR" ]] || { echo "bad csr id mismatch" >&2; exit 1; }

newcase csr.bad-signature fires-tampered-csr "one PEM CSR whose signature has one byte flipped"
put "$W/bad.csr" server.csr
expect "$BADCSR" server.csr

newcase csr.bad-signature fires-tampered-csr-der "the same tampered CSR as DER"
put "$W/bad.csr.der" server-csr.der
expect "$BADCSR" server-csr.der

newcase csr.bad-signature passes-good-csr \
  "openssl CSR (RSA 2048, PEM) + certtool CSR (P-256, text dump + NEW CERTIFICATE REQUEST)"
put "$W/good-openssl.csr" www-openssl.csr; put "$W/good-certtool.csr" www-certtool.csr

newcase csr.bad-signature na-cert-only "root CA + leaf, no CSR"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

# ================================================================= ingest.unparseable
# bad base64: replace one character in the middle of the body with '!'
awk 'NR==6 { $0 = substr($0,1,20) "!" substr($0,22) } { print }' "$W/valid.pem" >"$W/badb64.pem"
head -c $(( $(stat -c %s "$W/valid.der") / 2 )) "$W/valid.der" >"$W/trunc.der"

newcase ingest.unparseable fires-bad-base64 "PEM certificate with one base64 character replaced by '!'"
put "$W/badb64.pem" server.pem
expect - server.pem

newcase ingest.unparseable fires-truncated-der "DER certificate cut to half its length"
put "$W/trunc.der" server.der
expect - server.der

newcase ingest.unparseable passes-good-pem "one good PEM certificate"
put "$W/valid.pem" server.pem

newcase ingest.unparseable na-text-only "only a README.txt"
printf '%s' "$README_TXT" >"$W/README.txt"; put "$W/README.txt" README.txt

# ================================================================= ingest.unsupported
# deterministic "random" blob (AES-CTR keystream); must not look like DER/zip/gzip/...
head -c 2048 /dev/zero | openssl enc -aes-128-ctr -nosalt \
  -K 040102030405060708090a0b0c0d0e0f -iv 00000000000000000000000000000000 >"$W/blob.bin"
# (key 00.. gave a first byte 0xc6 that file(1) calls "OpenPGP Public Key"; 04.. starts be 42)
case $(head -c 1 "$W/blob.bin" | od -An -tx1 | tr -d ' ') in
  30|50|1f|42|fd|28|0a|0d|2d|c6|99|85) echo "blob starts with a magic-looking byte" >&2; exit 1 ;;
esac
if command -v file >/dev/null && [[ $(file -b "$W/blob.bin") != data ]]; then
  echo "file(1) recognises blob.bin: $(file -b "$W/blob.bin")" >&2; exit 1
fi

newcase ingest.unsupported fires-readme-and-blob "README.txt + blob.bin (2 KiB of random-looking bytes)"
put "$W/README.txt" README.txt; put "$W/blob.bin" blob.bin
expect - README.txt; expect - blob.bin

newcase ingest.unsupported passes-good-pem "one good PEM certificate"
put "$W/valid.pem" server.pem

newcase ingest.unsupported na-no-input "no input/ directory"

# ================================================================= ingest.private-key
key rsak rsa2048
run openssl pkey -in "$W/rsak.key" -traditional -out "$W/rsak.trad.key"      # RSA PRIVATE KEY
cert rsaleaf rsak root SHA256 2026-01-01 2027-01-01 "${LEAF[@]}" "${WWW[@]}" encryption_key
cat "$W/rsaleaf.pem" "$W/rsak.trad.key" >"$W/combined.pem"
run openssl pkcs8 -topk8 -in "$W/leafk.key" -v2 aes-256-cbc -passout pass:changeit -out "$W/enc.key"

newcase ingest.private-key fires-pkcs8-key "server.pem (leaf) + server.key (PKCS#8 'PRIVATE KEY', P-256)"
put "$W/valid.pem" server.pem; put "$W/leafk.key" server.key
expect "$(keyid "$W/leafk.key" 'PRIVATE KEY')" server.key

newcase ingest.private-key fires-cert-with-key-combined \
  "server.pem = leaf certificate followed by its 'RSA PRIVATE KEY' block"
put "$W/combined.pem" server.pem
expect "$(keyid "$W/combined.pem" 'RSA PRIVATE KEY')" server.pem

newcase ingest.private-key fires-encrypted-key \
  "server.pem (leaf) + server.key ('ENCRYPTED PRIVATE KEY', PBES2/AES-256, password changeit)"
put "$W/valid.pem" server.pem; put "$W/enc.key" server.key
expect "$(keyid "$W/enc.key" 'ENCRYPTED PRIVATE KEY')" server.key

newcase ingest.private-key passes-cert-only "root CA + leaf, no key"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

newcase ingest.private-key na-no-input "no input/ directory"

# ================================================================= ingest.pkcs12-encrypted
run openssl pkcs12 -export -in "$W/valid.pem" -inkey "$W/leafk.key" -certfile "$W/root.pem" \
  -name server -passout pass:changeit -out "$W/pw.p12"
run openssl pkcs12 -export -in "$W/valid.pem" -inkey "$W/leafk.key" -certfile "$W/root.pem" \
  -name server -passout pass: -out "$W/empty.p12"
run openssl pkcs12 -in "$W/empty.p12" -passin pass: -noout      # opens with the empty password
if openssl pkcs12 -in "$W/pw.p12" -passin pass: -noout >/dev/null 2>&1; then
  echo "password PFX opens without password" >&2; exit 1
fi

newcase ingest.pkcs12-encrypted fires-password-pfx \
  "server.p12: leaf + key + root, password 'changeit' (OpenSSL 3 defaults: PBES2/AES-256, HMAC-SHA256)"
put "$W/pw.p12" server.p12
expect "$(p12id "$W/pw.p12")" server.p12

newcase ingest.pkcs12-encrypted passes-empty-password-pfx "server.p12: same content, empty password"
put "$W/empty.p12" server.p12

newcase ingest.pkcs12-encrypted na-cert-only "root CA + leaf PEM, no PKCS#12"
put "$W/root.pem" root-ca.pem; put "$W/valid.pem" server.pem

# ================================================================= ingest.limit-reached
newcase ingest.limit-reached fires-deep-directories \
  "d01/d02/.../d40/server.pem: 40 nested directories (limit 32)"
deep=""; first_beyond=""
for i in $(seq -w 1 40); do
  deep="${deep:+$deep/}d$i"
  [[ $i == 33 ]] && first_beyond=$deep
done
put "$W/valid.pem" "$deep/server.pem"
expect - "$first_beyond"    # best guess: input/ is depth 0, d01 depth 1, d33 is the first > 32

newcase ingest.limit-reached passes-good-pem "one good PEM certificate"
put "$W/valid.pem" server.pem

newcase ingest.limit-reached na-no-input "no input/ directory"

newcase ingest.limit-reached fires-tunnels-too-deep \
  "nine-gre-layers.pcap: the TLS 1.2 handshake of captures/tls12.pcap under 9 nested GRE layers (limit 8), by tunnels.sh (scapy)"
"$HERE/tunnels.sh" --deep "$C/input"
expect - nine-gre-layers.pcap

# ---------------------------------------------------------------- sanity checks + README
for d in "$OUT"/*.*/*/; do
  d=${d%/}; c=${d##*/}
  [[ -f $d/args && -f $d/expected ]] || { echo "incomplete case $d" >&2; exit 1; }
  if [[ $c == fires-* ]]; then [[ -s $d/expected ]]; else [[ ! -s $d/expected ]]; fi \
    || { echo "expected/case-name mismatch in $d" >&2; exit 1; }
done

{
  echo '# Rule cases (generic rules)'
  echo
  echo 'Generated by `testdata/gen/rules.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not edit by'
  echo 'hand, edit the script and rerun it. Layout, object ids and the `expected` format:'
  echo '`docs/dev/conventions.md`. Every case is evaluated `--at 2026-06-01T00:00:00Z`; the root CA'
  echo 'used throughout is RSA 2048/SHA-256, valid 2024-01-01..2036-01-01; leaves are EC P-256'
  echo 'unless said otherwise. Keys are random, so ids change on every regeneration.'
  prev=""
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$prev" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"; prev=$r
    fi
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$OUT/README.md"

echo "rules.sh: ${#README_ROWS[@]} cases written under $OUT"

# CUCM layout metadata (.description files): its own script, regenerated with the ingest cases
"$(dirname "$0")/cucm-layout.sh"
# the cert.* cases of issue 11 (ownership, time encodings, lints) live in their own script; it
# writes case folders inside the cert.* folders wiped above, so it runs after this one
"$(dirname "$0")/diag.sh"

# lists cut at the decoder limit: its own script, whose cases in the folders wiped above are made again
"$(dirname "$0")/limits.sh"
# one root cause, one finding between cert.* and the product rules: its own script too
"$(dirname "$0")/owners.sh"
# ITL/CTL cases of cert.duplicate and ingest.unparseable (listed in itl-README.md): their own
# script, regenerated with the cert and ingest cases
"$(dirname "$0")/itl.sh" shared
# a v1 CA that issues the input's certificates is no end-entity certificate: its own script
"$(dirname "$0")/v1-issuers.sh"
