/* chain.untrusted-root - the best path ends at a self-signed root that no relevant trust store
 * holds ("Untrusted CA Certificate Chain", PRODUCT-FACTS §3). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	if (c->implicit)
		return CD_OK; /* no store given: the input's own roots are the anchors */
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		size_t root = p->certs[p->n - 1];
		struct cd_finding *f;
		json_t *stores;
		cd_check_applied(ctx);
		if (!(p->problems & CD_P_UNTRUSTED))
			continue;
		f = cd_check_emit(ctx, "the chain of \"%s\" ends at \"%s\", which no relevant trust store holds",
				  cd_object_label(m->objects[ch->leaf]), cd_object_label(m->objects[root]));
		cd_finding_add_object(f, m, ch->leaf);
		cd_finding_add_object(f, m, root);
		cd_chainrule_evidence(f, ctx, ch, p);
		if (!f)
			continue;
		stores = json_array();
		for (size_t k = 0; k < c->n_stores; k++) {
			char b[160];
			cd_store_label(c, (int)k, b, sizeof(b));
			stores = cd_json_array_push(stores, cd_json_text(b));
		}
		cd_finding_evidence_json(f, "stores_in_input", stores);
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_untrusted_root = {"chain.untrusted-root", run};
