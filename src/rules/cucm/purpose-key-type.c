/* cucm.purpose-key-type - an identity certificate whose key type is not its purpose's: a
 * purpose ending in -ECDSA needs an EC key, the others RSA (profile `key_type`; PRODUCT-FACTS
 * §1, §2). */
#include <gnutls/gnutls.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

static int key_is(const struct cd_pubkey *k, const char *type)
{
	if (!strcmp(type, "RSA"))
		return k->algo == GNUTLS_PK_RSA;
	if (!strcmp(type, "EC"))
		return k->algo == GNUTLS_PK_ECDSA;
	return 1; /* a type the profile names that we do not know: no opinion */
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const char *want = json_string_value(json_object_get(u->purpose, "key_type"));
	struct cd_finding *f;
	char label[160], key[80];
	(void)us;
	(void)arg;
	if (!want || !c->key.known)
		return CD_OK;
	cd_check_applied(ctx);
	if (key_is(&c->key, want))
		return CD_OK;
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	cd_upload_key_text(&c->key, key, sizeof(key));
	f = cd_check_emit(ctx, "\"%s\" (%s): %s key, but %s needs an %s key",
			  cd_object_label(m->objects[idx]), label, key, u->unit, want);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	if (!f)
		return CD_OK;
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_str(f, "key", key);
	cd_finding_evidence_str(f, "required_key_type", want);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_purpose_key_type = {"cucm.purpose-key-type", run};
