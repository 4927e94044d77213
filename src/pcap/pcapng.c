/* pcapng.c - the Decryption Secrets Blocks of a pcapng file (draft-ietf-opsawg-pcapng §4.7,
 * secrets type 0x544c534b "TLS Key Log": the NSS key log format), found by walking the
 * block headers of every section in its own byte order through the cursor. */
#include <stdio.h>
#include <string.h>
#include "pcap/pcapng.h"
#include "util/cursor.h"
#include "util/error.h"

#define SHB 0x0A0D0D0AU
#define DSB 0x0000000AU
#define TLS_KEY_LOG 0x544c534bU
#define BYTE_ORDER_MAGIC 0x1A2B3C4DU

int cd_pcapng_is(const uint8_t *p, size_t len)
{
	return len >= 12 && p[0] == 0x0a && p[1] == 0x0d && p[2] == 0x0d && p[3] == 0x0a;
}

static int get32(struct cd_cursor *c, int le, uint32_t *v)
{
	return le ? cd_cursor_get_u32le(c, v) : cd_cursor_get_u32(c, v);
}

int cd_pcapng_secrets(const uint8_t *p, size_t len, struct cd_keylog *k, struct cd_model *m,
		      const struct cd_source *src)
{
	struct cd_cursor c;
	int le = 1, rc;
	unsigned blocks = 0;
	cd_cursor_init(&c, p, len);
	while (cd_cursor_remaining(&c) >= 12) {
		size_t start = c.pos;
		uint32_t type, total, magic;
		struct cd_cursor body;
		const uint8_t *bp;
		if (get32(&c, le, &type) < 0)
			break;
		if (type == SHB) { /* the byte-order magic after the length says this section's order */
			struct cd_cursor peek = c;
			if (cd_cursor_skip(&peek, 4) < 0 || cd_cursor_get_u32le(&peek, &magic) < 0)
				break;
			if (magic == BYTE_ORDER_MAGIC)
				le = 1;
			else if (magic == 0x4D3C2B1AU)
				le = 0;
			else
				break;
		}
		if (get32(&c, le, &total) < 0 || total < 12 || total % 4 || total - 8 > cd_cursor_remaining(&c))
			break;
		if (cd_cursor_get_bytes(&c, total - 8, &bp) < 0)
			break;
		if (type != DSB)
			continue;
		cd_cursor_init(&body, bp, total - 12); /* without the trailing length */
		{
			uint32_t stype, slen;
			const uint8_t *data;
			char where[600];
			struct cd_source s = *src;
			if (get32(&body, le, &stype) < 0 || get32(&body, le, &slen) < 0 ||
			    cd_cursor_get_bytes(&body, slen, &data) < 0)
				break;
			if (stype != TLS_KEY_LOG)
				continue; /* WireGuard, ZigBee, ... secrets: not TLS */
			if (++blocks > CD_PCAPNG_MAX_SECRETS_BLOCKS) {
				cd_model_event(m, "ingest.limit-reached", src, 0, SIZE_MAX,
					       "more than %u Decryption Secrets Blocks in one capture: the rest are not read",
					       CD_PCAPNG_MAX_SECRETS_BLOCKS);
				break;
			}
			snprintf(where, sizeof(where), "%s (Decryption Secrets Block %u)", src->path ? src->path : "",
				 blocks);
			s.offset = start + 16;
			rc = cd_keylog_parse(k, data, slen, where, m, &s);
			if (rc < 0)
				return rc;
		}
	}
	return CD_OK;
}
