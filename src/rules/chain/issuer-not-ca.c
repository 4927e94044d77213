/* chain.issuer-not-ca - an issuer on the best path is not a CA (RFC 5280 §6.1.4 (k), (n)), not a
 * conforming CA certificate, or a certificate on the path is malformed or carries a critical
 * extension that cannot be processed (the closest rule for structural problems; docs/chains.md);
 * and the same certificate-level problems of a certificate on no path (a lone CA, a trust-store
 * member: docs/chains.md "Certificates on no path"). */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_ISSUER_NOT_CA | CD_P_MALFORMED | CD_P_CRITICAL_EXTENSION, 0, NULL);
	cd_chainrule_lone(ctx, CD_P_ISSUER_NOT_CA | CD_P_MALFORMED | CD_P_CRITICAL_EXTENSION);
	return CD_OK;
}

const struct cd_check cd_check_chain_issuer_not_ca = {"chain.issuer-not-ca", run};
