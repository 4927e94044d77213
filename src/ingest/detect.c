/* detect.c - recognise one buffer by content through a table of formats that bid on it
 * (libarchive's shape: archives, captures, ITL/CTL, logs, PEM, DER, base64 DER) and add what
 * it holds to the model: certificates, CSRs, CRLs, PKCS#7 (RFC 2315/5652), PKCS#12 (RFC 7292),
 * private keys (recognised and reported, never kept). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs12.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include "archive/archive.h"
#include "ingest/ingest.h"
#include "ingest/itl.h"
#include "ingest/jks.h"
#include "ingest/passwords.h"
#include "ingest/pem.h"
#include "logs/logs.h"
#include "pcap/capture.h"
#include "pcap/keylog.h"
#include "util/b64.h"
#include "util/der.h"
#include "util/error.h"
#include "util/str.h"

/* Fewest base64 characters for a file without armour to bid as base64 DER (a tiny
 * certificate is ~400 bytes; a line of text is not). */
#define CD_B64_MIN_CHARS 64

struct ctx {
	struct cd_model *m;
	const struct cd_passwords *pw; /* --password-file/-env, NULL: none */
	struct cd_source src;   /* the file's provenance; offset/pem_block vary per object */
	struct cd_role file_role;
	int lost;               /* CD_E_NOMEM or limit hit: stop */
};

static int role_fits(enum cd_kind k, enum cd_role_kind r)
{
	switch (r) {
	case CD_ROLE_IDENTITY: return k == CD_KIND_CERT || k == CD_KIND_KEY;
	case CD_ROLE_TRUST: return k == CD_KIND_CERT;
	case CD_ROLE_CSR: return k == CD_KIND_CSR;
	default: return 0;
	}
}

static struct cd_source src_for(struct ctx *c, enum cd_kind k, uint64_t offset,
				unsigned long pem_block, const char *container, unsigned position)
{
	struct cd_source s = c->src;
	s.offset = offset;
	s.pem_block = pem_block;
	s.position = position;
	cd_strlcpy(s.container, container ? container : "", sizeof(s.container));
	if (role_fits(k, c->file_role.kind))
		s.role = c->file_role;
	else
		memset(&s.role, 0, sizeof(s.role));
	return s;
}

static void event_at(struct ctx *c, const char *rule, uint64_t off, unsigned long block,
		     size_t object, const char *msg)
{
	struct cd_source s = src_for(c, CD_KIND_COUNT, off, block, NULL, 0);
	cd_model_event(c->m, rule, &s, 1, object, "%s", msg);
}

static const char *where_block(unsigned long block, char *buf, size_t n)
{
	if (block)
		snprintf(buf, n, "PEM block %lu", block);
	else
		snprintf(buf, n, "DER object");
	return buf;
}

static size_t add_obj(struct ctx *c, enum cd_kind k, const uint8_t *der, size_t len,
		      uint64_t off, unsigned long block, const char *container, unsigned pos)
{
	struct cd_source s = src_for(c, k, off, block, container, pos);
	size_t idx = SIZE_MAX;
	char *detail = NULL;
	char wb[48];
	int rc = cd_model_add(c->m, k, der, len, &s, &idx, &detail);
	if (rc == CD_E_NOMEM) {
		c->lost = rc;
	} else if (rc == CD_E_LIMIT) {
		event_at(c, "ingest.limit-reached", off, block, SIZE_MAX,
			 "too many objects in one scan (limit reached); the rest is not analysed");
		c->lost = rc;
	} else if (rc < 0) {
		char msg[640], at[160] = "";
		size_t eo = 0;
		uint64_t where = off;
		/* name where the damage is when the structure shows it (the decoder only says that
		 * the object is not what it should be) */
		if (cd_der_check(der, len, &eo) < 0) {
			if (!block && !container) {
				where = off + eo;
				snprintf(at, sizeof(at), "; the damage is at offset %llu (byte %zu of the object)",
					 (unsigned long long)where, eo);
			} else {
				snprintf(at, sizeof(at), "; the damage is at byte %zu of the %s", eo,
					 block && !container ? "decoded block" : "object");
			}
		} else if (rc == CD_E_MALFORMED) {
			/* sound structure: a value is wrong, and the decoder does not say which */
			snprintf(at, sizeof(at), "; its DER structure is sound, so the damage is in a value "
				 "certdiag cannot place");
		}
		snprintf(msg, sizeof(msg), "damaged %s (%s%s%s): %s%s", cd_kind_name(k),
			 where_block(block, wb, sizeof(wb)), container ? " inside " : "",
			 container ? container : "", detail ? detail : cd_strerror(rc), at);
		event_at(c, "ingest.unparseable", where, block, SIZE_MAX, msg);
	}
	free(detail);
	return rc < 0 ? SIZE_MAX : idx;
}

static void add_key_said(struct ctx *c, const uint8_t *der, size_t len, int encrypted,
			const char *format, uint64_t off, unsigned long block, const char *container,
			const char *more)
{
	struct cd_source s = src_for(c, CD_KIND_KEY, off, block, container, 0);
	size_t idx;
	char msg[320];
	if (cd_model_add_key(c->m, der, len, encrypted, format, &s, &idx) < 0) {
		c->lost = CD_E_NOMEM;
		return;
	}
	snprintf(msg, sizeof(msg), "%s private key%s found%s%s", format, encrypted ? " (encrypted)" : "",
		 container && *container ? " inside a PKCS#12 file" : "", more);
	event_at(c, "ingest.private-key", off, block, idx, msg);
}

static void add_key(struct ctx *c, const uint8_t *der, size_t len, int encrypted,
		    const char *format, uint64_t off, unsigned long block, const char *container)
{
	add_key_said(c, der, len, encrypted, format, off, block, container, "");
}

/* An encrypted PKCS#8 key (EncryptedPrivateKeyInfo, RFC 5958 §3): opened with the passwords
 * given, when one fits, so that its public key is known (it matches its certificate); the
 * decrypted key is wiped once its public key is taken, and never kept (model.h). */
static void add_encrypted_pkcs8(struct ctx *c, const uint8_t *der, size_t len, const char *format,
				uint64_t off, unsigned long block, const char *container)
{
	gnutls_x509_privkey_t x;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len}, plain = {NULL, 0};
	int opened = 0;
	if (c->pw && c->pw->n && gnutls_x509_privkey_init(&x) >= 0) {
		for (size_t i = 0; i < c->pw->n && !opened; i++)
			opened = gnutls_x509_privkey_import_pkcs8(x, &d, GNUTLS_X509_FMT_DER, c->pw->v[i], 0) >= 0;
		if (opened && gnutls_x509_privkey_export2_pkcs8(x, GNUTLS_X509_FMT_DER, NULL, GNUTLS_PKCS_PLAIN,
								&plain) < 0)
			opened = 0;
		gnutls_x509_privkey_deinit(x);
	}
	if (opened)
		add_key_said(c, plain.data, plain.size, 0, format, off, block, container,
			     ", opened with a password given (--password-file, --password-env)");
	else
		add_key(c, der, len, 1, format, off, block, container);
	if (plain.data) {
		gnutls_memset(plain.data, 0, plain.size);
		gnutls_free(plain.data);
	}
}

/* The certificates [0] and crls [1] SETs of a ContentInfo holding SignedData (RFC 5652 §3,
 * §5.1), read with the DER cursor: gnutls_pkcs7_get_crt_raw2(i) walks the list from its start
 * for every i, so 20,000 certificates took minutes. CD_OK (a set absent is left empty), or
 * CD_E_MALFORMED when the structure is not what GnuTLS accepted (BER): then GnuTLS is asked. */
static int p7_sets(const uint8_t *der, size_t len, struct cd_cursor *certs, struct cd_cursor *crls)
{
	struct cd_cursor cur, in;
	struct cd_der_tlv t;
	size_t e;
	cd_cursor_init(certs, NULL, 0);
	cd_cursor_init(crls, NULL, 0);
	cd_cursor_init(&cur, der, len);
	if (cd_der_get_tlv(&cur, &t, &e) < 0 || t.tag != 0x30) /* ContentInfo */
		return CD_E_MALFORMED;
	cd_cursor_init(&in, t.content, t.len);
	if (cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0x06 || /* contentType */
	    cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0xa0)   /* [0] EXPLICIT content */
		return CD_E_MALFORMED;
	cd_cursor_init(&in, t.content, t.len);
	if (cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0x30) /* SignedData */
		return CD_E_MALFORMED;
	cd_cursor_init(&in, t.content, t.len);
	if (cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0x02 || /* version */
	    cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0x31 || /* digestAlgorithms */
	    cd_der_get_tlv(&in, &t, &e) < 0 || t.tag != 0x30)   /* encapContentInfo */
		return CD_E_MALFORMED;
	while (cd_der_get_tlv(&in, &t, &e) == CD_OK) {
		if (t.tag == 0xa0)
			cd_cursor_init(certs, t.content, t.len);
		else if (t.tag == 0xa1)
			cd_cursor_init(crls, t.content, t.len);
	}
	return CD_OK;
}

/* Add the members of one set: element i (1-based position) that is a SEQUENCE (a Certificate
 * or CertificateList; the other choices are skipped). */
static void p7_members(struct ctx *c, struct cd_cursor *set, enum cd_kind kind, uint64_t off,
		       unsigned long block, const char *id, size_t idx)
{
	struct cd_der_tlv t;
	size_t e;
	unsigned pos = 0;
	char msg[200];
	while (!c->lost && cd_der_get_tlv(set, &t, &e) == CD_OK) {
		if (pos >= CD_LIMIT_CONTAINER_ITEMS) {
			snprintf(msg, sizeof(msg), "PKCS#7 holds more than %u %s (CD_LIMIT_CONTAINER_ITEMS): "
				 "the rest are skipped", CD_LIMIT_CONTAINER_ITEMS,
				 kind == CD_KIND_CERT ? "certificates" : "CRLs");
			event_at(c, "ingest.limit-reached", off, block, idx, msg);
			return;
		}
		pos++;
		if (t.tag != 0x30)
			continue;
		add_obj(c, kind, t.content - t.hdr_len, t.hdr_len + t.len, off, block, id, pos);
		if (kind == CD_KIND_CERT)
			c->m->objects[idx]->u.container->n_certs++;
		else
			c->m->objects[idx]->u.container->n_crls++;
	}
}

static void do_pkcs7(struct ctx *c, const uint8_t *der, size_t len, uint64_t off,
		     unsigned long block)
{
	size_t idx = add_obj(c, CD_KIND_PKCS7, der, len, off, block, NULL, 0);
	gnutls_pkcs7_t p7;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	struct cd_cursor certs, crls;
	int r, n;
	char id[40], wb[48], msg[512];
	if (idx == SIZE_MAX)
		return;
	cd_strlcpy(id, c->m->objects[idx]->id, sizeof(id));
	if (gnutls_pkcs7_init(&p7) < 0) {
		c->lost = CD_E_NOMEM;
		return;
	}
	r = gnutls_pkcs7_import(p7, &d, GNUTLS_X509_FMT_DER);
	if (r < 0) {
		snprintf(msg, sizeof(msg), "damaged PKCS#7 (%s): %s", where_block(block, wb, sizeof(wb)),
			 gnutls_strerror(r));
		event_at(c, "ingest.unparseable", off, block, idx, msg);
		gnutls_pkcs7_deinit(p7);
		return;
	}
	if (p7_sets(der, len, &certs, &crls) == CD_OK) {
		p7_members(c, &certs, CD_KIND_CERT, off, block, id, idx);
		p7_members(c, &crls, CD_KIND_CRL, off, block, id, idx);
		gnutls_pkcs7_deinit(p7);
		return;
	}
	n = gnutls_pkcs7_get_crt_count(p7);
	for (int i = 0; i < n && !c->lost; i++) {
		gnutls_datum_t cd = {0};
		if ((unsigned)i >= CD_LIMIT_CONTAINER_ITEMS) {
			event_at(c, "ingest.limit-reached", off, block, idx,
				 "PKCS#7 holds more certificates than the limit; the rest are skipped");
			break;
		}
		if (gnutls_pkcs7_get_crt_raw2(p7, (unsigned)i, &cd) < 0)
			continue;
		add_obj(c, CD_KIND_CERT, cd.data, cd.size, off, block, id, (unsigned)i + 1);
		gnutls_free(cd.data);
		c->m->objects[idx]->u.container->n_certs++;
	}
	n = gnutls_pkcs7_get_crl_count(p7);
	for (int i = 0; i < n && !c->lost; i++) {
		gnutls_datum_t cd = {0};
		if ((unsigned)i >= CD_LIMIT_CONTAINER_ITEMS) {
			event_at(c, "ingest.limit-reached", off, block, idx,
				 "PKCS#7 holds more CRLs than the limit; the rest are skipped");
			break;
		}
		if (gnutls_pkcs7_get_crl_raw2(p7, (unsigned)i, &cd) < 0)
			continue;
		add_obj(c, CD_KIND_CRL, cd.data, cd.size, off, block, id, (unsigned)i + 1);
		gnutls_free(cd.data);
		c->m->objects[idx]->u.container->n_crls++;
	}
	gnutls_pkcs7_deinit(p7);
}

static void do_pkcs12(struct ctx *c, const uint8_t *der, size_t len, uint64_t off,
		      unsigned long block)
{
	size_t idx = add_obj(c, CD_KIND_PKCS12, der, len, off, block, NULL, 0);
	gnutls_pkcs12_t p12;
	gnutls_datum_t d = {(unsigned char *)der, (unsigned)len};
	int r, locked = 0;
	unsigned pos = 0;
	char id[40], wb[48], msg[512];
	if (idx == SIZE_MAX)
		return;
	c->m->stats.pkcs12++;
	cd_strlcpy(id, c->m->objects[idx]->id, sizeof(id));
	if (gnutls_pkcs12_init(&p12) < 0) {
		c->lost = CD_E_NOMEM;
		return;
	}
	r = gnutls_pkcs12_import(p12, &d, GNUTLS_X509_FMT_DER, 0);
	if (r < 0) {
		snprintf(msg, sizeof(msg), "damaged PKCS#12 (%s): %s", where_block(block, wb, sizeof(wb)),
			 gnutls_strerror(r));
		event_at(c, "ingest.unparseable", off, block, idx, msg);
		gnutls_pkcs12_deinit(p12);
		return;
	}
	for (unsigned i = 0; i < CD_LIMIT_CONTAINER_ITEMS && !c->lost; i++) {
		gnutls_pkcs12_bag_t bag;
		int n;
		if (gnutls_pkcs12_bag_init(&bag) < 0)
			break;
		if (gnutls_pkcs12_get_bag(p12, (int)i, bag) < 0) {
			gnutls_pkcs12_bag_deinit(bag);
			break;
		}
		if (gnutls_pkcs12_bag_get_type(bag, 0) == GNUTLS_BAG_ENCRYPTED) {
			/* the empty password both ways PKCS#12 encoders write it, then those given */
			int open = gnutls_pkcs12_bag_decrypt(bag, "") >= 0 || gnutls_pkcs12_bag_decrypt(bag, NULL) >= 0;
			for (size_t k = 0; !open && c->pw && k < c->pw->n; k++)
				open = gnutls_pkcs12_bag_decrypt(bag, c->pw->v[k]) >= 0;
			if (!open) {
				locked++;
				gnutls_pkcs12_bag_deinit(bag);
				continue;
			}
		}
		n = gnutls_pkcs12_bag_get_count(bag);
		for (int j = 0; j < n; j++) {
			gnutls_datum_t bd;
			int t = gnutls_pkcs12_bag_get_type(bag, (unsigned)j);
			if (gnutls_pkcs12_bag_get_data(bag, (unsigned)j, &bd) < 0)
				continue;
			if (t == GNUTLS_BAG_CERTIFICATE) {
				add_obj(c, CD_KIND_CERT, bd.data, bd.size, off, block, id, ++pos);
				c->m->objects[idx]->u.container->n_certs++;
			} else if (t == GNUTLS_BAG_CRL) {
				add_obj(c, CD_KIND_CRL, bd.data, bd.size, off, block, id, ++pos);
				c->m->objects[idx]->u.container->n_crls++;
			} else if (t == GNUTLS_BAG_PKCS8_KEY) {
				add_key(c, bd.data, bd.size, 0, "PKCS#8", off, block, id);
			} else if (t == GNUTLS_BAG_PKCS8_ENCRYPTED_KEY) {
				add_encrypted_pkcs8(c, bd.data, bd.size, "PKCS#8 shrouded", off, block, id);
			}
		}
		gnutls_pkcs12_bag_deinit(bag);
	}
	if (locked) {
		c->m->objects[idx]->u.container->encrypted = 1;
		char tried[160];
		if (c->pw && c->pw->n == 1)
			snprintf(tried, sizeof(tried), "with the empty password or the one password given");
		else if (c->pw && c->pw->n)
			snprintf(tried, sizeof(tried), "with the empty password or any of the %zu passwords given",
				 c->pw->n);
		else
			snprintf(tried, sizeof(tried),
				 "without the password (give it with --password-file FILE or --password-env NAME)");
		snprintf(msg, sizeof(msg),
			 "PKCS#12 file: %d encrypted part%s cannot be opened %s; certificates inside it are not "
			 "analysed",
			 locked, locked == 1 ? "" : "s", tried);
		event_at(c, "ingest.pkcs12-encrypted", off, block, idx, msg);
	}
	gnutls_pkcs12_deinit(p12);
}

/* Dispatch one classified DER object. */
static void do_der(struct ctx *c, enum cd_der_kind k, const uint8_t *der, size_t len, uint64_t off,
		   unsigned long block, unsigned pos)
{
	switch (k) {
	case CD_DER_CERTIFICATE: add_obj(c, CD_KIND_CERT, der, len, off, block, NULL, pos); break;
	case CD_DER_CSR: add_obj(c, CD_KIND_CSR, der, len, off, block, NULL, pos); break;
	case CD_DER_CRL: add_obj(c, CD_KIND_CRL, der, len, off, block, NULL, pos); break;
	case CD_DER_PKCS7: do_pkcs7(c, der, len, off, block); break;
	case CD_DER_PKCS12: do_pkcs12(c, der, len, off, block); break;
	case CD_DER_PRIVATE_KEY: add_key(c, der, len, 0, "PKCS#8", off, block, NULL); break;
	case CD_DER_RSA_PRIVATE_KEY: add_key(c, der, len, 0, "PKCS#1 RSA", off, block, NULL); break;
	case CD_DER_EC_PRIVATE_KEY: add_key(c, der, len, 0, "SEC1 EC", off, block, NULL); break;
	case CD_DER_ENCRYPTED_PRIVATE_KEY:
		add_encrypted_pkcs8(c, der, len, "PKCS#8", off, block, NULL);
		break;
	case CD_DER_PUBLIC_KEY:
		event_at(c, "ingest.unsupported", off, block, SIZE_MAX,
			 "a bare public key (no certificate around it): nothing to check");
		break;
	default: break;
	}
}

static int is_cert_family(enum cd_der_kind k)
{
	return k == CD_DER_CERTIFICATE || k == CD_DER_CSR || k == CD_DER_CRL || k == CD_DER_PKCS7 ||
	       k == CD_DER_PKCS12;
}

/* A sequence of DER objects (a .der/.p7b file, or base64-decoded text). base_note says how
 * offsets relate to the file. Returns 1 if at least the first object bid, 0 if not DER. */
static int scan_der(struct ctx *c, const uint8_t *p, size_t len, int from_b64)
{
	size_t pos = 0;
	unsigned n = 0;
	char msg[512];
	while (pos < len && !c->lost) {
		enum cd_der_kind k;
		size_t ol = 0, eo = 0;
		int rc = cd_der_classify(p + pos, len - pos, &k, &ol, &eo);
		const char *how = from_b64 ? " of the base64-decoded data" : "";
		if (rc == CD_OK) {
			if (ol > CD_LIMIT_OBJECT_BYTES) {
				snprintf(msg, sizeof(msg), "DER object at offset %zu%s is %zu bytes, over the %lu-byte limit; skipped",
					 pos, how, ol, CD_LIMIT_OBJECT_BYTES);
				event_at(c, "ingest.limit-reached", from_b64 ? 0 : pos, 0, SIZE_MAX, msg);
				return 1;
			}
			if (is_cert_family(k))
				c->m->stats.candidates++;
			do_der(c, k, p + pos, ol, from_b64 ? 0 : pos, 0, ++n);
			pos += ol;
			if (n >= CD_LIMIT_DER_OBJECTS_PER_FILE && pos < len) {
				event_at(c, "ingest.limit-reached", pos, 0, SIZE_MAX,
					 "too many DER objects in one file; the rest is skipped");
				return 1;
			}
			continue;
		}
		if (n == 0 && (k == CD_DER_UNKNOWN || rc == CD_E_UNSUPPORTED))
			return 0; /* not DER at all: let another format bid */
		/* trailing zero or whitespace padding is harmless */
		{
			size_t q = pos;
			while (q < len && (p[q] == 0 || p[q] == '\n' || p[q] == '\r' || p[q] == ' '))
				q++;
			if (q == len)
				return 1;
		}
		c->m->stats.candidates++;
		if (rc == CD_E_TRUNCATED)
			snprintf(msg, sizeof(msg),
				 "truncated %s: the DER at offset %zu%s needs more bytes than the %zu that remain (data ends at offset %zu)",
				 k ? cd_der_kind_name(k) : "DER object", pos, how, len - pos, len);
		else if (k == CD_DER_UNKNOWN && n > 0)
			snprintf(msg, sizeof(msg), "unrecognised bytes after the last object, at offset %zu%s",
				 pos, how);
		else
			snprintf(msg, sizeof(msg), "malformed DER at offset %zu%s (%s)", pos + eo, how,
				 cd_strerror(rc));
		event_at(c, "ingest.unparseable", from_b64 ? 0 : (rc == CD_E_MALFORMED ? pos + eo : pos), 0,
			 SIZE_MAX, msg);
		return 1;
	}
	return 1;
}

struct label_kind {
	const char *label;
	enum cd_der_kind kind;
};

static const struct label_kind LABELS[] = {
	{"CERTIFICATE", CD_DER_CERTIFICATE},
	{"X509 CERTIFICATE", CD_DER_CERTIFICATE},
	{"TRUSTED CERTIFICATE", CD_DER_CERTIFICATE},
	{"X509 CRL", CD_DER_CRL},
	{"CERTIFICATE REQUEST", CD_DER_CSR},
	{"NEW CERTIFICATE REQUEST", CD_DER_CSR},
	{"PKCS7", CD_DER_PKCS7},
	{"PKCS #7 SIGNED DATA", CD_DER_PKCS7},
	{"CMS", CD_DER_PKCS7},
	{"CERTIFICATE CHAIN", CD_DER_PKCS7},
	{"PKCS12", CD_DER_PKCS12},
	{"PRIVATE KEY", CD_DER_PRIVATE_KEY},
	{"RSA PRIVATE KEY", CD_DER_RSA_PRIVATE_KEY},
	{"EC PRIVATE KEY", CD_DER_EC_PRIVATE_KEY},
	{"DSA PRIVATE KEY", CD_DER_PRIVATE_KEY},
	{"ENCRYPTED PRIVATE KEY", CD_DER_ENCRYPTED_PRIVATE_KEY},
	{NULL, CD_DER_UNKNOWN},
};

static void do_pem_block(struct ctx *c, const uint8_t *p, const struct cd_pem_block *b,
			 unsigned long block)
{
	enum cd_der_kind want = CD_DER_UNKNOWN, k;
	uint8_t *der = NULL;
	size_t dl = 0, eo = 0, ol = 0;
	char msg[640];
	int rc;

	for (size_t i = 0; LABELS[i].label; i++)
		if (!strcmp(LABELS[i].label, b->label))
			want = LABELS[i].kind;
	if (want == CD_DER_UNKNOWN) {
		if (strstr(b->label, "PRIVATE KEY")) { /* OPENSSH, ENCRYPTED ..., any other */
			rc = cd_b64_decode((const char *)p + b->body, b->body_len, &der, &dl, &eo);
			if (rc == CD_OK)
				add_key(c, der, dl, 1, b->label, b->begin, block, NULL);
			free(der);
			return;
		}
		snprintf(msg, sizeof(msg), "PEM block %lu is labelled \"%s\", not a certificate, CSR, CRL, "
			 "PKCS#7, PKCS#12 or private key: skipped", block, b->label);
		event_at(c, "ingest.unsupported", b->begin, block, SIZE_MAX, msg);
		return;
	}
	c->m->stats.candidates += is_cert_family(want);
	rc = cd_b64_decode((const char *)p + b->body, b->body_len, &der, &dl, &eo);
	if (rc == CD_E_NOMEM) {
		c->lost = rc;
		return;
	}
	if (rc < 0) {
		snprintf(msg, sizeof(msg), "PEM block %lu (\"%s\"): invalid base64 at offset %zu",
			 block, b->label, b->body + eo);
		event_at(c, "ingest.unparseable", b->body + eo, block, SIZE_MAX, msg);
		return;
	}
	if ((want == CD_DER_RSA_PRIVATE_KEY || want == CD_DER_EC_PRIVATE_KEY ||
	     want == CD_DER_PRIVATE_KEY) && b->proc_encrypted) {
		/* RFC 1421 encrypted PEM key: the DER is ciphertext */
		add_key(c, der, dl, 1, b->label, b->begin, block, NULL);
		free(der);
		return;
	}
	if (dl > CD_LIMIT_OBJECT_BYTES) {
		snprintf(msg, sizeof(msg), "PEM block %lu is %zu bytes, over the %lu-byte object limit; skipped",
			 block, dl, CD_LIMIT_OBJECT_BYTES);
		event_at(c, "ingest.limit-reached", b->begin, block, SIZE_MAX, msg);
		free(der);
		return;
	}
	rc = cd_der_classify(der, dl, &k, &ol, &eo);
	if (rc == CD_OK && k == CD_DER_PRIVATE_KEY && want == CD_DER_ENCRYPTED_PRIVATE_KEY)
		k = want;
	if (rc == CD_OK) {
		/* content decides when the armour is wrong (e.g. a PKCS#7 labelled CERTIFICATE) */
		do_der(c, k, der, ol, b->begin, block, (unsigned)block);
	} else if (rc == CD_E_TRUNCATED) {
		snprintf(msg, sizeof(msg),
			 "PEM block %lu (\"%s\") at offset %zu: the %s inside is truncated (%zu bytes decoded, the DER needs more)",
			 block, b->label, b->begin, cd_der_kind_name(k ? k : want), dl);
		event_at(c, "ingest.unparseable", b->begin, block, SIZE_MAX, msg);
	} else {
		snprintf(msg, sizeof(msg),
			 "PEM block %lu (\"%s\") at offset %zu: the decoded bytes are not a %s (%s at byte %zu of the decoded block)",
			 block, b->label, b->begin, cd_der_kind_name(want),
			 rc == CD_E_UNSUPPORTED ? "unrecognised structure" : cd_strerror(rc), eo);
		event_at(c, "ingest.unparseable", b->begin, block, SIZE_MAX, msg);
	}
	free(der);
}

/* Returns 1 when the buffer had PEM armour (handled), 0 otherwise. */
static int scan_pem(struct ctx *c, const uint8_t *p, size_t len)
{
	size_t pos = 0, eo = 0;
	unsigned long block = 0;
	struct cd_pem_block b;
	char msg[512];
	int rc, any = 0;
	while (!c->lost && (rc = cd_pem_next(p, len, &pos, &b, &eo)) != 0) {
		any = 1;
		block++;
		if (block > CD_LIMIT_PEM_BLOCKS) {
			event_at(c, "ingest.limit-reached", b.begin, block, SIZE_MAX,
				 "too many PEM blocks in one file; the rest is skipped");
			break;
		}
		if (rc == 1) {
			do_pem_block(c, p, &b, block);
			continue;
		}
		c->m->stats.candidates++;
		if (rc == CD_E_TRUNCATED)
			snprintf(msg, sizeof(msg), "PEM block %lu (\"%s\") at offset %zu has no END line: truncated",
				 block, b.label[0] ? b.label : "?", eo);
		else
			snprintf(msg, sizeof(msg), "PEM block %lu at offset %zu: BEGIN and END lines do not match",
				 block, eo);
		event_at(c, "ingest.unparseable", eo, block, SIZE_MAX, msg);
	}
	return any;
}

static int mostly_text(const uint8_t *p, size_t len)
{
	size_t bad = 0, n = len < 4096 ? len : 4096;
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x09 || (p[i] > 0x0d && p[i] < 0x20) || p[i] == 0x7f)
			bad++;
	return bad * 100 <= n; /* at most 1% control bytes */
}

/* CUCM keeps "<name>.description" beside every certificate in certs/ and trust-certs/
 * (PRODUCT-FACTS §5): product metadata, expected in every exported store. */
static int cucm_description(const char *rel)
{
	const char *base, *dir;
	size_t dl;
	if (!rel || !cd_str_endswith_ci(rel, ".description"))
		return 0;
	base = strrchr(rel, '/');
	if (!base)
		return 0;
	for (dir = base; dir > rel && dir[-1] != '/'; dir--)
		;
	dl = (size_t)(base - dir);
	return (dl == 5 && !strncmp(dir, "certs", 5)) || (dl == 11 && !strncmp(dir, "trust-certs", 11));
}

/* What an unsupported file is, in words. UTF-16 text (Windows "Unicode", PowerShell's `>`)
 * has a NUL in every other byte and would read as binary: say what it is, and when it holds
 * PEM armour, that a certificate or request is there unread. */
static const char *unsupported_what(const uint8_t *p, size_t len)
{
	int le = len >= 2 && p[0] == 0xff && p[1] == 0xfe, be = len >= 2 && p[0] == 0xfe && p[1] == 0xff;
	if (le || be) {
		static const char begin[] = "-----BEGIN ";
		size_t k = 0;
		for (size_t i = 2; i + 1 < len && k < sizeof(begin) - 1; i += 2) {
			uint8_t lo = le ? p[i] : p[i + 1], hi = le ? p[i + 1] : p[i];
			k = hi == 0 && lo == (uint8_t)begin[k] ? k + 1 : (hi == 0 && lo == '-' ? 1 : 0);
		}
		return k == sizeof(begin) - 1
			       ? "UTF-16 text holding PEM armour (a Windows editor's \"Unicode\" or PowerShell's output): not read - certdiag, like OpenSSL, reads PEM as ASCII or UTF-8; save the file as ANSI or UTF-8"
			       : "UTF-16 text with no PEM armour: not read";
	}
	if (mostly_text(p, len) && cd_keylog_sniff(p, len))
		return "TLS key log (NSS key log format): its secrets are read only when it is given with "
		       "--keylog FILE, to decrypt the TLS 1.3 handshakes of the captures scanned with it";
	return mostly_text(p, len) ? "text file with no certificate, CSR, CRL or key in it"
				   : "binary file of no supported format";
}

/* ------------------------------------------------------------------ the format table
 * libarchive's shape: every format bids on the buffer (0: not mine; higher: surer), the
 * highest bid reads it; a reader that finds on a closer look that the bytes are not its
 * format declines and the next bid reads. Bids, highest first: archives and compressed
 * streams (magic), packet captures (magic), ITL/CTL (its first two elements), logs (text
 * with timestamps or a known error line: PEM inside is read too), PEM (armour), DER (a
 * SEQUENCE), base64 DER without armour, CUCM .description metadata, ITL/CTL by name only. */

#define DECLINED 1 /* a read's "not mine after all": the next bid reads */

struct input {
	const uint8_t *data;
	size_t len;
	const struct cd_source *src;
	const struct cd_ingest_opts *o;
	struct ctx *c;
	enum cd_archive_format archive; /* set by its bid */
	int is_log;                     /* set by its bid */
};

struct format {
	const char *name;
	int max;                      /* the highest bid it ever makes */
	int (*bid)(struct input *in); /* 0 or a bid up to max */
	int (*read)(struct input *in); /* CD_OK, DECLINED or CD_E_NOMEM */
};

static int done(struct input *in)
{
	return in->c->lost == CD_E_NOMEM ? CD_E_NOMEM : CD_OK;
}

static int bid_archive(struct input *in)
{
	in->archive = cd_archive_bid(in->data, in->len);
	return in->archive != CD_ARCHIVE_NONE ? 100 : 0;
}

static int read_archive(struct input *in) /* members come back to cd_ingest_buffer */
{
	return cd_archive_ingest(in->c->m, in->data, in->len, in->archive, in->src, in->o);
}

static int bid_capture(struct input *in)
{
	return cd_pcap_is_capture(in->data, in->len) ? 90 : 0;
}

static int read_capture(struct input *in) /* pcap/pcapng: src/pcap/ */
{
	return cd_pcap_ingest_buffer(in->c->m, in->data, in->len, in->src, in->o ? in->o->keylog : NULL);
}

static int bid_itl(struct input *in)
{
	return cd_itl_bid(in->data, in->len, in->src->rel);
}

static int read_itl(struct input *in) /* ITLFile.tlv, CTLFile.tlv: src/ingest/itl.c */
{
	return cd_itl_ingest_buffer(in->c->m, in->data, in->len, in->src);
}

static int bid_jks(struct input *in)
{
	return cd_jks_bid(in->data, in->len);
}

static int read_jks(struct input *in) /* Java keystores: src/ingest/jks.c */
{
	return cd_jks_ingest_buffer(in->c->m, in->data, in->len, in->src);
}

static int bid_log(struct input *in)
{
	in->is_log = in->o && in->o->sigs &&
		     cd_log_looks_like(in->o->sigs, in->data, in->len, in->src->rel);
	return in->is_log ? 60 : 0;
}

/* a log (src/logs/) is matched against the signatures; PEM inside it (Expressway diagnostic
 * logs carry the certificates) is read too */
static int read_log(struct input *in)
{
	if (cd_log_scan(in->c->m, in->o->sigs, in->data, in->len, in->src) == CD_E_NOMEM)
		return CD_E_NOMEM;
	if (memmem(in->data, in->len, "-----BEGIN ", 11))
		scan_pem(in->c, in->data, in->len);
	return done(in);
}

static int bid_pem(struct input *in)
{
	return memmem(in->data, in->len, "-----BEGIN ", 11) ? 50 : 0;
}

static int read_pem(struct input *in)
{
	return scan_pem(in->c, in->data, in->len) ? done(in) : DECLINED;
}

static int bid_der(struct input *in)
{
	return in->data[0] == 0x30 ? 40 : 0;
}

static int read_der(struct input *in)
{
	return scan_der(in->c, in->data, in->len, 0) ? done(in) : DECLINED;
}

/* Length of a UTF-8 byte-order mark at p (Notepad writes one when it saves as UTF-8), else 0. */
static size_t utf8_bom(const uint8_t *p, size_t len)
{
	return len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf ? 3 : 0;
}

static int bid_base64(struct input *in)
{
	size_t b = utf8_bom(in->data, in->len);
	return cd_b64_looks_like((const char *)in->data + b, in->len - b, CD_B64_MIN_CHARS) ? 30 : 0;
}

static int read_base64(struct input *in)
{
	uint8_t *der = NULL;
	size_t dl = 0, eo = 0, b = utf8_bom(in->data, in->len);
	int rc = DECLINED;
	if (cd_b64_decode((const char *)in->data + b, in->len - b, &der, &dl, &eo) == CD_OK && dl > 0 &&
	    der[0] == 0x30 && scan_der(in->c, der, dl, 1))
		rc = done(in);
	free(der);
	return rc;
}

static int bid_description(struct input *in)
{
	return cucm_description(in->src->rel) && mostly_text(in->data, in->len) ? 10 : 0;
}

static int read_description(struct input *in)
{
	in->c->m->stats.product_metadata++; /* documented layout, not a stray file: no finding */
	return CD_OK;
}

/* Sorted by max, highest first: bids are asked lazily, and once a bid is at least the max of
 * every format below it those are not asked (an archive is never searched for PEM armour). */
static const struct format FORMATS[] = {
	{"archive", 100, bid_archive, read_archive},
	{"capture", 90, bid_capture, read_capture},
	{"jks", CD_JKS_BID, bid_jks, read_jks},
	{"itl", CD_ITL_BID_STRUCTURE, bid_itl, read_itl},
	{"log", 60, bid_log, read_log},
	{"pem", 50, bid_pem, read_pem},
	{"der", 40, bid_der, read_der},
	{"base64", 30, bid_base64, read_base64},
	{"cucm-description", 10, bid_description, read_description},
};
#define N_FORMATS (sizeof(FORMATS) / sizeof(FORMATS[0]))

int cd_ingest_buffer(struct cd_model *m, const uint8_t *data, size_t len,
		     const struct cd_source *src, const struct cd_ingest_opts *o)
{
	struct ctx c;
	struct input in;
	int bids[N_FORMATS];
	enum { UNASKED = -1 };
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.pw = o ? o->passwords : NULL;
	c.src = *src;
	c.file_role = src->role;
	m->stats.files++;
	if (len == 0) {
		event_at(&c, "ingest.unsupported", 0, 0, SIZE_MAX, "empty file");
		return CD_OK;
	}
	memset(&in, 0, sizeof(in));
	in.data = data;
	in.len = len;
	in.src = src;
	in.o = o;
	in.c = &c;
	for (size_t i = 0; i < N_FORMATS; i++)
		bids[i] = UNASKED;
	for (;;) { /* highest bid first; on a tie, the table's order */
		size_t best = N_FORMATS;
		int rc;
		for (size_t i = 0; i < N_FORMATS; i++) {
			if (best != N_FORMATS && bids[best] >= FORMATS[i].max)
				break; /* nothing from here on can bid higher */
			if (bids[i] == UNASKED)
				bids[i] = FORMATS[i].bid(&in);
			if (bids[i] > 0 && (best == N_FORMATS || bids[i] > bids[best]))
				best = i;
		}
		if (best == N_FORMATS)
			break;
		rc = FORMATS[best].read(&in);
		if (rc != DECLINED)
			return rc;
		bids[best] = 0;
	}
	event_at(&c, "ingest.unsupported", 0, 0, SIZE_MAX, unsupported_what(data, len));
	return CD_OK;
}
