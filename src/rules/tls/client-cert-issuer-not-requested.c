/* tls.client-cert-issuer-not-requested - the client's chain reaches none of the CA names the
 * server listed in its CertificateRequest (RFC 5246 §7.4.4 certificate_authorities: "a list
 * of the distinguished names of acceptable certificate_authorities"). */
#include "rules/tls/tls-common.h"

static int listed(const struct cd_tls_conn *k, const struct cd_name *n)
{
	for (size_t j = 0; j < k->n_ca_names; j++)
		if (n->raw && k->ca_name_lens[j] == n->raw_len && !memcmp(k->ca_names[j], n->raw, n->raw_len))
			return 1;
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		int ok = 0;
		struct cd_finding *f;
		const struct cd_cert *leaf;
		if (!k->n_ca_names || !k->n_certs[CD_TLS_CLIENT])
			continue;
		cd_check_applied(ctx);
		for (size_t j = 0; j < k->n_certs[CD_TLS_CLIENT] && !ok; j++) {
			const struct cd_cert *c = cd_tls_cert(m, k, CD_TLS_CLIENT, j);
			ok = listed(k, &c->issuer) || listed(k, &c->subject);
		}
		if (ok)
			continue;
		leaf = cd_tls_cert(m, k, CD_TLS_CLIENT, 0);
		f = cd_check_emit(ctx,
				  "the client %s sent \"%s\" (issued by \"%s\"), but none of its chain is among the %zu "
				  "CA name%s the server %s asked for",
				  k->client, leaf->subject.display, leaf->issuer.display, k->n_ca_names,
				  k->n_ca_names == 1 ? "" : "s", k->server);
		cd_tls_where(f, k);
		for (size_t j = 0; j < k->n_certs[CD_TLS_CLIENT]; j++)
			cd_finding_add_object(f, m, k->certs[CD_TLS_CLIENT][j]);
		cd_tls_evidence(f, k);
		cd_finding_evidence_int(f, "ca_names_requested", (long long)k->n_ca_names);
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_client_cert_issuer_not_requested = {"tls.client-cert-issuer-not-requested", run};
