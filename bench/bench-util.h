/* bench-util.h - what the benchmark generators share (gen-certs.c, gen-pki.c): fatal errors,
 * GnuTLS call checks, clocks, directories, whole-file writes, numeric options. Header-only so
 * that the bench scripts can still build one generator with a single cc command. Before including it,
 * define BENCH_PROG (the program name for messages) and declare `static void usage(void);`. */
#ifndef CD_BENCH_UTIL_H
#define CD_BENCH_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(BENCH_PROG ": ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

#define CHECK(expr)                                                                        \
	do {                                                                               \
		int rc_ = (expr);                                                          \
		if (rc_ < 0)                                                               \
			die("%s:%d: %s: %s", __FILE__, __LINE__, #expr, gnutls_strerror(rc_)); \
	} while (0)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf)
		die("bad directory '%s'", path);
	memcpy(buf, path, n + 1);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			die("mkdir %s: %s", buf, strerror(errno));
		*p = '/';
	}
	if (mkdir(buf, 0777) < 0 && errno != EEXIST)
		die("mkdir %s: %s", buf, strerror(errno));
}

static void write_file(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t off = 0;
	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	while (off < size) {
		ssize_t w = write(fd, (const char *)data + off, size - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			die("write %s: %s", path, strerror(errno));
		}
		off += (size_t)w;
	}
	if (close(fd) < 0)
		die("close %s: %s", path, strerror(errno));
}

static void usage(void);

/* A decimal option in [min, max], else usage(). */
static unsigned long parse_ulong(const char *s, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v < min || v > max)
		usage();
	return v;
}

#endif
