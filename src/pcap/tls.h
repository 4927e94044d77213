/* tls.h - the plaintext part of a TLS handshake, one direction of a connection at a time. */
#ifndef CD_PCAP_TLS_H
#define CD_PCAP_TLS_H

#include <stddef.h>
#include <stdint.h>

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
	CD_TLS_DONE,       /* application data or encrypted handshake: nothing more to read */
	CD_TLS_LOST,       /* gap, cut, malformed or limit: the rest is not analysed */
	CD_TLS_NOT_TLS     /* too much plaintext without a TLS record */
};

enum cd_tls_event_kind { CD_TLS_EV_MALFORMED, CD_TLS_EV_LIMIT };

/* What the parser reports; every callback may be NULL. Pointers are valid only during the
 * call. */
struct cd_tls_handler {
	void *ctx;
	/* the direction turned out to be TLS (first record seen) */
	void (*start)(void *ctx, int client_hello, int server_hello);
	void (*client_hello)(void *ctx, uint16_t legacy_version, const char *sni,
			     const uint16_t *versions, size_t n_versions);
	void (*server_hello)(void *ctx, uint16_t legacy_version, uint16_t cipher, uint16_t selected);
	/* one certificate of a Certificate message; position is 1-based in wire order, last
	 * is set on the final one */
	void (*certificate)(void *ctx, const uint8_t *der, size_t len, unsigned position, int last);
	void (*cert_request)(void *ctx, const uint8_t *const *names, const size_t *lens, size_t n);
	void (*alert)(void *ctx, uint8_t level, uint8_t desc, int encrypted);
	void (*encrypted)(void *ctx, int app_data); /* first encrypted record (TLS 1.3 flight or app data) */
	void (*event)(void *ctx, enum cd_tls_event_kind kind, const char *msg);
	void (*starttls)(void *ctx, const char *proto);
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
};

void cd_tls_stream_init(struct cd_tls_stream *s);
void cd_tls_stream_release(struct cd_tls_stream *s);
/* Bytes of the stream, in order. at_segment: data begins a TCP segment (where a TLS record
 * may start after STARTTLS or in a capture that starts mid-connection). */
void cd_tls_stream_feed(struct cd_tls_stream *s, const uint8_t *data, size_t len, int at_segment,
			const struct cd_tls_handler *h);
/* Does this look like the start of a TLS record carrying a handshake or an alert? */
int cd_tls_looks_like_record(const uint8_t *p, size_t len);

const char *cd_tls_alert_name(uint8_t desc);
const char *cd_tls_version_name(uint16_t v);

#endif
