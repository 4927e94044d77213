/* tls.sni-not-in-san - the name the client asked for (SNI, RFC 6066 §3) is not covered by the
 * server certificate's subjectAltNames, matched as chain.hostname-mismatch does (RFC 6125 §6.4:
 * DNS and IP SANs, one whole-label wildcard, no CN fallback; docs/chains.md). */
#include "rules/tls/tls-common.h"

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		const struct cd_cert *leaf;
		struct cd_finding *f;
		if (!k->sni || !k->n_certs[CD_TLS_SERVER])
			continue;
		cd_check_applied(ctx);
		leaf = cd_tls_cert(m, k, CD_TLS_SERVER, 0);
		if (cd_host_matches(leaf, k->sni))
			continue;
		f = cd_check_emit(ctx, "the client asked %s for \"%s\" but the server's certificate \"%s\" does not "
				  "cover that name",
				  k->server, k->sni, leaf->subject.display);
		cd_tls_where(f, k);
		cd_finding_add_object(f, m, k->certs[CD_TLS_SERVER][0]);
		cd_tls_evidence(f, k);
		if (f) {
			json_t *a = json_array();
			for (size_t j = 0; j < leaf->n_san; j++)
				if (leaf->san[j].type == CD_SAN_DNS)
					a = cd_json_array_push(a, cd_json_text(leaf->san[j].value));
			cd_finding_evidence_json(f, "dns_names", a);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_sni_not_in_san = {"tls.sni-not-in-san", run};
