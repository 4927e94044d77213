#!/usr/bin/env python3
"""cert-lints.py - the certificates of the certificate lint cases (testdata/gen/diag.sh).

usage: cert-lints.py OUTDIR

Writes OUTDIR/NAME.pem for every certificate below (python3 cryptography builds and signs
them): two roots - "Example Public Root CA" (given to the cases with --public-roots, as a
root store a browser ships) and "Corp Private Root CA" (an enterprise CA) - and leaves under
them. cryptography refuses a CN over 64 characters unless told not to validate it; every
other name below is what the CA wrote, byte for byte (a NUL included).
"""
import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

OUT = sys.argv[1]
UTC = datetime.timezone.utc
DAY = datetime.timedelta(days=1)
SEC = datetime.timedelta(seconds=1)


def t(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=UTC)


def save(name, cert):
    with open(os.path.join(OUT, name + ".pem"), "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))


def root(name, cn):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subj = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(subj).issuer_name(subj)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(t(2020, 1, 1)).not_valid_after(t(2040, 1, 1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False,
                                         False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    save(name, cert)
    return cert, key


LEAF_KEY = ec.generate_private_key(ec.SECP256R1())


def leaf(name, issuer, nb, na, cn="www.example.com", dns=("www.example.com",), ips=(),
         eku=(ExtendedKeyUsageOID.SERVER_AUTH,), ocsp=True, crldp=True, ca_issuers=True,
         validate_cn=True):
    cert_i, key_i = issuer
    attrs = []
    if cn is not None:
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn, _validate=validate_cn))
    b = (x509.CertificateBuilder()
         .subject_name(x509.Name(attrs)).issuer_name(cert_i.subject)
         .public_key(LEAF_KEY.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(nb).not_valid_after(na)
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key_i.public_key()),
                        critical=False))
    sans = [x509.DNSName(d) for d in dns] + [x509.IPAddress(ipaddress.ip_address(i)) for i in ips]
    if sans:
        b = b.add_extension(x509.SubjectAlternativeName(sans), critical=cn is None)
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(list(eku)), critical=False)
    aia = []
    if ocsp:
        aia.append(x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                          x509.UniformResourceIdentifier("http://ocsp.example.com")))
    if ca_issuers:
        aia.append(x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS,
                                          x509.UniformResourceIdentifier("http://ca.example.com/issuer.cer")))
    if aia:
        b = b.add_extension(x509.AuthorityInformationAccess(aia), critical=False)
    if crldp:
        b = b.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier("http://crl.example.com/ca.crl")], None, None, None)]),
            critical=False)
    save(name, b.sign(key_i, hashes.SHA256()))


pub = root("public-root", "Example Public Root CA")
priv = root("private-root", "Corp Private Root CA")

# ---- cert.validity-too-long (validity runs from notBefore through notAfter, inclusive)
leaf("v398-exact", pub, t(2025, 6, 1), t(2025, 6, 1) + 398 * DAY)            # 398 d + 1 s
leaf("v397", pub, t(2026, 1, 1), t(2026, 1, 1) + 397 * DAY - SEC)             # 397 d
leaf("v365-after-sc081", pub, t(2026, 4, 1), t(2026, 4, 1) + 365 * DAY - SEC)  # > 200 d
leaf("v199-after-sc081", pub, t(2026, 4, 1), t(2026, 4, 1) + 199 * DAY - SEC)  # 199 d
leaf("v5y-private", priv, t(2025, 1, 1), t(2030, 1, 1), cn="cucm-pub.corp.example.com",
     dns=("cucm-pub.corp.example.com",))
leaf("v5y-client", pub, t(2025, 1, 1), t(2030, 1, 1), cn="alice", dns=(),
     eku=(ExtendedKeyUsageOID.CLIENT_AUTH,))
leaf("v5y-public", pub, t(2025, 1, 1), t(2030, 1, 1))

# ---- cert.bad-dns-name
leaf("dns-underscore", priv, t(2026, 1, 1), t(2027, 1, 1), cn="sip_proxy.example.com",
     dns=("sip_proxy.example.com", "www.example.com"))
leaf("dns-empty-labels", priv, t(2026, 1, 1), t(2027, 1, 1),
     dns=("www..example.com", ".example.com", "www.example.com."))
leaf("dns-wildcards", priv, t(2026, 1, 1), t(2027, 1, 1), cn="example.com",
     dns=("*", "*.com", "w*.example.com", "www.*.example.com"))
leaf("dns-lengths", priv, t(2026, 1, 1), t(2027, 1, 1),
     dns=("a" * 64 + ".example.com", ".".join(["b" * 62] * 4) + ".example"))
leaf("dns-nul", priv, t(2026, 1, 1), t(2027, 1, 1), dns=("www.example.com\x00.evil.example",))
leaf("dns-hyphen", priv, t(2026, 1, 1), t(2027, 1, 1), dns=("-www.example.com",))
leaf("dns-good", priv, t(2026, 1, 1), t(2027, 1, 1),
     dns=("www.example.com", "*.example.com", "xn--bcher-kva.example", "a" * 63 + ".example.com",
          ".".join(["c" * 63] * 3) + "." + "d" * 61))  # 253 characters
leaf("ip-only", priv, t(2026, 1, 1), t(2027, 1, 1), cn="10.1.2.3", dns=(), ips=("10.1.2.3",))

# ---- cert.internal-name
leaf("internal-public", pub, t(2026, 1, 1), t(2026, 12, 1), cn="cucm-pub.corp.local",
     dns=("cucm-pub", "cucm-pub.corp.local", "www.example.com"), ips=("10.1.2.3", "fd00::1"))
leaf("internal-loopback", pub, t(2026, 1, 1), t(2026, 12, 1), cn="www.example.com",
     dns=("www.example.com",), ips=("127.0.0.1", "169.254.10.1"))
leaf("public-names", pub, t(2026, 1, 1), t(2026, 12, 1), cn="www.example.com",
     dns=("www.example.com", "mail.example.com"), ips=("93.184.216.34",))
leaf("internal-private", priv, t(2026, 1, 1), t(2027, 1, 1), cn="cucm-pub.corp.local",
     dns=("cucm-pub", "cucm-pub.corp.local"), ips=("10.1.2.3",))

# ---- cert.cn-too-long (ub-common-name 64 counts characters: 'é' is one, two bytes in UTF-8)
leaf("cn65", priv, t(2026, 1, 1), t(2027, 1, 1), cn="h" * 53 + ".example.com", validate_cn=False,
     dns=("h" * 53 + ".example.com",))
leaf("cn64-accents", priv, t(2026, 1, 1), t(2027, 1, 1), cn="é" * 52 + ".example.com", validate_cn=False,
     dns=("www.example.com",))
leaf("no-cn", priv, t(2026, 1, 1), t(2027, 1, 1), cn=None, dns=("www.example.com",))

# ---- cert.no-revocation-info
leaf("no-revocation", priv, t(2026, 1, 1), t(2027, 1, 1), ocsp=False, crldp=False,
     ca_issuers=False)
leaf("ocsp-only", priv, t(2026, 1, 1), t(2027, 1, 1), crldp=False)
leaf("crldp-only", priv, t(2026, 1, 1), t(2027, 1, 1), ocsp=False, ca_issuers=False)
