#!/usr/bin/env python3
"""gen-halfopen.py - a capture of N half-open TLS connections (bench/README.md, "Flows with
state"): each client sends a SYN, then the first 300 bytes of a ClientHello whose record says
512, and nothing ever answers. usage: gen-halfopen.py OUT.pcap N [syn-only]"""
import struct
import sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def frame(src, dst, sport, dport, seq, flags, payload):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 65535, 0, 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 1, 0, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip + tcp


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    syn_only = len(sys.argv) > 3 and sys.argv[3] == "syn-only"
    hello = b"\x16\x03\x01\x02\x00" + b"\x01\x00\x01\xfc\x03\x03" + bytes(290)
    server = bytes([10, 0, 0, 1])
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        t = 0
        for i in range(n):
            client = bytes([10, 1 + (i >> 16) % 200, (i >> 8) & 255, i & 255])
            sport = 1024 + i % 60000
            frames = [frame(client, server, sport, 443, 1000, 0x02, b"")]
            if not syn_only:
                frames.append(frame(client, server, sport, 443, 1001, 0x18, hello))
            for fr in frames:
                t += 1
                f.write(struct.pack("<IIII", t // 1000000, t % 1000000, len(fr), len(fr)) + fr)


if __name__ == "__main__":
    main()
