/* owner.c - which rule reports a root cause several rules could see (owner.h; docs/chains.md
 * "One root cause, one finding"; RFC 5280 §6.1.1 (d): a trust anchor's own signature and
 * profile are not part of path validation). */
#include <string.h>
#include "product/product.h"
#include "rules/cert/owner.h"
#include "rules/cucm/trust-common.h"
#include "rules/cucm/upload-common.h"

int cd_owner_only_trusted(const struct cd_object *o)
{
	if (!o->n_sources)
		return 0;
	for (size_t s = 0; s < o->n_sources; s++)
		if (o->sources[s].role.kind != CD_ROLE_TRUST)
			return 0;
	return 1;
}

int cd_owner_issuer_on_best_path(const struct cd_chains *c, size_t idx)
{
	for (size_t i = 0; c && i < c->n_chains; i++) {
		const struct cd_path *p = &c->chains[i].paths[0];
		for (size_t k = 1; k < p->n; k++)
			if (p->certs[k] == idx)
				return 1;
	}
	return 0;
}

int cd_owner_end_entity(const struct cd_check_ctx *ctx, size_t idx)
{
	const struct cd_cert *c = ctx->model->objects[idx]->u.cert;
	if (!cd_cert_is_end_entity(c))
		return 0;
	/* the walk over the chains only for the rare certificate without basicConstraints */
	return c->bc_present || !cd_owner_issuer_on_best_path(ctx->chains, idx);
}

int cd_owner_on_best_path(const struct cd_chains *c, size_t idx)
{
	for (size_t i = 0; c && i < c->n_chains; i++) {
		const struct cd_path *p = &c->chains[i].paths[0];
		for (size_t k = 0; k < p->n; k++)
			if (p->certs[k] == idx)
				return 1;
	}
	return 0;
}

/* sha1WithRSAEncryption, ecdsa-with-SHA1, dsa-with-sha1, sha1WithRSA (OIW) */
static int sig_is_sha1(const struct cd_cert *ct)
{
	static const char *const SHA1[] = {"1.2.840.113549.1.1.5", "1.2.840.10045.4.1",
					   "1.2.840.10040.4.3", "1.3.14.3.2.29"};
	for (size_t i = 0; i < sizeof(SHA1) / sizeof(SHA1[0]); i++)
		if (!strcmp(ct->sig_oid, SHA1[i]))
			return 1;
	return 0;
}

int cd_owner_signature_rejected(const struct cd_chains *c, const struct cd_model *m, size_t idx)
{
	const struct cd_cert *ct = m->objects[idx]->u.cert;
	if (!c || !ct->sig_hash_weak)
		return 0;
	/* the RFC 5280 profile accepts SHA-1 (docs/chains.md): its weak-algorithm issues at a
	 * SHA-1 certificate are about something else */
	if (sig_is_sha1(ct) && cd_chain_profile(&c->opts) != CD_PROFILE_WEBPKI)
		return 0;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_path *p = &c->chains[i].paths[0];
		size_t n = p->store == CD_STORE_NONE ? p->n : p->n - 1; /* not the anchor */
		for (size_t k = 0; k < p->n_issues; k++)
			if (p->issues[k].problem == CD_P_WEAK_ALGORITHM && p->issues[k].at < n &&
			    p->certs[p->issues[k].at] == idx)
				return 1;
	}
	return 0;
}

int cd_owner_expired_trust(const struct cd_check_ctx *ctx, size_t idx)
{
	const struct cd_object *o = ctx->model->objects[idx];
	if (!cd_engine_rule_selected(ctx->opts, "cucm.expired-trust") || cd_is_upload(ctx->opts, idx) ||
	    !cd_owner_only_trusted(o))
		return 0;
	for (size_t s = 0; s < o->n_sources; s++)
		if (!cd_cucm_store_product(ctx->opts, o->sources[s].role.name))
			return 0;
	return 1;
}

int cd_owner_time_encoding(const struct cd_check_ctx *ctx, size_t idx)
{
	const struct cd_cert *c = ctx->model->objects[idx]->u.cert;
	return cd_engine_rule_selected(ctx->opts, "cert.bad-time-encoding") && c->na_enc.problem &&
	       c->not_after != CD_TIME_NONE && c->not_before != CD_TIME_NONE &&
	       c->not_after < c->not_before;
}

int cd_owner_cucm_identity(const struct cd_check_ctx *ctx, size_t idx, int *owned)
{
	struct cd_units us;
	int rc;
	*owned = 0;
	if (!cd_engine_rule_selected(ctx->opts, "cucm.wildcard-unsupported"))
		return CD_OK;
	rc = cd_units_collect(ctx->model, ctx->opts, &us);
	for (size_t i = 0; rc == CD_OK && i < us.n && !*owned; i++) {
		const struct cd_unit *u = &us.units[i];
		size_t ids[CD_UPLOAD_MAX_IDENTITIES], n;
		if (!u->purpose || !cd_unit_in(ctx->opts, u, "cucm"))
			continue;
		n = cd_upload_identities(ctx, u, ids, CD_UPLOAD_MAX_IDENTITIES);
		for (size_t k = 0; k < n; k++)
			if (ids[k] == idx)
				*owned = 1;
	}
	cd_units_release(&us);
	return rc;
}
