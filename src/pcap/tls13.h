/* tls13.h - TLS 1.3 record protection, reading side only: traffic keys from a traffic secret
 * and the opening of protected records (RFC 8446 §5.2, §7.1, §7.3). The cryptography is
 * GnuTLS's (HKDF-Expand, AEAD); nothing here is written by hand. */
#ifndef CD_PCAP_TLS13_H
#define CD_PCAP_TLS13_H

#include <stddef.h>
#include <stdint.h>

/* A traffic secret is as long as the suite's hash: 32 (SHA-256) or 48 (SHA-384) bytes. */
#define CD_TLS13_MAX_SECRET 48

/* The five TLS 1.3 cipher suites (RFC 8446 §B.4). */
struct cd_tls13_suite {
	uint16_t id;         /* 0x1301 ... 0x1305 */
	const char *name;    /* "TLS_AES_128_GCM_SHA256" */
	int mac;             /* gnutls_mac_algorithm_t of the suite's hash (HKDF) */
	int cipher;          /* gnutls_cipher_algorithm_t of the AEAD */
	size_t hash_len, key_len, tag_len;
};

/* The suite with this id, NULL when id is not a TLS 1.3 suite. The pointer is static. */
const struct cd_tls13_suite *cd_tls13_suite_find(uint16_t id);

/* One direction's reading state: the AEAD keyed from the current traffic secret, its IV and
 * the record sequence number. Wipes its secret and keys when released. */
struct cd_tls13_reader {
	const struct cd_tls13_suite *suite;
	void *aead;          /* gnutls_aead_cipher_hd_t, owned */
	uint8_t secret[CD_TLS13_MAX_SECRET];
	uint8_t iv[12];
	uint64_t seq;
};

/* Key r for suite from secret (suite->hash_len bytes; any other length is CD_E_MALFORMED).
 * Resets the sequence number. CD_OK, CD_E_MALFORMED, CD_E_NOMEM or CD_E_UNSUPPORTED (GnuTLS
 * cannot do the AEAD). r may be keyed again (a new traffic secret). */
int cd_tls13_reader_key(struct cd_tls13_reader *r, const struct cd_tls13_suite *suite,
			const uint8_t *secret, size_t secret_len);
/* KeyUpdate (RFC 8446 §7.2): application_traffic_secret_N+1 from N, and rekey. */
int cd_tls13_reader_update(struct cd_tls13_reader *r);
/* Free the AEAD and wipe every secret byte. r may be zeroed or keyed. */
void cd_tls13_reader_release(struct cd_tls13_reader *r);

/* Open one protected record: hdr is its 5-byte header (the additional data), body its len
 * bytes. On success plain (room for len bytes, not body) holds the TLSInnerPlaintext content
 * without its padding, *plain_len its length, *type the real content type, and the sequence
 * number advances. CD_E_MALFORMED when the record does not authenticate (a wrong secret, or a
 * record of another key) or holds no content type; the sequence number stays. */
int cd_tls13_reader_open(struct cd_tls13_reader *r, const uint8_t hdr[5], const uint8_t *body,
			 size_t len, uint8_t *plain, size_t *plain_len, uint8_t *type);

#endif
