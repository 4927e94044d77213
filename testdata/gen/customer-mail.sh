#!/usr/bin/env bash
# Generates testdata/customer/: bundles as customers really send them (issue 10) - a Microsoft
# CA's certnew.cer (DER), RootCA.cer, SubCA.cer, the tomcat.csr the node made, a certnew.p7b,
# names with spaces, zips and a tar.gz inside a zip, DER and PEM mixed, no on-box layout - next
# to the same certificates in CUCM's and Expressway's on-box layout. Each scenario folder is:
#   args         certdiag scan words, one per line (paths relative to the folder; --at pinned)
#   input/       what is scanned
#   expected     the cucm.* and expressway.* findings: rule<TAB>severity<TAB>ids<TAB>path
#                (ids sorted, comma-joined; path of the first place, relative to the folder)
#   roles        every role an object has: id<TAB>role<TAB>node<TAB>role_source (sorted)
#   notes        the role notes: id<TAB>message (sorted)
#   not-checked  rule<TAB>what<TAB>enable of the product rules that say "not checked" (sorted)
#   same-as      (mail scenarios) the on-box scenario whose findings must be the same
#                (rule, severity, ids; the paths differ)
# tests/test_customer.c runs every scenario. Tools: openssl 3 (CSRs as CUCM makes them, DER,
# PKCS#7), GnuTLS certtool (the CA: subject and extensions from a template), python3 (zip and
# tar with fixed times). Keys are random; run it again and commit the outputs. Dates are fixed,
# evaluated --at 2026-06-01T00:00:00Z.
set -euo pipefail
export TZ=UTC LC_ALL=C

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/customer
AT=2026-06-01T00:00:00Z
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-customer.XXXXXX")
trap 'rm -rf "$W"' EXIT
. "$HERE/lib.sh"
command -v python3 >/dev/null || die "python3 needed (zip, tar)"

reset_dir "$OUT"

PUB=cucm-pub.example.com
SUB=cucm-sub.example.com

# ---------------------------------------------------------------- material
# tmpl NAME CN "SANs" [lines]...: a certtool template, valid 2026-01-01 to 2028-01-01
tmpl() {
  local name=$1 cn=$2 sans=$3 s; shift 3
  { printf 'cn = "%s"\norganization = "Example Corp"\n' "$cn"
    local IFS=,
    for s in $sans; do printf 'dns_name = "%s"\n' "${s#DNS:}"; done
    unset IFS
    printf '%s\n' "$@"
    printf 'activation_date = "2026-01-01 00:00:00"\nexpiration_date = "2028-01-01 00:00:00"\n'
  } >"$W/$name.tmpl"
}
# sign NAME KEY ISSUER CN "SANs" [lines]...: the CA signs a certificate for KEY -> $W/NAME.pem
sign() {
  local name=$1 k=$2 iss=$3 cn=$4 sans=$5; shift 5
  tmpl "$name" "$cn" "$sans" "$@"
  run certtool --generate-certificate --load-privkey "$W/$k.key" --template "$W/$name.tmpl" \
    --load-ca-certificate "$W/$iss.pem" --load-ca-privkey "$W/$iss.key" --hash SHA256 \
    --no-text --outfile "$W/$name.pem"
}
# req NAME KEY CN "SANs" EKU [keyUsage]: a CSR as the node makes it -> $W/NAME.csr
req() {
  local name=$1 k=$2 cn=$3 sans=$4 eku=$5
  local ku=${6:-critical,digitalSignature,keyEncipherment,dataEncipherment,keyAgreement}
  local args=(-new -key "$W/$k.key" -sha256 -out "$W/$name.csr"
    -subj "/C=US/ST=CA/L=San Jose/O=Example Corp/OU=UC/CN=$cn" -addext "keyUsage=$ku")
  [[ -n $eku ]] && args+=(-addext "extendedKeyUsage=$eku")
  [[ -n $sans ]] && args+=(-addext "subjectAltName=$sans")
  run openssl req "${args[@]}"
}
der() { openssl x509 -in "$W/$1.pem" -outform DER -out "$2"; }
p7b() { local out=$1; shift; local a=(); for c in "$@"; do a+=(-certfile "$W/$c.pem"); done
  run openssl crl2pkcs7 -nocrl "${a[@]}" -out "$out"; }
# zipit ZIP DIR: DIR's files into ZIP (names relative to DIR, sorted, fixed times)
zipit() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
out, root = sys.argv[1], sys.argv[2]
names = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for n in names:
        i = zipfile.ZipInfo(n, date_time=(2026, 5, 4, 9, 30, 0))
        i.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(i, open(os.path.join(root, n), "rb").read())
PY
}
# targz TGZ DIR: DIR's files into a gzip'd tar (fixed times)
targz() {
  python3 - "$1" "$2" <<'PY'
import gzip, io, os, sys, tarfile
out, root = sys.argv[1], sys.argv[2]
names = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
    for n in names:
        data = open(os.path.join(root, n), "rb").read()
        ti = tarfile.TarInfo(n); ti.size = len(data); ti.mtime = 1777887000; ti.mode = 0o644
        t.addfile(ti, io.BytesIO(data))
with open(out, "wb") as f:
    f.write(gzip.compress(buf.getvalue(), mtime=0))
PY
}

U_WEB=(signing_key encryption_key data_encipherment tls_www_server tls_www_client)
U_CA=(ca cert_signing_key crl_signing_key)

# The customer's Microsoft CA: root -> issuing CA
key root rsa2048
cert root root self 2024-01-01 2036-01-01 'cn = "Example Root CA"' 'organization = "Example Corp"' \
  'serial = 1' "${U_CA[@]}"
key issuing rsa2048
cert issuing issuing root 2024-01-01 2034-01-01 'cn = "Example Issuing CA"' \
  'organization = "Example Corp"' 'serial = 2' "${U_CA[@]}"

# cucm-pub's tomcat CSR; the CA adds the short host name as a SAN (cucm.csr-san-mismatch)
key pub rsa2048
req pub_tomcat pub "$PUB" "DNS:$PUB" serverAuth,clientAuth
sign pub_signed pub issuing "$PUB" "DNS:$PUB,DNS:cucm-pub" "${U_WEB[@]}"

ID_ROOT=$(certid "$W/root.pem"); ID_ISS=$(certid "$W/issuing.pem")
ID_LEAF=$(certid "$W/pub_signed.pem"); ID_CSR=$(csrid "$W/pub_tomcat.csr")

# ---------------------------------------------------------------- scenario helpers
scenario() { S=$OUT/$1; mkdir -p "$S/input"; printf '%s\n' --at "$AT" "${@:2}" >"$S/args"
  : >"$S/expected"; : >"$S/roles"; : >"$S/notes"; : >"$S/not-checked"; }
line() { local f=$1; shift; local IFS=$'\t'; printf '%s\n' "$*" >>"$S/$f"; sort -o "$S/$f" "$S/$f"; }
expect() { line expected "$@"; }
role() { line roles "$@"; }
note() { line notes "$@"; }
nc() { line not-checked "$@"; }
same_as() { printf '%s\n' "$1" >"$S/same-as"; }

WHAT_NO_STORE="tomcat on cucm-pub: the input holds no tomcat-trust store"
SAN_MISMATCH=(cucm.csr-san-mismatch error "$(joinids "$ID_LEAF" "$ID_CSR")")
CA_MISSING=(cucm.ca-not-in-trust-store error "$(joinids "$ID_LEAF" "$ID_ISS")")
CSR_BY_PATH="its file name is the unit's CSR (<unit>.csr, or keys/<unit>)"
NODE_FROM_CN="node cucm-pub from the host name in its subject CN, $PUB"

# the mail: "cucm-pub certificates.zip" as the CA and the node gave them
MAIL=$W/mail; mkdir -p "$MAIL"
der pub_signed "$MAIL/certnew.cer"; der root "$MAIL/RootCA.cer"; cp "$W/issuing.pem" "$MAIL/SubCA.cer"
cp "$W/pub_tomcat.csr" "$MAIL/tomcat.csr"; p7b "$MAIL/certnew.p7b" pub_signed issuing root
ZIP="cucm-pub certificates.zip"

# ================================================================= the CUCM mail, no trust store
scenario mail-no-trust --product cucm
zipit "$S/input/$ZIP" "$MAIL"
expect "${SAN_MISMATCH[@]}" "input/$ZIP!/certnew.cer"
role "$ID_LEAF" identity:tomcat cucm-pub inferred
role "$ID_CSR" csr:tomcat cucm-pub inferred
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"
same_as onbox-no-trust

scenario onbox-no-trust --product cucm
mkdir -p "$S/input/cucm-pub/tomcat/certs" "$S/input/cucm-pub/tomcat/keys"
cp "$W/pub_signed.pem" "$S/input/cucm-pub/tomcat/certs/tomcat.pem"
cp "$W/pub_tomcat.csr" "$S/input/cucm-pub/tomcat/keys/tomcat.csr"
cp "$W/root.pem" "$S/input/Example_Root_CA.pem"; cp "$W/issuing.pem" "$S/input/Example_Issuing_CA.pem"
expect "${SAN_MISMATCH[@]}" "input/cucm-pub/tomcat/certs/tomcat.pem"
role "$ID_LEAF" identity:tomcat cucm-pub layout
role "$ID_CSR" csr:tomcat cucm-pub layout
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"

# ================================================================= the identity file carries its chain
# tomcat.pem holds the signed certificate, then the issuing CA and the root (a CA's "full
# chain" download, or `cat` of the three): the identity its name gives is the end-entity
# certificate only; the CAs beside it are no tomcat identity (they were, and the report
# labelled the missing issuer "[identity:tomcat]")
scenario onbox-chain-in-identity --product cucm
mkdir -p "$S/input/cucm-pub/tomcat/certs" "$S/input/cucm-pub/tomcat/keys"
cat "$W/pub_signed.pem" "$W/issuing.pem" "$W/root.pem" >"$S/input/cucm-pub/tomcat/certs/tomcat.pem"
cp "$W/pub_tomcat.csr" "$S/input/cucm-pub/tomcat/keys/tomcat.csr"
expect "${SAN_MISMATCH[@]}" "input/cucm-pub/tomcat/certs/tomcat.pem"
role "$ID_LEAF" identity:tomcat cucm-pub layout
role "$ID_CSR" csr:tomcat cucm-pub layout
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"
same_as onbox-no-trust

# ================================================================= the mail with its root as tomcat-trust
scenario mail-with-trust --product cucm --role "tomcat-trust=input/$ZIP!/RootCA.cer"
zipit "$S/input/$ZIP" "$MAIL"
expect "${SAN_MISMATCH[@]}" "input/$ZIP!/certnew.cer"
expect "${CA_MISSING[@]}" "input/$ZIP!/certnew.cer"
role "$ID_LEAF" identity:tomcat cucm-pub inferred
role "$ID_CSR" csr:tomcat cucm-pub inferred
role "$ID_ROOT" trust:tomcat-trust "" option
same_as onbox-trust

scenario onbox-trust --product cucm
mkdir -p "$S/input/cucm-pub/tomcat/certs" "$S/input/cucm-pub/tomcat/keys" "$S/input/cucm-pub/tomcat/trust-certs"
cp "$W/pub_signed.pem" "$S/input/cucm-pub/tomcat/certs/tomcat.pem"
cp "$W/pub_tomcat.csr" "$S/input/cucm-pub/tomcat/keys/tomcat.csr"
cp "$W/root.pem" "$S/input/cucm-pub/tomcat/trust-certs/Example_Root_CA.pem"
cp "$W/issuing.pem" "$S/input/Example_Issuing_CA.pem"
expect "${SAN_MISMATCH[@]}" "input/cucm-pub/tomcat/certs/tomcat.pem"
expect "${CA_MISSING[@]}" "input/cucm-pub/tomcat/certs/tomcat.pem"
role "$ID_LEAF" identity:tomcat cucm-pub layout
role "$ID_CSR" csr:tomcat cucm-pub layout
role "$ID_ROOT" trust:tomcat-trust cucm-pub layout

# ================================================================= --role on a whole archive
# the identity goes to the end-entity certificate only, never to RootCA/SubCA beside it; the
# loose tomcat.csr (no node) is the pending CSR of tomcat on cucm-pub
scenario role-whole-archive --product cucm --role "tomcat@cucm-pub=input/$ZIP"
zipit "$S/input/$ZIP" "$MAIL"
expect "${SAN_MISMATCH[@]}" "input/$ZIP!/certnew.cer"
role "$ID_LEAF" identity:tomcat cucm-pub option
role "$ID_CSR" csr:tomcat "" layout
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"
same_as onbox-no-trust

# a trust role on a whole archive holding the root and, by mistake, the signed certificate:
# only the root is tomcat-trust; the certificate is then the CSR's identity by its key
scenario role-trust-whole-archive --product cucm --role "tomcat-trust=input/CA bundle.zip"
B=$W/bundle; mkdir -p "$B"; der root "$B/RootCA.cer"; der pub_signed "$B/certnew.cer"
zipit "$S/input/CA bundle.zip" "$B"
cp "$W/pub_tomcat.csr" "$S/input/tomcat.csr"; cp "$W/issuing.pem" "$S/input/SubCA.cer"
expect "${SAN_MISMATCH[@]}" "input/CA bundle.zip!/certnew.cer"
expect "${CA_MISSING[@]}" "input/CA bundle.zip!/certnew.cer"
role "$ID_LEAF" identity:tomcat cucm-pub inferred
role "$ID_CSR" csr:tomcat cucm-pub inferred
role "$ID_ROOT" trust:tomcat-trust "" option
same_as onbox-trust

# ================================================================= --role on members of nested archives
# "case 42.zip" holds "from CA/signed.tar.gz" (signed/certnew.pem, trust/RootCA.pem), the CSR
# and SubCA.cer
scenario role-nested-member --product cucm \
  --role "tomcat@cucm-pub=input/case 42.zip!/from CA/signed.tar.gz!/signed/certnew.pem" \
  --role "tomcat-trust=input/case 42.zip!/from CA/signed.tar.gz!/trust/"
T=$W/tgz; mkdir -p "$T/signed" "$T/trust"; cp "$W/pub_signed.pem" "$T/signed/certnew.pem"
cp "$W/root.pem" "$T/trust/RootCA.pem"
C42=$W/case42; mkdir -p "$C42/from CA"; targz "$C42/from CA/signed.tar.gz" "$T"
cp "$W/pub_tomcat.csr" "$C42/tomcat.csr"; cp "$W/issuing.pem" "$C42/SubCA.cer"
zipit "$S/input/case 42.zip" "$C42"
expect "${SAN_MISMATCH[@]}" "input/case 42.zip!/from CA/signed.tar.gz!/signed/certnew.pem"
expect "${CA_MISSING[@]}" "input/case 42.zip!/from CA/signed.tar.gz!/signed/certnew.pem"
role "$ID_LEAF" identity:tomcat cucm-pub option
role "$ID_CSR" csr:tomcat "" layout
role "$ID_ROOT" trust:tomcat-trust "" option
same_as onbox-trust

# ================================================================= inference must not happen: one key, two nodes
# cucm-pub's and cucm-sub's tomcat.csr made from one key (a cloned node): which node's is
# certnew.cer? ambiguous - no role, a note, and the CUCM identity rules say "not checked"
scenario two-nodes-one-key --product cucm
req sub_tomcat pub "$SUB" "DNS:$SUB" serverAuth,clientAuth
ID_SUBCSR=$(csrid "$W/sub_tomcat.csr")
M2=$W/m2; mkdir -p "$M2/cucm-pub" "$M2/cucm-sub"
cp "$W/pub_tomcat.csr" "$M2/cucm-pub/tomcat.csr"; cp "$W/sub_tomcat.csr" "$M2/cucm-sub/tomcat.csr"
der pub_signed "$M2/certnew.cer"
zipit "$S/input/from customer.zip" "$M2"
role "$ID_CSR" csr:tomcat cucm-pub layout
role "$ID_SUBCSR" csr:tomcat cucm-sub layout
note "$ID_LEAF" "\"$PUB\" has the public key of tomcat.csr (input/from customer.zip!/cucm-pub/tomcat.csr) [tomcat on cucm-pub] and tomcat.csr (input/from customer.zip!/cucm-sub/tomcat.csr) [tomcat on cucm-sub]: which node's tomcat certificate it is cannot be told, so no role is inferred; give it with --role 'tomcat@NODE=input/from customer.zip!/certnew.cer'"
for r in ca-not-in-trust-store capf-not-ca csr-key-mismatch csr-missing csr-san-mismatch \
         purpose-key-type purpose-key-usage signature-not-rsa wildcard-unsupported; do
  nc "cucm.$r" "no certificate of the input is a CUCM identity certificate (none is named or placed as one, none has the key of a CSR of known purpose)" "--role UNIT=PATH"
done

# ================================================================= inference must not happen: a CA with a CSR's key
# SubCA.cer was issued (CA:TRUE) from tomcat.csr's key: no purpose but CAPF's identity is a CA
scenario ca-with-csr-key
sign ca_from_csr pub issuing "$PUB" "" "${U_CA[@]}"
ID_CAKEY=$(certid "$W/ca_from_csr.pem")
cp "$W/pub_tomcat.csr" "$S/input/tomcat.csr"; der ca_from_csr "$S/input/SubCA.cer"
role "$ID_CSR" csr:tomcat "" layout
note "$ID_CAKEY" "\"$PUB\" has the public key of tomcat.csr (input/tomcat.csr) [tomcat on cucm-pub] but is a CA certificate (cA=TRUE), which the identity of that purpose is not: no identity role is inferred for it (a CA issued from the CSR's key, or the CSR of a CA)"

# ================================================================= a CSR regenerated after submission
# certnew.cer carries the CSR's subject and SANs, but the node made a new key since: the
# certificate is the one issued for that CSR, cucm.csr-key-mismatch says why
scenario regenerated-csr --product cucm
key pub_old rsa2048
req pub_oldreq pub_old "$PUB" "DNS:$PUB" serverAuth,clientAuth
# signed from the request itself: its subject kept, its SAN repeated by the template
{ printf 'dns_name = "%s"\n' "$PUB"; printf '%s\n' "${U_WEB[@]}"
  printf 'activation_date = "2026-01-01 00:00:00"\nexpiration_date = "2028-01-01 00:00:00"\n'
} >"$W/old.tmpl"
run certtool --generate-certificate --load-request "$W/pub_oldreq.csr" --template "$W/old.tmpl" \
  --load-ca-certificate "$W/issuing.pem" --load-ca-privkey "$W/issuing.key" --hash SHA256 \
  --no-text --outfile "$W/pub_oldsigned.pem"
ID_OLD=$(certid "$W/pub_oldsigned.pem")
cp "$W/pub_tomcat.csr" "$S/input/tomcat.csr"; der pub_oldsigned "$S/input/certnew.cer"
der root "$S/input/RootCA.cer"; cp "$W/issuing.pem" "$S/input/SubCA.cer"
expect cucm.csr-key-mismatch error "$(joinids "$ID_OLD" "$ID_CSR")" "input/certnew.cer"
role "$ID_OLD" identity:tomcat cucm-pub inferred
role "$ID_CSR" csr:tomcat cucm-pub inferred
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"
same_as onbox-regenerated

scenario onbox-regenerated --product cucm
mkdir -p "$S/input/cucm-pub/tomcat/certs" "$S/input/cucm-pub/tomcat/keys"
cp "$W/pub_oldsigned.pem" "$S/input/cucm-pub/tomcat/certs/tomcat.pem"
cp "$W/pub_tomcat.csr" "$S/input/cucm-pub/tomcat/keys/tomcat.csr"
cp "$W/root.pem" "$S/input/Example_Root_CA.pem"; cp "$W/issuing.pem" "$S/input/Example_Issuing_CA.pem"
expect cucm.csr-key-mismatch error "$(joinids "$ID_OLD" "$ID_CSR")" "input/cucm-pub/tomcat/certs/tomcat.pem"
role "$ID_OLD" identity:tomcat cucm-pub layout
role "$ID_CSR" csr:tomcat cucm-pub layout
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"

# ================================================================= a purpose from the CSR's request
# "request 0412.csr" asks for keyCertSign and serverAuth: only CAPF's purpose fits; the signed
# CAPF certificate (CA:TRUE, pathlen 0, as CAPF needs) is its identity
scenario capf-by-usage --product cucm
key capf rsa2048
req capf_req capf "$PUB" "" serverAuth "critical,digitalSignature,keyCertSign"
ID_CAPFCSR=$(csrid "$W/capf_req.csr")
sign capf_signed capf root "$PUB" "" ca 'path_len = 0' signing_key cert_signing_key tls_www_server
ID_CAPF=$(certid "$W/capf_signed.pem")
cp "$W/capf_req.csr" "$S/input/request 0412.csr"; der capf_signed "$S/input/certnew.cer"
der root "$S/input/RootCA.cer"
role "$ID_CAPF" identity:CAPF cucm-pub inferred
role "$ID_CAPFCSR" csr:CAPF cucm-pub inferred
nc cucm.ca-not-in-trust-store "CAPF on cucm-pub: the input holds no CAPF-trust store" "--role CAPF-trust@cucm-pub=PATH"

# ================================================================= --role on a file of CA certificates only
# a CAPF certificate is a CA (CA:TRUE, pathlen 0): given with its root in one PKCS#7, the
# identity goes to the certificate that issued none of the others
scenario role-capf-bundle --product cucm --role "CAPF@cucm-pub=input/CAPF chain.p7b"
p7b "$S/input/CAPF chain.p7b" capf_signed root
role "$ID_CAPF" identity:CAPF cucm-pub option
nc cucm.ca-not-in-trust-store "CAPF on cucm-pub: the input holds no CAPF-trust store" "--role CAPF-trust@cucm-pub=PATH"
for r in csr-key-mismatch csr-san-mismatch csr-missing; do
  nc "cucm.$r" "CAPF on cucm-pub: the input shows none of the node's CSRs or trust stores, so whether a CAPF CSR is pending is unknown" \
    "--role CAPF.csr@cucm-pub=PATH"
done

# ================================================================= a multi-server CSR
# CUCM names a multi-server (SAN) CSR <host>-ms.<domain>: the node is the host before -ms
scenario multi-server-csr --product cucm
key ms rsa2048
req ms_tomcat ms "cucm-pub-ms.example.com" "DNS:cucm-pub-ms.example.com,DNS:$PUB,DNS:$SUB" serverAuth,clientAuth
sign ms_signed ms issuing "cucm-pub-ms.example.com" "DNS:cucm-pub-ms.example.com,DNS:$PUB,DNS:$SUB" "${U_WEB[@]}"
ID_MS=$(certid "$W/ms_signed.pem"); ID_MSCSR=$(csrid "$W/ms_tomcat.csr")
cp "$W/ms_tomcat.csr" "$S/input/tomcat.csr"; der ms_signed "$S/input/certnew.cer"
role "$ID_MS" identity:tomcat cucm-pub inferred
role "$ID_MSCSR" csr:tomcat cucm-pub inferred
nc cucm.ca-not-in-trust-store "$WHAT_NO_STORE" "--role tomcat-trust@cucm-pub=PATH"

# ================================================================= Expressway: server.pem anywhere
# two Expressway-C nodes sent their server certificates made from one key
# (expressway.shared-private-key), as server.pem and server.crt in folders of their own
XC1=exp-c1.example.com; XC2=exp-c2.example.com
key xkey rsa2048
sign xc1 xkey issuing "$XC1" "DNS:$XC1" "${U_WEB[@]}"
sign xc2 xkey issuing "$XC2" "DNS:$XC2" "${U_WEB[@]}"
ID_XC1=$(certid "$W/xc1.pem"); ID_XC2=$(certid "$W/xc2.pem")
scenario expressway-mail --product expressway --core
mkdir -p "$S/input/exp-c1" "$S/input/exp-c2 (new)"
cp "$W/xc1.pem" "$S/input/exp-c1/server.pem"; cp "$W/xc2.pem" "$S/input/exp-c2 (new)/Server.CRT"
expect expressway.shared-private-key warning "$(joinids "$ID_XC1" "$ID_XC2")" "input/exp-c1/server.pem"
role "$ID_XC1" identity:expressway-server exp-c1 inferred
role "$ID_XC2" identity:expressway-server "exp-c2 (new)" inferred
for n in exp-c1 "exp-c2 (new)"; do
  nc expressway.trusted-list-incomplete "the server certificate of $n: the input holds no trusted CA list" "--role expressway-trusted-ca@$n=PATH"
  nc expressway.profile-name-san "the server certificate of $n: the secure phone profile names are not known" "--profile-name NAME"
done
same_as expressway-onbox

# the server file of a mail carries its chain: the server certificate is its end-entity
# certificate only (expressway.server-file-has-chain says to upload it alone)
scenario expressway-chain-in-server-file --product expressway --core
mkdir -p "$S/input/exp-c1"
cat "$W/xc1.pem" "$W/issuing.pem" "$W/root.pem" >"$S/input/exp-c1/server.pem"
expect expressway.server-file-has-chain error "$(joinids "$ID_XC1" "$ID_ISS" "$ID_ROOT")" "input/exp-c1/server.pem"
role "$ID_XC1" identity:expressway-server "" inferred
nc expressway.trusted-list-incomplete "the server certificate: the input holds no trusted CA list" "--role expressway-trusted-ca=PATH"
nc expressway.profile-name-san "the server certificate: the secure phone profile names are not known" "--profile-name NAME"

scenario expressway-onbox --product expressway --core
for n in 1 2; do mkdir -p "$S/input/exp-c$n/tandberg/persistent/certs"
  cp "$W/xc$n.pem" "$S/input/exp-c$n/tandberg/persistent/certs/server.pem"; done
expect expressway.shared-private-key warning "$(joinids "$ID_XC1" "$ID_XC2")" "input/exp-c1/tandberg/persistent/certs/server.pem"
role "$ID_XC1" identity:expressway-server exp-c1 layout
role "$ID_XC2" identity:expressway-server exp-c2 layout
for n in exp-c1 exp-c2; do
  nc expressway.trusted-list-incomplete "the server certificate of $n: the input holds no trusted CA list" "--role expressway-trusted-ca@$n=PATH"
  nc expressway.profile-name-san "the server certificate of $n: the secure phone profile names are not known" "--profile-name NAME"
done

log "customer scenarios written to $OUT"
