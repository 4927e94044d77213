/* buf.c - growable byte buffer with a maximum size. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"
#include "util/error.h"

void cd_buf_init(struct cd_buf *b, size_t max)
{
	b->data = NULL;
	b->len = b->cap = 0;
	b->max = max;
}

void cd_buf_release(struct cd_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

static int grow(struct cd_buf *b, size_t need)
{
	size_t ncap;
	uint8_t *p;
	if (need > b->max || need < b->len)
		return CD_E_LIMIT;
	if (need + 1 <= b->cap)
		return CD_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need + 1)
		ncap *= 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	p = realloc(b->data, ncap);
	if (!p)
		return CD_E_NOMEM;
	b->data = p;
	b->cap = ncap;
	return CD_OK;
}

int cd_buf_add(struct cd_buf *b, const void *p, size_t n)
{
	int rc = grow(b, b->len + n);
	if (rc < 0)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return CD_OK;
}

int cd_buf_addc(struct cd_buf *b, char ch)
{
	return cd_buf_add(b, &ch, 1);
}

int cd_buf_adds(struct cd_buf *b, const char *s)
{
	return cd_buf_add(b, s, strlen(s));
}

int cd_buf_vaddf(struct cd_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return CD_E_MALFORMED;
	int rc = grow(b, b->len + (size_t)n);
	if (rc < 0)
		return rc;
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return CD_OK;
}

int cd_buf_addf(struct cd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = cd_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *cd_buf_detach(struct cd_buf *b)
{
	char *p;
	if (!b->data && grow(b, 0) < 0)
		return NULL;
	if (!b->data)
		return NULL;
	b->data[b->len] = 0;
	p = (char *)b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
