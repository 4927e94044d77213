/* chain.unknown-critical-extension - a certificate on the best path (a trusted leaf that is its
 * own anchor included), or a certificate on no path, carries a critical extension certdiag
 * cannot process: RFC 5280 §4.2 "A certificate-using system MUST reject the certificate if it
 * encounters a critical extension it does not recognize", §6.1.4 (o). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_CRITICAL_EXTENSION, 0, NULL);
	cd_chainrule_lone(ctx, CD_P_CRITICAL_EXTENSION);
	return CD_OK;
}

const struct cd_check cd_check_chain_unknown_critical_extension = {"chain.unknown-critical-extension", run};
