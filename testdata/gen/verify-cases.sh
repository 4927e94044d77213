#!/usr/bin/env bash
# Generates testdata/verify/<case>/ for tests/test_verify.c: path validation verdicts of
# `certdiag verify` (docs/chains.md, "Validating a path", "Certificate structure", "Profiles").
#   <case>/trust/*.pem      trust anchors (--trust <case>/trust)
#   <case>/untrusted/*.pem  intermediates (--untrusted <case>/untrusted), when the case has any
#   <case>/leaf.pem         the certificate to verify
#   <case>/expect           line 1: valid|invalid; then the other arguments, one per line
# Every certificate is made by `openssl ca` (OpenSSL 3.0) from a config that states its
# extensions, so odd ones (duplicates, raw DER, critical flags) are explicit. Keys are random
# on every run; validity is fixed (2025-01-01 to 2035-01-01) and cases verify --at 2026-06-01.
# Idempotent: deletes and regenerates testdata/verify/. Runnable from any directory.
set -euo pipefail
export TZ=UTC LC_ALL=C

for t in openssl sha256sum; do
  command -v "$t" >/dev/null || { echo "verify-cases.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/verify
AT=2026-06-01T00:00:00Z
FROM=20250101000000Z
TO=20350101000000Z

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-verify.XXXXXX")
trap 'rm -rf "$W"' EXIT
rm -rf "$OUT"; mkdir -p "$OUT"

run() { "$@" >"$W/.log" 2>&1 || { echo "verify-cases.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }

# key NAME [ec|p384|p192|rsa BITS]  ->  $W/NAME.key
key() {
  local n=$1 kind=${2:-ec}
  case $kind in
    ec)   run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$n.key" ;;
    p384) run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$W/$n.key" ;;
    p192) run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime192v1 -out "$W/$n.key" ;;
    rsa)  run openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$3" -out "$W/$n.key" ;;
  esac
}

# mk NAME KEY ISSUER|self SUBJECT [MD] [SERIAL_HEX] -- EXT_LINE...  ->  $W/NAME.pem
#   EXT_LINE: openssl x509v3 config lines (the whole extension set of the certificate)
declare -A KEYOF
mk() {
  local name=$1 k=$2 iss=$3 subj=$4 md=sha256 serial
  serial=$(openssl rand -hex 16)
  shift 4
  [[ $1 != -- ]] && { md=$1; shift; }
  [[ $1 != -- ]] && { serial=$1; shift; }
  shift # --
  local d=$W/ca-$name; mkdir -p "$d"; : >"$d/index.txt"
  { printf '[ca]\ndefault_ca = c\n[c]\ndatabase = %s/index.txt\nnew_certs_dir = %s\n' "$d" "$d"
    printf 'serial = %s/serial\npolicy = p\nunique_subject = no\ncopy_extensions = none\n' "$d"
    printf '[p]\ncommonName = optional\norganizationName = optional\n[x]\n'
    printf '%s\n' "$@"; } >"$d/ca.cnf"
  echo "$serial" >"$d/serial"
  run openssl req -new -key "$W/$k.key" -subj "$subj" -out "$d/req.pem"
  if [[ $iss == self ]]; then
    run openssl ca -batch -config "$d/ca.cnf" -extensions x -notext -md "$md" -preserveDN \
      -startdate "$FROM" -enddate "$TO" -selfsign -keyfile "$W/$k.key" -in "$d/req.pem" \
      -out "$W/$name.pem"
  else
    run openssl ca -batch -config "$d/ca.cnf" -extensions x -notext -md "$md" -preserveDN \
      -startdate "$FROM" -enddate "$TO" -cert "$W/$iss.pem" -keyfile "$W/${KEYOF[$iss]}.key" \
      -in "$d/req.pem" -out "$W/$name.pem"
  fi
  KEYOF[$name]=$k
  run openssl x509 -in "$W/$name.pem" -out "$W/$name.pem"
}

# patch_resign NAME ISSUER HEX_FROM HEX_TO: replace bytes in NAME's TBSCertificate and sign it
#   again with ISSUER's EC key (ecdsa-with-SHA256): for encodings no tool writes on purpose
patch_resign() {
  local name=$1 iss=$2 from=$3 to=$4 tbs sig body alg len
  run openssl asn1parse -in "$W/$name.pem" -strparse 4 -noout -out "$W/$name.tbs"
  tbs=$(od -An -v -tx1 "$W/$name.tbs" | tr -d ' \n')
  [[ $tbs == *"$from"* ]] || { echo "verify-cases.sh: $from not in $name" >&2; exit 1; }
  tbs=${tbs/"$from"/"$to"}
  printf '%s' "$tbs" | sed 's/../\\x&/g' | xargs -0 printf '%b' >"$W/$name.tbs"
  run openssl dgst -sha256 -sign "$W/${KEYOF[$iss]}.key" -out "$W/$name.sig" "$W/$name.tbs"
  sig=$(od -An -v -tx1 "$W/$name.sig" | tr -d ' \n')
  alg=300a06082a8648ce3d040302
  # BIT STRING (no unused bits) holding the signature
  len=$(( ${#sig} / 2 + 1 ))
  if (( len < 128 )); then sig=03$(printf '%02x' $len)00$sig; else sig=0381$(printf '%02x' $len)00$sig; fi
  body=$tbs$alg$sig
  len=$(( ${#body} / 2 ))
  printf '%s' "30820$(printf '%03x' $len)$body" | sed 's/../\\x&/g' | xargs -0 printf '%b' >"$W/$name.der"
  run openssl x509 -inform der -in "$W/$name.der" -out "$W/$name.pem"
}

# aki_of KEY: an authorityKeyIdentifier config line naming KEY's key id (SHA-1 of the key, as
#   `subjectKeyIdentifier = hash` computes it), for issuers that carry no SKI themselves
aki_of() {
  local id
  run openssl req -new -x509 -key "$W/$1.key" -subj /CN=keyid -addext subjectKeyIdentifier=hash -out "$W/keyid.pem"
  id=$(openssl x509 -in "$W/keyid.pem" -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' :')
  echo "authorityKeyIdentifier = DER:30168014$id"
}

ROOT=("basicConstraints = critical,CA:TRUE" "keyUsage = critical,keyCertSign,cRLSign"
      "subjectKeyIdentifier = hash")
ICA=("${ROOT[@]}" "authorityKeyIdentifier = keyid:always")
# a TLS server certificate (BR §7.1.2.7) for example.com
LEAF_BASE=("basicConstraints = critical,CA:FALSE" "subjectKeyIdentifier = hash"
           "authorityKeyIdentifier = keyid:always")
LEAF=("${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" "extendedKeyUsage = serverAuth"
      "subjectAltName = DNS:example.com")

# case NAME valid|invalid TRUST "UNTRUSTED..." LEAF [ARG]...
case_() {
  local name=$1 verdict=$2 trust=$3 untrusted=$4 leaf=$5; shift 5
  local c=$OUT/$name n
  mkdir -p "$c/trust"
  for n in $trust; do cp "$W/$n.pem" "$c/trust/$n.pem"; done
  if [[ -n $untrusted ]]; then
    mkdir -p "$c/untrusted"
    for n in $untrusted; do cp "$W/$n.pem" "$c/untrusted/$n.pem"; done
  fi
  cp "$W/$leaf.pem" "$c/leaf.pem"
  printf '%s\n' "$verdict" --at "$AT" "$@" >"$c/expect"
}

# ---------------------------------------------------------------- shared CAs
key rootk; key icak; key leafk
mk root rootk self "/CN=Verify Root" -- "${ROOT[@]}"
mk ica icak root "/CN=Verify ICA" -- "${ICA[@]}"

# ---------------------------------------------------------------- baseline
mk leaf leafk root "/CN=example.com" -- "${LEAF[@]}"
case_ ok-root-leaf valid root "" leaf --purpose server --host example.com
mk leaf-i leafk ica "/CN=example.com" -- "${LEAF[@]}"
case_ ok-intermediate valid root ica leaf-i --purpose server --host example.com
case_ ok-intermediate-trusted valid ica root leaf-i --purpose server

# ---------------------------------------------------------------- RFC 5280 structure (both profiles)
# §4.2: a certificate MUST NOT include more than one instance of an extension
# (OpenSSL replaces a repeated extension: write issuerAltName, then rename it subjectAltName)
mk dup leafk root "/CN=example.com" -- "${LEAF[@]}" "issuerAltName = DNS:example.com"
patch_resign dup root 0603551d12 0603551d11
case_ dup-extension invalid root "" dup --purpose any
# §4.2.1.6: the SAN is GeneralNames, not bare text; and has at least one entry
mk badsan leafk root "/CN=x" -- "${LEAF_BASE[@]}" "2.5.29.17 = DER:6578616D706C652E636F6D"
case_ malformed-san invalid root "" badsan --purpose any
mk emptysan leafk root "/CN=x" -- "${LEAF_BASE[@]}" "2.5.29.17 = DER:3000"
case_ empty-san invalid root "" emptysan --purpose any
# §4.2.2.1: AuthorityInfoAccessSyntax has at least one AccessDescription
mk badaia leafk root "/CN=example.com" -- "${LEAF[@]}" "1.3.6.1.5.5.7.1.1 = DER:3000"
case_ empty-aia invalid root "" badaia --purpose any
# §4.2.1.3: a keyUsage asserts at least one bit
mk kunone leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "2.5.29.15 = critical,DER:030100"
case_ keyusage-no-bit invalid root "" kunone --purpose any
# §4.2.1.9: keyCertSign without cA=TRUE: the web PKI rejects it; RFC 5280 alone lets the relying
# party use the certificate (CUCM CallManager certificates ask for keyCertSign)
mk kcs leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature,keyCertSign" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-leaf-keycertsign invalid root "" kcs --purpose server
case_ rfc5280-leaf-keycertsign valid root "" kcs --purpose any
# §4.1.1.2: signatureAlgorithm equals TBSCertificate.signature (inner made SHA-384, outer SHA-256)
mk sigmis leafk root "/CN=example.com" -- "${LEAF[@]}"
patch_resign sigmis root 06082a8648ce3d040302 06082a8648ce3d040303
case_ signature-algorithm-mismatch invalid root "" sigmis --purpose any
# §4.2.1.11: policyConstraints is critical
key pck
mk ica-pc pck root "/CN=ICA PC NonCrit" -- "${ICA[@]}" "policyConstraints = requireExplicitPolicy:3"
mk ica-pc-leaf leafk ica-pc "/CN=example.com" -- "${LEAF[@]}"
case_ policyconstraints-noncritical invalid root ica-pc ica-pc-leaf --purpose any
# §4.2.1.10: nameConstraints only in CA certificates
mk eenc leafk root "/CN=example.com" -- "${LEAF[@]}" "nameConstraints = critical,permitted;DNS:example.com"
case_ nc-in-end-entity invalid root "" eenc --purpose any
# §4.2.1.10: directoryName constraints apply to the subject, not only to SAN directoryNames
key nck
mk ncdn nck self "/CN=NC DN Root" -- "${ROOT[@]}" "nameConstraints = critical,permitted;dirName:ncdn_sect" \
  "[ncdn_sect]" "O = Good"
mk dn-good leafk ncdn "/O=Good/CN=example.com" -- "${LEAF[@]}"
mk dn-bad leafk ncdn "/O=Bad/CN=example.com" -- "${LEAF[@]}"
case_ nc-dn-subject-inside valid ncdn "" dn-good --purpose server
case_ nc-dn-subject-outside invalid ncdn "" dn-bad --purpose server
# §4.2.1.10 writes a dNSName constraint without a leading period (that form is for URIs and
# e-mail), but real CAs use it (HARICA's 2011 root: DNS:.gr, .eu, .edu, .org) and OpenSSL,
# GnuTLS, NSS and Go read it as "subdomains only": so does certdiag
mk ncdot nck self "/CN=NC Dot Root" -- "${ROOT[@]}" "nameConstraints = critical,permitted;DNS:.example.com"
mk dot-leaf leafk ncdot "/CN=www.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:www.example.com"
mk dot-apex leafk ncdot "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
mk dot-outside leafk ncdot "/CN=www.example.org" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:www.example.org"
case_ nc-leading-period valid ncdot "" dot-leaf --purpose server
case_ nc-leading-period-apex invalid ncdot "" dot-apex --purpose server
case_ nc-leading-period-outside invalid ncdot "" dot-outside --purpose server
# the claim is OpenSSL's reading: its verdicts on the same three must be the cases' own
for pair in dot-leaf:OK dot-apex:FAIL dot-outside:FAIL; do
  got=$(openssl verify -CAfile "$W/ncdot.pem" -purpose sslserver "$W/${pair%%:*}.pem" >/dev/null 2>&1 && echo OK || echo FAIL)
  [[ $got == "${pair#*:}" ]] || { echo "verify-cases.sh: openssl says $got for ${pair%%:*}" >&2; exit 1; }
done
# §4.2.1.10 asks for critical; BR §7.1.2.5.2 allows non-critical: profile-dependent
# (a rule for the CA that issues the constrained certificate: an anchor's own nameConstraints
# apply below it whatever their flag, RFC 5280 §6.1.1 (d))
mk ncnc nck root "/CN=NC NonCrit ICA" -- "${ICA[@]}" "nameConstraints = permitted;DNS:example.com"
mk ncnc-leaf leafk ncnc "/CN=example.com" -- "${LEAF[@]}"
case_ nc-noncritical-rfc5280 invalid root ncnc ncnc-leaf --purpose any
case_ nc-noncritical-webpki valid root ncnc ncnc-leaf --purpose server
mk ncnc-root nck self "/CN=NC NonCrit Root" -- "${ROOT[@]}" "nameConstraints = permitted;DNS:example.com"
mk ncnc-root-leaf leafk ncnc-root "/CN=example.com" -- "${LEAF[@]}"
mk ncnc-root-out leafk ncnc-root "/CN=example.org" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.org"
case_ nc-noncritical-anchor-rfc5280 valid ncnc-root "" ncnc-root-leaf --purpose any
case_ nc-noncritical-anchor-still-applies invalid ncnc-root "" ncnc-root-out --purpose any
# §4.2.1.10 excluded subtree; the leaf is checked even when self-issued
mk ncex nck self "/CN=NC Excl Root" -- "${ROOT[@]}" "nameConstraints = critical,excluded;DNS:bad.example.com"
mk ex-leaf leafk ncex "/CN=x.bad.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "subjectAltName = DNS:ok.example.com,DNS:x.bad.example.com"
case_ nc-excluded-second-san invalid ncex "" ex-leaf --purpose any
mk ex-cn leafk ncex "/CN=x.bad.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "subjectAltName = IP:192.0.2.1"
case_ nc-dns-constraint-ignores-cn valid ncex "" ex-cn --purpose server --host 192.0.2.1
# a wildcard SAN that would match an excluded host: rejected defensively (CVE-2025-61727)
key ncwk
mk ncwild ncwk root "/CN=NC Wildcard ICA" -- "${ICA[@]}" \
  "nameConstraints = critical,permitted;DNS:example.com,excluded;DNS:bar.example.com"
mk wild-leaf leafk ncwild "/CN=*.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:*.example.com"
case_ nc-wildcard-covers-excluded invalid root ncwild wild-leaf --purpose server --host bar.example.com
mk ncwild2 ncwk root "/CN=NC Wildcard ICA 2" -- "${ICA[@]}" "nameConstraints = critical,permitted;DNS:example.com"
mk wild-leaf2 leafk ncwild2 "/CN=*.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:*.example.com"
case_ nc-wildcard-inside-permitted valid root ncwild2 wild-leaf2 --purpose server --host foo.example.com

# ---------------------------------------------------------------- loops
# two CAs that certify each other and nothing else: the search ends, the path is incomplete
key cyx; key cyy
mk cy-y0 cyy self "/CN=Cycle Y" -- "${ROOT[@]}"
mk cy-x cyx cy-y0 "/CN=Cycle X" -- "${ICA[@]}"
mk cy-y cyy cy-x "/CN=Cycle Y" -- "${ICA[@]}"
mk cy-leaf leafk cy-x "/CN=example.com" -- "${LEAF[@]}"
case_ cycle-of-intermediates invalid root "cy-x cy-y" cy-leaf --purpose server

# ---------------------------------------------------------------- pathLenConstraint
key pk1; key pk2; key pk3
mk pl0 pk1 root "/CN=PL0" -- "basicConstraints = critical,CA:TRUE,pathlen:0" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
mk pl0b pk2 pl0 "/CN=PL0 B" -- "basicConstraints = critical,CA:TRUE,pathlen:0" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
mk pl-leaf leafk pl0b "/CN=example.com" -- "${LEAF[@]}"
case_ pathlen-exceeded invalid root "pl0 pl0b" pl-leaf --purpose server
# §6.1.4 (l): a self-issued intermediate (key rollover) does not count
mk pl1 pk1 root "/CN=PL1" -- "basicConstraints = critical,CA:TRUE,pathlen:1" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
mk pl1-rollover pk2 pl1 "/CN=PL1" -- "basicConstraints = critical,CA:TRUE,pathlen:1" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
mk pl1-sub pk3 pl1-rollover "/CN=PL1 Sub" -- "basicConstraints = critical,CA:TRUE,pathlen:0" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always"
mk pl1-leaf leafk pl1-sub "/CN=example.com" -- "${LEAF[@]}"
case_ pathlen-self-issued-not-counted valid root "pl1 pl1-rollover pl1-sub" pl1-leaf --purpose server

# ---------------------------------------------------------------- web PKI: the server certificate
mk ee-ca leafk root "/CN=example.com" -- "basicConstraints = critical,CA:TRUE" "keyUsage = critical,digitalSignature,keyCertSign" \
  "subjectKeyIdentifier = hash" "authorityKeyIdentifier = keyid:always" "subjectAltName = DNS:example.com"
case_ webpki-leaf-is-ca invalid root "" ee-ca --purpose server --host example.com
case_ rfc5280-leaf-is-ca valid root "" ee-ca --purpose server --profile rfc5280 --host example.com
mk anyeku leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth,anyExtendedKeyUsage" "subjectAltName = DNS:example.com"
case_ webpki-eku-any invalid root "" anyeku --purpose server
case_ rfc5280-eku-any valid root "" anyeku --purpose server --profile rfc5280
mk codesign leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth,codeSigning" "subjectAltName = DNS:example.com"
case_ webpki-eku-codesigning invalid root "" codesign --purpose server
mk ekucrit leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = critical,serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-eku-critical invalid root "" ekucrit --purpose server
mk noeku leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "subjectAltName = DNS:example.com"
case_ webpki-no-eku-accepted valid root "" noeku --purpose server
mk clienteku leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = clientAuth" "subjectAltName = DNS:example.com"
case_ eku-client-only invalid root "" clienteku --purpose server
key rsak rsa 2048
mk kudata rsak root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,dataEncipherment" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-keyusage-not-tls invalid root "" kudata --purpose server
mk sancrit leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = critical,DNS:example.com"
case_ webpki-san-critical-with-subject invalid root "" sancrit --purpose server
# the CN is not a host name here (no CN fallback): neither compared with the SAN (BR §7.1.4.3
# binds CAs, not clients) nor checked against dNSName constraints (RFC 5280 §4.2.1.10: SANs)
mk cnnotsan leafk root "/CN=other.example.com" -- "${LEAF[@]}"
case_ cn-not-in-san-ignored valid root "" cnnotsan --purpose server --host example.com
mk crit-aki leafk root "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" "subjectKeyIdentifier = hash" \
  "authorityKeyIdentifier = critical,keyid:always" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-aki-critical invalid root "" crit-aki --purpose server
case_ rfc5280-aki-critical invalid root "" crit-aki --purpose any
mk crit-aia leafk root "/CN=example.com" -- "${LEAF[@]}" "authorityInfoAccess = critical,caIssuers;URI:http://example.com/ca.crt"
case_ webpki-aia-critical invalid root "" crit-aia --purpose server
mk noaki leafk root "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" "subjectKeyIdentifier = hash" \
  "authorityKeyIdentifier = none" \
  "keyUsage = critical,digitalSignature" "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-leaf-without-aki invalid root "" noaki --purpose server
case_ rfc5280-leaf-without-aki valid root "" noaki --purpose any
mk serial0 leafk root "/CN=example.com" sha256 00 -- "${LEAF[@]}"
case_ webpki-serial-zero invalid root "" serial0 --purpose server
mk seriallong leafk root "/CN=example.com" sha256 7F$(openssl rand -hex 21) -- "${LEAF[@]}"
case_ webpki-serial-22-octets invalid root "" seriallong --purpose server

# ---------------------------------------------------------------- web PKI: keys and algorithms
mk sha1 leafk root "/CN=example.com" sha1 -- "${LEAF[@]}"
case_ webpki-sha1-signature invalid root "" sha1 --purpose server
case_ rfc5280-sha1-signature valid root "" sha1 --purpose any
key rsa1024 rsa 1024
mk rsa1024 rsa1024 root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature,keyEncipherment" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-rsa-1024 invalid root "" rsa1024 --purpose server
key rsaodd rsa 2056
key rsaodd2 rsa 2052
mk rsaodd rsaodd2 root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ webpki-rsa-modulus-not-multiple-of-8 invalid root "" rsaodd --purpose server
key p192 p192
mk p192 p192 root "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-ec-p192 invalid root "" p192 --purpose server
key p384 p384
mk p384 p384 root "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-ec-p384 valid root "" p384 --purpose server

# ---------------------------------------------------------------- web PKI: CA certificates
key r2
mk root-bcnc r2 self "/CN=Root BC NonCrit" -- "basicConstraints = CA:TRUE" "keyUsage = critical,keyCertSign" "subjectKeyIdentifier = hash"
mk root-bcnc-leaf leafk root-bcnc "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-anchor-basicconstraints-noncritical valid root-bcnc "" root-bcnc-leaf --purpose server
case_ rfc5280-root-basicconstraints-noncritical valid root-bcnc "" root-bcnc-leaf --purpose any
mk root-noski r2 self "/CN=Root No SKI" -- "basicConstraints = critical,CA:TRUE" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = none" "authorityKeyIdentifier = none"
mk root-noski-leaf leafk root-noski "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" \
  "subjectKeyIdentifier = hash" "$(aki_of r2)" "${LEAF[@]:3}"
case_ webpki-anchor-without-ski valid root-noski "" root-noski-leaf --purpose server
mk ica-noski icak root "/CN=ICA No SKI" -- "basicConstraints = critical,CA:TRUE" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = none" "authorityKeyIdentifier = keyid:always"
mk ica-noski-leaf leafk ica-noski "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" \
  "subjectKeyIdentifier = hash" "$(aki_of icak)" "${LEAF[@]:3}"
case_ webpki-intermediate-without-ski invalid root ica-noski ica-noski-leaf --purpose server
mk root-eku r2 self "/CN=Root EKU" -- "${ROOT[@]}" "extendedKeyUsage = serverAuth"
mk root-eku-leaf leafk root-eku "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-anchor-with-eku valid root-eku "" root-eku-leaf --purpose server
mk root-unk r2 self "/CN=Root Unknown Critical" -- "${ROOT[@]}" "1.3.6.1.4.1.55738.666.1 = critical,DER:0500"
mk root-unk-leaf leafk root-unk "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-anchor-unknown-critical-extension invalid root-unk "" root-unk-leaf --purpose server
mk ica-sha1 icak root "/CN=Verify ICA" sha1 -- "${ICA[@]}"
case_ rfc5280-sha1-intermediate valid root ica-sha1 leaf-i --purpose any
case_ webpki-sha1-intermediate invalid root ica-sha1 leaf-i --purpose server

# ---------------------------------------------------------------- anchors, host names
key selfk
mk self selfk self "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" "subjectKeyIdentifier = hash" \
  "keyUsage = critical,digitalSignature" "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com"
case_ leaf-is-its-own-anchor valid self "" self --purpose server --host example.com
mk wmid leafk root "/CN=foo.*.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:foo.*.example.com"
case_ host-wildcard-not-leftmost invalid root "" wmid --purpose server --host foo.bar.example.com
mk wok leafk root "/CN=*.example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:*.example.com"
case_ host-wildcard-one-label valid root "" wok --purpose server --host foo.example.com
case_ host-wildcard-two-labels invalid root "" wok --purpose server --host foo.bar.example.com
case_ host-wildcard-apex invalid root "" wok --purpose server --host example.com
case_ host-trailing-dot valid root "" leaf --purpose server --host example.com.
mk ipdns leafk root "/CN=127.0.0.1" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:127.0.0.1"
case_ host-ip-in-dns-san invalid root "" ipdns --purpose server --host 127.0.0.1
mk ipsan leafk root "/CN=127.0.0.1" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = IP:127.0.0.1"
case_ host-ip-san valid root "" ipsan --purpose server --host 127.0.0.1
case_ host-no-san-match invalid root "" leaf --purpose server --host www.example.com
# RFC 6125 §6.4.2: a U-label reference is compared as its A-label
mk idn leafk root "/CN=xn--bcher-kva.example" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "subjectAltName = DNS:xn--bcher-kva.example"
case_ host-u-label-reference valid root "" idn --purpose server --host bücher.example
case_ host-a-label-reference valid root "" idn --purpose server --host xn--bcher-kva.example

# ---------------------------------------------------------------- issue 11: path validation
# der TAG HEX -> a DER TLV in hex;  hexs TEXT -> the bytes of TEXT in hex
der() {
  local t=$1 c=$2 l=$(( ${#2} / 2 ))
  if (( l < 128 )); then printf '%s%02x%s' "$t" "$l" "$c"
  elif (( l < 256 )); then printf '%s81%02x%s' "$t" "$l" "$c"
  else printf '%s82%04x%s' "$t" "$l" "$c"; fi
}
hexs() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
# san_line ENTRY_HEX... -> a subjectAltName config line from raw GeneralName TLVs
san_line() { local b; b=$(printf '%s' "$@"); echo "2.5.29.17 = DER:$(der 30 "$b")"; }
DNS_OK=$(der 82 "$(hexs example.com)")

# An explicit but empty (or unreadable-only) trust store trusts nothing: the input's own
# self-signed certificates are no anchors then (they are only without any store)
case_ trust-store-empty-file invalid "" "" self --purpose server --host example.com
: >"$OUT/trust-store-empty-file/trust/empty.pem"
case_ trust-store-unreadable-only invalid "" "" self --purpose server --host example.com
echo "not a certificate: the CA sent its chain by mail" >"$OUT/trust-store-unreadable-only/trust/chain.txt"
case_ trust-store-empty-leaf-with-root invalid "" "" leaf --purpose server --host example.com
: >"$OUT/trust-store-empty-leaf-with-root/trust/RootCA.cer"
cat "$W/root.pem" >>"$OUT/trust-store-empty-leaf-with-root/leaf.pem"

# Trust anchors are trusted as configured (RFC 5280 §6.1.1 (d)): what real roots of Debian's
# ca-certificates carry (serial 0: Go Daddy, Starfield; an AKI with issuer and serial:
# Certigna, QuoVadis; a non-critical basicConstraints: ePKI; no SKI: TWCA) does not stop a
# web PKI path below them. What applies below the anchor still does.
key ak
mk anchor-serial0 ak self "/CN=Anchor Serial Zero" sha256 00 -- "${ROOT[@]}"
mk anchor-serial0-leaf leafk anchor-serial0 "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-serial-zero valid anchor-serial0 "" anchor-serial0-leaf --purpose server --host example.com
mk anchor-akiis ak self "/CN=Anchor AKI Issuer Serial" -- "${ROOT[@]}" "authorityKeyIdentifier = keyid:always,issuer:always"
mk anchor-akiis-leaf leafk anchor-akiis "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-aki-keyid-issuer-serial valid anchor-akiis "" anchor-akiis-leaf --purpose server --host example.com
mk anchor-bcnc ak self "/CN=Anchor BC NonCrit" -- "basicConstraints = CA:TRUE" "keyUsage = critical,keyCertSign" "subjectKeyIdentifier = hash"
mk anchor-bcnc-leaf leafk anchor-bcnc "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-basicconstraints-noncritical valid anchor-bcnc "" anchor-bcnc-leaf --purpose server --host example.com
mk anchor-noski ak self "/CN=Anchor No SKI" -- "basicConstraints = critical,CA:TRUE" "keyUsage = critical,keyCertSign" \
  "subjectKeyIdentifier = none" "authorityKeyIdentifier = none"
mk anchor-noski-leaf leafk anchor-noski "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" \
  "subjectKeyIdentifier = hash" "$(aki_of ak)" "${LEAF[@]:3}"
case_ anchor-without-ski valid anchor-noski "" anchor-noski-leaf --purpose server --host example.com
mk anchor-eku ak self "/CN=Anchor EKU" -- "${ROOT[@]}" "extendedKeyUsage = serverAuth"
mk anchor-eku-leaf leafk anchor-eku "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-with-eku valid anchor-eku "" anchor-eku-leaf --purpose server --host example.com
# ... but an anchor that cannot sign certificates, or constrains the path, still counts
mk anchor-nokcs ak self "/CN=Anchor No keyCertSign" -- "basicConstraints = critical,CA:TRUE" \
  "keyUsage = critical,digitalSignature,cRLSign" "subjectKeyIdentifier = hash"
mk anchor-nokcs-leaf leafk anchor-nokcs "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-keyusage-without-keycertsign invalid anchor-nokcs "" anchor-nokcs-leaf --purpose any
mk anchor-pl0 ak self "/CN=Anchor PathLen 0" -- "basicConstraints = critical,CA:TRUE,pathlen:0" \
  "keyUsage = critical,keyCertSign" "subjectKeyIdentifier = hash"
mk anchor-pl0-ica icak anchor-pl0 "/CN=Anchor PathLen 0 ICA" -- "${ICA[@]}"
mk anchor-pl0-leaf leafk anchor-pl0-ica "/CN=example.com" -- "${LEAF[@]}"
case_ anchor-pathlen-exceeded invalid anchor-pl0 anchor-pl0-ica anchor-pl0-leaf --purpose server
key ak1024 rsa 1024
mk anchor-rsa1024 ak1024 self "/CN=Anchor RSA 1024" -- "${ROOT[@]}"
mk anchor-rsa1024-leaf leafk anchor-rsa1024 "/CN=example.com" -- "${LEAF[@]}"
case_ webpki-anchor-rsa-1024 invalid anchor-rsa1024 "" anchor-rsa1024-leaf --purpose server

# authorityCertIssuer and authorityCertSerialNumber come together or not at all (X.509
# §9.2.2.1); GnuTLS's getter reads them as a pair, so a lone one went unseen
NAME_HEX=$(der 30 "$(der 31 "$(der 30 "0603550403$(der 0c "$(hexs 'AKI Root')")")")")
mk aki-issuer-only ak self "/CN=AKI Root" -- "${ROOT[@]}" "2.5.29.35 = DER:$(der 30 "$(der a1 "$(der a4 "$NAME_HEX")")")"
mk aki-issuer-only-leaf leafk aki-issuer-only "/CN=example.com" -- "${LEAF[@]}"
case_ aki-issuer-only-anchor invalid aki-issuer-only "" aki-issuer-only-leaf --purpose any
mk aki-serial-only ak self "/CN=AKI Root" -- "${ROOT[@]}" "2.5.29.35 = DER:$(der 30 "$(der 82 01)")"
mk aki-serial-only-leaf leafk aki-serial-only "/CN=example.com" -- "${LEAF[@]}"
case_ aki-serial-only-anchor invalid aki-serial-only "" aki-serial-only-leaf --purpose any
mk aki-keyid-serial-leaf leafk root "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" \
  "subjectKeyIdentifier = hash" "$(aki_of rootk | sed 's/DER:3016/DER:3019/')8201$(printf '%02x' 7)" \
  "${LEAF[@]:3}"
case_ aki-keyid-serial-only-leaf invalid root "" aki-keyid-serial-leaf --purpose any

# an unknown critical extension fails every certificate of a path, the anchor's too, and a
# trusted leaf that is its own anchor
UNK="1.3.6.1.4.1.55738.666.1 = critical,DER:0500"
mk self-unk selfk self "/CN=example.com" -- "basicConstraints = critical,CA:FALSE" "subjectKeyIdentifier = hash" \
  "keyUsage = critical,digitalSignature" "extendedKeyUsage = serverAuth" "subjectAltName = DNS:example.com" "$UNK"
case_ trusted-leaf-unknown-critical-extension invalid self-unk "" self-unk --purpose server --host example.com
case_ rfc5280-anchor-unknown-critical-extension invalid root-unk "" root-unk-leaf --purpose any
mk ica-unk icak root "/CN=Verify ICA" -- "${ICA[@]}" "$UNK"
case_ trusted-intermediate-unknown-critical-extension invalid ica-unk "" leaf-i --purpose any

# a malformed subjectAltName entry fails the certificate, even when another entry matches
# (RFC 5280 §4.2.1.6: preferred name syntax, 4 or 16 octets, a Mailbox, an absolute URI)
san_case() { # NAME ENTRY_HEX... (each with example.com beside it)
  local n=$1; shift
  mk "san-$n" leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
    "extendedKeyUsage = serverAuth" "$(san_line "$@" "$DNS_OK")"
  case_ "san-$n" invalid root "" "san-$n" --purpose server --host example.com
}
san_case dns-leading-dot "$(der 82 "$(hexs .example.com)")"
san_case ip-8-octets "$(der 87 c0000201ffffff00)"
san_case ip-5-octets "$(der 87 c000020101)"
san_case dns-empty "$(der 82 "")"
san_case dns-nul "$(der 82 "$(hexs example.com)00$(hexs .attacker.test)")"
san_case dns-space "$(der 82 "$(hexs 'www example.com')")"
san_case dns-empty-label "$(der 82 "$(hexs www..example.com)")"
san_case dns-label-over-63 "$(der 82 "$(hexs "$(printf 'a%.0s' {1..64}).example.com")")"
san_case email-without-at "$(der 81 "$(hexs admin.example.com)")"
san_case email-two-at "$(der 81 "$(hexs a@b@example.com)")"
san_case uri-without-scheme "$(der 86 "$(hexs example.com/path)")"
san_case uri-empty "$(der 86 "")"
# the NUL case alone: the name was cut at the NUL and matched the host
mk san-nul-only leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" "$(san_line "$(der 82 "$(hexs example.com)00$(hexs .attacker.test)")")"
case_ san-dns-nul-alone invalid root "" san-nul-only --purpose server --host example.com
mk san-good leafk root "/CN=example.com" -- "${LEAF_BASE[@]}" "keyUsage = critical,digitalSignature" \
  "extendedKeyUsage = serverAuth" \
  "$(san_line "$(der 81 "$(hexs admin@example.com)")" "$(der 86 "$(hexs https://example.com/)")" \
     "$(der 87 c0000201)" "$(der 82 "$(hexs '*.example.com')")" "$(der 82 "$(hexs _sip._tls.example.com)")" "$DNS_OK")"
case_ san-well-formed-entries valid root "" san-good --purpose server --host example.com

n=$(find "$OUT" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "verify-cases.sh: $n cases in $OUT" >&2
