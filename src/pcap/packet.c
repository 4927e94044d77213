/* packet.c - one frame down to its TCP segment: Ethernet (IEEE 802.3, 802.1Q/802.1ad tags),
 * Linux cooked SLL/SLL2, raw IP, BSD loopback; IPv4 (RFC 791), IPv6 with extension headers
 * (RFC 8200 §4), TCP (RFC 9293 §3.1). tcpdump model: every byte through the cursor; a frame cut
 * by the snap length is CUT, a frame whose headers contradict themselves is MALFORMED. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "pcap/packet.h"
#include "util/cursor.h"

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

static enum cd_packet_result ipv4(struct cd_cursor *c, size_t wire_left, struct cd_packet *out)
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
	if (proto != 6)
		return CD_PACKET_OTHER;
	c->pos = start;
	if (cd_cursor_skip(c, ihl) < 0)
		return CD_PACKET_CUT;
	out->af = 4;
	memset(out->src, 0, 16);
	memset(out->dst, 0, 16);
	memcpy(out->src, a, 4);
	memcpy(out->dst, b, 4);
	return tcp(c, total - ihl, out);
}

static enum cd_packet_result ipv6(struct cd_cursor *c, size_t wire_left, struct cd_packet *out)
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
	for (int i = 0; next != 6; i++) {
		uint8_t nh, len8;
		size_t hl;
		if (i >= CD_PACKET_MAX_EXT_HEADERS)
			return CD_PACKET_OTHER;
		switch (next) {
		case 0:  /* hop-by-hop */
		case 43: /* routing */
		case 60: /* destination options */
		case 51: /* AH: length in 4-octet units minus 2 */
		case 44: /* fragment */
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
			break;
		default:
			return CD_PACKET_OTHER;
		}
	}
	out->af = 6;
	memcpy(out->src, a, 16);
	memcpy(out->dst, b, 16);
	return tcp(c, left, out);
}

static enum cd_packet_result by_ethertype(struct cd_cursor *c, uint16_t et, size_t wire_left,
					  struct cd_packet *out)
{
	if (et == 0x0800)
		return ipv4(c, wire_left, out);
	if (et == 0x86dd)
		return ipv6(c, wire_left, out);
	return CD_PACKET_OTHER;
}

static enum cd_packet_result by_version(struct cd_cursor *c, size_t wire_left, struct cd_packet *out)
{
	uint8_t v;
	if (cd_cursor_peek_u8(c, &v) < 0)
		return CD_PACKET_CUT;
	if (v >> 4 == 4)
		return ipv4(c, wire_left, out);
	if (v >> 4 == 6)
		return ipv6(c, wire_left, out);
	return CD_PACKET_OTHER;
}

enum cd_packet_result cd_packet_decode(int link, const uint8_t *frame, size_t caplen,
				       size_t wirelen, struct cd_packet *out)
{
	struct cd_cursor c;
	uint16_t et;
	memset(out, 0, sizeof(*out));
	if (wirelen < caplen)
		wirelen = caplen;
	cd_cursor_init(&c, frame, caplen);
	switch (link) {
	case CD_LINK_ETHERNET:
		if (cd_cursor_skip(&c, 12) < 0 || cd_cursor_get_u16(&c, &et) < 0)
			return CD_PACKET_CUT;
		for (int tags = 0; et == 0x8100 || et == 0x88a8 || et == 0x9100; tags++) {
			if (tags >= CD_PACKET_MAX_VLAN_TAGS)
				return CD_PACKET_MALFORMED;
			if (cd_cursor_skip(&c, 2) < 0 || cd_cursor_get_u16(&c, &et) < 0)
				return CD_PACKET_CUT;
		}
		return by_ethertype(&c, et, wirelen - c.pos, out);
	case CD_LINK_LINUX_SLL:
		if (cd_cursor_skip(&c, 14) < 0 || cd_cursor_get_u16(&c, &et) < 0)
			return CD_PACKET_CUT;
		return by_ethertype(&c, et, wirelen - c.pos, out);
	case CD_LINK_LINUX_SLL2:
		if (cd_cursor_get_u16(&c, &et) < 0 || cd_cursor_skip(&c, 18) < 0)
			return CD_PACKET_CUT;
		return by_ethertype(&c, et, wirelen - c.pos, out);
	case CD_LINK_NULL:
	case CD_LINK_LOOP: {
		uint32_t fam, sw;
		if (cd_cursor_get_u32(&c, &fam) < 0)
			return CD_PACKET_CUT;
		sw = __builtin_bswap32(fam); /* the family is in the capturing host's byte order */
		if (fam == 2 || sw == 2)
			return ipv4(&c, wirelen - c.pos, out);
		/* AF_INET6 differs per BSD: 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS) */
		if (fam == 24 || fam == 28 || fam == 30 || sw == 24 || sw == 28 || sw == 30)
			return ipv6(&c, wirelen - c.pos, out);
		return CD_PACKET_OTHER;
	}
	case CD_LINK_RAW:
	case CD_LINK_RAW_ALT:
	case CD_LINK_RAW_101:
		return by_version(&c, wirelen, out);
	case CD_LINK_IPV4:
		return ipv4(&c, wirelen, out);
	case CD_LINK_IPV6:
		return ipv6(&c, wirelen, out);
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
