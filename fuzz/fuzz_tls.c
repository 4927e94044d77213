/* fuzz_tls.c - libFuzzer target for the TLS record layer and handshake parser
 * (src/pcap/tls.c): byte 0 sets the segment size (1..256), byte 1 the negotiated version
 * hint (bit 3: a TLS 1.3 direction in its handshake phase without keys, so that the
 * messages only decrypted records carry - EncryptedExtensions, CertificateVerify, Finished,
 * TLS 1.3 Certificate and CertificateRequest - are parsed from plaintext records, and
 * protected records fail to open); the rest is one direction's stream, fed segment by
 * segment. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "pcap/tls.h"

static volatile size_t seen;

static void on_cert(void *ctx, const uint8_t *der, size_t len, unsigned pos, int last)
{
	(void)ctx, (void)pos, (void)last;
	for (size_t i = 0; i < len; i++)
		seen += der[i];
}

static void on_ch(void *ctx, uint16_t v, const char *sni, const uint16_t *vs, size_t n, const uint8_t *random)
{
	(void)ctx, (void)v, (void)vs;
	seen += random ? random[31] : 0;
	seen += n + (sni ? strlen(sni) : 0);
}

static void on_cr(void *ctx, const uint8_t *const *names, const size_t *lens, size_t n)
{
	(void)ctx;
	for (size_t i = 0; i < n; i++)
		if (lens[i])
			seen += names[i][lens[i] - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cd_tls_stream s;
	struct cd_tls_handler h;
	size_t seg, i = 2;
	if (size < 2)
		return 0;
	memset(&h, 0, sizeof(h));
	h.certificate = on_cert;
	h.client_hello = on_ch;
	h.cert_request = on_cr;
	seg = (size_t)data[0] + 1;
	cd_tls_stream_init(&s);
	s.version = (data[1] & 3) == 0 ? 0 : (uint16_t)(0x0300 + (data[1] & 7));
	if (data[1] & 8) {
		s.version = 0x0304;
		s.phase = CD_TLS13_HANDSHAKE;
		s.suite = cd_tls13_suite_find((uint16_t)(0x1301 + (data[1] >> 4) % 5));
	}
	while (i < size) {
		size_t n = size - i < seg ? size - i : seg;
		cd_tls_stream_feed(&s, data + i, n, 1, &h);
		i += n;
	}
	cd_tls_stream_release(&s);
	return 0;
}
