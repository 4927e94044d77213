/* chain.eku-mismatch - the leaf's extended key usage, or an intermediate's, excludes the
 * purpose asked for with --purpose (RFC 5280 §4.2.1.12; CA/B Forum BR §7.1.2.2). */
#include "rules/chain/chainrule.h"
#include "util/buf.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_chains *c = ctx->chains;
	int rc = CD_OK;
	if (ctx->opts->purpose == CD_PURPOSE_ANY)
		return CD_OK;
	for (size_t i = 0; i < c->n_chains; i++) {
		const struct cd_chain *ch = &c->chains[i];
		const struct cd_path *p = &ch->paths[0];
		struct cd_buf b;
		struct cd_finding *f;
		cd_check_applied(ctx);
		if (!(p->problems & CD_P_EKU))
			continue;
		cd_buf_init(&b, 1 << 14);
		for (size_t k = 0; k < p->n_issues && rc == CD_OK; k++)
			if (p->issues[k].problem == CD_P_EKU)
				rc = cd_buf_addf(&b, "%s%s", b.len ? "; " : "", p->issues[k].detail);
		if (rc < 0) { /* no finding with half its reasons */
			cd_buf_release(&b);
			return rc;
		}
		f = cd_check_emit(ctx, "%s", b.data ? (char *)b.data : "");
		cd_buf_release(&b);
		cd_finding_add_object(f, ctx->model, ch->leaf);
		cd_chainrule_evidence(f, ctx, ch, p);
		cd_finding_evidence_str(f, "purpose", ctx->opts->purpose == CD_PURPOSE_SERVER ? "server" : "client");
	}
	return CD_OK;
}

const struct cd_check cd_check_chain_eku_mismatch = {"chain.eku-mismatch", run};
