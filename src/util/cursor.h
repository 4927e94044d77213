/* cursor.h - bounds-checked byte cursor in the style of BoringSSL's CBS.
 *
 * A cursor is a view {base, len, pos}; getters return CD_OK and advance only on success,
 * and "need more than remains" is a single comparison, never pointer arithmetic past the
 * end. The cursor does not own its bytes. */
#ifndef CD_UTIL_CURSOR_H
#define CD_UTIL_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include "util/error.h"

struct cd_cursor {
	const uint8_t *base; /* not owned */
	size_t len;
	size_t pos;
};

static inline void cd_cursor_init(struct cd_cursor *c, const uint8_t *p, size_t len)
{
	c->base = p;
	c->len = len;
	c->pos = 0;
}

static inline size_t cd_cursor_remaining(const struct cd_cursor *c)
{
	return c->len - c->pos;
}

static inline const uint8_t *cd_cursor_ptr(const struct cd_cursor *c)
{
	return c->base + c->pos;
}

static inline int cd_cursor_get_u8(struct cd_cursor *c, uint8_t *out)
{
	if (cd_cursor_remaining(c) < 1)
		return CD_E_TRUNCATED;
	*out = c->base[c->pos++];
	return CD_OK;
}

static inline int cd_cursor_peek_u8(const struct cd_cursor *c, uint8_t *out)
{
	if (cd_cursor_remaining(c) < 1)
		return CD_E_TRUNCATED;
	*out = c->base[c->pos];
	return CD_OK;
}

/* Take n bytes; *out points into the cursor's buffer. */
static inline int cd_cursor_get_bytes(struct cd_cursor *c, size_t n, const uint8_t **out)
{
	if (cd_cursor_remaining(c) < n)
		return CD_E_TRUNCATED;
	*out = c->base + c->pos;
	c->pos += n;
	return CD_OK;
}

static inline int cd_cursor_skip(struct cd_cursor *c, size_t n)
{
	if (cd_cursor_remaining(c) < n)
		return CD_E_TRUNCATED;
	c->pos += n;
	return CD_OK;
}

/* Big-endian (network order) integers, as every wire format here writes them. */
static inline int cd_cursor_get_u16(struct cd_cursor *c, uint16_t *out)
{
	if (cd_cursor_remaining(c) < 2)
		return CD_E_TRUNCATED;
	*out = (uint16_t)((unsigned)c->base[c->pos] << 8 | c->base[c->pos + 1]);
	c->pos += 2;
	return CD_OK;
}

static inline int cd_cursor_get_u24(struct cd_cursor *c, uint32_t *out)
{
	if (cd_cursor_remaining(c) < 3)
		return CD_E_TRUNCATED;
	*out = (uint32_t)c->base[c->pos] << 16 | (uint32_t)c->base[c->pos + 1] << 8 | c->base[c->pos + 2];
	c->pos += 3;
	return CD_OK;
}

static inline int cd_cursor_get_u32(struct cd_cursor *c, uint32_t *out)
{
	if (cd_cursor_remaining(c) < 4)
		return CD_E_TRUNCATED;
	*out = (uint32_t)c->base[c->pos] << 24 | (uint32_t)c->base[c->pos + 1] << 16 |
	       (uint32_t)c->base[c->pos + 2] << 8 | c->base[c->pos + 3];
	c->pos += 4;
	return CD_OK;
}

/* Little-endian 32-bit integer (pcapng blocks written on a little-endian host). */
static inline int cd_cursor_get_u32le(struct cd_cursor *c, uint32_t *out)
{
	if (cd_cursor_remaining(c) < 4)
		return CD_E_TRUNCATED;
	*out = (uint32_t)c->base[c->pos + 3] << 24 | (uint32_t)c->base[c->pos + 2] << 16 |
	       (uint32_t)c->base[c->pos + 1] << 8 | c->base[c->pos];
	c->pos += 4;
	return CD_OK;
}

/* A vector with a 1-, 2- or 3-byte big-endian length prefix (TLS's opaque<..> and lists,
 * RFC 8446 §3.4) as a sub-cursor over its body; advances past the whole vector only on
 * success. */
static inline int cd_cursor_get_prefixed(struct cd_cursor *c, int prefix_len, struct cd_cursor *out)
{
	size_t save = c->pos, n;
	const uint8_t *p;
	uint8_t b;
	uint16_t w;
	uint32_t t;
	int rc;
	if (prefix_len == 1) {
		rc = cd_cursor_get_u8(c, &b);
		n = b;
	} else if (prefix_len == 2) {
		rc = cd_cursor_get_u16(c, &w);
		n = w;
	} else {
		rc = cd_cursor_get_u24(c, &t);
		n = t;
	}
	if (rc == CD_OK)
		rc = cd_cursor_get_bytes(c, n, &p);
	if (rc != CD_OK) {
		c->pos = save;
		return rc;
	}
	cd_cursor_init(out, p, n);
	return CD_OK;
}

#endif
