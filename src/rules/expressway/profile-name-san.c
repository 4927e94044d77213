/* expressway.profile-name-san - an Expressway-C server certificate lacks a secure phone
 * security profile name (--profile-name, FQDN format from X12.6) among its DNS SANs
 * (PRODUCT-FACTS §3: "Missing profile name on Expressway-C -> "403 from the CUCM" on secure
 * registration / "Failed to establish SSL connection""). Checks the certificate in service of
 * each slot (peer-common.h) that is not known to be Expressway-E. */
#include <stdlib.h>
#include "rules/expressway/peer-common.h"
#include "rules/expressway/upload.h"

static void check_slot(struct cd_check_ctx *ctx, const struct cd_xw_slot *s)
{
	const struct cd_model *m = ctx->model;
	const struct cd_product_opts *p = &ctx->opts->product;
	const struct cd_cert *c = m->objects[s->current]->u.cert;
	json_t *missing = json_array();
	struct cd_finding *f;
	char *list;
	cd_check_applied(ctx);
	for (size_t i = 0; i < p->n_profile_names; i++)
		if (!cd_xw_has_dns(c, p->profile_names[i]))
			json_array_append_new(missing, json_string(p->profile_names[i]));
	if (!json_array_size(missing)) {
		json_decref(missing);
		return;
	}
	list = cd_xw_join(missing, 400);
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
		return;
	}
	json_object_set_new(f->evidence, "missing_profile_names", missing);
	json_object_set_new(f->evidence, "san", cd_san_json(c->san, c->n_san));
	cd_xw_slot_evidence(f, ctx, s);
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units u;
	struct cd_xw_slots sl = {0};
	int known = ctx->opts->product.n_profile_names > 0, any = 0;
	if (cd_units_collect(ctx->model, ctx->opts, &u) == 0 &&
	    cd_xw_slots_collect(ctx, &u, &sl) == 0)
		for (size_t k = 0; k < sl.n; k++) {
			char label[160];
			any |= sl.v[k].current != SIZE_MAX;
			if (!(sl.v[k].edge != 1 && sl.v[k].current != SIZE_MAX))
				continue;
			if (known) {
				check_slot(ctx, &sl.v[k]);
			} else if (!cd_precheck(ctx->opts)) {
				cd_xw_slot_label(sl.v[k].node, label, sizeof(label));
				cd_check_not_checked(ctx, "--profile-name NAME",
						     "%s: the secure phone profile names are not known",
						     label);
			}
		}
	if (!any)
		cd_xw_none_checked(ctx);
	cd_xw_slots_release(&sl);
	cd_units_release(&u);
	return CD_OK;
}

const struct cd_check cd_check_expressway_profile_name_san = {"expressway.profile-name-san", run};
