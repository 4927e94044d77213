/* tls.c - TLS record layer and handshake reassembly (RFC 5246 §6.2, §7.4; RFC 8446 §4, §5;
 * SSLv3 RFC 6101): ClientHello (SNI RFC 6066 §3, supported_versions RFC 8446 §4.2.1),
 * ServerHello and HelloRetryRequest, Certificate, CertificateRequest, plaintext alerts; and,
 * when the caller installs a direction's TLS 1.3 traffic secrets, its protected records
 * (tls13.c): EncryptedExtensions, Certificate with per-entry extensions, CertificateRequest
 * with certificate_authorities, CertificateVerify, Finished, KeyUpdate and alerts (RFC 8446
 * §4.3-§4.6, §6). Every byte through the cursor; handshake messages are reassembled across
 * records of any count and across segments within a named limit. Without secrets a TLS 1.3
 * handshake after ServerHello is encrypted: reported, never guessed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gnutls/gnutls.h>
#include "pcap/tls.h"
#include "util/cursor.h"
#include "util/error.h"

#define REC_MAX (16384 + 2048) /* TLSCiphertext.length limit, RFC 5246 §6.2.3 */
#define TLS13 0x0304

/* "For reasons of backward compatibility with middleboxes ... the HelloRetryRequest message
 * uses the same structure as the ServerHello, but with Random set to the special value of the
 * SHA-256 of "HelloRetryRequest"" (RFC 8446 §4.1.3) */
static const uint8_t HRR_RANDOM[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c};

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
	free(s->rec);
	s->rec = NULL;
	s->rec_fill = 0;
	cd_tls13_reader_release(&s->rd);
	gnutls_memset(s->app_secret, 0, sizeof(s->app_secret));
	s->app_len = 0;
	s->phase = CD_TLS13_PLAIN;
}

int cd_tls_stream_set_keys(struct cd_tls_stream *s, uint16_t suite, const uint8_t *hs_secret,
			   size_t hs_len, const uint8_t *app_secret, size_t app_len)
{
	const struct cd_tls13_suite *su = cd_tls13_suite_find(suite);
	int rc;
	if (!su)
		return CD_E_UNSUPPORTED;
	if (app_len && app_len != su->hash_len)
		return CD_E_MALFORMED;
	rc = cd_tls13_reader_key(&s->rd, su, hs_secret, hs_len);
	if (rc < 0) {
		cd_tls13_reader_release(&s->rd);
		return rc;
	}
	s->suite = su;
	s->phase = CD_TLS13_HANDSHAKE;
	s->version = TLS13;
	if (app_len)
		memcpy(s->app_secret, app_secret, app_len);
	s->app_len = app_len;
	return CD_OK;
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

/* an extension list (RFC 8446 §4.2): every entry a type and a 2-byte-prefixed body */
static int extensions_ok(struct cd_cursor exts)
{
	while (cd_cursor_remaining(&exts)) {
		uint16_t type;
		struct cd_cursor body;
		if (cd_cursor_get_u16(&exts, &type) < 0 || cd_cursor_get_prefixed(&exts, 2, &body) < 0)
			return 0;
	}
	return 1;
}

static int client_hello(struct cd_cursor *c, const struct cd_tls_handler *h)
{
	uint16_t ver, versions[16];
	const uint8_t *random;
	size_t nv = 0;
	char sni[256] = "";
	int have_sni = 0;
	struct cd_cursor sid, suites, comp, exts;
	if (cd_cursor_get_u16(c, &ver) < 0 || cd_cursor_get_bytes(c, 32, &random) < 0 || cd_cursor_get_prefixed(c, 1, &sid) < 0 ||
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
		h->client_hello(h->ctx, ver, have_sni ? sni : NULL, versions, nv, random);
	return 0;
}

static int server_hello(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	uint16_t ver, cipher, selected = 0;
	uint8_t compm;
	const uint8_t *random;
	struct cd_cursor sid, exts;
	int hrr;
	if (cd_cursor_get_u16(c, &ver) < 0 || cd_cursor_get_bytes(c, 32, &random) < 0)
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
	hrr = selected == TLS13 && !memcmp(random, HRR_RANDOM, 32);
	s->version = selected ? selected : ver;
	if (h->server_hello)
		h->server_hello(h->ctx, ver, cipher, selected, hrr);
	return hrr;
}

static int certificate(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	struct cd_cursor list;
	unsigned pos = 0;
	if (s->version == TLS13) { /* certificate_request_context<0..2^8-1> */
		struct cd_cursor ctxv;
		if (cd_cursor_get_prefixed(c, 1, &ctxv) < 0)
			return -1;
	}
	if (cd_cursor_get_prefixed(c, 3, &list) < 0 || cd_cursor_remaining(c))
		return -1;
	while (cd_cursor_remaining(&list)) {
		struct cd_cursor cert;
		if (cd_cursor_get_prefixed(&list, 3, &cert) < 0)
			return -1;
		if (s->version == TLS13) {
			/* CertificateEntry: cert_data, then Extension extensions<0..2^16-1> (OCSP
			 * status, SCTs) for this certificate (RFC 8446 §4.4.2) */
			struct cd_cursor exts;
			if (cd_cursor_get_prefixed(&list, 2, &exts) < 0 || !extensions_ok(exts))
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

/* DistinguishedName certificate_authorities<3..2^16-1>, each opaque<1..2^16-1> */
static int ca_names(struct cd_cursor cas, const struct cd_tls_handler *h)
{
	const uint8_t *names[CD_TLS_MAX_CA_NAMES];
	size_t lens[CD_TLS_MAX_CA_NAMES], n = 0;
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

static int cert_request(struct cd_tls_stream *s, struct cd_cursor *c, const struct cd_tls_handler *h)
{
	struct cd_cursor types, algs, cas, ctxv, exts;
	int have_cas = 0;
	if (s->version == TLS13) {
		/* certificate_request_context<0..2^8-1>, Extension extensions<2..2^16-1>; the CA
		 * names are the certificate_authorities extension (47) (RFC 8446 §4.3.2, §4.2.4) */
		if (cd_cursor_get_prefixed(c, 1, &ctxv) < 0 || cd_cursor_get_prefixed(c, 2, &exts) < 0 ||
		    cd_cursor_remaining(c))
			return -1;
		while (cd_cursor_remaining(&exts)) {
			uint16_t type;
			struct cd_cursor body;
			if (cd_cursor_get_u16(&exts, &type) < 0 || cd_cursor_get_prefixed(&exts, 2, &body) < 0)
				return -1;
			if (type == 47 && !have_cas) {
				if (cd_cursor_get_prefixed(&body, 2, &cas) < 0)
					return -1;
				have_cas = 1;
			}
		}
		if (!have_cas) {
			cd_cursor_init(&cas, NULL, 0);
		}
		return ca_names(cas, h);
	}
	if (cd_cursor_get_prefixed(c, 1, &types) < 0)
		return -1;
	if (s->version >= 0x0303 && cd_cursor_get_prefixed(c, 2, &algs) < 0)
		return -1;
	if (cd_cursor_get_prefixed(c, 2, &cas) < 0)
		return -1;
	return ca_names(cas, h);
}

/* the TLS 1.3 messages read for their structure only */
static int tls13_other(struct cd_tls_stream *s, uint8_t type, struct cd_cursor *c)
{
	struct cd_cursor v;
	uint16_t alg;
	uint8_t req;
	switch (type) {
	case 8: /* EncryptedExtensions: Extension extensions<0..2^16-1> */
		return cd_cursor_get_prefixed(c, 2, &v) < 0 || !extensions_ok(v) || cd_cursor_remaining(c) ? -1 : 0;
	case 15: /* CertificateVerify: SignatureScheme algorithm; opaque signature<0..2^16-1> */
		return cd_cursor_get_u16(c, &alg) < 0 || cd_cursor_get_prefixed(c, 2, &v) < 0 ||
			       cd_cursor_remaining(c)
			       ? -1
			       : 0;
	case 20: /* Finished: opaque verify_data[Hash.length] */
		return s->suite && cd_cursor_remaining(c) != s->suite->hash_len ? -1 : 0;
	case 24: /* KeyUpdate: KeyUpdateRequest request_update (0 or 1) */
		return cd_cursor_get_u8(c, &req) < 0 || req > 1 || cd_cursor_remaining(c) ? -1 : 0;
	default: /* NewSessionTicket, EndOfEarlyData, ...: not needed */
		return 0;
	}
}

/* TLS 1.3: the direction's next traffic secret after its Finished (RFC 8446 §7.1) */
static void to_application(struct cd_tls_stream *s, const struct cd_tls_handler *h)
{
	int rc;
	if (!s->app_len) { /* the rest is application data under a secret no key log gave */
		s->state = CD_TLS_DONE;
		return;
	}
	rc = cd_tls13_reader_key(&s->rd, s->suite, s->app_secret, s->app_len);
	gnutls_memset(s->app_secret, 0, sizeof(s->app_secret));
	s->app_len = 0;
	if (rc < 0) {
		if (h->decrypt_failed)
			h->decrypt_failed(h->ctx, CD_TLS13_APPLICATION, "the application traffic secret cannot be used");
		s->state = CD_TLS_DONE;
		return;
	}
	s->phase = CD_TLS13_APPLICATION;
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
		char msg[128];
		cd_cursor_init(&c, p + 1, 3);
		cd_cursor_get_u24(&c, &mlen);
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
		default: rc = s->phase != CD_TLS13_PLAIN ? tls13_other(s, p[0], &c) : 0; break;
		}
		if (rc < 0) {
			snprintf(msg, sizeof(msg), "malformed handshake message (type %u, %u bytes)", p[0], (unsigned)mlen);
			ev(h, CD_TLS_EV_MALFORMED, msg);
			s->state = CD_TLS_LOST;
			break;
		}
		off += 4 + mlen;
		if (p[0] == 2 && s->version == TLS13 && rc == 0 && s->phase == CD_TLS13_PLAIN) {
			/* TLS 1.3 without secrets: everything after ServerHello is encrypted (a
			 * HelloRetryRequest, rc 1, is followed by a second ClientHello in the clear) */
			if (h->encrypted)
				h->encrypted(h->ctx, 0);
			s->state = CD_TLS_DONE;
		} else if (p[0] == 20 && s->phase == CD_TLS13_HANDSHAKE) {
			/* "Handshake messages MUST NOT span key changes" (RFC 8446 §5.1) */
			if (s->hs_len != off) {
				ev(h, CD_TLS_EV_MALFORMED, "handshake bytes after Finished in the same record");
				s->state = CD_TLS_LOST;
				break;
			}
			to_application(s, h);
		} else if (p[0] == 24 && s->phase == CD_TLS13_APPLICATION) {
			if (cd_tls13_reader_update(&s->rd) < 0) {
				if (h->decrypt_failed)
					h->decrypt_failed(h->ctx, CD_TLS13_APPLICATION, "the next traffic secret cannot be derived");
				s->state = CD_TLS_DONE;
			}
		}
	}
	if (off) {
		memmove(s->hs, s->hs + off, s->hs_len - off);
		s->hs_len -= off;
	}
}

static void hs_append(struct cd_tls_stream *s, const uint8_t *p, size_t n, const struct cd_tls_handler *h)
{
	/* room for one message at the limit and the record that completes it */
	const size_t max = CD_TLS_MAX_HANDSHAKE_MSG + 4 + REC_MAX;
	if (s->hs_len + n > s->hs_cap) {
		size_t cap = s->hs_cap ? s->hs_cap : 4096;
		uint8_t *nh;
		if (s->hs_len + n > max) {
			ev(h, CD_TLS_EV_LIMIT, "handshake bytes over the per-flow limit: the rest is not analysed");
			s->state = CD_TLS_LOST;
			return;
		}
		while (cap < s->hs_len + n)
			cap *= 2;
		if (cap > max)
			cap = max;
		nh = realloc(s->hs, cap);
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

/* one whole protected record (TLS 1.3, keys installed): its plaintext to where it belongs */
static void protected_record(struct cd_tls_stream *s, const uint8_t *body, size_t len,
			     const struct cd_tls_handler *h)
{
	uint8_t plain[REC_MAX], type;
	size_t n;
	enum cd_tls13_phase phase = s->phase;
	int first = s->rd.seq == 0;
	if (cd_tls13_reader_open(&s->rd, s->hdr, body, len, plain, &n, &type) < 0) {
		if (h->decrypt_failed)
			h->decrypt_failed(h->ctx, phase, NULL);
		s->state = CD_TLS_DONE;
		return;
	}
	if (first && h->decrypted)
		h->decrypted(h->ctx, phase);
	switch (type) {
	case 22:
		if (!n) {
			ev(h, CD_TLS_EV_MALFORMED, "an empty handshake record");
			s->state = CD_TLS_LOST;
			return;
		}
		hs_append(s, plain, n, h);
		break;
	case 21:
		if (n != 2) {
			ev(h, CD_TLS_EV_MALFORMED, "a decrypted alert that is not two bytes");
			s->state = CD_TLS_LOST;
			return;
		}
		if (h->alert)
			h->alert(h->ctx, plain[0], plain[1], 0);
		if (plain[0] == 2 || plain[1] == 0) /* fatal, or close_notify: nothing follows */
			s->state = CD_TLS_DONE;
		break;
	case 23: /* application data: the handshake of this direction is over */
		s->state = CD_TLS_DONE;
		break;
	default:
		ev(h, CD_TLS_EV_MALFORMED, "a decrypted record of an unknown content type");
		s->state = CD_TLS_LOST;
		break;
	}
	gnutls_memset(plain, 0, n);
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
			s->rec_fill = 0;
			if (s->type < 20 || s->type > 24 || s->hdr[1] != 3 || s->rec_len > REC_MAX) {
				ev(h, CD_TLS_EV_MALFORMED, "bytes that are not a TLS record where one should start");
				s->state = CD_TLS_LOST;
				return;
			}
			if (s->type == 23 && s->phase == CD_TLS13_PLAIN) {
				/* application data: the handshake is over, or encrypted without keys */
				if (h->encrypted)
					h->encrypted(h->ctx, 1);
				s->state = CD_TLS_DONE;
				return;
			}
			/* TLS 1.3 sends change_cipher_spec only for middleboxes; it changes nothing
			 * (RFC 8446 §5, Appendix D.4) */
			if (s->type == 20 && s->version != TLS13)
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
		if (s->type == 23) { /* protected (TLS 1.3 with keys): the whole record first */
			if (s->body_left == 0 && s->rec_fill == 0) {
				protected_record(s, p, n, h); /* all in this segment: no copy */
			} else {
				if (!s->rec) {
					s->rec = malloc(REC_MAX);
					if (!s->rec) {
						s->state = CD_TLS_LOST;
						return;
					}
				}
				memcpy(s->rec + s->rec_fill, p, n);
				s->rec_fill += n;
				if (s->body_left == 0) {
					protected_record(s, s->rec, s->rec_fill, h);
					s->rec_fill = 0;
				}
			}
		} else if (s->type == 22 && !s->ccs) {
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
