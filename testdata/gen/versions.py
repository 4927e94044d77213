#!/usr/bin/env python3
"""versions.py OUTDIR VERSION EXTENSIONS - writes OUTDIR/RootCA.pem (a v3 root) and
OUTDIR/certnew.cer (DER): a leaf for host.example.com it signed whose version field says
VERSION (the encoded value is VERSION - 1; 8 is one X.509 does not define), with a
subjectAltName when EXTENSIONS is 1 and none when 0. python3-cryptography writes v3 only, so the
leaf's to-be-signed part is rewritten here and signed again with the root's key (the signature is
valid: only the version is wrong). Used by testdata/gen/versions.sh."""
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def read_tlv(b, i):
    """(tag, content, end) of the TLV at b[i]"""
    tag, n, j = b[i], b[i + 1], i + 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(b[j:j + k], "big")
        j += k
    return tag, b[j:j + n], j + n


out, version, with_ext = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
t0, t1 = datetime.datetime(2026, 1, 1), datetime.datetime(2028, 1, 1)
rk = rsa.generate_private_key(public_exponent=65537, key_size=2048)
lk = rsa.generate_private_key(public_exponent=65537, key_size=2048)
rn = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Version Root CA")])
ln = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "host.example.com")])
ski = x509.SubjectKeyIdentifier.from_public_key(rk.public_key())
root = (x509.CertificateBuilder().subject_name(rn).issuer_name(rn).public_key(rk.public_key())
        .serial_number(1).not_valid_before(t0).not_valid_after(t1)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(ski, critical=False)
        .sign(rk, hashes.SHA256()))
lb = (x509.CertificateBuilder().subject_name(ln).issuer_name(rn).public_key(lk.public_key())
      .serial_number(2).not_valid_before(t0).not_valid_after(t1))
if with_ext:
    lb = lb.add_extension(x509.SubjectAlternativeName([x509.DNSName("host.example.com")]), critical=False)
leaf = lb.sign(rk, hashes.SHA256())
der = leaf.public_bytes(serialization.Encoding.DER)
_, body, _ = read_tlv(der, 0)
_, tbs, end = read_tlv(body, 0)
rest = body[end:]
assert tbs[:5] == bytes([0xA0, 3, 2, 1, 2]), "expected an explicit v3 version field"
fields = tbs[5:]
new_tbs = tlv(0x30, (bytes([0xA0, 3, 2, 1, version - 1]) if version != 1 else b"") + fields)
_, _, alg_end = read_tlv(rest, 0)
sig = rk.sign(new_tbs, padding.PKCS1v15(), hashes.SHA256())
with open(out + "/certnew.cer", "wb") as f:
    f.write(tlv(0x30, new_tbs + rest[:alg_end] + tlv(0x03, b"\x00" + sig)))
with open(out + "/RootCA.pem", "wb") as f:
    f.write(root.public_bytes(serialization.Encoding.PEM))
