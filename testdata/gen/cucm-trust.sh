#!/usr/bin/env bash
# Generates the rule-case fixtures of the CUCM trust-store and node rules:
#   testdata/rules/{cucm.trust-same-cn-not-replaced,cucm.expired-trust,cucm.ipsec-trust-serial,
#                   cucm.itlrecovery-key-length,cucm.capf-not-ca,cucm.upload-format}/<case>/
#   testdata/rules/cucm-trust-README.md
# Layout, object ids and the `expected` format: docs/dev/conventions.md; roles from paths:
# docs/roles.md. Inputs look like what a customer sends: one folder per CUCM node
# (`cucm-pub/`, `cucm-sub1/`) holding `<unit>.pem` identity certificates and `<store>/<CN>.pem`
# trust stores, plus loose folders (`new/`) for certificates about to be uploaded.
#
# Tools: openssl 3.0, GnuTLS certtool 3.7 (apt-get install openssl gnutls-bin).
# Keys (and so ids) are random on every run; the outputs are committed. Validity dates are
# fixed (certtool templates), so with `--at 2026-06-01T00:00:00Z` results are exact.
# Idempotent: every run deletes and regenerates only the six rule dirs above and the README.
# Runnable from any directory.
set -euo pipefail
export TZ=UTC LC_ALL=C # certtool reads activation_date/expiration_date as LOCAL time

for t in openssl certtool sha256sum base64; do
  command -v "$t" >/dev/null || { echo "cucm-trust.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/rules
AT=2026-06-01T00:00:00Z

declare -A SEV=(
  [cucm.trust-same-cn-not-replaced]=error [cucm.expired-trust]=warning
  [cucm.ipsec-trust-serial]=error [cucm.itlrecovery-key-length]=error
  [cucm.capf-not-ca]=error [cucm.upload-format]=error
)

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-cucm-trust.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$OUT"
for r in "${!SEV[@]}"; do rm -rf "${OUT:?}/$r"; done
rm -f "$OUT/cucm-trust-README.md"

# ---------------------------------------------------------------- helpers



CA=(ca cert_signing_key crl_signing_key)
# a CUCM-style server certificate: KU digitalSignature, keyEncipherment, dataEncipherment;
# EKU serverAuth, clientAuth
SRV=(signing_key encryption_key data_encipherment tls_www_server tls_www_client)

# p7id FILE: id of a PKCS#7 file (DER, or PEM: the DER inside its block)
p7id() {
  if grep -q -- '-----BEGIN' "$1"; then
    sed -n '/^-----BEGIN/,/^-----END/{/^-----/d;p}' "$1" | base64 -d | sha256sum | cut -c1-16 | sed 's/^/p7-/'
  else
    sha256sum <"$1" | cut -c1-16 | sed 's/^/p7-/'
  fi
}
# p7 OUT DER|PEM CERT...: a PKCS#7 certificate bundle
p7() {
  local out=$1 form=$2; shift 2
  local args=()
  for c in "$@"; do args+=(-certfile "$W/$c.pem"); done
  run openssl crl2pkcs7 -nocrl "${args[@]}" -outform "$form" -out "$W/$out"
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
# put NAME DEST: copy $W/NAME.pem (or $W/NAME when it exists as is) into input/DEST
put() {
  local src="$W/$1.pem"; [[ -f $src ]] || src="$W/$1"
  mkdir -p "$(dirname "$C/input/$2")"; cp "$src" "$C/input/$2"
}
# expect OBJECTS FILE: one expected line for the current rule (kept sorted)
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}
# ids NAME...: the sorted, comma-joined certificate ids of $W/NAME.pem
ids() { for n in "$@"; do certid "$W/$n.pem"; done | sort | paste -sd, -; }

# ---------------------------------------------------------------- shared material

# The customer's CA, three generations sharing the CN "Corp Root CA" (RSA 2048):
#   root2020: 2020-01-01..2030-01-01 (in service), root2025: renewed 2025-01-01..2035-01-01,
#   root2015: expired 2015-01-01..2025-01-01; root2025ec: an ECDSA P-256 renewal (2025-01-01).
key root2020 rsa2048; key root2025 rsa2048; key root2015 rsa2048; key root2025ec p256
cert root2020 root2020 self 2020-01-01 2030-01-01 'cn = "Corp Root CA"' 'organization = "Corp"' \
  'serial = 0x2020' "${CA[@]}"
cert root2025 root2025 self 2025-01-01 2035-01-01 'cn = "Corp Root CA"' 'organization = "Corp"' \
  'serial = 0x2025' "${CA[@]}"
cert root2015 root2015 self 2015-01-01 2025-01-01 'cn = "Corp Root CA"' 'organization = "Corp"' \
  'serial = 0x2015' "${CA[@]}"
cert root2025ec root2025ec self 2025-01-01 2035-01-01 'cn = "Corp Root CA"' \
  'organization = "Corp"' 'serial = 0x2025ec' "${CA[@]}"
# root2022x: issued after root2020 (newer notBefore, so it would win on dates) but expired
# 2026-01-01: only the expiry check refuses it
key root2022x rsa2048
cert root2022x root2022x self 2022-01-01 2026-01-01 'cn = "Corp Root CA"' 'organization = "Corp"' \
  'serial = 0x2022' "${CA[@]}"
# Corp Issuing CA under root2020
key issuing rsa2048
cert issuing issuing root2020 2021-01-01 2029-01-01 'cn = "Corp Issuing CA"' \
  'organization = "Corp"' "${CA[@]}"
# a partner CA that expired 2025-01-01, and one still valid
key partner rsa2048; key partner2 rsa2048
cert partner_old partner self 2015-01-01 2025-01-01 'cn = "Old Partner CA"' \
  'organization = "Partner"' "${CA[@]}"
cert partner_new partner2 self 2024-01-01 2034-01-01 'cn = "Partner CA"' \
  'organization = "Partner"' "${CA[@]}"

# CUCM nodes. host NODE: the DNS name
host() { echo "$1.example.com"; }
# selfsigned NAME NODE KEY FROM TO [extra]...: a CUCM self-signed identity certificate
selfsigned() {
  local n=$1 node=$2 k=$3 f=$4 t=$5; shift 5
  cert "$n" "$k" self "$f" "$t" "cn = \"$(host "$node")\"" "dns_name = \"$(host "$node")\"" \
    'organization = "Corp"' "${SRV[@]}" "$@"
}
# signed NAME NODE KEY [extra]...: CA-signed (Corp Issuing CA) identity, 2026-01-01..2028-01-01
signed() {
  local n=$1 node=$2 k=$3; shift 3
  cert "$n" "$k" issuing 2026-01-01 2028-01-01 "cn = \"$(host "$node")\"" \
    "dns_name = \"$(host "$node")\"" 'organization = "Corp"' "$@"
}
key pubtomcat rsa2048; key pubcm rsa2048; key subtomcat rsa2048
signed tomcat_pub cucm-pub pubtomcat "${SRV[@]}"
signed cm_pub cucm-pub pubcm "${SRV[@]}"
signed tomcat_sub1 cucm-sub1 subtomcat "${SRV[@]}"

# ================================================================= cucm.trust-same-cn-not-replaced
newcase cucm.trust-same-cn-not-replaced fires-existing-newer \
  "cucm-pub/tomcat-trust/Corp_Root_CA.pem = renewed root (notBefore 2025-01-01); new/Corp_Root_CA.pem = the 2020 root: the existing one is newer and is kept"
put root2025 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put tomcat_pub cucm-pub/tomcat.pem
put root2020 new/Corp_Root_CA.pem
expect "$(ids root2020 root2025)" new/Corp_Root_CA.pem

newcase cucm.trust-same-cn-not-replaced fires-existing-newer-other-algorithm \
  "CallManager-trust holds an ECDSA P-256 \"Corp Root CA\" (notBefore 2025-01-01); new/ holds the RSA 2020 root: one CN per store whatever the signature algorithm"
put root2025ec cucm-pub/CallManager-trust/Corp_Root_CA.pem
put root2020 new/Corp_Root_CA.pem
expect "$(ids root2020 root2025ec)" new/Corp_Root_CA.pem

newcase cucm.trust-same-cn-not-replaced fires-upload-expired \
  "tomcat-trust holds the 2020 root; new/Corp_Root_CA.pem is newer (2022) but expired 2026-01-01 (CUCM does not allow you to upload an expired certificate)"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put root2022x new/Corp_Root_CA.pem
expect "$(ids root2022x root2020)" new/Corp_Root_CA.pem

newcase cucm.trust-same-cn-not-replaced fires-stores-on-two-nodes \
  "tomcat-trust of cucm-pub and of cucm-sub1 both hold the renewed root; new/ holds the 2020 root: one finding per store"
put root2025 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put root2025 cucm-sub1/tomcat-trust/Corp_Root_CA.pem
put root2020 new/Corp_Root_CA.pem
expect "$(ids root2020 root2025)" new/Corp_Root_CA.pem
expect "$(ids root2020 root2025)" new/Corp_Root_CA.pem

# the publisher's ipsec certificate, self-signed, before and after regeneration
key pubipsec_old rsa2048; key pubipsec rsa2048; key sub1ipsec rsa2048; key sub2ipsec rsa2048
IPSEC=('key_purpose_oid = 1.3.6.1.5.5.7.3.5') # ipsecEndSystem
selfsigned ipsec_pub_old cucm-pub pubipsec_old 2021-09-01 2026-09-01 "${CA[@]}" "${IPSEC[@]}"
selfsigned ipsec_pub cucm-pub pubipsec 2026-02-15 2031-02-15 "${CA[@]}" "${IPSEC[@]}"
selfsigned ipsec_sub1 cucm-sub1 sub1ipsec 2021-03-01 2031-03-01 "${CA[@]}" "${IPSEC[@]}"
selfsigned ipsec_sub2 cucm-sub2 sub2ipsec 2021-03-01 2031-03-01 "${CA[@]}" "${IPSEC[@]}"

newcase cucm.trust-same-cn-not-replaced fires-ipsec-trust-remove-first \
  "cucm-sub1/ipsec-trust/cucm-pub.pem = the publisher's old ipsec certificate (2021-09-01..2026-09-01); new/cucm-pub.pem = the regenerated one (newer): ipsec-trust needs the old one removed first"
put ipsec_pub_old cucm-sub1/ipsec-trust/cucm-pub.pem
put ipsec_sub1 cucm-sub1/ipsec.pem
put ipsec_pub new/cucm-pub.pem
expect "$(ids ipsec_pub ipsec_pub_old)" new/cucm-pub.pem

newcase cucm.trust-same-cn-not-replaced passes-newer-upload \
  "tomcat-trust holds the 2020 root and Corp Issuing CA; new/Corp_Root_CA.pem is the renewed root (newer notBefore, different serial): CUCM replaces the old one"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put issuing cucm-pub/tomcat-trust/Corp_Issuing_CA.pem
put tomcat_pub cucm-pub/tomcat.pem
put root2025 new/Corp_Root_CA.pem

newcase cucm.trust-same-cn-not-replaced na-no-same-cn \
  "tomcat-trust holds Corp Root CA; new/Partner_CA.pem has another CN"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put partner_new new/Partner_CA.pem

newcase cucm.trust-same-cn-not-replaced na-end-entity-same-cn \
  "tomcat-trust holds the node's old self-signed ipsec certificate; new/ holds the CA-signed tomcat certificate of the same host (an end entity, not a trust upload)"
put ipsec_pub_old cucm-pub/tomcat-trust/cucm-pub.pem
put tomcat_pub new/cucm-pub.pem

newcase cucm.trust-same-cn-not-replaced na-identical-copy \
  "new/Corp_Root_CA.pem is the very certificate already in tomcat-trust (the same object)"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put root2020 new/Corp_Root_CA.pem

# ================================================================= cucm.expired-trust
key pubtomcat_ss rsa2048
selfsigned tomcat_pub_expired cucm-pub pubtomcat_ss 2021-01-01 2026-01-01 "${CA[@]}"

newcase cucm.expired-trust fires-expired-ca-on-two-nodes \
  "Old Partner CA (expired 2025-01-01) in tomcat-trust of cucm-pub and cucm-sub1 and in the on-box CallManager/trust-certs/ of cucm-pub; valid Corp Root CA beside it"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put partner_old cucm-pub/tomcat-trust/Old_Partner_CA.pem
put partner_old cucm-pub/CallManager/trust-certs/Old_Partner_CA.pem
put root2020 cucm-sub1/tomcat-trust/Corp_Root_CA.pem
put partner_old cucm-sub1/tomcat-trust/Old_Partner_CA.pem
put tomcat_pub cucm-pub/tomcat.pem
expect "$(ids partner_old)" cucm-pub/tomcat-trust/Old_Partner_CA.pem
expect "$(ids partner_old)" cucm-pub/CallManager/trust-certs/Old_Partner_CA.pem
expect "$(ids partner_old)" cucm-sub1/tomcat-trust/Old_Partner_CA.pem

newcase cucm.expired-trust fires-expired-identity-copy \
  "cucm-pub/tomcat.pem is self-signed and expired 2026-01-01; its copy cucm-pub/tomcat-trust/cucm-pub.pem is reported with the advice to regenerate, not delete"
put tomcat_pub_expired cucm-pub/tomcat.pem
put tomcat_pub_expired cucm-pub/tomcat-trust/cucm-pub.pem
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
expect "$(ids tomcat_pub_expired)" cucm-pub/tomcat-trust/cucm-pub.pem

newcase cucm.expired-trust passes-valid-trust \
  "tomcat-trust and CallManager-trust of cucm-pub hold only valid CAs"
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
put issuing cucm-pub/tomcat-trust/Corp_Issuing_CA.pem
put partner_new cucm-pub/CallManager-trust/Partner_CA.pem
put tomcat_pub cucm-pub/tomcat.pem

newcase cucm.expired-trust na-no-trust-store \
  "only identity certificates (an expired self-signed tomcat.pem): no trust store"
put tomcat_pub_expired cucm-pub/tomcat.pem
put cm_pub cucm-pub/CallManager.pem

newcase cucm.expired-trust na-other-product \
  "an expired CA in tomcat-trust, but --product expressway selects the Expressway rules only" \
  --product expressway
put partner_old cucm-pub/tomcat-trust/Old_Partner_CA.pem

# ================================================================= cucm.ipsec-trust-serial
newcase cucm.ipsec-trust-serial fires-subscriber-has-old-copy \
  "cucm-pub/ipsec.pem regenerated 2026-02-15; cucm-sub1/ipsec-trust/cucm-pub.pem still the old one (other serial); cucm-sub2 has the right copy"
put ipsec_pub cucm-pub/ipsec.pem
put ipsec_sub1 cucm-sub1/ipsec.pem
put ipsec_pub_old cucm-sub1/ipsec-trust/cucm-pub.pem
put ipsec_sub2 cucm-sub2/ipsec.pem
put ipsec_pub cucm-sub2/ipsec-trust/cucm-pub.pem
expect "$(ids ipsec_pub ipsec_pub_old)" cucm-sub1/ipsec-trust/cucm-pub.pem

newcase cucm.ipsec-trust-serial passes-copies-match \
  "cucm-pub/ipsec.pem and the copies in cucm-sub1/ and cucm-sub2/ipsec-trust/ are the same certificate"
put ipsec_pub cucm-pub/ipsec.pem
put ipsec_sub1 cucm-sub1/ipsec.pem
put ipsec_pub cucm-sub1/ipsec-trust/cucm-pub.pem
put ipsec_sub2 cucm-sub2/ipsec.pem
put ipsec_pub cucm-sub2/ipsec-trust/cucm-pub.pem

newcase cucm.ipsec-trust-serial na-single-node \
  "one node: cucm-pub/ipsec.pem and cucm-pub/ipsec-trust/ (no other node to compare with)"
put ipsec_pub cucm-pub/ipsec.pem
put ipsec_pub_old cucm-pub/ipsec-trust/cucm-pub.pem

newcase cucm.ipsec-trust-serial na-no-ipsec-identity \
  "cucm-sub1/ipsec-trust/cucm-pub.pem but no ipsec.pem of cucm-pub in the input"
put ipsec_sub1 cucm-sub1/ipsec.pem
put ipsec_pub_old cucm-sub1/ipsec-trust/cucm-pub.pem

# ================================================================= cucm.itlrecovery-key-length
key itl1024 rsa1024; key itl2048 rsa2048; key cm1024 rsa1024
ITL=('cn = "ITLRECOVERY_cucm-pub.example.com"' 'organization = "Corp"' signing_key tls_www_server tls_www_client)
cert itl_1024 itl1024 self 2016-01-01 2036-01-01 "${ITL[@]}"
cert itl_2048 itl2048 self 2024-01-01 2044-01-01 "${ITL[@]}"
selfsigned cm_pub_1024 cucm-pub cm1024 2016-01-01 2036-01-01

newcase cucm.itlrecovery-key-length fires-itlrecovery-1024 \
  "cucm-pub: ITLRecovery.pem RSA 1024; tomcat.pem and CallManager.pem RSA 2048"
put itl_1024 cucm-pub/ITLRecovery.pem
put tomcat_pub cucm-pub/tomcat.pem
put cm_pub cucm-pub/CallManager.pem
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem
expect "$(ids itl_1024 tomcat_pub cm_pub)" cucm-pub/ITLRecovery.pem

newcase cucm.itlrecovery-key-length passes-itlrecovery-2048 \
  "cucm-pub: ITLRecovery.pem, tomcat.pem and CallManager.pem all RSA 2048; tomcat-trust and CallManager-trust hold the Corp CAs"
put itl_2048 cucm-pub/ITLRecovery.pem
put tomcat_pub cucm-pub/tomcat.pem
put cm_pub cucm-pub/CallManager.pem
for st in tomcat-trust CallManager-trust; do
  put root2020 "cucm-pub/$st/Corp_Root_CA.pem"; put issuing "cucm-pub/$st/Corp_Issuing_CA.pem"
done

newcase cucm.itlrecovery-key-length na-itlrecovery-alone \
  "cucm-pub/ITLRecovery.pem RSA 1024 with no other certificate of the node to compare with"
put itl_1024 cucm-pub/ITLRecovery.pem

newcase cucm.itlrecovery-key-length na-all-keys-1024 \
  "cucm-pub: ITLRecovery.pem and CallManager.pem both RSA 1024 (not regenerated to 2048 yet)"
put itl_1024 cucm-pub/ITLRecovery.pem
put cm_pub_1024 cucm-pub/CallManager.pem

# ================================================================= cucm.capf-not-ca
key capf rsa2048
CAPF=('cn = "CAPF-cucm-pub"' 'organization = "Corp"')
cert capf_web capf issuing 2026-01-01 2028-01-01 "${CAPF[@]}" signing_key encryption_key tls_www_server
cert capf_nopathlen capf issuing 2026-01-01 2028-01-01 "${CAPF[@]}" ca signing_key cert_signing_key tls_www_server
cert capf_good capf issuing 2026-01-01 2028-01-01 "${CAPF[@]}" ca 'path_len = 0' signing_key cert_signing_key tls_www_server

newcase cucm.capf-not-ca fires-capf-web-server-template \
  "cucm-pub/CAPF.pem signed from a web-server template: CA:FALSE, keyUsage digitalSignature, keyEncipherment"
put capf_web cucm-pub/CAPF.pem
put root2020 cucm-pub/CAPF-trust/Corp_Root_CA.pem
put issuing cucm-pub/CAPF-trust/Corp_Issuing_CA.pem
expect "$(ids capf_web)" cucm-pub/CAPF.pem

newcase cucm.capf-not-ca fires-capf-no-pathlen \
  "cucm-pub/CAPF.pem: CA:TRUE and keyCertSign but no pathLenConstraint (pathlen:0 needed)"
put capf_nopathlen cucm-pub/CAPF.pem
put root2020 cucm-pub/CAPF-trust/Corp_Root_CA.pem
put issuing cucm-pub/CAPF-trust/Corp_Issuing_CA.pem
expect "$(ids capf_nopathlen)" cucm-pub/CAPF.pem

newcase cucm.capf-not-ca passes-capf-ca-pathlen-0 \
  "cucm-pub/CAPF.pem: CA:TRUE, pathlen:0, keyUsage digitalSignature, keyCertSign"
put capf_good cucm-pub/CAPF.pem
put root2020 cucm-pub/CAPF-trust/Corp_Root_CA.pem
put issuing cucm-pub/CAPF-trust/Corp_Issuing_CA.pem

newcase cucm.capf-not-ca na-no-capf \
  "cucm-pub/tomcat.pem and tomcat-trust only: no CAPF certificate"
put tomcat_pub cucm-pub/tomcat.pem
put root2020 cucm-pub/tomcat-trust/Corp_Root_CA.pem

# ================================================================= cucm.upload-format
p7 chain.der.p7b DER issuing root2020
p7 chain.pem.p7b PEM issuing root2020
p7 tomcat_chain.der.p7b DER tomcat_sub1 issuing root2020
run openssl x509 -in "$W/root2020.pem" -outform DER -out "$W/root2020.der"

newcase cucm.upload-format fires-der-p7b-in-trust-store \
  "cucm-pub/tomcat-trust/Corp_CA_chain.p7b: the issuing CA and the root as a PKCS#7 in DER"
put chain.der.p7b cucm-pub/tomcat-trust/Corp_CA_chain.p7b
put tomcat_pub cucm-pub/tomcat.pem
expect "$( (p7id "$W/chain.der.p7b"; certid "$W/issuing.pem"; certid "$W/root2020.pem") | sort | paste -sd, -)" \
  cucm-pub/tomcat-trust/Corp_CA_chain.p7b

newcase cucm.upload-format fires-der-p7b-as-identity \
  "cucm-sub1/tomcat.cer: what the Windows CA returned (leaf, issuing CA, root as a PKCS#7 in DER), renamed for the upload"
put tomcat_chain.der.p7b cucm-sub1/tomcat.cer
expect "$( (p7id "$W/tomcat_chain.der.p7b"; certid "$W/tomcat_sub1.pem"; certid "$W/issuing.pem"
  certid "$W/root2020.pem") | sort | paste -sd, -)" cucm-sub1/tomcat.cer

newcase cucm.upload-format passes-pem-p7b-and-der-cert \
  "cucm-pub/tomcat-trust/ holds the chain as a PKCS#7 in PEM and the root as a DER certificate; tomcat.pem is PEM"
put chain.pem.p7b cucm-pub/tomcat-trust/Corp_CA_chain.p7b
put root2020.der cucm-pub/tomcat-trust/Corp_Root_CA.der
put tomcat_pub cucm-pub/tomcat.pem

newcase cucm.upload-format na-loose-der-p7b \
  "ca-bundle/Corp_CA_chain.p7b (DER) outside any node folder: not meant for a CUCM upload"
put chain.der.p7b ca-bundle/Corp_CA_chain.p7b

# ---------------------------------------------------------------- README
{
  cat <<'EOF'
# Rule cases (CUCM trust-store and node rules)

Generated by `testdata/gen/cucm-trust.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not edit
by hand, edit the script and rerun it. Layout, object ids and the `expected` format:
`docs/dev/conventions.md`; roles from paths: `docs/roles.md`. Every case is evaluated
`--at 2026-06-01T00:00:00Z`. Node folders are `cucm-pub/`, `cucm-sub1/`, `cucm-sub2/`
(hosts `<node>.example.com`); `new/` holds certificates about to be uploaded (no role: the
scan-mode "candidate upload" of cucm.trust-same-cn-not-replaced). "Corp Root CA" exists in
four generations: RSA 2020-01-01..2030-01-01 (serial 0x2020), RSA renewed
2025-01-01..2035-01-01 (0x2025), RSA expired 2015-01-01..2025-01-01 (0x2015) and ECDSA P-256
2025-01-01..2035-01-01 (0x2025ec). Keys are random, so ids change on every regeneration.
EOF
  last=
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$last" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"
      last=$r
    fi
    # shellcheck disable=SC2016 # literal backticks in the README table
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$OUT/cucm-trust-README.md"

echo "cucm-trust.sh: wrote ${#README_ROWS[@]} cases" >&2
