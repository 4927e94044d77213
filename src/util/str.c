/* str.c - small string helpers. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "util/error.h"
#include "util/str.h"

void cd_hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

char *cd_hex_new(const uint8_t *p, size_t n, int colons)
{
	static const char d[] = "0123456789abcdef";
	char *o = malloc(n * 3 + 1);
	size_t k = 0;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (colons && i)
			o[k++] = ':';
		o[k++] = d[p[i] >> 4];
		o[k++] = d[p[i] & 15];
	}
	o[k] = 0;
	return o;
}

char *cd_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *cd_strndup(const char *s, size_t n)
{
	char *o = malloc(n + 1);
	if (!o)
		return NULL;
	memcpy(o, s, n);
	o[n] = 0;
	return o;
}

size_t cd_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;
		memcpy(dst, src, k);
		dst[k] = 0;
	}
	return n;
}

int cd_strcaseeq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

int cd_str_endswith_ci(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

int cd_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;
	if (!s || !isdigit((unsigned char)s[0]))
		return CD_E_USAGE;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return CD_E_USAGE;
	*out = v;
	return CD_OK;
}

const char *cd_strerror(int err)
{
	switch (err) {
	case CD_OK: return "success";
	case CD_E_NOMEM: return "out of memory";
	case CD_E_TRUNCATED: return "truncated";
	case CD_E_MALFORMED: return "malformed";
	case CD_E_UNSUPPORTED: return "unsupported";
	case CD_E_IO: return "read error";
	case CD_E_LIMIT: return "limit reached";
	case CD_E_USAGE: return "usage error";
	default: return "unknown error";
	}
}

const char *cd_path_skip_dot(const char *p)
{
	for (;;) {
		if (p[0] == '.' && p[1] == '/') {
			p += 2;
			while (*p == '/')
				p++;
		} else if (p[0] == '.' && p[1] == 0) {
			return p + 1;
		} else {
			return p;
		}
	}
}
