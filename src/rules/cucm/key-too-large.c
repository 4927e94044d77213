/* cucm.key-too-large - a certificate CUCM / IM&P would take (an identity certificate, or one
 * uploaded to a trust store) has a key above the profile's limits.max_key_bits: "maximum key
 * size 4096 bits" (PRODUCT-FACTS §1). In a scan every member of a CUCM / IM&P trust store
 * plays "uploaded to a trust store"; in a precheck only the certificate being uploaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

static void check(struct cd_check_ctx *ctx, size_t idx, const char *product,
		  enum cd_role_kind kind, const char *name, const char *node,
		  const struct cd_unit *u)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	long long max = json_integer_value(
		cd_upload_profile_value(ctx->opts, product, "limits.max_key_bits"));
	struct cd_finding *f;
	char label[160], key[80];
	if (max <= 0 || !c->key.known)
		return;
	cd_check_applied(ctx);
	if (c->key.bits <= (long long unsigned)max)
		return;
	cd_upload_unit_label(name, node, label, sizeof(label));
	cd_upload_key_text(&c->key, key, sizeof(key));
	f = cd_check_emit(ctx, "\"%s\" (%s %s): %s key, but %s accepts at most %lld bits",
			  cd_object_label(m->objects[idx]), kind == CD_ROLE_TRUST ? "in" : "as",
			  label, key, !strcmp(product, "imp") ? "IM and Presence" : "CUCM", max);
	cd_upload_add_object_at(f, m, idx, kind, name, node);
	if (!f)
		return;
	if (u) {
		cd_upload_unit_evidence(f, ctx->opts, u);
	} else {
		if (node[0])
			cd_finding_evidence_str(f, "node", node);
		cd_finding_evidence_str(f, "trust_store", name);
		cd_product_context_evidence(f, ctx->opts, product);
	}
	cd_finding_evidence_str(f, "key_algorithm", c->key.algo_name);
	cd_finding_evidence_int(f, "key_bits", c->key.bits);
	cd_finding_evidence_int(f, "max_key_bits", max);
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	unsigned char *seen = NULL;
	int rc = cd_units_collect(ctx->model, ctx->opts, &us);
	if (rc < 0)
		goto out;
	seen = calloc(ctx->model->n_objects + 1, sizeof(*seen));
	if (!seen) {
		rc = CD_E_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < us.n; i++) {
		const struct cd_unit *u = &us.units[i];
		size_t ids[CD_UPLOAD_MAX_IDENTITIES], n;
		if (!u->purpose || !cd_unit_in(ctx->opts, u, "cucm"))
			continue;
		n = cd_upload_identities(ctx, u, ids, CD_UPLOAD_MAX_IDENTITIES);
		for (size_t k = 0; k < n; k++) {
			if (seen[ids[k]])
				continue;
			seen[ids[k]] = 1;
			check(ctx, ids[k], u->product, CD_ROLE_IDENTITY, u->unit, u->node, u);
		}
	}
	if (!cd_product_selected(ctx->opts, "cucm"))
		goto out;
	for (size_t i = 0; i < us.n_stores; i++) {
		const struct cd_tstore *st = &us.stores[i];
		const char *product = cd_upload_store_product(ctx->opts, st->name);
		if (!product)
			continue; /* --trust, expressway-trusted-ca, ... */
		for (size_t k = 0; k < st->n_members; k++) {
			size_t idx = st->members[k];
			if (seen[idx] || (cd_precheck(ctx->opts) && !cd_is_upload(ctx->opts, idx)))
				continue; /* precheck: the store's current content was accepted before */
			seen[idx] = 1;
			check(ctx, idx, product, CD_ROLE_TRUST, st->name, st->node, NULL);
		}
	}
out:
	free(seen);
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_cucm_key_too_large = {"cucm.key-too-large", run};
