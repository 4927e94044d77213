#!/usr/bin/env bash
# Generates the rule cases of issue 11's diagnoses and lints:
#   - one root cause, one finding: the cases of cert.expired, cert.not-yet-valid and
#     cert.weak-signature where another rule owns the root cause (docs/chains.md "One root
#     cause, one finding");
#   - cert.bad-time-encoding: validity times RFC 5280 §4.1.2.5 forbids, crafted as DER by
#     testdata/gen/der-times.py and signed with the cryptography module;
#   - the certificate lints (cert.validity-too-long, cert.bad-dns-name, cert.internal-name,
#     cert.cn-too-long, cert.no-revocation-info);
# and testdata/rules/diag-README.md. Layout, object ids and the `expected` format:
# docs/dev/conventions.md.
#
# Tools: openssl 3.0, GnuTLS certtool 3.7, python3 with cryptography (apt-get install openssl
# gnutls-bin python3-cryptography). Keys (and so ids) are random on every run; the outputs are
# committed. Every case is evaluated --at 2026-06-01T00:00:00Z.
# Idempotent: deletes and regenerates only the case folders it owns (listed in OWN below) and
# the rule folders of the rules it alone makes. testdata/gen/rules.sh runs it at its end (it
# wipes the cert.* folders first). Runnable from any directory.
set -euo pipefail
export TZ=UTC LC_ALL=C # certtool reads activation_date/expiration_date as LOCAL time

for t in openssl certtool sha256sum base64 python3; do
  command -v "$t" >/dev/null || { echo "diag.sh: missing tool: $t" >&2; exit 2; }
done
python3 -c 'import cryptography' 2>/dev/null ||
  { echo "diag.sh: missing python3 cryptography (apt-get install python3-cryptography)" >&2; exit 2; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-diag.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$HERE/lib.sh"

declare -A SEV=(
  [cert.expired]=error [cert.not-yet-valid]=error [cert.weak-signature]=warning
  [cert.bad-time-encoding]=error [cert.validity-too-long]=warning [cert.bad-dns-name]=warning
  [cert.internal-name]=warning [cert.cn-too-long]=warning [cert.no-revocation-info]=info
)
# rule folders this script alone writes (wiped whole)
OWN_RULES=(cert.bad-time-encoding cert.validity-too-long cert.bad-dns-name cert.internal-name
  cert.cn-too-long cert.no-revocation-info)
# case folders it writes inside rule folders other scripts share
OWN_CASES=(
  cert.expired/passes-expired-root-only-in-cucm-trust
  cert.expired/passes-expired-intermediate-reported-by-chain
  cert.expired/fires-expired-root-cucm-rules-skipped
  cert.expired/fires-expired-identity-also-in-trust
  cert.expired/passes-utctime-year-51-reported-as-bad-time-encoding
  cert.not-yet-valid/passes-future-intermediate-reported-by-chain
  cert.weak-signature/fires-md5-leaf-issuer-not-in-input
  cert.weak-signature/passes-md5-leaf-rejected-by-chain
  cert.weak-signature/passes-sha1-leaf-rejected-by-webpki
  cert.weak-signature/fires-sha1-intermediate-only-in-trust-store
)
for r in "${OWN_RULES[@]}"; do rm -rf "${OUT:?}/$r"; done
for c in "${OWN_CASES[@]}"; do rm -rf "${OUT:?}/$c"; done
rm -f "$OUT/diag-README.md"

# ---------------------------------------------------------------- helpers

# certh NAME KEY ISSUER|self HASH FROM TO [template line]...  ->  $W/NAME.pem
certh() {
  local name=$1 k=$2 iss=$3 hash=$4 from=$5 to=$6; shift 6
  { printf '%s\n' "$@"
    printf 'activation_date = "%s 00:00:00"\nexpiration_date = "%s 00:00:00"\n' "$from" "$to"
  } >"$W/$name.tmpl"
  if [[ $iss == self ]]; then
    run certtool --generate-self-signed --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
      --hash "$hash" --no-text --outfile "$W/$name.pem"
  else
    run certtool --generate-certificate --load-privkey "$W/$k.key" \
      --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" \
      --template "$W/$name.tmpl" --hash "$hash" --no-text --outfile "$W/$name.pem"
  fi
}

README_ROWS=()
# newcase RULE CASE "description" [extra args]...
newcase() {
  RULE=$1; CASE=$2; C="$OUT/$1/$2"; local desc=$3; shift 3
  [[ -n ${SEV[$RULE]:-} ]] || { echo "unknown rule $RULE" >&2; exit 1; }
  case $CASE in fires-*|passes-*|na-*) ;; *) echo "bad case name $CASE" >&2; exit 1 ;; esac
  local own=0
  for o in "${OWN_RULES[@]}" "${OWN_CASES[@]}"; do
    [[ $o == "$RULE" || $o == "$RULE/$CASE" ]] && own=1
  done
  ((own)) || { echo "diag.sh: $RULE/$CASE is not in OWN_RULES or OWN_CASES" >&2; exit 1; }
  mkdir -p "$C"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  README_ROWS+=("$RULE|$CASE|$desc")
}
# put NAME DEST: copy $W/NAME.pem (or $W/NAME when it exists as is) into input/DEST
put() {
  local src="$W/$1.pem"; [[ -f $src ]] || src="$W/$1"
  mkdir -p "$(dirname "$C/input/$2")"; cp "$src" "$C/input/$2"
}
# cat_into DEST NAME...: the PEM files concatenated into input/DEST (a chain file)
cat_into() {
  local dest=$1; shift
  mkdir -p "$(dirname "$C/input/$dest")"
  for n in "$@"; do cat "$W/$n.pem"; done >"$C/input/$dest"
}
# expect OBJECTS FILE: one expected line for the current rule (kept sorted)
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}
# ids NAME...: the sorted, comma-joined certificate ids of $W/NAME.pem
ids() { for n in "$@"; do certid "$W/$n.pem"; done | sort | paste -sd, -; }

CA=(ca cert_signing_key crl_signing_key)
SRV=(signing_key encryption_key tls_www_server)

# ---------------------------------------------------------------- shared material
# a CA's key is named after its certificate: cert finds the issuer's key as $W/ISSUER.key
key root rsa2048; key inter_expired rsa2048; key inter_future rsa2048; key leafk p256
key partner_old rsa2048; key legacy_ca rsa2048; key pubss rsa2048
cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' \
  'serial = 1' "${CA[@]}"
# "Old Partner CA": a partner's root that expired 2025-01-01, kept in a trust store
cert partner_old partner_old self 2015-01-01 2025-01-01 'cn = "Old Partner CA"' \
  'organization = "Partner"' "${CA[@]}"
# an issuing CA that expired 2026-01-01, one not valid before 2027-01-01, one valid
cert inter_expired inter_expired root 2024-01-01 2026-01-01 'cn = "Example Issuing CA 2024"' \
  'organization = "Example Corp"' "${CA[@]}"
cert inter_future inter_future root 2027-01-01 2032-01-01 'cn = "Example Issuing CA 2027"' \
  'organization = "Example Corp"' "${CA[@]}"
WWW=('cn = "www.example.com"' 'dns_name = "www.example.com"')
cert leaf_under_expired leafk inter_expired 2025-06-01 2026-12-01 "${SRV[@]}" "${WWW[@]}"
cert leaf_under_future leafk inter_future 2026-01-01 2027-01-01 "${SRV[@]}" "${WWW[@]}"
# weak signatures: GnuTLS 3.7 certtool signs with MD5 and SHA-1 when asked
certh md5leaf leafk root MD5 2026-01-01 2027-01-01 "${SRV[@]}" "${WWW[@]}"
certh sha1leaf leafk root SHA1 2026-01-01 2027-01-01 "${SRV[@]}" "${WWW[@]}"
certh legacy_ca legacy_ca root SHA1 2024-01-01 2030-01-01 'cn = "Legacy Issuing CA"' \
  'organization = "Example Corp"' "${CA[@]}"
# a CUCM self-signed tomcat certificate that expired 2026-01-01
cert tomcat_expired pubss self 2021-01-01 2026-01-01 'cn = "cucm-pub.example.com"' \
  'dns_name = "cucm-pub.example.com"' 'organization = "Example Corp"' "${SRV[@]}" "${CA[@]}"

# ================================================================= one root cause, one finding
newcase cert.expired passes-expired-root-only-in-cucm-trust \
  "Old Partner CA (expired 2025-01-01) only in cucm-pub/tomcat-trust/, beside a valid root: cucm.expired-trust reports it (warning), not cert.expired"
put root cucm-pub/tomcat-trust/Example_Root_CA.pem
put partner_old cucm-pub/tomcat-trust/Old_Partner_CA.pem

newcase cert.expired fires-expired-root-cucm-rules-skipped \
  "the same store, with --skip-rules 'cucm.*': the rule that owns the expiry does not run, so cert.expired reports it" \
  --skip-rules 'cucm.*'
put root cucm-pub/tomcat-trust/Example_Root_CA.pem
put partner_old cucm-pub/tomcat-trust/Old_Partner_CA.pem
expect "$(ids partner_old)" cucm-pub/tomcat-trust/Old_Partner_CA.pem

newcase cert.expired fires-expired-identity-also-in-trust \
  "cucm-pub/tomcat.pem, self-signed, expired 2026-01-01, and its copy in cucm-pub/tomcat-trust/: the identity is expired (cert.expired); cucm.expired-trust reports the copy"
put tomcat_expired cucm-pub/tomcat.pem
put tomcat_expired cucm-pub/tomcat-trust/cucm-pub.pem
put root cucm-pub/tomcat-trust/Example_Root_CA.pem
expect "$(ids tomcat_expired)" cucm-pub/tomcat-trust/cucm-pub.pem

newcase cert.expired passes-expired-intermediate-reported-by-chain \
  "root + issuing CA expired 2026-01-01 + valid leaf: chain.expired-issuer reports the issuing CA with the leaf it breaks"
put root root-ca.pem; put inter_expired intermediate.pem; put leaf_under_expired server.pem

newcase cert.not-yet-valid passes-future-intermediate-reported-by-chain \
  "root + issuing CA valid from 2027-01-01 + leaf: chain.expired-issuer reports the issuing CA"
put root root-ca.pem; put inter_future intermediate.pem; put leaf_under_future server.pem

newcase cert.weak-signature fires-md5-leaf-issuer-not-in-input \
  "a leaf signed md5WithRSA whose issuer is not in the input (no path checks the signature)"
put md5leaf server.pem
expect "$(ids md5leaf)" server.pem

newcase cert.weak-signature passes-md5-leaf-rejected-by-chain \
  "root + leaf signed md5WithRSA: the path is invalid for it (chain.bad-signature, error)"
put root root-ca.pem; put md5leaf server.pem

newcase cert.weak-signature passes-sha1-leaf-rejected-by-webpki \
  "root + leaf signed sha1WithRSA, --purpose server (web PKI profile rejects SHA-1: chain.bad-signature)" \
  --purpose server
put root root-ca.pem; put sha1leaf server.pem

newcase cert.weak-signature fires-sha1-intermediate-only-in-trust-store \
  "Legacy Issuing CA (sha1WithRSA, by the root) and the root only in cucm-pub/CallManager-trust/: OpenSSL builds on from the trusted intermediate to the self-signed root and checks its SHA-1 signature, so it is reported"
put root cucm-pub/CallManager-trust/Example_Root_CA.pem
put legacy_ca cucm-pub/CallManager-trust/Legacy_Issuing_CA.pem
expect "$(ids legacy_ca)" cucm-pub/CallManager-trust/Legacy_Issuing_CA.pem

# ================================================================= cert.bad-time-encoding
# times RFC 5280 §4.1.2.5 forbids: der-times.py rewrites the Validity of a leaf that
# cryptography built, with its own DER writer, and signs it with the root's key (cryptography)
# times NAME NB_TAG NB_TEXT NA_TAG NA_TEXT  ->  $W/NAME.pem, a leaf under "Example Root CA"
times() {
  run python3 "$HERE/der-times.py" "$W/root.pem" "$W/root.key" "$W/leafk.key" \
    "$1.example.com" "$2" "$3" "$4" "$5" "$W/$1.pem"
}
times tz-offset utc 260101000000+0100 utc 270101000000Z
times no-seconds utc 2601010000Z utc 270101000000Z
times fraction utc 260101000000Z gen 20270101000000.5Z
times gen-offset utc 260101000000Z gen 20270101000000+0000
times feb30 utc 260230000000Z utc 270101000000Z
times year51 utc 260101000000Z utc 510101000000Z
times zulu utc 260101000000Z utc 270101000000Z
times gen2051 utc 260101000000Z gen 20510101000000Z

newcase cert.bad-time-encoding fires-utctime-offset \
  "certnew.cer (PEM) with notBefore UTCTime 260101000000+0100 (not Zulu; GnuTLS will not load it, OpenSSL: error 13) + RootCA.cer"
put tz-offset certnew.cer; put root RootCA.cer
expect "$(ids tz-offset)" certnew.cer

newcase cert.bad-time-encoding fires-utctime-without-seconds \
  "server.pem with notBefore UTCTime 2601010000Z (no seconds: GnuTLS reads it, OpenSSL error 13) + root"
put no-seconds server.pem; put root root-ca.pem
expect "$(ids no-seconds)" server.pem

newcase cert.bad-time-encoding fires-generalizedtime-fraction \
  "server.pem with notAfter GeneralizedTime 20270101000000.5Z (fractional seconds) + root"
put fraction server.pem; put root root-ca.pem
expect "$(ids fraction)" server.pem

newcase cert.bad-time-encoding fires-generalizedtime-offset \
  "server.pem with notAfter GeneralizedTime 20270101000000+0000 (an offset, even +0000, is not Z) + root"
put gen-offset server.pem; put root root-ca.pem
expect "$(ids gen-offset)" server.pem

newcase cert.bad-time-encoding fires-february-30 \
  "server.pem with notBefore UTCTime 260230000000Z (no such date: GnuTLS reads 2 March, OpenSSL error 13) + root"
put feb30 server.pem; put root root-ca.pem
expect "$(ids feb30)" server.pem

newcase cert.bad-time-encoding fires-utctime-year-51 \
  "server.pem with notBefore 2026-01-01 and notAfter UTCTime 510101000000Z: 1951 by RFC 5280, before notBefore (meant 2051, which must be a GeneralizedTime) + root"
put year51 server.pem; put root root-ca.pem
expect "$(ids year51)" server.pem

newcase cert.bad-time-encoding passes-rfc5280-times \
  "the same leaf with UTCTime 260101000000Z / 270101000000Z (written by the same DER writer) + root; and a leaf whose notAfter 2051 is a GeneralizedTime"
put zulu server.pem; put gen2051 server-2051.pem; put root root-ca.pem

newcase cert.bad-time-encoding na-csr-only "only a CSR (no certificate)"
run openssl req -new -key "$W/leafk.key" -subj "/CN=www.example.com" -out "$W/www.csr"
put www.csr server.csr

newcase cert.expired passes-utctime-year-51-reported-as-bad-time-encoding \
  "the leaf whose notAfter UTCTime 510101000000Z reads as 1951, before its notBefore: cert.bad-time-encoding says why, cert.expired does not also report an expiry in 1951"
put year51 server.pem; put root root-ca.pem

# ================================================================= certificate lints
# cert-lints.py (python3 cryptography) writes the certificates into $W/lint/: "Example Public
# Root CA" (public-root, given with --public-roots as a browser's store) and "Corp Private Root
# CA" (private-root), and leaves under them
mkdir -p "$W/lint"
run python3 "$HERE/cert-lints.py" "$W/lint"
L() { echo "lint/$1"; }
PUB=(--public-roots input/public-roots)

# ---- cert.validity-too-long
newcase cert.validity-too-long fires-398-days-and-1-second \
  "notBefore 2025-06-01, notAfter 398 days later: 398 days and 1 second counted inclusively (RFC 5280), over the 398 in force since 2020-09-01; chains to the public root" "${PUB[@]}"
put "$(L v398-exact)" server.pem; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem
expect "$(ids "$(L v398-exact)")" server.pem

newcase cert.validity-too-long fires-365-days-after-2026-03-15 \
  "notBefore 2026-04-01, 365 days: within 398 but over the 200 in force from 2026-03-15 (SC-081)" "${PUB[@]}"
put "$(L v365-after-sc081)" certnew.cer; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem
expect "$(ids "$(L v365-after-sc081)")" certnew.cer

newcase cert.validity-too-long passes-within-limits \
  "397 days from 2026-01-01, and 199 days from 2026-04-01, both under the public root" "${PUB[@]}"
put "$(L v397)" www-2026.pem; put "$(L v199-after-sc081)" www-2026-04.pem
put "$(L public-root)" public-roots/Example_Public_Root_CA.pem

newcase cert.validity-too-long na-private-root \
  "a five-year CUCM certificate from Corp Private Root CA (root programs exempt private CAs); the public store is given" "${PUB[@]}"
put "$(L v5y-private)" cucm-pub/tomcat.pem; put "$(L private-root)" cucm-pub/tomcat-trust/Corp_Private_Root_CA.pem
put "$(L public-root)" public-roots/Example_Public_Root_CA.pem

newcase cert.validity-too-long na-no-public-root-store \
  "the five-year certificate under the public root, but no --public-roots / --system-trust: not checked (the rule says so instead of guessing)"
put "$(L v5y-public)" server.pem; put "$(L public-root)" RootCA.cer
not_checked "1 TLS server certificate: whether it chains to a public root cannot be told without the public roots (and every intermediate)" \
  "--public-roots PATH (or --system-trust)"

newcase cert.validity-too-long na-client-certificate \
  "a five-year client certificate (EKU clientAuth only) under the public root: not a TLS server certificate" "${PUB[@]}"
put "$(L v5y-client)" alice.pem; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem

# ---- cert.bad-dns-name
newcase cert.bad-dns-name fires-underscore \
  "SAN sip_proxy.example.com (an underscore) and www.example.com, private root"
put "$(L dns-underscore)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-underscore)")" server.pem

newcase cert.bad-dns-name fires-empty-labels \
  "SAN www..example.com, .example.com and www.example.com. (a trailing dot)"
put "$(L dns-empty-labels)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-empty-labels)")" server.pem

newcase cert.bad-dns-name fires-misplaced-wildcards \
  "SAN *, *.com, w*.example.com, www.*.example.com"
put "$(L dns-wildcards)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-wildcards)")" server.pem

newcase cert.bad-dns-name passes-too-long-reported-by-chain \
  "SAN with a 64-character label, and a 254-character name: names the decoder rejects make the leaf's path invalid, and chain.malformed-certificate reports them (error)"
put "$(L dns-lengths)" server.pem; put "$(L private-root)" root-ca.pem

newcase cert.bad-dns-name fires-too-long-chain-rules-skipped \
  "the same, with --skip-rules 'chain.*': the owner does not run, so this rule reports them" \
  --skip-rules 'chain.*'
put "$(L dns-lengths)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-lengths)")" server.pem

newcase cert.bad-dns-name passes-nul-byte-reported-by-chain \
  "SAN \"www.example.com<NUL>.evil.example\" (the NUL-prefix attack): chain.malformed-certificate reports it (error)"
put "$(L dns-nul)" server.pem; put "$(L private-root)" root-ca.pem

newcase cert.bad-dns-name fires-nul-byte-chain-rules-skipped \
  "the same, with --skip-rules 'chain.*'" --skip-rules 'chain.*'
put "$(L dns-nul)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-nul)")" server.pem

newcase cert.bad-dns-name fires-label-starts-with-hyphen \
  "SAN -www.example.com"
put "$(L dns-hyphen)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L dns-hyphen)")" server.pem

newcase cert.bad-dns-name passes-good-names \
  "SAN www.example.com, *.example.com, xn--bcher-kva.example, a 63-character label, a 253-character name"
put "$(L dns-good)" server.pem; put "$(L private-root)" root-ca.pem

newcase cert.bad-dns-name na-no-dns-name \
  "a certificate whose SAN holds only an IP address, and its root (no SAN)"
put "$(L ip-only)" server.pem; put "$(L private-root)" root-ca.pem

# ---- cert.internal-name
newcase cert.internal-name fires-internal-names-under-public-root \
  "SAN cucm-pub, cucm-pub.corp.local, www.example.com, 10.1.2.3, fd00::1 under the public root" "${PUB[@]}"
put "$(L internal-public)" cucm-pub.pem; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem
expect "$(ids "$(L internal-public)")" cucm-pub.pem

newcase cert.internal-name fires-loopback-and-link-local \
  "SAN www.example.com with IP 127.0.0.1 and 169.254.10.1 under the public root" "${PUB[@]}"
put "$(L internal-loopback)" server.pem; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem
expect "$(ids "$(L internal-loopback)")" server.pem

newcase cert.internal-name passes-public-names \
  "SAN www.example.com, mail.example.com, 93.184.216.34 under the public root" "${PUB[@]}"
put "$(L public-names)" server.pem; put "$(L public-root)" public-roots/Example_Public_Root_CA.pem

newcase cert.internal-name na-private-root \
  "the internal names under Corp Private Root CA (a private CA may name its own hosts); the public store is given" "${PUB[@]}"
put "$(L internal-private)" cucm-pub/tomcat.pem; put "$(L private-root)" cucm-pub/tomcat-trust/Corp_Private_Root_CA.pem
put "$(L public-root)" public-roots/Example_Public_Root_CA.pem

newcase cert.internal-name na-no-public-root-store \
  "the internal names under the public root, but no --public-roots / --system-trust: not checked"
put "$(L internal-public)" cucm-pub.pem; put "$(L public-root)" RootCA.cer
not_checked "1 TLS server certificate: whether it chains to a public root cannot be told without the public roots (and every intermediate)" \
  "--public-roots PATH (or --system-trust)"

# ---- cert.cn-too-long
newcase cert.cn-too-long fires-65-characters \
  "CN of 65 characters (53 h + .example.com)"
put "$(L cn65)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L cn65)")" server.pem

newcase cert.cn-too-long passes-64-characters-116-bytes \
  "CN of 64 characters, 52 of them é (116 bytes in UTF-8: the bound counts characters)"
put "$(L cn64-accents)" server.pem; put "$(L private-root)" root-ca.pem

newcase cert.cn-too-long na-no-common-name \
  "a certificate whose subject has no CN (the name is in a critical SAN)"
put "$(L no-cn)" server.pem

# ---- cert.no-revocation-info
newcase cert.no-revocation-info fires-no-aia-no-crl \
  "a CA-issued leaf with neither authorityInformationAccess nor cRLDistributionPoints"
put "$(L no-revocation)" server.pem; put "$(L private-root)" root-ca.pem
expect "$(ids "$(L no-revocation)")" server.pem

newcase cert.no-revocation-info passes-ocsp-or-crl \
  "one leaf with an OCSP URL only, one with a CRL distribution point only"
put "$(L ocsp-only)" ocsp.pem; put "$(L crldp-only)" crl.pem; put "$(L private-root)" root-ca.pem

newcase cert.no-revocation-info na-self-signed-only \
  "only the self-signed root (nobody revokes a self-issued certificate)"
put "$(L private-root)" root-ca.pem

# ---------------------------------------------------------------- README
{
  cat <<'EOF'
# Rule cases (issue 11: one root cause, one finding; time encodings; certificate lints)

Generated by `testdata/gen/diag.sh` (openssl 3.0, GnuTLS certtool 3.7, python3 cryptography)
-- do not edit by hand, edit the script and rerun it. Layout, object ids and the `expected`
format: `docs/dev/conventions.md`; roles from paths: `docs/roles.md`. Every case is evaluated
`--at 2026-06-01T00:00:00Z`. "Example Root CA" is RSA 2048/SHA-256, valid
2024-01-01..2036-01-01; leaves are EC P-256. Keys are random, so ids change on every
regeneration.
EOF
  last=
  # grouped by rule, cases in the order made
  printf '%s\n' "${README_ROWS[@]}" | sort -s -t'|' -k1,1 >"$W/rows"
  while IFS= read -r row; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$last" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"
      last=$r
    fi
    # shellcheck disable=SC2016 # literal backticks in the README table
    printf '| `%s` | %s |\n' "$c" "$d"
  done <"$W/rows"
} >"$OUT/diag-README.md"

echo "diag.sh: wrote ${#README_ROWS[@]} cases" >&2
