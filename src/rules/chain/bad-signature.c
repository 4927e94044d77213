/* chain.bad-signature - the signature on an edge of the best path does not verify (RFC 5280 §6.1.3 (a)(1)). */
#include "rules/chain/chainrule.h"

static void run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_BAD_SIGNATURE, 1, NULL);
}

const struct cd_check cd_check_chain_bad_signature = {"chain.bad-signature", run};
