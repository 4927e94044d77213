/* cert.expiring-soon - a currently valid certificate expires within --expiry-warn days
 * (seed 000: expiry monitoring warns before certificates expire). One finding per certificate
 * however many stores hold it; no other rule reports an expiry to come (owner.h). */
#include "rules/cert/owner.h"

static int run(struct cd_check_ctx *ctx)
{
	const cd_time_t at = ctx->opts->at;
	const int64_t window = (int64_t)ctx->opts->expiry_warn * CD_DAY;
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		char na[40];
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		if (c->not_after == CD_TIME_NONE || c->not_before == CD_TIME_NONE ||
		    c->not_after < at || c->not_before > at)
			continue; /* only certificates valid now can be "expiring" */
		cd_check_applied(ctx);
		if (c->not_after - at >= window)
			continue;
		cd_time_format(c->not_after, na, sizeof(na));
		/* a CA certificate only in trust stores is not renewed with a CSR of ours */
		f = cd_check_emit(ctx, "\"%s\" expires on %s, in %lld days (warning window: %u days)%s",
				  cd_object_label(o), na, (long long)((c->not_after - at) / CD_DAY),
				  ctx->opts->expiry_warn,
				  cd_owner_only_trusted(o) ? "; it is a trust-store certificate: install "
							     "the issuer's renewed certificate before then"
							   : "");
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "subject", c->subject.display);
		cd_finding_evidence_time(f, "not_after", c->not_after);
		cd_finding_evidence_int(f, "days_left", (long long)((c->not_after - at) / CD_DAY));
		cd_finding_evidence_int(f, "warn_days", ctx->opts->expiry_warn);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_expiring_soon = {"cert.expiring-soon", run};
