/* cucm.wildcard-unsupported - an identity certificate of a CUCM / IM&P unit names a wildcard
 * in its CN or a DNS SAN: "wildcard certificates ("*.cisco.com") are not supported"
 * (PRODUCT-FACTS §1). */
#include <stdio.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	struct cd_finding *f;
	json_t *names;
	char label[160];
	(void)us;
	(void)arg;
	cd_check_applied(ctx);
	names = json_array();
	if (cd_name_has_wildcard(c->subject.cn))
		{
		char b[600];
		snprintf(b, sizeof(b), "CN:%s", c->subject.cn);
		names = cd_json_array_push(names, cd_json_text(b));
	}
	for (size_t i = 0; i < c->n_san; i++)
		if (c->san[i].type == CD_SAN_DNS && cd_name_has_wildcard(c->san[i].value)) {
			char b[1100];
			snprintf(b, sizeof(b), "DNS:%s", c->san[i].value);
			names = cd_json_array_push(names, cd_json_text(b));
		}
	if (!names)
		return CD_E_NOMEM;
	if (!json_array_size(names)) {
		json_decref(names);
		return CD_OK;
	}
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx, "\"%s\" (%s) is a wildcard certificate (%s): CUCM does not support wildcard certificates",
			  cd_object_label(m->objects[idx]), label,
			  json_string_value(json_array_get(names, 0)));
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	if (!f) {
		json_decref(names);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_json(f, "wildcard_names", names);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_wildcard_unsupported = {"cucm.wildcard-unsupported", run};
