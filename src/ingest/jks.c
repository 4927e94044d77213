/* jks.c - Java keystores (jks.h). The layout, as the JDK's sun.security.provider.JavaKeyStore
 * writes it (big-endian): magic u32, version u32 (1 or 2), count u32, then per entry a tag u32
 * (1 private key, 2 trusted certificate, 3 secret key: JCEKS only, a serialized Java object),
 * the alias (u16 length, modified UTF-8), a creation time (u64, ms); a private key entry has
 * its encrypted key (u32 length, EncryptedPrivateKeyInfo) and its chain (u32 count, then per
 * certificate - version 2: a u16-length type name, "X.509" - a u32 length and the DER); a
 * trusted certificate entry has one certificate in that form. 20 bytes of keyed SHA-1 end the
 * file. Every read goes through the cursor: a length past the end is "truncated at offset N". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest/ingest.h"
#include "ingest/jks.h"
#include "util/cursor.h"
#include "util/error.h"
#include "util/str.h"

#define JKS_MAGIC 0xFEEDFEEDu
#define JCEKS_MAGIC 0xCECECECEu
#define DIGEST_LEN 20

int cd_jks_bid(const uint8_t *p, size_t len)
{
	uint32_t magic, version;
	if (len < 12 + DIGEST_LEN)
		return 0;
	magic = cd_load_be32(p);
	version = cd_load_be32(p + 4);
	return (magic == JKS_MAGIC || magic == JCEKS_MAGIC) && (version == 1 || version == 2) ? CD_JKS_BID : 0;
}

struct rd {
	struct cd_model *m;
	const struct cd_source *src;
	const uint8_t *p;
	size_t len;
	const char *name; /* the file's base name */
	unsigned version;
};

/* an event at offset off of the file, its message printf-formatted after "NAME: " */
static int problem(struct rd *r, const char *rule, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int problem(struct rd *r, const char *rule, size_t off, const char *fmt, ...)
{
	char msg[700];
	struct cd_source s = *r->src;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	s.offset = r->src->offset + off;
	return cd_model_event(r->m, rule, &s, 1, SIZE_MAX, "%s: %s", r->name, msg) == CD_E_NOMEM ? CD_E_NOMEM : CD_OK;
}

/* one certificate of entry n (pos: its place in a chain, 0 for a trusted entry) */
static int cert(struct rd *r, struct cd_cursor *c, unsigned long n, const char *alias, unsigned pos)
{
	uint32_t cl;
	const uint8_t *der;
	size_t at;
	char where[700];
	struct cd_source s = *r->src;
	size_t idx;
	char *detail = NULL;
	int rc;
	if (r->version == 2) {
		struct cd_cursor type;
		if (cd_cursor_get_prefixed(c, 2, &type) < 0)
			return CD_E_TRUNCATED;
		if (cd_cursor_remaining(&type) != 5 || memcmp(cd_cursor_ptr(&type), "X.509", 5))
			return problem(r, "ingest.unsupported", c->pos,
				       "entry %lu \"%s\" holds a certificate that is not X.509: the entries from it on are not read",
				       n, alias) == CD_E_NOMEM ? CD_E_NOMEM : CD_E_UNSUPPORTED;
	}
	if (cd_cursor_get_u32(c, &cl) < 0)
		return CD_E_TRUNCATED;
	at = c->pos;
	if (cl > CD_LIMIT_OBJECT_BYTES || cd_cursor_get_bytes(c, cl, &der) < 0)
		return CD_E_TRUNCATED;
	if (pos)
		snprintf(where, sizeof(where), "%s, entry %lu \"%s\", private key, chain position %u", r->name, n, alias, pos);
	else
		snprintf(where, sizeof(where), "%s, entry %lu \"%s\", trusted certificate", r->name, n, alias);
	s.offset = r->src->offset + at;
	s.locator = where;
	s.position = (unsigned)n;
	s.pem_block = 0;
	s.container[0] = 0;
	rc = cd_model_add(r->m, CD_KIND_CERT, der, cl, &s, &idx, &detail);
	if (rc == CD_E_NOMEM) {
		free(detail);
		return rc;
	} else if (rc != CD_OK) {
		char msg[300];
		snprintf(msg, sizeof(msg), "%s", detail ? detail : cd_strerror(rc));
		rc = cd_model_event(r->m, rc == CD_E_LIMIT ? "ingest.limit-reached" : "ingest.unparseable", &s, 1, SIZE_MAX,
				    "%s: the certificate of entry %lu \"%s\" at offset %zu cannot be read: %s", r->name, n,
				    alias, at, msg) == CD_E_NOMEM ? CD_E_NOMEM : CD_OK;
		free(detail);
		return rc;
	}
	free(detail);
	return CD_OK;
}

static int entry(struct rd *r, struct cd_cursor *c, unsigned long n)
{
	uint32_t tag, kl, chain;
	struct cd_cursor a;
	const uint8_t *key;
	char *alias;
	int rc = CD_OK;
	if (cd_cursor_get_u32(c, &tag) < 0 || cd_cursor_get_prefixed(c, 2, &a) < 0)
		return CD_E_TRUNCATED;
	alias = cd_visible_text(cd_cursor_ptr(&a), cd_cursor_remaining(&a));
	if (!alias)
		return CD_E_NOMEM;
	if (cd_cursor_get_bytes(c, 8, &key) < 0) { /* the creation time, not used */
		rc = CD_E_TRUNCATED;
	} else if (tag == 2) {
		rc = cert(r, c, n, alias, 0);
	} else if (tag == 1) {
		size_t at;
		if (cd_cursor_get_u32(c, &kl) < 0 || (at = c->pos, cd_cursor_get_bytes(c, kl, &key)) < 0 ||
		    cd_cursor_get_u32(c, &chain) < 0) {
			rc = CD_E_TRUNCATED;
		} else {
			struct cd_source s = *r->src;
			char where[700];
			size_t idx;
			snprintf(where, sizeof(where), "%s, entry %lu \"%s\", private key", r->name, n, alias);
			s.offset = r->src->offset + at;
			s.locator = where;
			s.position = (unsigned)n;
			s.container[0] = 0;
			/* the key is encrypted with the keystore's scheme (a password per entry): it is
			 * counted and said, never opened */
			if (cd_model_add_key(r->m, key, kl, 1, "Java keystore", &s, &idx) < 0)
				rc = CD_E_NOMEM;
			else if (cd_model_event(r->m, "ingest.private-key", &s, 1, idx,
						"Java keystore private key (encrypted) found: %s", where) == CD_E_NOMEM)
				rc = CD_E_NOMEM;
			if (rc == CD_OK && chain > CD_LIMIT_JKS_CHAIN)
				rc = problem(r, "ingest.unparseable", c->pos - 4,
					     "entry %lu \"%s\" says its chain has %lu certificates (at most %u are read as a "
					     "chain): the entries from it on are not read",
					     n, alias, (unsigned long)chain, CD_LIMIT_JKS_CHAIN) == CD_E_NOMEM ? CD_E_NOMEM
													   : CD_E_MALFORMED;
			for (uint32_t i = 0; rc == CD_OK && i < chain; i++)
				rc = cert(r, c, n, alias, i + 1);
		}
	} else if (tag == 3) {
		rc = problem(r, "ingest.unsupported", c->pos,
			     "entry %lu \"%s\" is a JCEKS secret key (a serialized Java object): the entries from it on "
			     "are not read", n, alias) == CD_E_NOMEM ? CD_E_NOMEM : CD_E_UNSUPPORTED;
	} else {
		rc = problem(r, "ingest.unparseable", c->pos, "entry %lu has the tag %lu, none of 1, 2 and 3: the entries "
			     "from it on are not read", n, (unsigned long)tag) == CD_E_NOMEM ? CD_E_NOMEM : CD_E_MALFORMED;
	}
	free(alias);
	return rc;
}

int cd_jks_ingest_buffer(struct cd_model *m, const uint8_t *p, size_t len, const struct cd_source *src)
{
	struct rd r = {m, src, p, len, cd_path_base(src->path), 0};
	struct cd_cursor c;
	uint32_t magic, version, count;
	int rc = CD_OK;
	cd_cursor_init(&c, p, len >= DIGEST_LEN ? len - DIGEST_LEN : 0);
	if (cd_cursor_get_u32(&c, &magic) < 0 || cd_cursor_get_u32(&c, &version) < 0 ||
	    cd_cursor_get_u32(&c, &count) < 0)
		return problem(&r, "ingest.unparseable", len, "cut short at offset %zu: no entry count", len);
	r.version = version;
	if (count > CD_LIMIT_JKS_ENTRIES) {
		rc = problem(&r, "ingest.limit-reached", 8, "the keystore says it has %lu entries: only the first %u are read",
			     (unsigned long)count, CD_LIMIT_JKS_ENTRIES);
		if (rc < 0)
			return rc;
		count = CD_LIMIT_JKS_ENTRIES;
	}
	for (unsigned long n = 1; n <= count && rc == CD_OK; n++) {
		size_t at = c.pos;
		rc = entry(&r, &c, n);
		if (rc == CD_E_TRUNCATED)
			return problem(&r, "ingest.unparseable", at,
				       "entry %lu (from offset %zu) runs past the end of the file (%zu bytes, the last %d "
				       "of them the integrity digest): cut short or a length that lies; the entries from "
				       "it on are not read",
				       n, at, len, DIGEST_LEN);
	}
	if (rc == CD_E_NOMEM)
		return rc;
	if (rc == CD_OK && cd_cursor_remaining(&c))
		return problem(&r, "ingest.unparseable", c.pos,
			       "%zu bytes after the last entry, before the integrity digest: not read",
			       cd_cursor_remaining(&c));
	return CD_OK;
}
