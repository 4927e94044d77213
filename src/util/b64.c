/* b64.c - base64 decoding (RFC 4648 §4), tolerant of line breaks as PEM (RFC 7468) allows. */
#include <stdlib.h>
#include "util/b64.h"
#include "util/error.h"

static int val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

int cd_b64_decode(const char *in, size_t len, uint8_t **out, size_t *out_len, size_t *err_off)
{
	uint8_t *o = malloc(len / 4 * 3 + 3);
	size_t n = 0, pad = 0, pad_off = 0;
	uint32_t acc = 0;
	int k = 0;
	if (!o)
		return CD_E_NOMEM;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		int v;
		if (is_ws(c))
			continue;
		if (c == '=') {
			if (pad == 0)
				pad_off = i;
			pad++;
			continue;
		}
		v = val(c);
		if (v < 0 || pad) { /* bad character, or data after padding */
			*err_off = i;
			free(o);
			return CD_E_MALFORMED;
		}
		acc = (acc << 6) | (uint32_t)v;
		if (++k == 4) {
			o[n++] = (uint8_t)(acc >> 16);
			o[n++] = (uint8_t)(acc >> 8);
			o[n++] = (uint8_t)acc;
			acc = 0;
			k = 0;
		}
	}
	if (k == 1 || pad > 2 || (pad && (size_t)k + pad != 4)) {
		*err_off = pad ? pad_off : len;
		free(o);
		return CD_E_MALFORMED;
	}
	if (k == 2) {
		o[n++] = (uint8_t)(acc >> 4);
	} else if (k == 3) {
		o[n++] = (uint8_t)(acc >> 10);
		o[n++] = (uint8_t)(acc >> 2);
	}
	*out = o;
	*out_len = n;
	return CD_OK;
}

int cd_b64_looks_like(const char *in, size_t len, size_t min_chars)
{
	size_t alpha = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		if (val(c) >= 0)
			alpha++;
		else if (c != '=' && !is_ws(c))
			return 0;
	}
	return alpha >= min_chars;
}
