/* cert.weak-signature - signed with MD5 or SHA-1 (CA/B Forum BR §7.1.3.2; RFC 6151, SHAttered),
 * except the self-signature of a self-signed certificate, which no relying party checks (RFC
 * 5280 §6.1.1 (d)). A CA certificate held in a trust store but issued by another CA is still
 * reported: OpenSSL builds on to the self-signed root and checks its signature. Where a best
 * path rejects the signature, chain.bad-signature reports it as an error (owner.h). */
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
		/* "not on the self-signature of a trust anchor" */
		if (c->self_signed)
			continue;
		cd_check_applied(ctx);
		if (!c->sig_hash_weak)
			continue;
		if (cd_engine_rule_selected(ctx->opts, "chain.bad-signature") &&
		    cd_owner_signature_rejected(ctx->chains, ctx->model, i))
			continue; /* the path is invalid for it: chain.bad-signature's error */
		f = cd_check_emit(ctx, "\"%s\" is signed with %s, a broken hash, by \"%s\"",
				  cd_object_label(o), c->sig_name,
				  c->issuer.cn ? c->issuer.cn : c->issuer.display);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "signature_algorithm", c->sig_name);
		cd_finding_evidence_str(f, "signature_oid", c->sig_oid);
		cd_finding_evidence_str(f, "issuer", c->issuer.display);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_weak_signature = {"cert.weak-signature", run};
