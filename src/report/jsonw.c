/* jsonw.c - streaming JSON writer (RFC 8259 §7 string escapes, ASCII output). */
#include <stdio.h>
#include <string.h>
#include "report/jsonw.h"

void cd_jw_init(struct cd_jw *w, FILE *f, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->pretty = pretty;
	w->empty[0] = 1;
}

static void newline(struct cd_jw *w)
{
	if (!w->pretty)
		return;
	putc_unlocked('\n', w->f);
	for (int i = 0; i < w->depth; i++) {
		putc_unlocked(' ', w->f);
		putc_unlocked(' ', w->f);
	}
}

/* Before a value or a key: the separator and the indentation (nothing right after a key). */
static void before(struct cd_jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (!w->empty[w->depth])
			putc_unlocked(',', w->f);
		newline(w);
	}
	w->empty[w->depth] = 0;
}

static void open_(struct cd_jw *w, char c, char close)
{
	before(w);
	putc_unlocked(c, w->f);
	if (w->depth < CD_JW_MAX_DEPTH)
		w->depth++;
	w->empty[w->depth] = 1;
	w->close[w->depth] = close;
}

void cd_jw_object(struct cd_jw *w)
{
	open_(w, '{', '}');
}

void cd_jw_array(struct cd_jw *w)
{
	open_(w, '[', ']');
}

void cd_jw_end(struct cd_jw *w)
{
	char c = w->close[w->depth];
	int was_empty = w->empty[w->depth];
	if (w->depth == 0)
		return;
	w->depth--;
	if (!was_empty)
		newline(w);
	putc_unlocked(c, w->f);
	if (w->depth == 0)
		putc_unlocked('\n', w->f);
}

static void raw_string(struct cd_jw *w, const char *s, size_t n)
{
	static const char HEX[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	FILE *f = w->f;
	putc_unlocked('"', f);
	while (p < end) {
		unsigned c = *p, cp;
		size_t len;
		if (c >= 0x20 && c < 0x7f) {
			if (c == '"' || c == '\\')
				putc_unlocked('\\', f);
			putc_unlocked((int)c, f);
			p++;
			continue;
		}
		if (c < 0x80) {
			const char *e = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
			if (e) {
				fputs(e, f);
			} else {
				fputs("\\u00", f);
				putc_unlocked(HEX[c >> 4], f);
				putc_unlocked(HEX[c & 15], f);
			}
			p++;
			continue;
		}
		/* UTF-8 (RFC 3629): decode one code point; anything else is U+FFFD */
		len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
		cp = 0xfffd;
		if (len && (size_t)(end - p) >= len && c < 0xf5) {
			unsigned v = c & (0xff >> (len + 1));
			size_t k;
			for (k = 1; k < len && (p[k] & 0xc0) == 0x80; k++)
				v = (v << 6) | (p[k] & 0x3f);
			if (k == len && !(len == 3 && v < 0x800) && !(len == 4 && (v < 0x10000 || v > 0x10ffff)) &&
			    !(v >= 0xd800 && v < 0xe000)) {
				cp = v;
				p += len;
			} else {
				p++;
			}
		} else {
			p++;
		}
		if (cp >= 0x10000) { /* surrogate pair */
			unsigned hi = 0xd800 + ((cp - 0x10000) >> 10), lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
			fprintf(f, "\\u%04x\\u%04x", hi, lo);
		} else {
			fprintf(f, "\\u%04x", cp);
		}
	}
	putc_unlocked('"', f);
}

void cd_jw_key(struct cd_jw *w, const char *key)
{
	before(w);
	raw_string(w, key, strlen(key));
	putc_unlocked(':', w->f);
	if (w->pretty)
		putc_unlocked(' ', w->f);
	w->after_key = 1;
}

void cd_jw_strn(struct cd_jw *w, const char *s, size_t n)
{
	before(w);
	raw_string(w, s, n);
}

void cd_jw_str(struct cd_jw *w, const char *s)
{
	if (!s) {
		cd_jw_null(w);
		return;
	}
	cd_jw_strn(w, s, strlen(s));
}

void cd_jw_int(struct cd_jw *w, long long v)
{
	before(w);
	fprintf(w->f, "%lld", v);
}

void cd_jw_bool(struct cd_jw *w, int v)
{
	before(w);
	fputs(v ? "true" : "false", w->f);
}

void cd_jw_null(struct cd_jw *w)
{
	before(w);
	fputs("null", w->f);
}

void cd_jw_hex(struct cd_jw *w, const uint8_t *p, size_t n)
{
	static const char HEX[] = "0123456789abcdef";
	if (!n) {
		cd_jw_null(w);
		return;
	}
	before(w);
	putc_unlocked('"', w->f);
	for (size_t i = 0; i < n; i++) {
		putc_unlocked(HEX[p[i] >> 4], w->f);
		putc_unlocked(HEX[p[i] & 15], w->f);
	}
	putc_unlocked('"', w->f);
}

void cd_jw_value(struct cd_jw *w, const json_t *v)
{
	if (!v) {
		cd_jw_null(w);
		return;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		/* jansson keeps insertion order */
		cd_jw_object(w);
		json_object_foreach((json_t *)v, k, x) {
			cd_jw_key(w, k);
			cd_jw_value(w, x);
		}
		cd_jw_end(w);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		cd_jw_array(w);
		json_array_foreach(v, i, x)
			cd_jw_value(w, x);
		cd_jw_end(w);
		break;
	}
	case JSON_STRING: cd_jw_strn(w, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: cd_jw_int(w, (long long)json_integer_value(v)); break;
	case JSON_REAL:
		before(w);
		fprintf(w->f, "%.17g", json_real_value(v));
		break;
	case JSON_TRUE: cd_jw_bool(w, 1); break;
	case JSON_FALSE: cd_jw_bool(w, 0); break;
	default: cd_jw_null(w); break;
	}
}
