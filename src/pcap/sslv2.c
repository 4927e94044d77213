/* sslv2.c - SSL 2.0 hellos in a capture (the SSL 2.0 draft specification, Netscape 1995, §2.6
 * record header, §2.7 CLIENT-HELLO / SERVER-HELLO; RFC 5246 Appendix E.2, the SSL 2.0-format
 * ClientHello of TLS clients; RFC 6176 prohibits SSL 2.0): the version and the server's
 * certificate, every byte through the cursor. Nothing after the hellos is read: SSL 2.0
 * encrypts from the CLIENT-MASTER-KEY on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pcap/sslv2.h"
#include "util/cursor.h"

#define MT_CLIENT_HELLO 1
#define MT_SERVER_HELLO 4
#define CT_X509 1 /* SSL_CT_X509_CERTIFICATE */

void cd_sslv2_stream_init(struct cd_sslv2_stream *v)
{
	memset(v, 0, sizeof(*v));
}

void cd_sslv2_stream_release(struct cd_sslv2_stream *v)
{
	if (!v)
		return;
	free(v->rec);
	v->rec = NULL;
	v->have = v->need = 0;
}

static unsigned u16at(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static int client_version_ok(unsigned v)
{
	return v == CD_SSLV2_VERSION || (v >= 0x0300 && v <= 0x0303);
}

int cd_sslv2_looks_like_hello(const uint8_t *p, size_t len)
{
	size_t rlen;
	/* a 2-byte header (high bit set): the hellos are never padded */
	if (len < 3 || !(p[0] & 0x80))
		return 0;
	rlen = (size_t)(p[0] & 0x7f) << 8 | p[1];
	if (p[2] == MT_CLIENT_HELLO) {
		/* version, cipher-specs length (3 bytes each), session-id length (0 or 16),
		 * challenge length (16 to 32) */
		if (rlen < 9 || (len >= 5 && !client_version_ok(u16at(p + 3))))
			return 0;
		if (len >= 11) {
			size_t cs = u16at(p + 5), sid = u16at(p + 7), ch = u16at(p + 9);
			if (!cs || cs % 3 || (sid != 0 && sid != 16) || ch < 16 || ch > 32 || 9 + cs + sid + ch != rlen)
				return 0;
		}
		return 1;
	}
	if (p[2] == MT_SERVER_HELLO) {
		/* session-id-hit, certificate type, version 0.2, certificate, cipher-specs and
		 * connection-id lengths (connection id 16 to 32) */
		if (rlen < 11 || (len >= 7 && u16at(p + 5) != CD_SSLV2_VERSION))
			return 0;
		if (len >= 13) {
			size_t cl = u16at(p + 7), cs = u16at(p + 9), cid = u16at(p + 11);
			if (cs % 3 || cid < 16 || cid > 32 || 11 + cl + cs + cid != rlen)
				return 0;
		}
		return 1;
	}
	return 0;
}

static void ev(const struct cd_tls_handler *h, const char *msg)
{
	if (h->event)
		h->event(h->ctx, CD_TLS_EV_MALFORMED, msg);
}

/* the whole record v->rec (header included) */
static void hello(struct cd_sslv2_stream *v, struct cd_tls_stream *t, const struct cd_tls_handler *h)
{
	struct cd_cursor c;
	uint8_t type = 0;
	const uint8_t *b;
	cd_cursor_init(&c, v->rec, v->have);
	cd_cursor_skip(&c, 2);
	cd_cursor_get_u8(&c, &type);
	if (type == MT_CLIENT_HELLO) {
		unsigned ver;
		if (cd_cursor_get_bytes(&c, 8, &b) < 0 ||
		    cd_cursor_remaining(&c) != (size_t)u16at(b + 2) + u16at(b + 4) + u16at(b + 6)) {
			ev(h, "malformed SSL 2.0 CLIENT-HELLO: its lengths do not add up");
			t->state = CD_TLS_LOST;
			return;
		}
		ver = u16at(b);
		if (h->start)
			h->start(h->ctx, 1, 0);
		if (h->client_hello)
			h->client_hello(h->ctx, (uint16_t)ver, NULL, NULL, 0, NULL); /* no TLS random */
		/* a TLS client's SSL 2.0-format hello (RFC 5246 E.2): TLS records follow */
		t->state = ver == CD_SSLV2_VERSION ? CD_TLS_DONE : CD_TLS_RECORDS;
		return;
	}
	/* SERVER-HELLO */
	{
		const uint8_t *cert;
		size_t cl;
		if (cd_cursor_get_bytes(&c, 10, &b) < 0 ||
		    cd_cursor_remaining(&c) != (size_t)u16at(b + 4) + u16at(b + 6) + u16at(b + 8) ||
		    cd_cursor_get_bytes(&c, (cl = u16at(b + 4)), &cert) < 0) {
			ev(h, "malformed SSL 2.0 SERVER-HELLO: its lengths do not add up");
			t->state = CD_TLS_LOST;
			return;
		}
		if (h->start)
			h->start(h->ctx, 0, 1);
		if (h->server_hello)
			h->server_hello(h->ctx, CD_SSLV2_VERSION, 0, 0, 0);
		/* session-id-hit set: a resumed session, no certificate is sent */
		if (!b[0] && b[1] == CT_X509 && cl && h->certificate)
			h->certificate(h->ctx, cert, cl, 1, 1);
		else if (!b[0] && cl)
			ev(h, "SSL 2.0 SERVER-HELLO with a certificate type other than X.509: not read");
		t->state = CD_TLS_DONE;
	}
}

size_t cd_sslv2_feed(struct cd_sslv2_stream *v, struct cd_tls_stream *t, const uint8_t *data, size_t len,
		     const struct cd_tls_handler *h)
{
	size_t n;
	if (v->state == CD_SSLV2_OVER || !len)
		return 0;
	if (v->state == CD_SSLV2_IDLE) {
		if (t->state != CD_TLS_DETECT || !cd_sslv2_looks_like_hello(data, len))
			return 0;
		v->need = 2 + ((size_t)(data[0] & 0x7f) << 8 | data[1]); /* <= CD_SSLV2_MAX_RECORD + 2 */
		v->rec = malloc(v->need);
		if (!v->rec) {
			v->state = CD_SSLV2_OVER;
			t->state = CD_TLS_LOST;
			return len;
		}
		v->have = 0;
		v->state = CD_SSLV2_READING;
	}
	n = v->need - v->have < len ? v->need - v->have : len;
	memcpy(v->rec + v->have, data, n);
	v->have += n;
	if (v->have == v->need) {
		hello(v, t, h);
		v->state = CD_SSLV2_OVER;
		cd_sslv2_stream_release(v);
	}
	return n;
}
