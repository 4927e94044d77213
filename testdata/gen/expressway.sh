#!/usr/bin/env bash
# Generates the rule cases of the Expressway upload rules:
#   testdata/rules/{expressway.eku-client-server, expressway.san-over-999,
#     expressway.server-file-has-chain, expressway.cn-not-fqdn, expressway.key-too-large,
#     expressway.trusted-list-incomplete, expressway.trusted-list-subject-collision,
#     expressway.trusted-list-too-large}/<case>/{args,expected,input/}
#   testdata/rules/expressway-upload-README.md
#   testdata/precheck/files/expressway-upload/, testdata/precheck/cases/expressway-upload-*/
#     (certdiag precheck cases of these rules; format: testdata/precheck/README.md)
# `--precheck-only` makes only the precheck part (testdata/gen/precheck.sh calls it so, after
# it has wiped testdata/precheck/); the precheck part reads the trusted CA list of the rule case
# expressway.trusted-list-too-large/fires-1001-cas rather than keep a second 1000-certificate file.
# Layout, object ids and the `expected` format: docs/dev/conventions.md. The inputs look like
# what a customer sends: an Expressway folder `exp-e1/tandberg/persistent/certs/server.pem`
# (role identity:expressway-server on node exp-e1) beside `exp-e1/trusted-ca-list.pem` (role
# trust:expressway-trusted-ca), CUCM node folders `cucm-pub/CallManager.pem`.
#
# Tools: openssl 3.0, GnuTLS certtool 3.7. Keys (and so ids) are random on every run; the
# outputs are committed. Validity dates are fixed, so with `--at 2026-06-01T00:00:00Z` results
# are exact. Idempotent: every run deletes and regenerates only the dirs of the rules above
# (and its precheck files and cases).
# Runnable from any directory. The 8192-bit RSA key takes a few seconds.
set -euo pipefail
export TZ=UTC LC_ALL=C # certtool reads activation_date/expiration_date as LOCAL time

for t in openssl certtool sha256sum base64; do
  command -v "$t" >/dev/null || { echo "expressway.sh: missing tool: $t" >&2; exit 2; }
done

PRECHECK_ONLY=0
case ${1:-} in
  --precheck-only) PRECHECK_ONLY=1 ;;
  "") ;;
  *) echo "usage: expressway.sh [--precheck-only]" >&2; exit 2 ;;
esac

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
PRE=$(cd "$HERE/.." && pwd)/precheck
TOOBIG=$OUT/expressway.trusted-list-too-large/fires-1001-cas/input/exp-e1/trusted-ca-list
AT=2026-06-01T00:00:00Z

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-xw.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A SEV=(
  [expressway.eku-client-server]=error [expressway.san-over-999]=error
  [expressway.server-file-has-chain]=error [expressway.cn-not-fqdn]=error
  [expressway.key-too-large]=warning [expressway.trusted-list-incomplete]=error
  [expressway.trusted-list-subject-collision]=error [expressway.trusted-list-too-large]=error
)

mkdir -p "$OUT"
if ((!PRECHECK_ONLY)); then
  for r in "${!SEV[@]}"; do rm -rf "${OUT:?}/$r"; done
fi

# ---------------------------------------------------------------- helpers




# keyid FILE: id of the "PRIVATE KEY" PEM block of FILE (conventions.md: the key's DER as found)
keyid() {
  sed -n '/^-----BEGIN PRIVATE KEY-----$/,/^-----END PRIVATE KEY-----$/p' "$1" | sed '1d;$d' \
    | base64 -d | sha256sum | cut -c1-16 | sed 's/^/key-/'
}

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
# put FILE... DEST: concatenate FILEs into the current case's input/DEST
put() {
  local dest=${*: -1}; local n=$(($# - 1))
  mkdir -p "$(dirname "$C/input/$dest")"
  cat "${@:1:$n}" >"$C/input/$dest"
}
# expect OBJECTS FILE: one expected line for the current rule (kept sorted)
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}

SRV=exp-e1/tandberg/persistent/certs/server.pem
LIST=exp-e1/trusted-ca-list.pem
# server SERVER_PEM [LIST_PEM...]: an Expressway-E folder exp-e1 (LIST default: issuing CA + root)
server() {
  local s=$1; shift
  put "$W/$s.pem" "$SRV"
  if (($#)); then put "$@" "$LIST"; else put "$W/issuing.pem" "$W/root.pem" "$LIST"; fi
}

# ---------------------------------------------------------------- shared material

ROOT=(ca cert_signing_key crl_signing_key)
EXPE=('cn = "expe1.example.com"' 'organization = "Example Corp"' 'dns_name = "expe1.example.com"'
      'dns_name = "collab-edge.example.com"' 'dns_name = "example.com"')
SRVEXT=(signing_key encryption_key tls_www_server tls_www_client)

# the public-CA-like chain: root -> issuing CA -> Expressway server certificates (RSA 2048)
key root rsa2048
cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' \
  'serial = 1' "${ROOT[@]}"
key issuing rsa2048
cert issuing issuing root 2024-01-01 2034-01-01 'cn = "Example Issuing CA"' \
  'organization = "Example Corp"' 'serial = 2' "${ROOT[@]}" 'path_len = 0'
key srvk rsa2048
# srv NAME [template lines]: an Expressway server certificate from the issuing CA, 2026..2027
srv() { local n=$1; shift; cert "$n" srvk issuing 2026-01-01 2027-01-01 "$@"; }
srv good "${EXPE[@]}" "${SRVEXT[@]}"

# another company's chain (a CUCM node signed by its own enterprise CA)
key oroot rsa2048
cert oroot oroot self 2024-01-01 2036-01-01 'cn = "Other Corp Root CA"' 'organization = "Other Corp"' \
  "${ROOT[@]}"
key oissuing rsa2048
cert oissuing oissuing oroot 2024-01-01 2034-01-01 'cn = "Other Corp Issuing CA"' \
  'organization = "Other Corp"' "${ROOT[@]}"
key cmk rsa2048
cert cucm_cm cmk oissuing 2026-01-01 2027-01-01 'cn = "cucm-pub.other.example"' \
  'organization = "Other Corp"' 'dns_name = "cucm-pub.other.example"' "${SRVEXT[@]}"

# an Expressway-C in front of that CUCM (same Example chain as exp-e1)
key srvck rsa2048
cert expc srvck issuing 2026-01-01 2027-01-01 'cn = "expc1.example.com"' \
  'organization = "Example Corp"' 'dns_name = "expc1.example.com"' "${SRVEXT[@]}"

README_HEAD="The clean bundle: \`exp-e1/tandberg/persistent/certs/server.pem\` (expe1.example.com, RSA 2048,
SANs expe1.example.com, collab-edge.example.com, example.com, EKU server+client, issued by
Example Issuing CA) and \`exp-e1/trusted-ca-list.pem\` (Example Issuing CA, Example Root CA)."

srv srv_only "${EXPE[@]}" signing_key encryption_key tls_www_server
srv no_eku "${EXPE[@]}" signing_key encryption_key

# 30 names of 36 characters after expe1.example.com (17): running totals 53, 89, ... 989 at
# the 27th, 1025 at the 28th: the last three (28-30) are past 999; total 1097.
BIG=('cn = "expe1.example.com"' 'organization = "Example Corp"' 'dns_name = "expe1.example.com"')
for i in $(seq -w 1 30); do BIG+=("dns_name = \"conference-room-$i.video.example.com\""); done
srv san1097 "${BIG[@]}" "${SRVEXT[@]}"
# exactly 999: the 27 first names (989) plus one of 10 characters
EXACT=('cn = "expe1.example.com"' 'organization = "Example Corp"' 'dns_name = "expe1.example.com"')
for i in $(seq -w 1 27); do EXACT+=("dns_name = \"conference-room-$i.video.example.com\""); done
EXACT+=('dns_name = "jp.example"')
srv san999 "${EXACT[@]}" "${SRVEXT[@]}"
# the 1097-character list plus a DNS name with a byte that is not ASCII (0xe9, "caf\xe9"): certtool
# refuses it, so `openssl ca` signs this one (fixed dates, as the certtool ones)
mkdir -p "$W/ca"; : >"$W/ca/index.txt"; echo 1000 >"$W/ca/serial"
printf '%s\n' '[ca]' 'default_ca = d' '[d]' "database = $W/ca/index.txt" "new_certs_dir = $W/ca" \
  "serial = $W/ca/serial" 'default_md = sha256' 'policy = p' 'unique_subject = no' \
  'copy_extensions = none' '[p]' 'commonName = supplied' >"$W/ca.cnf"
{ printf 'subjectAltName = DNS:expe1.example.com'
  for i in $(seq -w 1 30); do printf ',DNS:conference-room-%s.video.example.com' "$i"; done
  printf ',DNS:caf\xe9.example.com\n'
  printf '%s\n' 'keyUsage = digitalSignature, keyEncipherment' 'extendedKeyUsage = serverAuth, clientAuth'
} >"$W/san_nonascii.ext"
run openssl req -new -key "$W/srvk.key" -subj "/O=Example Corp/CN=expe1.example.com" -out "$W/san_nonascii.csr"
run openssl ca -batch -config "$W/ca.cnf" -cert "$W/issuing.pem" -keyfile "$W/issuing.key" \
  -in "$W/san_nonascii.csr" -startdate 20260101000000Z -enddate 20270101000000Z \
  -extfile "$W/san_nonascii.ext" -notext -out "$W/san_nonascii.pem"

srv cn_short 'cn = "expe1"' 'organization = "Example Corp"' 'dns_name = "expe1.example.com"' \
  "${SRVEXT[@]}"
srv san_us "${EXPE[@]}" 'dns_name = "exp_e1.example.com"' "${SRVEXT[@]}"
srv ip_san "${EXPE[@]}" 'ip_address = "192.0.2.10"' "${SRVEXT[@]}"

key big rsa8192
key mid rsa4096
cert rsa8192 big issuing 2026-01-01 2027-01-01 "${EXPE[@]}" "${SRVEXT[@]}"
cert rsa4096 mid issuing 2026-01-01 2027-01-01 "${EXPE[@]}" "${SRVEXT[@]}"
run openssl req -new -key "$W/big.key" -subj "/O=Example Corp/CN=expe1.example.com" \
  -addext "subjectAltName=DNS:expe1.example.com,DNS:collab-edge.example.com,DNS:example.com" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" -sha256 -out "$W/big.csr"

# a root with the same subject as Example Root CA but another key, placed above the real one
key fakeroot rsa2048
cert fakeroot fakeroot self 2024-01-01 2036-01-01 'cn = "Example Root CA"' \
  'organization = "Example Corp"' 'serial = 1' "${ROOT[@]}"

# a CUCM node's self-signed tomcat and CallManager certificates: same subject, different keys
CUCMSUBJ=('cn = "cucm-pub.example.com"' 'unit = "Collaboration"' 'organization = "Example Corp"'
          'locality = "Seoul"' 'country = KR' 'dns_name = "cucm-pub.example.com"')
key tck rsa2048
cert ss_tomcat tck self 2026-01-01 2031-01-01 "${CUCMSUBJ[@]}" "${SRVEXT[@]}" ca cert_signing_key
key cck rsa2048
cert ss_cm cck self 2026-01-01 2031-01-01 "${CUCMSUBJ[@]}" "${SRVEXT[@]}" ca cert_signing_key
# same CN, different organization (ECDSA tomcat of the same node)
key tek p256
cert ss_tomcat_ec tek self 2026-01-01 2031-01-01 'cn = "cucm-pub.example.com"' \
  'organization = "Example Corp ECDSA"' 'dns_name = "cucm-pub.example.com"' signing_key \
  tls_www_server tls_www_client ca cert_signing_key
# a cross-signed issuing CA: same subject and key as Example Issuing CA, issued by Other Corp Root CA
cert issuing_x issuing oroot 2024-01-01 2034-01-01 'cn = "Example Issuing CA"' \
  'organization = "Example Corp"' 'serial = 3' "${ROOT[@]}" 'path_len = 0'

rule_cases() {
# ================================================================= expressway.eku-client-server

R=expressway.eku-client-server
newcase $R fires-server-auth-only "clean bundle, but the server certificate has serverAuth only (no clientAuth); no version"
server srv_only; expect "$(certid "$W/srv_only.pem")" "$SRV"
newcase $R fires-no-eku-extension "clean bundle, but the server certificate has no Extended Key Usage extension"
server no_eku; expect "$(certid "$W/no_eku.pem")" "$SRV"
newcase $R fires-x14-2 "serverAuth only, --product expressway:X14.2 (before X15.4)" \
  --product expressway:X14.2
server srv_only; expect "$(certid "$W/srv_only.pem")" "$SRV"
newcase $R passes-clean-bundle "the clean bundle (serverAuth and clientAuth)"
server good
newcase $R na-x15-4 "serverAuth only, --product expressway:X15.4 (client-auth EKU sunset)" \
  --product expressway:X15.4
server srv_only
newcase $R na-cucm-only "a CUCM node only (cucm-pub/CallManager.pem): no Expressway certificate"
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem

# ================================================================= expressway.san-over-999

R=expressway.san-over-999
newcase $R fires-1097-chars "server certificate with 31 SANs adding up to 1097 characters (conference-room-28..30 past 999); no version"
server san1097; expect "$(certid "$W/san1097.pem")" "$SRV"
newcase $R fires-x8-9 "the same, --product expressway:X8.9" --product expressway:X8.9
server san1097; expect "$(certid "$W/san1097.pem")" "$SRV"
newcase $R fires-non-ascii-name "the 1097-character list plus DNS:caf\\xe9.example.com (a byte that is not ASCII; once crashed the rule)"
server san_nonascii; expect "$(certid "$W/san_nonascii.pem")" "$SRV"
newcase $R passes-exactly-999 "SANs adding up to exactly 999 characters (boundary: not more than 999)"
server san999
newcase $R passes-clean-bundle "the clean bundle (62 SAN characters)"
server good
newcase $R na-x8-10 "1097 SAN characters, --product expressway:X8.10 (fixed there)" --product expressway:X8.10
server san1097
newcase $R na-x8-5-1 "1097 SAN characters, --product expressway:X8.5.1 (before X8.5.2)" --product expressway:X8.5.1
server san1097
newcase $R na-cucm-only "a CUCM node only: no Expressway certificate"
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem

# ================================================================= expressway.server-file-has-chain
R=expressway.server-file-has-chain
newcase $R fires-chain-in-server-pem "server.pem holds the server certificate, the issuing CA and the root (the whole chain)"
put "$W/good.pem" "$W/issuing.pem" "$W/root.pem" "$SRV"; put "$W/issuing.pem" "$W/root.pem" "$LIST"
expect "$(joinids "$(certid "$W/good.pem")" "$(certid "$W/issuing.pem")" "$(certid "$W/root.pem")")" "$SRV"
newcase $R fires-der-server-pem "server.pem holds the server certificate as DER"
run openssl x509 -in "$W/good.pem" -outform der -out "$W/good.der"
put "$W/good.der" "$SRV"; put "$W/issuing.pem" "$W/root.pem" "$LIST"
expect "$(certid "$W/good.pem")" "$SRV"
newcase $R fires-private-key-only "server.pem holds only the private key (Certificate Format Invalid)"
put "$W/srvk.key" "$SRV"; put "$W/issuing.pem" "$W/root.pem" "$LIST"
expect "$(keyid "$W/srvk.key")" "$SRV"
newcase $R fires-not-a-certificate "server.pem is a text file with no certificate (Certificate Format Invalid)"
printf 'Please find the new certificate attached to the ticket.\n' >"$W/note.txt"
put "$W/note.txt" "$SRV"; put "$W/issuing.pem" "$W/root.pem" "$LIST"
expect - "$SRV"
newcase $R passes-clean-bundle "the clean bundle (server.pem holds the server certificate only, PEM)"
server good
newcase $R na-trusted-list-only "only exp-e1/trusted-ca-list.pem: no server certificate file"
put "$W/issuing.pem" "$W/root.pem" "$LIST"

# ================================================================= expressway.cn-not-fqdn

R=expressway.cn-not-fqdn
newcase $R fires-cn-single-label "server certificate with CN \"expe1\" (a host name without its domain)"
server cn_short; expect "$(certid "$W/cn_short.pem")" "$SRV"
newcase $R fires-san-underscore "server certificate whose SANs include exp_e1.example.com (underscore)"
server san_us; expect "$(certid "$W/san_us.pem")" "$SRV"
newcase $R passes-clean-bundle "the clean bundle"
server good
newcase $R passes-ip-san "server certificate with an IP address SAN (192.0.2.10) beside its FQDNs"
server ip_san
newcase $R na-cucm-only "a CUCM node only: no Expressway certificate"
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem

# ================================================================= expressway.key-too-large

R=expressway.key-too-large
newcase $R fires-rsa-8192 "server certificate with an RSA 8192 key"
server rsa8192; expect "$(certid "$W/rsa8192.pem")" "$SRV"
newcase $R fires-pending-csr-8192 "clean bundle plus a pending CSR (generated_csr/csr.pem) with an RSA 8192 key"
server good; put "$W/big.csr" exp-e1/tandberg/persistent/certs/generated_csr/csr.pem
expect "$(csrid "$W/big.csr")" exp-e1/tandberg/persistent/certs/generated_csr/csr.pem
newcase $R passes-rsa-4096 "server certificate with an RSA 4096 key"
server rsa4096
newcase $R passes-clean-bundle "the clean bundle (RSA 2048)"
server good
newcase $R na-cucm-only "a CUCM node only: no Expressway certificate"
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem

# ================================================================= expressway.trusted-list-incomplete

R=expressway.trusted-list-incomplete
newcase $R fires-root-missing "the GoDaddy case: the list holds the issuing CA only, the root is nowhere in the bundle"
server good "$W/issuing.pem"; expect "$(certid "$W/good.pem")" "$SRV"
newcase $R fires-root-elsewhere-in-bundle "the list holds the issuing CA only; the root is in the bundle as ca/example-root.pem"
server good "$W/issuing.pem"; put "$W/root.pem" ca/example-root.pem
expect "$(joinids "$(certid "$W/good.pem")" "$(certid "$W/root.pem")")" "$SRV"
newcase $R fires-intermediate-missing "the list holds the root only; the issuing CA is nowhere in the bundle"
server good "$W/root.pem"; expect "$(certid "$W/good.pem")" "$SRV"
newcase $R fires-root-shadowed "the list holds another \"Example Root CA\" (other key) above the real root"
server good "$W/issuing.pem" "$W/fakeroot.pem" "$W/root.pem"; expect "$(certid "$W/good.pem")" "$SRV"
newcase $R fires-peer-cucm "Expressway-C exp-c1 (complete list) and CUCM cucm-pub/CallManager.pem issued by Other Corp Issuing CA, which the exp-c1 list lacks"
put "$W/expc.pem" exp-c1/tandberg/persistent/certs/server.pem
put "$W/issuing.pem" "$W/root.pem" exp-c1/trusted-ca-list.pem
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem
expect "$(certid "$W/cucm_cm.pem")" cucm-pub/CallManager.pem
newcase $R passes-clean-bundle "the clean bundle"
server good
newcase $R passes-peer-cucm-trusted "exp-c1 whose list also holds Other Corp Issuing CA and Root CA, and the CUCM CallManager.pem"
put "$W/expc.pem" exp-c1/tandberg/persistent/certs/server.pem
put "$W/issuing.pem" "$W/root.pem" "$W/oissuing.pem" "$W/oroot.pem" exp-c1/trusted-ca-list.pem
put "$W/cucm_cm.pem" cucm-pub/CallManager.pem
newcase $R na-no-trusted-list "server.pem only: no trusted CA list in the input"
put "$W/good.pem" "$SRV"

# ================================================================= expressway.trusted-list-subject-collision

R=expressway.trusted-list-subject-collision
CLIST=exp-c1/trusted-ca-list.pem
newcase $R fires-tomcat-callmanager-self-signed "exp-c1 list: Example chain, then cucm-pub's self-signed tomcat and CallManager certificates (same subject)"
put "$W/expc.pem" exp-c1/tandberg/persistent/certs/server.pem
put "$W/issuing.pem" "$W/root.pem" "$W/ss_tomcat.pem" "$W/ss_cm.pem" "$CLIST"
expect "$(joinids "$(certid "$W/ss_tomcat.pem")" "$(certid "$W/ss_cm.pem")")" "$CLIST"
newcase $R fires-same-cn-self-signed "exp-c1 list: Example chain, a self-signed RSA and a self-signed EC certificate with the same CN, other organizations"
put "$W/expc.pem" exp-c1/tandberg/persistent/certs/server.pem
put "$W/issuing.pem" "$W/root.pem" "$W/ss_tomcat.pem" "$W/ss_tomcat_ec.pem" "$CLIST"
expect "$(joinids "$(certid "$W/ss_tomcat.pem")" "$(certid "$W/ss_tomcat_ec.pem")")" "$CLIST"
newcase $R passes-clean-bundle "the clean bundle"
server good
newcase $R passes-cross-signed-same-key "list: Example Issuing CA issued by Example Root CA and by Other Corp Root CA (same subject, same key), both roots"
server good "$W/issuing.pem" "$W/issuing_x.pem" "$W/root.pem" "$W/oroot.pem"
newcase $R na-no-trusted-list "server.pem only: no trusted CA list in the input"
put "$W/good.pem" "$SRV"

# ================================================================= expressway.trusted-list-too-large
# 999 small self-signed CAs (one P-256 key, distinct subjects) after the Example chain: 1001,
# as a folder: 01-example-chain.pem (2), 02-bulk.pem (998), 03-bulk-last.pem (1); the precheck
# cases read these files too
key bulk p256
: >"$W/bulk.pem"
for i in $(seq -w 1 999); do
  printf 'cn = "Bulk CA %s"\nserial = %d\nca\ncert_signing_key\n' "$i" "$((10#$i))" >"$W/bulk.tmpl"
  printf 'activation_date = "2024-01-01 00:00:00"\nexpiration_date = "2036-01-01 00:00:00"\n' \
    >>"$W/bulk.tmpl"
  certtool --generate-self-signed --load-privkey "$W/bulk.key" --template "$W/bulk.tmpl" \
    --hash SHA256 --no-text --outfile "$W/bulk1.pem" 2>"$W/.log" || { cat "$W/.log" >&2; exit 1; }
  if ((10#$i < 999)); then cat "$W/bulk1.pem" >>"$W/bulk.pem"; fi
done

R=expressway.trusted-list-too-large
newcase $R fires-1001-cas "exp-e1 list folder trusted-ca-list/: 01-example-chain.pem (Example Issuing CA, Example Root CA), 02-bulk.pem (998 small self-signed CAs), 03-bulk-last.pem (1): 1001"
put "$W/good.pem" "$SRV"
put "$W/issuing.pem" "$W/root.pem" exp-e1/trusted-ca-list/01-example-chain.pem
put "$W/bulk.pem" exp-e1/trusted-ca-list/02-bulk.pem
put "$W/bulk1.pem" exp-e1/trusted-ca-list/03-bulk-last.pem
expect "$(certid "$W/bulk1.pem")" exp-e1/trusted-ca-list/03-bulk-last.pem
newcase $R passes-clean-bundle "the clean bundle (2 CAs in the list)"
server good
newcase $R na-no-trusted-list "server.pem only: no trusted CA list in the input"
put "$W/good.pem" "$SRV"
}

# ---------------------------------------------------------------- sanity checks + README
rule_readme() {
for r in "${!SEV[@]}"; do
  for d in "$OUT/$r"/*/; do
    d=${d%/}; c=${d##*/}
    [[ -f $d/args && -f $d/expected ]] || { echo "incomplete case $d" >&2; exit 1; }
    if [[ $c == fires-* ]]; then [[ -s $d/expected ]]; else [[ ! -s $d/expected ]]; fi \
      || { echo "expected/case-name mismatch in $d" >&2; exit 1; }
  done
done

{
  echo '# Rule cases (Expressway upload rules)'
  echo
  echo 'Generated by `testdata/gen/expressway.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not edit'
  echo 'by hand, edit the script and rerun it. Layout, object ids and the `expected` format:'
  echo '`docs/dev/conventions.md`; what the rules decide: `docs/expressway-upload.md`. Every case'
  echo 'is evaluated `--at 2026-06-01T00:00:00Z`. Keys are random, so ids change on every'
  echo 'regeneration.'
  echo
  echo "$README_HEAD"
  prev=""
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$prev" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"; prev=$r
    fi
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$OUT/expressway-upload-README.md"

echo "expressway.sh: ${#README_ROWS[@]} rule cases written under $OUT"
}

# ================================================================= precheck cases
# testdata/precheck/README.md: cmd = arguments after `certdiag`, one per line, paths relative to
# testdata/precheck/; expected = `exit N` and `blocking CHECK` when the upload is refused.
PF=files/expressway-upload
precheck_cases() {
  local F=$PRE/$PF
  [[ -f $TOOBIG/02-bulk.pem ]] || { echo "expressway.sh: run it without --precheck-only first" >&2; exit 1; }
  rm -rf "$F" "$PRE"/cases/expressway-upload-*
  mkdir -p "$F/uploads"
  cp "$W/good.pem" "$F/server.pem"
  cp "$W/cn_short.pem" "$F/server-cn-expe1.pem"
  cp "$W/san_us.pem" "$F/server-san-underscore.pem"
  cp "$W/no_eku.pem" "$F/server-no-eku.pem"
  cp "$W/san1097.pem" "$F/server-san-1097-chars.pem"
  cp "$W/rsa8192.pem" "$F/server-rsa-8192.pem"
  run openssl x509 -in "$W/good.pem" -outform der -out "$F/server.der"
  cp "$W/srvk.key" "$F/server-private-key-only.pem"
  cat "$W/issuing.pem" "$W/root.pem" >"$F/trusted-ca-list.pem"
  cp "$W/issuing.pem" "$F/trusted-ca-list-issuing-only.pem"
  cat "$W/issuing.pem" "$W/fakeroot.pem" "$W/root.pem" >"$F/trusted-ca-list-root-shadowed.pem"
  cat "$W/issuing.pem" "$W/root.pem" "$W/ss_tomcat.pem" >"$F/trusted-ca-list-with-cucm-tomcat.pem"
  cp "$W/ss_cm.pem" "$F/uploads/cucm-pub-CallManager-self-signed.pem"
  cp "$W/oroot.pem" "$F/uploads/Other_Corp_Root_CA.pem"
  local big=files/../../rules/${TOOBIG#"$OUT"/}
  # pcase NAME EXIT BLOCKING|none ARG...
  pcase() {
    local d=$PRE/cases/expressway-upload-$1 code=$2 blocking=$3; shift 3
    mkdir -p "$d"
    printf '%s\n' precheck "$@" --at "$AT" >"$d/cmd"
    { echo "exit $code"; [[ $blocking == none ]] || echo "blocking $blocking"; } >"$d/expected"
  }
  local S=(--product expressway --purpose server) T=(--product expressway --purpose trusted-ca)
  pcase server-ok 0 none "${S[@]}" --cert $PF/server.pem --trust $PF/trusted-ca-list.pem
  pcase server-cn-not-fqdn 1 expressway.cn-not-fqdn "${S[@]}" --cert $PF/server-cn-expe1.pem \
    --trust $PF/trusted-ca-list.pem
  pcase server-san-not-fqdn 1 expressway.cn-not-fqdn "${S[@]}" --cert $PF/server-san-underscore.pem \
    --trust $PF/trusted-ca-list.pem
  pcase server-der 1 expressway.server-file-has-chain "${S[@]}" --cert $PF/server.der \
    --trust $PF/trusted-ca-list.pem
  pcase server-private-key-only 1 format "${S[@]}" --cert $PF/server-private-key-only.pem \
    --trust $PF/trusted-ca-list.pem
  pcase server-no-eku 1 expressway.eku-client-server "${S[@]}" --cert $PF/server-no-eku.pem \
    --trust $PF/trusted-ca-list.pem
  pcase server-root-missing 1 expressway.trusted-list-incomplete "${S[@]}" --cert $PF/server.pem \
    --trust $PF/trusted-ca-list-issuing-only.pem
  pcase server-root-shadowed 1 expressway.trusted-list-incomplete "${S[@]}" --cert $PF/server.pem \
    --trust $PF/trusted-ca-list-root-shadowed.pem
  # accepted, with findings: names past 999 characters are ignored (an error about the upload:
  # verdict accept-with-errors, exit 1); 8192-bit keys warn (accept, exit 0)
  pcase server-san-over-999-x8.9 1 none --product expressway:X8.9 --purpose server \
    --cert $PF/server-san-1097-chars.pem --trust $PF/trusted-ca-list.pem
  pcase server-rsa-8192 0 none "${S[@]}" --cert $PF/server-rsa-8192.pem --trust $PF/trusted-ca-list.pem
  # trusted CA list: the seed 003 self-signed tomcat / CallManager pair, and the 1000 limit
  pcase trusted-ca-self-signed-same-subject 1 expressway.trusted-list-subject-collision "${T[@]}" \
    --cert $PF/uploads/cucm-pub-CallManager-self-signed.pem --trust $PF/trusted-ca-list-with-cucm-tomcat.pem
  pcase trusted-ca-1001st 1 expressway.trusted-list-too-large "${T[@]}" \
    --cert $PF/uploads/Other_Corp_Root_CA.pem --trust "$big/01-example-chain.pem" --trust "$big/02-bulk.pem"
  pcase trusted-ca-1000th 0 none "${T[@]}" --cert $PF/uploads/Other_Corp_Root_CA.pem \
    --trust "$big/02-bulk.pem" --trust "$big/03-bulk-last.pem"
  echo "expressway.sh: precheck cases written under $PRE/cases (expressway-upload-*)"
}

if ((!PRECHECK_ONLY)); then
  rule_cases
  rule_readme
fi
precheck_cases
