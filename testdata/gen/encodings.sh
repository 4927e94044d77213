#!/usr/bin/env bash
# Regenerates testdata/encodings/: certificates whose names are not UTF-8, as legacy CAs issue
# them. latin1-t61-cn/: a server certificate (certnew.cer, DER, as a Windows CA hands it out)
# whose CN and O are T61Strings holding Latin-1 bytes ("R\xe9ception Server"; openssl's
# string_mask=default picks T61String for such input), and the root that issued it
# (RootCA.cer). Wipes and rewrites the whole directory.
# Usage: bash testdata/gen/encodings.sh        (from any directory)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$TESTDATA_DIR/encodings
mk_work
reset_dir "$OUT"
cd "$WORK"
echo "generating $OUT" >&2

key_rsa root.key
tmpl root.tmpl 'cn = "Example Legacy Root CA"' 'organization = "certdiag test"' 'ca' \
  'cert_signing_key' 'crl_signing_key' 'serial = 1' \
  'activation_date = "2025-01-01 00:00:00"' 'expiration_date = "2035-01-01 00:00:00"'
ct_self root.key root.tmpl root.pem

# the request carries the T61String names; certtool keeps the request's subject when the
# template names none
printf '[req]\ndistinguished_name = dn\nstring_mask = default\nprompt = no\n[dn]\n' >req.cnf
key_rsa leaf.key
openssl req -new -config req.cnf -key leaf.key -out leaf.csr \
  -subj "/CN=R$(printf '\xe9')ception Server/O=Soci$(printf '\xe9')t$(printf '\xe9') Exemple"
tmpl leaf.tmpl 'serial = 2' 'tls_www_server' 'signing_key' 'encryption_key' \
  'activation_date = "2025-01-01 00:00:00"' 'expiration_date = "2030-01-01 00:00:00"'
ct_sign_req leaf.csr leaf.tmpl root.pem root.key leaf.pem
openssl asn1parse -in leaf.pem | grep -a -q 'T61STRING' || die "the subject is not a T61String"

mkdir -p "$OUT/latin1-t61-cn"
pem2der leaf.pem "$OUT/latin1-t61-cn/certnew.cer"
pem2der root.pem "$OUT/latin1-t61-cn/RootCA.cer"
cat >"$OUT/README.txt" <<TXT
Made by testdata/gen/encodings.sh. Names that are not UTF-8.
latin1-t61-cn/certnew.cer  $(cert_id leaf.pem)  CN and O are T61Strings with Latin-1 bytes (0xe9)
latin1-t61-cn/RootCA.cer   $(cert_id root.pem)  its issuer
TXT
