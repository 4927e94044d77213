/* expressway.profile-name-san - an Expressway-C server certificate lacks a secure phone
 * security profile name (--profile-name, FQDN format from X12.6) among its DNS SANs
 * (PRODUCT-FACTS §3: "Missing profile name on Expressway-C -> "403 from the CUCM" on secure
 * registration / "Failed to establish SSL connection""). Checks the certificate in service of
 * each slot (peer-common.h) that is not known to be Expressway-E. */
#include <stdlib.h>
#include "rules/expressway/peer-common.h"
#include "rules/expressway/upload.h"

static int check_slot(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, void *arg)
{
	(void)arg;
	const struct cd_model *m = ctx->model;
	const struct cd_product_opts *p = ctx->opts->product;
	const struct cd_cert *c = m->objects[s->current]->u.cert;
	json_t *missing = json_array();
	struct cd_finding *f;
	char *list;
	for (size_t i = 0; i < p->n_profile_names; i++)
		if (!cd_xw_has_dns(c, p->profile_names[i]))
			missing = cd_json_array_push(missing, cd_json_text(p->profile_names[i]));
	if (!missing)
		return CD_E_NOMEM; /* not "none missing" */
	if (json_array_size(missing) && !cd_cert_san_whole(c)) {
		/* the names may be past the SAN entries kept: not judged (ingest.limit-reached) */
		json_decref(missing);
		return CD_OK;
	}
	cd_check_applied(ctx);
	if (!json_array_size(missing)) {
		json_decref(missing);
		return CD_OK;
	}
	list = cd_xw_join(missing, 400);
	if (!list) {
		json_decref(missing);
		return CD_E_NOMEM;
	}
	f = cd_check_emit(ctx,
			  "%s server certificate \"%s\" lacks the secure phone security profile "
			  "name%s %s in its SANs%s",
			  cd_xw_edge_name(s->edge), cd_object_label(m->objects[s->current]),
			  json_array_size(missing) > 1 ? "s" : "", list ? list : "?",
			  s->edge < 0 ? " (role unknown: checked as an Expressway-C)" : "");
	free(list);
	cd_finding_add_object(f, m, s->current);
	if (!f) {
		json_decref(missing);
		return CD_OK;
	}
	cd_finding_evidence_json(f, "missing_profile_names", missing);
	cd_finding_evidence_json(f, "san", cd_san_json(c->san, c->n_san));
	cd_xw_slot_evidence(f, ctx, s);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_xw_each_slot(ctx, 1, ctx->opts->product->n_profile_names > 0, "--profile-name NAME",
			       "the secure phone profile names are not known", check_slot, NULL);
}

const struct cd_check cd_check_expressway_profile_name_san = {"expressway.profile-name-san", run};
