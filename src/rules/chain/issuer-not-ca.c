/* chain.issuer-not-ca - an issuer on the best path is not a CA (RFC 5280 §6.1.4 (k), (n)). */
#include "rules/chain/chainrule.h"

static void run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_ISSUER_NOT_CA, 0, NULL);
}

const struct cd_check cd_check_chain_issuer_not_ca = {"chain.issuer-not-ca", run};
