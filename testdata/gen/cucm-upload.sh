#!/usr/bin/env bash
# Generates the rule cases of the CUCM / IM&P identity-upload rules:
#   testdata/rules/cucm.{csr-missing,csr-key-mismatch,csr-san-mismatch,ca-not-in-trust-store,
#     wildcard-unsupported,key-too-large,purpose-key-type,signature-not-rsa,multi-san-ip,
#     purpose-key-usage}/<case>/{args,expected,input/}
#   testdata/rules/cucm-upload-README.md
# Inputs look like what a customer sends: node folders (input/cucm-pub/tomcat.pem, tomcat.csr,
# tomcat-trust/<CN>.pem, CallManager.pem, ...; input/imp-pub/cup-xmpp.pem, ...), roles inferred
# from the paths (docs/roles.md). Every passes- case is a fully correct node: none of the ten
# rules says anything about it (checked at the end with build/certdiag when it exists).
#
# Tools: openssl 3.0 (keys, CSRs as CUCM makes them), GnuTLS certtool 3.7 (signing: subject and
# extensions come from a template, so the CA's changes are explicit). Keys are random, the
# outputs committed; validity dates fixed, evaluated --at 2026-06-01T00:00:00Z. Idempotent:
# deletes and regenerates only the dirs above. Runnable from any directory.
set -euo pipefail
export TZ=UTC LC_ALL=C

for t in openssl certtool sha256sum python3; do
  command -v "$t" >/dev/null || { echo "cucm-upload.sh: missing tool: $t" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOTDIR=$(cd "$HERE/../.." && pwd)
OUT=$ROOTDIR/testdata/rules
AT=2026-06-01T00:00:00Z

W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-cucm-upload.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

declare -A SEV=(
  [cucm.csr-missing]=error [cucm.csr-key-mismatch]=error [cucm.csr-san-mismatch]=error
  [cucm.ca-not-in-trust-store]=error [cucm.wildcard-unsupported]=error
  [cucm.key-too-large]=error [cucm.purpose-key-type]=error [cucm.signature-not-rsa]=error
  [cucm.multi-san-ip]=error [cucm.purpose-key-usage]=warning
)
for r in "${!SEV[@]}"; do rm -rf "${OUT:?}/$r"; done

# ---------------------------------------------------------------- helpers



# sanlines "DNS:a,IP:1.2.3.4" -> certtool template lines
sanlines() {
  local IFS=, s
  for s in $1; do
    case $s in
      DNS:*) printf 'dns_name = "%s"\n' "${s#DNS:}" ;;
      IP:*)  printf 'ip_address = "%s"\n' "${s#IP:}" ;;
      '') ;;
      *) echo "sanlines: bad $s" >&2; exit 1 ;;
    esac
  done
}

# Usage profiles (certtool template lines). CUCM's table (PRODUCT-FACTS §2): every purpose wants
# digitalSignature, keyEncipherment, dataEncipherment; serverAuth + clientAuth; ipsec and the
# IM&P cup* purposes also ipsecEndSystem. certtool leaves keyEncipherment out for EC keys.
U_WEB=(signing_key encryption_key data_encipherment tls_www_server tls_www_client)
U_IPSEC=("${U_WEB[@]}" 'key_purpose_oid = 1.3.6.1.5.5.7.3.5')
U_CAPF=(ca 'path_len = 0' signing_key cert_signing_key tls_www_server)
U_CA=(ca cert_signing_key crl_signing_key)

# CSR as CUCM writes it: openssl, subject with O/OU/L/ST/C, SANs, KU + EKU requested.
# csr NAME KEY CN "SANs" [eku list]  ->  $W/NAME.csr
csr() {
  local name=$1 k=$2 cn=$3 sans=$4 eku=${5:-serverAuth,clientAuth}
  local args=(-new -key "$W/$k.key" -sha256 -out "$W/$name.csr"
    -subj "/C=US/ST=CA/L=San Jose/O=Example Corp/OU=UC/CN=$cn"
    -addext "keyUsage=critical,digitalSignature,keyEncipherment,dataEncipherment,keyAgreement"
    -addext "extendedKeyUsage=$eku")
  [[ -n $sans ]] && args+=(-addext "subjectAltName=$sans")
  run openssl req "${args[@]}"
}

# tmpl NAME CN "SANs" FROM TO [lines]...  ->  $W/NAME.tmpl
tmpl() {
  local name=$1 cn=$2 sans=$3 from=$4 to=$5; shift 5
  { printf 'cn = "%s"\norganization = "Example Corp"\nunit = "UC"\n' "$cn"
    sanlines "$sans"
    printf '%s\n' "$@"
    printf 'activation_date = "%s 00:00:00"\nexpiration_date = "%s 00:00:00"\n' "$from" "$to"
  } >"$W/$name.tmpl"
}

# sign_csr NAME CSR ISSUER CN "SANs" [lines]...   CA signs the CSR (its key), template decides
# (the CSR's public key is given with --load-pubkey: certtool 3.7 drops key_purpose_oid lines
# with --load-request)
sign_csr() {
  local name=$1 req=$2 iss=$3 cn=$4 sans=$5; shift 5
  tmpl "$name" "$cn" "$sans" 2026-01-01 2028-01-01 "$@"
  run openssl req -in "$W/$req.csr" -pubkey -noout -out "$W/$name.pub"
  run certtool --generate-certificate --load-pubkey "$W/$name.pub" --template "$W/$name.tmpl" \
    --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" --hash SHA256 \
    --no-text --outfile "$W/$name.pem"
}
# sign_key NAME KEY ISSUER CN "SANs" [lines]...    CA signs a certificate for KEY
sign_key() {
  local name=$1 k=$2 iss=$3 cn=$4 sans=$5; shift 5
  tmpl "$name" "$cn" "$sans" 2026-01-01 2028-01-01 "$@"
  run certtool --generate-certificate --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
    --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" --hash SHA256 \
    --no-text --outfile "$W/$name.pem"
  [[ $k == "$name" ]] || cp "$W/$k.key" "$W/$name.key"
}
# self NAME KEY CN "SANs" FROM TO [lines]...
self() {
  local name=$1 k=$2 cn=$3 sans=$4 from=$5 to=$6; shift 6
  tmpl "$name" "$cn" "$sans" "$from" "$to" "$@"
  run certtool --generate-self-signed --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
    --hash SHA256 --no-text --outfile "$W/$name.pem"
  [[ $k == "$name" ]] || cp "$W/$k.key" "$W/$name.key"
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
# put NAME DEST: copy $W/NAME.pem|.csr into input/DEST (by DEST's extension: .csr -> the CSR)
put() {
  local src=$W/$1.pem
  [[ $2 == *.csr ]] && src=$W/$1.csr
  mkdir -p "$(dirname "$C/input/$2")"; cp "$src" "$C/input/$2"
}
expect() {
  printf '%s\t%s\t%s\t%s\n' "$RULE" "${SEV[$RULE]}" "$1" "$2" >>"$C/expected"
  sort -o "$C/expected" "$C/expected"
}

# ---------------------------------------------------------------- shared material

# Private PKI: root (RSA 2048) -> issuing CA (RSA 2048), like a customer's Microsoft CA.
key root rsa2048
self root root "Example Root CA" "" 2024-01-01 2036-01-01 'serial = 1' "${U_CA[@]}"
key issuing rsa2048
sign_key issuing issuing root "Example Issuing CA" "" 'serial = 2' "${U_CA[@]}"
# the same root name, rekeyed: same subject, another key (its SKI differs)
key root2 rsa2048
self root_rekeyed root2 "Example Root CA" "" 2025-01-01 2037-01-01 'serial = 3' "${U_CA[@]}"
# an unrelated root (another CA the customer trusts)
key other rsa2048
self other_root other "Other Root CA" "" 2024-01-01 2036-01-01 'serial = 1' "${U_CA[@]}"
# an ECDSA root (P-256)
key ecroot p256
self ec_root ecroot "Example EC Root CA" "" 2024-01-01 2036-01-01 'serial = 1' "${U_CA[@]}"

# put_trust STORE_DIR CA...: the CAs into <node>/<store>/<CN with _>.pem, as CUCM names them
put_trust() {
  local dir=$1; shift
  local ca
  for ca in "$@"; do
    case $ca in
      root|root_rekeyed) put "$ca" "$dir/Example_Root_CA.pem" ;;
      issuing) put issuing "$dir/Example_Issuing_CA.pem" ;;
      other_root) put other_root "$dir/Other_Root_CA.pem" ;;
      ec_root) put ec_root "$dir/Example_EC_Root_CA.pem" ;;
      *) echo "put_trust: $ca" >&2; exit 1 ;;
    esac
  done
}

PUB=cucm-pub.example.com
SUB=cucm-sub1.example.com
IMP=imp-pub.example.com

# The correct tomcat of cucm-pub: CSR (RSA 2048), signed by the issuing CA with the same SANs
# and the usages the table asks for.
key pub_tomcat rsa2048
csr pub_tomcat pub_tomcat "$PUB" "DNS:$PUB"
sign_csr pub_tomcat pub_tomcat issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"
# good_node DIR: the clean tomcat unit of cucm-pub (identity, CSR, full chain in tomcat-trust)
good_node() {
  put pub_tomcat "$1/tomcat.pem"; put pub_tomcat "$1/tomcat.csr"
  put_trust "$1/tomcat-trust" root issuing
}

# The correct CallManager of cucm-pub.
key pub_cm rsa2048
csr pub_cm pub_cm "$PUB" "DNS:$PUB"
sign_csr pub_cm pub_cm issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"

# The correct cup-xmpp of imp-pub (IM and Presence: ipsecEndSystem too).
key imp_xmpp rsa2048
csr imp_xmpp imp_xmpp "$IMP" "DNS:$IMP,DNS:example.com" serverAuth,clientAuth,ipsecEndSystem
sign_csr imp_xmpp imp_xmpp issuing "$IMP" "DNS:$IMP,DNS:example.com" "${U_IPSEC[@]}"
good_imp() {
  put imp_xmpp "$1/cup-xmpp.pem"; put imp_xmpp "$1/cup-xmpp.csr"
  put_trust "$1/cup-xmpp-trust" root issuing
}

# ================================================================= cucm.csr-missing
key cm_nocsr rsa2048
csr cm_nocsr_old cm_nocsr "$PUB" "DNS:$PUB"
sign_csr cm_nocsr cm_nocsr_old issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.csr-missing fires-tomcat-without-csr \
  "cucm-pub/: tomcat.pem (CA-signed), tomcat-trust/ (root, issuing CA), no tomcat.csr"
put pub_tomcat cucm-pub/tomcat.pem; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/pub_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.csr-missing fires-callmanager-without-csr \
  "cucm-pub/: the clean tomcat unit + CallManager.pem (CA-signed) without CallManager.csr"
good_node cucm-pub; put cm_nocsr cucm-pub/CallManager.pem
expect "$(certid "$W/cm_nocsr.pem")" cucm-pub/CallManager.pem

newcase cucm.csr-missing passes-csr-pending "cucm-pub/: tomcat.pem, its tomcat.csr, tomcat-trust/"
good_node cucm-pub

newcase cucm.csr-missing passes-on-box-layout \
  "the node's .security tree as copied off the box: cucm-pub/tomcat/certs/tomcat.pem, cucm-pub/tomcat/keys/tomcat.csr, cucm-pub/tomcat/trust-certs/ (root, issuing CA)"
put pub_tomcat cucm-pub/tomcat/certs/tomcat.pem; put pub_tomcat cucm-pub/tomcat/keys/tomcat.csr
put_trust cucm-pub/tomcat/trust-certs root issuing

newcase cucm.csr-missing na-lone-identity \
  "cucm-pub/tomcat.pem alone: nothing tells the node's pending CSRs"
put pub_tomcat cucm-pub/tomcat.pem
not_checked "tomcat on cucm-pub: the input shows none of the node's CSRs or trust stores, so whether a tomcat CSR is pending is unknown" \
  "--role tomcat.csr@cucm-pub=PATH"

key pub_ss rsa2048
self pub_selfsigned pub_ss "$PUB" "DNS:$PUB" 2025-06-01 2030-06-01 "${U_WEB[@]}"
newcase cucm.csr-missing na-self-signed \
  "cucm-pub/: self-signed tomcat.pem (generated by the node, never uploaded), tomcat-trust/"
put pub_selfsigned cucm-pub/tomcat.pem; put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.csr-key-mismatch
# cucm-pub's tomcat.pem was signed from cucm-sub1's CSR (the other node's certificate)
key sub_tomcat rsa2048
csr sub_tomcat sub_tomcat "$SUB" "DNS:$SUB"
sign_csr sub_tomcat sub_tomcat issuing "$SUB" "DNS:$SUB" "${U_WEB[@]}"
# cucm-pub regenerated its CSR after the certificate was requested
key pub_old rsa2048
csr pub_old pub_old "$PUB" "DNS:$PUB"
sign_csr pub_from_old pub_old issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.csr-key-mismatch fires-other-nodes-certificate \
  "cucm-pub/tomcat.pem is cucm-sub1's certificate (its key matches cucm-sub1/tomcat.csr); both nodes' tomcat.csr and tomcat-trust/"
put sub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing
put sub_tomcat cucm-sub1/tomcat.csr; put_trust cucm-sub1/tomcat-trust root issuing
expect "$(joinids "$(certid "$W/sub_tomcat.pem")" "$(csrid "$W/pub_tomcat.csr")")" cucm-pub/tomcat.pem

newcase cucm.csr-key-mismatch fires-csr-regenerated \
  "cucm-pub/tomcat.pem signed from an earlier CSR; cucm-pub/tomcat.csr is a newer one (new key): nothing in the input has the certificate's key"
put pub_from_old cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing
expect "$(joinids "$(certid "$W/pub_from_old.pem")" "$(csrid "$W/pub_tomcat.csr")")" cucm-pub/tomcat.pem

newcase cucm.csr-key-mismatch passes-matching-node \
  "fully correct node: cucm-pub/tomcat.pem, its tomcat.csr (same key, same SANs), root + issuing CA in tomcat-trust/, usages per the table; imp-pub/ likewise for cup-xmpp"
good_node cucm-pub; good_imp imp-pub

newcase cucm.csr-key-mismatch na-no-csr "cucm-pub/: tomcat.pem and tomcat-trust/, no CSR (cucm.csr-missing's case)"
put pub_tomcat cucm-pub/tomcat.pem; put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.csr-san-mismatch
sign_csr pub_plus_ip pub_tomcat issuing "$PUB" "DNS:$PUB,IP:10.10.10.11" "${U_WEB[@]}"
key pub_two rsa2048
csr pub_two pub_two "$PUB" "DNS:$PUB,DNS:cucm-pub"
sign_csr pub_dropped pub_two issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"
key pub_ord rsa2048
csr pub_ord pub_ord "$PUB" "DNS:cucm-pub,DNS:$PUB"
sign_csr pub_ord pub_ord issuing "$PUB" "DNS:CUCM-PUB.example.com,DNS:cucm-pub" "${U_WEB[@]}"

newcase cucm.csr-san-mismatch fires-ca-added-ip \
  "cucm-pub/: tomcat.csr asks DNS:$PUB; the CA signed it adding IP:10.10.10.11"
put pub_plus_ip cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing
expect "$(joinids "$(certid "$W/pub_plus_ip.pem")" "$(csrid "$W/pub_tomcat.csr")")" cucm-pub/tomcat.pem

newcase cucm.csr-san-mismatch fires-ca-dropped-name \
  "cucm-pub/: tomcat.csr asks DNS:$PUB and DNS:cucm-pub; the certificate has only DNS:$PUB"
put pub_dropped cucm-pub/tomcat.pem; put pub_two cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing
expect "$(joinids "$(certid "$W/pub_dropped.pem")" "$(csrid "$W/pub_two.csr")")" cucm-pub/tomcat.pem

newcase cucm.csr-san-mismatch passes-order-and-case-differ \
  "cucm-pub/: CSR SANs cucm-pub, $PUB; certificate SANs CUCM-PUB.example.com, cucm-pub (same set)"
put pub_ord cucm-pub/tomcat.pem; put pub_ord cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing

newcase cucm.csr-san-mismatch na-keys-differ \
  "cucm-pub/tomcat.pem's key is not tomcat.csr's (cucm.csr-key-mismatch's case): SANs not compared"
put sub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.ca-not-in-trust-store
key cm_root rsa2048
csr cm_root cm_root "$PUB" "DNS:$PUB"
sign_csr cm_root cm_root root "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.ca-not-in-trust-store fires-intermediate-elsewhere \
  "cucm-pub/: tomcat.pem (issued by Example Issuing CA), tomcat.csr, tomcat-trust/ with the root only; the issuing CA sits in from-ca/ beside the node"
put pub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root; put issuing from-ca/Example_Issuing_CA.cer
expect "$(joinids "$(certid "$W/pub_tomcat.pem")" "$(certid "$W/issuing.pem")")" cucm-pub/tomcat.pem

newcase cucm.ca-not-in-trust-store fires-ca-not-in-input \
  "cucm-pub/: tomcat.pem (issued by Example Issuing CA), tomcat.csr, tomcat-trust/ with Other Root CA only; neither CA of the chain in the input"
put pub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust other_root
expect "$(certid "$W/pub_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.ca-not-in-trust-store fires-root-in-tomcat-trust-only \
  "cucm-pub/: CallManager.pem (issued by Example Root CA), CallManager.csr; the root is in tomcat-trust/ but CallManager-trust/ holds Other Root CA only"
put cm_root cucm-pub/CallManager.pem; put cm_root cucm-pub/CallManager.csr
put_trust cucm-pub/tomcat-trust root; put_trust cucm-pub/CallManager-trust other_root
expect "$(joinids "$(certid "$W/cm_root.pem")" "$(certid "$W/root.pem")")" cucm-pub/CallManager.pem

newcase cucm.ca-not-in-trust-store fires-same-name-other-key \
  "cucm-pub/: tomcat.pem issued by Example Issuing CA; tomcat-trust/ has the issuing CA but a rekeyed Example Root CA (same name, other key: the AKI does not match)"
put pub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust root_rekeyed issuing
expect "$(certid "$W/pub_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.ca-not-in-trust-store passes-chain-in-store \
  "fully correct node: root and issuing CA in tomcat-trust/, tomcat.pem and its tomcat.csr; CallManager.pem issued by the root, root in CallManager-trust/"
good_node cucm-pub; put cm_root cucm-pub/CallManager.pem; put cm_root cucm-pub/CallManager.csr
put_trust cucm-pub/CallManager-trust root

newcase cucm.ca-not-in-trust-store na-no-store "cucm-pub/: tomcat.pem and tomcat.csr, no tomcat-trust/ in the input"
put pub_tomcat cucm-pub/tomcat.pem; put pub_tomcat cucm-pub/tomcat.csr
not_checked "tomcat on cucm-pub: the input holds no tomcat-trust store" "--role tomcat-trust@cucm-pub=PATH"

newcase cucm.ca-not-in-trust-store na-self-signed \
  "cucm-pub/: self-signed tomcat.pem (needs no CA), tomcat-trust/ with Other Root CA"
put pub_selfsigned cucm-pub/tomcat.pem; put_trust cucm-pub/tomcat-trust other_root

# ================================================================= cucm.wildcard-unsupported
key wild rsa2048
csr wild wild "$PUB" "DNS:$PUB,DNS:*.example.com"
sign_csr wild_san wild issuing "$PUB" "DNS:$PUB,DNS:*.example.com" "${U_WEB[@]}"
key wildcn rsa2048
csr wildcn wildcn "*.example.com" ""
sign_csr wild_cn wildcn issuing "*.example.com" "" "${U_WEB[@]}"

newcase cucm.wildcard-unsupported fires-wildcard-san \
  "cucm-pub/: tomcat.pem with SAN DNS:*.example.com (and its CSR asking for it), tomcat-trust/"
put wild_san cucm-pub/tomcat.pem; put wild cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/wild_san.pem")" cucm-pub/tomcat.pem

newcase cucm.wildcard-unsupported fires-wildcard-cn \
  "cucm-pub/: CallManager.pem with CN=*.example.com and no SAN, its CSR, CallManager-trust/"
put wild_cn cucm-pub/CallManager.pem; put wildcn cucm-pub/CallManager.csr
put_trust cucm-pub/CallManager-trust root issuing
expect "$(certid "$W/wild_cn.pem")" cucm-pub/CallManager.pem

newcase cucm.wildcard-unsupported passes-host-names "fully correct node (tomcat named by its FQDN)"
good_node cucm-pub

newcase cucm.wildcard-unsupported na-trust-store-only "cucm-pub/tomcat-trust/ only: no identity certificate"
put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.key-too-large
key big rsa8192
csr big big "$PUB" "DNS:$PUB"
sign_csr big_tomcat big issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"
self big_root big "Big Root CA" "" 2024-01-01 2036-01-01 'serial = 1' "${U_CA[@]}"
key k4096 rsa4096
csr k4096 k4096 "$PUB" "DNS:$PUB"
sign_csr tomcat4096 k4096 issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.key-too-large fires-identity-8192 \
  "cucm-pub/: tomcat.pem with an RSA 8192 key (and its CSR), tomcat-trust/"
put big_tomcat cucm-pub/tomcat.pem; put big cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/big_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.key-too-large fires-trust-8192 \
  "cucm-pub/: the clean tomcat unit + tomcat-trust/Big_Root_CA.pem, a root with an RSA 8192 key"
good_node cucm-pub; put big_root cucm-pub/tomcat-trust/Big_Root_CA.pem
expect "$(certid "$W/big_root.pem")" cucm-pub/tomcat-trust/Big_Root_CA.pem

newcase cucm.key-too-large passes-4096 \
  "cucm-pub/: tomcat.pem with an RSA 4096 key (the limit), its CSR, tomcat-trust/"
put tomcat4096 cucm-pub/tomcat.pem; put k4096 cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing

newcase cucm.key-too-large na-expressway-only \
  "an Expressway server certificate with an RSA 8192 key: not a CUCM certificate"
put big_tomcat exp-e1/tandberg/persistent/certs/server.pem

# ================================================================= cucm.purpose-key-type
key ectom p256
csr ectom ectom "$PUB" "DNS:$PUB"
sign_csr ec_tomcat ectom issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"
key rsaecd rsa2048
csr rsaecd rsaecd "$PUB" "DNS:$PUB"
sign_csr rsa_tomcat_ecdsa rsaecd issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.purpose-key-type fires-ec-key-as-tomcat \
  "cucm-pub/: tomcat.pem with an EC P-256 key (its CSR too), tomcat-trust/"
put ec_tomcat cucm-pub/tomcat.pem; put ectom cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/ec_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.purpose-key-type fires-rsa-key-as-tomcat-ecdsa \
  "cucm-pub/: tomcat-ECDSA.pem with an RSA key (its CSR too), tomcat-trust/"
put rsa_tomcat_ecdsa cucm-pub/tomcat-ECDSA.pem; put rsaecd cucm-pub/tomcat-ECDSA.csr
put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/rsa_tomcat_ecdsa.pem")" cucm-pub/tomcat-ECDSA.pem

newcase cucm.purpose-key-type passes-rsa-and-ec \
  "cucm-pub/: the clean tomcat unit (RSA) + tomcat-ECDSA.pem (EC P-256) with its CSR"
good_node cucm-pub; put ec_tomcat cucm-pub/tomcat-ECDSA.pem; put ectom cucm-pub/tomcat-ECDSA.csr

newcase cucm.purpose-key-type na-trust-store-only "cucm-pub/tomcat-trust/ only"
put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.signature-not-rsa
key ecsig rsa2048
csr ecsig ecsig "$PUB" "DNS:$PUB"
sign_csr ec_signed_tomcat ecsig ec_root "$PUB" "DNS:$PUB" "${U_WEB[@]}"
sign_csr ec_signed_tomcat_ecdsa ectom ec_root "$PUB" "DNS:$PUB" "${U_WEB[@]}"

newcase cucm.signature-not-rsa fires-ecdsa-ca-signed-tomcat \
  "cucm-pub/: tomcat.pem (RSA key) signed by an ECDSA root (ecdsa-with-SHA256), its CSR, the EC root in tomcat-trust/"
put ec_signed_tomcat cucm-pub/tomcat.pem; put ecsig cucm-pub/tomcat.csr
put_trust cucm-pub/tomcat-trust ec_root
expect "$(certid "$W/ec_signed_tomcat.pem")" cucm-pub/tomcat.pem

newcase cucm.signature-not-rsa passes-rsa-signed \
  "fully correct node (sha256WithRSAEncryption) + tomcat-ECDSA.pem signed by the ECDSA root (not checked)"
good_node cucm-pub; put ec_signed_tomcat_ecdsa cucm-pub/tomcat-ECDSA.pem; put ectom cucm-pub/tomcat-ECDSA.csr
put_trust cucm-pub/tomcat-trust ec_root

newcase cucm.signature-not-rsa na-ecdsa-purpose-only \
  "cucm-pub/: tomcat-ECDSA.pem signed by the ECDSA root, its CSR, tomcat-trust/: only an -ECDSA purpose"
put ec_signed_tomcat_ecdsa cucm-pub/tomcat-ECDSA.pem; put ectom cucm-pub/tomcat-ECDSA.csr
put_trust cucm-pub/tomcat-trust ec_root

# ================================================================= cucm.multi-san-ip
MS=cucm-ms.example.com
MS_SANS="DNS:$MS,DNS:$PUB,DNS:$SUB"
key ms rsa2048
csr ms ms "$MS" "$MS_SANS"
sign_csr ms_tomcat ms issuing "$MS" "$MS_SANS" "${U_WEB[@]}"
sign_csr ms_tomcat_ip ms issuing "$MS" "$MS_SANS,IP:10.10.10.11,IP:10.10.10.12" "${U_WEB[@]}"
key msec p256
csr msec_ip msec "cucm-EC-ms.example.com" "DNS:cucm-EC-ms.example.com,DNS:$PUB,DNS:$SUB,IP:10.10.10.11"
key single rsa2048
csr single single "$PUB" "DNS:$PUB,IP:10.10.10.11"
sign_csr single_ip single issuing "$PUB" "DNS:$PUB,IP:10.10.10.11" "${U_WEB[@]}"

newcase cucm.multi-san-ip fires-ca-added-ips \
  "cucm-pub/: multi-server tomcat.pem (CN $MS) with IP:10.10.10.11 and IP:10.10.10.12 the CA added; its CSR (FQDNs only); tomcat-trust/"
put ms_tomcat_ip cucm-pub/tomcat.pem; put ms cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/ms_tomcat_ip.pem")" cucm-pub/tomcat.pem

newcase cucm.multi-san-ip fires-ecdsa-csr-with-ip \
  "cucm-pub/: the clean tomcat unit + a multi-server tomcat-ECDSA.csr (CN cucm-EC-ms.example.com) asking for IP:10.10.10.11"
good_node cucm-pub; put msec_ip cucm-pub/tomcat-ECDSA.csr
expect "$(csrid "$W/msec_ip.csr")" cucm-pub/tomcat-ECDSA.csr

newcase cucm.multi-san-ip passes-fqdns-only \
  "cucm-pub/: multi-server tomcat.pem (CN $MS, SANs the three FQDNs), its CSR, tomcat-trust/"
put ms_tomcat cucm-pub/tomcat.pem; put ms cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing

newcase cucm.multi-san-ip na-single-node-ip \
  "cucm-pub/: single-node tomcat.pem (CN $PUB) with IP:10.10.10.11, its CSR, tomcat-trust/: IPs are fine there"
put single_ip cucm-pub/tomcat.pem; put single cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing

# ================================================================= cucm.purpose-key-usage
key cmnc rsa2048
csr cmnc cmnc "$PUB" "DNS:$PUB"
sign_csr cm_no_client cmnc issuing "$PUB" "DNS:$PUB" signing_key encryption_key data_encipherment tls_www_server
key xmppnd rsa2048
csr xmppnd xmppnd "$IMP" "DNS:$IMP,DNS:example.com" serverAuth,clientAuth,ipsecEndSystem
sign_csr xmpp_no_de xmppnd issuing "$IMP" "DNS:$IMP,DNS:example.com" signing_key encryption_key \
  tls_www_server tls_www_client 'key_purpose_oid = 1.3.6.1.5.5.7.3.5'
key capf rsa2048
csr capf capf "CAPF-1a2b3c4d" "" serverAuth
sign_csr capf_no_certsign capf issuing "CAPF-1a2b3c4d" "" ca 'path_len = 0' signing_key tls_www_server
sign_csr capf_ok capf issuing "CAPF-1a2b3c4d" "" "${U_CAPF[@]}"
key tomnk rsa2048
csr tomnk tomnk "$PUB" "DNS:$PUB"
sign_csr tomcat_no_ke tomnk issuing "$PUB" "DNS:$PUB" signing_key data_encipherment tls_www_server tls_www_client
key tomx rsa2048
csr tomx tomx "$PUB" "DNS:$PUB"
sign_csr tomcat_extra tomx issuing "$PUB" "DNS:$PUB" "${U_WEB[@]}" key_agreement non_repudiation \
  'key_purpose_oid = 1.3.6.1.5.5.7.3.5'
# ITLRecovery: self-signed, no key-usage row in the table
key itl rsa2048
self itl itl "ITLRECOVERY_cucm-pub" "" 2025-06-01 2030-06-01 signing_key

newcase cucm.purpose-key-usage fires-callmanager-without-clientauth \
  "cucm-pub/: CallManager.pem with serverAuth only (secure SIP via Expressway-C breaks), its CSR, CallManager-trust/"
put cm_no_client cucm-pub/CallManager.pem; put cmnc cucm-pub/CallManager.csr
put_trust cucm-pub/CallManager-trust root issuing
expect "$(certid "$W/cm_no_client.pem")" cucm-pub/CallManager.pem

newcase cucm.purpose-key-usage fires-cup-xmpp-without-data-encipherment \
  "imp-pub/ (IM and Presence): cup-xmpp.pem whose CA dropped Data Encipherment, its CSR, cup-xmpp-trust/" \
  --product imp
put xmpp_no_de imp-pub/cup-xmpp.pem; put xmppnd imp-pub/cup-xmpp.csr; put_trust imp-pub/cup-xmpp-trust root issuing
expect "$(certid "$W/xmpp_no_de.pem")" imp-pub/cup-xmpp.pem

newcase cucm.purpose-key-usage fires-capf-without-cert-sign \
  "cucm-pub/: CAPF.pem (CA:TRUE, pathlen 0) with Digital Signature but no Certificate Sign, its CSR, CAPF-trust/"
put capf_no_certsign cucm-pub/CAPF.pem; put capf cucm-pub/CAPF.csr; put_trust cucm-pub/CAPF-trust root issuing
expect "$(certid "$W/capf_no_certsign.pem")" cucm-pub/CAPF.pem

newcase cucm.purpose-key-usage fires-no-key-encipherment-without-version \
  "cucm-pub/: tomcat.pem without Key Encipherment, no --product version: the 12.5 table is enforced (the 14SU2/15 guides differ)"
put tomcat_no_ke cucm-pub/tomcat.pem; put tomnk cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
expect "$(certid "$W/tomcat_no_ke.pem")" cucm-pub/tomcat.pem

newcase cucm.purpose-key-usage passes-no-key-encipherment-on-15 \
  "the same tomcat.pem without Key Encipherment, --product cucm:15: disputed, not enforced" --product cucm:15
put tomcat_no_ke cucm-pub/tomcat.pem; put tomnk cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing

newcase cucm.purpose-key-usage passes-extra-usages \
  "cucm-pub/: tomcat.pem with the table's usages plus Key Agreement, Non Repudiation, IPsec End System; CAPF.pem with Digital Signature + Certificate Sign; imp-pub/ clean cup-xmpp"
put tomcat_extra cucm-pub/tomcat.pem; put tomx cucm-pub/tomcat.csr; put_trust cucm-pub/tomcat-trust root issuing
put capf_ok cucm-pub/CAPF.pem; put capf cucm-pub/CAPF.csr; put_trust cucm-pub/CAPF-trust root issuing
good_imp imp-pub

newcase cucm.purpose-key-usage na-version-before-table \
  "CallManager.pem without clientAuth, --product cucm:11.5: no table documented before 12.5(1)" --product cucm:11.5
put cm_no_client cucm-pub/CallManager.pem; put cmnc cucm-pub/CallManager.csr
put_trust cucm-pub/CallManager-trust root issuing

newcase cucm.purpose-key-usage na-itlrecovery-only "cucm-pub/ITLRecovery.pem (self-signed): no row in the table"
put itl cucm-pub/ITLRecovery.pem

# ---------------------------------------------------------------- sanity checks + README
for r in "${!SEV[@]}"; do
  for d in "$OUT/$r"/*/; do
    d=${d%/}; c=${d##*/}
    if [[ $c == fires-* ]]; then [[ -s $d/expected ]]; else [[ ! -s $d/expected ]]; fi \
      || { echo "expected/case-name mismatch in $d" >&2; exit 1; }
  done
done

{
  echo '# Rule cases: CUCM / IM and Presence identity upload'
  echo
  echo 'Generated by `testdata/gen/cucm-upload.sh` (openssl 3.0, GnuTLS certtool 3.7) -- do not'
  echo 'edit by hand, edit the script and rerun it. Evaluated `--at 2026-06-01T00:00:00Z`. The'
  echo 'private PKI: Example Root CA (RSA 2048) -> Example Issuing CA (RSA 2048) -> node'
  echo 'certificates valid 2026-01-01..2028-01-01, signed from CSRs made by openssl as CUCM makes'
  echo 'them. Every `passes-` case is a fully correct node for all ten rules. Keys are random.'
  prev=""
  for row in "${README_ROWS[@]}"; do
    IFS='|' read -r r c d <<<"$row"
    if [[ $r != "$prev" ]]; then
      printf '\n## %s (%s)\n\n| case | input |\n|---|---|\n' "$r" "${SEV[$r]}"; prev=$r
    fi
    printf '| `%s` | %s |\n' "$c" "$d"
  done
} >"$OUT/cucm-upload-README.md"

# every passes- case must be silent for all ten rules
BIN=$ROOTDIR/build/certdiag
if [[ -x $BIN ]]; then
  bad=0
  for r in "${!SEV[@]}"; do
    for d in "$OUT/$r"/passes-*/; do
      mapfile -t extra < <(sed -n '3,$p' "$d/args")
      out=$("$BIN" scan --at "$AT" "${extra[@]}" --rules 'cucm.*' --format json "$d/input" \
        | python3 -c 'import json,sys; print(sum(1 for f in json.load(sys.stdin)["findings"] if f["rule"].startswith("cucm.")))')
      [[ $out == 0 ]] || { echo "cucm-upload.sh: $d is not silent ($out cucm findings)" >&2; bad=1; }
    done
  done
  [[ $bad == 0 ]] || exit 1
fi
echo "cucm-upload.sh: ${#README_ROWS[@]} cases written under $OUT"

# lists cut at the decoder limit: its own script, whose cases in the folders wiped above are made again
"$(dirname "$0")/limits.sh"
