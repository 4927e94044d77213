/* chain.c - path building with backtracking over every candidate issuer, and path validation
 * (RFC 5280 §6.1, with the choices of docs/chains.md), against each relevant trust store. */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "util/der.h"
#include "chain/chain.h"
#include "ingest/ingest.h"
#include "util/error.h"
#include "util/str.h"
#include "x509/decode.h"

/* ---- indexes ---- */

struct bucket {
	const char *key; /* not owned: points into the model */
	size_t klen;
	size_t *v;
	size_t n, cap;
};

struct strmap {
	struct bucket *b;
	size_t cap; /* power of two */
	size_t n;
};

static uint64_t fnv(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static struct bucket *strmap_slot(struct strmap *m, const char *k, size_t kl)
{
	size_t i = (size_t)fnv(k, kl) & (m->cap - 1);
	while (m->b[i].key && !(m->b[i].klen == kl && !memcmp(m->b[i].key, k, kl)))
		i = (i + 1) & (m->cap - 1);
	return &m->b[i];
}

static int strmap_add(struct strmap *m, const char *k, size_t kl, size_t v)
{
	struct bucket *b;
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap nm = {calloc(m->cap ? m->cap * 2 : 256, sizeof(struct bucket)),
				    m->cap ? m->cap * 2 : 256, m->n};
		if (!nm.b)
			return CD_E_NOMEM;
		for (size_t i = 0; i < m->cap; i++)
			if (m->b[i].key)
				*strmap_slot(&nm, m->b[i].key, m->b[i].klen) = m->b[i];
		free(m->b);
		*m = nm;
	}
	b = strmap_slot(m, k, kl);
	if (!b->key) {
		b->key = k;
		b->klen = kl;
		m->n++;
	}
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 2;
		size_t *nv = realloc(b->v, nc * sizeof(*nv));
		if (!nv)
			return CD_E_NOMEM;
		b->v = nv;
		b->cap = nc;
	}
	b->v[b->n++] = v;
	return CD_OK;
}

static const struct bucket *strmap_get(const struct strmap *m, const char *k, size_t kl)
{
	if (!m || !m->cap)
		return NULL;
	const struct bucket *b = strmap_slot((struct strmap *)m, k, kl);
	return b->key ? b : NULL;
}

static void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->b[i].v);
	free(m->b);
	free(m);
}

/* edge cache: (subject, issuer) -> verdict, open addressing */
struct edge {
	size_t s, i;
	int8_t v; /* 0 empty, 1 ok, 2 bad, 3 unknown */
};
struct edgemap {
	struct edge *e;
	size_t cap, n;
};

static struct edge *edge_slot(struct edgemap *m, size_t s, size_t i)
{
	size_t h = (size_t)((s * 0x9e3779b97f4a7c15ULL) ^ (i * 0xc2b2ae3d27d4eb4fULL)) & (m->cap - 1);
	while (m->e[h].v && !(m->e[h].s == s && m->e[h].i == i))
		h = (h + 1) & (m->cap - 1);
	return &m->e[h];
}

/* Verify subject's signature with issuer's key, parsing each issuer's key once. */
static int verify_with_cached_key(struct cd_chains *c, const struct cd_model *m,
				  const struct cd_object *so, size_t issuer, const struct cd_object *io)
{
	struct cd_der_signed sg;
	gnutls_pubkey_t pub;
	int rc;
	if (!c->keys) {
		c->keys = calloc(m->n_objects ? m->n_objects : 1, sizeof(*c->keys));
		if (!c->keys)
			return -1;
		c->n_keys = m->n_objects;
	}
	if (issuer >= c->n_keys || so->u.cert->sig_algo <= 0 || cd_der_split_signed(so->der, so->der_len, &sg) < 0)
		return -1;
	pub = c->keys[issuer];
	if (!pub) {
		gnutls_datum_t k = {io->der + io->u.cert->spki_off, (unsigned)io->u.cert->spki_len};
		if (gnutls_pubkey_init(&pub) < 0)
			return -1;
		if (gnutls_pubkey_import(pub, &k, GNUTLS_X509_FMT_DER) < 0) {
			gnutls_pubkey_deinit(pub);
			return -1;
		}
		c->keys[issuer] = pub;
	}
	gnutls_datum_t tbs = {(unsigned char *)sg.tbs, (unsigned)sg.tbs_len};
	gnutls_datum_t sig = {(unsigned char *)sg.sig, (unsigned)sg.sig_len};
	rc = gnutls_pubkey_verify_data2(pub, (gnutls_sign_algorithm_t)so->u.cert->sig_algo,
					GNUTLS_VERIFY_ALLOW_BROKEN, &tbs, &sig);
	if (rc >= 0)
		return 1;
	return rc == GNUTLS_E_PK_SIG_VERIFY_FAILED ? 0 : -1;
}

int cd_chains_edge(struct cd_chains *c, const struct cd_model *m, size_t subject, size_t issuer)
{
	struct edgemap *em = c->edges;
	struct edge *e;
	const struct cd_object *so = m->objects[subject], *io = m->objects[issuer];
	int r;
	if ((em->n + 1) * 2 > em->cap) {
		struct edgemap nm = {calloc(em->cap ? em->cap * 2 : 1024, sizeof(struct edge)),
				     em->cap ? em->cap * 2 : 1024, em->n};
		if (!nm.e)
			return -1;
		for (size_t k = 0; k < em->cap; k++)
			if (em->e[k].v)
				*edge_slot(&nm, em->e[k].s, em->e[k].i) = em->e[k];
		free(em->e);
		*em = nm;
	}
	/* a signature checked against one key is the same verdict for every certificate of that
	 * key (cross-signed and renewed versions of a CA): cache by the issuer's key */
	if (c->key_rep && issuer < c->n_key_rep) {
		issuer = c->key_rep[issuer];
		io = m->objects[issuer];
	}
	e = edge_slot(em, subject, issuer);
	if (e->v)
		return e->v == 1 ? 1 : e->v == 2 ? 0 : -1;
	r = verify_with_cached_key(c, m, so, issuer, io);
	c->verifications++;
	e->s = subject;
	e->i = issuer;
	e->v = r == 1 ? 1 : r == 0 ? 2 : 3;
	em->n++;
	return r;
}

size_t cd_chains_issuers(const struct cd_chains *c, const struct cd_model *m, size_t idx,
			 const size_t **out)
{
	const struct cd_cert *ct = m->objects[idx]->u.cert;
	const struct bucket *b = strmap_get(c->by_subject, ct->issuer.canon, strlen(ct->issuer.canon));
	*out = b ? b->v : NULL;
	return b ? b->n : 0;
}

/* AKI and SKI both present and different: not this issuer (RFC 5280 §4.2.1.1). */
static int key_id_contradicts(const struct cd_cert *sub, const struct cd_cert *iss)
{
	return sub->aki_len && iss->ski_len &&
	       (sub->aki_len != iss->ski_len || memcmp(sub->aki, iss->ski, sub->aki_len));
}

/* ---- stores ---- */

static int store_find(const struct cd_chains *c, const char *name, const char *node)
{
	for (size_t i = 0; i < c->n_stores; i++)
		if (!strcmp(c->stores[i].name, name) && !strcmp(c->stores[i].node, node))
			return (int)i;
	return -1;
}

static int store_add_member(struct cd_chains *c, const struct cd_role *r, size_t idx)
{
	int s = store_find(c, r->name, r->node);
	struct cd_store *st;
	if (s < 0) {
		struct cd_store *ns = realloc(c->stores, (c->n_stores + 1) * sizeof(*ns));
		if (!ns)
			return CD_E_NOMEM;
		c->stores = ns;
		st = &ns[c->n_stores++];
		memset(st, 0, sizeof(*st));
		cd_strlcpy(st->name, r->name, sizeof(st->name));
		cd_strlcpy(st->node, r->node, sizeof(st->node));
	} else {
		st = &c->stores[s];
	}
	if (st->n_members && st->members[st->n_members - 1] == idx)
		return CD_OK;
	size_t *nm = realloc(st->members, (st->n_members + 1) * sizeof(*nm));
	if (!nm)
		return CD_E_NOMEM;
	st->members = nm;
	st->members[st->n_members++] = idx;
	return CD_OK;
}

static int store_has(const struct cd_store *s, size_t idx)
{
	size_t lo = 0, hi = s->n_members;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->members[mid] == idx)
			return 1;
		if (s->members[mid] < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void cd_store_label(const struct cd_chains *c, int store, char *out, size_t size)
{
	if (store == CD_STORE_IMPLICIT)
		snprintf(out, size, "a self-signed root of the input (no trust store given)");
	else if (store < 0 || (size_t)store >= c->n_stores)
		snprintf(out, size, "no trust store");
	else if (c->stores[store].node[0])
		snprintf(out, size, "%s on %s", c->stores[store].name, c->stores[store].node);
	else
		snprintf(out, size, "%s", c->stores[store].name);
}

const char *cd_problem_name(enum cd_problem p)
{
	switch (p) {
	case CD_P_INCOMPLETE: return "incomplete";
	case CD_P_UNTRUSTED: return "untrusted-root";
	case CD_P_BAD_SIGNATURE: return "bad-signature";
	case CD_P_ISSUER_NOT_CA: return "issuer-not-ca";
	case CD_P_PATHLEN: return "pathlen-exceeded";
	case CD_P_NAME_CONSTRAINTS: return "name-constraints-violated";
	case CD_P_EXPIRED_ISSUER: return "expired-issuer";
	case CD_P_EXPIRED_LEAF: return "expired-leaf";
	case CD_P_EKU: return "eku-mismatch";
	case CD_P_HOSTNAME: return "hostname-mismatch";
	case CD_P_WEAK_ALGORITHM: return "weak-algorithm";
	case CD_P_CRITICAL_EXTENSION: return "unknown-critical-extension";
	case CD_P_LIMIT: return "limit-reached";
	case CD_P_MALFORMED: return "malformed-certificate";
	}
	return "unknown";
}

/* ---- host names (RFC 6125 §6.4) ---- */

static int label_eq(const char *a, size_t al, const char *b, size_t bl)
{
	return al == bl && strncasecmp(a, b, al) == 0;
}

/* Presented identifier p (from a SAN) against reference host h. A wildcard is only the whole
 * left-most label ("*.example.com"), never partial, and covers exactly one label. */
static int dns_match(const char *p, const char *h)
{
	size_t pl = strlen(p), hl = strlen(h);
	if (pl && p[pl - 1] == '.')
		pl--;
	if (hl && h[hl - 1] == '.')
		hl--;
	if (pl >= 2 && p[0] == '*' && p[1] == '.') {
		const char *hd = memchr(h, '.', hl);
		size_t rest = pl - 2;
		if (!hd || hd == h)
			return 0;
		/* the wildcard's domain needs at least two labels (no "*.com") */
		if (!memchr(p + 2, '.', rest))
			return 0;
		return label_eq(p + 2, rest, hd + 1, hl - (size_t)(hd + 1 - h));
	}
	if (memchr(p, '*', pl))
		return 0;
	return label_eq(p, pl, h, hl);
}

int cd_host_matches(const struct cd_cert *c, const char *host)
{
	uint8_t ip[16];
	unsigned iplen = 0;
	for (const char *q = host; *q; q++)
		if ((unsigned char)*q >= 0x80) {
			/* RFC 6125 §6.4.2: a U-label reference is compared as its A-label (SANs hold
			 * A-labels, RFC 5280 §7.2); one that does not map matches nothing */
			gnutls_datum_t a = {NULL, 0};
			int r = 0;
			if (gnutls_idna_map(host, (unsigned)strlen(host), &a, 0) >= 0 && a.data) {
				char *ascii = strndup((const char *)a.data, a.size);
				gnutls_free(a.data);
				if (ascii) {
					for (size_t i = 0; i < c->n_san && !r; i++)
						r = c->san[i].type == CD_SAN_DNS && dns_match(c->san[i].value, ascii);
					free(ascii);
				}
			}
			return r;
		}
	if (inet_pton(AF_INET, host, ip) == 1)
		iplen = 4;
	else if (inet_pton(AF_INET6, host, ip) == 1)
		iplen = 16;
	for (size_t i = 0; i < c->n_san; i++) {
		const struct cd_san *s = &c->san[i];
		if (iplen) {
			if (s->type == CD_SAN_IP && s->ip_len == iplen && !memcmp(s->ip, ip, iplen))
				return 1;
		} else if (s->type == CD_SAN_DNS && dns_match(s->value, host)) {
			return 1;
		}
	}
	return 0;
}

/* ---- path validation ---- */

static void add_issue(struct cd_path *p, enum cd_problem pr, size_t at, size_t other,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void add_issue(struct cd_path *p, enum cd_problem pr, size_t at, size_t other,
		      const char *fmt, ...)
{
	struct cd_issue *ni = realloc(p->issues, (p->n_issues + 1) * sizeof(*ni));
	va_list ap;
	if (!ni)
		return;
	p->issues = ni;
	ni = &ni[p->n_issues++];
	ni->problem = pr;
	ni->at = at;
	ni->other = other;
	va_start(ap, fmt);
	vsnprintf(ni->detail, sizeof(ni->detail), fmt, ap);
	va_end(ap);
	p->problems |= pr;
}

static const char *purpose_oid(enum cd_purpose p)
{
	return p == CD_PURPOSE_SERVER ? GNUTLS_KP_TLS_WWW_SERVER : GNUTLS_KP_TLS_WWW_CLIENT;
}

static int eku_allows(const struct cd_cert *c, enum cd_purpose p)
{
	if (!c->eku_present)
		return 1;
	for (size_t i = 0; i < c->n_eku; i++)
		if (!strcmp(c->eku[i], purpose_oid(p)) || !strcmp(c->eku[i], GNUTLS_KP_ANY))
			return 1;
	return 0;
}

static int weak_algorithm(const struct cd_cert *c)
{
	/* MD2/MD5 are never acceptable (RFC 6151); SHA-1 is reported by cert.weak-signature but
	 * still accepted here, as CUCM and OpenSSL at its default level accept it. */
	gnutls_digest_algorithm_t h =
		c->sig_algo ? gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)c->sig_algo) : 0;
	return h == GNUTLS_DIG_MD5 || h == GNUTLS_DIG_MD2 || !strcmp(c->sig_oid, "1.2.840.113549.1.1.2") ||
	       !strcmp(c->sig_oid, "1.2.840.113549.1.1.4");
}

/* Is the subject (RFC 4514 string, last RDN first, as GnuTLS prints it) within the subtree
 * base (same form: GnuTLS hands directoryName constraints over as strings)? RFC 5280 §7.1:
 * base's RDNs are the first RDNs of the subject; values compared case-insensitively. */
static int dn_within(const char *base, size_t bl, const char *subj, size_t sl)
{
	if (!bl || !base)
		return 1; /* the empty name: every name is within it */
	if (bl == sl)
		return strncasecmp(base, subj, bl) == 0;
	return bl < sl && subj[sl - bl - 1] == ',' && strncasecmp(base, subj + sl - bl, bl) == 0;
}

/* RFC 5280 §4.2.1.10: directoryName constraints apply to the subject field too (when it is not
 * empty); GnuTLS's checker only looks at directoryNames in the subjectAltName. */
static int dn_subject_violation(gnutls_x509_name_constraints_t nc, gnutls_x509_crt_t sc)
{
	gnutls_datum_t subj = {0};
	unsigned type;
	gnutls_datum_t n;
	int any_permitted = 0, permitted = 0, excluded = 0;
	if (gnutls_x509_crt_get_dn3(sc, &subj, 0) < 0)
		return 0;
	if (!subj.size) {
		gnutls_free(subj.data);
		return 0;
	}
	for (unsigned i = 0; gnutls_x509_name_constraints_get_permitted(nc, i, &type, &n) >= 0; i++)
		if (type == GNUTLS_SAN_DN) {
			any_permitted = 1;
			permitted |= dn_within((const char *)n.data, n.size, (const char *)subj.data, subj.size);
		}
	for (unsigned i = 0; gnutls_x509_name_constraints_get_excluded(nc, i, &type, &n) >= 0; i++)
		if (type == GNUTLS_SAN_DN)
			excluded |= dn_within((const char *)n.data, n.size, (const char *)subj.data, subj.size);
	gnutls_free(subj.data);
	return excluded || (any_permitted && !permitted);
}

/* A wildcard dNSName "*.base" of the certificate would match a host inside an excluded subtree
 * ("bar.base" or below): RFC 5280 and RFC 9525 leave it open, we reject it defensively
 * (CVE-2025-61727); GnuTLS compares the wildcard as a literal name. The SAN entry or NULL. */
static const char *wildcard_reaches_excluded(gnutls_x509_name_constraints_t nc, const struct cd_cert *sub)
{
	unsigned type;
	gnutls_datum_t n;
	for (size_t k = 0; k < sub->n_san; k++) {
		const char *v = sub->san[k].value;
		size_t bl;
		if (sub->san[k].type != CD_SAN_DNS || strncmp(v, "*.", 2))
			continue;
		bl = strlen(v + 2);
		for (unsigned i = 0; gnutls_x509_name_constraints_get_excluded(nc, i, &type, &n) >= 0; i++)
			if (type == GNUTLS_SAN_DNSNAME && n.size > bl + 1 && n.data[n.size - bl - 1] == '.' &&
			    !strncasecmp((const char *)n.data + n.size - bl, v + 2, bl))
				return v;
	}
	return NULL;
}

static int has_dns_san(const struct cd_cert *c)
{
	for (size_t k = 0; k < c->n_san; k++)
		if (c->san[k].type == CD_SAN_DNS)
			return 1;
	return 0;
}

/* Name constraints of CA ca applied to cert sub, with GnuTLS's checker (RFC 5280 §4.2.1.10). */
static int nc_violation(const struct cd_model *m, size_t ca, size_t sub, char *why, size_t wsz)
{
	gnutls_x509_crt_t cc = NULL, sc = NULL;
	gnutls_x509_name_constraints_t nc = NULL;
	gnutls_datum_t d;
	unsigned crit;
	int bad = 0;
	static const struct {
		unsigned type;
		const char *name;
	} types[] = {{GNUTLS_SAN_DNSNAME, "DNS name"},
		     {GNUTLS_SAN_RFC822NAME, "e-mail address"},
		     {GNUTLS_SAN_IPADDRESS, "IP address"},
		     {GNUTLS_SAN_DN, "directory name"}};
	if (gnutls_x509_crt_init(&cc) < 0 || gnutls_x509_crt_init(&sc) < 0 ||
	    gnutls_x509_name_constraints_init(&nc) < 0)
		goto out;
	d.data = m->objects[ca]->der;
	d.size = (unsigned)m->objects[ca]->der_len;
	if (gnutls_x509_crt_import(cc, &d, GNUTLS_X509_FMT_DER) < 0 ||
	    gnutls_x509_crt_get_name_constraints(cc, nc, 0, &crit) < 0)
		goto out;
	d.data = m->objects[sub]->der;
	d.size = (unsigned)m->objects[sub]->der_len;
	if (gnutls_x509_crt_import(sc, &d, GNUTLS_X509_FMT_DER) < 0)
		goto out;
	{
		const char *w = wildcard_reaches_excluded(nc, m->objects[sub]->u.cert);
		if (w) {
			snprintf(why, wsz, "the wildcard \"%s\" of \"%s\" covers names excluded by \"%s\"", w,
				 cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
			bad = 1;
			goto out;
		}
	}
	if (dn_subject_violation(nc, sc)) {
		snprintf(why, wsz, "the subject of \"%s\" is outside the directoryName constraints of \"%s\"",
			 cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
		bad = 1;
		goto out;
	}
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		/* dNSName constraints apply to dNSName SANs (RFC 5280 §4.2.1.10); GnuTLS falls back
		 * to the CN when there is none, but the CN never names the host here (no CN
		 * fallback in host-name matching), so a certificate without DNS SAN has no DNS
		 * name to constrain */
		if (types[i].type == GNUTLS_SAN_DNSNAME && !has_dns_san(m->objects[sub]->u.cert))
			continue;
		if (!gnutls_x509_name_constraints_check_crt(nc, types[i].type, sc)) {
			snprintf(why, wsz, "a %s of \"%s\" is outside the name constraints of \"%s\"",
				 types[i].name, cd_object_label(m->objects[sub]), cd_object_label(m->objects[ca]));
			bad = 1;
			break;
		}
	}
out:
	if (nc)
		gnutls_x509_name_constraints_deinit(nc);
	if (cc)
		gnutls_x509_crt_deinit(cc);
	if (sc)
		gnutls_x509_crt_deinit(sc);
	return bad;
}

enum cd_profile cd_chain_profile(const struct cd_chain_opts *o)
{
	if (o->profile != CD_PROFILE_AUTO)
		return o->profile;
	return o->purpose == CD_PURPOSE_SERVER ? CD_PROFILE_WEBPKI : CD_PROFILE_RFC5280;
}

/* Criticality of the extension oid: -1 absent, 0 or 1. */
static int ext_crit(const struct cd_cert *c, const char *oid)
{
	for (size_t i = 0; i < c->n_exts; i++)
		if (!strcmp(c->exts[i].oid, oid))
			return c->exts[i].critical;
	return -1;
}

static int has_eku(const struct cd_cert *c, const char *oid)
{
	for (size_t i = 0; i < c->n_eku; i++)
		if (!strcmp(c->eku[i], oid))
			return 1;
	return 0;
}

/* Serial number per RFC 5280 §4.1.2.2: positive, at most 20 octets (21 encoded when the
 * leading octet is the 0x00 that keeps a 20-octet value positive). */
static const char *serial_problem(const struct cd_cert *c)
{
	int zero = 1;
	if (!c->serial_full_len)
		return "is empty";
	if (c->serial[0] & 0x80)
		return "is negative";
	for (size_t i = 0; i < c->serial_len; i++)
		zero &= c->serial[i] == 0;
	if (zero && c->serial_full_len == c->serial_len)
		return "is zero";
	if (c->serial_full_len > 21 || (c->serial_full_len == 21 && c->serial[0] != 0))
		return "is longer than 20 octets";
	return NULL;
}

/* Public key acceptable under the Baseline Requirements §6.1.5: RSA of at least 2048 bits
 * with a modulus size divisible by 8, or ECDSA on P-256, P-384 or P-521. */
static const char *key_problem(const struct cd_pubkey *k, char *buf, size_t sz)
{
	if (!k->known)
		return "an unreadable public key";
	if (k->algo == GNUTLS_PK_RSA) {
		if (k->bits < 2048 || k->bits % 8) {
			snprintf(buf, sz, "a %u-bit RSA key (at least 2048 bits, a multiple of 8)", k->bits);
			return buf;
		}
		return NULL;
	}
	if (k->algo == GNUTLS_PK_ECDSA) {
		if (!strcmp(k->curve, "SECP256R1") || !strcmp(k->curve, "SECP384R1") ||
		    !strcmp(k->curve, "SECP521R1"))
			return NULL;
		snprintf(buf, sz, "an EC key on %s (P-256, P-384 or P-521 only)", k->curve[0] ? k->curve : "an unknown curve");
		return buf;
	}
	snprintf(buf, sz, "a %s key (RSA or ECDSA only)", k->algo_name[0] ? k->algo_name : "unknown");
	return buf;
}

/* Signature algorithm acceptable under the Baseline Requirements §7.1.3.2: RSASSA-PKCS1-v1_5,
 * RSASSA-PSS or ECDSA, with SHA-256, SHA-384 or SHA-512. */
static int sig_acceptable_webpki(const struct cd_cert *c)
{
	gnutls_digest_algorithm_t h;
	gnutls_pk_algorithm_t pk;
	if (!c->sig_algo)
		return 0;
	h = gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)c->sig_algo);
	pk = gnutls_sign_get_pk_algorithm((gnutls_sign_algorithm_t)c->sig_algo);
	return (h == GNUTLS_DIG_SHA256 || h == GNUTLS_DIG_SHA384 || h == GNUTLS_DIG_SHA512) &&
	       (pk == GNUTLS_PK_RSA || pk == GNUTLS_PK_RSA_PSS || pk == GNUTLS_PK_ECDSA);
}

#define OID_AKI "2.5.29.35"
#define OID_SKI "2.5.29.14"
#define OID_SAN "2.5.29.17"
#define OID_NC "2.5.29.30"
#define OID_BC "2.5.29.19"
#define OID_EKU "2.5.29.37"
#define OID_AIA "1.3.6.1.5.5.7.1.1"
#define OID_PCONS "2.5.29.36"
#define OID_IAP "2.5.29.54"

/* The structure of certificate i of the path, under the profile (docs/chains.md
 * "Certificate structure"). Problems of a CA certificate are issuer-not-ca; of the leaf's
 * usage, eku-mismatch; of keys and algorithms, weak-algorithm; the rest malformed. */
static void check_structure(struct cd_chains *c, const struct cd_model *m, struct cd_path *p,
			    size_t i, int is_anchor)
{
	const struct cd_object *o = m->objects[p->certs[i]];
	const struct cd_cert *ct = o->u.cert;
	const char *lbl = cd_object_label(o);
	const int web = cd_chain_profile(&c->opts) == CD_PROFILE_WEBPKI;
	const int server = c->opts.purpose == CD_PURPOSE_SERVER;
	const int is_ca_pos = i > 0 || (is_anchor && p->n > 1);
	const char *why;
	char buf[120];

	/* RFC 5280 §4.2: one instance of each extension; §4.2: an extension we must process
	 * that does not decode leaves the certificate unusable */
	if (ct->dup_ext)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has the extension %s twice (RFC 5280 §4.2)",
			  lbl, ct->dup_ext_oid);
	if (ct->bad_ext)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has a malformed or empty %s extension",
			  lbl, ct->bad_ext_oid);
	/* §4.1.1.2: the two signature algorithm fields agree */
	if (ct->sig_alg_mismatch)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" names different signature algorithms inside and outside the signed part (RFC 5280 §4.1.1.2)",
			  lbl);
	/* §4.2.1.1, §4.2.1.2, §4.2.2.1: key identifiers and AIA are never critical; §4.2.1.11,
	 * §4.2.1.14: policyConstraints and inhibitAnyPolicy always are */
	if (ext_crit(ct, OID_AKI) == 1 || ext_crit(ct, OID_SKI) == 1 || ext_crit(ct, OID_AIA) == 1)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" marks a key identifier or authorityInfoAccess critical (RFC 5280 §4.2.1.1, §4.2.1.2, §4.2.2.1)",
			  lbl);
	if (ext_crit(ct, OID_PCONS) == 0 || ext_crit(ct, OID_IAP) == 0)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has a non-critical policyConstraints or inhibitAnyPolicy (RFC 5280 §4.2.1.11, §4.2.1.14)",
			  lbl);
	/* §4.1.2.4: the issuer name is never empty; §4.1.2.6 and §4.2.1.6: an empty subject
	 * needs a critical subjectAltName */
	if (!ct->issuer.canon[0])
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has an empty issuer name (RFC 5280 §4.1.2.4)", lbl);
	if (!ct->subject.canon[0] && ext_crit(ct, OID_SAN) != 1)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has an empty subject without a critical subjectAltName (RFC 5280 §4.2.1.6)", lbl);
	/* §4.2.1.3: keyUsage, when present, asserts at least one bit */
	if (ct->ku_present && ct->ku == 0)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" has a keyUsage with no bit set (RFC 5280 §4.2.1.3)", lbl);
	if (is_ca_pos && !ct->subject.canon[0])
		add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
			  "\"%s\" issues certificates but its subject is empty (RFC 5280 §4.1.2.6)", lbl);
	/* §4.2.1.10: conforming CAs mark nameConstraints critical; the web PKI profile allows
	 * it non-critical (BR §7.1.2.5.2), so only RFC 5280 rejects it */
	if (!web && is_ca_pos && ext_crit(ct, OID_NC) == 0)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" has a non-critical nameConstraints extension (RFC 5280 §4.2.1.10)", lbl);
	/* §4.2.1.10: nameConstraints only in CA certificates */
	if (i == 0 && ct->nc_present && !(ct->bc_present && ct->is_ca))
		add_issue(p, CD_P_MALFORMED, 0, SIZE_MAX,
			  "\"%s\" is not a CA but has a nameConstraints extension (RFC 5280 §4.2.1.10)", lbl);
	if (!web)
		return;

	/* ---- web PKI (CA/Browser Forum Baseline Requirements) ---- */
	if ((why = serial_problem(ct)))
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "the serial number of \"%s\" %s (RFC 5280 §4.1.2.2)", lbl, why);
	if (ct->version != 3)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX, "\"%s\" is a version %d certificate (BR §7.1.1: v3)",
			  lbl, ct->version);
	if ((why = key_problem(&ct->key, buf, sizeof(buf))))
		add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX, "\"%s\" has %s (BR §6.1.5)", lbl, why);
	if (!is_anchor && !sig_acceptable_webpki(ct))
		add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX,
			  "\"%s\" is signed with %s (BR §7.1.3.2: RSA, RSA-PSS or ECDSA with SHA-256/384/512)",
			  lbl, ct->sig_name[0] ? ct->sig_name : "an unknown algorithm");
	/* §4.2.1.1: every certificate but a self-signed one carries the issuer's key id */
	if (!ct->self_signed && !ct->aki_len)
		add_issue(p, CD_P_MALFORMED, i, SIZE_MAX,
			  "\"%s\" lacks the authorityKeyIdentifier keyIdentifier (RFC 5280 §4.2.1.1)", lbl);
	if (is_ca_pos || (is_anchor && ct->bc_present && ct->is_ca)) {
		/* §4.2.1.9: basicConstraints present and critical in CA certificates; §4.2.1.2:
		 * CA certificates carry a subjectKeyIdentifier */
		if (!ct->bc_present || !ct->is_ca || !ct->bc_critical)
			add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "\"%s\" is a CA without a critical basicConstraints cA=TRUE (RFC 5280 §4.2.1.9)", lbl);
		if (!ct->ski_len)
			add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "\"%s\" is a CA without a subjectKeyIdentifier (RFC 5280 §4.2.1.2)", lbl);
		/* BR §7.1.2.1.3: a root's AKI, if any, is its own key id and nothing else; §7.1.2.1.2:
		 * a root has no extKeyUsage */
		if (ct->self_signed && ct->aki_present &&
		    (!ct->aki_len || ct->aki_issuer_serial || ct->aki_len != ct->ski_len ||
		     memcmp(ct->aki, ct->ski, ct->aki_len)))
			add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "the authorityKeyIdentifier of root \"%s\" is not exactly its subjectKeyIdentifier (BR §7.1.2.1.3)",
				  lbl);
		if (ct->self_signed && ct->eku_present)
			add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
				  "root \"%s\" has an extKeyUsage (BR §7.1.2.1.2)", lbl);
		if (is_anchor && ct->unknown_critical)
			add_issue(p, CD_P_CRITICAL_EXTENSION, i, SIZE_MAX,
				  "trust anchor \"%s\" has a critical extension %s that cannot be processed",
				  lbl, ct->unknown_critical_oid);
	}
	if (i != 0 || !server)
		return;
	/* the TLS server certificate (BR §7.1.2.7) */
	/* keyCertSign needs cA=TRUE (RFC 5280 §4.2.1.9, a rule for issuing CAs that CUCM
	 * CallManager certificates break and OpenSSL does not enforce; BR §7.1.2.7.11) */
	if (ct->ku_present && (ct->ku & GNUTLS_KEY_KEY_CERT_SIGN) && !(ct->bc_present && ct->is_ca))
		add_issue(p, CD_P_EKU, 0, SIZE_MAX,
			  "\"%s\" asserts keyCertSign without being a CA (RFC 5280 §4.2.1.9)", lbl);
	if (ct->bc_present && ct->is_ca)
		add_issue(p, CD_P_EKU, 0, SIZE_MAX,
			  "\"%s\" is a CA certificate (cA=TRUE), not a TLS server certificate (BR §7.1.2.7.8)", lbl);
	if (ct->eku_present) {
		static const char *const forbidden[][2] = {
			{GNUTLS_KP_ANY, "anyExtendedKeyUsage"},
			{"1.3.6.1.5.5.7.3.3", "codeSigning"},
			{"1.3.6.1.5.5.7.3.4", "emailProtection"},
			{"1.3.6.1.5.5.7.3.8", "timeStamping"},
			{"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
			{"1.3.6.1.4.1.11129.2.4.4", "precertificate signing"},
		};
		for (size_t k = 0; k < sizeof(forbidden) / sizeof(forbidden[0]); k++)
			if (has_eku(ct, forbidden[k][0]))
				add_issue(p, CD_P_EKU, 0, SIZE_MAX,
					  "the extended key usage of \"%s\" includes %s (BR §7.1.2.7.10)", lbl,
					  forbidden[k][1]);
		if (ext_crit(ct, OID_EKU) == 1)
			add_issue(p, CD_P_EKU, 0, SIZE_MAX,
				  "the extended key usage of \"%s\" is critical (BR §7.1.2.7.6)", lbl);
	}
	if (ct->ku_present && ct->ku) {
		unsigned need = ct->key.algo == GNUTLS_PK_RSA ? GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_ENCIPHERMENT
			       : GNUTLS_KEY_DIGITAL_SIGNATURE | GNUTLS_KEY_KEY_AGREEMENT;
		if (!(ct->ku & need))
			add_issue(p, CD_P_EKU, 0, SIZE_MAX,
				  "the keyUsage of \"%s\" allows no TLS server use (BR §7.1.2.7.11)", lbl);
	}
	if (ext_crit(ct, OID_SAN) == 1 && ct->subject.canon[0])
		add_issue(p, CD_P_MALFORMED, 0, SIZE_MAX,
			  "\"%s\" marks subjectAltName critical with a non-empty subject (BR §7.1.2.7.12)", lbl);
}

static void validate(struct cd_chains *c, const struct cd_model *m, struct cd_path *p)
{
	const cd_time_t at = c->opts.at;
	const size_t n = p->n;
	const int anchored = p->store != CD_STORE_NONE;
	char t[40];

	if (!anchored) {
		const struct cd_cert *top = m->objects[p->certs[n - 1]]->u.cert;
		if (top->self_signed)
			add_issue(p, CD_P_UNTRUSTED, n - 1, SIZE_MAX,
				  "\"%s\" is a self-signed root that no relevant trust store holds",
				  cd_object_label(m->objects[p->certs[n - 1]]));
		else
			add_issue(p, CD_P_INCOMPLETE, n - 1, SIZE_MAX,
				  "the issuer of \"%s\" (\"%s\") is not in the input",
				  cd_object_label(m->objects[p->certs[n - 1]]),
				  top->issuer.cn ? top->issuer.cn : top->issuer.display);
	}
	for (size_t i = 0; i < n; i++) {
		const struct cd_object *o = m->objects[p->certs[i]];
		const struct cd_cert *ct = o->u.cert;
		const int is_anchor = anchored && i == n - 1;
		/* validity of every certificate, the anchor's too (docs/chains.md) */
		if (ct->not_after != CD_TIME_NONE && ct->not_after < at) {
			cd_time_format(ct->not_after, t, sizeof(t));
			add_issue(p, i ? CD_P_EXPIRED_ISSUER : CD_P_EXPIRED_LEAF, i, SIZE_MAX,
				  "\"%s\" expired on %s", cd_object_label(o), t);
		} else if (ct->not_before != CD_TIME_NONE && ct->not_before > at) {
			cd_time_format(ct->not_before, t, sizeof(t));
			add_issue(p, i ? CD_P_EXPIRED_ISSUER : CD_P_EXPIRED_LEAF, i, SIZE_MAX,
				  "\"%s\" is not valid before %s", cd_object_label(o), t);
		}
		if (i + 1 < n) {
			int v = cd_chains_edge(c, m, p->certs[i], p->certs[i + 1]);
			if (v != 1)
				add_issue(p, CD_P_BAD_SIGNATURE, i, i + 1,
					  "the signature of \"%s\" %s with the key of \"%s\"", cd_object_label(o),
					  v == 0 ? "does not verify" : "cannot be checked",
					  cd_object_label(m->objects[p->certs[i + 1]]));
			if (weak_algorithm(ct))
				add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX, "\"%s\" is signed with %s",
					  cd_object_label(o), ct->sig_name);
		}
		check_structure(c, m, p, i, is_anchor);
		if (ct->unknown_critical && !is_anchor)
			add_issue(p, CD_P_CRITICAL_EXTENSION, i, SIZE_MAX,
				  "\"%s\" has a critical extension %s that cannot be processed",
				  cd_object_label(o), ct->unknown_critical_oid);
		if (i > 0) {
			/* RFC 5280 §6.1.4 (k): an intermediate must be a v3 CA; an anchor is trusted
			 * as configured, but not one that says it is not a CA */
			if ((!is_anchor && !(ct->bc_present && ct->is_ca)) ||
			    (is_anchor && ct->bc_present && !ct->is_ca))
				add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
					  "\"%s\" issues certificates but is not a CA (basicConstraints %s)",
					  cd_object_label(o), ct->bc_present ? "cA=FALSE" : "absent");
			else if (ct->ku_present && !(ct->ku & GNUTLS_KEY_KEY_CERT_SIGN))
				add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
					  "\"%s\" issues certificates but its keyUsage lacks keyCertSign",
					  cd_object_label(o));
			/* §6.1.4 (m): non-self-issued intermediates below a pathLenConstraint */
			if (ct->bc_present && ct->is_ca && ct->pathlen >= 0) {
				int below = 0;
				for (size_t k = 1; k < i; k++)
					below += !m->objects[p->certs[k]]->u.cert->self_issued;
				if (below > ct->pathlen)
					add_issue(p, CD_P_PATHLEN, i, SIZE_MAX,
						  "\"%s\" allows %d intermediate CA%s below it (pathLenConstraint); the path has %d",
						  cd_object_label(o), ct->pathlen, ct->pathlen == 1 ? "" : "s", below);
			}
			/* §6.1.3 (b): names of every later certificate (the leaf always, others
			 * unless self-issued) within the CA's constraints */
			if (ct->nc_present)
				for (size_t k = 0; k < i; k++) {
					char why[200];
					if (k && m->objects[p->certs[k]]->u.cert->self_issued)
						continue;
					if (nc_violation(m, p->certs[i], p->certs[k], why, sizeof(why)))
						add_issue(p, CD_P_NAME_CONSTRAINTS, k, i, "%s", why);
				}
			if (c->opts.purpose != CD_PURPOSE_ANY && !is_anchor && !eku_allows(ct, c->opts.purpose))
				add_issue(p, CD_P_EKU, i, SIZE_MAX,
					  "the extended key usage of CA \"%s\" does not include %s",
					  cd_object_label(o),
					  c->opts.purpose == CD_PURPOSE_SERVER ? "TLS Web Server Authentication"
									      : "TLS Web Client Authentication");
		}
	}
	{
		const struct cd_cert *leaf = m->objects[p->certs[0]]->u.cert;
		if (c->opts.purpose != CD_PURPOSE_ANY && !eku_allows(leaf, c->opts.purpose))
			add_issue(p, CD_P_EKU, 0, SIZE_MAX, "the extended key usage of \"%s\" does not include %s",
				  cd_object_label(m->objects[p->certs[0]]),
				  c->opts.purpose == CD_PURPOSE_SERVER ? "TLS Web Server Authentication"
								      : "TLS Web Client Authentication");
		if (c->opts.host && !cd_host_matches(leaf, c->opts.host))
			add_issue(p, CD_P_HOSTNAME, 0, SIZE_MAX, "no subjectAltName of \"%s\" matches \"%s\"",
				  cd_object_label(m->objects[p->certs[0]]), c->opts.host);
	}
	p->valid = p->problems == 0;
}

/* ---- search ---- */

struct search {
	struct cd_chains *c;
	const struct cd_model *m;
	struct cd_chain *ch;
	const int *relevant; /* per store: 1 when relevant to this leaf */
	size_t path[CD_CHAIN_MAX_DEPTH];
	size_t depth;
	unsigned long steps;
};

static void record(struct search *s, int store)
{
	struct cd_chain *ch = s->ch;
	struct cd_path *np, *p;
	if (ch->n_paths >= CD_CHAIN_MAX_PATHS) {
		ch->limited = 1;
		return;
	}
	np = realloc(ch->paths, (ch->n_paths + 1) * sizeof(*np));
	if (!np)
		return;
	ch->paths = np;
	p = &np[ch->n_paths];
	memset(p, 0, sizeof(*p));
	p->certs = malloc(s->depth * sizeof(size_t));
	if (!p->certs)
		return;
	memcpy(p->certs, s->path, s->depth * sizeof(size_t));
	p->n = s->depth;
	p->store = store;
	ch->n_paths++;
}

static int in_path(const struct search *s, size_t idx)
{
	for (size_t i = 0; i < s->depth; i++)
		if (s->path[i] == idx)
			return 1;
	return 0;
}

static void dfs(struct search *s)
{
	const size_t cur = s->path[s->depth - 1];
	const struct cd_cert *ct = s->m->objects[cur]->u.cert;
	const size_t *cand;
	size_t nc;
	int anchored = 0, extended = 0, all_anchor = s->c->n_stores > 0;

	if (++s->steps > CD_CHAIN_MAX_STEPS) {
		s->ch->limited = 1;
		return;
	}
	for (size_t k = 0; k < s->c->n_stores; k++) {
		if (!s->relevant[k])
			continue;
		if (store_has(&s->c->stores[k], cur)) {
			record(s, (int)k);
			anchored = 1;
		} else {
			all_anchor = 0;
		}
	}
	if (s->c->implicit && ct->self_signed) {
		record(s, CD_STORE_IMPLICIT);
		anchored = 1;
	}
	if (ct->self_signed) {
		if (!anchored)
			record(s, CD_STORE_NONE);
		return;
	}
	if (anchored && all_anchor)
		return; /* every relevant store trusts it: going higher adds nothing */
	if (s->depth >= CD_CHAIN_MAX_DEPTH) {
		s->ch->limited = 1;
		if (!anchored)
			record(s, CD_STORE_NONE);
		return;
	}
	nc = cd_chains_issuers(s->c, s->m, cur, &cand);
	for (size_t k = 0; k < nc; k++) {
		const struct cd_cert *ic = s->m->objects[cand[k]]->u.cert;
		if (in_path(s, cand[k]) || key_id_contradicts(ct, ic))
			continue; /* a loop, or a namesake with another key */
		s->path[s->depth++] = cand[k];
		dfs(s);
		s->depth--;
		extended = 1;
	}
	if (!extended && !anchored)
		record(s, CD_STORE_NONE); /* the issuer is missing */
}

static int64_t newest(const struct cd_model *m, const struct cd_path *p)
{
	int64_t t = 0;
	for (size_t i = 1; i < p->n; i++)
		t += m->objects[p->certs[i]]->u.cert->not_before / 1024;
	return t;
}

/* Best first: valid, anchored, shortest, newest; then by ids for a stable order. */
static int cmp_path(const void *a, const void *b, void *arg)
{
	const struct cd_path *x = a, *y = b;
	const struct cd_model *m = arg;
	int64_t nx, ny;
	if (x->valid != y->valid)
		return y->valid - x->valid;
	if ((x->store != CD_STORE_NONE) != (y->store != CD_STORE_NONE))
		return (y->store != CD_STORE_NONE) - (x->store != CD_STORE_NONE);
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	nx = newest(m, x);
	ny = newest(m, y);
	if (nx != ny)
		return nx > ny ? -1 : 1;
	for (size_t i = 0; i < x->n; i++) {
		int c = strcmp(m->objects[x->certs[i]]->id, m->objects[y->certs[i]]->id);
		if (c)
			return c;
	}
	return x->store - y->store;
}

/* Stores relevant to a leaf: its own unit's trust store when it has an identity role and that
 * store exists in the input, every store otherwise. */
static void relevant_stores(const struct cd_chains *c, const struct cd_object *leaf, int *rel)
{
	int any = 0;
	for (size_t k = 0; k < c->n_stores; k++)
		rel[k] = 0;
	for (size_t s = 0; s < leaf->n_sources; s++) {
		const struct cd_role *r = &leaf->sources[s].role;
		const char *want;
		if (r->kind != CD_ROLE_IDENTITY || !c->opts.unit_store ||
		    !(want = c->opts.unit_store(c->opts.unit_store_arg, r->name)))
			continue;
		for (size_t k = 0; k < c->n_stores; k++)
			if (!strcasecmp(c->stores[k].name, want) &&
			    (!c->stores[k].node[0] || !r->node[0] || !strcmp(c->stores[k].node, r->node))) {
				rel[k] = 1;
				any = 1;
			}
	}
	if (!any)
		for (size_t k = 0; k < c->n_stores; k++)
			rel[k] = 1;
	/* stores given on the command line are always relevant */
	for (size_t k = 0; k < c->n_stores; k++)
		if (!strcmp(c->stores[k].name, "--trust") || !strcmp(c->stores[k].name, "system"))
			rel[k] = 1;
}

static int build_chain(struct cd_chains *c, const struct cd_model *m, size_t leaf)
{
	struct cd_chain *nc = realloc(c->chains, (c->n_chains + 1) * sizeof(*nc));
	struct search s;
	int *rel;
	if (!nc)
		return CD_E_NOMEM;
	c->chains = nc;
	nc = &nc[c->n_chains];
	memset(nc, 0, sizeof(*nc));
	nc->leaf = leaf;
	rel = calloc(c->n_stores + 1, sizeof(int));
	if (!rel)
		return CD_E_NOMEM;
	relevant_stores(c, m->objects[leaf], rel);
	for (size_t k = 0; k < c->n_stores; k++)
		nc->has_relevant_store |= rel[k];
	memset(&s, 0, sizeof(s));
	s.c = c;
	s.m = m;
	s.ch = nc;
	s.relevant = rel;
	s.path[0] = leaf;
	s.depth = 1;
	dfs(&s);
	free(rel);
	for (size_t i = 0; i < nc->n_paths; i++) {
		validate(c, m, &nc->paths[i]);
		nc->n_valid += nc->paths[i].valid;
	}
	if (nc->limited)
		for (size_t i = 0; i < nc->n_paths; i++)
			if (!nc->paths[i].valid && !(nc->paths[i].problems & CD_P_LIMIT))
				add_issue(&nc->paths[i], CD_P_LIMIT, 0, SIZE_MAX,
					  "the search stopped at a limit (%d certificates deep, %d paths, %d steps)",
					  CD_CHAIN_MAX_DEPTH, CD_CHAIN_MAX_PATHS, CD_CHAIN_MAX_STEPS);
	if (nc->n_paths > 1)
		qsort_r(nc->paths, nc->n_paths, sizeof(*nc->paths), cmp_path, (void *)m);
	c->n_chains++;
	return CD_OK;
}

static int prepare(struct cd_chains *out, const struct cd_model *m, const struct cd_chain_opts *o)
{
	struct strmap *subj = calloc(1, sizeof(*subj));
	struct edgemap *em = calloc(1, sizeof(*em));
	memset(out, 0, sizeof(*out));
	out->opts = *o;
	out->by_subject = subj;
	out->edges = em;
	if (!subj || !em)
		return CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind != CD_KIND_CERT)
			continue;
		if (strmap_add(subj, ob->u.cert->subject.canon, strlen(ob->u.cert->subject.canon), i) < 0)
			return CD_E_NOMEM;
		for (size_t s = 0; s < ob->n_sources; s++)
			/* public-roots is a reference for the product rules, not a store (docs/roles.md) */
			if (ob->sources[s].role.kind == CD_ROLE_TRUST &&
			    strcmp(ob->sources[s].role.name, "public-roots") &&
			    store_add_member(out, &ob->sources[s].role, i) < 0)
				return CD_E_NOMEM;
	}
	out->implicit = out->n_stores == 0;
	/* the first certificate of each public key stands for every certificate of that key */
	{
		struct strmap keys = {NULL, 0, 0};
		out->key_rep = malloc((m->n_objects ? m->n_objects : 1) * sizeof(size_t));
		if (!out->key_rep)
			return CD_E_NOMEM;
		out->n_key_rep = m->n_objects;
		for (size_t i = 0; i < m->n_objects; i++) {
			const struct cd_object *ob = m->objects[i];
			const struct bucket *b;
			out->key_rep[i] = i;
			if (ob->kind != CD_KIND_CERT)
				continue;
			b = strmap_get(&keys, (const char *)ob->u.cert->key.spki_sha256, 32);
			if (b)
				out->key_rep[i] = b->v[0];
			else if (strmap_add(&keys, (const char *)ob->u.cert->key.spki_sha256, 32, i) < 0)
				return CD_E_NOMEM;
		}
		for (size_t i = 0; i < keys.cap; i++)
			free(keys.b[i].v);
		free(keys.b);
	}
	return CD_OK;
}

/* An end-entity certificate found somewhere other than a trust store. */
static int is_leaf(const struct cd_object *o)
{
	const struct cd_cert *c = o->u.cert;
	if (c->bc_present && c->is_ca)
		return 0;
	if (!c->bc_present && c->self_signed && c->version < 3)
		return 0; /* a v1 root */
	for (size_t s = 0; s < o->n_sources; s++)
		if (o->sources[s].role.kind != CD_ROLE_TRUST)
			return 1;
	return 0;
}

int cd_chains_build(struct cd_chains *out, const struct cd_model *m, const struct cd_chain_opts *o)
{
	int rc = prepare(out, m, o);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_CERT && is_leaf(m->objects[i]) &&
		    (rc = build_chain(out, m, i)) < 0)
			return rc;
	return CD_OK;
}

int cd_chains_build_one(struct cd_chains *out, const struct cd_model *m,
			const struct cd_chain_opts *o, size_t leaf)
{
	int rc = prepare(out, m, o);
	if (rc < 0)
		return rc;
	return build_chain(out, m, leaf);
}

void cd_chains_release(struct cd_chains *c)
{
	struct edgemap *em = c->edges;
	for (size_t i = 0; i < c->n_stores; i++)
		free(c->stores[i].members);
	free(c->stores);
	for (size_t i = 0; i < c->n_chains; i++) {
		for (size_t k = 0; k < c->chains[i].n_paths; k++) {
			free(c->chains[i].paths[k].certs);
			free(c->chains[i].paths[k].issues);
		}
		free(c->chains[i].paths);
	}
	free(c->chains);
	strmap_free(c->by_subject);
	free(c->key_rep);
	for (size_t i = 0; c->keys && i < c->n_keys; i++)
		if (c->keys[i])
			gnutls_pubkey_deinit(c->keys[i]);
	free(c->keys);
	if (em)
		free(em->e);
	free(em);
	memset(c, 0, sizeof(*c));
}
