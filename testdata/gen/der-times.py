#!/usr/bin/env python3
"""der-times.py - certificates whose validity times RFC 5280 section 4.1.2.5 forbids.

python3 cryptography cannot write such times (it always writes UTCTime YYMMDDHHMMSSZ up to
2049 and GeneralizedTime after), so this script takes a certificate that cryptography built
and signed, rewrites the Validity of its TBSCertificate with a small DER writer, and signs
the new TBSCertificate with the issuer's key through cryptography (RSA PKCS#1 v1.5 with
SHA-256, the signatureAlgorithm of the original). Everything else is real DER.

usage: der-times.py ISSUER_CERT.pem ISSUER_KEY.pem LEAF_KEY.pem CN NB_TAG NB_TEXT NA_TAG NA_TEXT OUT.pem
  *_TAG: utc (UTCTime, 0x17) or gen (GeneralizedTime, 0x18); *_TEXT: the exact characters.
"""
import base64
import datetime
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def read_tlv(buf, pos):
    """(tag, content start, end) of the TLV at pos (definite lengths only)."""
    tag = buf[pos]
    n = buf[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[pos:pos + k], "big")
        pos += k
    return tag, pos, pos + n


def children(buf):
    out, pos = [], 0
    while pos < len(buf):
        _, start, end = read_tlv(buf, pos)
        out.append(buf[pos:end])
        pos = end
    return out


def _aki(issuer, ikey):
    """The issuer's own subjectKeyIdentifier as our keyIdentifier (certtool and openssl
    compute it in different ways)."""
    try:
        ski = issuer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
        return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)
    except x509.ExtensionNotFound:
        return x509.AuthorityKeyIdentifier.from_issuer_public_key(ikey.public_key())


def main():
    (issuer_pem, issuer_key_pem, leaf_key_pem, cn, nb_tag, nb_text, na_tag, na_text,
     out) = sys.argv[1:10]
    issuer = x509.load_pem_x509_certificate(open(issuer_pem, "rb").read())
    ikey = serialization.load_pem_private_key(open(issuer_key_pem, "rb").read(), None)
    lkey = serialization.load_pem_private_key(open(leaf_key_pem, "rb").read(), None)
    # the certificate as cryptography makes it (its validity is replaced below)
    b = (x509.CertificateBuilder()
         .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)]))
         .issuer_name(issuer.subject)
         .public_key(lkey.public_key())
         .serial_number(x509.random_serial_number())
         .not_valid_before(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
         .not_valid_after(datetime.datetime(2027, 1, 1, tzinfo=datetime.timezone.utc))
         .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
         .add_extension(_aki(issuer, ikey), critical=False))
    cert = b.sign(ikey, hashes.SHA256())
    der = cert.public_bytes(serialization.Encoding.DER)
    # Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
    _, s, e = read_tlv(der, 0)
    tbs, sigalg, _ = children(der[s:e])
    _, ts, te = read_tlv(tbs, 0)
    fields = children(tbs[ts:te])
    # TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, ...
    vi = 4 if fields[0][0] == 0xA0 else 3
    tags = {"utc": 0x17, "gen": 0x18}
    fields[vi] = tlv(0x30, tlv(tags[nb_tag], nb_text.encode("ascii")) +
                     tlv(tags[na_tag], na_text.encode("ascii")))
    new_tbs = tlv(0x30, b"".join(fields))
    sig = ikey.sign(new_tbs, padding.PKCS1v15(), hashes.SHA256())
    new = tlv(0x30, new_tbs + sigalg + tlv(0x03, b"\x00" + sig))
    # cryptography refuses to parse such times, so check the signature on the bytes written
    ikey.public_key().verify(sig, new_tbs, padding.PKCS1v15(), hashes.SHA256())
    b64 = base64.encodebytes(new).decode("ascii").replace("\n", "")
    with open(out, "w", encoding="ascii") as f:
        f.write("-----BEGIN CERTIFICATE-----\n")
        for i in range(0, len(b64), 64):
            f.write(b64[i:i + 64] + "\n")
        f.write("-----END CERTIFICATE-----\n")

if __name__ == "__main__":
    main()
