/* chain.expired-issuer - an issuer or trust anchor on the best path is outside its validity (RFC 5280 §6.1.3 (a)(2)). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_EXPIRED_ISSUER, 0, NULL);
	return CD_OK;
}

const struct cd_check cd_check_chain_expired_issuer = {"chain.expired-issuer", run};
