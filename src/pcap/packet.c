/* packet.c - one frame down to its TCP segment: Ethernet (IEEE 802.3, 802.1Q/802.1ad tags),
 * Linux cooked SLL/SLL2, raw IP, BSD loopback; IPv4 (RFC 791), IPv6 with extension headers
 * (RFC 8200 §4), TCP (RFC 9293 §3.1); and the tunnels captures carry: GRE (RFC 2784, RFC 2890
 * key and sequence; version 1 of PPTP, RFC 2637), ERSPAN type I/II/III (draft-foschiano-erspan),
 * VXLAN (RFC 7348), Geneve (RFC 8926), PPPoE sessions (RFC 2516) with PPP (RFC 1661), MPLS label
 * stacks (RFC 3032; pseudowire control word RFC 4385 with Ethernet, RFC 4448), IP in IP (RFC 2003,
 * RFC 4213). tcpdump model: every byte through the cursor; a frame cut by the snap length is
 * CUT, a frame whose headers contradict themselves is MALFORMED, a frame past a named limit
 * (CD_PACKET_MAX_*) is LIMIT. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "pcap/packet.h"
#include "util/cursor.h"

/* decoding state of one frame: tunnels entered so far */
struct dec {
	struct cd_packet *out;
	int depth;
};

/* TCP header at c, ip_payload_wire bytes of TCP on the wire. */
static enum cd_packet_result tcp(struct cd_cursor *c, size_t ip_payload_wire, struct cd_packet *out)
{
	size_t start = c->pos, hlen, avail;
	uint32_t ack;
	uint8_t off, flags;
	if (cd_cursor_get_u16(c, &out->sport) < 0 || cd_cursor_get_u16(c, &out->dport) < 0 || cd_cursor_get_u32(c, &out->seq) < 0 ||
	    cd_cursor_get_u32(c, &ack) < 0 || cd_cursor_get_u8(c, &off) < 0 || cd_cursor_get_u8(c, &flags) < 0)
		return CD_PACKET_CUT;
	hlen = (size_t)(off >> 4) * 4;
	if (hlen < 20 || hlen > ip_payload_wire)
		return CD_PACKET_MALFORMED;
	c->pos = start;
	if (cd_cursor_skip(c, hlen) < 0)
		return CD_PACKET_CUT;
	out->flags = flags;
	out->payload_wire = ip_payload_wire - hlen;
	avail = cd_cursor_remaining(c);
	out->payload_len = avail < out->payload_wire ? avail : out->payload_wire;
	out->payload = cd_cursor_ptr(c);
	return CD_PACKET_TCP;
}

/* n more header bytes at c, wire bytes left in this layer: 0 when both the wire and the capture
 * hold them, else why not */
static int need(const struct cd_cursor *c, size_t wire, size_t n)
{
	if (n > wire)
		return CD_PACKET_MALFORMED;
	if (n > cd_cursor_remaining(c))
		return CD_PACKET_CUT;
	return 0;
}

/* one more tunnel header, named for the locator (fmt: a static format taking v); LIMIT past
 * CD_PACKET_MAX_ENCAP */
static int enter(struct dec *d, const char *fmt, unsigned v)
{
	if (d->depth >= CD_PACKET_MAX_ENCAP) {
		d->out->limit = "tunnels nested deeper than 8 (CD_PACKET_MAX_ENCAP)";
		return CD_PACKET_LIMIT;
	}
	d->out->encap[d->depth].fmt = fmt;
	d->out->encap[d->depth].v = v;
	d->out->n_encap = ++d->depth;
	return 0;
}

void cd_packet_encap_name(const struct cd_encap *e, int n, char *out, size_t size)
{
	size_t used = 0;
	if (!size)
		return;
	out[0] = 0;
	for (int i = 0; i < n && used < size; i++) {
		char name[48];
		snprintf(name, sizeof(name), e[i].fmt, e[i].v);
		snprintf(out + used, size - used, "%s%s", i ? " / " : "", name);
		used += strlen(out + used);
	}
}

static enum cd_packet_result ipv4(struct cd_cursor *c, size_t wire, struct dec *d);
static enum cd_packet_result ipv6(struct cd_cursor *c, size_t wire, struct dec *d);
static enum cd_packet_result ether(struct cd_cursor *c, size_t wire, struct dec *d);
static enum cd_packet_result by_ethertype(struct cd_cursor *c, uint16_t et, size_t wire, struct dec *d);
static enum cd_packet_result mpls(struct cd_cursor *c, size_t wire, struct dec *d);

static enum cd_packet_result by_version(struct cd_cursor *c, size_t wire, struct dec *d)
{
	uint8_t v;
	if (cd_cursor_peek_u8(c, &v) < 0)
		return CD_PACKET_CUT;
	if (v >> 4 == 4)
		return ipv4(c, wire, d);
	if (v >> 4 == 6)
		return ipv6(c, wire, d);
	return CD_PACKET_OTHER;
}

/* VXLAN (RFC 7348 §5): flags with I set, 24 reserved bits, VNI, 8 reserved bits; Ethernet inside */
static enum cd_packet_result vxlan(struct cd_cursor *c, size_t wire, struct dec *d)
{
	const uint8_t *h;
	int r = need(c, wire, 8);
	if (r)
		return r;
	cd_cursor_get_bytes(c, 8, &h);
	if (!(h[0] & 0x08)) /* no valid VNI: not VXLAN (another protocol on the port) */
		return CD_PACKET_OTHER;
	if ((r = enter(d, "VXLAN VNI %u", (unsigned)h[4] << 16 | (unsigned)h[5] << 8 | h[6])))
		return r;
	return ether(c, wire - 8, d);
}

/* Geneve (RFC 8926 §3.4): version 0, options length in 4-byte words, protocol type, VNI */
static enum cd_packet_result geneve(struct cd_cursor *c, size_t wire, struct dec *d)
{
	const uint8_t *h;
	size_t hl;
	uint16_t proto = 0;
	int r = need(c, wire, 8);
	if (r)
		return r;
	cd_cursor_get_bytes(c, 8, &h);
	if (h[0] >> 6 != 0)
		return CD_PACKET_OTHER; /* an unknown version: its header cannot be read */
	hl = 8 + (size_t)(h[0] & 0x3f) * 4;
	proto = (uint16_t)(h[2] << 8 | h[3]);
	if ((r = need(c, wire - 8, hl - 8)))
		return r;
	cd_cursor_skip(c, hl - 8);
	if ((r = enter(d, "Geneve VNI %u", (unsigned)h[4] << 16 | (unsigned)h[5] << 8 | h[6])))
		return r;
	if (proto == 0x6558) /* Transparent Ethernet Bridging */
		return ether(c, wire - hl, d);
	return by_ethertype(c, proto, wire - hl, d);
}

static enum cd_packet_result udp(struct cd_cursor *c, size_t wire, struct dec *d)
{
	uint16_t sport = 0, dport = 0, len = 0, sum = 0;
	int r = need(c, wire, 8);
	if (r)
		return r;
	cd_cursor_get_u16(c, &sport);
	cd_cursor_get_u16(c, &dport);
	cd_cursor_get_u16(c, &len);
	cd_cursor_get_u16(c, &sum);
	if (len < 8 || len > wire)
		return CD_PACKET_MALFORMED;
	if (dport == CD_PACKET_VXLAN_PORT || dport == CD_PACKET_VXLAN_LINUX_PORT)
		return vxlan(c, len - 8u, d);
	if (dport == CD_PACKET_GENEVE_PORT)
		return geneve(c, len - 8u, d);
	return CD_PACKET_OTHER;
}

/* PPP (RFC 1661 §2): an optional address/control 0xff 0x03 (PPTP), a protocol field of 1
 * byte when compressed (odd first byte, RFC 1661 §6.5) or 2 */
static enum cd_packet_result ppp(struct cd_cursor *c, size_t wire, struct dec *d)
{
	const uint8_t *p;
	uint16_t proto = 0;
	size_t used = 0;
	int r = need(c, wire, 2);
	if (r)
		return r;
	p = cd_cursor_ptr(c);
	if (p[0] == 0xff && p[1] == 0x03) {
		cd_cursor_skip(c, 2);
		used = 2;
		if ((r = need(c, wire - used, 1)))
			return r;
	}
	p = cd_cursor_ptr(c);
	if (p[0] & 1) {
		proto = p[0];
		cd_cursor_skip(c, 1);
		used += 1;
	} else {
		if ((r = need(c, wire - used, 2)))
			return r;
		cd_cursor_get_u16(c, &proto);
		used += 2;
	}
	if (proto == 0x0021)
		return ipv4(c, wire - used, d);
	if (proto == 0x0057)
		return ipv6(c, wire - used, d);
	return CD_PACKET_OTHER; /* LCP, IPCP, compressed data... */
}

/* PPPoE session stage (RFC 2516 §4): ver/type 0x11, code 0, session id, payload length */
static enum cd_packet_result pppoe(struct cd_cursor *c, size_t wire, struct dec *d)
{
	const uint8_t *h;
	size_t len;
	int r = need(c, wire, 6);
	if (r)
		return r;
	cd_cursor_get_bytes(c, 6, &h);
	if (h[0] != 0x11 || h[1] != 0)
		return CD_PACKET_OTHER;
	len = (size_t)h[4] << 8 | h[5];
	if (len > wire - 6)
		return CD_PACKET_MALFORMED;
	if ((r = enter(d, "PPPoE session 0x%04x", (unsigned)h[2] << 8 | h[3])))
		return r;
	return ppp(c, len, d);
}

/* ERSPAN type II (8-byte header, version 1) and III (12 bytes, version 2, plus an 8-byte
 * platform subheader when O is set; frame type 0 Ethernet, 2 IP) */
static enum cd_packet_result erspan(struct cd_cursor *c, size_t wire, struct dec *d, int type)
{
	const uint8_t *h;
	size_t hl = type == 2 ? 8 : 12;
	int r = need(c, wire, hl), ft = 0;
	if (r)
		return r;
	cd_cursor_get_bytes(c, hl, &h);
	if (h[0] >> 4 != (type == 2 ? 1 : 2))
		return CD_PACKET_OTHER;
	if (type == 3) {
		ft = (h[10] >> 2) & 0x1f;
		if (h[11] & 1) {
			if ((r = need(c, wire - hl, 8)))
				return r;
			cd_cursor_skip(c, 8);
			hl += 8;
		}
	}
	if ((r = enter(d, type == 2 ? "ERSPAN type II session %u" : "ERSPAN type III session %u",
		       (unsigned)(h[2] & 0x03) << 8 | h[3])))
		return r;
	if (ft == 0)
		return ether(c, wire - hl, d);
	if (ft == 2)
		return by_version(c, wire - hl, d);
	return CD_PACKET_OTHER;
}

/* GRE: version 0 (RFC 2784, with RFC 2890's key and sequence number) and version 1 (PPTP's
 * enhanced GRE, RFC 2637 §4.1: key always, sequence and acknowledgment optional) */
static enum cd_packet_result gre(struct cd_cursor *c, size_t wire, struct dec *d)
{
	uint16_t flags = 0, proto = 0;
	size_t hl = 4;
	int r = need(c, wire, 4), ver;
	if (r)
		return r;
	cd_cursor_get_u16(c, &flags);
	cd_cursor_get_u16(c, &proto);
	ver = flags & 7;
	if (ver == 0) {
		if (flags & 0x4000) /* RFC 1701 source routing: not decoded */
			return CD_PACKET_OTHER;
		hl += (flags & 0x8000 ? 4 : 0) + (flags & 0x2000 ? 4 : 0) + (flags & 0x1000 ? 4 : 0);
	} else if (ver == 1) {
		if (!(flags & 0x2000) || (flags & 0xc000) || proto != 0x880b)
			return CD_PACKET_OTHER;
		hl += 4 + (flags & 0x1000 ? 4 : 0) + (flags & 0x0080 ? 4 : 0);
	} else {
		return CD_PACKET_OTHER;
	}
	if ((r = need(c, wire - 4, hl - 4)))
		return r;
	cd_cursor_skip(c, hl - 4);
	wire -= hl;
	if ((r = enter(d, ver ? "GRE (PPTP)" : "GRE", 0)))
		return r;
	switch (proto) {
	case 0x0800: return ipv4(c, wire, d);
	case 0x86dd: return ipv6(c, wire, d);
	case 0x6558: return ether(c, wire, d); /* Transparent Ethernet Bridging */
	case 0x8847:
	case 0x8848: return mpls(c, wire, d);
	case 0x88be: /* ERSPAN type II has a sequence number; type I has neither it nor a header */
		if (flags & 0x1000)
			return erspan(c, wire, d, 2);
		if ((r = enter(d, "ERSPAN type I", 0)))
			return r;
		return ether(c, wire, d);
	case 0x22eb: return erspan(c, wire, d, 3);
	case 0x880b: return ppp(c, wire, d);
	default: return CD_PACKET_OTHER;
	}
}

/* MPLS (RFC 3032 §2.1): 4-byte entries up to the bottom-of-stack bit; below it IPv4 or IPv6
 * (the explicit-null labels 0 and 2 say which, else the version nibble), or a pseudowire
 * control word (first nibble 0, RFC 4385) followed by Ethernet (RFC 4448) */
static enum cd_packet_result mpls(struct cd_cursor *c, size_t wire, struct dec *d)
{
	uint32_t e = 0, label = 0;
	int r;
	uint8_t v;
	if ((r = enter(d, "MPLS", 0)))
		return r;
	for (int n = 0;; n++) {
		if (n >= CD_PACKET_MAX_MPLS_LABELS) {
			d->out->limit = "more than 16 MPLS labels (CD_PACKET_MAX_MPLS_LABELS)";
			return CD_PACKET_LIMIT;
		}
		if ((r = need(c, wire, 4)))
			return r;
		cd_cursor_get_u32(c, &e);
		wire -= 4;
		label = e >> 12;
		if (e & 0x100)
			break;
	}
	if (label == 0)
		return ipv4(c, wire, d);
	if (label == 2)
		return ipv6(c, wire, d);
	if (cd_cursor_peek_u8(c, &v) < 0)
		return wire ? CD_PACKET_CUT : CD_PACKET_OTHER;
	if (v >> 4 == 4)
		return ipv4(c, wire, d);
	if (v >> 4 == 6)
		return ipv6(c, wire, d);
	if (v >> 4 == 0) {
		if ((r = need(c, wire, 4)))
			return r;
		cd_cursor_skip(c, 4);
		if ((r = enter(d, "Ethernet pseudowire", 0)))
			return r;
		return ether(c, wire - 4, d);
	}
	return CD_PACKET_OTHER;
}

/* the protocol above IP: TCP, or a tunnel */
static enum cd_packet_result above_ip(struct cd_cursor *c, uint8_t proto, size_t wire, struct dec *d,
				      int af, const uint8_t *src, const uint8_t *dst)
{
	int r;
	switch (proto) {
	case 6:
		d->out->af = af;
		memset(d->out->src, 0, 16);
		memset(d->out->dst, 0, 16);
		memcpy(d->out->src, src, af == 6 ? 16 : 4);
		memcpy(d->out->dst, dst, af == 6 ? 16 : 4);
		return tcp(c, wire, d->out);
	case 17: return udp(c, wire, d);
	case 47: return gre(c, wire, d);
	case 4:
		if ((r = enter(d, "IPv4 in IP", 0)))
			return r;
		return ipv4(c, wire, d);
	case 41:
		if ((r = enter(d, "IPv6 in IP", 0)))
			return r;
		return ipv6(c, wire, d);
	case 137: return mpls(c, wire, d); /* MPLS in IP, RFC 4023 */
	default: return CD_PACKET_OTHER;
	}
}

static enum cd_packet_result ipv4(struct cd_cursor *c, size_t wire_left, struct dec *d)
{
	size_t start = c->pos, ihl;
	uint8_t vihl, tos, ttl, proto;
	uint16_t total, id, frag, sum;
	const uint8_t *a, *b;
	if (cd_cursor_get_u8(c, &vihl) < 0 || cd_cursor_get_u8(c, &tos) < 0 || cd_cursor_get_u16(c, &total) < 0 ||
	    cd_cursor_get_u16(c, &id) < 0 || cd_cursor_get_u16(c, &frag) < 0 || cd_cursor_get_u8(c, &ttl) < 0 ||
	    cd_cursor_get_u8(c, &proto) < 0 || cd_cursor_get_u16(c, &sum) < 0 ||
	    cd_cursor_get_bytes(c, 4, &a) < 0 || cd_cursor_get_bytes(c, 4, &b) < 0)
		return CD_PACKET_CUT;
	ihl = (size_t)(vihl & 0x0f) * 4;
	/* a capture taken on a sender with TCP segmentation offload shows total length 0 on
	 * large outgoing packets: the frame's length is the truth then */
	if (total == 0 && wire_left >= ihl && wire_left <= 65535)
		total = (uint16_t)wire_left;
	if (vihl >> 4 != 4 || ihl < 20 || total < ihl)
		return CD_PACKET_MALFORMED;
	if (total > wire_left)
		return CD_PACKET_MALFORMED;
	if ((frag & 0x3fff) != 0) /* a fragment: IP reassembly is not done (docs/ingest.md) */
		return CD_PACKET_OTHER;
	c->pos = start;
	if (cd_cursor_skip(c, ihl) < 0)
		return CD_PACKET_CUT;
	return above_ip(c, proto, total - ihl, d, 4, a, b);
}

static enum cd_packet_result ipv6(struct cd_cursor *c, size_t wire_left, struct dec *d)
{
	uint32_t vtf;
	uint16_t plen;
	uint8_t next, hop;
	const uint8_t *a, *b;
	size_t left;
	if (cd_cursor_get_u32(c, &vtf) < 0 || cd_cursor_get_u16(c, &plen) < 0 || cd_cursor_get_u8(c, &next) < 0 ||
	    cd_cursor_get_u8(c, &hop) < 0 || cd_cursor_get_bytes(c, 16, &a) < 0 ||
	    cd_cursor_get_bytes(c, 16, &b) < 0)
		return CD_PACKET_CUT;
	if (vtf >> 28 != 6 || (size_t)plen + 40 > wire_left)
		return CD_PACKET_MALFORMED;
	left = plen;
	for (int i = 0; next == 0 || next == 43 || next == 60 || next == 51 || next == 44; i++) {
		uint8_t nh, len8;
		size_t hl;
		if (i >= CD_PACKET_MAX_EXT_HEADERS)
			return CD_PACKET_OTHER;
		/* hop-by-hop 0, routing 43, destination options 60, AH 51 (length in 4-octet
		 * units minus 2), fragment 44 */
		if (cd_cursor_get_u8(c, &nh) < 0 || cd_cursor_get_u8(c, &len8) < 0)
			return CD_PACKET_CUT;
		if (next == 44) {
			uint16_t fo;
			if (cd_cursor_get_u16(c, &fo) < 0)
				return CD_PACKET_CUT;
			if (fo & 0xfff9) /* offset or more-fragments: not reassembled */
				return CD_PACKET_OTHER;
			hl = 8;
			c->pos -= 2;
		} else {
			hl = next == 51 ? ((size_t)len8 + 2) * 4 : ((size_t)len8 + 1) * 8;
		}
		if (hl > left)
			return CD_PACKET_MALFORMED;
		if (cd_cursor_skip(c, hl - 2) < 0)
			return CD_PACKET_CUT;
		left -= hl;
		next = nh;
	}
	return above_ip(c, next, left, d, 6, a, b);
}

static enum cd_packet_result by_ethertype(struct cd_cursor *c, uint16_t et, size_t wire, struct dec *d)
{
	switch (et) {
	case 0x0800: return ipv4(c, wire, d);
	case 0x86dd: return ipv6(c, wire, d);
	case 0x8847: /* MPLS unicast */
	case 0x8848: return mpls(c, wire, d); /* MPLS multicast */
	case 0x8864: return pppoe(c, wire, d); /* PPPoE session stage */
	default: return CD_PACKET_OTHER;
	}
}

/* Ethernet II with any stack of 802.1Q / 802.1ad tags */
static enum cd_packet_result ether(struct cd_cursor *c, size_t wire, struct dec *d)
{
	uint16_t et = 0;
	int r = need(c, wire, 14);
	if (r)
		return r;
	cd_cursor_skip(c, 12);
	cd_cursor_get_u16(c, &et);
	wire -= 14;
	for (int tags = 0; et == 0x8100 || et == 0x88a8 || et == 0x9100; tags++) {
		if (tags >= CD_PACKET_MAX_VLAN_TAGS) {
			d->out->limit = "more than 4 VLAN tags (CD_PACKET_MAX_VLAN_TAGS)";
			return CD_PACKET_LIMIT;
		}
		if ((r = need(c, wire, 4)))
			return r;
		cd_cursor_skip(c, 2);
		cd_cursor_get_u16(c, &et);
		wire -= 4;
	}
	return by_ethertype(c, et, wire, d);
}

enum cd_packet_result cd_packet_decode(int link, const uint8_t *frame, size_t caplen,
				       size_t wirelen, struct cd_packet *out)
{
	struct cd_cursor c;
	struct dec d = {out, 0};
	uint16_t et;
	memset(out, 0, sizeof(*out));
	if (wirelen < caplen)
		wirelen = caplen;
	cd_cursor_init(&c, frame, caplen);
	switch (link) {
	case CD_LINK_ETHERNET:
		return ether(&c, wirelen, &d);
	case CD_LINK_LINUX_SLL:
		if (cd_cursor_skip(&c, 14) < 0 || cd_cursor_get_u16(&c, &et) < 0)
			return CD_PACKET_CUT;
		return by_ethertype(&c, et, wirelen - c.pos, &d);
	case CD_LINK_LINUX_SLL2:
		if (cd_cursor_get_u16(&c, &et) < 0 || cd_cursor_skip(&c, 18) < 0)
			return CD_PACKET_CUT;
		return by_ethertype(&c, et, wirelen - c.pos, &d);
	case CD_LINK_NULL:
	case CD_LINK_LOOP: {
		uint32_t fam, sw;
		if (cd_cursor_get_u32(&c, &fam) < 0)
			return CD_PACKET_CUT;
		sw = __builtin_bswap32(fam); /* the family is in the capturing host's byte order */
		if (fam == 2 || sw == 2)
			return ipv4(&c, wirelen - c.pos, &d);
		/* AF_INET6 differs per BSD: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS) */
		if (fam == 24 || fam == 28 || fam == 30 || sw == 24 || sw == 28 || sw == 30)
			return ipv6(&c, wirelen - c.pos, &d);
		return CD_PACKET_OTHER;
	}
	case CD_LINK_RAW:
	case CD_LINK_RAW_ALT:
	case CD_LINK_RAW_101:
		return by_version(&c, wirelen, &d);
	case CD_LINK_IPV4:
		return ipv4(&c, wirelen, &d);
	case CD_LINK_IPV6:
		return ipv6(&c, wirelen, &d);
	default:
		return CD_PACKET_OTHER;
	}
}

void cd_packet_endpoint(int af, const uint8_t *addr, uint16_t port, char *out, size_t size)
{
	char a[INET6_ADDRSTRLEN];
	if (af == 6) {
		inet_ntop(AF_INET6, addr, a, sizeof(a));
		snprintf(out, size, "[%s]:%u", a, port);
	} else {
		inet_ntop(AF_INET, addr, a, sizeof(a));
		snprintf(out, size, "%s:%u", a, port);
	}
}
