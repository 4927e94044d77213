/* fuzz_reassembly.c - libFuzzer target for TCP reassembly (src/pcap/reasm.c) feeding the TLS
 * parser: the input is a list of segments {flags u8, seq delta u16 BE, len u8, bytes}; flag
 * bit 0 SYN, bit 1 "cut" (the snap length took the last half). */
#include <stddef.h>
#include <stdint.h>
#include "pcap/reasm.h"
#include "pcap/tls.h"

struct sink {
	struct cd_tls_stream t;
	struct cd_tls_handler h;
	uint64_t bytes;
};

static void deliver(void *ctx, const uint8_t *d, size_t n, uint64_t gap, int cut)
{
	struct sink *s = ctx;
	if (gap && s->t.state == CD_TLS_RECORDS)
		s->t.state = CD_TLS_LOST;
	if (n)
		cd_tls_stream_feed(&s->t, d, n, 1, &s->h);
	s->bytes += n;
	(void)cut;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_reasm r;
	struct sink s = {0};
	uint32_t base = 0xfffff000u; /* wrap-around is exercised */
	size_t i = 0;
	cd_reasm_init(&r);
	cd_tls_stream_init(&s.t);
	while (i + 4 <= size) {
		uint8_t flags = data[i];
		uint32_t seq = base + (uint32_t)(data[i + 1] << 8 | data[i + 2]);
		size_t len = data[i + 3], wire = len;
		i += 4;
		if (len > size - i)
			len = wire = size - i;
		if (flags & 2)
			len /= 2;
		cd_reasm_add(&r, seq, flags & 1, data + i, len, wire, deliver, &s);
		i += wire;
	}
	cd_reasm_flush(&r, deliver, &s);
	cd_reasm_release(&r);
	cd_tls_stream_release(&s.t);
	return 0;
}
