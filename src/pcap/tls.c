/* tls.c - TLS record layer and handshake reassembly (RFC 5246 §6.2, §7.4; RFC 8446 §4, §5;
 * SSLv3 RFC 6101): ClientHello (SNI RFC 6066 §3, supported_versions RFC 8446 §4.2.1),
 * ServerHello, Certificate, CertificateRequest, plaintext alerts. Every byte through the
 * cursor; handshake messages are reassembled across records and segments within a named
 * limit. TLS 1.3 handshakes after ServerHello are encrypted: reported, never guessed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "pcap/tls.h"
#include "util/cursor.h"

#define REC_MAX (16384 + 2048) /* TLSCiphertext.length limit, RFC 5246 §6.2.3 */

void cd_tls_stream_init(struct cd_tls_stream *s)
{
	memset(s, 0, sizeof(*s));
}

void cd_tls_stream_release(struct cd_tls_stream *s)
{
	if (!s)
		return;
	free(s->hs);
	s->hs = NULL;
	s->hs_len = s->hs_cap = 0;
}

int cd_tls_looks_like_record(const uint8_t *p, size_t len)
{
	struct cd_cursor c;
	uint16_t rl;
	cd_cursor_init(&c, p, len);
	if (len < 6 || p[1] != 3 || p[2] > 4 || cd_cursor_skip(&c, 3) < 0 || cd_cursor_get_u16(&c, &rl) < 0)
		return 0;
	if (p[0] == 22) /* handshake: ClientHello, ServerHello, Certificate... */
		return rl >= 4 && rl <= REC_MAX && (p[5] == 1 || p[5] == 2 || p[5] == 11 || p[5] == 12 ||
						     p[5] == 13 || p[5] == 14);
	if (p[0] == 21) /* a plaintext alert */
		return rl == 2 && (p[5] == 1 || p[5] == 2);
	return 0;
}

static void ev(const struct cd_tls_handler *h, enum cd_tls_event_kind k, const char *msg)
{
	if (h->event)
		h->event(h->ctx, k, msg);
}

static int client_hello(struct cd_cursor *c, const struct cd_tls_handler *h)
{
	uint16_t ver, versions[16];
	size_t nv = 0;
	char sni[256] = "";
	int have_sni = 0;
	struct cd_cursor sid, suites, comp, exts;
	if (cd_cursor_get_u16(c, &ver) < 0 || cd_cursor_skip(c, 32) < 0 || cd_cursor_get_prefixed(c, 1, &sid) < 0 ||
	    cd_cursor_get_prefixed(c, 2, &suites) < 0 || cd_cursor_get_prefixed(c, 1, &comp) < 0)
		return -1;
	if (cd_cursor_remaining(c) && cd_cursor_get_prefixed(c, 2, &exts) == 0) {
		while (cd_cursor_remaining(&exts)) {
			uint16_t type;
			struct cd_cursor body;
			if (cd_cursor_get_u16(&exts, &type) < 0 || cd_cursor_get_prefixed(&exts, 2, &body) < 0)
				return -1;
			if (type == 0) { /* server_name: ServerNameList */
				struct cd_cursor list;
				if (cd_cursor_get_prefixed(&body, 2, &list) < 0)
					return -1;
				while (cd_cursor_remaining(&list)) {
					uint8_t nt;
					struct cd_cursor name;
					if (cd_cursor_get_u8(&list, &nt) < 0 || cd_cursor_get_prefixed(&list, 2, &name) < 0)
						return -1;
					if (nt == 0 && !have_sni && name.len < sizeof(sni)) {
						for (size_t i = 0; i < name.len; i++) {
							uint8_t ch = name.base[i];
							sni[i] = ch >= 0x21 && ch < 0x7f ? (char)ch : '?';
						}
						sni[name.len] = 0;
						have_sni = 1;
					}
				}
			} else if (type == 43) { /* supported_versions */
				struct cd_cursor list;
				if (cd_cursor_get_prefixed(&body, 1, &list) < 0)
					return -1;
				while (cd_cursor_remaining(&list) >= 2) {
					uint16_t v;
					cd_cursor_get_u16(&list, &v);
					if (nv < 16)
						versions[nv++] = v;
				}
			}
		}
	}
	if (h->client_hello)
		h->client_hello(h->ctx, ver, have_sni ? sni : NULL, versions, nv);
	return 0;
}

static int server_hello(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	uint16_t ver, cipher, selected = 0;
	uint8_t compm;
	struct cd_cursor sid, exts;
	if (cd_cursor_get_u16(c, &ver) < 0 || cd_cursor_skip(c, 32) < 0)
		return -1;
	if (ver == 0x0300 || ver > 0x0300) {
		if (cd_cursor_get_prefixed(c, 1, &sid) < 0)
			return -1;
	}
	if (cd_cursor_get_u16(c, &cipher) < 0 || cd_cursor_get_u8(c, &compm) < 0)
		return -1;
	if (cd_cursor_remaining(c) && cd_cursor_get_prefixed(c, 2, &exts) == 0) {
		while (cd_cursor_remaining(&exts)) {
			uint16_t type;
			struct cd_cursor body;
			if (cd_cursor_get_u16(&exts, &type) < 0 || cd_cursor_get_prefixed(&exts, 2, &body) < 0)
				return -1;
			if (type == 43 && cd_cursor_get_u16(&body, &selected) < 0)
				return -1;
		}
	}
	s->version = selected ? selected : ver;
	if (h->server_hello)
		h->server_hello(h->ctx, ver, cipher, selected);
	return 0;
}

static int certificate(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	struct cd_cursor list;
	unsigned pos = 0;
	if (s->version == 0x0304) { /* a plaintext TLS 1.3 Certificate cannot happen; skip context */
		struct cd_cursor ctxv;
		if (cd_cursor_get_prefixed(c, 1, &ctxv) < 0)
			return -1;
	}
	if (cd_cursor_get_prefixed(c, 3, &list) < 0)
		return -1;
	while (cd_cursor_remaining(&list)) {
		struct cd_cursor cert;
		if (cd_cursor_get_prefixed(&list, 3, &cert) < 0)
			return -1;
		if (s->version == 0x0304) {
			struct cd_cursor exts;
			if (cd_cursor_get_prefixed(&list, 2, &exts) < 0)
				return -1;
		}
		if (++pos > CD_TLS_MAX_CERTS) {
			ev(h, CD_TLS_EV_LIMIT, "more than 64 certificates in one Certificate message: the rest are skipped");
			break;
		}
		if (h->certificate)
			h->certificate(h->ctx, cert.base, cert.len, pos, cd_cursor_remaining(&list) == 0);
	}
	return 0;
}

static int cert_request(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	struct cd_cursor types, algs, cas;
	const uint8_t *names[CD_TLS_MAX_CA_NAMES];
	size_t lens[CD_TLS_MAX_CA_NAMES], n = 0;
	if (s->version == 0x0304)
		return 0; /* encrypted in TLS 1.3; never here */
	if (cd_cursor_get_prefixed(c, 1, &types) < 0)
		return -1;
	if (s->version >= 0x0303 && cd_cursor_get_prefixed(c, 2, &algs) < 0)
		return -1;
	if (cd_cursor_get_prefixed(c, 2, &cas) < 0)
		return -1;
	while (cd_cursor_remaining(&cas)) {
		struct cd_cursor dn;
		if (cd_cursor_get_prefixed(&cas, 2, &dn) < 0)
			return -1;
		if (n < CD_TLS_MAX_CA_NAMES) {
			names[n] = dn.base;
			lens[n++] = dn.len;
		}
	}
	if (h->cert_request)
		h->cert_request(h->ctx, names, lens, n);
	return 0;
}

/* parse every complete handshake message in s->hs */
static void handshakes(struct cd_tls_stream *s, const struct cd_tls_handler *h)
{
	size_t off = 0;
	while (s->state == CD_TLS_RECORDS && s->hs_len - off >= 4) {
		const uint8_t *p = s->hs + off;
		uint32_t mlen = 0;
		struct cd_cursor c;
		int rc = 0;
		cd_cursor_init(&c, p + 1, 3);
		cd_cursor_get_u24(&c, &mlen);
		char msg[128];
		if (mlen > CD_TLS_MAX_HANDSHAKE_MSG) {
			snprintf(msg, sizeof(msg), "a handshake message of %u bytes is over the %u-byte limit", (unsigned)mlen,
				 CD_TLS_MAX_HANDSHAKE_MSG);
			ev(h, CD_TLS_EV_LIMIT, msg);
			s->state = CD_TLS_LOST;
			break;
		}
		if (s->hs_len - off < 4 + mlen)
			break;
		cd_cursor_init(&c, p + 4, mlen);
		switch (p[0]) {
		case 1: rc = client_hello(&c, h); break;
		case 2: rc = server_hello(s, &c, h); break;
		case 11: rc = certificate(s, &c, h); break;
		case 13: rc = cert_request(s, &c, h); break;
		default: break;
		}
		if (rc < 0) {
			snprintf(msg, sizeof(msg), "malformed handshake message (type %u, %u bytes)", p[0], (unsigned)mlen);
			ev(h, CD_TLS_EV_MALFORMED, msg);
			s->state = CD_TLS_LOST;
			break;
		}
		off += 4 + mlen;
		if (p[0] == 2 && s->version == 0x0304) {
			/* TLS 1.3: everything after ServerHello is encrypted */
			if (h->encrypted)
				h->encrypted(h->ctx, 0);
			s->state = CD_TLS_DONE;
		}
	}
	if (off) {
		memmove(s->hs, s->hs + off, s->hs_len - off);
		s->hs_len -= off;
	}
}

static void hs_append(struct cd_tls_stream *s, const uint8_t *p, size_t n, const struct cd_tls_handler *h)
{
	if (s->hs_len + n > s->hs_cap) {
		size_t cap = s->hs_cap ? s->hs_cap : 4096;
		while (cap < s->hs_len + n)
			cap *= 2;
		if (cap > CD_TLS_MAX_HANDSHAKE_MSG + REC_MAX + 4) {
			ev(h, CD_TLS_EV_LIMIT, "handshake bytes over the per-flow limit: the rest is not analysed");
			s->state = CD_TLS_LOST;
			return;
		}
		uint8_t *nh = realloc(s->hs, cap);
		if (!nh) {
			s->state = CD_TLS_LOST;
			return;
		}
		s->hs = nh;
		s->hs_cap = cap;
	}
	memcpy(s->hs + s->hs_len, p, n);
	s->hs_len += n;
	handshakes(s, h);
}

static void starttls_markers(const uint8_t *p, size_t n, const struct cd_tls_handler *h)
{
	static const uint8_t ldap_oid[] = "1.3.6.1.4.1.1466.20037";
	if (!h->starttls)
		return;
	if (n >= 8 && !strncasecmp((const char *)p, "STARTTLS", 8))
		h->starttls(h->ctx, "smtp");
	else if (memmem(p, n, "<starttls", 9))
		h->starttls(h->ctx, "xmpp");
	else if (memmem(p, n, ldap_oid, sizeof(ldap_oid) - 1))
		h->starttls(h->ctx, "ldap");
}

void cd_tls_stream_feed(struct cd_tls_stream *s, const uint8_t *data, size_t len, int at_segment,
			const struct cd_tls_handler *h)
{
	struct cd_cursor c;
	cd_cursor_init(&c, data, len);
	if (s->state == CD_TLS_DETECT) {
		if (!at_segment || !cd_tls_looks_like_record(data, len)) {
			starttls_markers(data, len, h);
			s->plain += len;
			if (s->plain > CD_TLS_MAX_PLAINTEXT)
				s->state = CD_TLS_NOT_TLS;
			return;
		}
		s->state = CD_TLS_RECORDS;
		if (h->start)
			h->start(h->ctx, data[5] == 1 && data[0] == 22, data[5] == 2 && data[0] == 22);
	}
	while (s->state == CD_TLS_RECORDS && cd_cursor_remaining(&c)) {
		const uint8_t *p = NULL;
		size_t n;
		if (s->hdr_len < 5) {
			n = 5 - s->hdr_len;
			if (n > cd_cursor_remaining(&c))
				n = cd_cursor_remaining(&c);
			cd_cursor_get_bytes(&c, n, &p);
			memcpy(s->hdr + s->hdr_len, p, n);
			s->hdr_len += n;
			if (s->hdr_len < 5)
				return;
			{
				struct cd_cursor hc;
				uint16_t rl = 0;
				cd_cursor_init(&hc, s->hdr + 3, 2);
				cd_cursor_get_u16(&hc, &rl);
				s->rec_len = s->body_left = rl;
			}
			s->type = s->hdr[0];
			s->alert_len = 0;
			if (s->type < 20 || s->type > 24 || s->hdr[1] != 3 || s->rec_len > REC_MAX) {
				ev(h, CD_TLS_EV_MALFORMED, "bytes that are not a TLS record where one should start");
				s->state = CD_TLS_LOST;
				return;
			}
			if (s->type == 23) { /* application data: the handshake is over or encrypted */
				if (h->encrypted)
					h->encrypted(h->ctx, 1);
				s->state = CD_TLS_DONE;
				return;
			}
			if (s->type == 20)
				s->ccs = 1;
			if (s->body_left == 0) {
				s->hdr_len = 0;
				continue;
			}
		}
		n = s->body_left;
		if (n > cd_cursor_remaining(&c))
			n = cd_cursor_remaining(&c);
		cd_cursor_get_bytes(&c, n, &p);
		s->body_left -= n;
		if (s->type == 22 && !s->ccs) {
			hs_append(s, p, n, h);
		} else if (s->type == 21) {
			for (size_t i = 0; i < n && s->alert_len < 2; i++)
				s->alert[s->alert_len++] = p[i];
		}
		if (s->body_left == 0) {
			if (s->type == 21 && h->alert) {
				int enc = s->ccs || s->rec_len != 2;
				h->alert(h->ctx, enc ? 0 : s->alert[0], enc ? 0 : s->alert[1], enc);
			}
			s->hdr_len = 0;
		}
	}
}

const char *cd_tls_alert_name(uint8_t d)
{
	switch (d) {
	case 0: return "close_notify";
	case 10: return "unexpected_message";
	case 20: return "bad_record_mac";
	case 21: return "decryption_failed";
	case 22: return "record_overflow";
	case 30: return "decompression_failure";
	case 40: return "handshake_failure";
	case 41: return "no_certificate";
	case 42: return "bad_certificate";
	case 43: return "unsupported_certificate";
	case 44: return "certificate_revoked";
	case 45: return "certificate_expired";
	case 46: return "certificate_unknown";
	case 47: return "illegal_parameter";
	case 48: return "unknown_ca";
	case 49: return "access_denied";
	case 50: return "decode_error";
	case 51: return "decrypt_error";
	case 70: return "protocol_version";
	case 71: return "insufficient_security";
	case 80: return "internal_error";
	case 86: return "inappropriate_fallback";
	case 90: return "user_canceled";
	case 100: return "no_renegotiation";
	case 109: return "missing_extension";
	case 110: return "unsupported_extension";
	case 112: return "unrecognized_name";
	case 113: return "bad_certificate_status_response";
	case 115: return "unknown_psk_identity";
	case 116: return "certificate_required";
	case 120: return "no_application_protocol";
	default: return "unknown";
	}
}

const char *cd_tls_version_name(uint16_t v)
{
	switch (v) {
	case 0x0002: return "SSL2.0";
	case 0x0300: return "SSL3.0";
	case 0x0301: return "TLS1.0";
	case 0x0302: return "TLS1.1";
	case 0x0303: return "TLS1.2";
	case 0x0304: return "TLS1.3";
	case 0: return "unknown";
	default: return (v & 0x0a0a) == 0x0a0a ? "GREASE" : "other";
	}
}
