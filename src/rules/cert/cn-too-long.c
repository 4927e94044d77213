/* cert.cn-too-long - the subject common name is longer than 64 characters, the upper bound
 * RFC 5280 Appendix A gives it (ub-common-name INTEGER ::= 64). */
#include "rules/cert/lint.h"

#define UB_COMMON_NAME 64

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const char *cn;
		size_t n;
		struct cd_finding *f;
		if (o->kind != CD_KIND_CERT || !(cn = o->u.cert->subject.cn))
			continue;
		cd_check_applied(ctx);
		n = cd_lint_chars(cn);
		if (n <= UB_COMMON_NAME)
			continue;
		f = cd_check_emit(ctx, "the common name \"%s\" has %zu characters; RFC 5280 allows at most %d",
				  cd_object_label(o), n, UB_COMMON_NAME);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_json(f, "cn", cd_json_text(cn));
		cd_finding_evidence_int(f, "characters", (long long)n);
		cd_finding_evidence_int(f, "max", UB_COMMON_NAME);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_cn_too_long = {"cert.cn-too-long", run};
