/* chain.hostname-mismatch - no subjectAltName of the leaf covers --host (RFC 6125 §6.4: DNS and
 * IP, one left-most whole-label wildcard, no CN fallback). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	if (!ctx->opts->host)
		return CD_OK;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_cert *leaf = ctx->model->objects[ch->leaf]->u.cert;
		struct cd_finding *f;
		json_t *a;
		cd_check_applied(ctx);
		if (cd_host_matches(leaf, ctx->opts->host))
			continue;
		f = cd_check_emit(ctx, "no subjectAltName of \"%s\" matches the host name \"%s\"",
				  cd_object_label(ctx->model->objects[ch->leaf]), ctx->opts->host);
		cd_finding_add_object(f, ctx->model, ch->leaf);
		cd_finding_evidence_str(f, "host", ctx->opts->host);
		if (!f)
			continue;
		a = json_array();
		for (size_t k = 0; k < leaf->n_san; k++)
			a = cd_json_array_push(a, cd_json_text(leaf->san[k].value));
		cd_finding_evidence_json(f, "san", a);
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_hostname_mismatch = {"chain.hostname-mismatch", run};
