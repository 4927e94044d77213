/* expressway.key-too-large - an Expressway server certificate (or its pending CSR) has a key of
 * 8192 bits or more (PRODUCT-FACTS §3: "Key length 8192 can keep SIP TLS zones from becoming
 * active; use 4096"; the threshold is the profile's limits.warn_key_bits). */
#include <string.h>
#include "rules/expressway/upload.h"

static void report(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx,
		   const struct cd_pubkey *k, long long limit, long long use)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *ob = m->objects[idx];
	int csr = ob->kind == CD_KIND_CSR;
	char fp[65];
	struct cd_finding *f;
	cd_check_applied(ctx);
	if (!k->known || (long long)k->bits < limit)
		return;
	f = cd_check_emit(ctx,
			  "Expressway server %s \"%s\" has an %s key of %u bits: with keys of %lld "
			  "bits or more SIP TLS zones may not become active; use %lld bits",
			  csr ? "CSR" : "certificate", cd_object_label(ob), k->algo_name, k->bits, limit,
			  use);
	cd_finding_add_object(f, m, idx);
	if (!f)
		return;
	cd_key_fingerprint(k, fp);
	cd_finding_evidence_int(f, "key_bits", k->bits);
	cd_finding_evidence_str(f, "key_algorithm", k->algo_name);
	cd_finding_evidence_str(f, "key_sha256", fp);
	cd_finding_evidence_int(f, "warn_key_bits", limit);
	cd_finding_evidence_int(f, "recommended_key_bits", use);
	cd_xw_unit_evidence(f, ctx->opts, u);
}

/* Does a server certificate of u have this key (the CSR's finding would repeat it)? */
static int cert_has_key(const struct cd_check_ctx *ctx, const struct cd_unit *u,
			const struct cd_pubkey *k)
{
	for (size_t i = 0; i < u->n_identity; i++) {
		const struct cd_object *ob = ctx->model->objects[u->identity[i]];
		if (cd_xw_is_server_cert(ctx->opts, ctx->model, u->identity[i]) &&
		    !memcmp(ob->u.cert->key.spki_sha256, k->spki_sha256, 32))
			return 1;
	}
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	const json_t *doc = cd_product_profile(ctx->opts, "expressway");
	long long limit, use;
	int rc;
	if (!cd_xw_selected(ctx->opts))
		return CD_OK;
	limit = cd_json_path_int(doc, "limits.warn_key_bits", 0);
	use = cd_json_path_int(doc, "upload_checks.recommended_key_bits", 4096);
	if (limit <= 0)
		return CD_OK;
	rc = cd_units_collect(ctx->model, ctx->opts, &us);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < us.n; i++) {
		const struct cd_unit *u = &us.units[i];
		if (!cd_unit_in(ctx->opts, u, "expressway"))
			continue;
		for (size_t k = 0; k < u->n_identity; k++)
			if (cd_xw_is_server_cert(ctx->opts, ctx->model, u->identity[k]))
				report(ctx, u, u->identity[k],
				       &ctx->model->objects[u->identity[k]]->u.cert->key, limit, use);
		for (size_t k = 0; k < u->n_csrs; k++) {
			const struct cd_pubkey *key = &ctx->model->objects[u->csrs[k]]->u.csr->key;
			if (!cert_has_key(ctx, u, key))
				report(ctx, u, u->csrs[k], key, limit, use);
		}
	}
out:
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_expressway_key_too_large = {"expressway.key-too-large", run};
