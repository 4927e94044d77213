/* cucm.expired-trust - expired certificates in a CUCM / IM&P trust store are candidates for
 * deletion (seed 002 "delete expired trust certificates"; PRODUCT-FACTS §1: "expired trust
 * certificates are not imported during upgrade to 12.5(1)SU6/14SU2+"). The five identity
 * certificates are never to be deleted: when an expired trust member is also a node's
 * identity certificate, the advice is to regenerate it. */
#include <stdio.h>
#include <string.h>
#include "rules/cucm/trust-common.h"

/* The first identity role of ob, or NULL. */
static const struct cd_role *identity_role(const struct cd_object *ob)
{
	for (size_t s = 0; s < ob->n_sources; s++)
		if (ob->sources[s].role.kind == CD_ROLE_IDENTITY)
			return &ob->sources[s].role;
	return NULL;
}

static void report(struct cd_check_ctx *ctx, const struct cd_tstore *st, const char *product,
		   size_t idx)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *ob = m->objects[idx];
	const struct cd_cert *c = ob->u.cert;
	const struct cd_role *id = identity_role(ob);
	const char *note = cd_json_path_str(cd_product_profile(ctx->opts, "cucm"),
					    "trust_checks.expired_trust_upgrade");
	char where[160], t[40], idw[160];
	struct cd_finding *f;
	cd_cucm_where(st->name, st->node, where, sizeof(where));
	cd_time_format(c->not_after, t, sizeof(t));
	if (id) {
		cd_cucm_where(id->name, id->node, idw, sizeof(idw));
		f = cd_check_emit(
		    ctx,
		    "\"%s\" in %s expired on %s; it is also the identity certificate %s: "
		    "regenerate that certificate, do not delete it",
		    cd_object_label(ob), where, t, idw);
	} else {
		f = cd_check_emit(ctx, "\"%s\" in %s expired on %s: a candidate for deletion",
				  cd_object_label(ob), where, t);
	}
	if (!f)
		return;
	cd_finding_set_where(f, cd_cucm_role_source(ob, CD_ROLE_TRUST, st->name, st->node), 1);
	cd_finding_add_object(f, m, idx);
	cd_finding_evidence_str(f, "store", st->name);
	if (st->node[0])
		cd_finding_evidence_str(f, "node", st->node);
	cd_finding_evidence_time(f, "not_after", c->not_after);
	cd_finding_evidence_json(f, "certificate", cd_cucm_cert_json(ob));
	if (id) {
		cd_finding_evidence_str(f, "identity_of", idw);
		cd_finding_evidence_str(
		    f, "action", "regenerate (or renew) the identity certificate; never delete it");
		cd_product_restart_evidence(f, ctx->opts, product, id->name);
	} else {
		cd_finding_evidence_str(f, "action",
					"delete it from this store on this node (the same trust "
					"certificate may be on several nodes: delete it on each)");
		cd_product_restart_evidence(f, ctx->opts, product, st->name);
	}
	cd_finding_evidence_str(f, "upgrade", note);
	cd_product_context_evidence(f, ctx->opts, cd_cucm_product_name(ctx->opts, product));
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units u;
	int rc = cd_units_collect(ctx->model, ctx->opts, &u);
	if (rc < 0) {
		cd_units_release(&u);
		return rc;
	}
	for (size_t s = 0; s < u.n_stores; s++) {
		const struct cd_tstore *st = &u.stores[s];
		const char *product = cd_cucm_store_product(ctx->opts, st->name);
		if (!product)
			continue;
		for (size_t k = 0; k < st->n_members; k++) {
			size_t idx = st->members[k];
			/* precheck: the certificate being uploaded is not in the store yet */
			if (cd_is_upload(ctx->opts, idx))
				continue;
			cd_check_applied(ctx);
			if (ctx->model->objects[idx]->u.cert->not_after < ctx->opts->at)
				report(ctx, st, product, idx);
		}
	}
	cd_units_release(&u);
	return CD_OK;
}

const struct cd_check cd_check_cucm_expired_trust = {"cucm.expired-trust", run};
