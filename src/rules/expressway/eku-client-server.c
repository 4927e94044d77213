/* expressway.eku-client-server - an Expressway server certificate lacks TLS Web Server or TLS
 * Web Client authentication in its Extended Key Usage (PRODUCT-FACTS §3: "The system won't let
 * you upload a certificate without this extension"; relaxed from X15.4). */
#include <string.h>
#include "rules/expressway/upload.h"

/* How Expressway's "Show decoded" and openssl print the EKUs the profile names. */
static const char *display(const char *name)
{
	if (!strcmp(name, "serverAuth"))
		return "TLS Web Server Authentication";
	if (!strcmp(name, "clientAuth"))
		return "TLS Web Client Authentication";
	return name;
}

static int check(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx, const void *arg)
{
	const char *range = arg;
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const json_t *need = json_object_get(u->purpose, "eku");
	json_t *missing = json_array(), *have = json_array(), *v;
	char what[160] = "";
	struct cd_finding *f;
	size_t k;
	cd_check_applied(ctx);
	json_array_foreach(need, k, v) {
		const char *name = json_string_value(v);
		const char *oid = name ? cd_eku_oid_of(name) : NULL;
		if (oid && cd_cert_lists_eku(c, oid))
			continue;
		missing = cd_json_array_push(missing, json_string(name ? name : "?"));
		if (what[0])
			strncat(what, " and ", sizeof(what) - strlen(what) - 1);
		strncat(what, display(name ? name : "?"), sizeof(what) - strlen(what) - 1);
	}
	if (!missing) {
		json_decref(have);
		return CD_E_NOMEM; /* not "nothing missing" */
	}
	if (json_array_size(missing) == 0) {
		json_decref(missing);
		json_decref(have);
		return CD_OK;
	}
	for (size_t i = 0; i < c->n_eku; i++) {
		const char *s = cd_eku_name(c->eku[i]);
		have = cd_json_array_push(have, json_string(s ? s : c->eku[i]));
	}
	f = cd_check_emit(ctx,
			  "Expressway server certificate \"%s\" lacks %s in its Extended Key Usage%s; "
			  "Expressway %s does not let it be uploaded",
			  cd_object_label(m->objects[idx]), what,
			  c->eku_present ? "" : " (it has no Extended Key Usage extension)",
			  ctx->opts->product->version.valid ? ctx->opts->product->version.text : range);
	cd_finding_add_object(f, m, idx);
	if (!f) {
		json_decref(missing);
		json_decref(have);
		return CD_OK;
	}
	cd_finding_evidence_json(f, "eku_present", json_boolean(c->eku_present));
	cd_finding_evidence_json(f, "eku", have);
	if (need) /* absent from the purpose: no key */
		cd_finding_evidence_json(f, "required_eku", json_deep_copy(need));
	cd_finding_evidence_json(f, "missing_eku", missing);
	cd_finding_evidence_str(f, "applies_to_versions", range);
	cd_xw_unit_evidence(f, ctx->opts, u);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	char range[96];
	if (!cd_xw_selected(ctx->opts) ||
	    !cd_xw_version_applies(ctx->opts, "eku_client_server", range, sizeof(range)))
		return CD_OK;
	return cd_xw_each_server_cert(ctx, check, range);
}

const struct cd_check cd_check_expressway_eku_client_server = {"expressway.eku-client-server", run};
