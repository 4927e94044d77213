#!/usr/bin/env bash
# Wraps the real TLS 1.2 handshakes recorded by captures.sh (testdata/captures/tls12.pcap, an
# openssl s_server/s_client exchange, and tls12-ipv6.pcap) in the tunnels real captures carry,
# with scapy: every frame's IP packet is re-encapsulated, byte for byte, as a router, a SPAN
# session or a hypervisor would send it (headers and checksums computed by scapy). The inner
# addresses are rewritten to a private overlay (10.1.0.10 -> 10.1.0.20) and the outer ones use
# documentation addresses (RFC 5737, RFC 3849).
#
#   tls12-gre.pcap            Ethernet / IPv4 / GRE (key, RFC 2890) / IPv4 / TCP
#   tls12-erspan2.pcap        Ethernet / IPv4 / GRE / ERSPAN type II / Ethernet / IPv4 / TCP
#   tls12-erspan3.pcap        Ethernet / IPv4 / GRE / ERSPAN type III / Ethernet / IPv4 / TCP
#   tls12-vxlan.pcap          Ethernet / IPv4 / UDP 4789 / VXLAN VNI 42 / Ethernet / IPv4 / TCP
#   tls12-geneve.pcap         Ethernet / IPv6 / UDP 6081 / Geneve VNI 7 (one option) / Ethernet / IPv4 / TCP
#   tls12-pppoe.pcap          Ethernet / PPPoE session / PPP / IPv4 / TCP
#   tls12-pppoe-qinq.pcap     Ethernet / 802.1ad / 802.1Q / PPPoE session / PPP / IPv4 / TCP
#   tls12-mpls.pcap           Ethernet / MPLS (2 labels) / IPv4 / TCP
#   tls12-6in4.pcap           Ethernet / IPv4 (protocol 41) / IPv6 / TCP
#   tls12-nested-tunnels.pcap Ethernet / MPLS / IPv4 / GRE / IPv4 / UDP / VXLAN / Ethernet / 802.1Q / IPv4 / TCP
#
# With --deep DIR it writes only DIR/nine-gre-layers.pcap: the same handshake under nine GRE
# layers, one more than CD_PACKET_MAX_ENCAP (docs/limits.md); rules.sh puts it in the rule case
# testdata/rules/ingest.limit-reached/fires-tunnels-too-deep/.
#
# Tools: scapy (apt-get install python3-scapy; run with /usr/bin/python3). Called at the end of
# captures.sh; can run alone (it replaces its own lines of testdata/captures/facts.tsv).
# Deterministic: the same input captures give the same output bytes.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/lib.sh"
PY=/usr/bin/python3
"$PY" -c 'import scapy' 2>/dev/null || die "scapy is missing: apt-get install python3-scapy"
CAP="$TESTDATA_DIR/captures"
DEEP=""
[ "${1:-}" = --deep ] && { DEEP=${2:?--deep DIR}; mkdir -p "$DEEP"; }
[ -f "$CAP/tls12.pcap" ] && [ -f "$CAP/tls12-ipv6.pcap" ] || die "run captures.sh first"

"$PY" - "$CAP" "$DEEP" <<'PY'
import sys
from scapy.all import rdpcap, wrpcap, Ether, IP, IPv6, UDP, GRE, Dot1Q, Dot1AD, PPPoE, PPP, VXLAN, conf
from scapy.contrib.mpls import MPLS
from scapy.contrib.geneve import GENEVE, GeneveOptions
from scapy.contrib.erspan import ERSPAN_II, ERSPAN_III
conf.verb = 0
cap, deep = sys.argv[1], sys.argv[2]
CLI, SRV = "10.1.0.10", "10.1.0.20"
MAC_A, MAC_B = "52:54:00:12:34:01", "52:54:00:12:34:02"
INNER_A, INNER_B = "02:42:0a:01:00:0a", "02:42:0a:01:00:14"
O4_A, O4_B = "192.0.2.1", "198.51.100.2"
O6_A, O6_B = "2001:db8::1", "2001:db8:1::2"

def inner(pkt, v6=False):
    """The frame's IP packet, client 10.1.0.10, server 10.1.0.20, checksums recomputed."""
    if v6:
        ip = pkt[IPv6].copy()
        to_srv = ip.payload.dport == 8450
        ip.src, ip.dst = ("fd00:1::10", "fd00:1::20") if to_srv else ("fd00:1::20", "fd00:1::10")
        del ip.payload.chksum
        return ip
    ip = pkt[IP].copy()
    to_srv = ip.payload.dport == 8443
    ip.src, ip.dst = (CLI, SRV) if to_srv else (SRV, CLI)
    del ip.chksum
    del ip.payload.chksum
    return ip

def eth(up, down, to_srv):
    a, b = (up, down) if to_srv else (down, up)
    return Ether(src=a, dst=b)

def out4(to_srv, proto=None):
    a, b = (O4_A, O4_B) if to_srv else (O4_B, O4_A)
    return IP(src=a, dst=b, ttl=62, id=0) if proto is None else IP(src=a, dst=b, ttl=62, id=0, proto=proto)

def out6(to_srv):
    a, b = (O6_A, O6_B) if to_srv else (O6_B, O6_A)
    return IPv6(src=a, dst=b, hlim=62)

def write(name, frames, src, where=cap):
    for f, p in zip(frames, src):
        f.time = p.time
    wrpcap(f"{where}/{name}", frames, linktype=1)

v4 = rdpcap(f"{cap}/tls12.pcap")
dirs = [p[IP].dport == 8443 for p in v4]

def each(build):
    return [build(inner(p), d, i) for i, (p, d) in enumerate(zip(v4, dirs))]

if deep:
    def deep9(ip, d, i):
        pkt = ip
        for _ in range(9):
            pkt = out4(d) / GRE(proto=0x0800) / pkt
        return eth(MAC_A, MAC_B, d) / pkt
    write("nine-gre-layers.pcap", each(deep9), v4, where=deep)
    sys.exit(0)

v6 = rdpcap(f"{cap}/tls12-ipv6.pcap")

write("tls12-gre.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / out4(d) / GRE(key_present=1, key=1001, proto=0x0800) / ip), v4)
write("tls12-erspan2.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / out4(d) / GRE(seqnum_present=1, sequence_number=i, proto=0x88be)
      / ERSPAN_II(ver=1, vlan=0, session_id=100, index=0) / eth(INNER_A, INNER_B, d) / ip), v4)
write("tls12-erspan3.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / out4(d) / GRE(seqnum_present=1, sequence_number=i, proto=0x22eb)
      / ERSPAN_III(ver=2, vlan=0, session_id=200, timestamp=1000 + i, ft=0, hw=1)
      / eth(INNER_A, INNER_B, d) / ip), v4)
write("tls12-vxlan.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / out4(d) / UDP(sport=49152 + (ip.payload.sport % 16000), dport=4789)
      / VXLAN(flags=0x08, vni=42) / eth(INNER_A, INNER_B, d) / ip), v4)
write("tls12-geneve.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / out6(d) / UDP(sport=50000, dport=6081)
      / GENEVE(proto=0x6558, vni=7, options=[GeneveOptions(classid=0x0102, type=0x80, data=b"\x00\x00\x00\x01")])
      / eth(INNER_A, INNER_B, d) / ip), v4)
write("tls12-pppoe.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / PPPoE(sessionid=0x1234) / PPP(proto=0x0021) / ip), v4)
write("tls12-pppoe-qinq.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / Dot1AD(vlan=100) / Dot1Q(vlan=42) / PPPoE(sessionid=0x1234) / PPP(proto=0x0021) / ip), v4)
write("tls12-mpls.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / MPLS(label=16004, s=0, ttl=62) / MPLS(label=24001, s=1, ttl=62) / ip), v4)
write("tls12-nested-tunnels.pcap", each(lambda ip, d, i:
      eth(MAC_A, MAC_B, d) / MPLS(label=16005, s=1, ttl=61) / out4(d) / GRE(proto=0x0800)
      / IP(src="172.16.0.1" if d else "172.16.0.2", dst="172.16.0.2" if d else "172.16.0.1", ttl=63, id=0)
      / UDP(sport=50001, dport=4789) / VXLAN(flags=0x08, vni=5000)
      / eth(INNER_A, INNER_B, d) / Dot1Q(vlan=10) / ip), v4)
d6 = [p[IPv6].payload.dport == 8450 for p in v6]
write("tls12-6in4.pcap", [eth(MAC_A, MAC_B, d) / out4(d, proto=41) / inner(p, v6=True)
                          for p, d in zip(v6, d6)], v6)
PY
[ -n "$DEEP" ] && exit 0

# facts for tests/test_pcap.c (tshark must extract the same certificates)
FACTS="$CAP/facts.tsv"
touch "$FACTS"
set_fact() {
  local tmp
  tmp=$(mktemp)
  awk -F'\t' -v f="$1" '$1 != f' "$FACTS" >"$tmp"
  printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tmp"
  cat "$tmp" >"$FACTS"
  rm -f "$tmp"
}
for f in gre erspan2 erspan3 vxlan geneve pppoe pppoe-qinq mpls nested-tunnels; do
  set_fact "tls12-$f.pcap" 8443 "sni=server.example.test version=TLS1.2 server_certs=2 client=10.1.0.10"
done
set_fact tls12-6in4.pcap 8450 "sni=server.example.test version=TLS1.2 server_certs=2 client=fd00:1::10"

log "tunnels: $(ls "$CAP"/tls12-{gre,erspan2,erspan3,vxlan,geneve,pppoe,pppoe-qinq,mpls,6in4,nested-tunnels}.pcap | wc -l) captures"
