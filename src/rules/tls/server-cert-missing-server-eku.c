/* tls.server-cert-missing-server-eku - a server presented a certificate whose EKU lacks
 * id-kp-serverAuth (RFC 5280 §4.2.1.12). */
#include "rules/tls/eku.h"

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_eku_run(ctx, CD_TLS_SERVER, CD_OID_EKU_SERVER_AUTH, "TLS Web Server Authentication");
	return CD_OK;
}

const struct cd_check cd_check_tls_server_cert_missing_server_eku = {"tls.server-cert-missing-server-eku", run};
