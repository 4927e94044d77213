/* expressway.renewal-ca-changed - a renewed Expressway server certificate comes from another
 * CA than the one it replaces: its Authority Key Identifier differs (seed 004: same CA,
 * compare the AKI). Without an AKI on either side the issuer names are compared. Pairs as in
 * expressway.renewal-san-changed (peer-common.h slots). */
#include <stdlib.h>
#include <string.h>
#include "rules/expressway/peer-common.h"
#include "util/str.h"

static void aki_evidence(struct cd_finding *f, const char *key, const struct cd_cert *c)
{
	char *hex = c->aki_len ? cd_hex_new(c->aki, c->aki_len, 1) : NULL;
	if (hex)
		cd_finding_evidence_str(f, key, hex);
	else if (c->aki_len)
		f->incomplete = 1; /* cd_hex_new ran out of memory */
	else
		cd_finding_evidence_json(f, key, json_null());
	free(hex);
}

static int check_pair(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, size_t old_i,
		      size_t new_i)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *o = m->objects[old_i]->u.cert, *n = m->objects[new_i]->u.cert;
	int by_aki = o->aki_len && n->aki_len;
	struct cd_finding *f;
	const json_t *xw = cd_product_profile(ctx->opts, "expressway"), *lists, *stores;
	json_t *cas;
	cd_check_applied(ctx);
	if (by_aki
		? o->aki_len == n->aki_len && !memcmp(o->aki, n->aki, o->aki_len)
		: o->issuer.canon && n->issuer.canon && !strcmp(o->issuer.canon, n->issuer.canon))
		return CD_OK;
	f = cd_check_emit(
	    ctx,
	    "renewed server certificate \"%s\" is issued by another CA (%s) than \"%s\" "
	    "it replaces (%s): every peer must trust the new CA chain first",
	    cd_object_label(m->objects[new_i]), n->issuer.display,
	    cd_object_label(m->objects[old_i]), o->issuer.display);
	cd_finding_add_object(f, m, new_i);
	cd_finding_add_object(f, m, old_i);
	if (!f)
		return CD_OK;
	cd_finding_evidence_str(f, "compared", by_aki ? "authority key identifier" : "issuer name");
	aki_evidence(f, "old_aki", o);
	aki_evidence(f, "new_aki", n);
	cd_finding_evidence_str(f, "old_issuer", o->issuer.display);
	cd_finding_evidence_str(f, "new_issuer", n->issuer.display);
	cd_finding_evidence_str(f, "old_certificate", m->objects[old_i]->id);
	cd_finding_evidence_str(f, "new_certificate", m->objects[new_i]->id);
	/* the new issuing CA, when the input holds it: what to distribute */
	cas = json_array();
	for (size_t i = 0; i < m->n_objects; i++)
		if (i != new_i && m->objects[i]->kind == CD_KIND_CERT &&
		    cd_xw_could_issue(m->objects[i]->u.cert, n))
			cas = cd_json_array_push(cas, json_string(m->objects[i]->id));
	cd_finding_evidence_json(f, "new_ca_in_input", cas);
	/* where the new chain must go, and what to restart: rules/profiles/expressway.yaml
	 * renewal (seed 004 D and E), CUCM stores' restarts from the cucm profile */
	lists = cd_json_path(xw, "renewal.new_ca_trust_lists");
	if (lists)
		cd_finding_evidence_json(f, "update_trust_lists", json_incref((json_t *)lists));
	cd_finding_evidence_str(f, "restart", cd_json_path_str(xw, "renewal.restart"));
	stores = cd_json_path(xw, "renewal.new_ca_cucm_stores");
	if (json_array_size(stores)) {
		json_t *cucm = json_object();
		const json_t *doc = cd_product_profile(ctx->opts, "cucm");
		for (size_t i = 0; i < json_array_size(stores); i++) {
			const char *st = json_string_value(json_array_get(stores, i));
			const char *r = json_string_value(json_object_get(
			    json_object_get(json_object_get(doc, "trust_stores"), st ? st : ""),
			    "restart"));
			if (st && r)
				cucm = cd_json_object_put(cucm, st, json_string(r));
		}
		cd_finding_evidence_json(f, "restart_cucm", cucm);
	}
	cd_xw_slot_evidence(f, ctx, s);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_xw_each_renewal(ctx, check_pair);
}

const struct cd_check cd_check_expressway_renewal_ca_changed = {"expressway.renewal-ca-changed",
								run};
