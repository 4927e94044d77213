#!/usr/bin/env python3
"""Seeds for the capture fuzz targets, cut from testdata/captures/ (pcap files only):
fuzz/corpus/keylog/ (2-byte length + key log + capture, from testdata/captures/tls13/),
fuzz/corpus/packet/ (link byte + cut byte + frame), fuzz/corpus/reassembly/ (segments of one
direction, fuzz_reassembly's format), fuzz/corpus/tls/ and fuzz/corpus/sslv2/ (segment size +
version + stream; sslv2 gets the SSL 2.0 captures and tls12),
and a few whole captures for fuzz/corpus/ingest/. Run from anywhere; idempotent."""
import os, struct, sys
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
cap = os.path.join(root, "testdata", "captures")
out = {n: os.path.join(root, "fuzz", "corpus", n) for n in ("packet", "reassembly", "tls", "ingest", "sslv2", "keylog")}
for d in out.values():
    os.makedirs(d, exist_ok=True)
LINKS = {0: 0, 1: 1, 12: 2, 14: 3, 108: 4, 113: 5, 101: 6, 228: 7, 229: 8, 276: 9}

def frames(path):
    b = open(path, "rb").read()
    if b[:4] != b"\xd4\xc3\xb2\xa1":
        return None, []
    link = struct.unpack("<I", b[20:24])[0]; p = 24; fr = []
    while p + 16 <= len(b):
        _, _, incl, orig = struct.unpack("<IIII", b[p:p+16]); fr.append((b[p+16:p+16+incl], orig)); p += 16 + incl
    return link, fr

def tcp_payload(link, f):
    off = {1: 14, 113: 16, 276: 20}.get(link)
    if off is None:
        return None
    if link == 1:
        while f[off-2:off] in (b"\x81\x00", b"\x88\xa8"):
            off += 4
    v = f[off] >> 4
    if v == 4:
        ihl = (f[off] & 15) * 4; tot = struct.unpack(">H", f[off+2:off+4])[0]; t = off + ihl; end = off + tot
        proto = f[off+9]
    elif v == 6:
        t = off + 40; end = t + struct.unpack(">H", f[off+4:off+6])[0]; proto = f[off+6]
    else:
        return None
    if proto != 6:  # tunnelled: the frame seeds fuzz_packet only
        return None
    sport, dport, seq = struct.unpack(">HHI", f[t:t+8]); doff = (f[t+12] >> 4) * 4
    return sport, dport, seq, f[t+12+1], f[t+doff:end]

deep = os.path.join(root, "testdata", "rules", "ingest.limit-reached", "fires-tunnels-too-deep", "input")
for name in [os.path.join(cap, n) for n in sorted(os.listdir(cap))] + [os.path.join(deep, "nine-gre-layers.pcap")]:
    if not name.endswith(".pcap"):
        continue
    link, fr = frames(name)
    if link is None:
        continue
    base = os.path.basename(name)[:-5]
    for i, (f, orig) in enumerate(fr[:6]):
        open(os.path.join(out["packet"], f"{base}-{i}"), "wb").write(bytes([LINKS.get(link, 1), min(orig - len(f), 255)]) + f)
    streams = {}
    for f, _ in fr:
        t = tcp_payload(link, f)
        if t and t[4]:
            streams.setdefault((t[0], t[1]), []).append(t)
    for (sp, dp), segs in streams.items():
        stream = b"".join(s[4] for s in segs)
        open(os.path.join(out["tls"], f"{base}-{sp}"), "wb").write(bytes([255, 3]) + stream)
        if base.startswith("sslv2") or base == "tls12":  # fuzz_sslv2: the same format
            open(os.path.join(out["sslv2"], f"{base}-{sp}"), "wb").write(bytes([255, 3]) + stream)
        seq0 = segs[0][2]; rec = b""
        for s in segs:
            d = s[4][:255]
            rec += struct.pack(">BHB", 0, (s[2] - seq0) & 0xffff, len(d)) + d
        open(os.path.join(out["reassembly"], f"{base}-{sp}"), "wb").write(rec)
# tunnel variants no capture holds (tests/test_pcap.c builds the same): PPTP's enhanced GRE,
# ERSPAN type I, an MPLS Ethernet pseudowire with a control word, VXLAN on Linux's port 8472
inner = bytes.fromhex("4500002d00000000400600000a0000010a000002c00101bb00000064000000005018000000000000") + b"hello"
eth = lambda et: bytes.fromhex("525400000001525400000002") + struct.pack(">H", et)
ip4 = lambda proto, n: struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + n, 0, 0x4000, 64, proto, 0,
                                   bytes([192, 0, 2, 1]), bytes([198, 51, 100, 2]))
ppp = b"\xff\x03\x00\x21" + inner
synth = {
    "pptp": eth(0x800) + ip4(47, 16 + len(ppp)) + struct.pack(">HHHH", 0x3001, 0x880b, len(ppp), 7) + b"SEQ1" + ppp,
    "erspan1": eth(0x800) + ip4(47, 4 + 14 + len(inner)) + struct.pack(">HH", 0, 0x88be) + eth(0x800) + inner,
    "mpls-pw": eth(0x8847) + bytes.fromhex("03e8014000000000") + eth(0x800) + inner,
    "vxlan-8472": eth(0x800) + ip4(17, 16 + 14 + len(inner)) + struct.pack(">HHHH", 40000, 8472, 16 + 14 + len(inner), 0)
                  + bytes.fromhex("080000000000" "2a00") + eth(0x800) + inner,
}
for k, f in synth.items():
    open(os.path.join(out["packet"], f"tunnel-{k}"), "wb").write(bytes([1, 0]) + f)
for name in ("tls12.pcap", "tls13.pcap", "mtls-7001.pcapng", "tls12-snaplen-200.pcap", "sslv2-server-hello.pcap",
             "tls12-nested-tunnels.pcap"):
    open(os.path.join(out["ingest"], "capture-" + name), "wb").write(open(os.path.join(cap, name), "rb").read())

# product fixtures (testdata/precheck/files/): fuzz_ingest places its input as a CUCM identity,
# CSR and trust store and as an Expressway server certificate and trusted CA list
prod = os.path.join(root, "testdata", "precheck", "files")
for rel in ("cucm-pub/tomcat.pem", "cucm-pub/tomcat.csr", "cucm-pub/CAPF.pem",
            "cucm-pub/CallManager-ECDSA.pem", "expressway/server-with-chain.pem",
            "expressway/trusted-ca-list.pem"):
    open(os.path.join(out["ingest"], "product-" + rel.replace("/", "-")), "wb").write(
        open(os.path.join(prod, rel), "rb").read())

# TLS 1.3 captures with their key logs (fuzz_keylog's format), and a pcapng that carries its own
c13 = os.path.join(cap, "tls13")
for line in open(os.path.join(c13, "facts.tsv")):
    if line.startswith("#"):
        continue
    name, _, facts = line.rstrip("\n").split("\t")
    kl = [f[7:] for f in facts.split() if f.startswith("keylog=")]
    keys = open(os.path.join(c13, kl[0]), "rb").read() if kl else b""
    body = open(os.path.join(c13, name), "rb").read()
    if len(body) > 16000:
        continue  # the long chains: past the fuzzer's input size
    seed = name.rsplit(".", 1)[0] + ("-" + kl[0].rsplit(".", 1)[0] if kl else "")
    open(os.path.join(out["keylog"], seed), "wb").write(struct.pack(">H", len(keys)) + keys + body)
