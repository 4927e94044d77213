/* tls.client-cert-missing-client-eku - a client authenticated with a certificate whose EKU
 * lacks id-kp-clientAuth (RFC 5280 §4.2.1.12; seed 003: Expressway and CUCM need client
 * authentication on certificates used by SIP/traversal peers). */
#include "rules/tls/eku.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_eku_run(ctx, CD_TLS_CLIENT, CD_OID_EKU_CLIENT_AUTH, "TLS Web Client Authentication");
	return CD_OK;
}

const struct cd_check cd_check_tls_client_cert_missing_client_eku = {"tls.client-cert-missing-client-eku", run};
