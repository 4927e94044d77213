#!/usr/bin/env bash
# Generates the rule-case fixtures for the chain rules (issue 3):
#   testdata/rules/chain.*/<case>/{args,expected,input/}
#   testdata/rules/chain-README.md
#   testdata/chains/ (shared material: a six-deep bundle, README.md)
# Layout, object ids, the `expected` format and what each chain finding names:
# docs/dev/conventions.md ("Chain findings (issue 3)").
#
# Tools: openssl 3.0, GnuTLS certtool 3.7 (apt-get install openssl gnutls-bin).
# All keys are EC P-256 and random on every run (so ids change); the outputs are committed.
# Validity dates are fixed (certtool templates), so with `--at 2026-06-01T00:00:00Z` results
# are exact. Every case is also checked with `openssl verify -attime 1780272000` (same
# instant); its verdict is recorded in chain-README.md, and passes- cases that openssl can
# check must verify OK.
# Idempotent: every run deletes and regenerates the chain.* dirs and testdata/chains/.
# Runnable from any directory.
# shellcheck disable=SC2016,SC2059,SC2015  # literal backticks in README text; byte flip via printf
set -euo pipefail
export TZ=UTC LC_ALL=C   # certtool reads activation_date/expiration_date as LOCAL time

for t in openssl certtool sha256sum base64 cmp od; do
  command -v "$t" >/dev/null || { echo "chains.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TD=$(cd "$HERE/.." && pwd)
OUT=$TD/rules
SHARED=$TD/chains
AT=2026-06-01T00:00:00Z
AT_EPOCH=1780272000     # date -u -d 2026-06-01T00:00:00Z +%s

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-chains.XXXXXX")
trap 'rm -rf "$W"' EXIT

mkdir -p "$OUT"
# every chain.* case but the one testdata/gen/precheck.sh makes (misordered/na-trust-list-any-order)
# and the two of captures testdata/gen/tls-rules.sh makes (misordered/na-*capture-server-chain)
find "$OUT" -mindepth 2 -maxdepth 2 -type d -path "$OUT/chain.*/*" ! -name na-trust-list-any-order \
  ! -name 'na-*capture-server-chain' -exec rm -rf {} +
rm -rf "$SHARED"; mkdir -p "$SHARED"

declare -A SEV=(
  [chain.incomplete]=error [chain.untrusted-root]=error [chain.bad-signature]=error
  [chain.issuer-not-ca]=error [chain.pathlen-exceeded]=error
  [chain.malformed-certificate]=error [chain.unknown-critical-extension]=error
  [chain.name-constraints-violated]=error [chain.expired-issuer]=error
  [chain.eku-mismatch]=error [chain.hostname-mismatch]=error
  [chain.ambiguous-issuer]=warning [chain.misordered]=warning [chain.cross-signed]=info
  [chain.empty-trust-store]=warning
)

# ---------------------------------------------------------------- helpers

# run CMD...: quiet unless it fails
run() { "$@" >"$W/.log" 2>&1 || { echo "chains.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }

# key NAME -> $W/NAME.key (EC P-256, PKCS#8 PEM)
key() {
  run openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -pkeyopt ec_param_enc:named_curve -out "$W/$1.key"
}

# cert NAME KEY ISSUER|self FROM TO [template line]...  ->  $W/NAME.pem, $W/NAME.der
#   FROM/TO: "YYYY-MM-DD" (00:00:00 UTC). Signed (SHA-256) with the key ISSUER was made with,
#   or with $SIGNKEY if set (a foreign key: the certificate names ISSUER -- issuer DN and
#   authority key id are copied from ISSUER -- but ISSUER's key did not sign it).
declare -A KEYOF
cert() {
  local name=$1 k=$2 iss=$3 from=$4 to=$5; shift 5
  { printf '%s\n' "$@"
    printf 'activation_date = "%s 00:00:00"\nexpiration_date = "%s 00:00:00"\n' "$from" "$to"
  } >"$W/$name.tmpl"
  if [[ $iss == self ]]; then
    run certtool --generate-self-signed --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
      --hash SHA256 --outfile "$W/$name.pem"
  else
    run certtool --generate-certificate --load-privkey "$W/$k.key" \
      --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/${SIGNKEY:-${KEYOF[$iss]}}.key" \
      --template "$W/$name.tmpl" --hash SHA256 --outfile "$W/$name.pem"
  fi
  KEYOF[$name]=$k
  # certtool writes the PEM block only (no text dump) to --outfile; normalise anyway
  run openssl x509 -in "$W/$name.pem" -out "$W/$name.pem"
  run openssl x509 -in "$W/$name.pem" -outform der -out "$W/$name.der"
}
# ossl_cert NAME KEY ISSUER|self FROM TO SUBJECT EXT...  ->  $W/NAME.pem, $W/NAME.der
#   for extension sets certtool will not write (it drops cert_signing_key without `ca`):
#   `openssl ca` with -startdate/-enddate; EXT are openssl x509v3 config lines ("OID = DER:hex"
#   for raw ones); SERIAL=HEX in the environment fixes the serial number
ossl_cert() {
  local name=$1 k=$2 iss=$3 from=$4 to=$5 subj=$6; shift 6
  local d=$W/ca-$name; mkdir -p "$d"; : >"$d/index.txt"
  { printf '[ca]\ndefault_ca = c\n[c]\ndatabase = %s/index.txt\nnew_certs_dir = %s\n' "$d" "$d"
    printf 'serial = %s/serial\npolicy = p\nunique_subject = no\ncopy_extensions = none\n' "$d"
    printf '[p]\ncommonName = supplied\norganizationName = optional\n[x]\n'
    printf '%s\n' "$@"; } >"$d/ca.cnf"
  echo "${SERIAL:-$(openssl rand -hex 16)}" >"$d/serial"
  run openssl req -new -key "$W/$k.key" -subj "$subj" -out "$d/req.pem"
  if [[ $iss == self ]]; then
    run openssl ca -batch -config "$d/ca.cnf" -extensions x -notext -md sha256 -preserveDN \
      -startdate "${from//-/}000000Z" -enddate "${to//-/}000000Z" \
      -selfsign -keyfile "$W/$k.key" -in "$d/req.pem" -out "$W/$name.pem"
  else
    run openssl ca -batch -config "$d/ca.cnf" -extensions x -notext -md sha256 -preserveDN \
      -startdate "${from//-/}000000Z" -enddate "${to//-/}000000Z" \
      -cert "$W/$iss.pem" -keyfile "$W/${KEYOF[$iss]}.key" -in "$d/req.pem" -out "$W/$name.pem"
  fi
  KEYOF[$name]=$k
  run openssl x509 -in "$W/$name.pem" -out "$W/$name.pem"
  run openssl x509 -in "$W/$name.pem" -outform der -out "$W/$name.der"
}
CA=(ca cert_signing_key crl_signing_key)
SERVER=(signing_key tls_www_server)

certid() { openssl x509 -in "$1" -outform der | sha256sum | cut -c1-16 | sed 's/^/cert-/'; }
id() { certid "$W/$1.pem"; }
# cat NAME... -> stdout (PEM bundle)
bundle() { local n; for n in "$@"; do cat "$W/$n.pem"; done; }

# newcase RULE CASE "description" [extra args]...
README_ROWS=()
declare -A OSSL
newcase() {
  RULE=$1; CASE=$2; C="$OUT/$1/$2"; local desc=$3; shift 3
  [[ -n ${SEV[$RULE]:-} ]] || { echo "unknown rule $RULE" >&2; exit 1; }
  case $CASE in fires-*|passes-*|na-*) ;; *) echo "bad case name $CASE" >&2; exit 1 ;; esac
  mkdir -p "$C"
  printf '%s\n' --at "$AT" "$@" >"$C/args"
  : >"$C/expected"
  README_ROWS+=("$RULE|$CASE|$desc")
}
# copycase RULE CASE TO_RULE: the same case (a passes- or na- one, no expected line) for another
# rule too, its README row and openssl verdict with it
copycase() {
  cp -r "$OUT/$1/$2" "$OUT/$3/"
  local row
  for row in "${README_ROWS[@]}"; do
    [[ $row == "$1|$2|"* ]] && README_ROWS+=("$3|$2|${row#"$1|$2|"}")
  done
  [[ -n ${OSSL[$1/$2]:-} ]] && OSSL[$3/$2]=${OSSL[$1/$2]}
  return 0
}
# put NAME DEST: copy $W/NAME.pem into the current case's input/DEST
put() { mkdir -p "$(dirname "$C/input/$2")"; cp "$W/$1.pem" "$C/input/$2"; }
# putb DEST NAME...: one PEM file holding the named certificates, in that order
putb() { local d=$1; shift; mkdir -p "$(dirname "$C/input/$d")"; bundle "$@" >"$C/input/$d"; }
# putf FILE DEST: copy any file
putf() { mkdir -p "$(dirname "$C/input/$2")"; cp "$1" "$C/input/$2"; }
# expect FILE NAME...: one expected line for the current rule; ids of the named certs sorted
expect() {
  local f=$1; shift; local ids=() n
  for n in "$@"; do ids+=("$(id "$n")"); done
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$(printf '%s\n' "${ids[@]}" | sort | paste -sd, -)" \
    "$f" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}

# ov "ANCHORS" "UNTRUSTED" LEAF [openssl verify options]...
#   openssl's verdict on the case, recorded for the README. Must be OK for passes- cases.
ov() {
  local anchors=$1 untrusted=$2 leaf=$3; shift 3
  local a=() r an un
  read -ra an <<<"$anchors"; read -ra un <<<"$untrusted"
  if [[ -n $anchors ]]; then bundle "${an[@]}" >"$W/.ca.pem"; a+=(-CAfile "$W/.ca.pem")
  else a+=(-no-CAfile); fi
  a+=(-no-CApath -no-CAstore)
  if [[ -n $untrusted ]]; then bundle "${un[@]}" >"$W/.unt.pem"; a+=(-untrusted "$W/.unt.pem"); fi
  r=$(openssl verify -attime "$AT_EPOCH" "${a[@]}" "$@" "$W/$leaf.pem" 2>&1 || true)
  if grep -q ': OK$' <<<"$r"; then r=OK
  else r=$(grep -m1 '^error [0-9]' <<<"$r" | sed "s|$W/||; s|^error \([0-9]*\) at \([0-9]*\) depth lookup: |err \1 at depth \2: |")
  fi
  [[ -n $r ]] || r="(no verdict)"
  if [[ $CASE == passes-* && $r != OK ]]; then
    echo "chains.sh: $RULE/$CASE: openssl verify says: $r" >&2; exit 1
  fi
  OSSL[$RULE/$CASE]+="${OSSL[$RULE/$CASE]:+; }$r"
}

# ---------------------------------------------------------------- shared material
# Validity: roots 2024-01-01..2036-01-01, intermediates 2024-06-01..2031-01-01,
# leaves 2026-01-01..2027-01-01, unless said otherwise. --at is 2026-06-01.

key root;   cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
key other;  cert other other self 2024-01-01 2036-01-01 'cn = "Other Root CA"' 'organization = "Other Corp"' "${CA[@]}"
key int;    cert int int root 2024-06-01 2031-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}"
key leafk
WWW=('cn = "www.example.com"' 'dns_name = "www.example.com"')
cert leaf leafk int 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
# sanity: the basic chain verifies
[[ $(openssl verify -attime "$AT_EPOCH" -no-CApath -no-CAstore -CAfile "$W/root.pem" \
      -untrusted "$W/int.pem" "$W/leaf.pem" 2>&1) == *": OK" ]] || { echo "basic chain broken" >&2; exit 1; }

# ================================================================= chain.incomplete
# six-deep: root -> L1 -> ... -> L5 -> leaf
prev=root
for i in 1 2 3 4 5; do
  key "lvl$i"; cert "lvl$i" "lvl$i" "$prev" 2024-06-01 2031-01-01 "cn = \"Example Level $i CA\"" \
    'organization = "Example Corp"' "${CA[@]}"
  prev=lvl$i
done
cert leaf6 leafk lvl5 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "deep.example.com"' 'dns_name = "deep.example.com"'
bundle leaf6 lvl5 lvl4 lvl3 lvl2 lvl1 root >"$W/six-deep.pem"

# loop: X issued by Y, Y issued by X, no self-signed root; leaf issued by X
key loopx; key loopy
cert loopx_ss loopx self 2024-01-01 2036-01-01 'cn = "Loop CA X"' "${CA[@]}"
cert loopy_ss loopy self 2024-01-01 2036-01-01 'cn = "Loop CA Y"' "${CA[@]}"
cert loopx loopx loopy_ss 2024-06-01 2031-01-01 'cn = "Loop CA X"' "${CA[@]}"   # subject X, issuer Y
cert loopy loopy loopx_ss 2024-06-01 2031-01-01 'cn = "Loop CA Y"' "${CA[@]}"   # subject Y, issuer X
cert loopleaf leafk loopx 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "loop.example.com"' 'dns_name = "loop.example.com"'

# a re-keyed root: the key-rollover certificate (subject and issuer "Rollover Root CA", the new
# key, signed by the old key, no authorityKeyIdentifier, as openssl ca writes it without one)
# and a leaf of the new key; the old root is not in the input. The rollover certificate names
# itself as its issuer but is not self-signed.
key rollold; key rollnew
cert rollold_ss rollold self 2024-01-01 2036-01-01 'cn = "Rollover Root CA"' "${CA[@]}"
ossl_cert rollover rollnew rollold_ss 2025-01-01 2035-01-01 "/CN=Rollover Root CA" \
  'basicConstraints = critical,CA:TRUE' 'keyUsage = critical,keyCertSign,cRLSign' \
  'subjectKeyIdentifier = hash' 'authorityKeyIdentifier = none'
cert rollleaf leafk rollover 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "rollover.example.com"' 'dns_name = "rollover.example.com"'

newcase chain.incomplete fires-missing-intermediate \
  "server.pem (leaf) + trust/root-ca.pem (root, --trust); the issuing CA is missing" --trust input/trust
put leaf server.pem; put root trust/root-ca.pem
expect server.pem leaf
ov root "" leaf

newcase chain.incomplete fires-leaf-only-no-store "server.pem only (CA-issued leaf), no store, no root"
put leaf server.pem
expect server.pem leaf
ov "" "" leaf

newcase chain.incomplete fires-loop \
  "server.pem (leaf issued by Loop CA X) + ca-x.pem (X issued by Y) + ca-y.pem (Y issued by X); no self-signed root, no store"
put loopleaf server.pem; put loopx ca-x.pem; put loopy ca-y.pem
expect server.pem loopleaf
ov "" "loopx loopy" loopleaf

newcase chain.incomplete fires-rollover-without-old-root \
  "server.pem (leaf of Rollover Root CA's new key) + rollover.pem (Rollover Root CA, new key, signed by the old key, no AKI); the old self-signed root is missing, no store"
put rollleaf server.pem; put rollover rollover.pem
expect server.pem rollleaf
ov "" rollover rollleaf

newcase chain.incomplete passes-full-chain "server.pem + intermediate.pem + root-ca.pem, no store"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

newcase chain.incomplete passes-six-deep \
  "chain.pem: leaf, Level 5..1 CAs, root (root -> 5 intermediates -> leaf, leaf first), no store"
putf "$W/six-deep.pem" chain.pem
ov root "lvl1 lvl2 lvl3 lvl4 lvl5" leaf6
cp "$W/six-deep.pem" "$SHARED/six-deep.pem"
cp "$W/root.pem" "$SHARED/six-deep-root.pem"

newcase chain.incomplete na-ca-only "intermediate.pem + root-ca.pem, no end-entity certificate"
put int intermediate.pem; put root root-ca.pem

# ================================================================= chain.untrusted-root
newcase chain.untrusted-root fires-root-not-in-store \
  "server.pem + intermediate.pem + root-ca.pem (Example Root CA); --trust input/trust holds only Other Root CA" \
  --trust input/trust
put leaf server.pem; put int intermediate.pem; put root root-ca.pem; put other trust/other-root.pem
expect server.pem leaf root
ov other "int root" leaf

newcase chain.untrusted-root fires-other-root-in-cucm-store \
  "server.pem (no role) + intermediate.pem + root-ca.pem; CallManager-trust/other-root.pem holds Other Root CA (a store exists, Example Root CA is in none)"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem; put other CallManager-trust/other-root.pem
expect server.pem leaf root
ov other "int root" leaf

newcase chain.untrusted-root passes-root-in-store \
  "server.pem + intermediate.pem; trust/root-ca.pem (--trust) holds Example Root CA" --trust input/trust
put leaf server.pem; put int intermediate.pem; put root trust/root-ca.pem
ov root int leaf

newcase chain.untrusted-root passes-root-in-cucm-store \
  "server.pem + intermediate.pem; tomcat-trust/root-ca.pem holds Example Root CA (no --trust)"
put leaf server.pem; put int intermediate.pem; put root tomcat-trust/root-ca.pem
ov root int leaf

newcase chain.untrusted-root na-no-store "server.pem + intermediate.pem + root-ca.pem, no store (self-signed root acts as anchor)"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem

# ================================================================= chain.bad-signature
# tampered: flip the low bit of the last DER byte (the last byte of ECDSA s inside the
# signature BIT STRING), then back to PEM
sz=$(stat -c %s "$W/leaf.der")
last=$(tail -c 1 "$W/leaf.der" | od -An -tu1 | tr -d ' ')
{ head -c $((sz - 1)) "$W/leaf.der"; printf "\\$(printf '%03o' $((last ^ 0x01)))"; } >"$W/tampered.der"
[[ $(stat -c %s "$W/tampered.der") == "$sz" ]] && ! cmp -s "$W/leaf.der" "$W/tampered.der" \
  || { echo "tamper failed" >&2; exit 1; }
run openssl x509 -inform der -in "$W/tampered.der" -out "$W/tampered.pem"   # still parses
# wrong key: names Example Issuing CA (issuer DN and AKI copied from int) but signed by another
# key -- what an impostor CA with int's subject and key id would produce
key impostor
SIGNKEY=impostor cert wrongkey leafk int 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"

newcase chain.bad-signature fires-tampered-leaf \
  "server.pem (leaf, one bit of its signature flipped) + intermediate.pem; trust/root-ca.pem (--trust)" --trust input/trust
put tampered server.pem; put int intermediate.pem; put root trust/root-ca.pem
expect server.pem tampered int
ov root int tampered

newcase chain.bad-signature fires-wrong-issuer-key \
  "server.pem (names Example Issuing CA as issuer, AKI = its key id, but signed by another key) + intermediate.pem; trust/root-ca.pem (--trust)" \
  --trust input/trust
put wrongkey server.pem; put int intermediate.pem; put root trust/root-ca.pem
expect server.pem wrongkey int
ov root int wrongkey

newcase chain.bad-signature passes-good-chain \
  "server.pem + intermediate.pem; trust/root-ca.pem (--trust)" --trust input/trust
put leaf server.pem; put int intermediate.pem; put root trust/root-ca.pem
ov root int leaf

newcase chain.bad-signature na-ca-only "intermediate.pem + root-ca.pem"
put int intermediate.pem; put root root-ca.pem

# ================================================================= chain.issuer-not-ca
key notca
ossl_cert notca notca root 2024-06-01 2031-01-01 "/O=Example Corp/CN=Example Not-a-CA Issuer" \
  'basicConstraints = critical, CA:FALSE' 'keyUsage = critical, keyCertSign, cRLSign' \
  'subjectKeyIdentifier = hash' 'authorityKeyIdentifier = keyid'
cert leaf_notca leafk notca 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
key nokcs
cert nokcs nokcs root 2024-06-01 2031-01-01 'cn = "Example Signing-Only CA"' 'organization = "Example Corp"' \
  ca signing_key                               # CA:TRUE, keyUsage digitalSignature only
cert leaf_nokcs leafk nokcs 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
# v1 intermediate (no extensions at all), not an anchor
key v1ca
printf '%s\n' 'cn = "Example V1 Issuer"' 'organization = "Example Corp"' \
  'activation_date = "2024-06-01 00:00:00"' 'expiration_date = "2031-01-01 00:00:00"' >"$W/v1ca.tmpl"
run certtool --generate-certificate --v1 --load-privkey "$W/v1ca.key" --load-ca-certificate "$W/root.pem" \
  --load-ca-privkey "$W/root.key" --template "$W/v1ca.tmpl" --hash SHA256 --outfile "$W/v1ca.pem"
run openssl x509 -in "$W/v1ca.pem" -out "$W/v1ca.pem"; KEYOF[v1ca]=v1ca
[[ $(openssl x509 -in "$W/v1ca.pem" -noout -text | grep -c 'Version: 1 ') == 1 ]] || { echo "v1ca is not v1" >&2; exit 1; }
cert leaf_v1 leafk v1ca 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"

newcase chain.issuer-not-ca fires-issuer-ca-false \
  "server.pem issued by intermediate.pem (basicConstraints CA:FALSE, keyUsage keyCertSign+cRLSign) + root-ca.pem"
put leaf_notca server.pem; put notca intermediate.pem; put root root-ca.pem
expect intermediate.pem notca
ov root notca leaf_notca

newcase chain.issuer-not-ca fires-issuer-no-keycertsign \
  "server.pem issued by intermediate.pem (CA:TRUE, keyUsage digitalSignature only) + root-ca.pem"
put leaf_nokcs server.pem; put nokcs intermediate.pem; put root root-ca.pem
expect intermediate.pem nokcs
ov root nokcs leaf_nokcs

newcase chain.issuer-not-ca fires-issuer-v1 \
  "server.pem issued by intermediate.pem (X.509 v1, no extensions, issued by the root: not an anchor) + root-ca.pem"
put leaf_v1 server.pem; put v1ca intermediate.pem; put root root-ca.pem
expect intermediate.pem v1ca
ov root v1ca leaf_v1

newcase chain.issuer-not-ca passes-good-chain "server.pem + intermediate.pem + root-ca.pem"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

# a CA on no path gets the certificate-level checks too (issue 11): clean ones pass
newcase chain.issuer-not-ca passes-ca-only "intermediate.pem + root-ca.pem (no end-entity certificate: each CA is checked alone)"
put int intermediate.pem; put root root-ca.pem

newcase chain.issuer-not-ca na-no-certificate "certnew.csr only: a request, no certificate to check"
run openssl req -new -key "$W/leafk.key" -subj "/CN=www.example.com" -out "$W/na.csr"
putf "$W/na.csr" certnew.csr

# ---- certificates on no path: the certificate-level checks of their role (docs/chains.md)
der() { # der TAG HEX -> a DER TLV in hex
  local t=$1 c=$2 l=$(( ${#2} / 2 ))
  if (( l < 128 )); then printf '%s%02x%s' "$t" "$l" "$c"; else printf '%s81%02x%s' "$t" "$l" "$c"; fi
}
hexs() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }
OROOT=('basicConstraints = critical,CA:TRUE' 'keyUsage = critical,keyCertSign,cRLSign' 'subjectKeyIdentifier = hash')
OLEAF=('basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature' 'extendedKeyUsage = serverAuth'
       'subjectKeyIdentifier = hash' 'authorityKeyIdentifier = keyid')
key lone
ossl_cert lone_nokcs lone self 2024-01-01 2036-01-01 "/O=Example Corp/CN=Example Lone Root" \
  'basicConstraints = critical,CA:TRUE' 'keyUsage = critical,digitalSignature,cRLSign' 'subjectKeyIdentifier = hash'
newcase chain.issuer-not-ca fires-lone-root-without-keycertsign \
  "RootCA.cer alone (DER; CA:TRUE, keyUsage digitalSignature+cRLSign: it can sign no certificate)"
run openssl x509 -in "$W/lone_nokcs.pem" -outform der -out "$W/lone_nokcs.cer"
putf "$W/lone_nokcs.cer" RootCA.cer
expect RootCA.cer lone_nokcs
ossl_cert lone_emptysan lone self 2024-01-01 2036-01-01 "/O=Example Corp/CN=Example Store Root" \
  "${OROOT[@]}" '2.5.29.17 = DER:3000'
newcase chain.malformed-certificate fires-trust-member-empty-san \
  "cucm-pub/tomcat-trust/ExampleRoot.pem only: a trust-store member whose subjectAltName is an empty list"
put lone_emptysan cucm-pub/tomcat-trust/ExampleRoot.pem
expect cucm-pub/tomcat-trust/ExampleRoot.pem lone_emptysan
key lonesub
SERIAL=00 ossl_cert lone_sub0 lonesub root 2024-06-01 2031-01-01 "/O=Example Corp/CN=Example Serial Zero CA" \
  "${OROOT[@]}" 'authorityKeyIdentifier = keyid'
newcase chain.malformed-certificate fires-lone-intermediate-serial-zero-webpki \
  "certnew.cer (an intermediate with serial number 0, nothing issued below it) + trust/root-ca.pem; --purpose server (web PKI)" \
  --trust input/trust --purpose server
put lone_sub0 certnew.cer; put root trust/root-ca.pem
expect certnew.cer lone_sub0
# real roots carry serial 0 and an AKI with issuer and serial (Go Daddy, Certigna): as trust
# anchors they are trusted as configured, under the web PKI profile too
key godroot
SERIAL=00 ossl_cert god_root godroot self 2024-01-01 2036-01-01 "/O=Example Corp/CN=Example Class 2 Root" \
  "${OROOT[@]}" 'authorityKeyIdentifier = keyid:always,issuer:always'
ossl_cert god_leaf leafk god_root 2026-01-01 2027-01-01 "/CN=www.example.com" "${OLEAF[@]}" 'subjectAltName = DNS:www.example.com'
newcase chain.issuer-not-ca passes-anchor-like-real-roots-webpki \
  "server.pem + trust/RootCA.pem (serial 0; AKI keyid, issuer and serial); --purpose server (web PKI)" \
  --trust input/trust --purpose server --host www.example.com
put god_leaf server.pem; put god_root trust/RootCA.pem
ov god_root "" god_leaf -purpose sslserver -verify_hostname www.example.com
# X.509 §9.2.2.1: authorityCertIssuer comes with authorityCertSerialNumber; a lone one is malformed
NAME_HEX=$(der 30 "$(der 31 "$(der 30 "0603550403$(der 0c "$(hexs 'Example Half AKI Root')")")")")
ossl_cert aki_root godroot self 2024-01-01 2036-01-01 "/CN=Example Half AKI Root" \
  "${OROOT[@]}" "2.5.29.35 = DER:$(der 30 "$(der a1 "$(der a4 "$NAME_HEX")")")"
ossl_cert aki_leaf leafk aki_root 2026-01-01 2027-01-01 "/CN=www.example.com" "${OLEAF[@]}" 'subjectAltName = DNS:www.example.com'
newcase chain.malformed-certificate fires-anchor-aki-issuer-only \
  "server.pem + trust/RootCA.pem (its authorityKeyIdentifier holds an authorityCertIssuer without the serial)" \
  --trust input/trust
put aki_leaf server.pem; put aki_root trust/RootCA.pem
expect trust/RootCA.pem aki_root
ov aki_root "" aki_leaf
# an unknown critical extension fails a trusted leaf that is its own anchor
ossl_cert unk_self leafk self 2026-01-01 2027-01-01 "/CN=www.example.com" \
  'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature' 'extendedKeyUsage = serverAuth' \
  'subjectKeyIdentifier = hash' 'subjectAltName = DNS:www.example.com' '1.3.6.1.4.1.55738.666.1 = critical,DER:0500'
newcase chain.unknown-critical-extension fires-trusted-leaf-unknown-critical \
  "server.pem, also the only certificate of trust/ (self-signed, with an unknown critical extension)" --trust input/trust
put unk_self server.pem; put unk_self trust/server.pem
expect server.pem unk_self
ov unk_self "" unk_self
# a malformed SAN entry fails the certificate even when another entry matches the host
ossl_cert dot_leaf leafk int 2026-01-01 2027-01-01 "/CN=www.example.com" "${OLEAF[@]}" \
  "2.5.29.17 = DER:$(der 30 "$(der 82 "$(hexs .example.com)")$(der 82 "$(hexs www.example.com)")")"
newcase chain.malformed-certificate fires-san-leading-dot \
  "server.pem (SAN: DNS .example.com and www.example.com) + intermediate.pem + root-ca.pem; --host www.example.com" \
  --host www.example.com
put dot_leaf server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem dot_leaf
ov root int dot_leaf -verify_hostname www.example.com
ossl_cert ip8_leaf leafk int 2026-01-01 2027-01-01 "/CN=www.example.com" "${OLEAF[@]}" \
  "2.5.29.17 = DER:$(der 30 "$(der 87 c0000201ffffff00)$(der 82 "$(hexs www.example.com)")")"
newcase chain.malformed-certificate fires-san-ip-8-octets \
  "server.pem (SAN: an 8-octet iPAddress and DNS www.example.com) + intermediate.pem + root-ca.pem; --host www.example.com" \
  --host www.example.com
put ip8_leaf server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem ip8_leaf
ov root int ip8_leaf -verify_hostname www.example.com

# malformed certificates and unknown critical extensions were chain.issuer-not-ca's until they
# had rules of their own: the clean chain and the request alone pass and do not apply there too
mkdir -p "$OUT/chain.malformed-certificate" "$OUT/chain.unknown-critical-extension"
for r in chain.malformed-certificate chain.unknown-critical-extension; do
  copycase chain.issuer-not-ca passes-good-chain $r
  copycase chain.issuer-not-ca na-no-certificate $r
done
copycase chain.issuer-not-ca passes-anchor-like-real-roots-webpki chain.malformed-certificate

# ================================================================= chain.empty-trust-store
newcase chain.empty-trust-store fires-empty-file \
  "certnew.cer + RootCA.cer; --trust names trust/ca-bundle.pem, an empty file" --trust input/trust/ca-bundle.pem
put leaf certnew.cer; put int SubCA.cer; put root RootCA.cer
mkdir -p "$C/input/trust"; : >"$C/input/trust/ca-bundle.pem"
printf 'chain.empty-trust-store\twarning\t-\tinput/trust/ca-bundle.pem\n' >>"$C/expected"
newcase chain.empty-trust-store fires-only-text \
  "server.pem + intermediate.pem + root-ca.pem; --trust names trust/, which holds only a note" --trust input/trust
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
mkdir -p "$C/input/trust"; echo "root certificates: ask the PKI team" >"$C/input/trust/README.txt"
printf 'chain.empty-trust-store\twarning\t-\tinput/trust\n' >>"$C/expected"
newcase chain.empty-trust-store passes-store-has-root "server.pem + intermediate.pem + trust/root-ca.pem" --trust input/trust
put leaf server.pem; put int intermediate.pem; put root trust/root-ca.pem
newcase chain.empty-trust-store na-no-store-named "server.pem + intermediate.pem + root-ca.pem, no --trust"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
# the empty store trusts nothing: the input's own root is not an anchor then
newcase chain.untrusted-root fires-empty-trust-store \
  "server.pem + intermediate.pem + root-ca.pem; --trust names trust/, which holds only an empty file" --trust input/trust
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
mkdir -p "$C/input/trust"; : >"$C/input/trust/RootCA.cer"
expect server.pem leaf root

# ================================================================= chain.pathlen-exceeded
# RFC 5280 4.2.1.9: pathLenConstraint n = at most n non-self-issued INTERMEDIATE certificates
# may follow in the path (the leaf does not count). So root(0) -> int -> leaf already exceeds
# the root's constraint (if the anchor's own constraint is enforced -- openssl does), and
# root(1) -> int1 -> int2 -> leaf exceeds too. The fires- cases below exceed under every reading
# (2 intermediates under a 0); the passes- case sits exactly at both limits.
key plroot
cert plroot0 plroot self 2024-01-01 2036-01-01 'cn = "PathLen Root CA"' "${CA[@]}" 'path_len = 0'
cert plroot1 plroot self 2024-01-01 2036-01-01 'cn = "PathLen Root CA"' "${CA[@]}" 'path_len = 1'
key pl1; key pl2
cert pl1 pl1 plroot0 2024-06-01 2031-01-01 'cn = "PathLen Issuing CA 1"' "${CA[@]}"
cert pl2 pl2 pl1 2024-06-01 2031-01-01 'cn = "PathLen Issuing CA 2"' "${CA[@]}"
cert leaf_pl leafk pl2 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
cert pl1z pl1 plroot1 2024-06-01 2031-01-01 'cn = "PathLen Issuing CA 1"' "${CA[@]}" 'path_len = 0'
cert leaf_pl1 leafk pl1z 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
# root without pathLen -> int1 (pathLen 0) -> int2 -> leaf
key ip1; key ip2
cert ip1 ip1 root 2024-06-01 2031-01-01 'cn = "Example PathLen0 CA"' "${CA[@]}" 'path_len = 0'
cert ip2 ip2 ip1 2024-06-01 2031-01-01 'cn = "Example Sub CA"' "${CA[@]}"
cert leaf_ip leafk ip2 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"

newcase chain.pathlen-exceeded fires-root-pathlen0-two-intermediates \
  "root-ca.pem (pathLen 0) -> intermediate-1.pem -> intermediate-2.pem -> server.pem, no store; the finding names the root"
put leaf_pl server.pem; put pl2 intermediate-2.pem; put pl1 intermediate-1.pem; put plroot0 root-ca.pem
expect root-ca.pem plroot0
ov plroot0 "pl1 pl2" leaf_pl

newcase chain.pathlen-exceeded fires-intermediate-pathlen0 \
  "root-ca.pem (no pathLen) -> intermediate-1.pem (pathLen 0) -> intermediate-2.pem -> server.pem, no store"
put leaf_ip server.pem; put ip2 intermediate-2.pem; put ip1 intermediate-1.pem; put root root-ca.pem
expect intermediate-1.pem ip1
ov root "ip1 ip2" leaf_ip

newcase chain.pathlen-exceeded passes-pathlen-respected \
  "root-ca.pem (pathLen 1) -> intermediate.pem (pathLen 0) -> server.pem, no store (both at their limit)"
put leaf_pl1 server.pem; put pl1z intermediate.pem; put plroot1 root-ca.pem
ov plroot1 pl1z leaf_pl1

newcase chain.pathlen-exceeded na-no-pathlen "server.pem + intermediate.pem + root-ca.pem, no pathLenConstraint anywhere"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

# ================================================================= chain.name-constraints-violated
key ncp; key ncx
cert ncp ncp root 2024-06-01 2031-01-01 'cn = "Example Constrained CA"' 'organization = "Example Corp"' \
  "${CA[@]}" 'nc_permit_dns = "example.com"'
cert ncx ncx root 2024-06-01 2031-01-01 'cn = "Example Excluding CA"' 'organization = "Example Corp"' \
  "${CA[@]}" 'nc_exclude_dns = "internal.example.com"'
cert leaf_evil leafk ncp 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "evil.org"' 'dns_name = "evil.org"'
cert leaf_ncok leafk ncp 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
cert leaf_internal leafk ncx 2026-01-01 2027-01-01 "${SERVER[@]}" \
  'cn = "db.internal.example.com"' 'dns_name = "db.internal.example.com"'

newcase chain.name-constraints-violated fires-dns-outside-permitted \
  "intermediate.pem (permitted DNS example.com) issued server.pem (SAN DNS evil.org) + root-ca.pem"
put leaf_evil server.pem; put ncp intermediate.pem; put root root-ca.pem
expect server.pem leaf_evil ncp
ov root ncp leaf_evil

newcase chain.name-constraints-violated fires-excluded-subtree \
  "intermediate.pem (excluded DNS internal.example.com) issued server.pem (SAN DNS db.internal.example.com) + root-ca.pem"
put leaf_internal server.pem; put ncx intermediate.pem; put root root-ca.pem
expect server.pem leaf_internal ncx
ov root ncx leaf_internal

newcase chain.name-constraints-violated passes-inside-permitted \
  "intermediate.pem (permitted DNS example.com) issued server.pem (SAN DNS www.example.com) + root-ca.pem"
put leaf_ncok server.pem; put ncp intermediate.pem; put root root-ca.pem
ov root ncp leaf_ncok

newcase chain.name-constraints-violated na-no-constraints "server.pem + intermediate.pem + root-ca.pem, no nameConstraints"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

# ================================================================= chain.expired-issuer
key intx
cert int_expired intx root 2023-01-01 2026-01-01 'cn = "Example Issuing CA 2023"' 'organization = "Example Corp"' "${CA[@]}"
cert leaf_under_expired leafk int_expired 2025-06-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
key rootx
cert root_expired rootx self 2016-01-01 2026-01-01 'cn = "Legacy Root CA"' 'organization = "Example Corp"' "${CA[@]}"
key intl
cert int_legacy intl root_expired 2020-01-01 2031-01-01 'cn = "Legacy Issuing CA"' 'organization = "Example Corp"' "${CA[@]}"
cert leaf_legacy leafk int_legacy 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
# old version of Example Issuing CA: same subject, same key as int, expired 2026-01-01
cert int_old int root 2021-01-01 2026-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}"

newcase chain.expired-issuer fires-expired-intermediate \
  "server.pem (valid 2025-06-01..2027-01-01) + intermediate.pem (expired 2026-01-01) + root-ca.pem"
put leaf_under_expired server.pem; put int_expired intermediate.pem; put root root-ca.pem
expect intermediate.pem int_expired
ov root int_expired leaf_under_expired

newcase chain.expired-issuer fires-expired-root-anchor \
  "server.pem + intermediate.pem (valid); trust/root-ca.pem (--trust) expired 2026-01-01" --trust input/trust
put leaf_legacy server.pem; put int_legacy intermediate.pem; put root_expired trust/root-ca.pem
expect trust/root-ca.pem root_expired
ov root_expired int_legacy leaf_legacy

newcase chain.expired-issuer passes-valid "server.pem + intermediate.pem + root-ca.pem, all valid"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

newcase chain.expired-issuer passes-expired-and-renewed \
  "server.pem + intermediate-old.pem (expired 2026-01-01) + intermediate-new.pem (same subject, same key, valid) + root-ca.pem"
put leaf server.pem; put int_old intermediate-old.pem; put int intermediate-new.pem; put root root-ca.pem
ov root "int_old int" leaf

newcase chain.expired-issuer na-ca-only "intermediate.pem (expired 2026-01-01) + root-ca.pem"
put int_expired intermediate.pem; put root root-ca.pem

# ================================================================= chain.eku-mismatch
cert leaf_client leafk int 2026-01-01 2027-01-01 signing_key tls_www_client "${WWW[@]}"
key inte
cert int_email inte root 2024-06-01 2031-01-01 'cn = "Example Mail CA"' 'organization = "Example Corp"' \
  "${CA[@]}" email_protection_key
cert leaf_under_email leafk int_email 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"
cert leaf_noeku leafk int 2026-01-01 2027-01-01 signing_key "${WWW[@]}"

newcase chain.eku-mismatch fires-server-purpose-client-only-leaf \
  "server.pem (EKU clientAuth only) + intermediate.pem + root-ca.pem; --purpose server" --purpose server
put leaf_client server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem leaf_client
ov root int leaf_client -purpose sslserver

newcase chain.eku-mismatch fires-intermediate-eku-excludes \
  "server.pem (EKU serverAuth) + intermediate.pem (EKU emailProtection only) + root-ca.pem; --purpose server" \
  --purpose server
put leaf_under_email server.pem; put int_email intermediate.pem; put root root-ca.pem
expect server.pem leaf_under_email
ov root int_email leaf_under_email -purpose sslserver

newcase chain.eku-mismatch passes-server-ok \
  "server.pem (EKU serverAuth) + intermediate.pem + root-ca.pem (no EKU on CAs); --purpose server" --purpose server
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf -purpose sslserver

newcase chain.eku-mismatch passes-leaf-without-eku \
  "server.pem without EKU extension (any purpose) + intermediate.pem + root-ca.pem; --purpose server" --purpose server
put leaf_noeku server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf_noeku -purpose sslserver

newcase chain.eku-mismatch na-no-purpose "server.pem (EKU clientAuth only) + intermediate.pem + root-ca.pem; no --purpose"
put leaf_client server.pem; put int intermediate.pem; put root root-ca.pem

newcase chain.eku-mismatch na-purpose-any \
  "server.pem (EKU clientAuth only) + intermediate.pem + root-ca.pem; --purpose any" --purpose any
put leaf_client server.pem; put int intermediate.pem; put root root-ca.pem

# ================================================================= chain.hostname-mismatch
cert leaf_wild leafk int 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "*.example.com"' 'dns_name = "*.example.com"'
cert leaf_ipsan leafk int 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "device-5"' 'ip_address = "10.0.0.5"'
cert leaf_cnonly leafk int 2026-01-01 2027-01-01 "${SERVER[@]}" 'cn = "www.example.com"'

newcase chain.hostname-mismatch fires-wrong-host \
  "server.pem (SAN DNS www.example.com) + intermediate.pem + root-ca.pem; --host other.example.com" \
  --host other.example.com
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem leaf
ov root int leaf -verify_hostname other.example.com

newcase chain.hostname-mismatch fires-wildcard-two-labels \
  "server.pem (SAN DNS *.example.com) + intermediate.pem + root-ca.pem; --host a.b.example.com" \
  --host a.b.example.com
put leaf_wild server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem leaf_wild
ov root int leaf_wild -verify_hostname a.b.example.com

newcase chain.hostname-mismatch fires-wildcard-not-apex \
  "server.pem (SAN DNS *.example.com) + intermediate.pem + root-ca.pem; --host example.com" \
  --host example.com
put leaf_wild server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem leaf_wild
ov root int leaf_wild -verify_hostname example.com

newcase chain.hostname-mismatch fires-cn-only-no-san \
  "server.pem (CN www.example.com, no SAN extension) + intermediate.pem + root-ca.pem; --host www.example.com (no CN fallback)" \
  --host www.example.com
put leaf_cnonly server.pem; put int intermediate.pem; put root root-ca.pem
expect server.pem leaf_cnonly
ov root int leaf_cnonly -verify_hostname www.example.com
OSSL[$RULE/$CASE]+=" (openssl falls back to the subject CN when there is no SAN)"

newcase chain.hostname-mismatch passes-exact \
  "server.pem (SAN DNS www.example.com) + intermediate.pem + root-ca.pem; --host www.example.com" \
  --host www.example.com
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf -verify_hostname www.example.com

newcase chain.hostname-mismatch passes-wildcard-one-label \
  "server.pem (SAN DNS *.example.com) + intermediate.pem + root-ca.pem; --host a.example.com" \
  --host a.example.com
put leaf_wild server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf_wild -verify_hostname a.example.com

newcase chain.hostname-mismatch passes-ip-san \
  "server.pem (CN device-5, SAN IP 10.0.0.5) + intermediate.pem + root-ca.pem; --host 10.0.0.5" \
  --host 10.0.0.5
put leaf_ipsan server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf_ipsan -verify_ip 10.0.0.5

newcase chain.hostname-mismatch na-no-host "server.pem (SAN DNS www.example.com) + intermediate.pem + root-ca.pem; no --host"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem

# ================================================================= chain.ambiguous-issuer
# re-keyed CA: same subject as int, new key; leaf issued by the new one
key intr
cert int_rekey intr root 2026-01-01 2031-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}"
cert leaf_rekey leafk int_rekey 2026-01-01 2027-01-01 "${SERVER[@]}" "${WWW[@]}"

newcase chain.ambiguous-issuer fires-two-versions-same-subject \
  "server.pem (issued by the new key) + intermediates.pem (Example Issuing CA: old key 2024-06-01.., then re-keyed 2026-01-01..) + root-ca.pem"
put leaf_rekey server.pem; putb intermediates.pem int int_rekey; put root root-ca.pem
expect intermediates.pem int int_rekey
ov root "int int_rekey" leaf_rekey
printf '%s\n' "${OSSL[$RULE/$CASE]}" >"$C/openssl-verify"

# expired and renewed: same subject, same key. The two files are named so that the one with
# the lower id also has the first path (intermediate-a.pem): any reading of "first candidate"
# (by id or by path) then gives the same `file`.
if [[ $(id int_old) < $(id int) ]]; then amb_a=int_old amb_b=int; else amb_a=int amb_b=int_old; fi
newcase chain.ambiguous-issuer fires-expired-and-renewed \
  "server.pem + intermediate-a.pem / intermediate-b.pem (Example Issuing CA, same key: one expired 2026-01-01, one valid to 2031; -a is the lower id) + root-ca.pem"
put leaf server.pem; put "$amb_a" intermediate-a.pem; put "$amb_b" intermediate-b.pem; put root root-ca.pem
expect intermediate-a.pem int_old int
ov root "int_old int" leaf
printf '%s\n' "${OSSL[$RULE/$CASE]}" >"$C/openssl-verify"

# What each product takes is its own whole path, validated; the claim about OpenSSL is checked
# against the real `openssl verify` on the same inputs (its verdict goes to the case's
# openssl-verify file; tests/test_chains.c compares it with the finding's openssl_path_valid).
# (1) trusted first: the root is both in the trust store and, cross-signed by a retired root
# that is not in the input, in the chain the server sends before it: OpenSSL takes the trusted one
key oldroot
cert oldroot oldroot self 2020-01-01 2036-01-01 'cn = "Retired Root CA"' 'organization = "Old Corp"' "${CA[@]}"
cert root_cross root oldroot 2024-01-01 2031-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' "${CA[@]}"
newcase chain.ambiguous-issuer fires-cross-signed-root-trusted-first \
  "server.pem + chain.pem (intermediate, then Example Root CA cross-signed by a retired root that is not in the input) + trust/root-ca.pem (--trust)" \
  --trust input/trust
put leaf server.pem; putb chain.pem int root_cross; put root trust/root-ca.pem
expect chain.pem root root_cross
ov root "int root_cross" leaf
printf '%s\n' "${OSSL[$RULE/$CASE]}" >"$C/openssl-verify"
# (2) no key identifier to tell them apart: two CAs of one name, both valid now; the first in
# the file has another key. OpenSSL takes it and fails; a backtracking search finds the other
key evilk
ossl_cert int_evil evilk root 2024-06-01 2031-01-01 "/O=Example Corp/CN=Example Issuing CA" "${OROOT[@]}"
ossl_cert leaf_noaki leafk int 2026-01-01 2027-01-01 "/CN=www.example.com" \
  'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature' 'extendedKeyUsage = serverAuth' \
  'subjectAltName = DNS:www.example.com' 'authorityKeyIdentifier = none'
newcase chain.ambiguous-issuer fires-first-candidate-other-key \
  "server.pem (no authorityKeyIdentifier) + intermediates.pem (Example Issuing CA with another key, then the real one) + trust/root-ca.pem (--trust)" \
  --trust input/trust
put leaf_noaki server.pem; putb intermediates.pem int_evil int; put root trust/root-ca.pem
expect intermediates.pem int_evil int
ov root "int_evil int" leaf_noaki
printf '%s\n' "${OSSL[$RULE/$CASE]}" >"$C/openssl-verify"

newcase chain.ambiguous-issuer passes-unique-issuers "server.pem + intermediate.pem + root-ca.pem"
put leaf server.pem; put int intermediate.pem; put root root-ca.pem
ov root int leaf

newcase chain.ambiguous-issuer na-ca-only "intermediates.pem (old and re-keyed Example Issuing CA) + root-ca.pem"
putb intermediates.pem int int_rekey; put root root-ca.pem

# ================================================================= chain.misordered
run openssl crl2pkcs7 -nocrl -certfile "$W/root.pem" -certfile "$W/int.pem" -certfile "$W/leaf.pem" \
  -outform DER -out "$W/reversed.p7b"
# crl2pkcs7 keeps the -certfile order (checked here)
p7order=$(openssl pkcs7 -inform DER -in "$W/reversed.p7b" -print_certs -noout | sed -n 's/^subject=.*CN = //p' | paste -sd'|' -)
[[ $p7order == "Example Root CA|Example Issuing CA|www.example.com" ]] \
  || { echo "unexpected p7b order: $p7order" >&2; exit 1; }

newcase chain.misordered fires-root-first-pem "chain.pem: root, intermediate, leaf (in that order)"
putb chain.pem root int leaf
expect chain.pem root int leaf
ov root int leaf

newcase chain.misordered fires-p7b-reversed \
  "chain.p7b (DER PKCS#7 from openssl crl2pkcs7; certificates root, intermediate, leaf)"
putf "$W/reversed.p7b" chain.p7b
expect chain.p7b root int leaf
ov root int leaf

newcase chain.misordered fires-intermediate-first \
  "chain.pem: intermediate then leaf (no root) + root-ca.pem"
putb chain.pem int leaf; put root root-ca.pem
expect chain.pem int leaf
ov root int leaf

newcase chain.misordered passes-leaf-first-pem "chain.pem: leaf, intermediate, root"
putb chain.pem leaf int root
ov root int leaf

newcase chain.misordered na-unrelated-roots "roots.pem: Example Root CA and Other Root CA (two unrelated self-signed roots)"
putb roots.pem root other

# ================================================================= chain.cross-signed
key partner
cert partner partner self 2024-01-01 2036-01-01 'cn = "Partner Root CA"' 'organization = "Partner Corp"' "${CA[@]}"
# cross certificate: Example Issuing CA's subject and key, issued by Partner Root CA
cert int_cross int partner 2024-06-01 2031-01-01 'cn = "Example Issuing CA"' 'organization = "Example Corp"' "${CA[@]}"

newcase chain.cross-signed fires-two-roots \
  "server.pem + intermediate.pem (Example Issuing CA by Example Root CA) + intermediate-cross.pem (same subject and key, by Partner Root CA); trust/ (--trust) holds both roots" \
  --trust input/trust
put leaf server.pem; put int intermediate.pem; put int_cross intermediate-cross.pem
put root trust/example-root.pem; put partner trust/partner-root.pem
expect server.pem leaf
ov root int leaf
ov partner int_cross leaf

newcase chain.cross-signed passes-single-path \
  "server.pem + intermediate.pem; trust/ (--trust) holds Example Root CA and Partner Root CA" --trust input/trust
put leaf server.pem; put int intermediate.pem
put root trust/example-root.pem; put partner trust/partner-root.pem
ov root int leaf

newcase chain.cross-signed na-ca-only \
  "intermediate.pem + intermediate-cross.pem; trust/ (--trust) holds both roots" --trust input/trust
put int intermediate.pem; put int_cross intermediate-cross.pem
put root trust/example-root.pem; put partner trust/partner-root.pem

# ---------------------------------------------------------------- sanity checks + READMEs
for d in "$OUT"/chain.*/*/; do
  d=${d%/}; c=${d##*/}
  [[ -f $d/args && -f $d/expected ]] || { echo "incomplete case $d" >&2; exit 1; }
  if [[ $c == fires-* ]]; then [[ -s $d/expected ]]; else [[ ! -s $d/expected ]]; fi \
    || { echo "expected/case-name mismatch in $d" >&2; exit 1; }
  # every `file` in expected exists, and every --trust path exists
  while IFS=$'\t' read -r _ _ _ f; do
    # (a finding on a path the user named, with no object, names it as given: case-relative)
    [[ -e $d/input/$f || -e $d/$f ]] || { echo "$d: expected file $f missing" >&2; exit 1; }
  done <"$d/expected"
  while read -r a; do
    if [[ $a == --trust ]]; then read -r p; [[ -e $d/$p ]] || { echo "$d: --trust $p missing" >&2; exit 1; }; fi
  done <"$d/args"
done

{
  echo '# Rule cases (chain rules, issue 3)'
  echo
  echo 'Generated by `testdata/gen/chains.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not edit by'
  echo 'hand, edit the script and rerun it. Layout, object ids, the `expected` format and what each'
  echo 'chain finding names: `docs/dev/conventions.md`. Every case is evaluated'
  echo '`--at 2026-06-01T00:00:00Z`; all keys are EC P-256, all signatures ECDSA-SHA256. Unless said'
  echo 'otherwise: roots valid 2024-01-01..2036-01-01, intermediates 2024-06-01..2031-01-01, leaves'
  echo '2026-01-01..2027-01-01 (SAN DNS www.example.com, EKU serverAuth); `server.pem` is the leaf,'
  echo '`intermediate.pem` "Example Issuing CA", `root-ca.pem` "Example Root CA". `--trust input/trust`'
  echo 'is passed whenever a case has a `trust/` folder. Keys are random, so ids change on every'
  echo 'regeneration.'
  echo
  echo 'The last column is what `openssl verify -attime 1780272000` (same instant) says about the'
  echo 'leaf, given the case'"'"'s anchors as -CAfile and its other CA certificates as -untrusted (plus'
  echo '`-purpose sslserver` / `-verify_hostname` / `-verify_ip` where the case uses --purpose/--host).'
  echo 'openssl stops at its first error, so it may name a different problem than the rule.'
  # one section a rule, in the order the rules first appear; its rows in the order made
  rules=()
  for row in "${README_ROWS[@]}"; do
    r=${row%%|*}
    [[ " ${rules[*]} " == *" $r "* ]] || rules+=("$r")
  done
  for rr in "${rules[@]}"; do
    printf '\n## %s (%s)\n\n| case | input | openssl verify |\n|---|---|---|\n' "$rr" "${SEV[$rr]}"
    for row in "${README_ROWS[@]}"; do
      IFS='|' read -r r c d <<<"$row"
      [[ $r == "$rr" ]] && printf '| `%s` | %s | %s |\n' "$c" "$d" "${OSSL[$r/$c]:--}"
    done
  done
} >"$OUT/chain-README.md"

{
  echo '# Shared chain material'
  echo
  echo 'Generated by `testdata/gen/chains.sh` (same run as `testdata/rules/chain.*`).'
  echo
  echo '- `six-deep.pem`: leaf (deep.example.com, valid 2026-01-01..2027-01-01), Example Level 5..1 CA,'
  echo '  Example Root CA (self-signed, 2024-01-01..2036-01-01) -- leaf first, all EC P-256. The same'
  echo '  file is `testdata/rules/chain.incomplete/passes-six-deep/input/chain.pem`.'
  echo '- `six-deep-root.pem`: the root alone (the last certificate of `six-deep.pem`).'
  echo
  echo '`openssl verify -attime 1780272000 -CAfile six-deep-root.pem -untrusted six-deep.pem six-deep.pem`'
  echo 'says OK; certdiag should build the 7-certificate path from `six-deep.pem` alone.'
} >"$SHARED/README.md"

echo "chains.sh: ${#README_ROWS[@]} cases written under $OUT"
bash "$HERE/chain-extra.sh"   # testdata/chains/renamed-ca, wiped above with the rest of $SHARED

# lists cut at the decoder limit: its own script, whose cases in the folders wiped above are made again
"$(dirname "$0")/limits.sh"
# the version field of a certificate (python3 cryptography, the field rewritten): its own script too
"$(dirname "$0")/versions.sh"
