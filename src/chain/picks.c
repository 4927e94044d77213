/* picks.c - the path a product that does not backtrack builds, issuer by issuer, and that path
 * validated like any other: what chain.ambiguous-issuer says each product would do
 * (docs/chains.md "What products pick"). OpenSSL's rule follows its find_issuer() and
 * trusted-first lookup; the first-match rule is Expressway's ("stops once it finds one with a
 * subject that matches", Configure and Troubleshoot Collaboration Edge (MRA) Certificates). */
#include <stdlib.h>
#include <string.h>
#include <gnutls/x509.h>
#include "chain/chain-int.h"
#include "util/error.h"

static int valid_at(const struct cd_cert *c, cd_time_t at)
{
	return c->not_before != CD_TIME_NONE && c->not_after != CD_TIME_NONE && c->not_before <= at &&
	       at <= c->not_after;
}

static int relevant_store_of(const struct cd_chains *c, const int *rel, size_t idx)
{
	for (size_t k = 0; k < c->n_stores; k++)
		if (rel[k] && cd_chain_store_has(&c->stores[k], idx))
			return (int)k;
	return -1;
}

/* The issuer of cur that the product takes, or SIZE_MAX. Trusted certificates (a relevant
 * store's) are looked at first, then the rest of the input, each in input order. OpenSSL
 * takes, within one source, the first candidate whose key identifier does not contradict and
 * whose keyUsage allows keyCertSign (X509_check_issued) and that is valid now, else the one
 * that expires last; the first-match rule takes the first name match. */
static size_t pick(const struct cd_chains *c, const struct cd_model *m, const int *rel, size_t cur,
		   const size_t *path, size_t depth, enum cd_pick how)
{
	const struct cd_cert *ct = m->objects[cur]->u.cert;
	const size_t *cand;
	size_t nc = cd_chains_issuers(c, m, cur, &cand);
	for (int trusted = 1; trusted >= 0; trusted--) {
		size_t late = SIZE_MAX;
		for (size_t k = 0; k < nc; k++) {
			const struct cd_cert *ic = m->objects[cand[k]]->u.cert;
			int used = 0;
			for (size_t d = 0; d < depth; d++)
				used |= path[d] == cand[k];
			if (used || (relevant_store_of(c, rel, cand[k]) >= 0) != trusted)
				continue;
			if (how == CD_PICK_FIRST_MATCH)
				return cand[k];
			if (cd_chain_key_id_contradicts(ct, ic) ||
			    (ic->ku_present && !(ic->ku & GNUTLS_KEY_KEY_CERT_SIGN)))
				continue;
			if (valid_at(ic, c->opts.at))
				return cand[k];
			if (late == SIZE_MAX || ic->not_after > m->objects[late]->u.cert->not_after)
				late = cand[k];
		}
		if (late != SIZE_MAX)
			return late;
	}
	return SIZE_MAX;
}

int cd_chains_product_path(const struct cd_chains *cc, const struct cd_model *m,
			   const struct cd_chain *ch, enum cd_pick how, struct cd_path *out)
{
	/* validation fills the signature cache of the index: a cache, not a change of result */
	struct cd_chains *c = (struct cd_chains *)cc;
	size_t path[CD_CHAIN_MAX_DEPTH];
	size_t depth = 1;
	const int oom_before = c->oom;
	int *rel = calloc(c->n_stores + 1, sizeof(int));
	memset(out, 0, sizeof(*out));
	if (!rel)
		return CD_E_NOMEM;
	cd_chain_relevant_stores(c, m->objects[ch->leaf], rel);
	path[0] = ch->leaf;
	out->store = CD_STORE_NONE;
	/* neither product stops at a trusted certificate that is not self-signed: OpenSSL (without
	 * -partial_chain) goes on up to a trusted root, and Expressway wants the whole chain in its
	 * trusted CA list; a path that ends below a root is not accepted (store NONE) */
	for (;;) {
		size_t cur = path[depth - 1], nx;
		const struct cd_cert *ct = m->objects[cur]->u.cert;
		if (ct->self_signed) {
			int st = relevant_store_of(c, rel, cur);
			out->store = st >= 0 ? st : c->implicit ? CD_STORE_IMPLICIT : CD_STORE_NONE;
			break;
		}
		if (depth >= CD_CHAIN_MAX_DEPTH || (nx = pick(c, m, rel, cur, path, depth, how)) == SIZE_MAX)
			break;
		path[depth++] = nx;
	}
	free(rel);
	out->certs = malloc(depth * sizeof(*out->certs));
	if (!out->certs)
		return CD_E_NOMEM;
	memcpy(out->certs, path, depth * sizeof(*path));
	out->n = depth;
	cd_chain_validate(c, m, out);
	/* a sentence lost or an edge left unchecked for want of memory: not a verdict to print */
	if (out->oom || (c->oom && !oom_before))
		return CD_E_NOMEM;
	return CD_OK;
}

void cd_path_release(struct cd_path *p)
{
	if (!p)
		return;
	free(p->certs);
	free(p->issues);
	memset(p, 0, sizeof(*p));
}
