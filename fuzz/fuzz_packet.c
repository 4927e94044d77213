/* fuzz_packet.c - libFuzzer target for the frame decoder (src/pcap/packet.c): byte 0 picks
 * the link type, byte 1 how many bytes the snap length cut, the rest is the frame. */
#include <stddef.h>
#include <stdint.h>
#include "pcap/packet.h"

static const int links[] = {CD_LINK_NULL,      CD_LINK_ETHERNET,   CD_LINK_RAW,  CD_LINK_RAW_ALT,
			    CD_LINK_LOOP,      CD_LINK_LINUX_SLL,  CD_LINK_RAW_101, CD_LINK_IPV4,
			    CD_LINK_IPV6,      CD_LINK_LINUX_SLL2};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_packet p;
	volatile uint8_t sink = 0;
	if (size < 2)
		return 0;
	int link = links[data[0] % (sizeof(links) / sizeof(links[0]))];
	size_t wire = size - 2 + data[1];
	if (cd_packet_decode(link, data + 2, size - 2, wire, &p) == CD_PACKET_TCP) {
		char tun[160];
		for (size_t i = 0; i < p.payload_len; i++) /* every payload byte must be readable */
			sink ^= p.payload[i];
		cd_packet_encap_name(p.encap, p.n_encap, tun, sizeof(tun)); /* tunnels, as locators name them */
		sink ^= (uint8_t)tun[0];
	}
	(void)sink;
	return 0;
}
