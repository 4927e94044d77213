/* cert.expired - the certificate's notAfter is before the evaluation time (RFC 5280 §4.1.2.5). */
#include "rules/common.h"

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
		if (c->not_after >= ctx->opts->at)
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
