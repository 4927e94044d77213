#!/usr/bin/env python3
"""Write CUCM ITL/CTL files (ITLFile.tlv, CTLFile.tlv) from the documented format, for the
certdiag fixtures (testdata/gen/itl.sh). Needs python3 and the `cryptography` module
(Debian: python3-cryptography). Keys and certificates come from openssl; this only lays out
the bytes and signs them.

Format (docs/ingest.md, "ITL and CTL files"; field names as Cisco doc 118893 prints them):
every element is tag (1 byte), big-endian length (2 bytes), value; header tag 13 is a single
padding byte without length, padding the header to a 4-byte boundary. Header: VERSION (1),
HEADERLENGTH (2), [signer version (28)], SIGNERID (3) holding SIGNERNAME (4), SERIALNUMBER (5),
CANAME (6); SIGNATUREINFO (7) holding DIGESTALGORITHM (8) and SIGNATUREALGOINFO (9) holding
SIGNATUREALGORITHM (10) and SIGNATUREMODULUS (11); SIGNATURE (12); FILENAME (14); TIMESTAMP
(15). Records: RECORDLENGTH (1, the whole record's length), DNSNAME (2), SUBJECTNAME (3),
FUNCTION (4), ISSUERNAME (5), SERIALNUMBER (6), PUBLICKEY (7), SIGNATURE (8, absent for
eToken records), CERTIFICATE (9), IPADDRESS (10). The signature is RSA PKCS#1 v1.5 with the
header's digest over the whole file with the SIGNATURE element (3 header bytes and value) cut
out; the signer is the SAST record whose certificate serial is the header's SERIALNUMBER.

  tlvfile.py build --out F --filename ITLFile.tlv --digest sha1|sha512 \\
      --sign-cert C.pem --sign-key K.pem [--name-signer C2.pem] [--signer-version 1.1] \\
      [--timestamp UNIX] --record FUNCTION:CERT.pem[,dns=NAME][,ip=A.B.C.D][,nosig] ...
  tlvfile.py mutate --in F --out G --how tamper|truncate|lie-element|lie-header|lie-record
  tlvfile.py verify F     exit 0 when the signature verifies by the rule above
  tlvfile.py dump F       one line per element (offsets), for checking by eye
"""
import argparse
import ipaddress
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

FUNCTIONS = {"SAST": 0, "CCM": 1, "CCM+TFTP": 2, "TFTP": 3, "CAPF": 4, "APP-SERVER": 7, "TVS": 21}
DIGESTS = {"sha1": (1, hashes.SHA1), "sha512": (3, hashes.SHA512)}
SHORT = {"commonName": "CN", "organizationalUnitName": "OU", "organizationName": "O",
         "localityName": "L", "stateOrProvinceName": "ST", "countryName": "C"}


def el(tag, value):
    if len(value) > 0xFFFF:
        raise ValueError("element too long")
    return struct.pack(">BH", tag, len(value)) + value


def cstr(s):
    return s.encode() + b"\0"


def dn(name):
    """Cisco's DN string: RDNs most specific first, separated by ';' (as `show itl` prints)."""
    parts = []
    for rdn in reversed(name.rdns):
        for a in rdn:
            parts.append("%s=%s" % (SHORT.get(a.oid._name, a.oid.dotted_string), a.value))
    return ";".join(parts)


def serial_bytes(cert):
    n = cert.serial_number
    return n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")


def load_cert(path):
    with open(path, "rb") as f:
        return x509.load_pem_x509_certificate(f.read())


def record(fn, cert, dns="", ip=None, nosig=False):
    pub = cert.public_key()
    if isinstance(pub, rsa.RSAPublicKey):
        pkey = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)
    else:
        pkey = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    body = el(2, cstr(dns)) + el(3, cstr(dn(cert.subject))) + el(4, struct.pack(">H", FUNCTIONS[fn]))
    body += el(5, cstr(dn(cert.issuer))) + el(6, serial_bytes(cert)) + el(7, pkey)
    if not nosig:
        body += el(8, cert.signature)
    body += el(9, cert.public_bytes(serialization.Encoding.DER))
    if ip:
        body += el(10, ipaddress.IPv4Address(ip).packed)
    return el(1, struct.pack(">H", 5 + len(body))) + body


def header(signer, digest_code, sig_len, filename, timestamp, signer_version, version):
    modulus = {64: 0, 128: 1, 256: 2, 512: 3}[sig_len]
    signerid = el(4, cstr(dn(signer.subject))) + el(5, serial_bytes(signer)) + el(6, cstr(dn(signer.issuer)))
    algoinfo = el(10, bytes([0])) + el(11, bytes([modulus]))
    siginfo = el(8, bytes([digest_code])) + struct.pack(">BH", 9, len(algoinfo)) + algoinfo
    rest = b""
    if signer_version:
        major, minor = (int(x) for x in signer_version.split("."))
        rest += el(28, bytes([major, minor]))
    rest += struct.pack(">BH", 3, len(signerid)) + signerid
    rest += struct.pack(">BH", 7, len(siginfo)) + siginfo
    sig_at = 10 + len(rest)
    rest += el(12, bytes(sig_len))
    rest += el(14, cstr(filename)) + el(15, struct.pack(">I", timestamp))
    hl = 10 + len(rest)
    pad = (-hl) % 4
    hl += pad
    major, minor = (int(x) for x in version.split("."))
    head = el(1, bytes([major, minor])) + el(2, struct.pack(">H", hl)) + rest + bytes([13]) * pad
    return head, sig_at


def cut_signature(data, sig_at):
    (n,) = struct.unpack(">H", data[sig_at + 1:sig_at + 3])
    return data[:sig_at] + data[sig_at + 3 + n:], n


def find_signature(data):
    """Offset of the SIGNATURE element, walking the header as the format lays it out."""
    (hl,) = struct.unpack(">H", data[8:10])
    p = 10
    while p < hl:
        tag = data[p]
        if tag == 13:
            p += 1
            continue
        (n,) = struct.unpack(">H", data[p + 1:p + 3])
        if tag == 12:
            return p
        p += 3 if tag in (3, 7, 9) else 3 + n   # containers: their elements follow
    raise ValueError("no SIGNATURE element")


def build(a):
    signer = load_cert(a.sign_cert)
    named = load_cert(a.name_signer) if a.name_signer else signer
    with open(a.sign_key, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), None)
    code, algo = DIGESTS[a.digest]
    head, sig_at = header(named, code, key.key_size // 8, a.filename, a.timestamp, a.signer_version,
                          a.version)
    body = b""
    for spec in a.record:
        fn, rest = spec.split(":", 1)
        parts = rest.split(",")
        opts = dict(p.split("=", 1) if "=" in p else (p, True) for p in parts[1:])
        body += record(fn, load_cert(parts[0]), dns=opts.get("dns", ""), ip=opts.get("ip"),
                       nosig=bool(opts.get("nosig")))
    data = head + body
    signed, n = cut_signature(data, sig_at)
    sig = key.sign(signed, padding.PKCS1v15(), algo())
    assert len(sig) == n
    data = data[:sig_at + 3] + sig + data[sig_at + 3 + n:]
    with open(a.out, "wb") as f:
        f.write(data)


def records(data):
    (hl,) = struct.unpack(">H", data[8:10])
    p, out = hl, []
    while p + 5 <= len(data):
        (rl,) = struct.unpack(">H", data[p + 3:p + 5])
        out.append((p, rl))
        p += rl
    return out


def elements(data, start, end):
    p, out = start, []
    while p + 3 <= end:
        tag = data[p]
        (n,) = struct.unpack(">H", data[p + 1:p + 3])
        out.append((p, tag, n))
        p += 3 + n
    return out


def mutate(a):
    data = bytearray(open(a.inp, "rb").read())
    recs = records(data)
    last_off, last_len = recs[-1]
    if a.how == "tamper":
        # one character of the last DNSNAME that has one: the file still parses, the
        # signature fails
        for off, rl in reversed(recs):
            hit = [p for p, tag, n in elements(data, off + 5, off + rl) if tag == 2 and n > 1]
            if hit:
                data[hit[0] + 3] ^= 0x01
                break
        else:
            raise SystemExit("tamper: no record has a DNSNAME to change")
    elif a.how == "truncate":
        # cut inside the last record's CERTIFICATE
        for p, tag, n in elements(data, last_off + 5, last_off + last_len):
            if tag == 9:
                data = data[:p + 3 + n // 2]
                break
    elif a.how == "lie-element":
        # the second record's CERTIFICATE says more bytes than its record holds (the file goes on)
        off, rl = recs[1]
        for p, tag, n in elements(data, off + 5, off + rl):
            if tag == 9:
                data[p + 1:p + 3] = struct.pack(">H", 0xFFF0)
                break
    elif a.how == "lie-record":
        # the last record says it is longer than what is left of the file
        data[last_off + 3:last_off + 5] = struct.pack(">H", last_len + 4000)
    elif a.how == "lie-header":
        # HEADERLENGTH says the header runs past the end of the file
        data[8:10] = struct.pack(">H", 0xFFF0)
    with open(a.out, "wb") as f:
        f.write(bytes(data))


def verify(path):
    data = open(path, "rb").read()
    sig_at = find_signature(data)
    signed, n = cut_signature(data, sig_at)
    sig = data[sig_at + 3:sig_at + 3 + n]
    (hl,) = struct.unpack(">H", data[8:10])
    # header serial and digest
    p, serial, digest = 10, None, None
    while p < hl:
        tag = data[p]
        if tag == 13:
            p += 1
            continue
        (m,) = struct.unpack(">H", data[p + 1:p + 3])
        if tag == 5:
            serial = data[p + 3:p + 3 + m]
        if tag == 8:
            digest = data[p + 3]
        p += 3 if tag in (3, 7, 9) else 3 + m
    algo = {1: hashes.SHA1, 3: hashes.SHA512}[digest]
    for off, rl in records(data):
        fields = {tag: data[q + 3:q + 3 + m] for q, tag, m in elements(data, off + 5, off + rl)}
        if struct.unpack(">H", fields.get(4, b"\xff\xff"))[0] != 0 or 9 not in fields:
            continue
        cert = x509.load_der_x509_certificate(fields[9])
        if serial_bytes(cert) == serial.lstrip(b"\0"):
            cert.public_key().verify(sig, signed, padding.PKCS1v15(), algo())
            return 0
    return 1


def dump(path):
    data = open(path, "rb").read()
    (hl,) = struct.unpack(">H", data[8:10])
    print("header %d bytes, file %d bytes" % (hl, len(data)))
    for off, rl in records(data):
        print("record at %d, %d bytes" % (off, rl))
        for q, tag, m in elements(data, off + 5, min(off + rl, len(data))):
            print("  tag %2d at %d, %d bytes" % (tag, q, m))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", required=True)
    b.add_argument("--filename", required=True)
    b.add_argument("--digest", choices=sorted(DIGESTS), required=True)
    b.add_argument("--sign-cert", required=True)
    b.add_argument("--sign-key", required=True)
    b.add_argument("--name-signer", help="name this certificate as the signer in the header")
    b.add_argument("--signer-version")
    b.add_argument("--version", default="1.2")
    b.add_argument("--timestamp", type=int, default=1767225600)
    b.add_argument("--record", action="append", default=[])
    m = sub.add_parser("mutate")
    m.add_argument("--in", dest="inp", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--how", required=True,
                   choices=["tamper", "truncate", "lie-element", "lie-header", "lie-record"])
    v = sub.add_parser("verify")
    v.add_argument("file")
    d = sub.add_parser("dump")
    d.add_argument("file")
    a = ap.parse_args()
    if a.cmd == "build":
        build(a)
    elif a.cmd == "mutate":
        mutate(a)
    elif a.cmd == "verify":
        try:
            return verify(a.file)
        except Exception as e:  # the signature or the layout does not check out
            print("verify: %s" % (e or type(e).__name__), file=sys.stderr)
            return 1
    else:
        dump(a.file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
