/* chain.incomplete - no path from the leaf reaches a root or trust anchor because an issuer is
 * missing (seed 003: the GoDaddy missing-intermediate example). */
#include "rules/chain/chainrule.h"
#include "util/str.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		const struct cd_object *top;
		const struct cd_cert *tc;
		const size_t *cand;
		size_t nc;
		struct cd_finding *f;
		int reaches = 0;
		cd_check_applied(ctx);
		for (size_t k = 0; k < ch->n_paths; k++)
			reaches |= !(ch->paths[k].problems & CD_P_INCOMPLETE);
		if (reaches)
			continue;
		top = m->objects[p->certs[p->n - 1]];
		tc = top->u.cert;
		nc = cd_chains_issuers(c, m, p->certs[p->n - 1], &cand);
		if (p->n == 1)
			f = cd_check_emit(ctx, "the issuer of \"%s\", \"%s\", is %s",
					  cd_object_label(top), tc->issuer.display,
					  nc ? "in the input only with another key (its key identifier differs)"
					     : "not in the input");
		else
			f = cd_check_emit(ctx, "the chain of \"%s\" stops at \"%s\": its issuer \"%s\" is %s",
					  cd_object_label(m->objects[ch->leaf]), cd_object_label(top),
					  tc->issuer.display,
					  nc ? "in the input only with another key (its key identifier differs)"
					     : "not in the input");
		cd_finding_add_object(f, m, ch->leaf);
		cd_chainrule_evidence(f, ctx, ch, p);
		cd_finding_evidence_str(f, "missing_issuer", tc->issuer.display);
		if (tc->aki_len && f) {
			char *h = cd_hex_new(tc->aki, tc->aki_len, 1);
			cd_finding_evidence_str(f, "missing_issuer_key_id", h);
			free(h);
		}
		if (nc && f) {
			json_t *a = json_array();
			for (size_t k = 0; k < nc; k++)
				json_array_append_new(a, json_string(m->objects[cand[k]]->id));
			json_object_set_new(f->evidence, "namesakes_with_other_keys", a);
		}
		/* the issuer's key under another name (a renamed CA) */
		if (tc->aki_len && f) {
			json_t *a = json_array();
			for (size_t k = 0; k < m->n_objects; k++) {
				const struct cd_object *o = m->objects[k];
				if (o->kind == CD_KIND_CERT && o->u.cert->ski_len == tc->aki_len &&
				    !memcmp(o->u.cert->ski, tc->aki, tc->aki_len) && k != p->certs[p->n - 1])
					json_array_append_new(a, json_string(o->id));
			}
			if (json_array_size(a))
				json_object_set_new(f->evidence, "same_key_other_name", a);
			else
				json_decref(a);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_incomplete = {"chain.incomplete", run};
