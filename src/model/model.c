/* model.c - the object store: dedup by (kind, SHA-256 of DER), provenance, ingest events. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/str.h"
#include "x509/decode.h"
#include "model/model.h"

/* Objects one scan may hold; beyond it ingest reports ingest.limit-reached. */
#define CD_MODEL_MAX_OBJECTS 4000000
/* Provenance records kept per object (the same root in thousands of stores is still one). */
#define CD_MODEL_MAX_SOURCES 10000

const char *cd_kind_name(enum cd_kind k)
{
	static const char *n[] = {"certificate", "csr",         "crl", "pkcs7",
				  "pkcs12",      "private-key", "itl", "ctl"};
	return k < CD_KIND_COUNT ? n[k] : "unknown";
}

const char *cd_kind_prefix(enum cd_kind k)
{
	static const char *n[] = {"cert", "csr", "crl", "p7", "p12", "key", "itl", "ctl"};
	return k < CD_KIND_COUNT ? n[k] : "obj";
}

void cd_role_format(const struct cd_role *r, char *out, size_t size)
{
	const char *k = r->kind == CD_ROLE_IDENTITY ? "identity"
			: r->kind == CD_ROLE_TRUST  ? "trust"
			: r->kind == CD_ROLE_CSR    ? "csr"
						    : NULL;
	if (!k) {
		if (size)
			out[0] = 0;
		return;
	}
	snprintf(out, size, "%s:%s", k, r->name);
}

const char *cd_role_origin_name(enum cd_role_origin o)
{
	return o == CD_ROLE_FROM_OPTION ? "option" : o == CD_ROLE_FROM_CONTENT ? "inferred" : "layout";
}

const char *cd_model_keep(struct cd_model *m, char *s)
{
	if (!s)
		return NULL;
	if (m->n_kept == m->cap_kept) {
		size_t cap = m->cap_kept ? m->cap_kept * 2 : 16;
		char **nk = realloc(m->kept, cap * sizeof(*nk));
		if (!nk) {
			free(s);
			return NULL;
		}
		m->kept = nk;
		m->cap_kept = cap;
	}
	m->kept[m->n_kept++] = s;
	return s;
}

void cd_model_init(struct cd_model *m)
{
	memset(m, 0, sizeof(*m));
}

static void source_release(struct cd_source *s)
{
	free(s->path);
	free(s->rel);
	free(s->locator);
}

static void object_free(struct cd_object *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n_sources; i++)
		source_release(&o->sources[i]);
	free(o->sources);
	free(o->source_set);
	free(o->der);
	switch (o->kind) {
	case CD_KIND_CERT: cd_cert_free(o->u.cert); break;
	case CD_KIND_CSR: cd_csr_free(o->u.csr); break;
	case CD_KIND_CRL: cd_crl_free(o->u.crl); break;
	case CD_KIND_PKCS7:
	case CD_KIND_PKCS12: free(o->u.container); break;
	case CD_KIND_KEY: free(o->u.key); break;
	case CD_KIND_ITL:
	case CD_KIND_CTL: cd_trustlist_free(o->u.tlist); break;
	default: break;
	}
	free(o);
}

void cd_model_release(struct cd_model *m)
{
	for (size_t i = 0; i < m->n_objects; i++)
		object_free(m->objects[i]);
	free(m->objects);
	for (size_t i = 0; i < m->n_events; i++) {
		free(m->events[i].path);
		free(m->events[i].rel);
		free(m->events[i].message);
	}
	free(m->events);
	for (size_t i = 0; i < m->n_conns; i++)
		cd_tls_conn_release(&m->conns[i]);
	free(m->conns);
	free(m->index);
	for (size_t i = 0; i < m->n_role_notes; i++)
		free(m->role_notes[i].message);
	free(m->role_notes);
	for (size_t i = 0; i < m->n_input_errors; i++)
		free(m->input_errors[i].path);
	free(m->input_errors);
	for (size_t i = 0; i < m->n_kept; i++)
		free(m->kept[i]);
	free(m->kept);
	for (size_t i = 0; i < m->n_logs; i++)
		cd_log_record_release(&m->logs[i]);
	free(m->logs);
	free(m->logs_index);
	memset(m, 0, sizeof(*m));
}

static size_t slot_of(const uint8_t sha[32], enum cd_kind k, size_t cap)
{
	uint64_t h;
	memcpy(&h, sha, sizeof(h));
	return (size_t)((h ^ (uint64_t)k * 0x9e3779b97f4a7c15ULL) & (cap - 1));
}

size_t cd_model_find(const struct cd_model *m, enum cd_kind k, const uint8_t sha256[32])
{
	if (!m->index_cap)
		return SIZE_MAX;
	for (size_t s = slot_of(sha256, k, m->index_cap);; s = (s + 1) & (m->index_cap - 1)) {
		size_t i = m->index[s];
		if (i == SIZE_MAX)
			return SIZE_MAX;
		if (m->objects[i]->kind == k && memcmp(m->objects[i]->sha256, sha256, 32) == 0)
			return i;
	}
}

static int index_grow(struct cd_model *m)
{
	size_t cap = m->index_cap ? m->index_cap * 2 : 1024;
	size_t *ix = malloc(cap * sizeof(*ix));
	if (!ix)
		return CD_E_NOMEM;
	for (size_t i = 0; i < cap; i++)
		ix[i] = SIZE_MAX;
	for (size_t i = 0; i < m->n_objects; i++) {
		size_t s = slot_of(m->objects[i]->sha256, m->objects[i]->kind, cap);
		while (ix[s] != SIZE_MAX)
			s = (s + 1) & (cap - 1);
		ix[s] = i;
	}
	free(m->index);
	m->index = ix;
	m->index_cap = cap;
	return CD_OK;
}

static int source_copy(struct cd_source *dst, const struct cd_source *src)
{
	*dst = *src;
	dst->path = cd_strdup(src->path);
	dst->rel = cd_strdup(src->rel);
	dst->locator = cd_strdup(src->locator);
	return (src->path && !dst->path) || (src->rel && !dst->rel) ||
			       (src->locator && !dst->locator)
		       ? CD_E_NOMEM
		       : CD_OK;
}

static int same_place(const struct cd_source *a, const struct cd_source *b)
{
	return a->frame == b->frame && a->position == b->position && a->offset == b->offset &&
	       a->pem_block == b->pem_block && !strcmp(a->container, b->container) && a->path && b->path &&
	       !strcmp(a->path, b->path);
}

static uint64_t place_hash(const struct cd_source *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = s->path ? s->path : ""; *p; p++)
		h = (h ^ (uint8_t)*p) * 1099511628211ULL;
	h ^= s->frame * 0x9e3779b97f4a7c15ULL ^ s->offset * 0xc2b2ae3d27d4eb4fULL;
	h ^= ((uint64_t)s->position << 32 | s->pem_block) * 0x165667b19e3779f9ULL;
	/* mixed (MurmurHash3's fmix64): frames of one certificate in a capture are evenly
	 * spaced, and the low bits the table uses must not repeat with them */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ h >> 33;
}

/* The place set: open addressing over o->sources, each slot two words (the source's index,
 * SIZE_MAX when empty, and its place_hash) so that a probe compares hashes before it touches
 * a source (thousands of sources of one certificate do not fit in a cache). */
#define SOURCE_SET_FROM 32 /* below this many sources a scan is cheaper than a set */

/* the slot of a source of o at the same place as src (hash h), or of the empty slot where it
 * would go; *found: whether it is there */
static size_t place_slot(const struct cd_object *o, const struct cd_source *src, size_t h, int *found)
{
	size_t mask = o->source_set_cap - 1, s = h & mask;
	for (; o->source_set[2 * s] != SIZE_MAX; s = (s + 1) & mask)
		if (o->source_set[2 * s + 1] == h &&
		    same_place(&o->sources[o->source_set[2 * s]], src)) {
			*found = 1;
			return s;
		}
	*found = 0;
	return s;
}

static int source_set_grow(struct cd_object *o)
{
	size_t cap = o->source_set_cap ? o->source_set_cap * 2 : 4 * SOURCE_SET_FROM;
	size_t *ns = malloc(cap * 2 * sizeof(*ns));
	if (!ns)
		return CD_E_NOMEM;
	for (size_t i = 0; i < cap; i++)
		ns[2 * i] = SIZE_MAX;
	if (o->source_set) { /* the old slots carry their hashes: no source is read again */
		for (size_t i = 0; i < o->source_set_cap; i++) {
			size_t s;
			if (o->source_set[2 * i] == SIZE_MAX)
				continue;
			for (s = o->source_set[2 * i + 1] & (cap - 1); ns[2 * s] != SIZE_MAX; s = (s + 1) & (cap - 1))
				;
			ns[2 * s] = o->source_set[2 * i];
			ns[2 * s + 1] = o->source_set[2 * i + 1];
		}
	} else {
		for (size_t i = 0; i < o->n_sources; i++) {
			size_t h = (size_t)place_hash(&o->sources[i]), s;
			for (s = h & (cap - 1); ns[2 * s] != SIZE_MAX; s = (s + 1) & (cap - 1))
				;
			ns[2 * s] = i;
			ns[2 * s + 1] = h;
		}
	}
	free(o->source_set);
	o->source_set = ns;
	o->source_set_cap = cap;
	return CD_OK;
}

static int object_add_source(struct cd_object *o, const struct cd_source *src)
{
	size_t same = SIZE_MAX, slot = SIZE_MAX, h = 0;
	if (o->n_sources >= CD_MODEL_MAX_SOURCES)
		return CD_OK; /* counted in the object, not kept: see docs/limits.md */
	/* the same place twice (e.g. a path reached through two symlinks) is one place, but a
	 * role the user gave it (verify --trust F F: the leaf is its own anchor) is not lost to
	 * the first reading; past SOURCE_SET_FROM sources a hash set finds it (a certificate every
	 * connection of a large capture sends has thousands of places: a scan made adding them
	 * quadratic) */
	if (o->n_sources < SOURCE_SET_FROM) {
		for (size_t i = 0; i < o->n_sources && same == SIZE_MAX; i++)
			if (same_place(&o->sources[i], src))
				same = i;
	} else {
		int found;
		if ((o->n_sources + 1) * 2 > o->source_set_cap && source_set_grow(o) < 0)
			return CD_E_NOMEM;
		h = (size_t)place_hash(src);
		slot = place_slot(o, src, h, &found);
		if (found)
			same = o->source_set[2 * slot];
	}
	if (same != SIZE_MAX) {
		if (src->role.origin == CD_ROLE_FROM_OPTION &&
		    o->sources[same].role.origin != CD_ROLE_FROM_OPTION)
			o->sources[same].role = src->role;
		return CD_OK;
	}
	if (o->n_sources == o->cap_sources) {
		size_t cap = o->cap_sources ? o->cap_sources * 2 : 1;
		struct cd_source *ns = realloc(o->sources, cap * sizeof(*ns));
		if (!ns)
			return CD_E_NOMEM;
		o->sources = ns;
		o->cap_sources = cap;
	}
	if (source_copy(&o->sources[o->n_sources], src) < 0)
		return CD_E_NOMEM;
	if (slot != SIZE_MAX) {
		o->source_set[2 * slot] = o->n_sources;
		o->source_set[2 * slot + 1] = h;
	}
	o->n_sources++;
	return CD_OK;
}

/* One ingest.limit-reached event per certificate or CSR whose lists the decoder cut
 * (CD_MAX_LIST entries, CD_MAX_FIELD bytes a value: x509/decode.c). */
static void report_cut(struct cd_model *m, const struct cd_object *o, const struct cd_source *src,
		       size_t idx)
{
	unsigned cut = o->kind == CD_KIND_CERT ? o->u.cert->cut : o->kind == CD_KIND_CSR ? o->u.csr->cut : 0;
	size_t total = o->kind == CD_KIND_CERT ? o->u.cert->san_total : o->kind == CD_KIND_CSR ? o->u.csr->san_total : 0;
	struct cd_buf b;
	const char *sep = "";
	if (!cut)
		return;
	cd_buf_init(&b, 4096);
	cd_buf_addf(&b, "%s past a list limit: ", o->kind == CD_KIND_CERT ? "certificate" : "CSR");
	if (cut & CD_CUT_SAN) {
		cd_buf_addf(&b, "%zu subjectAltName entries, only the first %u read", total, CD_DECODE_MAX_LIST);
		sep = "; ";
	}
	if (cut & CD_CUT_SAN_VALUE) {
		cd_buf_addf(&b, "%sa subjectAltName longer than %u bytes, cut there", sep, CD_DECODE_MAX_FIELD);
		sep = "; ";
	}
	if (cut & CD_CUT_EKU) {
		const struct cd_cert *c = o->kind == CD_KIND_CERT ? o->u.cert : NULL;
		if (c && c->eku_total > c->n_eku) /* GnuTLS keeps 64, certdiag CD_MAX_LIST */
			cd_buf_addf(&b, "%s%zu extendedKeyUsage purposes, only the first %zu read", sep,
				    c->eku_total, c->n_eku);
		else
			cd_buf_addf(&b, "%smore than %u extendedKeyUsage purposes, the rest not read", sep,
				    CD_DECODE_MAX_LIST);
		sep = "; ";
	}
	if (cut & CD_CUT_POLICIES) {
		const struct cd_cert *c = o->u.cert;
		cd_buf_addf(&b, "%s%zu certificate policies, only the first %zu listed", sep,
			    c->policies_total > c->n_policies ? c->policies_total : c->n_policies + 1,
			    c->n_policies);
		sep = "; ";
	}
	if (cut & CD_CUT_URIS) {
		cd_buf_addf(&b, "%smore than %u OCSP, caIssuers or CRL URIs, the rest not listed", sep,
			    CD_DECODE_MAX_LIST);
		sep = "; ";
	}
	if (cut & CD_CUT_EXTS)
		cd_buf_addf(&b, "%smore than %u extensions, the rest read but not listed or checked for "
			    "duplicates", sep, CD_DECODE_MAX_LIST);
	if (cut & (CD_CUT_SAN | CD_CUT_SAN_VALUE | CD_CUT_EKU))
		cd_buf_addf(&b, ". No rule concludes that a name or purpose is absent from a list that "
			    "was cut: the rules that look for one (such as cert.cn-not-in-san, "
			    "chain.hostname-mismatch, chain.eku-mismatch) do not judge this %s",
			    o->kind == CD_KIND_CERT ? "certificate" : "CSR");
	cd_model_event(m, "ingest.limit-reached", src, 0, idx, "%s",
		       b.data ? (const char *)b.data : "certificate past a list limit");
	cd_buf_release(&b);
}

/* tl: the parsed ITL/CTL for those kinds, taken over (freed unless stored). */
static int model_add(struct cd_model *m, enum cd_kind k, const uint8_t *der, size_t len,
		     const struct cd_source *src, size_t *out_index, char **detail,
		     int key_encrypted, const char *key_format, struct cd_trustlist *tl)
{
	uint8_t sha[32];
	size_t i;
	struct cd_object *o;
	int rc;

	*detail = NULL;
	gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, sha);
	i = cd_model_find(m, k, sha);
	if (i != SIZE_MAX) {
		cd_trustlist_free(tl);
		*out_index = i;
		return object_add_source(m->objects[i], src);
	}
	if (m->n_objects >= CD_MODEL_MAX_OBJECTS) {
		cd_trustlist_free(tl);
		return CD_E_LIMIT;
	}
	o = calloc(1, sizeof(*o));
	if (!o) {
		cd_trustlist_free(tl);
		return CD_E_NOMEM;
	}
	o->kind = k;
	memcpy(o->sha256, sha, 32);
	cd_hex(sha, 32, o->sha256_hex);
	snprintf(o->id, sizeof(o->id), "%s-%.16s", cd_kind_prefix(k), o->sha256_hex);
	gnutls_hash_fast(GNUTLS_DIG_SHA1, der, len, o->sha1);
	switch (k) {
	case CD_KIND_CERT: rc = cd_decode_cert(der, len, &o->u.cert, detail); break;
	case CD_KIND_CSR: rc = cd_decode_csr(der, len, &o->u.csr, detail); break;
	case CD_KIND_CRL: rc = cd_decode_crl(der, len, &o->u.crl, detail); break;
	case CD_KIND_PKCS7:
	case CD_KIND_PKCS12:
		o->u.container = calloc(1, sizeof(*o->u.container));
		rc = o->u.container ? CD_OK : CD_E_NOMEM;
		if (o->u.container)
			o->u.container->mac_ok = -1;
		break;
	case CD_KIND_KEY:
		rc = cd_decode_key(der, len, key_encrypted, key_format ? key_format : "", &o->u.key,
				   detail);
		break;
	case CD_KIND_ITL:
	case CD_KIND_CTL:
		o->u.tlist = tl; /* object_free releases it from here on */
		tl = NULL;
		rc = o->u.tlist ? CD_OK : CD_E_UNSUPPORTED;
		break;
	default: rc = CD_E_UNSUPPORTED; break;
	}
	if (rc < 0) {
		free(o);
		return rc;
	}
	if (k != CD_KIND_KEY) { /* private keys are never kept */
		o->der = malloc(len ? len : 1);
		if (!o->der) {
			object_free(o);
			return CD_E_NOMEM;
		}
		memcpy(o->der, der, len);
		o->der_len = len;
	}
	if (object_add_source(o, src) < 0) {
		object_free(o);
		return CD_E_NOMEM;
	}
	if (m->n_objects == m->cap_objects) {
		size_t cap = m->cap_objects ? m->cap_objects * 2 : 64;
		struct cd_object **no = realloc(m->objects, cap * sizeof(*no));
		if (!no) {
			object_free(o);
			return CD_E_NOMEM;
		}
		m->objects = no;
		m->cap_objects = cap;
	}
	if ((m->n_objects + 1) * 2 > m->index_cap && index_grow(m) < 0) {
		object_free(o);
		return CD_E_NOMEM;
	}
	m->objects[m->n_objects] = o;
	{
		size_t s = slot_of(sha, k, m->index_cap);
		while (m->index[s] != SIZE_MAX)
			s = (s + 1) & (m->index_cap - 1);
		m->index[s] = m->n_objects;
	}
	*out_index = m->n_objects++;
	report_cut(m, o, src, *out_index);
	return CD_OK;
}

int cd_model_role_note(struct cd_model *m, size_t object, const char *fmt, ...)
{
	struct cd_role_note *n;
	struct cd_buf b;
	va_list ap;
	if (m->n_role_notes >= CD_LIMIT_ROLE_NOTES) {
		m->more_role_notes++;
		return CD_OK;
	}
	if (m->n_role_notes == m->cap_role_notes) {
		size_t cap = m->cap_role_notes ? m->cap_role_notes * 2 : 4;
		n = realloc(m->role_notes, cap * sizeof(*n));
		if (!n)
			return CD_E_NOMEM;
		m->role_notes = n;
		m->cap_role_notes = cap;
	}
	cd_buf_init(&b, 1 << 16);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	n = &m->role_notes[m->n_role_notes];
	n->object = object;
	n->message = cd_buf_detach(&b);
	if (!n->message)
		return CD_E_NOMEM;
	m->n_role_notes++;
	return CD_OK;
}

int cd_model_input_error(struct cd_model *m, const char *path, int errnum)
{
	struct cd_input_error *e;
	if (m->n_input_errors == m->cap_input_errors) {
		size_t cap = m->cap_input_errors ? m->cap_input_errors * 2 : 4;
		e = realloc(m->input_errors, cap * sizeof(*e));
		if (!e)
			return CD_E_NOMEM;
		m->input_errors = e;
		m->cap_input_errors = cap;
	}
	e = &m->input_errors[m->n_input_errors];
	e->path = cd_strdup(path ? path : "");
	if (!e->path)
		return CD_E_NOMEM;
	e->errnum = errnum;
	m->n_input_errors++;
	return CD_OK;
}

int cd_model_event(struct cd_model *m, const char *rule, const struct cd_source *where,
		   int has_offset, size_t object, const char *fmt, ...)
{
	struct cd_event *e;
	struct cd_event_count *c = NULL;
	struct cd_buf b;
	va_list ap;
	for (size_t i = 0; i < m->n_event_counts && !c; i++)
		if (!strcmp(m->event_counts[i].rule, rule))
			c = &m->event_counts[i];
	if (!c && m->n_event_counts < CD_MODEL_EVENT_RULES) {
		c = &m->event_counts[m->n_event_counts++];
		c->rule = rule;
	}
	if (c && c->stored >= CD_LIMIT_EVENTS_PER_RULE) {
		c->unlisted++; /* the first ones are kept; the rest only counted */
		return CD_OK;
	}
	if (m->n_events == m->cap_events) {
		size_t cap = m->cap_events ? m->cap_events * 2 : 16;
		struct cd_event *ne = realloc(m->events, cap * sizeof(*ne));
		if (!ne)
			return CD_E_NOMEM;
		m->events = ne;
		m->cap_events = cap;
	}
	e = &m->events[m->n_events];
	memset(e, 0, sizeof(*e));
	e->rule = rule;
	e->path = cd_strdup(where ? where->path : NULL);
	e->rel = cd_strdup(where ? where->rel : NULL);
	e->offset = where ? where->offset : 0;
	e->pem_block = where ? where->pem_block : 0;
	e->has_offset = has_offset;
	e->object = object;
	if (where)
		e->role = where->role;
	cd_buf_init(&b, 1 << 16);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	e->message = cd_buf_detach(&b);
	m->n_events++;
	if (c)
		c->stored++;
	return CD_OK;
}

size_t cd_model_events_unlisted(const struct cd_model *m, const char *rule)
{
	for (size_t i = 0; i < m->n_event_counts; i++)
		if (!strcmp(m->event_counts[i].rule, rule))
			return m->event_counts[i].unlisted;
	return 0;
}

const char *cd_object_label(const struct cd_object *o)
{
	switch (o->kind) {
	case CD_KIND_CERT:
		if (o->u.cert->subject.cn && *o->u.cert->subject.cn)
			return o->u.cert->subject.cn;
		if (o->u.cert->subject.display && *o->u.cert->subject.display)
			return o->u.cert->subject.display;
		break;
	case CD_KIND_CSR:
		if (o->u.csr->subject.cn && *o->u.csr->subject.cn)
			return o->u.csr->subject.cn;
		if (o->u.csr->subject.display && *o->u.csr->subject.display)
			return o->u.csr->subject.display;
		break;
	case CD_KIND_CRL:
		if (o->u.crl->issuer.cn)
			return o->u.crl->issuer.cn;
		break;
	default: break;
	}
	return o->id;
}

int cd_model_add_place(struct cd_model *m, size_t index, const struct cd_source *src)
{
	if (index >= m->n_objects)
		return CD_E_USAGE;
	return object_add_source(m->objects[index], src);
}

int cd_model_add(struct cd_model *m, enum cd_kind k, const uint8_t *der, size_t len,
		 const struct cd_source *src, size_t *out_index, char **detail)
{
	if (k == CD_KIND_ITL || k == CD_KIND_CTL)
		return CD_E_UNSUPPORTED; /* cd_model_add_trustlist */
	return model_add(m, k, der, len, src, out_index, detail, 0, NULL, NULL);
}

int cd_model_add_trustlist(struct cd_model *m, enum cd_kind k, const uint8_t *bytes, size_t len,
			   const struct cd_source *src, struct cd_trustlist *tl, size_t *out_index,
			   int *is_new)
{
	char *detail = NULL;
	size_t before = m->n_objects;
	int rc;
	*is_new = 0;
	if (k != CD_KIND_ITL && k != CD_KIND_CTL) {
		cd_trustlist_free(tl);
		return CD_E_UNSUPPORTED;
	}
	rc = model_add(m, k, bytes, len, src, out_index, &detail, 0, NULL, tl);
	free(detail);
	*is_new = rc == CD_OK && m->n_objects > before;
	return rc;
}

int cd_model_add_key(struct cd_model *m, const uint8_t *der, size_t len, int encrypted,
		     const char *format, const struct cd_source *src, size_t *out_index)
{
	char *detail = NULL;
	int rc = model_add(m, CD_KIND_KEY, der, len, src, out_index, &detail, encrypted, format, NULL);
	free(detail);
	return rc;
}
