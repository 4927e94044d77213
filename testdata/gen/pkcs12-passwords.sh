#!/usr/bin/env bash
# Generates testdata/pkcs12/: password-protected bundles as customers export them (openssl
# 3.0): a PFX with the server certificate, its key and the issuing CA under a password, the
# same with the 3DES PBE Windows and older OpenSSL write, an encrypted PKCS#8 key beside its
# certificate, and the files of passwords a user hands certdiag (--password-file):
#   server.pfx          AES-256 PBES2 (OpenSSL 3's default), password in passwords.txt
#   server-3des.pfx     PBE-SHA1-3DES for the certificates and the key, the same password
#   server.key          ENCRYPTED PRIVATE KEY (PKCS#8, PBES2 AES-256), the same password
#   server.pem, ca.pem  the certificate the key belongs to, and its CA
#   passwords.txt       "wrong password", then the password (CRLF line ends: a Windows editor)
#   wrong.txt           one password that opens nothing
# Tests: tests/test_inputs.c (passwords). Keys are random on every run.
set -euo pipefail
export TZ=UTC LC_ALL=C
OUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/pkcs12
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-p12.XXXXXX")
trap 'rm -rf "$W"' EXIT
PASS='C1sco!2026 export'
rm -rf "$OUT"; mkdir -p "$OUT"
run() { "$@" >"$W/.log" 2>&1 || { echo "pkcs12-passwords.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }
run openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/ca.key" -out "$OUT/ca.pem" \
  -days 3650 -subj "/O=Example Corp/CN=Example Export CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign"
run openssl req -new -newkey rsa:2048 -nodes -keyout "$W/server.key" -out "$W/server.csr" -subj "/CN=expe.example.com"
printf '%s\n' 'subjectAltName = DNS:expe.example.com' 'extendedKeyUsage = serverAuth, clientAuth' \
  'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature,keyEncipherment' >"$W/server.ext"
run openssl x509 -req -in "$W/server.csr" -CA "$OUT/ca.pem" -CAkey "$W/ca.key" -days 825 -set_serial 7 \
  -extfile "$W/server.ext" -out "$OUT/server.pem"
run openssl pkcs12 -export -in "$OUT/server.pem" -inkey "$W/server.key" -certfile "$OUT/ca.pem" \
  -name expe -passout "pass:$PASS" -out "$OUT/server.pfx"
run openssl pkcs12 -export -in "$OUT/server.pem" -inkey "$W/server.key" -certfile "$OUT/ca.pem" \
  -name expe -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -passout "pass:$PASS" \
  -out "$OUT/server-3des.pfx"
run openssl pkcs8 -topk8 -in "$W/server.key" -v2 aes-256-cbc -passout "pass:$PASS" -out "$OUT/server.key"
printf 'wrong password\r\n%s\r\n' "$PASS" >"$OUT/passwords.txt"
printf 'not it\n' >"$OUT/wrong.txt"
echo "pkcs12-passwords.sh: $(ls "$OUT" | wc -l) files written under $OUT"
