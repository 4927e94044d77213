/* tls13-floor: the key schedule floor of the TLS 1.3 benchmark (bench/tls13.sh).
 *
 *   tls13-floor KEYLOG [CIPHER-KEY-BYTES]
 *
 * For every traffic secret of the key log (CLIENT_/SERVER_HANDSHAKE_TRAFFIC_SECRET,
 * CLIENT_/SERVER_TRAFFIC_SECRET_0) it does what any reader of the records has to do through
 * the API issue 14 names and nothing else: HKDF-Expand-Label "key" and "iv" with
 * gnutls_hkdf_expand (RFC 8446 §7.3; SHA-384 for a 48-byte secret, SHA-256 for a 32-byte one)
 * and gnutls_aead_cipher_init / _deinit with the key (AES-256-GCM for SHA-384, AES-128-GCM or,
 * with CIPHER-KEY-BYTES 32, ChaCha20-Poly1305 for SHA-256). The key log is read whole first
 * and its parsing is not timed; the time of the loop is printed on stdout as
 * "SECRETS secrets, SECONDS s cpu", measured with CLOCK_PROCESS_CPUTIME_ID.
 * Not a test: a bench tool, and its key log parsing is the least that works on the
 * benchmark's own file. */
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SECRETS 1000000

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int expand_label(gnutls_mac_algorithm_t mac, const unsigned char *secret, size_t slen, const char *label,
			unsigned char *out, size_t out_len)
{
	unsigned char info[32];
	size_t ll = strlen(label), n = 0;
	gnutls_datum_t key = {(unsigned char *)secret, (unsigned)slen}, in;
	info[n++] = (unsigned char)(out_len >> 8);
	info[n++] = (unsigned char)out_len;
	info[n++] = (unsigned char)(6 + ll);
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = 0;
	in.data = info;
	in.size = (unsigned)n;
	return gnutls_hkdf_expand(mac, &key, &in, out, out_len);
}

int main(int argc, char **argv)
{
	static const char *const labels[] = {"CLIENT_HANDSHAKE_TRAFFIC_SECRET ", "SERVER_HANDSHAKE_TRAFFIC_SECRET ",
					     "CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 "};
	FILE *f;
	char line[512];
	unsigned char(*secrets)[48];
	unsigned char *lens;
	size_t n = 0;
	int key16 = argc > 2 && atoi(argv[2]) == 32 ? 0 : 1;
	struct timespec t0, t1;
	if (argc < 2) {
		fprintf(stderr, "usage: tls13-floor KEYLOG [CIPHER-KEY-BYTES]\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	secrets = malloc(MAX_SECRETS * sizeof(*secrets));
	lens = malloc(MAX_SECRETS);
	if (!f || !secrets || !lens) {
		perror(argv[1]);
		return 2;
	}
	while (fgets(line, sizeof(line), f) && n < MAX_SECRETS) {
		char *sec;
		size_t sl;
		int used = 0;
		for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
			used |= !strncmp(line, labels[i], strlen(labels[i]));
		if (!used || !(sec = strchr(line, ' ')) || !(sec = strchr(sec + 1, ' ')))
			continue;
		sec++;
		sl = strcspn(sec, "\r\n");
		if (sl != 64 && sl != 96)
			continue;
		for (size_t i = 0; i < sl / 2; i++)
			secrets[n][i] = (unsigned char)(hexval(sec[2 * i]) << 4 | hexval(sec[2 * i + 1]));
		lens[n++] = (unsigned char)(sl / 2);
	}
	fclose(f);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (size_t i = 0; i < n; i++) {
		int sha384 = lens[i] == 48;
		gnutls_mac_algorithm_t mac = sha384 ? GNUTLS_MAC_SHA384 : GNUTLS_MAC_SHA256;
		gnutls_cipher_algorithm_t ciph = sha384 ? GNUTLS_CIPHER_AES_256_GCM
						 : key16    ? GNUTLS_CIPHER_AES_128_GCM
							    : GNUTLS_CIPHER_CHACHA20_POLY1305;
		unsigned char key[32], iv[12];
		size_t kl = sha384 || !key16 ? 32 : 16;
		gnutls_datum_t kd = {key, (unsigned)kl};
		gnutls_aead_cipher_hd_t h;
		if (expand_label(mac, secrets[i], lens[i], "key", key, kl) < 0 ||
		    expand_label(mac, secrets[i], lens[i], "iv", iv, sizeof(iv)) < 0 ||
		    gnutls_aead_cipher_init(&h, ciph, &kd) < 0) {
			fprintf(stderr, "tls13-floor: the key schedule failed on secret %zu\n", i);
			return 1;
		}
		gnutls_aead_cipher_deinit(h);
		gnutls_memset(key, 0, sizeof(key));
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	gnutls_memset(secrets, 0, MAX_SECRETS * sizeof(*secrets));
	printf("%zu secrets, %.3f s cpu\n", n, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(secrets);
	free(lens);
	return 0;
}
