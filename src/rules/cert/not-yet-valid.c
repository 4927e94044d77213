/* cert.not-yet-valid - the certificate's notBefore is after the evaluation time (RFC 5280 §4.1.2.5).
 * An issuer or anchor of a best path is chain.expired-issuer's (owner.h). */
#include "product/product.h"
#include "rules/cert/owner.h"

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		char nb[40];
		if (o->kind != CD_KIND_CERT || o->u.cert->not_before == CD_TIME_NONE)
			continue;
		c = o->u.cert;
		cd_check_applied(ctx);
		if (c->not_before <= ctx->opts->at)
			continue;
		if (!cd_is_upload(ctx->opts, i) &&
		    cd_engine_rule_selected(ctx->opts, "chain.expired-issuer") &&
		    cd_owner_issuer_on_best_path(ctx->chains, i))
			continue; /* the chain's finding says it, with the leaf it breaks */
		cd_time_format(c->not_before, nb, sizeof(nb));
		f = cd_check_emit(ctx, "\"%s\" is not valid before %s (%lld days after the evaluation time)",
				  cd_object_label(o), nb,
				  (long long)((c->not_before - ctx->opts->at + CD_DAY - 1) / CD_DAY));
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "subject", c->subject.display);
		cd_finding_evidence_time(f, "not_before", c->not_before);
		cd_finding_evidence_time(f, "evaluated_at", ctx->opts->at);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_not_yet_valid = {"cert.not-yet-valid", run};
