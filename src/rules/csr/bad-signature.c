/* csr.bad-signature - the request's self-signature does not verify with its own public key
 * (RFC 2986 §4.2: the signature proves possession of the private key). */
#include "rules/common.h"

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		struct cd_finding *f;
		if (o->kind != CD_KIND_CSR || o->u.csr->sig_ok < 0)
			continue; /* could not tell: unknown algorithm */
		cd_check_applied(ctx);
		if (o->u.csr->sig_ok)
			continue;
		f = cd_check_emit(ctx, "the signature of request \"%s\" does not verify: %s",
				  cd_object_label(o), o->u.csr->sig_error);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "subject", o->u.csr->subject.display);
		cd_finding_evidence_str(f, "signature_algorithm", o->u.csr->sig_name);
	}
	return CD_OK;
}

const struct cd_check cd_check_csr_bad_signature = {"csr.bad-signature", run};
