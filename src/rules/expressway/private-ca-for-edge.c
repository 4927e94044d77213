/* expressway.private-ca-for-edge - an Expressway-E server certificate does not chain to a
 * public root (PRODUCT-FACTS §3, seed 003: "7800/8800 phones over MRA trust only a fixed list
 * of public CAs"). "Public" is a reference store the user gives: --public-roots PATH (store
 * public-roots) or --system-trust (store system); without one the rule does not apply (checks
 * do no I/O). Issuers are walked by name and key identifier over the model (peer-common.h);
 * a walk that leaves the input (an issuer missing) cannot tell, and the slot is not checked. */
#include <stdlib.h>
#include <string.h>
#include "rules/expressway/peer-common.h"
#include "rules/expressway/upload.h"

static int check_slot(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, void *arg)
{
	json_t *stores = arg;
	const struct cd_model *m = ctx->model;
	struct cd_xw_reach r;
	struct cd_finding *f;
	json_t *roots;
	int rc = cd_xw_reach_public(m, s->current, &r);
	if (rc < 0 || r.result < 0) {
		cd_xw_reach_release(&r);
		return rc; /* r.result < 0, cannot tell: chain.incomplete names the missing issuer */
	}
	cd_check_applied(ctx);
	if (r.result == 1) {
		cd_xw_reach_release(&r);
		return CD_OK;
	}
	f = cd_check_emit(
	    ctx,
	    "%s server certificate \"%s\" chains to \"%s\", which is not a public root "
	    "(%s): 7800/8800 phones over MRA cannot register%s",
	    cd_xw_edge_name(s->edge), cd_object_label(m->objects[s->current]),
	    r.n_roots ? cd_object_label(m->objects[r.roots[0]]) : "?",
	    json_string_value(json_object_get(stores, "label")),
	    s->edge < 0 ? " (role unknown: checked as an Expressway-E)" : "");
	cd_finding_add_object(f, m, s->current);
	if (f) {
		roots = json_array();
		for (size_t i = 0; i < r.n_roots; i++) {
			json_t *o = json_object();
			o = cd_json_object_put(o, "id", json_string(m->objects[r.roots[i]]->id));
			o = cd_json_object_put(
			    o, "subject", cd_json_text(m->objects[r.roots[i]]->u.cert->subject.display));
			roots = cd_json_array_push(roots, o);
		}
		cd_finding_evidence_json(f, "private_roots", roots);
		cd_finding_evidence_json(f, "public_stores",
					 json_incref(json_object_get(stores, "names")));
		cd_finding_evidence_int(f, "public_roots_known",
					json_integer_value(json_object_get(stores, "count")));
		cd_xw_slot_evidence(f, ctx, s);
	}
	cd_xw_reach_release(&r);
	return CD_OK;
}

/* Which public stores the input has: *out {"names": [...], "count": N, "label": "..."}, or
 * NULL when it has none. CD_OK or CD_E_NOMEM. */
static int public_stores(const struct cd_model *m, json_t **out)
{
	int pub = 0, sys = 0;
	size_t n = 0;
	json_t *j, *names;
	*out = NULL;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *o = m->objects[i];
		if (o->kind != CD_KIND_CERT || !cd_xw_in_public_store(o))
			continue;
		n++;
		for (size_t s = 0; s < o->n_sources; s++) {
			const struct cd_role *r = &o->sources[s].role;
			if (r->kind != CD_ROLE_TRUST)
				continue;
			pub |= !strcmp(r->name, "public-roots");
			sys |= !strcmp(r->name, "system");
		}
	}
	if (!n)
		return CD_OK;
	names = json_array();
	if (pub)
		names = cd_json_array_push(names, json_string("public-roots"));
	if (sys)
		names = cd_json_array_push(names, json_string("system"));
	j = cd_json_object_put(json_object(), "names", names);
	j = cd_json_object_put(j, "count", json_integer((json_int_t)n));
	j = cd_json_object_put(j, "label",
			       json_string(pub && sys ? "stores public-roots and system"
					   : pub      ? "store public-roots"
						      : "store system"));
	*out = j;
	return j ? CD_OK : CD_E_NOMEM;
}

static int run(struct cd_check_ctx *ctx)
{
	json_t *stores;
	int rc = public_stores(ctx->model, &stores);
	if (rc < 0)
		return rc;
	/* checks read no files: which roots are public is an input */
	rc = cd_xw_each_slot(ctx, 0, stores != NULL, "--public-roots PATH", "which roots are public is not known",
			     check_slot, stores);
	json_decref(stores);
	return rc;
}

const struct cd_check cd_check_expressway_private_ca_for_edge = {"expressway.private-ca-for-edge",
								 run};
