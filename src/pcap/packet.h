/* packet.h - decode one captured frame down to its TCP segment (link, tunnels, IPv4/IPv6, TCP). */
#ifndef CD_PCAP_PACKET_H
#define CD_PCAP_PACKET_H

#include <stddef.h>
#include <stdint.h>

/* Link types (LINKTYPE_* values as libpcap's pcap_datalink() reports them on Linux). */
#define CD_LINK_NULL 0        /* BSD loopback, host-order address family */
#define CD_LINK_ETHERNET 1
#define CD_LINK_RAW 12        /* DLT_RAW on Linux (LINKTYPE_RAW 101 maps to it) */
#define CD_LINK_RAW_ALT 14    /* DLT_RAW on OpenBSD */
#define CD_LINK_LOOP 108      /* OpenBSD loopback, network-order address family */
#define CD_LINK_LINUX_SLL 113
#define CD_LINK_RAW_101 101
#define CD_LINK_IPV4 228
#define CD_LINK_IPV6 229
#define CD_LINK_LINUX_SLL2 276

/* VLAN tags (802.1Q, 802.1ad QinQ) stacked deeper than this are malformed or hostile. */
#define CD_PACKET_MAX_VLAN_TAGS 4
/* IPv6 extension headers walked before giving up on a packet. */
#define CD_PACKET_MAX_EXT_HEADERS 8
/* Tunnel headers (GRE, ERSPAN, VXLAN, Geneve, PPPoE, MPLS, IP-in-IP) one frame may nest: real
 * networks stack 2 or 3 (VXLAN in GRE over MPLS); deeper is broken or hostile. */
#define CD_PACKET_MAX_ENCAP 8
/* MPLS label stack entries (RFC 3032): real stacks hold 1 to 5. */
#define CD_PACKET_MAX_MPLS_LABELS 16
/* UDP destination ports that carry VXLAN (RFC 7348: 4789; 8472 is the Linux kernel's default
 * and Cisco OTV's, same header) and Geneve (RFC 8926: 6081). */
#define CD_PACKET_VXLAN_PORT 4789
#define CD_PACKET_VXLAN_LINUX_PORT 8472
#define CD_PACKET_GENEVE_PORT 6081

enum cd_packet_result {
	CD_PACKET_TCP = 0,      /* *out holds a TCP segment */
	CD_PACKET_OTHER = 1,    /* not TCP over IP (ARP, UDP, ICMP, IP fragments...) */
	CD_PACKET_CUT = 2,      /* cut by the snap length before the TCP header ended */
	CD_PACKET_MALFORMED = 3, /* headers contradict themselves */
	CD_PACKET_LIMIT = 4      /* a named limit (tags, labels, tunnel nesting) was reached: see limit */
};

/* One tunnel a frame came through: a printf format taking one unsigned (a static string) and
 * that number (VNI, session id), formatted only when a locator needs it. */
struct cd_encap {
	const char *fmt;
	unsigned v;
};

struct cd_packet {
	int af;                /* 4 or 6 */
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t seq;
	uint8_t flags;         /* TCP flags: FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10 */
	const uint8_t *payload; /* points into the frame; not owned */
	size_t payload_len;     /* bytes captured */
	size_t payload_wire;    /* bytes the segment carried on the wire (>= payload_len) */
	struct cd_encap encap[CD_PACKET_MAX_ENCAP]; /* tunnels crossed, outermost first */
	int n_encap;
	const char *limit;      /* CD_PACKET_LIMIT: which limit, a static string */
};

#define CD_TCP_FIN 0x01
#define CD_TCP_SYN 0x02
#define CD_TCP_RST 0x04
#define CD_TCP_ACK 0x10

/* Decode a frame of link type link: caplen bytes captured out of wirelen. Reads only through
 * a bounds-checked cursor. Never fails on hostile input, only reports it. */
enum cd_packet_result cd_packet_decode(int link, const uint8_t *frame, size_t caplen,
				       size_t wirelen, struct cd_packet *out);

/* The tunnels as text, outermost first: "MPLS / GRE / VXLAN VNI 42"; "" for none. */
void cd_packet_encap_name(const struct cd_encap *e, int n, char *out, size_t size);

/* "10.0.0.1:443" or "[::1]:443" */
void cd_packet_endpoint(int af, const uint8_t *addr, uint16_t port, char *out, size_t size);

#endif
