#!/usr/bin/env bash
# Generates testdata/sans/: certificates whose subjectAltName holds otherNames and a
# registeredID, as real deployments have them (openssl req -x509, self-signed, EC P-256):
#   xmpp-server.pem  an XMPP server certificate (RFC 6120 §13.7.1.4: DNS names and
#                    id-on-xmppAddr), plus a registeredID
#   smartcard.pem    a Windows smart-card logon certificate (Microsoft UPN otherName, e-mail)
#   krb5.pem         an otherName that is not a string (a Kerberos principal name, RFC 4556)
#   cn-nul.pem       a CN with a NUL inside (python3 cryptography), cn-bmp.pem a BMPString CN,
#                    dn-escape.pem a CN with terminal escape sequences
# Tests: tests/test_findings.c (names, other_names_show_their_type_and_value). Idempotent apart
# from keys and signatures; runnable from any directory.
set -euo pipefail
OUT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/sans
W=$(mktemp -d "${TMPDIR:-/tmp}/certdiag-sans.XXXXXX")
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"
# mk NAME SUBJECT SAN
mk() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/$1.key" \
    -out "$OUT/$1.pem" -days 3650 -subj "$2" -addext "subjectAltName=$3" 2>/dev/null
}
mk xmpp-server "/CN=chat.example.com" \
  "DNS:chat.example.com,DNS:conference.chat.example.com,otherName:1.3.6.1.5.5.7.8.5;UTF8:chat.example.com,RID:1.2.3.4"
mk smartcard "/CN=Alice Example" "otherName:1.3.6.1.4.1.311.20.2.3;UTF8:alice@example.com,email:alice@example.com"
# KRB5PrincipalName ::= SEQUENCE { realm [0] Realm, principalName [1] PrincipalName }
cat >"$W/krb5.cnf" <<'CNF'
[req]
distinguished_name = dn
[dn]
[krb]
realm = EXP:0,GENSTR:EXAMPLE.COM
principal_name = EXP:1,SEQUENCE:princ
[princ]
name-type = EXP:0,INT:1
name-string = EXP:1,SEQUENCE:names
[names]
n1 = GENSTR:alice
CNF
openssl req -x509 -config "$W/krb5.cnf" -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$W/krb5.key" -out "$OUT/krb5.pem" -days 3650 -subj "/CN=alice" \
  -addext "subjectAltName=otherName:1.3.6.1.5.2.2;SEQUENCE:krb" 2>/dev/null
echo "sans.sh: xmpp-server, smartcard and krb5 written under $OUT"

# common names as the encoding has them: a NUL inside (the NUL-prefix attack) and a BMPString
# (Windows CAs write CNs in UCS-2), by python3 cryptography
PY=/usr/bin/python3
"$PY" -c 'import cryptography' 2>/dev/null || PY=python3
"$PY" - "$OUT" <<'PYEOF'
import datetime, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.name import _ASN1Type
from cryptography.x509.oid import NameOID
out = sys.argv[1]
def make(name, attr, san):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([attr])
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(datetime.datetime(2026, 1, 1)).not_valid_after(datetime.datetime(2036, 1, 1))
         .add_extension(x509.SubjectAlternativeName([x509.DNSName(san)]), critical=False))
    cert = b.sign(key, hashes.SHA256())
    open(f"{out}/{name}.pem", "wb").write(cert.public_bytes(serialization.Encoding.PEM))
make("cn-nul", x509.NameAttribute(NameOID.COMMON_NAME, "www.example.com\x00.evil.example"), "www.example.com")
make("cn-bmp", x509.NameAttribute(NameOID.COMMON_NAME, "Zürich Issuing CA", _type=_ASN1Type.BMPString), "zurich.example.com")
# terminal escape sequences in the subject (a title-setting OSC ended by BEL, a colour): printed
# raw, they act on the admin's terminal
make("dn-escape", x509.NameAttribute(NameOID.COMMON_NAME, "esc\x1b]0;pwned\x07.example.com"), "esc.example.com")
PYEOF
echo "sans.sh: cn-nul.pem, cn-bmp.pem and dn-escape.pem written under $OUT"
