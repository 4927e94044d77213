/* tls.h - a TLS handshake, one direction of a connection at a time: the plaintext part, and
 * the TLS 1.3 part after ServerHello when the caller installs that direction's traffic
 * secrets (from a key log). */
#ifndef CD_PCAP_TLS_H
#define CD_PCAP_TLS_H

#include <stddef.h>
#include <stdint.h>
#include "pcap/tls13.h"

/* One handshake message larger than this is not a certificate chain anyone sends (real
 * chains stay under 20 KB); the rest of that direction is not analysed (limit event). */
#define CD_TLS_MAX_HANDSHAKE_MSG (256U * 1024)
/* Plaintext bytes a direction may carry before TLS starts (STARTTLS dialogues, banners)
 * before the flow is judged not to be TLS. */
#define CD_TLS_MAX_PLAINTEXT (64U * 1024)
/* Certificates kept from one Certificate message; CA names from one CertificateRequest. */
#define CD_TLS_MAX_CERTS 64
#define CD_TLS_MAX_CA_NAMES 256

enum cd_tls_state {
	CD_TLS_DETECT = 0, /* not yet seen a TLS record start */
	CD_TLS_RECORDS,    /* in the record layer, handshake in the clear */
	CD_TLS_DONE,       /* application data, an encrypted handshake without keys, or a fatal
			      alert: nothing more to read */
	CD_TLS_LOST,       /* gap, cut, malformed or limit: the rest is not analysed */
	CD_TLS_NOT_TLS     /* too much plaintext without a TLS record */
};

enum cd_tls_event_kind { CD_TLS_EV_MALFORMED, CD_TLS_EV_LIMIT };

/* Which traffic secret protects a direction's records (RFC 8446 §7.1). */
enum cd_tls13_phase { CD_TLS13_PLAIN = 0, CD_TLS13_HANDSHAKE, CD_TLS13_APPLICATION };

/* What the parser reports; every callback may be NULL. Pointers are valid only during the
 * call. */
struct cd_tls_handler {
	void *ctx;
	/* the direction turned out to be TLS (first record seen) */
	void (*start)(void *ctx, int client_hello, int server_hello);
	/* random: the 32-byte ClientHello random (the key log's key); NULL for an SSL 2.0-format
	 * hello, which has none */
	void (*client_hello)(void *ctx, uint16_t legacy_version, const char *sni,
			     const uint16_t *versions, size_t n_versions, const uint8_t *random);
	/* hrr: a HelloRetryRequest (RFC 8446 §4.1.3), not the ServerHello */
	void (*server_hello)(void *ctx, uint16_t legacy_version, uint16_t cipher, uint16_t selected,
			     int hrr);
	void (*certificate)(void *ctx, const uint8_t *der, size_t len, unsigned position, int last);
	void (*cert_request)(void *ctx, const uint8_t *const *names, const size_t *lens, size_t n);
	void (*alert)(void *ctx, uint8_t level, uint8_t desc, int encrypted);
	void (*encrypted)(void *ctx, int app_data); /* first encrypted record (TLS 1.3 flight or app data) */
	void (*event)(void *ctx, enum cd_tls_event_kind kind, const char *msg);
	void (*starttls)(void *ctx, const char *proto);
	/* TLS 1.3 with secrets: the first record of a phase decrypted */
	void (*decrypted)(void *ctx, enum cd_tls13_phase phase);
	/* a record did not decrypt with the secret of this phase (or the secret or suite cannot be
	 * used: why says which); the rest of the direction is not analysed */
	void (*decrypt_failed)(void *ctx, enum cd_tls13_phase phase, const char *why);
};

struct cd_tls_stream {
	enum cd_tls_state state;
	uint16_t version;    /* negotiated version when known (set by the caller), else 0 */
	uint8_t hdr[5];
	size_t hdr_len;
	size_t body_left;    /* bytes of the current record still to come */
	uint8_t type;        /* current record's content type */
	uint8_t alert[2];
	size_t alert_len;
	size_t rec_len;
	int ccs;             /* ChangeCipherSpec seen: what follows is encrypted */
	uint8_t *hs;         /* handshake bytes not yet parsed (owned) */
	size_t hs_len, hs_cap;
	size_t plain;        /* plaintext bytes seen before TLS */
	/* TLS 1.3 record protection (cd_tls_stream_set_keys) */
	enum cd_tls13_phase phase;
	struct cd_tls13_reader rd;
	const struct cd_tls13_suite *suite;
	uint8_t app_secret[CD_TLS13_MAX_SECRET]; /* for after Finished; wiped on release */
	size_t app_len;      /* 0: not known, the direction ends at Finished */
	uint8_t *rec;        /* an encrypted record being received (owned), rec_len bytes */
	size_t rec_fill;
};

void cd_tls_stream_init(struct cd_tls_stream *s);
void cd_tls_stream_release(struct cd_tls_stream *s);
/* Bytes of the stream, in order. at_segment: data begins a TCP segment (where a TLS record
 * may start after STARTTLS or in a capture that starts mid-connection). */
void cd_tls_stream_feed(struct cd_tls_stream *s, const uint8_t *data, size_t len, int at_segment,
			const struct cd_tls_handler *h);
/* TLS 1.3: decrypt this direction's records from now on with hs_secret (its handshake
 * traffic secret), then, after its Finished, with app_secret (its traffic secret 0; app_len
 * 0 when unknown: the direction ends there). KeyUpdate messages are followed. Secrets are
 * copied and wiped on release. Call it from the server_hello callback. CD_OK, or
 * CD_E_UNSUPPORTED (not a TLS 1.3 suite GnuTLS can decrypt) / CD_E_MALFORMED (a secret of
 * the wrong length for the suite) / CD_E_NOMEM, and then nothing is installed. */
int cd_tls_stream_set_keys(struct cd_tls_stream *s, uint16_t suite, const uint8_t *hs_secret,
			   size_t hs_len, const uint8_t *app_secret, size_t app_len);
/* Does this look like the start of a TLS record carrying a handshake or an alert? */
int cd_tls_looks_like_record(const uint8_t *p, size_t len);

const char *cd_tls_alert_name(uint8_t desc);
const char *cd_tls_version_name(uint16_t v);

#endif
