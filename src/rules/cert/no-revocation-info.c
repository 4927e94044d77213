/* cert.no-revocation-info - a CA-issued end-entity certificate names no way to check its
 * revocation: no OCSP responder in authorityInformationAccess and no cRLDistributionPoints
 * (RFC 5280 §4.2.1.13, §4.2.2.1; CA/Browser Forum Baseline Requirements §7.1.2.7). */
#include "rules/cert/lint.h"
#include "rules/cert/owner.h"

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		/* a self-issued certificate is its own authority: nobody revokes it */
		if (!cd_owner_end_entity(ctx, i) || c->self_issued)
			continue;
		cd_check_applied(ctx);
		if (c->n_ocsp || c->n_crl_dp)
			continue;
		f = cd_check_emit(ctx,
				  "\"%s\" has no OCSP responder and no CRL distribution point%s: a relying "
				  "party that requires a revocation check rejects it",
				  cd_object_label(o),
				  c->n_ca_issuers ? "" : ", and no caIssuers URL to fetch its issuer from");
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_int(f, "ocsp", (long long)c->n_ocsp);
		cd_finding_evidence_int(f, "crl_distribution_points", (long long)c->n_crl_dp);
		cd_finding_evidence_int(f, "ca_issuers", (long long)c->n_ca_issuers);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_no_revocation_info = {"cert.no-revocation-info", run};
