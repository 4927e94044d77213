/* index.c - the indexes path building runs on: certificates by subject name, one certificate
 * per public key, and each signature verified once (RFC 5280 §6.1.3 (a)(1)). */
#include <stdlib.h>
#include <string.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "chain/chain-int.h"
#include "util/der.h"
#include "util/error.h"

/* ---- byte-string keys to certificate indices (open addressing) ---- */

static uint64_t fnv(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static struct cd_chain_bucket *map_slot(struct cd_chain_map *m, const char *k, size_t kl)
{
	size_t i = (size_t)fnv(k, kl) & (m->cap - 1);
	while (m->b[i].key && !(m->b[i].klen == kl && !memcmp(m->b[i].key, k, kl)))
		i = (i + 1) & (m->cap - 1);
	return &m->b[i];
}

int cd_chain_map_add(struct cd_chain_map *m, const char *k, size_t kl, size_t v)
{
	struct cd_chain_bucket *b;
	if ((m->n + 1) * 2 > m->cap) {
		struct cd_chain_map nm = {calloc(m->cap ? m->cap * 2 : 256, sizeof(struct cd_chain_bucket)),
				    m->cap ? m->cap * 2 : 256, m->n};
		if (!nm.b)
			return CD_E_NOMEM;
		for (size_t i = 0; i < m->cap; i++)
			if (m->b[i].key)
				*map_slot(&nm, m->b[i].key, m->b[i].klen) = m->b[i];
		free(m->b);
		*m = nm;
	}
	b = map_slot(m, k, kl);
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

const struct cd_chain_bucket *cd_chain_map_get(const struct cd_chain_map *m, const char *k, size_t kl)
{
	if (!m || !m->cap)
		return NULL;
	const struct cd_chain_bucket *b = map_slot((struct cd_chain_map *)m, k, kl);
	return b->key ? b : NULL;
}

void cd_chain_map_clear(struct cd_chain_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->b[i].v);
	free(m->b);
	m->b = NULL;
	m->cap = m->n = 0;
}

/* ---- signature verdicts: (subject, issuer key) -> verified, once ---- */

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
		if (!c->keys) {
			c->oom = 1;
			return -1;
		}
		c->n_keys = m->n_objects;
	}
	if (issuer >= c->n_keys || so->u.cert->sig_algo <= 0 || cd_der_split_signed(so->der, so->der_len, &sg) < 0)
		return -1;
	pub = c->keys[issuer];
	if (!pub) {
		gnutls_datum_t k = {io->der + io->u.cert->spki_off, (unsigned)io->u.cert->spki_len};
		if (gnutls_pubkey_init(&pub) < 0) {
			c->oom = 1;
			return -1;
		}
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
		if (!nm.e) {
			c->oom = 1;
			return -1;
		}
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
	const struct cd_chain_bucket *b = cd_chain_map_get(c->by_subject, ct->issuer.canon, strlen(ct->issuer.canon));
	*out = b ? b->v : NULL;
	return b ? b->n : 0;
}

/* AKI and SKI both present and different: not this issuer (RFC 5280 §4.2.1.1). */
int cd_chain_key_id_contradicts(const struct cd_cert *sub, const struct cd_cert *iss)
{
	return sub->aki_len && iss->ski_len &&
	       (sub->aki_len != iss->ski_len || memcmp(sub->aki, iss->ski, sub->aki_len));
}

int cd_chain_index_build(struct cd_chains *out, const struct cd_model *m)
{
	struct cd_chain_map *subj = calloc(1, sizeof(*subj));
	struct edgemap *em = calloc(1, sizeof(*em));
	struct cd_chain_map keys = {NULL, 0, 0};
	int rc = CD_OK;
	out->by_subject = subj;
	out->edges = em;
	if (!subj || !em)
		return CD_E_NOMEM;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind == CD_KIND_CERT &&
		    cd_chain_map_add(subj, ob->u.cert->subject.canon, strlen(ob->u.cert->subject.canon), i) < 0)
			return CD_E_NOMEM;
	}
	/* the first certificate of each public key stands for every certificate of that key */
	out->key_rep = malloc((m->n_objects ? m->n_objects : 1) * sizeof(size_t));
	if (!out->key_rep)
		return CD_E_NOMEM;
	out->n_key_rep = m->n_objects;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		const struct cd_chain_bucket *b;
		out->key_rep[i] = i;
		if (ob->kind != CD_KIND_CERT)
			continue;
		b = cd_chain_map_get(&keys, (const char *)ob->u.cert->key.spki_sha256, 32);
		if (b)
			out->key_rep[i] = b->v[0];
		else if (cd_chain_map_add(&keys, (const char *)ob->u.cert->key.spki_sha256, 32, i) < 0) {
			rc = CD_E_NOMEM;
			break;
		}
	}
	cd_chain_map_clear(&keys);
	return rc;
}

void cd_chain_index_release(struct cd_chains *c)
{
	struct edgemap *em = c->edges;
	cd_chain_map_clear(c->by_subject);
	free(c->by_subject);
	free(c->key_rep);
	for (size_t i = 0; c->keys && i < c->n_keys; i++)
		if (c->keys[i])
			gnutls_pubkey_deinit(c->keys[i]);
	free(c->keys);
	if (em)
		free(em->e);
	free(em);
}
