/* tls.server-sent-root - the server sends a self-signed root with its chain (RFC 5246
 * §7.4.2: the root "MAY be omitted"; clients must already trust it, so it only costs bytes). */
#include "rules/tls/tls-common.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		if (!k->n_certs[CD_TLS_SERVER])
			continue;
		cd_check_applied(ctx);
		for (size_t j = 1; j < k->n_certs[CD_TLS_SERVER]; j++) {
			const struct cd_cert *c = cd_tls_cert(m, k, CD_TLS_SERVER, j);
			struct cd_finding *f;
			if (!c->self_signed)
				continue;
			f = cd_check_emit(ctx, "the server %s sent the root CA \"%s\" at position %zu of its chain",
					  k->server, c->subject.display, j + 1);
			cd_tls_where(f, k);
			cd_finding_add_object(f, m, k->certs[CD_TLS_SERVER][j]);
			cd_tls_evidence(f, k);
			cd_finding_evidence_int(f, "position", (long long)j + 1);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_server_sent_root = {"tls.server-sent-root", run};
