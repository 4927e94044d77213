/* chain.cross-signed - the leaf has more than one valid path (cross-signed or re-issued CAs):
 * information, since products that do not backtrack may take the other one. */
#include "rules/chain/chainrule.h"

/* The same path, or one the other's prefix (anchored at an intermediate, or continued to the
 * root): not a second way to trust the leaf. */
static int same_certs(const struct cd_path *a, const struct cd_path *b)
{
	size_t n = a->n < b->n ? a->n : b->n;
	for (size_t i = 0; i < n; i++)
		if (a->certs[i] != b->certs[i])
			return 0;
	return 1;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		size_t distinct = 0;
		struct cd_finding *f;
		json_t *alts;
		cd_check_applied(ctx);
		for (size_t k = 0; k < ch->n_paths; k++) {
			int dup = 0;
			if (!ch->paths[k].valid)
				continue;
			for (size_t j = 0; j < k && !dup; j++)
				dup = ch->paths[j].valid && same_certs(&ch->paths[j], &ch->paths[k]);
			distinct += !dup;
		}
		if (distinct < 2)
			continue;
		f = cd_check_emit(ctx, "\"%s\" has %zu valid certification paths", 
				  cd_object_label(ctx->model->objects[ch->leaf]), distinct);
		cd_finding_add_object(f, ctx->model, ch->leaf);
		if (!f)
			continue;
		alts = json_array();
		for (size_t k = 0; k < ch->n_paths; k++) {
			json_t *a;
			if (!ch->paths[k].valid)
				continue;
			a = json_array();
			for (size_t j = 0; j < ch->paths[k].n; j++)
				a = cd_json_array_push(a, json_string(ctx->model->objects[ch->paths[k].certs[j]]->id));
			alts = cd_json_array_push(alts, a);
		}
		cd_finding_evidence_json(f, "valid_paths", alts);
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_cross_signed = {"chain.cross-signed", run};
