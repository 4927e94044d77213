/* chain.pathlen-exceeded - a pathLenConstraint on the best path is exceeded (RFC 5280 §6.1.4 (l), (m)). */
#include "rules/chain/chainrule.h"

/* Applies when a CA on the best path carries a pathLenConstraint. */
static int applies(const struct cd_check_ctx *ctx, const struct cd_path *p)
{
	for (size_t i = 1; i < p->n; i++) {
		const struct cd_cert *c = ctx->model->objects[p->certs[i]]->u.cert;
		if (c->bc_present && c->is_ca && c->pathlen >= 0)
			return 1;
	}
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_PATHLEN, 0, applies);
	return CD_OK;
}

const struct cd_check cd_check_chain_pathlen_exceeded = {"chain.pathlen-exceeded", run};
