#!/usr/bin/env bash
# Generates testdata/keystores/: Java keystores as a CVP, Finesse or UCCX server and a Java
# client hold them, made by the JDK's keytool (and openssl for the CA):
#   server.jks      JKS: a private-key entry "tomcat" (its chain: the server certificate and
#                   the CA that signed it) and a trusted-certificate entry "exampleca"
#   truststore.jceks  JCEKS: two trusted-certificate entries (the CA, an expired root)
#   truncated.jks   server.jks cut in the middle of its second entry
# Store password "changeit" (Java's default). Tests: tests/test_ingest.c (keystores); fuzz
# seeds: fuzz/corpus/jks/. Keys are random on every run.
set -euo pipefail
export TZ=UTC LC_ALL=C
for t in keytool openssl; do command -v "$t" >/dev/null || { echo "keystores.sh: missing tool: $t" >&2; exit 2; }; done
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=$(cd "$HERE/.." && pwd)/keystores
CORPUS=$(cd "$HERE/../.." && pwd)/fuzz/corpus/jks
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-jks.XXXXXX")
trap 'rm -rf "$W"' EXIT
run() { "$@" >"$W/.log" 2>&1 || { echo "keystores.sh: failed: $*" >&2; cat "$W/.log" >&2; exit 1; }; }
rm -rf "$OUT"; mkdir -p "$OUT" "$CORPUS"
P=changeit
# the CA (openssl), valid ten years from the day the script runs; a root that expired on
# 2025-01-01 (python3 cryptography: OpenSSL 3.0 cannot set past dates)
run openssl req -x509 -newkey rsa:2048 -nodes -keyout "$W/ca.key" -out "$W/ca.pem" -subj "/O=Example Corp/CN=Example Keystore CA" \
  -days 3650 -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
PY=/usr/bin/python3
"$PY" -c 'import cryptography' 2>/dev/null || PY=python3
"$PY" - "$W/old.pem" <<'PYEOF'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
k = ec.generate_private_key(ec.SECP256R1())
n = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Corp"),
               x509.NameAttribute(NameOID.COMMON_NAME, "Example Old Root")])
c = (x509.CertificateBuilder().subject_name(n).issuer_name(n).public_key(k.public_key())
     .serial_number(x509.random_serial_number())
     .not_valid_before(datetime.datetime(2015, 1, 1)).not_valid_after(datetime.datetime(2025, 1, 1))
     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
     .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
     .sign(k, hashes.SHA256()))
open(sys.argv[1], "wb").write(c.public_bytes(serialization.Encoding.PEM))
PYEOF
# the server key pair in the keystore; its CSR signed by the CA; the reply imported
run keytool -genkeypair -keystore "$W/server.jks" -storetype JKS -storepass $P -keypass $P -alias tomcat \
  -keyalg RSA -keysize 2048 -dname "CN=cvp.example.com, O=Example Corp" -validity 3650
run keytool -certreq -keystore "$W/server.jks" -storepass $P -alias tomcat -file "$W/server.csr"
printf '%s\n' 'subjectAltName = DNS:cvp.example.com' 'extendedKeyUsage = serverAuth, clientAuth' \
  'basicConstraints = critical,CA:FALSE' 'keyUsage = critical,digitalSignature,keyEncipherment' >"$W/server.ext"
run openssl x509 -req -in "$W/server.csr" -CA "$W/ca.pem" -CAkey "$W/ca.key" -set_serial 11 -days 730 \
  -extfile "$W/server.ext" -out "$W/server.pem"
run keytool -importcert -noprompt -keystore "$W/server.jks" -storepass $P -alias exampleca -file "$W/ca.pem"
run keytool -importcert -noprompt -keystore "$W/server.jks" -storepass $P -alias tomcat -file "$W/server.pem"
cp "$W/server.jks" "$OUT/server.jks"
run keytool -importcert -noprompt -keystore "$OUT/truststore.jceks" -storetype JCEKS -storepass $P -alias exampleca \
  -file "$W/ca.pem"
run keytool -importcert -noprompt -keystore "$OUT/truststore.jceks" -storetype JCEKS -storepass $P -alias oldroot \
  -file "$W/old.pem"
head -c $(( $(stat -c %s "$OUT/server.jks") / 2 )) "$OUT/server.jks" >"$OUT/truncated.jks"
cp "$OUT/server.jks" "$OUT/truststore.jceks" "$OUT/truncated.jks" "$CORPUS/"
echo "keystores.sh: $(ls "$OUT" | wc -l) keystores written under $OUT (and fuzz seeds)"
