/* cucm.capf-not-ca - a CAPF certificate that is not a CA the way CUCM needs it: "CAPF
 * certificates need CA:TRUE, pathlen:0 and KU Digital Signature + Certificate Sign, else TLS
 * fails" (PRODUCT-FACTS §1, §2). What is needed is the profile's purposes.<unit>.ca
 * ({is_ca, pathlen}) and .key_usage; every purpose with a `ca` entry is checked (CAPF). */
#include <stdio.h>
#include <string.h>
#include "rules/cucm/trust-common.h"
#include "rules/cucm/upload-common.h"
#include "util/buf.h"

static int check_one(struct cd_check_ctx *ctx, const struct cd_unit *un, size_t idx)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const json_t *ca = json_object_get(un->purpose, "ca");
	const json_t *kus = json_object_get(un->purpose, "key_usage");
	int want_ca = json_is_true(json_object_get(ca, "is_ca"));
	const json_t *pl = json_object_get(ca, "pathlen");
	json_t *missing = json_array(), *required = json_array(), *present = json_array();
	struct cd_buf why;
	struct cd_finding *f;
	size_t i;
	const json_t *v;
	int rc = CD_OK;

	cd_buf_init(&why, 1024);
	if (want_ca && !(c->bc_present && c->is_ca)) {
		rc = cd_buf_addf(&why, "%s (CA:TRUE",
				 c->bc_present ? "basicConstraints CA:FALSE"
					       : "no basicConstraints extension");
		if (json_is_integer(pl))
			rc = cd_status_keep(rc, cd_buf_addf(&why, ", pathlen:%lld",
							    (long long)json_integer_value(pl)));
		rc = cd_status_keep(rc, cd_buf_adds(&why, " needed)"));
	} else if (json_is_integer(pl) && c->pathlen != json_integer_value(pl)) {
		if (c->pathlen < 0)
			rc = cd_buf_addf(&why, "no pathLenConstraint (pathlen:%lld needed)",
					 (long long)json_integer_value(pl));
		else
			rc = cd_buf_addf(&why, "pathLenConstraint %d (pathlen:%lld needed)", c->pathlen,
					 (long long)json_integer_value(pl));
	}
	json_array_foreach(kus, i, v)
	{
		unsigned bit = cd_ku_bit(json_string_value(v));
		if (!bit)
			continue;
		required = cd_json_array_push(required, json_string(json_string_value(v)));
		if (!c->ku_present || !(c->ku & bit))
			missing = cd_json_array_push(missing, json_string(json_string_value(v)));
	}
	for (unsigned bit = 1; bit && bit <= 0x8000; bit <<= 1)
		if (c->ku_present && (c->ku & bit) && cd_ku_name(bit))
			present = cd_json_array_push(present, json_string(cd_ku_name(bit)));
	if (!missing || !required || !present)
		rc = CD_E_NOMEM;
	if (rc == CD_OK && json_array_size(missing)) {
		rc = cd_buf_addf(&why, "%skeyUsage lacks", why.len ? "; " : "");
		json_array_foreach(missing, i, v)
		    rc = cd_status_keep(rc, cd_buf_addf(&why, "%s %s", i ? "," : "", json_string_value(v)));
	}
	if (rc < 0)
		goto out; /* not a judgement made on half the reasons */
	cd_check_applied(ctx);
	if (!why.len)
		goto out;
	f = cd_check_emit(ctx,
			  "%s certificate \"%s\"%s%s is not the CA CUCM needs, so TLS fails: %s",
			  un->unit, cd_object_label(m->objects[idx]), un->node[0] ? " on " : "",
			  un->node, (const char *)why.data);
	if (!f)
		goto out;
	cd_finding_set_where(
	    f, cd_cucm_role_source(m->objects[idx], CD_ROLE_IDENTITY, un->unit, un->node), 1);
	cd_finding_add_object(f, m, idx);
	cd_finding_evidence_str(f, "unit", un->unit);
	if (un->node[0])
		cd_finding_evidence_str(f, "node", un->node);
	cd_finding_evidence_json(f, "basic_constraints",
				 c->bc_present ? json_pack("{s:b, s:o}", "ca", c->is_ca, "pathlen",
							   c->pathlen < 0 ? json_null()
									  : json_integer(c->pathlen))
					       : json_null());
	cd_finding_evidence_json(f, "basic_constraints_required", json_deep_copy(ca));
	cd_finding_evidence_json(f, "key_usage", present);
	present = NULL;
	cd_finding_evidence_json(f, "key_usage_required", required);
	required = NULL;
	cd_finding_evidence_json(f, "key_usage_missing", missing);
	missing = NULL;
	cd_product_restart_evidence(f, ctx->opts, un->product, un->unit);
	cd_product_context_evidence(f, ctx->opts, cd_cucm_product_name(ctx->opts, un->product));
out:
	json_decref(missing);
	json_decref(required);
	json_decref(present);
	cd_buf_release(&why);
	return rc;
}

/* The CAPF identity itself, not the CAs a CAPF.pem bundle may carry with it. */
static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *un,
		 size_t idx, void *arg)
{
	(void)us;
	(void)arg;
	if (json_object_get(un->purpose, "ca"))
		return check_one(ctx, un, idx);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_capf_not_ca = {"cucm.capf-not-ca", run};
