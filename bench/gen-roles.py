#!/usr/bin/env python3
"""gen-roles.py N DIR: inputs of bench/roles.sh (roles from content, docs/roles.md).

One CA (EC P-256) signs N leaves, each with a key of its own. Written into DIR:
  match/node-<i>/tomcat.csr + match/certnew-<i>.cer   every CSR has its leaf's key: each leaf
                                                      becomes tomcat on node-<i> by inference
  nomatch/node-<i>/tomcat.csr + nomatch/certnew-<i>.cer the CSRs have other keys: every leaf is
                                                      looked up, none matches
  bundle/                                             the CA and the N leaves in one folder,
                                                      for --role tomcat-trust=DIR (a trust role
                                                      on many certificates: only the CA takes it)
Leaves are DER (as a Microsoft CA's certnew.cer), CSRs PEM. python3-cryptography; keys random.
"""
import datetime, os, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ExtendedKeyUsageOID

n, out = int(sys.argv[1]), sys.argv[2]
nb = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
na = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
def name(cn): return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Corp"),
                                x509.NameAttribute(NameOID.COMMON_NAME, cn)])
ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (x509.CertificateBuilder().subject_name(name("Bench Issuing CA")).issuer_name(name("Bench Issuing CA"))
      .public_key(ca_key.public_key()).serial_number(1).not_valid_before(nb).not_valid_after(na)
      .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
      .sign(ca_key, hashes.SHA256()))
def pem_csr(key, cn):
    return (x509.CertificateSigningRequestBuilder().subject_name(name(cn))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM))
for d in ("match", "nomatch", "bundle"):
    os.makedirs(os.path.join(out, d), exist_ok=True)
open(os.path.join(out, "bundle", "ca.pem"), "wb").write(ca.public_bytes(serialization.Encoding.PEM))
for i in range(n):
    cn = "node-%d.example.com" % i
    key, other = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    leaf = (x509.CertificateBuilder().subject_name(name(cn)).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(i + 2).not_valid_before(nb).not_valid_after(na)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(cn)]), critical=False)
            .sign(ca_key, hashes.SHA256())).public_bytes(serialization.Encoding.DER)
    for d, k in (("match", key), ("nomatch", other)):
        os.makedirs(os.path.join(out, d, "node-%d" % i), exist_ok=True)
        open(os.path.join(out, d, "node-%d" % i, "tomcat.csr"), "wb").write(pem_csr(k, cn))
        open(os.path.join(out, d, "certnew-%d.cer" % i), "wb").write(leaf)
    open(os.path.join(out, "bundle", "certnew-%d.cer" % i), "wb").write(leaf)
