/* floor-gnutls: the ingest floor for the certdiag benchmark.
 *
 *   floor-gnutls [-f] PATH...
 *
 * For each PATH: a regular file is read fully into memory and handed to
 * gnutls_x509_crt_list_import2(..., GNUTLS_X509_FMT_PEM, 0); a directory is
 * walked recursively (nftw, not following symlinks) and every regular file
 * in it is imported the same way.  Nothing else is done with the
 * certificates: this is the least work any PEM ingest built on GnuTLS can
 * do, so it is the floor certdiag is measured against.
 *
 * By default all imported certificates are kept until the end (as a linter
 * has to, and as the single-file case does anyway); -f frees each file's
 * certificates right after importing them (constant memory for
 * directories).
 *
 * Prints "<certs> certificates in <files> files" on stdout.  Files that fail
 * to import are reported on stderr and make the exit status 1.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int free_each;
static unsigned long n_certs, n_files, n_errors;

/* All kept certificates, in one array: list_import2 returns each file's
 * certificates in a fresh array sized for at least 1024 entries, which would
 * add 8 KiB per file if kept. */
static gnutls_x509_crt_t *kept;
static size_t n_kept, cap_kept;

static int read_all(const char *path, gnutls_datum_t *out)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size : 4096, len = 0;
	unsigned char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		if (len == cap) { /* file grew, or st_size was 0 */
			unsigned char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				free(buf);
				close(fd);
				errno = ENOMEM;
				return -1;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	buf[len] = '\0';
	out->data = buf;
	out->size = (unsigned int)len;
	return 0;
}

static void import_file(const char *path)
{
	gnutls_datum_t data;
	if (read_all(path, &data) < 0) {
		fprintf(stderr, "floor-gnutls: %s: %s\n", path, strerror(errno));
		n_errors++;
		return;
	}
	n_files++;

	gnutls_x509_crt_t *crts = NULL;
	unsigned int n = 0;
	int ret = gnutls_x509_crt_list_import2(&crts, &n, &data,
					       GNUTLS_X509_FMT_PEM, 0);
	free(data.data);
	if (ret < 0) {
		fprintf(stderr, "floor-gnutls: %s: %s\n", path,
			gnutls_strerror(ret));
		n_errors++;
		return;
	}
	n_certs += n;

	if (free_each) {
		for (unsigned int i = 0; i < n; i++)
			gnutls_x509_crt_deinit(crts[i]);
		gnutls_free(crts);
		return;
	}
	if (n_kept + n > cap_kept) {
		size_t cap = cap_kept ? cap_kept : 1024;
		while (cap < n_kept + n)
			cap *= 2;
		gnutls_x509_crt_t *nk = realloc(kept, cap * sizeof *nk);
		if (!nk) {
			fputs("floor-gnutls: out of memory\n", stderr);
			exit(2);
		}
		kept = nk;
		cap_kept = cap;
	}
	memcpy(kept + n_kept, crts, n * sizeof *crts);
	n_kept += n;
	gnutls_free(crts);
}

static int visit(const char *path, const struct stat *st, int type,
		 struct FTW *ftw)
{
	(void)ftw;
	if (type == FTW_F && S_ISREG(st->st_mode))
		import_file(path);
	else if (type == FTW_DNR || type == FTW_NS) {
		fprintf(stderr, "floor-gnutls: %s: cannot read\n", path);
		n_errors++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int opt;
	while ((opt = getopt(argc, argv, "fh")) != -1) {
		switch (opt) {
		case 'f': free_each = 1; break;
		default:
			fputs("usage: floor-gnutls [-f] PATH...\n", stderr);
			return 2;
		}
	}
	if (optind == argc) {
		fputs("usage: floor-gnutls [-f] PATH...\n", stderr);
		return 2;
	}

	int ret = gnutls_global_init();
	if (ret < 0) {
		fprintf(stderr, "floor-gnutls: %s\n", gnutls_strerror(ret));
		return 2;
	}

	for (int a = optind; a < argc; a++) {
		struct stat st;
		if (stat(argv[a], &st) < 0) {
			fprintf(stderr, "floor-gnutls: %s: %s\n", argv[a],
				strerror(errno));
			n_errors++;
		} else if (S_ISDIR(st.st_mode)) {
			if (nftw(argv[a], visit, 64, FTW_PHYS) < 0) {
				fprintf(stderr, "floor-gnutls: %s: %s\n", argv[a],
					strerror(errno));
				n_errors++;
			}
		} else {
			import_file(argv[a]);
		}
	}

	printf("%lu certificates in %lu files\n", n_certs, n_files);

	for (size_t i = 0; i < n_kept; i++)
		gnutls_x509_crt_deinit(kept[i]);
	free(kept);
	gnutls_global_deinit();
	return n_errors ? 1 : 0;
}
