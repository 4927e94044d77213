/* str.c - small string helpers. */
#include <ctype.h>
#include <stdio.h>
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

const char *cd_path_base(const char *path)
{
	const char *b = path ? strrchr(path, '/') : NULL, *x = path ? strrchr(path, '!') : NULL;
	if (x && (!b || x > b))
		b = x;
	return b ? b + 1 : path ? path : "";
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

size_t cd_utf8_seq(const unsigned char *p, size_t left)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;
	if (!left)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, lo = p[0] == 0xE0 ? 0xA0 : 0x80, hi = p[0] == 0xED ? 0x9F : 0xBF;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, lo = p[0] == 0xF0 ? 0x90 : 0x80, hi = p[0] == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	if (left < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 0;
	return n;
}

char *cd_visible_text(const uint8_t *p, size_t n)
{
	char *out = malloc(4 * n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0, k; i < n; i += k) {
		k = cd_utf8_seq(p + i, n - i);
		if (k && !(k == 1 && (p[i] < 0x20 || p[i] == 0x7f)) &&
		    !(k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)) { /* C1 controls U+0080..U+009F */
			memcpy(o, p + i, k);
			o += k;
		} else {
			k = 1;
			o += sprintf(o, "\\x%02x", p[i]);
		}
	}
	*o = 0;
	return out;
}

char *cd_ucs_to_utf8(const uint8_t *p, size_t n, int width)
{
	uint8_t *u;
	size_t m = 0;
	char *out;
	if ((width != 2 && width != 4) || n % (size_t)width)
		return NULL;
	u = malloc(n / (size_t)width * 4 + 1);
	if (!u)
		return NULL;
	for (size_t i = 0; i < n; i += (size_t)width) {
		uint32_t c = width == 2 ? (uint32_t)p[i] << 8 | p[i + 1]
					: (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
		if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
			free(u);
			return NULL;
		}
		if (c < 0x80) {
			u[m++] = (uint8_t)c;
		} else if (c < 0x800) {
			u[m++] = (uint8_t)(0xC0 | c >> 6);
			u[m++] = (uint8_t)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			u[m++] = (uint8_t)(0xE0 | c >> 12);
			u[m++] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
			u[m++] = (uint8_t)(0x80 | (c & 0x3F));
		} else {
			u[m++] = (uint8_t)(0xF0 | c >> 18);
			u[m++] = (uint8_t)(0x80 | (c >> 12 & 0x3F));
			u[m++] = (uint8_t)(0x80 | (c >> 6 & 0x3F));
			u[m++] = (uint8_t)(0x80 | (c & 0x3F));
		}
	}
	out = cd_visible_text(u, m);
	free(u);
	return out;
}
