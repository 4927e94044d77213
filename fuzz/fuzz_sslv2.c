/* fuzz_sslv2.c - libFuzzer target for the SSL 2.0 hello parser (src/pcap/sslv2.c) in front of
 * the TLS parser, as capture.c chains them: byte 0 sets the segment size (1..256), byte 1 is
 * unused (the seeds share fuzz_tls's format); the rest is one direction's stream. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "pcap/sslv2.h"
#include "pcap/tls.h"

static volatile size_t seen;

static void on_cert(void *ctx, const uint8_t *der, size_t len, unsigned pos, int last)
{
	(void)ctx, (void)pos, (void)last;
	for (size_t i = 0; i < len; i++) /* every certificate byte must be readable */
		seen += der[i];
}

static void on_sh(void *ctx, uint16_t v, uint16_t cipher, uint16_t sel, int hrr)
{
	(void)ctx;
	seen += v + cipher + sel + (unsigned)hrr;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_sslv2_stream v;
	struct cd_tls_stream s;
	struct cd_tls_handler h;
	size_t seg, i = 2;
	if (size < 2)
		return 0;
	memset(&h, 0, sizeof(h));
	h.certificate = on_cert;
	h.server_hello = on_sh;
	seg = (size_t)data[0] + 1;
	cd_sslv2_stream_init(&v);
	cd_tls_stream_init(&s);
	while (i < size) {
		size_t n = size - i < seg ? size - i : seg;
		size_t used = cd_sslv2_feed(&v, &s, data + i, n, &h);
		if (used < n)
			cd_tls_stream_feed(&s, data + i + used, n - used, 1, &h);
		i += n;
	}
	cd_sslv2_stream_release(&v);
	cd_tls_stream_release(&s);
	return 0;
}
