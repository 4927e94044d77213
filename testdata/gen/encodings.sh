#!/usr/bin/env bash
# Regenerates testdata/encodings/: certificates whose names are not UTF-8, as legacy CAs issue
# them. latin1-t61-cn/: a server certificate (certnew.cer, DER, as a Windows CA hands it out)
# whose CN and O are T61Strings holding Latin-1 bytes ("R\xe9ception Server"; openssl's
# string_mask=default picks T61String for such input), and the root that issued it
# (RootCA.cer). byte-order-marks/: the same certificates and the leaf's CSR as Windows tools save
# them - a UTF-8 byte-order mark before the PEM armour (Notepad's "UTF-8"), two such files
# concatenated (`type a.cer b.cer > chain.cer`: a mark inside the file), CRLF, base64 without
# armour after a mark, and UTF-16 (Notepad's "Unicode", PowerShell's `>`), with MANIFEST.tsv:
# file, certificates, CSRs, ingest.unsupported events, note (tests/test_ingest.c).
# Wipes and rewrites the whole directory.
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
# ------------------------------------------------------------------ byte-order marks
B=$OUT/byte-order-marks
mkdir -p "$B"
BOM=$(printf '\xef\xbb\xbf')
crlf() { sed 's/$/\r/' "$1"; }
{ printf '%s' "$BOM"; crlf leaf.pem; } >"$B/certnew.cer"
{ printf '%s' "$BOM"; crlf root.pem; } >"$B/RootCA.cer"
cat "$B/certnew.cer" "$B/RootCA.cer" >"$B/chain typed together.cer"
{ printf '%s' "$BOM"; crlf leaf.csr; } >"$B/tomcat.csr"
{ printf '%s' "$BOM"; sed '/^-----/d' root.pem; } >"$B/root-base64.txt"
crlf leaf.pem | iconv -f ASCII -t UTF-16 >"$B/certnew-unicode.cer"
head -c 2 "$B/certnew-unicode.cer" | od -An -tx1 | grep -q 'ff fe\|fe ff' || die "iconv wrote no UTF-16 mark"
openssl x509 -in "$B/certnew.cer" -noout || die "openssl does not read the UTF-8 mark"
! openssl x509 -in "$B/certnew-unicode.cer" -noout 2>/dev/null || die "openssl reads UTF-16 now"
printf 'file\tcertificates\tcsrs\tunsupported\tnote\n%s\n' \
  "$(printf '%s\t1\t0\t0\tUTF-8 mark, CRLF, PEM leaf\n' certnew.cer
     printf '%s\t1\t0\t0\tUTF-8 mark, CRLF, PEM root\n' RootCA.cer
     printf '%s\t2\t0\t0\tthe two files above concatenated: a mark before each BEGIN line\n' 'chain typed together.cer'
     printf '%s\t0\t1\t0\tUTF-8 mark, CRLF, PEM CSR of the leaf\n' tomcat.csr
     printf '%s\t1\t0\t0\tUTF-8 mark, base64 of the root without armour\n' root-base64.txt
     printf '%s\t0\t0\t1\tUTF-16 with its mark (iconv -t UTF-16): not read, said so\n' certnew-unicode.cer)" \
  >"$B/MANIFEST.tsv"

cat >"$OUT/README.txt" <<TXT
Made by testdata/gen/encodings.sh. Names that are not UTF-8.
latin1-t61-cn/certnew.cer  $(cert_id leaf.pem)  CN and O are T61Strings with Latin-1 bytes (0xe9)
latin1-t61-cn/RootCA.cer   $(cert_id root.pem)  its issuer
byte-order-marks/          the same two and the leaf's CSR with byte-order marks (MANIFEST.tsv)
TXT
