/* visible.c - visible.h, over glibc's fopencookie. An escape sequence may arrive split across
 * two writes: the start of one (ESC and what follows, at most 5 bytes) is held until it is
 * known to be one of ours or not. */
#include <stdlib.h>
#include <string.h>
#include "util/visible.h"

struct vis {
	FILE *under;
	int allow_sgr;
	char held[8];
	size_t n_held;
};

static const char *const SGR[] = {"\033[0m", "\033[1m", "\033[2m", "\033[31m", "\033[32m", "\033[33m", "\033[36m"};

/* 1: held is one of SGR; 0: a prefix of one, wait; -1: none */
static int sgr_match(const char *p, size_t n)
{
	int prefix = 0;
	for (size_t i = 0; i < sizeof(SGR) / sizeof(SGR[0]); i++) {
		size_t l = strlen(SGR[i]);
		if (n == l && !memcmp(p, SGR[i], l))
			return 1;
		if (n < l && !memcmp(p, SGR[i], n))
			prefix = 1;
	}
	return prefix ? 0 : -1;
}

/* the bytes of one write, escaped, go out in one fwrite: the real stderr is unbuffered */
struct outbuf {
	char *p;
	size_t n;
};

static void put_escaped(struct outbuf *o, unsigned char ch)
{
	static const char HEXD[] = "0123456789abcdef";
	if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f) {
		o->p[o->n++] = '\\';
		o->p[o->n++] = 'x';
		o->p[o->n++] = HEXD[ch >> 4];
		o->p[o->n++] = HEXD[ch & 15];
	} else {
		o->p[o->n++] = (char)ch;
	}
}

/* the held bytes are not a colour of ours: the ESC escaped, the rest written as they are */
static void release_held(struct vis *v, struct outbuf *o)
{
	for (size_t i = 0; i < v->n_held; i++)
		put_escaped(o, (unsigned char)v->held[i]);
	v->n_held = 0;
}

static ssize_t vis_write(void *cookie, const char *buf, size_t size)
{
	struct vis *v = cookie;
	/* at most 4 bytes out for each byte in, held ones included */
	struct outbuf o = {malloc(4 * (size + sizeof(v->held)) + 1), 0};
	if (!o.p)
		return -1;
	for (size_t i = 0; i < size; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (v->n_held) {
			int m;
			v->held[v->n_held++] = (char)ch;
			m = sgr_match(v->held, v->n_held);
			if (m == 1) {
				memcpy(o.p + o.n, v->held, v->n_held);
				o.n += v->n_held;
				v->n_held = 0;
			} else if (m < 0) {
				release_held(v, &o);
			}
			continue;
		}
		if (ch == 0x1b && v->allow_sgr) {
			v->held[v->n_held++] = (char)ch;
			continue;
		}
		put_escaped(&o, ch);
	}
	if (o.n && fwrite(o.p, 1, o.n, v->under) != o.n) {
		free(o.p);
		return -1;
	}
	free(o.p);
	return (ssize_t)size;
}

static int vis_close(void *cookie)
{
	struct vis *v = cookie;
	char tmp[4 * sizeof(v->held) + 1];
	struct outbuf o = {tmp, 0};
	int rc = 0;
	release_held(v, &o);
	if ((o.n && fwrite(o.p, 1, o.n, v->under) != o.n) || fflush(v->under) == EOF)
		rc = -1;
	free(v);
	return rc;
}

FILE *cd_visible_stream(FILE *under, int allow_sgr)
{
	cookie_io_functions_t io = {NULL, vis_write, NULL, vis_close};
	struct vis *v = calloc(1, sizeof(*v));
	FILE *f;
	if (!v)
		return NULL;
	v->under = under;
	v->allow_sgr = allow_sgr;
	f = fopencookie(v, "w", io);
	if (!f)
		free(v);
	return f;
}
