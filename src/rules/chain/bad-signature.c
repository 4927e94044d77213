/* chain.bad-signature - the signature on an edge of the best path does not verify (RFC 5280
 * §6.1.3 (a)(1)), or a signature or key algorithm on it is not acceptable (MD2/MD5 always; under
 * the web PKI profile, what the Baseline Requirements §6.1.5 and §7.1.3.2 exclude). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_BAD_SIGNATURE | CD_P_WEAK_ALGORITHM, 1, NULL);
	return CD_OK;
}

const struct cd_check cd_check_chain_bad_signature = {"chain.bad-signature", run};
