/* chain.issuer-not-ca - an issuer on the best path is not a CA (RFC 5280 §6.1.4 (k), (n)): no
 * basicConstraints cA=TRUE (a v1 or v2 certificate that is not an anchor), or a keyUsage without
 * keyCertSign; and the same of a CA certificate on no path (a lone CA, a trust-store member:
 * docs/chains.md "Certificates on no path"). Malformed certificates are
 * chain.malformed-certificate's, unknown critical extensions chain.unknown-critical-extension's. */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_ISSUER_NOT_CA, 0, NULL);
	cd_chainrule_lone(ctx, CD_P_ISSUER_NOT_CA);
	return CD_OK;
}

const struct cd_check cd_check_chain_issuer_not_ca = {"chain.issuer-not-ca", run};
