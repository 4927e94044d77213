/* passwords.c - passwords.h: read once, kept in memory only, wiped on release. */
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest/passwords.h"
#include "util/error.h"
#include "util/infile.h"
#include "util/str.h"

void cd_passwords_init(struct cd_passwords *p)
{
	memset(p, 0, sizeof(*p));
}

void cd_passwords_release(struct cd_passwords *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n; i++) {
		gnutls_memset(p->v[i], 0, strlen(p->v[i]));
		free(p->v[i]);
	}
	free(p->v);
	memset(p, 0, sizeof(*p));
}

static int add(struct cd_passwords *p, const char *s, size_t n)
{
	char **nv, *c;
	if (p->n >= CD_PASSWORDS_MAX)
		return CD_E_LIMIT;
	nv = realloc(p->v, (p->n + 1) * sizeof(*nv));
	if (!nv)
		return CD_E_NOMEM;
	p->v = nv;
	c = malloc(n + 1);
	if (!c)
		return CD_E_NOMEM;
	memcpy(c, s, n);
	c[n] = 0;
	p->v[p->n++] = c;
	return CD_OK;
}

static int fail(char **err, int rc, const char *fmt, const char *what, const char *why)
{
	char msg[600];
	snprintf(msg, sizeof(msg), fmt, what, why);
	*err = cd_strdup(msg);
	return rc;
}

int cd_passwords_load_file(struct cd_passwords *p, const char *path, char **err)
{
	struct stat st;
	int fd = cd_infile_open(path, 0, &st), rc = CD_OK;
	char *buf;
	ssize_t got;
	size_t len = 0;
	*err = NULL;
	if (fd < 0 || !S_ISREG(st.st_mode)) {
		char what[80];
		snprintf(what, sizeof(what), "a %s, not a regular file", cd_infile_type_name(st.st_mode));
		if (fd >= 0)
			close(fd);
		return fail(err, CD_E_IO, "cannot read password file '%s': %s", path,
			    fd >= 0 || fd == CD_E_UNSUPPORTED ? what : strerror(errno));
	}
	if ((uint64_t)st.st_size > CD_PASSWORDS_MAX_FILE) {
		close(fd);
		return fail(err, CD_E_LIMIT, "password file '%s' is over %s bytes: not read", path, "65536");
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return CD_E_NOMEM;
	}
	while (len < (size_t)st.st_size && (got = read(fd, buf + len, (size_t)st.st_size - len)) != 0) {
		if (got < 0) { /* not some of the passwords: none, and the file named */
			int e = errno;
			close(fd);
			gnutls_memset(buf, 0, len);
			free(buf);
			return fail(err, CD_E_IO, "cannot read password file '%s': %s", path, strerror(e));
		}
		len += (size_t)got;
	}
	close(fd);
	for (size_t i = 0; i < len && rc == CD_OK;) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - buf) : len, n = e - i;
		if (n && buf[i + n - 1] == '\r')
			n--;
		rc = add(p, buf + i, n);
		i = e + 1;
	}
	gnutls_memset(buf, 0, len);
	free(buf);
	if (rc == CD_E_LIMIT)
		return fail(err, rc, "password file '%s' holds more passwords than %s: not read on", path, "1000");
	return rc;
}

int cd_passwords_add_env(struct cd_passwords *p, const char *name, char **err)
{
	const char *v = getenv(name);
	int rc;
	*err = NULL;
	if (!v)
		return fail(err, CD_E_USAGE, "--password-env %s: %s", name, "no such environment variable is set");
	rc = add(p, v, strlen(v));
	if (rc == CD_E_LIMIT)
		return fail(err, rc, "--password-env %s: %s", name, "more passwords than 1000");
	return rc;
}
