/* cert.validity-too-long - a TLS server certificate that chains to a public root is valid for
 * longer than the CA/Browser Forum allows at its notBefore (Baseline Requirements §6.3.2; the
 * schedule is data: rules/webpki/validity.yaml). The period runs from notBefore through
 * notAfter inclusive (RFC 5280 §4.1.2.5). Private chains are not judged (root programs exempt
 * locally operated CAs); without a public root store, "not checked". */
#include <stdio.h>
#include "rules/cert/lint.h"
#include "rules/cert/owner.h"

static int run(struct cd_check_ctx *ctx)
{
	struct cd_lint_limit lim[CD_LINT_MAX_LIMITS];
	size_t n_lim, unknown = 0;
	int rc = cd_lint_limits_load(lim, &n_lim);
	if (rc < 0)
		return rc;
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		const struct cd_lint_limit *l;
		struct cd_finding *f;
		char nb[40], na[40], fr[40], rest[40];
		int64_t secs;
		int pub;
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		if (!cd_lint_tls_server(c) || !cd_owner_end_entity(ctx, i) || c->not_before == CD_TIME_NONE ||
		    c->not_after == CD_TIME_NONE || !(l = cd_lint_limit_at(lim, n_lim, c->not_before)))
			continue;
		if ((rc = cd_lint_public(ctx->model, i, &pub)) < 0)
			return rc;
		if (pub < 0) {
			unknown++;
			continue;
		}
		if (!pub)
			continue; /* a private chain: the Baseline Requirements do not bind its CA */
		cd_check_applied(ctx);
		secs = c->not_after - c->not_before + 1;
		if (secs <= (int64_t)l->days * CD_DAY)
			continue;
		cd_time_format(c->not_before, nb, sizeof(nb));
		cd_time_format(c->not_after, na, sizeof(na));
		cd_time_format(l->from, fr, sizeof(fr));
		/* "398 days and 1 second": the inclusive count, never rounded into a wrong number */
		rest[0] = 0;
		if (secs % CD_DAY)
			snprintf(rest, sizeof(rest), " and %lld second%s", (long long)(secs % CD_DAY),
				 secs % CD_DAY == 1 ? "" : "s");
		f = cd_check_emit(ctx,
				  "\"%s\" is valid for %lld days%s (%s through %s); a TLS server "
				  "certificate of a public CA issued from %.10s on may be valid for at most "
				  "%ld days",
				  cd_object_label(o), (long long)(secs / CD_DAY), rest, nb, na, fr, l->days);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_time(f, "not_before", c->not_before);
		cd_finding_evidence_time(f, "not_after", c->not_after);
		cd_finding_evidence_int(f, "validity_seconds", secs);
		cd_finding_evidence_int(f, "max_days", l->days);
		cd_finding_evidence_time(f, "limit_from", l->from);
		cd_finding_evidence_str(f, "limit_rule", l->rule);
	}
	if (unknown)
		cd_check_not_checked(ctx, "--public-roots PATH (or --system-trust)",
				     "%zu TLS server certificate%s: whether %s to a public root cannot "
				     "be told without the public roots (and every intermediate)",
				     unknown, unknown == 1 ? "" : "s", unknown == 1 ? "it chains" : "they chain");
	return CD_OK;
}

const struct cd_check cd_check_cert_validity_too_long = {"cert.validity-too-long", run};
