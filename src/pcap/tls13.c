/* tls13.c - TLS 1.3 record protection, reading side (RFC 8446 §5.2 record payload
 * protection, §5.3 per-record nonce, §7.1 HKDF-Expand-Label, §7.2 KeyUpdate, §7.3 traffic
 * keys) over GnuTLS's gnutls_hkdf_expand and gnutls_aead_cipher_*: no cryptography by hand. */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>
#include "pcap/tls13.h"
#include "util/error.h"

static const struct cd_tls13_suite SUITES[] = {
	{0x1301, "TLS_AES_128_GCM_SHA256", GNUTLS_MAC_SHA256, GNUTLS_CIPHER_AES_128_GCM, 32, 16, 16},
	{0x1302, "TLS_AES_256_GCM_SHA384", GNUTLS_MAC_SHA384, GNUTLS_CIPHER_AES_256_GCM, 48, 32, 16},
	{0x1303, "TLS_CHACHA20_POLY1305_SHA256", GNUTLS_MAC_SHA256, GNUTLS_CIPHER_CHACHA20_POLY1305, 32, 32, 16},
	{0x1304, "TLS_AES_128_CCM_SHA256", GNUTLS_MAC_SHA256, GNUTLS_CIPHER_AES_128_CCM, 32, 16, 16},
	{0x1305, "TLS_AES_128_CCM_8_SHA256", GNUTLS_MAC_SHA256, GNUTLS_CIPHER_AES_128_CCM_8, 32, 16, 8},
};

const struct cd_tls13_suite *cd_tls13_suite_find(uint16_t id)
{
	for (size_t i = 0; i < sizeof(SUITES) / sizeof(SUITES[0]); i++)
		if (SUITES[i].id == id)
			return &SUITES[i];
	return NULL;
}

/* "HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)"
 * with HkdfLabel = uint16 length, opaque label<7..255> = "tls13 " + Label, opaque
 * context<0..255> (RFC 8446 §7.1); the context is empty for every label used here. */
static int expand_label(int mac, const uint8_t *secret, size_t secret_len, const char *label,
			uint8_t *out, size_t out_len)
{
	uint8_t info[2 + 1 + 6 + 16 + 1];
	size_t ll = strlen(label), n = 0;
	gnutls_datum_t key = {(unsigned char *)secret, (unsigned)secret_len}, in;
	if (ll > 16)
		return CD_E_MALFORMED;
	info[n++] = (uint8_t)(out_len >> 8);
	info[n++] = (uint8_t)out_len;
	info[n++] = (uint8_t)(6 + ll);
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = 0; /* empty context */
	in.data = info;
	in.size = (unsigned)n;
	return gnutls_hkdf_expand((gnutls_mac_algorithm_t)mac, &key, &in, out, out_len) < 0 ? CD_E_UNSUPPORTED
											     : CD_OK;
}

/* key and iv from r->secret (RFC 8446 §7.3), and a fresh AEAD. Not re-keyed with
 * gnutls_aead_cipher_set_key: in GnuTLS 3.7.9 a handle re-keyed that way no longer opens
 * records with its accelerated AES-GCM and ChaCha20-Poly1305 (tag mismatch). */
static int derive(struct cd_tls13_reader *r)
{
	uint8_t key[32];
	gnutls_datum_t kd = {key, (unsigned)r->suite->key_len};
	int rc = expand_label(r->suite->mac, r->secret, r->suite->hash_len, "key", key, r->suite->key_len);
	if (rc == CD_OK)
		rc = expand_label(r->suite->mac, r->secret, r->suite->hash_len, "iv", r->iv, sizeof(r->iv));
	if (rc == CD_OK) {
		if (r->aead) {
			gnutls_aead_cipher_deinit((gnutls_aead_cipher_hd_t)r->aead);
			r->aead = NULL;
		}
		gnutls_aead_cipher_hd_t h = NULL;
		int g = gnutls_aead_cipher_init(&h, (gnutls_cipher_algorithm_t)r->suite->cipher, &kd);
		if (g == GNUTLS_E_MEMORY_ERROR)
			rc = CD_E_NOMEM;
		else if (g < 0)
			rc = CD_E_UNSUPPORTED;
		else
			r->aead = h;
	}
	gnutls_memset(key, 0, sizeof(key));
	r->seq = 0;
	return rc;
}

int cd_tls13_reader_key(struct cd_tls13_reader *r, const struct cd_tls13_suite *suite,
			const uint8_t *secret, size_t secret_len)
{
	if (!suite || secret_len != suite->hash_len || secret_len > sizeof(r->secret))
		return CD_E_MALFORMED;
	r->suite = suite;
	memcpy(r->secret, secret, secret_len);
	return derive(r);
}

int cd_tls13_reader_update(struct cd_tls13_reader *r)
{
	uint8_t next[CD_TLS13_MAX_SECRET];
	int rc;
	if (!r->suite)
		return CD_E_MALFORMED;
	/* "application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N,
	 * "traffic upd", "", Hash.length)" (RFC 8446 §7.2) */
	rc = expand_label(r->suite->mac, r->secret, r->suite->hash_len, "traffic upd", next, r->suite->hash_len);
	if (rc == CD_OK) {
		memcpy(r->secret, next, r->suite->hash_len);
		rc = derive(r);
	}
	gnutls_memset(next, 0, sizeof(next));
	return rc;
}

void cd_tls13_reader_release(struct cd_tls13_reader *r)
{
	if (!r)
		return;
	if (r->aead)
		gnutls_aead_cipher_deinit((gnutls_aead_cipher_hd_t)r->aead);
	gnutls_memset(r, 0, sizeof(*r));
}

int cd_tls13_reader_open(struct cd_tls13_reader *r, const uint8_t hdr[5], const uint8_t *body,
			 size_t len, uint8_t *plain, size_t *plain_len, uint8_t *type)
{
	uint8_t nonce[12];
	size_t n = len;
	if (!r->aead || len < r->suite->tag_len + 1)
		return CD_E_MALFORMED;
	/* RFC 8446 §5.3: "The 64-bit record sequence number is encoded in network byte order and
	 * padded to the left with zeros to iv_length. The padded sequence number is XORed with
	 * either the static client_write_iv or server_write_iv (depending on the role)." */
	memcpy(nonce, r->iv, sizeof(nonce));
	for (int i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(r->seq >> (8 * i));
	if (gnutls_aead_cipher_decrypt((gnutls_aead_cipher_hd_t)r->aead, nonce, sizeof(nonce), hdr, 5,
				       r->suite->tag_len, body, len, plain, &n) < 0)
		return CD_E_MALFORMED;
	/* RFC 8446 §5.4: "The receiving implementation scans the field from the end toward the
	 * beginning until it finds a non-zero octet. This non-zero octet is the content type of
	 * the message." None: "unexpected_message". */
	while (n && plain[n - 1] == 0)
		n--;
	if (!n)
		return CD_E_MALFORMED;
	*type = plain[n - 1];
	*plain_len = n - 1;
	r->seq++;
	return CD_OK;
}
