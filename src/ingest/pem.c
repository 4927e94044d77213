/* pem.c - PEM block scanner (RFC 7468 §2-3, with the lax parsing §2 recommends: text before,
 * between and after blocks, CRLF or LF line ends, a missing final newline, RFC 1421 headers). */
#include <string.h>
#include "ingest/pem.h"
#include "util/error.h"

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";
#define DASHES "-----"

/* Offset of the next line start at or after i. */
static size_t next_line(const uint8_t *p, size_t len, size_t i)
{
	const uint8_t *nl = i < len ? memchr(p + i, '\n', len - i) : NULL;
	return nl ? (size_t)(nl - p) + 1 : len;
}

/* Find `pat` at the start of a line (after optional spaces/tabs, and a UTF-8 byte-order mark:
 * Windows editors write one at the start of a file, and files concatenated with `cat` or
 * `type` carry it at the start of each part's first line) at or after *i. */
static int find_line_marker(const uint8_t *p, size_t len, size_t from, const char *pat,
			    size_t *line_start, size_t *marker)
{
	size_t pl = strlen(pat);
	size_t i = from;
	while (i < len) {
		const uint8_t *hit = memmem(p + i, len - i, pat, pl);
		size_t h, ls;
		if (!hit)
			return 0;
		h = (size_t)(hit - p);
		ls = h;
		while (ls > 0 && (p[ls - 1] == ' ' || p[ls - 1] == '\t'))
			ls--;
		if (ls >= 3 && p[ls - 3] == 0xef && p[ls - 2] == 0xbb && p[ls - 1] == 0xbf)
			ls -= 3;
		if (ls == 0 || p[ls - 1] == '\n' || p[ls - 1] == '\r') {
			*line_start = ls;
			*marker = h;
			return 1;
		}
		i = h + 1;
	}
	return 0;
}

/* Read "LABEL-----" at q; returns label length or -1. */
static int read_label(const uint8_t *p, size_t len, size_t q, char *label)
{
	size_t k = 0;
	while (q + k < len && k <= CD_PEM_MAX_LABEL) {
		uint8_t c = p[q + k];
		if (c == '-') {
			if (q + k + 5 <= len && memcmp(p + q + k, DASHES, 5) == 0 && k > 0) {
				memcpy(label, p + q, k);
				label[k] = 0;
				return (int)k;
			}
			if (k == 0)
				return -1;
		}
		if (c == '\n' || c == '\r' || c < 0x20 || c > 0x7e)
			return -1;
		k++;
	}
	return -1;
}

int cd_pem_next(const uint8_t *p, size_t len, size_t *pos, struct cd_pem_block *b,
		size_t *err_off)
{
	size_t ls, mk, q, body, i;
	char endlabel[CD_PEM_MAX_LABEL + 1];
	int n;

	memset(b, 0, sizeof(*b));
	if (!find_line_marker(p, len, *pos, BEGIN, &ls, &mk))
		return 0;
	q = mk + sizeof(BEGIN) - 1;
	n = read_label(p, len, q, b->label);
	b->begin = ls;
	if (n < 0) {
		*err_off = ls;
		*pos = next_line(p, len, mk);
		return CD_E_MALFORMED;
	}
	body = next_line(p, len, q + (size_t)n + 5);
	/* RFC 1421 headers: "Name: value" lines up to a blank line */
	i = body;
	if (i < len) {
		size_t le = next_line(p, len, i);
		const uint8_t *colon = memchr(p + i, ':', le - i);
		if (colon) {
			while (i < len) {
				le = next_line(p, len, i);
				if (le - i >= 10 && memcmp(p + i, "Proc-Type:", 10) == 0 &&
				    memmem(p + i, le - i, "ENCRYPTED", 9))
					b->proc_encrypted = 1;
				if (!memchr(p + i, ':', le - i)) { /* blank line or body begins */
					size_t k = i;
					while (k < le && (p[k] == '\r' || p[k] == '\n' || p[k] == ' '))
						k++;
					if (k == le) /* the blank line that ends the headers */
						i = le;
					break;
				}
				i = le;
			}
			body = i;
		}
	}
	if (!find_line_marker(p, len, body, END, &ls, &mk)) {
		*err_off = b->begin;
		*pos = len;
		return CD_E_TRUNCATED;
	}
	/* a second BEGIN before the END means this block lost its END line */
	{
		size_t ls2, mk2;
		if (find_line_marker(p, len, body, BEGIN, &ls2, &mk2) && mk2 < mk) {
			*err_off = b->begin;
			*pos = ls2;
			return CD_E_TRUNCATED;
		}
	}
	b->body = body;
	b->body_len = ls - body;
	q = mk + sizeof(END) - 1;
	n = read_label(p, len, q, endlabel);
	b->end = n < 0 ? next_line(p, len, mk) : next_line(p, len, q + (size_t)n + 5);
	*pos = b->end;
	if (n < 0 || strcmp(endlabel, b->label) != 0) {
		*err_off = ls;
		return CD_E_MALFORMED;
	}
	return 1;
}
