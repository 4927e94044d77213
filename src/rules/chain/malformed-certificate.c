/* chain.malformed-certificate - a certificate on the best path, or a certificate on no path, is
 * malformed or breaks the RFC 5280 profile its role needs (a duplicate or undecodable
 * extension, a subjectAltName entry that is not a name of its type, a bad serial number, a
 * version X.509 does not define, extensions in a v1 or v2 certificate, a CA certificate
 * without a critical basicConstraints or a subjectKeyIdentifier...): docs/chains.md. These
 * were chain.issuer-not-ca's until they had a rule of their own. */
#include "rules/chain/chainrule.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_chainrule_issues(ctx, CD_P_MALFORMED, 0, NULL);
	cd_chainrule_lone(ctx, CD_P_MALFORMED);
	return CD_OK;
}

const struct cd_check cd_check_chain_malformed_certificate = {"chain.malformed-certificate", run};
