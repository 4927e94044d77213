/* cert.expired - the certificate's notAfter is before the evaluation time (RFC 5280 §4.1.2.5).
 * One root cause, one finding (owner.h): an issuer or anchor of a best path is
 * chain.expired-issuer's, a certificate held only by CUCM trust stores cucm.expired-trust's, a
 * notAfter before notBefore by its encoding (UTCTime 19YY) cert.bad-time-encoding's. */
#include "product/product.h"
#include "rules/cert/owner.h"

/* Is idx's expiry reported by another rule that runs? */
static int owned_elsewhere(const struct cd_check_ctx *ctx, size_t idx)
{
	if (cd_is_upload(ctx->opts, idx)) /* precheck: "CUCM does not allow you to upload an expired certificate" */
		return 0;
	if (cd_engine_rule_selected(ctx->opts, "chain.expired-issuer") &&
	    cd_owner_issuer_on_best_path(ctx->chains, idx))
		return 1;
	if (cd_owner_expired_trust(ctx, idx))
		return 1;
	/* a notAfter before notBefore because of its encoding (UTCTime 19YY meant as 20YY) */
	return cd_owner_time_encoding(ctx, idx);
}

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		if (o->kind != CD_KIND_CERT || o->u.cert->not_after == CD_TIME_NONE)
			continue;
		c = o->u.cert;
		cd_check_applied(ctx);
		if (c->not_after >= ctx->opts->at || owned_elsewhere(ctx, i))
			continue;
		char na[40];
		cd_time_format(c->not_after, na, sizeof(na));
		f = cd_check_emit(ctx, "\"%s\" expired on %s, %lld days before the evaluation time",
				  cd_object_label(o), na,
				  (long long)((ctx->opts->at - c->not_after) / CD_DAY));
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "subject", c->subject.display);
		cd_finding_evidence_time(f, "not_after", c->not_after);
		cd_finding_evidence_time(f, "evaluated_at", ctx->opts->at);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_expired = {"cert.expired", run};
