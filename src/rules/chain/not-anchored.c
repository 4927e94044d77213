/* chain.not-anchored - with no trust store given, the best path ends at a CA certificate whose
 * issuer is nowhere in the input: most likely one step below a root nobody sent (a TLS server
 * may omit its root, RFC 8446 §4.4.2, RFC 5246 §7.4.2), so the chain is not checked up to a
 * root; said at info instead of chain.incomplete at error (docs/chains.md). */
#include "rules/chain/chainrule.h"
#include "util/str.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	const struct cd_model *m = ctx->model;
	if (!c->implicit)
		return CD_OK; /* a store was given: a missing root is chain.incomplete against it */
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = NULL;
		const struct cd_object *top;
		const struct cd_cert *tc;
		struct cd_finding *f;
		int anchored = 0;
		cd_check_applied(ctx);
		for (size_t k = 0; k < ch->n_paths; k++) {
			anchored |= ch->paths[k].store != CD_STORE_NONE;
			if (!p && (ch->paths[k].problems & CD_P_UNANCHORED))
				p = &ch->paths[k];
		}
		if (anchored || !p)
			continue;
		top = m->objects[p->certs[p->n - 1]];
		tc = top->u.cert;
		f = cd_check_emit(ctx,
				  "not anchored: the chain of \"%s\" ends at \"%s\", issued by \"%s\", which is not in "
				  "the input; no trust store is given, so the chain is not checked up to a root. "
				  "Servers do not send their root (RFC 8446 4.4.2): give it with --trust (or "
				  "--system-trust) to check the chain",
				  cd_object_label(m->objects[ch->leaf]), cd_object_label(top), tc->issuer.display);
		cd_finding_add_object(f, m, ch->leaf);
		cd_chainrule_evidence(f, ctx, ch, p);
		cd_chainrule_missing_issuer(f, tc);
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_not_anchored = {"chain.not-anchored", run};
