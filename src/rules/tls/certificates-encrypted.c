/* tls.certificates-encrypted - TLS 1.3 encrypts everything after ServerHello (RFC 8446 §2),
 * so no certificate can be read from the capture: inconclusive, said so, never guessed. */
#include "rules/tls/tls-common.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		struct cd_finding *f;
		if (!k->saw_server_hello)
			continue;
		cd_check_applied(ctx);
		if (!k->encrypted_certs)
			continue;
		f = cd_check_emit(ctx,
				  "%s -> %s negotiated TLS 1.3: the certificates went encrypted, so this capture "
				  "cannot tell which certificates were sent or why the handshake failed",
				  k->client, k->server);
		cd_tls_where(f, k);
		cd_tls_evidence(f, k);
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_certificates_encrypted = {"tls.certificates-encrypted", run};
