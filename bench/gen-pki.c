/* gen-pki: write a many-root PKI of N certificates for the certdiag chain
 * benchmark (bench/chains.sh).
 *
 *   gen-pki -o DIR [-n N] [-r ROOTS] [-i INTER] [-k KEYS] [-j THREADS]
 *           [-l SAMPLE] [-s SEED]
 *   gen-pki -S SECONDS        (GnuTLS signature-verify rate, then exit)
 *
 * N (default 100000) counts every certificate written: ROOTS (default 20)
 * self-signed roots, INTER (default 10) intermediate CA subjects per root,
 * some with several certificates (versions, below), and the rest leaves,
 * spread round-robin over the intermediate subjects.
 *
 * Keys: root r is RSA-2048 when r % 4 == 0, else EC P-256; intermediate
 * subject s (s = r * INTER + j) is RSA-2048 when s % 4 == 0, else EC P-256,
 * so about 1/4 of all signatures are RSA.  Every CA has its own key; leaves
 * share a pool of KEYS (default 64) EC P-256 keys (their own key is never
 * used to verify anything).
 *
 * Versions of intermediate subject j of root r (same subject, same key, so
 * the same SKI; a leaf's AKI cannot tell them apart):
 *   - always: issued by root r, valid 2024-01-01 .. 2034-01-01;
 *   - j % 10 == 1 or 3: cross-signed by root (r + 1) % ROOTS, same validity;
 *   - j % 10 == 2 or 3: an older version issued by root r, valid
 *     2019-01-01 .. 2025-01-01, i.e. expired at 2026-06-01.
 * Roots are valid 2020-01-01 .. 2040-01-01, leaves 2025-06-01 .. 2027-06-01:
 * everything but the older versions is valid at --at 2026-06-01T00:00:00Z
 * (openssl -attime 1780272000).
 *
 * Outputs in DIR (created if missing):
 *   roots.pem          the ROOTS trust anchors
 *   pool.pem           every intermediate certificate and every leaf,
 *                      shuffled (deterministically, from SEED)
 *   intermediates.pem  every intermediate certificate (openssl -untrusted)
 *   leaves/leaf-<i>.pem  with -l SAMPLE: SAMPLE leaves, every step-th one
 *                      (step: the largest <= leaves/SAMPLE coprime with the
 *                      number of issuers, so every issuer is sampled alike)
 *   stats.txt          key=value counts, among them the signature
 *                      verifications the chains need, by issuer key type:
 *     need_rsa, need_ec   one per (signed certificate, issuer key) pair on
 *                         any path from a leaf to a root: every leaf once
 *                         (all versions of its issuer share one key) and
 *                         every intermediate certificate once
 *     pairs_rsa, pairs_ec one per (certificate, issuer certificate) pair:
 *                         what a builder that verifies each leaf against
 *                         every version of its issuer would do
 *
 * -S SECONDS: measure gnutls_pubkey_verify_data2 on a SHA-256 signature over
 * 600 bytes, RSA-2048 then EC P-256, SECONDS of thread CPU time each (like
 * openssl speed, which divides by user CPU time), and print
 * "gnutls_verify_per_s rsa2048=X ecdsap256=Y".
 *
 * Keys, ECDSA nonces and the serial prefix are random; the shuffle is not.
 * Progress goes to stderr.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BENCH_PROG "gen-pki"
#include "bench-util.h"

#define T2019 ((time_t)1546300800)
#define T2020 ((time_t)1577836800)
#define T2024 ((time_t)1704067200)
#define T2025 ((time_t)1735689600)
#define T2025_06 ((time_t)1748736000)
#define T2027_06 ((time_t)1811808000)
#define T2034 ((time_t)2019686400)
#define T2040 ((time_t)2208988800)

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *xcalloc(size_t n, size_t s)
{
	void *p = calloc(n ? n : 1, s);
	if (!p)
		die("out of memory");
	return p;
}

static FILE *xfopen(const char *dir, const char *name, char *path)
{
	snprintf(path, PATH_MAX, "%s/%s", dir, name);
	FILE *fp = fopen(path, "wb");
	if (!fp)
		die("open %s: %s", path, strerror(errno));
	return fp;
}

static void xfwrite(FILE *fp, const void *p, size_t n, const char *name)
{
	if (n && fwrite(p, 1, n, fp) != n)
		die("write %s: %s", name, strerror(errno));
}

static void xfclose(FILE *fp, const char *name)
{
	if (fclose(fp) != 0)
		die("close %s: %s", name, strerror(errno));
}

static void usage(void)
{
	fputs("usage: gen-pki -o DIR [-n N] [-r ROOTS] [-i INTER] [-k KEYS] "
	      "[-j THREADS] [-l SAMPLE] [-s SEED]\n"
	      "       gen-pki -S SECONDS\n",
	      stderr);
	exit(2);
}

/* ---- keys ------------------------------------------------------------ */

struct key {
	int rsa;
	gnutls_x509_privkey_t x509;
	unsigned char id[64];
	size_t id_size;
};

static void gen_key(struct key *k)
{
	CHECK(gnutls_x509_privkey_init(&k->x509));
	if (k->rsa)
		CHECK(gnutls_x509_privkey_generate(k->x509, GNUTLS_PK_RSA, 2048, 0));
	else
		CHECK(gnutls_x509_privkey_generate(
			k->x509, GNUTLS_PK_ECDSA,
			GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	k->id_size = sizeof k->id;
	CHECK(gnutls_x509_privkey_get_key_id(k->x509, 0, k->id, &k->id_size));
}

/* Generate keys[0..n) on nthreads threads (RSA key generation dominates). */
struct keygen_job {
	pthread_t tid;
	struct key *keys;
	size_t n, t, nthreads;
};

static void *keygen_work(void *arg)
{
	struct keygen_job *j = arg;
	for (size_t i = j->t; i < j->n; i += j->nthreads)
		gen_key(&j->keys[i]);
	return NULL;
}

static void gen_keys(struct key *keys, size_t n, size_t nthreads)
{
	struct keygen_job *js = xcalloc(nthreads, sizeof *js);
	for (size_t t = 0; t < nthreads; t++) {
		js[t] = (struct keygen_job){ .keys = keys, .n = n, .t = t,
					     .nthreads = nthreads };
		int e = pthread_create(&js[t].tid, NULL, keygen_work, &js[t]);
		if (e)
			die("pthread_create: %s", strerror(e));
	}
	for (size_t t = 0; t < nthreads; t++)
		pthread_join(js[t].tid, NULL);
	free(js);
}

static gnutls_digest_algorithm_t dig = GNUTLS_DIG_SHA256;

/* ---- -S: GnuTLS verify rate ---------------------------------------- */

static double verify_rate(int rsa, double secs)
{
	struct key k = { .rsa = rsa };
	gen_key(&k);
	gnutls_privkey_t priv;
	gnutls_pubkey_t pub;
	CHECK(gnutls_privkey_init(&priv));
	CHECK(gnutls_privkey_import_x509(priv, k.x509, 0));
	CHECK(gnutls_pubkey_init(&pub));
	CHECK(gnutls_pubkey_import_privkey(pub, priv, 0, 0));
	unsigned char msg[600];
	CHECK(gnutls_rnd(GNUTLS_RND_NONCE, msg, sizeof msg));
	gnutls_datum_t data = { msg, sizeof msg }, sig;
	gnutls_sign_algorithm_t algo =
		rsa ? GNUTLS_SIGN_RSA_SHA256 : GNUTLS_SIGN_ECDSA_SHA256;
	CHECK(gnutls_privkey_sign_data2(priv, algo, 0, &data, &sig));
	/* CPU time of this thread, as openssl speed counts (user time): a
	 * loaded machine stretches wall time, not this */
	unsigned long count = 0;
	double t0 = cpu_now(), t;
	do {
		for (int i = 0; i < 64; i++)
			CHECK(gnutls_pubkey_verify_data2(pub, algo, 0, &data, &sig));
		count += 64;
		t = cpu_now() - t0;
	} while (t < secs);
	gnutls_free(sig.data);
	gnutls_pubkey_deinit(pub);
	gnutls_privkey_deinit(priv);
	gnutls_x509_privkey_deinit(k.x509);
	return (double)count / t;
}

/* ---- the PKI --------------------------------------------------------- */

enum { V_MAIN, V_CROSS, V_EXPIRED };

struct ca {
	struct key key;
	char dn[128];
	gnutls_datum_t der; /* roots: the certificate; intermediates: main version */
	int n_versions;
};

struct icert { /* one intermediate certificate */
	size_t sub;   /* intermediate subject index */
	size_t root;  /* issuing root */
	int kind;
	gnutls_datum_t pem;
};

/* Shared, read-only once the leaves are being signed. */
static struct ca *roots, *inters;
static size_t n_roots, n_inters;
static struct key *pool;
static size_t pool_size;
static unsigned char serial_prefix[7];
static size_t n_leaves, sample_step, sample_max;
static char leaves_dir[PATH_MAX - 64];

static void set_serial(gnutls_x509_crt_t crt, unsigned char tag, uint64_t i)
{
	unsigned char serial[16];
	serial[0] = 0x40 | (tag & 0x3f);
	memcpy(serial + 1, serial_prefix, 7);
	for (int b = 0; b < 8; b++)
		serial[8 + b] = (unsigned char)(i >> (8 * (7 - b)));
	CHECK(gnutls_x509_crt_set_serial(crt, serial, sizeof serial));
}

static void set_ca_exts(gnutls_x509_crt_t crt, const struct key *k,
			time_t nb, time_t na)
{
	CHECK(gnutls_x509_crt_set_version(crt, 3));
	CHECK(gnutls_x509_crt_set_activation_time(crt, nb));
	CHECK(gnutls_x509_crt_set_expiration_time(crt, na));
	CHECK(gnutls_x509_crt_set_key(crt, k->x509));
	CHECK(gnutls_x509_crt_set_basic_constraints(crt, 1, -1));
	CHECK(gnutls_x509_crt_set_key_usage(
		crt, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN |
			     GNUTLS_KEY_DIGITAL_SIGNATURE));
	CHECK(gnutls_x509_crt_set_subject_key_id(crt, k->id, k->id_size));
}

static void sign_with(gnutls_x509_crt_t crt, const struct ca *issuer,
		      gnutls_x509_crt_t issuer_crt)
{
	gnutls_privkey_t priv;
	CHECK(gnutls_privkey_init(&priv));
	CHECK(gnutls_privkey_import_x509(priv, issuer->key.x509, 0));
	CHECK(gnutls_x509_crt_set_authority_key_id(crt, issuer->key.id,
						   issuer->key.id_size));
	CHECK(gnutls_x509_crt_privkey_sign(crt, issuer_crt, priv, dig, 0));
	gnutls_privkey_deinit(priv);
}

static gnutls_x509_crt_t import_der(const gnutls_datum_t *der)
{
	gnutls_x509_crt_t crt;
	CHECK(gnutls_x509_crt_init(&crt));
	CHECK(gnutls_x509_crt_import(crt, der, GNUTLS_X509_FMT_DER));
	return crt;
}

struct worker {
	pthread_t tid;
	size_t lo, hi;
	char *buf;
	size_t len, cap;
	size_t *off; /* offset in buf of leaf lo + k, plus one past the end */
	unsigned long by_rsa;
};

static void buf_append(struct worker *w, const unsigned char *p, size_t n)
{
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 1 << 20;
		while (cap < w->len + n)
			cap *= 2;
		char *nb = realloc(w->buf, cap);
		if (!nb)
			die("out of memory");
		w->buf = nb;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

static void *leaf_work(void *arg)
{
	struct worker *w = arg;

	/* Private copies of everything gnutls touches (as gen-certs does). */
	gnutls_x509_crt_t *icrt = xcalloc(n_inters, sizeof *icrt);
	gnutls_privkey_t *ipriv = xcalloc(n_inters, sizeof *ipriv);
	for (size_t s = 0; s < n_inters; s++) {
		icrt[s] = import_der(&inters[s].der);
		gnutls_x509_privkey_t k;
		CHECK(gnutls_x509_privkey_init(&k));
		CHECK(gnutls_x509_privkey_cpy(k, inters[s].key.x509));
		CHECK(gnutls_privkey_init(&ipriv[s]));
		CHECK(gnutls_privkey_import_x509(ipriv[s], k,
						 GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE));
	}
	gnutls_x509_privkey_t *keys = xcalloc(pool_size, sizeof *keys);
	for (size_t k = 0; k < pool_size; k++) {
		CHECK(gnutls_x509_privkey_init(&keys[k]));
		CHECK(gnutls_x509_privkey_cpy(keys[k], pool[k].x509));
	}
	w->off = xcalloc(w->hi - w->lo + 1, sizeof *w->off);

	char name[96], path[PATH_MAX];
	gnutls_datum_t pem;
	for (size_t i = w->lo; i < w->hi; i++) {
		size_t s = i % n_inters, k = i % pool_size;
		gnutls_x509_crt_t crt;
		CHECK(gnutls_x509_crt_init(&crt));
		CHECK(gnutls_x509_crt_set_version(crt, 3));
		set_serial(crt, 3, i);
		snprintf(name, sizeof name, "leaf-%zu.example.com", i);
		CHECK(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME,
						    0, name, strlen(name)));
		CHECK(gnutls_x509_crt_set_subject_alt_name(
			crt, GNUTLS_SAN_DNSNAME, name, strlen(name),
			GNUTLS_FSAN_APPEND));
		CHECK(gnutls_x509_crt_set_activation_time(crt, T2025_06));
		CHECK(gnutls_x509_crt_set_expiration_time(crt, T2027_06));
		CHECK(gnutls_x509_crt_set_key(crt, keys[k]));
		CHECK(gnutls_x509_crt_set_basic_constraints(crt, 0, -1));
		CHECK(gnutls_x509_crt_set_key_usage(crt,
						    GNUTLS_KEY_DIGITAL_SIGNATURE));
		CHECK(gnutls_x509_crt_set_key_purpose_oid(
			crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
		CHECK(gnutls_x509_crt_set_subject_key_id(crt, pool[k].id,
							 pool[k].id_size));
		CHECK(gnutls_x509_crt_set_authority_key_id(
			crt, inters[s].key.id, inters[s].key.id_size));
		CHECK(gnutls_x509_crt_privkey_sign(crt, icrt[s], ipriv[s], dig, 0));
		CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &pem));
		gnutls_x509_crt_deinit(crt);
		w->by_rsa += inters[s].key.rsa;

		w->off[i - w->lo] = w->len;
		buf_append(w, pem.data, pem.size);
		if (sample_step && i % sample_step == 0 && i / sample_step < sample_max) {
			snprintf(path, sizeof path, "%s/leaf-%06zu.pem", leaves_dir, i);
			write_file(path, pem.data, pem.size);
		}
		gnutls_free(pem.data);
		if (w->lo == 0 && (i + 1) % 20000 == 0)
			fprintf(stderr, "gen-pki: thread 0: %zu/%zu leaves\n",
				i + 1 - w->lo, w->hi - w->lo);
	}
	w->off[w->hi - w->lo] = w->len;

	for (size_t k = 0; k < pool_size; k++)
		gnutls_x509_privkey_deinit(keys[k]);
	free(keys);
	for (size_t s = 0; s < n_inters; s++) {
		gnutls_privkey_deinit(ipriv[s]);
		gnutls_x509_crt_deinit(icrt[s]);
	}
	free(ipriv);
	free(icrt);
	return NULL;
}

/* splitmix64: the shuffle is a function of the seed only */
static uint64_t rng_state;
static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t gcd(size_t a, size_t b)
{
	while (b) {
		size_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

struct piece {
	const char *p;
	size_t n;
};

int main(int argc, char **argv)
{
	unsigned long n = 100000, per_root = 10, nthreads = 0, sample = 0;
	unsigned long seed = 1, speed_secs = 0;
	const char *out = NULL;
	int opt;

	n_roots = 20;
	pool_size = 64;
	while ((opt = getopt(argc, argv, "n:r:i:k:j:l:s:o:S:h")) != -1) {
		switch (opt) {
		case 'n': n = parse_ulong(optarg, 1, 100000000ul); break;
		case 'r': n_roots = parse_ulong(optarg, 1, 100000ul); break;
		case 'i': per_root = parse_ulong(optarg, 1, 10000ul); break;
		case 'k': pool_size = parse_ulong(optarg, 1, 100000ul); break;
		case 'j': nthreads = parse_ulong(optarg, 1, 256); break;
		case 'l': sample = parse_ulong(optarg, 0, 100000000ul); break;
		case 's': seed = parse_ulong(optarg, 0, ULONG_MAX - 1); break;
		case 'o': out = optarg; break;
		case 'S': speed_secs = parse_ulong(optarg, 1, 600); break;
		default: usage();
		}
	}
	if (optind != argc || (!out && !speed_secs))
		usage();
	CHECK(gnutls_global_init());

	if (speed_secs) {
		double r = verify_rate(1, (double)speed_secs);
		double e = verify_rate(0, (double)speed_secs);
		printf("gnutls_verify_per_s rsa2048=%.0f ecdsap256=%.0f\n", r, e);
		gnutls_global_deinit();
		return 0;
	}

	if (nthreads == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nthreads = c > 0 ? (unsigned long)c : 1;
	}
	n_inters = n_roots * per_root;

	/* versions per intermediate subject */
	size_t n_icerts = 0;
	inters = xcalloc(n_inters, sizeof *inters);
	for (size_t s = 0; s < n_inters; s++) {
		size_t j = s % per_root;
		inters[s].n_versions = 1 + (n_roots > 1 && (j % 10 == 1 || j % 10 == 3)) +
				       (j % 10 == 2 || j % 10 == 3);
		n_icerts += (size_t)inters[s].n_versions;
	}
	if (n <= n_roots + n_icerts)
		die("-n %lu leaves no room for leaves (%zu roots + %zu intermediate "
		    "certificates)", n, n_roots, n_icerts);
	n_leaves = n - n_roots - n_icerts;
	if (sample > n_leaves)
		sample = n_leaves;
	if (sample) {
		/* the largest step coprime with the number of issuers, so that the
		 * sample covers every issuer (hence the RSA/EC mix and every kind
		 * of version) rather than every step-th one */
		sample_step = n_leaves / sample;
		while (sample_step > 1 && gcd(sample_step, n_inters) != 1)
			sample_step--;
		sample_max = sample;
	}

	double t0 = now();
	mkdir_p(out);
	if (sample) {
		snprintf(leaves_dir, sizeof leaves_dir, "%s/leaves", out);
		mkdir_p(leaves_dir);
	}
	serial_prefix[0] = 0;
	CHECK(gnutls_rnd(GNUTLS_RND_NONCE, serial_prefix, sizeof serial_prefix));

	/* --- keys: one per CA (in parallel), and the leaf pool -------------- */
	size_t n_keys = n_roots + n_inters + pool_size;
	struct key *all = xcalloc(n_keys, sizeof *all);
	roots = xcalloc(n_roots, sizeof *roots);
	for (size_t r = 0; r < n_roots; r++)
		all[r].rsa = r % 4 == 0;
	for (size_t s = 0; s < n_inters; s++)
		all[n_roots + s].rsa = s % 4 == 0;
	gen_keys(all, n_keys, nthreads);
	for (size_t r = 0; r < n_roots; r++)
		roots[r].key = all[r];
	for (size_t s = 0; s < n_inters; s++)
		inters[s].key = all[n_roots + s];
	pool = all + n_roots + n_inters;
	double t1 = now();
	fprintf(stderr, "gen-pki: %zu keys in %.2fs\n", n_keys, t1 - t0);

	/* --- roots ------------------------------------------------------------ */
	char path[PATH_MAX];
	gnutls_datum_t pem;
	FILE *fr = xfopen(out, "roots.pem", path);
	gnutls_x509_crt_t *rcrt = xcalloc(n_roots, sizeof *rcrt);
	unsigned long roots_rsa = 0;
	for (size_t r = 0; r < n_roots; r++) {
		struct ca *ca = &roots[r];
		snprintf(ca->dn, sizeof ca->dn,
			 "CN=certdiag bench Root %zu,O=certdiag bench", r);
		gnutls_x509_crt_t crt;
		CHECK(gnutls_x509_crt_init(&crt));
		set_serial(crt, 1, r);
		CHECK(gnutls_x509_crt_set_dn(crt, ca->dn, NULL));
		set_ca_exts(crt, &ca->key, T2020, T2040);
		sign_with(crt, ca, crt);
		CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER, &ca->der));
		CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &pem));
		xfwrite(fr, pem.data, pem.size, path);
		gnutls_free(pem.data);
		rcrt[r] = crt;
		roots_rsa += ca->key.rsa;
	}
	xfclose(fr, path);

	/* --- intermediates, every version ------------------------------------ */
	struct icert *ic = xcalloc(n_icerts, sizeof *ic);
	size_t k = 0;
	unsigned long n_cross = 0, n_expired = 0, icerts_by_rsa = 0;
	unsigned long icerts_valid_by_rsa = 0, icerts_valid = 0;
	for (size_t s = 0; s < n_inters; s++) {
		size_t r = s / per_root, j = s % per_root;
		struct ca *ca = &inters[s];
		snprintf(ca->dn, sizeof ca->dn,
			 "CN=certdiag bench Intermediate %zu-%zu,OU=Root %zu,O=certdiag bench",
			 r, j, r);
		for (int kind = V_MAIN; kind <= V_EXPIRED; kind++) {
			if (kind == V_CROSS && !(n_roots > 1 && (j % 10 == 1 || j % 10 == 3)))
				continue;
			if (kind == V_EXPIRED && !(j % 10 == 2 || j % 10 == 3))
				continue;
			size_t root = kind == V_CROSS ? (r + 1) % n_roots : r;
			gnutls_x509_crt_t crt;
			CHECK(gnutls_x509_crt_init(&crt));
			set_serial(crt, 2, k);
			CHECK(gnutls_x509_crt_set_dn(crt, ca->dn, NULL));
			set_ca_exts(crt, &ca->key, kind == V_EXPIRED ? T2019 : T2024,
				    kind == V_EXPIRED ? T2025 : T2034);
			sign_with(crt, &roots[root], rcrt[root]);
			if (kind == V_MAIN)
				CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_DER,
							      &ca->der));
			ic[k] = (struct icert){ .sub = s, .root = root, .kind = kind };
			CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &ic[k].pem));
			gnutls_x509_crt_deinit(crt);
			n_cross += kind == V_CROSS;
			n_expired += kind == V_EXPIRED;
			icerts_by_rsa += roots[root].key.rsa;
			if (kind != V_EXPIRED) {
				icerts_valid++;
				icerts_valid_by_rsa += roots[root].key.rsa;
			}
			k++;
		}
	}
	FILE *fi = xfopen(out, "intermediates.pem", path);
	for (k = 0; k < n_icerts; k++)
		xfwrite(fi, ic[k].pem.data, ic[k].pem.size, path);
	xfclose(fi, path);
	for (size_t r = 0; r < n_roots; r++)
		gnutls_x509_crt_deinit(rcrt[r]);
	free(rcrt);
	double t2 = now();

	/* --- leaves ----------------------------------------------------------- */
	if (nthreads > n_leaves)
		nthreads = n_leaves;
	struct worker *ws = xcalloc(nthreads, sizeof *ws);
	for (size_t t = 0; t < nthreads; t++) {
		ws[t].lo = n_leaves * t / nthreads;
		ws[t].hi = n_leaves * (t + 1) / nthreads;
		int e = pthread_create(&ws[t].tid, NULL, leaf_work, &ws[t]);
		if (e)
			die("pthread_create: %s", strerror(e));
	}
	unsigned long leaves_by_rsa = 0, pairs_leaf_rsa = 0, pairs_leaf_ec = 0;
	for (size_t t = 0; t < nthreads; t++) {
		int e = pthread_join(ws[t].tid, NULL);
		if (e)
			die("pthread_join: %s", strerror(e));
		leaves_by_rsa += ws[t].by_rsa;
	}
	for (size_t i = 0; i < n_leaves; i++) {
		const struct ca *is = &inters[i % n_inters];
		if (is->key.rsa)
			pairs_leaf_rsa += (unsigned long)is->n_versions;
		else
			pairs_leaf_ec += (unsigned long)is->n_versions;
	}
	double t3 = now();

	/* --- pool.pem: intermediates + leaves, shuffled ----------------------- */
	size_t n_pool = n_icerts + n_leaves;
	struct piece *pc = xcalloc(n_pool, sizeof *pc);
	for (k = 0; k < n_icerts; k++)
		pc[k] = (struct piece){ (const char *)ic[k].pem.data, ic[k].pem.size };
	for (size_t t = 0, p = n_icerts; t < nthreads; t++)
		for (size_t i = 0; i < ws[t].hi - ws[t].lo; i++, p++)
			pc[p] = (struct piece){ ws[t].buf + ws[t].off[i],
						ws[t].off[i + 1] - ws[t].off[i] };
	rng_state = seed;
	for (size_t i = n_pool - 1; i > 0; i--) {
		size_t j = (size_t)(rng() % (i + 1));
		struct piece tmp = pc[i];
		pc[i] = pc[j];
		pc[j] = tmp;
	}
	FILE *fp = xfopen(out, "pool.pem", path);
	for (size_t i = 0; i < n_pool; i++)
		xfwrite(fp, pc[i].p, pc[i].n, path);
	xfclose(fp, path);
	free(pc);
	double t4 = now();

	/* --- stats ------------------------------------------------------------ */
	FILE *fs = xfopen(out, "stats.txt", path);
	fprintf(fs,
		"n=%lu\nroots=%zu\nroots_rsa=%lu\ninter_subjects=%zu\n"
		"inter_subjects_rsa=%zu\ninter_certs=%zu\ninter_cross=%lu\n"
		"inter_expired=%lu\ninter_certs_by_rsa_root=%lu\nleaves=%zu\n"
		"leaves_by_rsa_issuer=%lu\nsample=%lu\npool=%zu\n"
		"need_rsa=%lu\nneed_ec=%lu\n"
		"need_min_rsa=%lu\nneed_min_ec=%lu\n"
		"pairs_rsa=%lu\npairs_ec=%lu\n",
		n, n_roots, roots_rsa, n_inters, (n_inters + 3) / 4, n_icerts,
		n_cross, n_expired, icerts_by_rsa, n_leaves, leaves_by_rsa,
		sample, n_pool,
		/* every leaf once + every intermediate certificate once */
		leaves_by_rsa + icerts_by_rsa,
		(unsigned long)(n_leaves - leaves_by_rsa) +
			(unsigned long)(n_icerts - icerts_by_rsa),
		/* without the expired versions (no alternatives kept) */
		leaves_by_rsa + icerts_valid_by_rsa,
		(unsigned long)(n_leaves - leaves_by_rsa) +
			(icerts_valid - icerts_valid_by_rsa),
		pairs_leaf_rsa + icerts_by_rsa,
		pairs_leaf_ec + (unsigned long)(n_icerts - icerts_by_rsa));
	xfclose(fs, path);

	fprintf(stderr,
		"gen-pki: %lu certificates (%zu roots, %zu intermediate certs for "
		"%zu subjects, %zu leaves) in %.2fs with %lu thread%s "
		"(keys %.2fs, CAs %.2fs, leaves %.2fs = %.1f us/leaf wall, "
		"pool.pem %.2fs)\n",
		n, n_roots, n_icerts, n_inters, n_leaves, t4 - t0, nthreads,
		nthreads == 1 ? "" : "s", t1 - t0, t2 - t1, t3 - t2,
		(t3 - t2) * 1e6 / (double)n_leaves, t4 - t3);

	for (size_t t = 0; t < nthreads; t++) {
		free(ws[t].buf);
		free(ws[t].off);
	}
	free(ws);
	for (k = 0; k < n_icerts; k++)
		gnutls_free(ic[k].pem.data);
	free(ic);
	for (size_t r = 0; r < n_roots; r++)
		gnutls_free(roots[r].der.data);
	for (size_t s = 0; s < n_inters; s++)
		gnutls_free(inters[s].der.data);
	for (size_t i = 0; i < n_keys; i++)
		gnutls_x509_privkey_deinit(all[i].x509);
	free(all);
	free(roots);
	free(inters);
	gnutls_global_deinit();
	return 0;
}
