/* tls13.c - TLS 1.3 record protection, reading side (RFC 8446 §5.2 record payload
 * protection, §5.3 per-record nonce, §7.1 HKDF-Expand-Label, §7.2 KeyUpdate, §7.3 traffic
 * keys) over GnuTLS's HMAC, gnutls_hkdf_expand and gnutls_aead_cipher_*: no cryptographic
 * primitive by hand. */
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

/* HkdfLabel (RFC 8446 §7.1): uint16 length, opaque label<7..255> = "tls13 " + Label, opaque
 * context<0..255>; the context is empty for every label used here. Its length, 0 when the
 * label is too long for info (room for 2 + 1 + 6 + 16 + 1 bytes). */
static size_t hkdf_label(const char *label, size_t out_len, uint8_t *info)
{
	size_t ll = strlen(label), n = 0;
	if (ll > 16)
		return 0;
	info[n++] = (uint8_t)(out_len >> 8);
	info[n++] = (uint8_t)out_len;
	info[n++] = (uint8_t)(6 + ll);
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = 0; /* empty context */
	return n;
}

/* "HKDF-Expand-Label(Secret, Label, Context, Length) = HKDF-Expand(Secret, HkdfLabel, Length)"
 * (RFC 8446 §7.1), through gnutls_hkdf_expand */
static int expand_label(int mac, const uint8_t *secret, size_t secret_len, const char *label,
			uint8_t *out, size_t out_len)
{
	uint8_t info[2 + 1 + 6 + 16 + 1];
	gnutls_datum_t key = {(unsigned char *)secret, (unsigned)secret_len}, in = {info, 0};
	in.size = (unsigned)hkdf_label(label, out_len, info);
	if (!in.size)
		return CD_E_MALFORMED;
	return gnutls_hkdf_expand((gnutls_mac_algorithm_t)mac, &key, &in, out, out_len) < 0 ? CD_E_UNSUPPORTED
											     : CD_OK;
}

/* The traffic key and IV of one secret (RFC 8446 §7.3: HKDF-Expand-Label(Secret, "key", "",
 * key_length) and (Secret, "iv", "", iv_length)). Both are shorter than the hash, so each is
 * HKDF-Expand's first block only, "T(1) = HMAC-Hash(PRK, T(0) | info | 0x01)" with T(0)
 * empty, cut to its length (RFC 5869 §2.3): GnuTLS's HMAC keyed once with the secret serves
 * both (gnutls_hmac_output resets it to the keyed state). gnutls_hkdf_expand keys a new
 * HMAC for each: with SHA-384, whose compressions are not accelerated here, that was a third
 * of the time of a decrypting scan (bench/README.md). tests/test_pcap.c checks the two
 * against gnutls_hkdf_expand for every suite. */
static int key_and_iv(const struct cd_tls13_suite *su, const uint8_t *secret, uint8_t *key, uint8_t *iv)
{
	static const uint8_t one = 1;
	uint8_t info[2 + 1 + 6 + 16 + 1], t[CD_TLS13_MAX_SECRET];
	size_t n;
	gnutls_hmac_hd_t h;
	int g;
	if (su->key_len > su->hash_len || 12 > su->hash_len || su->hash_len > sizeof(t))
		return CD_E_UNSUPPORTED;
	g = gnutls_hmac_init(&h, (gnutls_mac_algorithm_t)su->mac, secret, su->hash_len);
	if (g < 0)
		return g == GNUTLS_E_MEMORY_ERROR ? CD_E_NOMEM : CD_E_UNSUPPORTED;
	n = hkdf_label("key", su->key_len, info);
	g = gnutls_hmac(h, info, n);
	if (g >= 0)
		g = gnutls_hmac(h, &one, 1);
	if (g >= 0) {
		gnutls_hmac_output(h, t);
		memcpy(key, t, su->key_len);
		n = hkdf_label("iv", 12, info);
		g = gnutls_hmac(h, info, n);
	}
	if (g >= 0)
		g = gnutls_hmac(h, &one, 1);
	gnutls_hmac_deinit(h, t);
	if (g >= 0)
		memcpy(iv, t, 12);
	gnutls_memset(t, 0, sizeof(t));
	return g < 0 ? CD_E_UNSUPPORTED : CD_OK;
}

/* key and iv from r->secret, and a fresh AEAD. Not re-keyed with
 * gnutls_aead_cipher_set_key: in GnuTLS 3.7.9 a handle re-keyed that way no longer opens
 * records with its accelerated AES-GCM and ChaCha20-Poly1305 (tag mismatch). */
static int derive(struct cd_tls13_reader *r)
{
	uint8_t key[32];
	gnutls_datum_t kd = {key, (unsigned)r->suite->key_len};
	int rc = key_and_iv(r->suite, r->secret, key, r->iv);
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
