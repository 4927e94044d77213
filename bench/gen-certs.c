/* gen-certs: write N distinct leaf certificates signed by one CA, for the
 * certdiag ingest benchmark.
 *
 *   gen-certs [-n N] [-k KEYS] [-j THREADS] [-o FILE.pem] [-d DIR] [-C]
 *
 * One CA (EC P-256, self-signed) and N leaves signed by it.  Leaves share a
 * pool of KEYS (default 64) pre-generated EC P-256 keys so that generation
 * is dominated by one ECDSA signature per certificate.  Each leaf has a
 * distinct serial, CN host-<i>.example.com, DNS SANs host-<i>.example.com
 * and alt-<i>.example.com, EKU serverAuth+clientAuth, SKI/AKI, and validity
 * 2025-01-01T00:00:00Z .. 2030-01-01T00:00:00Z.
 *
 *   -o FILE  one PEM file: the CA first (unless -C), then the N leaves.
 *   -d DIR   one PEM file per certificate: DIR/ca.pem (unless -C) and
 *            DIR/<i/1000, 3 digits>/host-<i>.pem, i.e. 1000 files per
 *            subdirectory.  DIR is created if missing.
 *   -C       do not write the CA certificate (outputs hold exactly N certs).
 *   -j T     worker threads (default: online CPUs).  Each thread signs a
 *            contiguous range of leaves with its own copies of the CA and key
 *            pool; FILE.pem is written in index order at the end (the PEM
 *            text of all leaves is held in memory, ~800 bytes/cert).
 *
 * Output is not deterministic (keys, serial prefix and ECDSA nonces are
 * random).  Progress goes to stderr.
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BENCH_PROG "gen-certs"
#include "bench-util.h"

#define NOT_BEFORE ((time_t)1735689600) /* 2025-01-01T00:00:00Z */
#define NOT_AFTER ((time_t)1893456000)  /* 2030-01-01T00:00:00Z */
#define PER_SUBDIR 1000u

struct key {
	gnutls_x509_privkey_t x509;
	unsigned char id[64];
	size_t id_size;
};

static void gen_key(struct key *k)
{
	CHECK(gnutls_x509_privkey_init(&k->x509));
	CHECK(gnutls_x509_privkey_generate(
		k->x509, GNUTLS_PK_ECDSA,
		GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0));
	k->id_size = sizeof k->id;
	CHECK(gnutls_x509_privkey_get_key_id(k->x509, 0, k->id, &k->id_size));
}

static void usage(void)
{
	fputs("usage: gen-certs [-n N] [-k KEYS] [-j THREADS] [-o FILE.pem] "
	      "[-d DIR] [-C]\n",
	      stderr);
	exit(2);
}

/* Shared, read-only after setup. */
static gnutls_datum_t ca_der;
static gnutls_x509_privkey_t ca_xkey;
static unsigned char ca_id[64];
static size_t ca_id_size;
static struct key *pool;
static unsigned long pool_size;
static unsigned char serial_prefix[8];
static const char *out_dir;
static int want_buf;

struct worker {
	pthread_t tid;
	unsigned long lo, hi;
	char *buf;
	size_t len, cap;
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

static void *work(void *arg)
{
	struct worker *w = arg;

	/* Private copies of everything gnutls touches, to stay clear of any
	 * thread-safety question about sharing structures. */
	gnutls_x509_crt_t ca;
	CHECK(gnutls_x509_crt_init(&ca));
	CHECK(gnutls_x509_crt_import(ca, &ca_der, GNUTLS_X509_FMT_DER));
	gnutls_x509_privkey_t cakey;
	CHECK(gnutls_x509_privkey_init(&cakey));
	CHECK(gnutls_x509_privkey_cpy(cakey, ca_xkey));
	gnutls_privkey_t ca_priv;
	CHECK(gnutls_privkey_init(&ca_priv));
	CHECK(gnutls_privkey_import_x509(ca_priv, cakey,
					 GNUTLS_PRIVKEY_IMPORT_AUTO_RELEASE));
	gnutls_x509_privkey_t *keys = calloc(pool_size, sizeof *keys);
	if (!keys)
		die("out of memory");
	for (unsigned long k = 0; k < pool_size; k++) {
		CHECK(gnutls_x509_privkey_init(&keys[k]));
		CHECK(gnutls_x509_privkey_cpy(keys[k], pool[k].x509));
	}

	/* Serial: 0x40, 7 random bytes shared by this run, 8-byte index:
	 * positive, 16 bytes, distinct within a run. */
	unsigned char serial[16];
	memcpy(serial, serial_prefix, 8);
	char name[96], path[PATH_MAX];
	gnutls_datum_t pem;

	for (unsigned long i = w->lo; i < w->hi; i++) {
		unsigned long k = i % pool_size;
		gnutls_x509_crt_t crt;
		CHECK(gnutls_x509_crt_init(&crt));
		CHECK(gnutls_x509_crt_set_version(crt, 3));
		for (int b = 0; b < 8; b++)
			serial[8 + b] = (unsigned char)((unsigned long long)i >>
						       (8 * (7 - b)));
		CHECK(gnutls_x509_crt_set_serial(crt, serial, sizeof serial));
		snprintf(name, sizeof name, "host-%lu.example.com", i);
		CHECK(gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME,
						    0, name, strlen(name)));
		CHECK(gnutls_x509_crt_set_subject_alt_name(
			crt, GNUTLS_SAN_DNSNAME, name, strlen(name),
			GNUTLS_FSAN_APPEND));
		snprintf(name, sizeof name, "alt-%lu.example.com", i);
		CHECK(gnutls_x509_crt_set_subject_alt_name(
			crt, GNUTLS_SAN_DNSNAME, name, strlen(name),
			GNUTLS_FSAN_APPEND));
		CHECK(gnutls_x509_crt_set_activation_time(crt, NOT_BEFORE));
		CHECK(gnutls_x509_crt_set_expiration_time(crt, NOT_AFTER));
		CHECK(gnutls_x509_crt_set_key(crt, keys[k]));
		CHECK(gnutls_x509_crt_set_basic_constraints(crt, 0, -1));
		CHECK(gnutls_x509_crt_set_key_usage(crt,
						    GNUTLS_KEY_DIGITAL_SIGNATURE));
		CHECK(gnutls_x509_crt_set_key_purpose_oid(
			crt, GNUTLS_KP_TLS_WWW_SERVER, 0));
		CHECK(gnutls_x509_crt_set_key_purpose_oid(
			crt, GNUTLS_KP_TLS_WWW_CLIENT, 0));
		CHECK(gnutls_x509_crt_set_subject_key_id(crt, pool[k].id,
							 pool[k].id_size));
		CHECK(gnutls_x509_crt_set_authority_key_id(crt, ca_id,
							   ca_id_size));
		CHECK(gnutls_x509_crt_privkey_sign(crt, ca, ca_priv,
						   GNUTLS_DIG_SHA256, 0));
		CHECK(gnutls_x509_crt_export2(crt, GNUTLS_X509_FMT_PEM, &pem));
		gnutls_x509_crt_deinit(crt);

		if (want_buf)
			buf_append(w, pem.data, pem.size);
		if (out_dir) {
			if (i % PER_SUBDIR == 0 || i == w->lo) {
				snprintf(path, sizeof path, "%s/%03lu", out_dir,
					 i / PER_SUBDIR);
				if (mkdir(path, 0777) < 0 && errno != EEXIST)
					die("mkdir %s: %s", path, strerror(errno));
			}
			snprintf(path, sizeof path, "%s/%03lu/host-%lu.pem", out_dir,
				 i / PER_SUBDIR, i);
			write_file(path, pem.data, pem.size);
		}
		gnutls_free(pem.data);

		if (w->lo == 0 && (i + 1) % 10000 == 0)
			fprintf(stderr, "gen-certs: thread 0: %lu/%lu\n",
				i + 1 - w->lo, w->hi - w->lo);
	}

	for (unsigned long k = 0; k < pool_size; k++)
		gnutls_x509_privkey_deinit(keys[k]);
	free(keys);
	gnutls_privkey_deinit(ca_priv);
	gnutls_x509_crt_deinit(ca);
	return NULL;
}

static void fwrite_all(FILE *fp, const void *p, size_t n, const char *name)
{
	if (n && fwrite(p, 1, n, fp) != n)
		die("write %s: %s", name, strerror(errno));
}

int main(int argc, char **argv)
{
	unsigned long n = 100000, nthreads = 0;
	const char *out_file = NULL;
	int with_ca = 1, opt;

	pool_size = 64;
	while ((opt = getopt(argc, argv, "n:k:j:o:d:Ch")) != -1) {
		switch (opt) {
		case 'n': n = parse_ulong(optarg, 1, 100000000ul); break;
		case 'k': pool_size = parse_ulong(optarg, 1, 100000ul); break;
		case 'j': nthreads = parse_ulong(optarg, 1, 256); break;
		case 'o': out_file = optarg; break;
		case 'd': out_dir = optarg; break;
		case 'C': with_ca = 0; break;
		default: usage();
		}
	}
	if (optind != argc || (!out_file && !out_dir))
		usage();
	if (nthreads == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nthreads = c > 0 ? (unsigned long)c : 1;
	}
	if (nthreads > n)
		nthreads = n;
	want_buf = out_file != NULL;

	CHECK(gnutls_global_init());
	double t0 = now();

	/* --- CA ------------------------------------------------------------ */
	struct key ca_key;
	gen_key(&ca_key);
	ca_xkey = ca_key.x509;
	memcpy(ca_id, ca_key.id, ca_key.id_size);
	ca_id_size = ca_key.id_size;
	gnutls_privkey_t ca_priv;
	CHECK(gnutls_privkey_init(&ca_priv));
	CHECK(gnutls_privkey_import_x509(ca_priv, ca_key.x509, 0));

	gnutls_x509_crt_t ca;
	CHECK(gnutls_x509_crt_init(&ca));
	CHECK(gnutls_x509_crt_set_version(ca, 3));
	unsigned char ca_serial[] = { 0x01, 0x00 };
	CHECK(gnutls_x509_crt_set_serial(ca, ca_serial, sizeof ca_serial));
	CHECK(gnutls_x509_crt_set_dn(ca, "CN=certdiag bench CA,O=certdiag bench",
				     NULL));
	CHECK(gnutls_x509_crt_set_activation_time(ca, NOT_BEFORE));
	CHECK(gnutls_x509_crt_set_expiration_time(ca, NOT_AFTER));
	CHECK(gnutls_x509_crt_set_key(ca, ca_key.x509));
	CHECK(gnutls_x509_crt_set_basic_constraints(ca, 1, -1));
	CHECK(gnutls_x509_crt_set_key_usage(
		ca, GNUTLS_KEY_KEY_CERT_SIGN | GNUTLS_KEY_CRL_SIGN |
			    GNUTLS_KEY_DIGITAL_SIGNATURE));
	CHECK(gnutls_x509_crt_set_subject_key_id(ca, ca_key.id, ca_key.id_size));
	CHECK(gnutls_x509_crt_privkey_sign(ca, ca, ca_priv, GNUTLS_DIG_SHA256, 0));
	CHECK(gnutls_x509_crt_export2(ca, GNUTLS_X509_FMT_DER, &ca_der));

	/* --- leaf key pool, serial prefix ---------------------------------- */
	pool = calloc(pool_size, sizeof *pool);
	if (!pool)
		die("out of memory");
	for (unsigned long k = 0; k < pool_size; k++)
		gen_key(&pool[k]);
	serial_prefix[0] = 0x40;
	CHECK(gnutls_rnd(GNUTLS_RND_NONCE, serial_prefix + 1, 7));

	/* --- outputs ------------------------------------------------------- */
	FILE *fp = NULL;
	if (out_file) {
		fp = fopen(out_file, "wb");
		if (!fp)
			die("open %s: %s", out_file, strerror(errno));
	}
	if (out_dir)
		mkdir_p(out_dir);

	gnutls_datum_t pem;
	char path[PATH_MAX];
	if (with_ca) {
		CHECK(gnutls_x509_crt_export2(ca, GNUTLS_X509_FMT_PEM, &pem));
		if (fp)
			fwrite_all(fp, pem.data, pem.size, out_file);
		if (out_dir) {
			snprintf(path, sizeof path, "%s/ca.pem", out_dir);
			write_file(path, pem.data, pem.size);
		}
		gnutls_free(pem.data);
	}

	/* --- leaves -------------------------------------------------------- */
	double t1 = now();
	struct worker *ws = calloc(nthreads, sizeof *ws);
	if (!ws)
		die("out of memory");
	for (unsigned long t = 0; t < nthreads; t++) {
		ws[t].lo = n * t / nthreads;
		ws[t].hi = n * (t + 1) / nthreads;
		int e = pthread_create(&ws[t].tid, NULL, work, &ws[t]);
		if (e)
			die("pthread_create: %s", strerror(e));
	}
	for (unsigned long t = 0; t < nthreads; t++) {
		int e = pthread_join(ws[t].tid, NULL);
		if (e)
			die("pthread_join: %s", strerror(e));
		if (fp)
			fwrite_all(fp, ws[t].buf, ws[t].len, out_file);
		free(ws[t].buf);
	}
	free(ws);
	if (fp && fclose(fp) != 0)
		die("close %s: %s", out_file, strerror(errno));
	double t2 = now();
	fprintf(stderr,
		"gen-certs: %lu leaves%s in %.2fs with %lu thread%s "
		"(%.1f us/cert wall; setup %.2fs)\n",
		n, with_ca ? " + CA" : "", t2 - t0, nthreads,
		nthreads == 1 ? "" : "s", (t2 - t1) * 1e6 / (double)n, t1 - t0);

	for (unsigned long k = 0; k < pool_size; k++)
		gnutls_x509_privkey_deinit(pool[k].x509);
	free(pool);
	gnutls_free(ca_der.data);
	gnutls_x509_crt_deinit(ca);
	gnutls_privkey_deinit(ca_priv);
	gnutls_x509_privkey_deinit(ca_key.x509);
	gnutls_global_deinit();
	return 0;
}
