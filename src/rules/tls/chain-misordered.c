/* tls.chain-misordered - a peer's certificate list is not in order (RFC 5246 §7.4.2: "each
 * following certificate MUST directly certify the one preceding it"). */
#include "rules/tls/tls-common.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	for (int side = CD_TLS_CLIENT; side <= CD_TLS_SERVER; side++) {
		if (k->n_certs[side] < 2)
			continue;
		cd_check_applied(ctx);
		for (size_t j = 1; j < k->n_certs[side]; j++) {
			const struct cd_cert *prev = cd_tls_cert(m, k, side, j - 1);
			const struct cd_cert *c = cd_tls_cert(m, k, side, j);
			struct cd_finding *f;
			if (prev->self_signed || cd_name_eq(&c->subject, &prev->issuer))
				continue;
			f = cd_check_emit(ctx,
					  "the %s %s sent its certificates out of order: position %zu \"%s\" does not "
					  "certify position %zu \"%s\" (issued by \"%s\")",
					  cd_tls_side_name(side), side == CD_TLS_SERVER ? k->server : k->client, j + 1,
					  c->subject.display, j, prev->subject.display, prev->issuer.display);
			cd_tls_where(f, k);
			for (size_t x = 0; x < k->n_certs[side]; x++)
				cd_finding_add_object(f, m, k->certs[side][x]);
			cd_tls_evidence(f, k);
			cd_finding_evidence_str(f, "side", cd_tls_side_name(side));
			cd_finding_evidence_int(f, "position", (long long)j + 1);
			break;
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_chain_misordered = {"tls.chain-misordered", run};
