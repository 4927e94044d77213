/* eku.h - the shared body of the two EKU checks over the leaf a peer sent. */
#ifndef CD_RULES_TLS_EKU_H
#define CD_RULES_TLS_EKU_H

#include "rules/tls/tls-common.h"

static inline void cd_tls_eku_run(struct cd_check_ctx *ctx, int side, const char *oid, const char *purpose)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		const struct cd_cert *leaf;
		struct cd_finding *f;
		if (!k->n_certs[side])
			continue;
		cd_check_applied(ctx);
		leaf = cd_tls_cert(m, k, side, 0);
		if (cd_cert_allows_eku(leaf, oid))
			continue;
		f = cd_check_emit(ctx,
				  "the %s %s sent \"%s\", whose extended key usage does not include %s (%s)",
				  cd_tls_side_name(side), side == CD_TLS_SERVER ? k->server : k->client,
				  leaf->subject.display, purpose, oid);
		cd_tls_where(f, k);
		cd_finding_add_object(f, m, k->certs[side][0]);
		cd_tls_evidence(f, k);
		if (f) {
			json_t *a = json_array();
			for (size_t j = 0; j < leaf->n_eku; j++)
				a = cd_json_array_push(a, json_string(leaf->eku[j]));
			cd_finding_evidence_json(f, "eku", a);
		}
	}
}

#endif
