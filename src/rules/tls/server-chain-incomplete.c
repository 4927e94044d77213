/* tls.server-chain-incomplete - the server's leaf is issued by a CA the server did not send
 * (RFC 5246 §7.4.2: the server sends its chain; clients rarely fetch missing intermediates).
 * Until src/chain/ lands: the leaf's issuer is neither among the certificates sent nor a
 * self-signed root found elsewhere in the input. */
#include "rules/tls/tls-common.h"
#include "util/str.h"

static int root_in_model(const struct cd_model *m, const struct cd_cert *c)
{
	CD_FOREACH_OBJECT(m, i, o)
	if (o->kind == CD_KIND_CERT && o->u.cert->self_signed && cd_name_eq(&o->u.cert->subject, &c->issuer))
		return 1;
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		const struct cd_cert *leaf;
		struct cd_finding *f;
		if (!k->n_certs[CD_TLS_SERVER])
			continue;
		cd_check_applied(ctx);
		leaf = cd_tls_cert(m, k, CD_TLS_SERVER, 0);
		if (leaf->self_signed || cd_tls_sent_issuer(m, k, CD_TLS_SERVER, leaf) != SIZE_MAX ||
		    root_in_model(m, leaf))
			continue;
		f = cd_check_emit(ctx,
				  "the server %s sent %zu certificate%s; its leaf \"%s\" is issued by \"%s\", which "
				  "it did not send: a client that does not already hold that CA cannot build the chain",
				  k->server, k->n_certs[CD_TLS_SERVER], k->n_certs[CD_TLS_SERVER] == 1 ? "" : "s",
				  leaf->subject.display, leaf->issuer.display);
		cd_tls_where(f, k);
		cd_finding_add_object(f, m, k->certs[CD_TLS_SERVER][0]);
		cd_tls_evidence(f, k);
		cd_finding_evidence_str(f, "missing_issuer", leaf->issuer.display);
		if (leaf->aki_len && f) { /* as chain.incomplete gives it, which leaves this case to us */
			char *h = cd_hex_new(leaf->aki, leaf->aki_len, 1);
			if (!h)
				f->incomplete = 1; /* an allocation failed: the engine makes the result fatal */
			cd_finding_evidence_str(f, "missing_issuer_key_id", h);
			free(h);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_tls_server_chain_incomplete = {"tls.server-chain-incomplete", run};
