/* expressway.trusted-list-too-large - an Expressway trusted CA list holds more certificates than
 * Expressway takes (PRODUCT-FACTS §3: "At most 1000 CAs in the trusted CA list"; the number is
 * the profile's limits.trusted_list_max). Certificates are counted once each, however often the
 * input repeats them. Precheck: only for an upload into the list (--purpose trusted-ca), where
 * the list is --trust plus the uploaded certificate. */
#include <stdlib.h>
#include "rules/expressway/upload.h"

static int check_list(struct cd_check_ctx *ctx, const struct cd_tstore *st, long long max)
{
	const struct cd_model *m = ctx->model;
	size_t *order;
	struct cd_finding *f;
	json_t *past;
	cd_check_applied(ctx);
	if ((long long)st->n_members <= max)
		return CD_OK;
	if (!(order = cd_xw_list_order(m, ctx->opts, st)))
		return CD_E_NOMEM;
	f = cd_check_emit(ctx,
			  "the trusted CA list of %s holds %zu certificates, more than the %lld "
			  "Expressway takes; %lld past the limit, from \"%s\"",
			  cd_xw_node_label(st->node), st->n_members, max,
			  (long long)st->n_members - max, cd_object_label(m->objects[order[(size_t)max]]));
	cd_finding_set_where(f, cd_xw_list_source(m->objects[order[(size_t)max]], st), 1);
	past = json_array();
	for (size_t i = (size_t)max; i < st->n_members; i++) {
		cd_finding_add_object(f, m, order[i]);
		past = cd_json_array_push(past, json_string(m->objects[order[i]]->id));
	}
	free(order);
	if (!f) {
		json_decref(past);
		return CD_OK;
	}
	cd_finding_evidence_int(f, "certificates", (long long)st->n_members);
	cd_finding_evidence_int(f, "limit", max);
	cd_finding_evidence_json(f, "past_limit", past);
	cd_xw_list_evidence(f, m, st);
	cd_product_context_evidence(f, ctx->opts, "expressway");
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	long long max;
	int rc;
	if (!cd_xw_selected(ctx->opts))
		return CD_OK;
	if (cd_precheck(ctx->opts) && !cd_xw_precheck_purpose(ctx->opts, "trusted-ca"))
		return CD_OK;
	max = cd_json_path_int(cd_product_profile(ctx->opts, "expressway"), "limits.trusted_list_max",
			       0);
	if (max <= 0)
		return CD_OK;
	rc = cd_units_collect(ctx->model, ctx->opts, &us);
	for (size_t s = 0; rc == CD_OK && s < us.n_stores; s++)
		if (cd_xw_is_list(&us.stores[s]))
			rc = check_list(ctx, &us.stores[s], max);
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_expressway_trusted_list_too_large = {
	"expressway.trusted-list-too-large", run};
