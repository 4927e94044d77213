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

#endif
