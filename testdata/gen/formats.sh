#!/usr/bin/env bash
# Regenerates testdata/formats/: one file per input format the ingest must
# recognise by content (extensions are misleading or absent on purpose), plus
# MANIFEST.tsv (what each file truly holds) and SHA256SUMS (DER sha256 of every
# distinct certificate). Wipes and rewrites the whole directory.
# Usage: bash testdata/gen/formats.sh        (from any directory)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

OUT=$TESTDATA_DIR/formats
mk_work
reset_dir "$OUT"
W=$WORK
cd "$W"
echo "generating $OUT" >&2

MANIFEST=()
# m FILE CERTS CSRS CRLS PKCS7 PKCS12 KEYS DAMAGED NOTE
m() { MANIFEST+=("$(printf '%s\t' "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8")$9"); }
SUMS=()
# s CERT_PEM NAME
s() { SUMS+=("$(cert_sha256 "$1")  $2"); }

V25='activation_date = "2025-01-01 00:00:00"'
E35='expiration_date = "2035-01-01 00:00:00"'

# ------------------------------------------------------------------ the PKI
key_rsa root.key
tmpl root.tmpl 'cn = "certdiag Formats Root CA"' 'organization = "certdiag test"' 'country = US' \
  'serial = 0x01' "$V25" "$E35" ca cert_signing_key crl_signing_key
ct_self root.key root.tmpl root.pem

key_rsa inter.key
tmpl inter.tmpl 'cn = "certdiag Formats Intermediate CA"' 'organization = "certdiag test"' 'country = US' \
  'serial = 0x02' "$V25" "$E35" ca 'path_len = 0' cert_signing_key crl_signing_key
ct_sign inter.key inter.tmpl root.pem root.key inter.pem

# leaf1, leaf2: CSRs by openssl, signed by the intermediate with certtool
leaf_tmpl() { # FILE CN SERIAL [extra...]
  local f=$1 cn=$2 serial=$3; shift 3
  tmpl "$f" "cn = \"$cn\"" 'organization = "certdiag test"' 'country = US' "serial = $serial" \
    "$V25" "$E35" "dns_name = \"$cn\"" signing_key encryption_key tls_www_server tls_www_client "$@"
}
for i in 1 2; do
  key_rsa "leaf$i.key"
  openssl req -new -key "leaf$i.key" -subj "/C=US/O=certdiag test/CN=server$i.formats.test" \
    -addext "subjectAltName=DNS:server$i.formats.test" -out "leaf$i.csr"
  leaf_tmpl "leaf$i.tmpl" "server$i.formats.test" "0x100$i"
  ct_sign_req "leaf$i.csr" "leaf$i.tmpl" inter.pem inter.key "leaf$i.pem"
done

# leaf3: client certificate; key and CSR by certtool
certtool --generate-privkey --key-type rsa --bits 2048 --no-text --outfile leaf3.key 2>/dev/null
tmpl leaf3.tmpl 'cn = "certdiag client user"' 'organization = "certdiag test"' 'country = US' \
  'serial = 0x1003' "$V25" "$E35" 'email = "client@formats.test"' signing_key tls_www_client
certtool --generate-request --load-privkey leaf3.key --template leaf3.tmpl --no-text \
  --outfile leaf3.csr 2>/dev/null
ct_sign_req leaf3.csr leaf3.tmpl inter.pem inter.key leaf3.pem

# EC leaf
key_ec leafec.key
openssl req -new -key leafec.key -subj "/C=US/O=certdiag test/CN=ec.formats.test" -out leafec.csr
leaf_tmpl leafec.tmpl ec.formats.test 0x1004
ct_sign_req leafec.csr leafec.tmpl inter.pem inter.key leafec.pem

for c in root inter leaf1 leaf2 leaf3 leafec; do pem2der "$c.pem" "$c.der"; done
s root.pem root; s inter.pem intermediate; s leaf1.pem leaf1-server1; s leaf2.pem leaf2-server2
s leaf3.pem leaf3-client; s leafec.pem leafec-ec

# CRLs: intermediate (certtool, PEM, revokes leaf3); root (openssl ca, DER, empty)
tmpl crl.tmpl 'crl_number = 1' 'crl_this_update_date = "2025-06-01 00:00:00"' \
  'crl_next_update_date = "2035-01-01 00:00:00"' 'crl_revocation_date = "2025-05-01 00:00:00"'
certtool --generate-crl --load-ca-privkey inter.key --load-ca-certificate inter.pem \
  --load-certificate leaf3.pem --template crl.tmpl --hash SHA256 --no-text --outfile inter.crl 2>/dev/null
mkdir -p rootca && : >rootca/index.txt && echo 01 >rootca/crlnumber
cat >rootca/ca.cnf <<EOF
[ca]
default_ca = d
[d]
dir = $W/rootca
database = \$dir/index.txt
crlnumber = \$dir/crlnumber
default_md = sha256
EOF
openssl ca -config rootca/ca.cnf -gencrl -keyfile root.key -cert root.pem \
  -crl_lastupdate 20250601000000Z -crl_nextupdate 20350101000000Z -out root.crl 2>/dev/null

# ------------------------------------------------------------------ 1. PEM certificates
cp root.pem "$OUT/root.pem"
m root.pem 1 0 0 0 0 0 0 "PEM, single self-signed root certificate"

cat leaf1.pem inter.pem root.pem >chain.pem
cp chain.pem "$OUT/chain.pem"
m chain.pem 3 0 0 0 0 0 0 "PEM bundle: leaf1, intermediate, root"

{
  echo "Certificates for server1, as requested. Chain follows."
  echo
  for c in leaf1 inter root; do
    openssl x509 -in "$c.pem" -text -certopt no_sigdump,no_pubkey
    echo
    echo "-- next --"
    echo
  done
  echo "Regards, the PKI team"
} >"$OUT/text-around.crt"
m text-around.crt 3 0 0 0 0 0 0 "PEM with openssl -text output before each block, prose before/between/after"

cat leaf2.pem inter.pem | sed 's/$/\r/' >"$OUT/crlf.pem"
m crlf.pem 2 0 0 0 0 0 0 "PEM bundle with CRLF line endings: leaf2, intermediate"

printf '%s' "$(cat leafec.pem)" >"$OUT/no-final-newline.pem"
m no-final-newline.pem 1 0 0 0 0 0 0 "PEM EC leaf certificate without final newline"

openssl x509 -in root.pem -trustout -addtrust serverAuth -setalias "certdiag root" -out "$OUT/trusted.pem"
m trusted.pem 1 0 0 0 0 0 0 "BEGIN TRUSTED CERTIFICATE (openssl -trustout, aux trust serverAuth + alias) of root"

relabel CERTIFICATE 'X509 CERTIFICATE' <inter.pem >"$OUT/x509-armour.pem"
m x509-armour.pem 1 0 0 0 0 0 0 "BEGIN X509 CERTIFICATE armour (old label openssl still accepts) of intermediate"

cucm_dump leaf1.pem tomcat >"$OUT/show-cert-own-tomcat.txt"
m show-cert-own-tomcat.txt 1 0 0 0 0 0 0 "CUCM 'show cert own tomcat' Java-style dump (incl. hex RSA key) followed by PEM of leaf1"

# ------------------------------------------------------------------ 2. DER certificates
cp leaf1.der "$OUT/leaf.cer"
m leaf.cer 1 0 0 0 0 0 0 "DER leaf1 certificate"
cp inter.der "$OUT/INTERCERT"
m INTERCERT 1 0 0 0 0 0 0 "DER intermediate certificate, no extension"

# ------------------------------------------------------------------ 3. CSRs
cp leaf2.csr "$OUT/server2.csr"
m server2.csr 0 1 0 0 0 0 0 "PEM CSR (CERTIFICATE REQUEST), made by openssl req"
relabel 'CERTIFICATE REQUEST' 'NEW CERTIFICATE REQUEST' <leaf1.csr >"$OUT/new-header.req"
m new-header.req 0 1 0 0 0 0 0 "PEM CSR with NEW CERTIFICATE REQUEST armour (openssl CSR of leaf1, relabelled)"
openssl req -in leafec.csr -outform DER -out "$OUT/request.der"
m request.der 0 1 0 0 0 0 0 "DER CSR (EC P-256, openssl)"
cp leaf3.csr "$OUT/certtool-csr.txt"
m certtool-csr.txt 0 1 0 0 0 0 0 "PEM CSR made by certtool --generate-request (client, with extensions)"

# ------------------------------------------------------------------ 4. CRLs
cp inter.crl "$OUT/intermediate.crl"
m intermediate.crl 0 0 1 0 0 0 0 "PEM CRL (X509 CRL) by certtool, intermediate, revokes leaf3 (serial 0x1003)"
openssl crl -in root.crl -outform DER -out "$OUT/root-crl.der"
m root-crl.der 0 0 1 0 0 0 0 "DER CRL by openssl ca -gencrl, root, no revoked certificates"

# ------------------------------------------------------------------ 5. PKCS#7
openssl crl2pkcs7 -nocrl -certfile chain.pem -out chain.p7.pem
cp chain.p7.pem "$OUT/chain.p7c"
m chain.p7c 3 0 0 1 0 0 0 "PEM PKCS#7 (BEGIN PKCS7) certs-only: leaf1, intermediate, root"
openssl pkcs7 -in chain.p7.pem -outform DER -out "$OUT/chain.p7b"
m chain.p7b 3 0 0 1 0 0 0 "DER PKCS#7 certs-only: leaf1, intermediate, root"
cat leaf2.pem inter.pem >leaf2chain.pem
openssl crl2pkcs7 -nocrl -certfile leaf2chain.pem | relabel PKCS7 CMS >"$OUT/cms-armour.pem"
m cms-armour.pem 2 0 0 1 0 0 0 "PKCS#7 certs-only with BEGIN CMS armour: leaf2, intermediate"
openssl crl2pkcs7 -in inter.crl -certfile leaf2chain.pem -out "$OUT/with-crl.p7b"
m with-crl.p7b 2 0 1 1 0 0 0 "PEM PKCS#7 (despite .p7b) with leaf2, intermediate and the intermediate CRL"
cat leafec.pem inter.pem root.pem >ecchain.pem
certtool --p7-generate --load-certificate ecchain.pem --no-text --outfile "$OUT/certtool-p7.pem" 2>/dev/null
m certtool-p7.pem 3 0 0 1 0 0 0 "PEM PKCS#7 by certtool --p7-generate: EC leaf, intermediate, root"

# ------------------------------------------------------------------ 6. PKCS#12
openssl pkcs12 -export -inkey leaf1.key -in leaf1.pem -certfile inter.pem -name server1 \
  -passout pass:secret -out "$OUT/protected.p12"
m protected.p12 0 0 0 0 1 1 0 "PKCS#12, password 'secret' (openssl defaults: AES-256/PBKDF2, certs encrypted); holds leaf1+intermediate+key; the key bag (PKCS#8 shrouded) is visible but encrypted"
openssl pkcs12 -export -inkey leaf2.key -in leaf2.pem -certfile inter.pem -name server2 \
  -passout pass: -out "$OUT/empty-password.pfx"
m empty-password.pfx 2 0 0 0 1 1 0 "PKCS#12 with empty password (openssl -passout pass:): leaf2, intermediate, key"
certtool --to-p12 --load-certificate ecchain.pem --load-privkey leafec.key --p12-name ecleaf \
  --password secret --outder --no-text --outfile "$OUT/certtool.p12" 2>/dev/null
m certtool.p12 0 0 0 0 1 1 0 "PKCS#12 by certtool --to-p12, password 'secret': EC leaf, intermediate, root, key; the key bag (PKCS#8 shrouded) is visible but encrypted"

# ------------------------------------------------------------------ 7. private keys
cp leaf1.key "$OUT/server1.key"
m server1.key 0 0 0 0 0 1 0 "PEM PKCS#8 unencrypted RSA key (PRIVATE KEY) of leaf1"
openssl rsa -in leaf2.key -traditional -out "$OUT/rsa-traditional.pem" 2>/dev/null
m rsa-traditional.pem 0 0 0 0 0 1 0 "PEM traditional RSA key (RSA PRIVATE KEY) of leaf2"
openssl ec -in leafec.key -out "$OUT/ec.key" 2>/dev/null
m ec.key 0 0 0 0 0 1 0 "PEM SEC1 EC key (EC PRIVATE KEY) of EC leaf"
openssl pkcs8 -topk8 -in leaf3.key -v2 aes-256-cbc -passout pass:secret -out "$OUT/encrypted.key"
m encrypted.key 0 0 0 0 0 1 0 "PEM encrypted PKCS#8 (ENCRYPTED PRIVATE KEY), password 'secret', leaf3 key"
openssl pkcs8 -topk8 -nocrypt -in inter.key -outform DER -out "$OUT/key.bin"
m key.bin 0 0 0 0 0 1 0 "DER PKCS#8 unencrypted RSA key of the intermediate"
cat leaf2.pem leaf2.key >"$OUT/combined.pem"
m combined.pem 1 0 0 0 0 1 0 "PEM leaf2 certificate followed by its PKCS#8 key"

# ------------------------------------------------------------------ 8. unarmoured base64
base64 -w 64 leaf2.der >"$OUT/cert-base64.txt"
m cert-base64.txt 1 0 0 0 0 0 0 "base64 of DER leaf2 certificate, no armour, wrapped at 64"
openssl req -in leaf2.csr -outform DER | base64 -w 0 >"$OUT/csr-oneline.b64"
echo >>"$OUT/csr-oneline.b64"
m csr-oneline.b64 0 1 0 0 0 0 0 "base64 of DER CSR (leaf2), no armour, one line"

# ------------------------------------------------------------------ 9. not certificates
cat >"$OUT/README.txt" <<'EOF'
Fixture directory for certdiag ingest tests. Generated by testdata/gen/formats.sh;
do not edit by hand. MANIFEST.tsv says what every file holds; SHA256SUMS maps the
DER SHA-256 of every certificate to a short name. This file itself is plain prose
and holds no certificate material.
EOF
m README.txt 0 0 0 0 0 0 0 "plain text, not a certificate"
# 1x1 transparent PNG
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\x00\x01\x00\x00\x05\x00\x01\r\n-\xb4\x00\x00\x00\x00IEND\xaeB`\x82' \
  >"$OUT/logo.png"
m logo.png 0 0 0 0 0 0 0 "1x1 PNG image, not a certificate"
{ printf '\x00'; prng_bytes blob 1023; } >"$OUT/blob.cer"
m blob.cer 0 0 0 0 0 0 0 "1 KiB of pseudo-random bytes (first byte 0x00) named .cer"
: >"$OUT/empty.pem"
m empty.pem 0 0 0 0 0 0 0 "empty file"
m MANIFEST.tsv 0 0 0 0 0 0 0 "this manifest"
m SHA256SUMS 0 0 0 0 0 0 0 "sha256 of each certificate DER with a short name"

# ------------------------------------------------------------------ 10. damaged
# invalid base64 character in the middle of the block (line 10, column 20)
awk 'NR == 10 { $0 = substr($0, 1, 19) "!" substr($0, 21) } { print }' leaf1.pem >"$OUT/bad-base64-char.pem"
m bad-base64-char.pem 0 0 0 0 0 0 1 "PEM leaf1 with one base64 char replaced by '!' mid-block"

grep -v -- '-----END' leaf2.pem >"$OUT/no-end.pem"
m no-end.pem 0 0 0 0 0 0 1 "PEM block with BEGIN CERTIFICATE but no END line (leaf2)"

head -c $(($(wc -c <leaf1.der) / 2)) leaf1.der >"$OUT/truncated-half.der"
m truncated-half.der 0 0 0 0 0 0 1 "DER leaf1 truncated to half its length"

# flip the lowest bit of the last serial-number byte (first INTEGER at depth 2 = serial)
cp leaf1.der flip.der
read -r off hl len < <(openssl asn1parse -inform DER -in flip.der \
  | sed -n 's/^ *\([0-9]*\):d=2 *hl=\([0-9]*\) *l= *\([0-9]*\) *prim: *INTEGER.*/\1 \2 \3/p' | head -n 1)
[ -n "${len:-}" ] || die "could not locate serial"
pos=$((off + hl + len - 1))
poke flip.der "$pos" "$(printf '%02x' $((0x$(peek flip.der "$pos") ^ 1)))"
cp flip.der "$OUT/tbs-byteflip.cer"
openssl x509 -inform DER -in flip.der -out flip.pem
s flip.pem leaf1-serialflip-badsig
m tbs-byteflip.cer 1 0 0 0 0 0 0 "DER leaf1 with one bit flipped in the serial (inside TBS): parses, but signature does NOT verify; not counted as damaged"

# outer SEQUENCE length claims 256 bytes more than the file holds (30 82 LL LL)
cp leaf2.der overlong.der
olen=$((0x$(xxd -p -s 2 -l 2 overlong.der) + 256))
poke overlong.der 2 "$(printf '%02x' $((olen >> 8)))"
poke overlong.der 3 "$(printf '%02x' $((olen & 255)))"
cp overlong.der "$OUT/overlong"
m overlong 0 0 0 0 0 0 1 "DER leaf2 whose outer SEQUENCE length claims 256 bytes more than present; no extension"

{
  echo '-----BEGIN CERTIFICATE-----'
  prng_bytes garbage 700 | base64 -w 64
  echo '-----END CERTIFICATE-----'
} >"$OUT/garbage-inside.pem"
m garbage-inside.pem 0 0 0 0 0 0 1 "PEM CERTIFICATE block with valid base64 of pseudo-random bytes (not DER)"

{
  cat leafec.pem
  n=$(wc -l <inter.pem)
  head -n $((n / 2)) inter.pem
} >"$OUT/good-then-truncated.pem"
m good-then-truncated.pem 1 0 0 0 0 0 1 "PEM: good EC leaf, then intermediate cut off halfway (no END line)"

# ------------------------------------------------------------------ 11. recursion
mkdir -p "$OUT/nested/deeper"
cp leaf3.pem "$OUT/nested/deeper/client.pem"
m nested/deeper/client.pem 1 0 0 0 0 0 0 "PEM leaf3 client certificate (in subdirectory)"
cp leafec.der "$OUT/nested/deeper/ec-leaf.crt"
m nested/deeper/ec-leaf.crt 1 0 0 0 0 0 0 "DER EC leaf certificate (in subdirectory, .crt)"
cp root.pem "$OUT/nested/root-copy.pem"
m nested/root-copy.pem 1 0 0 0 0 0 0 "PEM root certificate again (duplicate of root.pem)"
ln -s .. "$OUT/nested/loop"

# ------------------------------------------------------------------ manifest, sums
find "$OUT" -type f -exec chmod 644 {} +
{
  printf 'file\tcertificates\tcsrs\tcrls\tpkcs7\tpkcs12\tprivate_keys\tdamaged\tnote\n'
  printf '%s\n' "${MANIFEST[@]}" | sort
} >"$OUT/MANIFEST.tsv"
printf '%s\n' "${SUMS[@]}" >"$OUT/SHA256SUMS"

# every regular file is listed exactly once, and every listed file exists
listed=$(cut -f1 "$OUT/MANIFEST.tsv" | tail -n +2 | sort)
present=$(cd "$OUT" && find . -type f | sed 's|^\./||' | sort)
[ "$listed" = "$present" ] || { diff <(echo "$listed") <(echo "$present") >&2; die "MANIFEST out of sync"; }
[ -z "$(echo "$listed" | uniq -d)" ] || die "duplicate MANIFEST rows"

echo "done: $(echo "$present" | wc -l) files" >&2
