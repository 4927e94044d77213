/* cucm.signature-not-rsa - an identity certificate of a non-ECDSA purpose (profile key_type
 * RSA) signed with an algorithm outside PKCS #1: "The signature algorithm must use RSA
 * encryption" (PRODUCT-FACTS §1). */
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

/* PKCS #1 signature algorithms (sha256WithRSAEncryption, ..., RSASSA-PSS) live under this arc. */
#define PKCS1_ARC "1.2.840.113549.1.1."

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const char *want = json_string_value(json_object_get(u->purpose, "key_type"));
	struct cd_finding *f;
	char label[160];
	(void)us;
	(void)arg;
	if (!want || strcmp(want, "RSA") || !c->sig_oid[0])
		return CD_OK; /* ECDSA purposes take either; unknown algorithm: cannot tell */
	cd_check_applied(ctx);
	if (!strncmp(c->sig_oid, PKCS1_ARC, strlen(PKCS1_ARC)))
		return CD_OK;
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx, "\"%s\" (%s) is signed with %s; %s needs an RSA signature",
			  cd_object_label(m->objects[idx]), label,
			  c->sig_name[0] ? c->sig_name : c->sig_oid, u->unit);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	if (!f)
		return CD_OK;
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_str(f, "signature_algorithm", c->sig_name);
	cd_finding_evidence_str(f, "signature_oid", c->sig_oid);
	cd_finding_evidence_str(f, "issuer", c->issuer.display);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_signature_not_rsa = {"cucm.signature-not-rsa", run};
