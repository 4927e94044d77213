/* expressway.mra-domain-san - an Expressway-E server certificate names, for a known MRA
 * domain (--domain), neither the domain itself nor collab-edge.<domain> among its DNS SANs
 * (PRODUCT-FACTS §3: "Missing base domain -> Jabber prompts, TC endpoints fail"). Checks the
 * certificate in service of each slot (peer-common.h) that is not known to be Expressway-C. */
#include <stdio.h>
#include <stdlib.h>
#include "rules/expressway/peer-common.h"
#include "rules/expressway/upload.h"

static int check_slot(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, void *arg)
{
	(void)arg;
	const struct cd_model *m = ctx->model;
	const struct cd_product_opts *p = ctx->opts->product;
	const struct cd_cert *c = m->objects[s->current]->u.cert;
	json_t *missing = json_array(), *dns = json_array();
	struct cd_finding *f;
	char *list;
	for (size_t i = 0; i < p->n_domains; i++) {
		char edge[300];
		snprintf(edge, sizeof(edge), "collab-edge.%s", p->domains[i]);
		if (!cd_xw_has_dns(c, p->domains[i]) && !cd_xw_has_dns(c, edge))
			missing = cd_json_array_push(missing, cd_json_text(p->domains[i]));
	}
	if (!missing) {
		json_decref(dns);
		return CD_E_NOMEM; /* not "none missing" */
	}
	if (json_array_size(missing) && !cd_cert_san_whole(c)) {
		/* the names may be past the SAN entries kept: not judged (ingest.limit-reached) */
		json_decref(missing);
		json_decref(dns);
		return CD_OK;
	}
	cd_check_applied(ctx);
	if (!json_array_size(missing)) {
		json_decref(missing);
		json_decref(dns);
		return CD_OK;
	}
	if (json_array_size(missing) == 1) {
		const char *d = json_string_value(json_array_get(missing, 0));
		f = cd_check_emit(
		    ctx,
		    "%s server certificate \"%s\" names neither %s nor collab-edge.%s among "
		    "its DNS SANs: Jabber asks users to accept it, TC endpoints do not "
		    "connect%s",
		    cd_xw_edge_name(s->edge), cd_object_label(m->objects[s->current]), d, d,
		    s->edge < 0 ? " (role unknown: checked as an Expressway-E)" : "");
		list = NULL;
	} else {
		list = cd_xw_join(missing, 400);
		if (!list) {
			json_decref(missing);
			json_decref(dns);
			return CD_E_NOMEM;
		}
		f = cd_check_emit(
		    ctx,
		    "%s server certificate \"%s\" names neither the domain nor "
		    "collab-edge.<domain> among its DNS SANs for MRA domains %s: Jabber asks "
		    "users to accept it, TC endpoints do not connect%s",
		    cd_xw_edge_name(s->edge), cd_object_label(m->objects[s->current]),
		    list ? list : "?",
		    s->edge < 0 ? " (role unknown: checked as an Expressway-E)" : "");
	}
	free(list);
	cd_finding_add_object(f, m, s->current);
	if (!f) {
		json_decref(missing);
		json_decref(dns);
		return CD_OK;
	}
	for (size_t i = 0; i < c->n_san; i++)
		if (c->san[i].type == CD_SAN_DNS)
			dns = cd_json_array_push(dns, cd_json_text(c->san[i].value));
	cd_finding_evidence_json(f, "missing_domains", missing);
	{
		json_t *want = json_array();
		for (size_t i = 0; i < json_array_size(missing); i++) {
			char edge[300];
			const char *d = json_string_value(json_array_get(missing, i));
			snprintf(edge, sizeof(edge), "collab-edge.%s", d);
			want = cd_json_array_push(want, cd_json_text(d));
			want = cd_json_array_push(want, cd_json_text(edge));
		}
		cd_finding_evidence_json(f, "add_one_of", want);
	}
	cd_finding_evidence_json(f, "dns_sans", dns);
	cd_xw_slot_evidence(f, ctx, s);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_xw_each_slot(ctx, 0, ctx->opts->product->n_domains > 0, "--domain NAME",
			       "the MRA domains (Unified CM registration domains) are not known", check_slot,
			       NULL);
}

const struct cd_check cd_check_expressway_mra_domain_san = {"expressway.mra-domain-san", run};
