/* chain.name-constraints-violated - a name on the best path is outside a CA's name constraints (RFC 5280 §6.1.3 (b), (c)). */
#include "rules/chain/chainrule.h"

/* Applies when a CA on the best path carries name constraints. */
static int applies(const struct cd_check_ctx *ctx, const struct cd_path *p)
{
	for (size_t i = 1; i < p->n; i++)
		if (ctx->model->objects[p->certs[i]]->u.cert->nc_present)
			return 1;
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_NAME_CONSTRAINTS, 1, applies);
	return CD_OK;
}

const struct cd_check cd_check_chain_name_constraints_violated = {"chain.name-constraints-violated", run};
