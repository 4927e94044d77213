/* keylog.c - the NSS key log format (NSS "Key Log Format"; the labels of RFC 8446 §7.1 and
 * draft-ietf-tls-keylogfile): one "LABEL CLIENT_RANDOM SECRET" line per secret, indexed by
 * the 32-byte ClientHello random. Lines are read through the cursor within named limits; a
 * malformed line is an event naming its line number and never its content (it may hold a
 * secret). Secrets are wiped with gnutls_memset when released. */
#include <errno.h>
#include <fcntl.h>
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "pcap/keylog.h"
#include "util/cursor.h"
#include "util/error.h"
#include "util/infile.h"
#include "util/str.h"

void cd_keylog_init(struct cd_keylog *k)
{
	memset(k, 0, sizeof(*k));
}

void cd_keylog_release(struct cd_keylog *k)
{
	if (!k)
		return;
	if (k->v)
		gnutls_memset(k->v, 0, k->cap * sizeof(*k->v));
	free(k->v);
	free(k->index);
	for (size_t i = 0; i < k->n_sources; i++)
		free(k->sources[i]);
	free(k->sources);
	memset(k, 0, sizeof(*k));
}

static size_t slot_of(const uint8_t random[32], size_t cap)
{
	uint64_t h = 0;
	for (int i = 0; i < 8; i++) /* the random is random: its first bytes hash well */
		h = h << 8 | random[i];
	return (size_t)(h * 0x9e3779b97f4a7c15ULL >> 17) & (cap - 1);
}

const struct cd_keylog_entry *cd_keylog_find(const struct cd_keylog *k, const uint8_t random[32])
{
	if (!k || !k->index_cap)
		return NULL;
	for (size_t s = slot_of(random, k->index_cap);; s = (s + 1) & (k->index_cap - 1)) {
		if (k->index[s] == SIZE_MAX)
			return NULL;
		if (!memcmp(k->v[k->index[s]].random, random, 32))
			return &k->v[k->index[s]];
	}
}

static int index_grow(struct cd_keylog *k)
{
	size_t cap = k->index_cap ? k->index_cap * 2 : 256;
	size_t *ni = malloc(cap * sizeof(*ni));
	if (!ni)
		return CD_E_NOMEM;
	for (size_t i = 0; i < cap; i++)
		ni[i] = SIZE_MAX;
	for (size_t i = 0; i < k->n; i++) {
		size_t s = slot_of(k->v[i].random, cap);
		while (ni[s] != SIZE_MAX)
			s = (s + 1) & (cap - 1);
		ni[s] = i;
	}
	free(k->index);
	k->index = ni;
	k->index_cap = cap;
	return CD_OK;
}

/* the entry for random, created when missing; NULL: out of memory or over the limit (*full) */
static struct cd_keylog_entry *entry_for(struct cd_keylog *k, const uint8_t random[32], int *full)
{
	struct cd_keylog_entry *e = (struct cd_keylog_entry *)cd_keylog_find(k, random);
	size_t s;
	*full = 0;
	if (e)
		return e;
	if (k->n >= CD_KEYLOG_MAX_CLIENTS) {
		*full = 1;
		return NULL;
	}
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		struct cd_keylog_entry *nv = malloc(cap * sizeof(*nv));
		if (!nv)
			return NULL;
		if (k->n)
			memcpy(nv, k->v, k->n * sizeof(*nv));
		if (k->v) /* the old copy held secrets too */
			gnutls_memset(k->v, 0, k->cap * sizeof(*k->v));
		free(k->v);
		k->v = nv;
		k->cap = cap;
	}
	if ((k->n + 1) * 2 > k->index_cap && index_grow(k) < 0)
		return NULL;
	e = &k->v[k->n];
	memset(e, 0, sizeof(*e));
	memcpy(e->random, random, 32);
	s = slot_of(random, k->index_cap);
	while (k->index[s] != SIZE_MAX)
		s = (s + 1) & (k->index_cap - 1);
	k->index[s] = k->n++;
	return e;
}

/* hexadecimal digit values, 16 for anything else (a key log has megabytes of them) */
static uint8_t HEX[256];

static void hex_table(void)
{
	if (HEX[0] == 16)
		return;
	memset(HEX, 16, sizeof(HEX));
	for (int i = 0; i < 10; i++)
		HEX['0' + i] = (uint8_t)i;
	for (int i = 0; i < 6; i++)
		HEX['a' + i] = HEX['A' + i] = (uint8_t)(10 + i);
}

/* n hex digits at p into out (n/2 bytes); 0 when one is not a hex digit */
static int unhex(const uint8_t *p, size_t n, uint8_t *out)
{
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint8_t hi = HEX[p[i]], lo = HEX[p[i + 1]];
		if ((hi | lo) & 16)
			return 0;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return 1;
}

/* next field of a line: bytes up to a space or tab, skipping the separators before it */
static int field(struct cd_cursor *c, const uint8_t **p, size_t *n)
{
	const uint8_t *b = cd_cursor_ptr(c);
	size_t left = cd_cursor_remaining(c), i = 0, j;
	while (i < left && (b[i] == ' ' || b[i] == '\t'))
		i++;
	for (j = i; j < left && b[j] != ' ' && b[j] != '\t'; j++)
		;
	*p = b + i;
	*n = j - i;
	cd_cursor_skip(c, j);
	return *n > 0;
}

static const struct {
	const char *label;
	size_t len;
	int use; /* enum cd_keylog_label, or -1: known, checked, not used */
	size_t secret_min, secret_max; /* bytes */
} LABELS[] = {
#define L(s) s, sizeof(s) - 1
	{L("CLIENT_HANDSHAKE_TRAFFIC_SECRET"), CD_KL_CLIENT_HS, 32, 64},
	{L("SERVER_HANDSHAKE_TRAFFIC_SECRET"), CD_KL_SERVER_HS, 32, 64},
	{L("CLIENT_TRAFFIC_SECRET_0"), CD_KL_CLIENT_APP, 32, 64},
	{L("SERVER_TRAFFIC_SECRET_0"), CD_KL_SERVER_APP, 32, 64},
	{L("CLIENT_EARLY_TRAFFIC_SECRET"), -1, 32, 64},
	{L("EARLY_EXPORTER_SECRET"), -1, 32, 64},
	{L("EXPORTER_SECRET"), -1, 32, 64},
	{L("CLIENT_RANDOM"), -1, 48, 48}, /* TLS 1.2 master secret: not used (TLS 1.2 certificates
					     are in the clear) */
#undef L
};

int cd_keylog_sniff(const uint8_t *text, size_t len)
{
	struct cd_cursor c;
	size_t n = len < 4096 ? len : 4096;
	hex_table();
	cd_cursor_init(&c, text, n);
	while (cd_cursor_remaining(&c)) {
		const uint8_t *p = cd_cursor_ptr(&c), *nl = memchr(p, '\n', cd_cursor_remaining(&c)), *lab, *rnd;
		size_t ln = nl ? (size_t)(nl - p) : cd_cursor_remaining(&c), ll, rl;
		struct cd_cursor l;
		uint8_t random[32];
		cd_cursor_skip(&c, nl ? ln + 1 : ln);
		cd_cursor_init(&l, p, ln);
		if (!field(&l, &lab, &ll) || lab[0] == '#' || (ll == 1 && lab[0] == '\r'))
			continue; /* blank or a comment */
		for (size_t i = 0; i < sizeof(LABELS) / sizeof(LABELS[0]); i++)
			if (LABELS[i].len == ll && !memcmp(LABELS[i].label, lab, ll))
				return field(&l, &rnd, &rl) && rl == 64 && unhex(rnd, rl, random);
		return 0;
	}
	return 0;
}

/* What is wrong with one line, NULL when it is fine or skipped; a used secret is stored.
 * *recognised: 0 blank or comment, 1 a label certdiag does not know, 2 a known label. */
static const char *line(struct cd_keylog *k, const uint8_t *p, size_t n, uint32_t src, uint32_t lineno,
			int *recognised, int *nomem, int *full)
{
	struct cd_cursor c;
	const uint8_t *lab, *rnd, *sec, *extra;
	size_t ll, rl, sl, xl;
	uint8_t random[32], secret[64];
	int which = -2;
	size_t smin = 0, smax = 0;
	struct cd_keylog_entry *e;
	*recognised = 0;
	if (n > CD_KEYLOG_MAX_LINE)
		return "the line is longer than any key log line";
	cd_cursor_init(&c, p, n);
	if (!field(&c, &lab, &ll) || lab[0] == '#')
		return NULL; /* blank or a comment */
	for (size_t i = 0; i < sizeof(LABELS) / sizeof(LABELS[0]); i++)
		if (LABELS[i].len == ll && !memcmp(LABELS[i].label, lab, ll)) {
			which = LABELS[i].use;
			smin = LABELS[i].secret_min;
			smax = LABELS[i].secret_max;
		}
	*recognised = 1;
	if (which == -2)
		return NULL; /* a label certdiag does not know: skipped */
	*recognised = 2;
	if (!field(&c, &rnd, &rl) || !field(&c, &sec, &sl))
		return "not three fields (label, client random, secret)";
	if (field(&c, &extra, &xl))
		return "more than three fields";
	if (rl != 64 || !unhex(rnd, rl, random))
		return "the client random is not 64 hexadecimal digits";
	if (sl % 2 || sl / 2 < smin || sl / 2 > smax || !unhex(sec, sl, secret)) {
		gnutls_memset(secret, 0, sizeof(secret));
		return smin == smax ? "the secret is not 96 hexadecimal digits"
				    : "the secret is not 64 to 128 hexadecimal digits";
	}
	if (which < 0) {
		gnutls_memset(secret, 0, sizeof(secret));
		return NULL;
	}
	e = entry_for(k, random, full);
	if (!e) {
		gnutls_memset(secret, 0, sizeof(secret));
		if (!*full)
			*nomem = 1;
		return NULL;
	}
	if (!e->len[which]) { /* the first key log that has it wins (client and server logs agree) */
		memcpy(e->secret[which], secret, sl / 2);
		e->len[which] = (uint8_t)(sl / 2);
		e->source[which] = src;
		e->line[which] = lineno;
	}
	gnutls_memset(secret, 0, sizeof(secret));
	return NULL;
}

int cd_keylog_parse(struct cd_keylog *k, const uint8_t *text, size_t len, const char *where,
		    struct cd_model *m, const struct cd_source *src)
{
	struct cd_cursor c;
	uint32_t lineno = 0, src_index;
	unsigned long bad = 0, good = 0, content = 0, first_unreported = 0;
	int nomem = 0, full = 0;
	char **ns = realloc(k->sources, (k->n_sources + 1) * sizeof(*ns));
	if (!ns)
		return CD_E_NOMEM;
	k->sources = ns;
	ns[k->n_sources] = cd_strdup(where ? where : "");
	if (!ns[k->n_sources])
		return CD_E_NOMEM;
	src_index = (uint32_t)k->n_sources++;
	m->stats.keylogs++;
	hex_table();
	cd_cursor_init(&c, text, len);
	while (cd_cursor_remaining(&c) && !nomem) {
		const uint8_t *p = cd_cursor_ptr(&c), *nl = memchr(p, '\n', cd_cursor_remaining(&c));
		size_t n = nl ? (size_t)(nl - p) : cd_cursor_remaining(&c), ln = n;
		const char *why;
		int recognised;
		cd_cursor_skip(&c, nl ? n + 1 : n);
		lineno++;
		if (ln && p[ln - 1] == '\r')
			ln--;
		why = line(k, p, ln, src_index, lineno, &recognised, &nomem, &full);
		if (recognised)
			content++;
		if (recognised == 2 && !why)
			good++;
		if (full && !k->limit_reported) {
			k->limit_reported = 1;
			cd_model_event(m, "ingest.limit-reached", src, 0, SIZE_MAX,
				       "%s: more than %u TLS connections in the key logs: the secrets of the rest "
				       "(from line %lu on) are not used",
				       where, CD_KEYLOG_MAX_CLIENTS, (unsigned long)lineno);
		}
		if (!why)
			continue;
		if (++bad <= CD_KEYLOG_MAX_REPORTED) {
			struct cd_source s = *src;
			s.offset = src->offset + (uint64_t)(p - text);
			cd_model_event(m, "tls.keylog-malformed", &s, 1, SIZE_MAX, "%s line %lu: %s", where,
				       (unsigned long)lineno, why);
		} else if (!first_unreported) {
			first_unreported = lineno;
		}
	}
	if (nomem)
		return CD_E_NOMEM;
	if (bad > CD_KEYLOG_MAX_REPORTED)
		cd_model_event(m, "tls.keylog-malformed", src, 0, SIZE_MAX,
			       "%s: %lu more malformed lines from line %lu on are not listed one by one", where,
			       bad - CD_KEYLOG_MAX_REPORTED, first_unreported);
	if (!good && !bad && content)
		cd_model_event(m, "tls.keylog-malformed", src, 0, SIZE_MAX,
			       "%s holds no key log line (NSS key log format: LABEL CLIENT_RANDOM SECRET, one "
			       "per line)",
			       where);
	return CD_OK;
}

int cd_keylog_load_file(struct cd_keylog *k, const char *path, struct cd_model *m, char **err)
{
	struct stat st;
	/* a FIFO or a device is refused without being opened: the open would wait forever */
	int fd = cd_infile_open(path, 0, &st), rc;
	size_t len;
	void *map = NULL;
	struct cd_source src;
	char msg[512];
	*err = NULL;
	if (fd < 0 || !S_ISREG(st.st_mode)) {
		char what[80];
		snprintf(what, sizeof(what), "a %s, not a regular file", cd_infile_type_name(st.st_mode));
		snprintf(msg, sizeof(msg), "cannot read key log '%s': %s", path,
			 fd >= 0 || fd == CD_E_UNSUPPORTED ? what : strerror(errno));
		if (fd >= 0)
			close(fd);
		*err = cd_strdup(msg);
		return CD_E_IO;
	}
	len = (uint64_t)st.st_size > CD_KEYLOG_MAX_BYTES ? CD_KEYLOG_MAX_BYTES : (size_t)st.st_size;
	/* mapped, not copied: the secrets stay in the page cache the file is in anyway, and
	 * no heap copy of them is left behind */
	if (len) {
		map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED) {
			snprintf(msg, sizeof(msg), "cannot read key log '%s': %s", path, strerror(errno));
			close(fd);
			*err = cd_strdup(msg);
			return CD_E_IO;
		}
	}
	close(fd);
	memset(&src, 0, sizeof(src));
	src.path = (char *)path;
	/* not below a scanned root: its own name stands for it */
	src.rel = (char *)(strrchr(path, '/') ? strrchr(path, '/') + 1 : path);
	if ((uint64_t)st.st_size > CD_KEYLOG_MAX_BYTES)
		cd_model_event(m, "ingest.limit-reached", &src, 0, SIZE_MAX,
			       "key log of %llu bytes: only its first %lu bytes are read",
			       (unsigned long long)st.st_size, CD_KEYLOG_MAX_BYTES);
	rc = cd_keylog_parse(k, map ? map : (const void *)"", len, path, m, &src);
	if (map)
		munmap(map, len);
	return rc;
}
