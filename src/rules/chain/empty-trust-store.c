/* chain.empty-trust-store - a trust store the user named (--trust, --role STORE=PATH, the system
 * store) holds no certificate: it trusts nothing (RFC 5280 §6.1.1 (d): the anchors are an input
 * of validation, not something found in the bundle). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	for (size_t k = 0; k < c->n_stores; k++) {
		char note[600], label[160];
		struct cd_finding *f;
		if (!c->stores[k].named)
			continue;
		cd_check_applied(ctx);
		if (!cd_store_empty_note(c, (int)k, note, sizeof(note)))
			continue;
		f = cd_check_emit(ctx, "%s", note);
		if (!f)
			continue;
		if (c->stores[k].paths && c->stores[k].paths[0] != '(') {
			/* point at the first path the user named for it, as they wrote it */
			char first[512];
			struct cd_source src;
			size_t l = strcspn(c->stores[k].paths, ";");
			snprintf(first, sizeof(first), "%.*s", (int)l, c->stores[k].paths);
			memset(&src, 0, sizeof(src));
			src.path = first;
			src.rel = first;
			cd_finding_set_where(f, &src, 0);
		}
		cd_store_label(c, (int)k, label, sizeof(label));
		cd_finding_evidence_str(f, "store", label);
		if (c->stores[k].paths)
			cd_finding_evidence_str(f, "paths", c->stores[k].paths);
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_empty_trust_store = {"chain.empty-trust-store", run};
