/* cucm.itlrecovery-key-length - the ITLRecovery certificate of a node still has a short RSA key
 * while the node's other identity certificates were regenerated with 2048-bit keys or longer:
 * "the ITL recovery command fails and the ITLRecovery method is not used" (seed 002). The
 * threshold is the profile's limits.itlrecovery_min_bits. */
#include <stdio.h>
#include <string.h>
#include "rules/cucm/trust-common.h"

static int is_rsa(const struct cd_cert *c)
{
	return c->key.known && !strcmp(c->key.algo_name, "RSA");
}

static void report(struct cd_check_ctx *ctx, const struct cd_units *u, const struct cd_unit *un,
		   size_t idx, long long min)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	unsigned top = 0;
	size_t longer[64], n_longer = 0;
	json_t *others = json_array();
	struct cd_finding *f;
	for (size_t i = 0; i < u->n; i++) {
		const struct cd_unit *o = &u->units[i];
		if (o == un || strcmp(o->node, un->node) || !cd_unit_in(ctx->opts, o, "cucm"))
			continue;
		for (size_t k = 0; k < o->n_identity; k++) {
			const struct cd_cert *oc = m->objects[o->identity[k]]->u.cert;
			json_t *e;
			if (!is_rsa(oc) || oc->key.bits < min)
				continue;
			top = oc->key.bits > top ? oc->key.bits : top;
			if (n_longer < sizeof(longer) / sizeof(longer[0]))
				longer[n_longer++] = o->identity[k];
			e = json_object();
			e = cd_json_object_put(e, "unit", cd_json_text(o->unit));
			e = cd_json_object_put(e, "id", json_string(m->objects[o->identity[k]]->id));
			e = cd_json_object_put(e, "key_bits", json_integer(oc->key.bits));
			others = cd_json_array_push(others, e); /* NULL: the evidence is incomplete */
		}
	}
	f = cd_check_emit(
	    ctx,
	    "ITLRecovery certificate \"%s\"%s%s has a %u-bit key while the node's other "
	    "certificates have keys of %lld bits or more (up to %u): ITL recovery fails",
	    cd_object_label(m->objects[idx]), un->node[0] ? " on " : "", un->node, c->key.bits, min,
	    top);
	if (!f) {
		json_decref(others);
		return;
	}
	cd_finding_set_where(
	    f, cd_cucm_role_source(m->objects[idx], CD_ROLE_IDENTITY, un->unit, un->node), 1);
	cd_finding_add_object(f, m, idx);
	for (size_t i = 0; i < n_longer; i++) /* "the node's other certificates": on this node */
		cd_finding_add_object_at(f, m, longer[i],
					 cd_cucm_role_source(m->objects[longer[i]], CD_ROLE_IDENTITY,
							     NULL, un->node));
	if (un->node[0])
		cd_finding_evidence_str(f, "node", un->node);
	cd_finding_evidence_int(f, "itlrecovery_key_bits", c->key.bits);
	cd_finding_evidence_int(f, "min_key_bits", min);
	cd_finding_evidence_json(f, "other_identities", others);
	cd_finding_evidence_json(f, "certificate", cd_cucm_cert_json(m->objects[idx]));
	cd_product_restart_evidence(f, ctx->opts, un->product, "ITLRecovery");
	cd_product_context_evidence(f, ctx->opts, cd_cucm_product_name(ctx->opts, un->product));
}

/* Has the node of un another identity certificate with an RSA key of min bits or more? */
static int node_has_long_keys(const struct cd_check_ctx *ctx, const struct cd_units *u,
			      const struct cd_unit *un, long long min)
{
	for (size_t i = 0; i < u->n; i++) {
		const struct cd_unit *o = &u->units[i];
		if (o == un || strcmp(o->node, un->node) || !cd_unit_in(ctx->opts, o, "cucm"))
			continue;
		for (size_t k = 0; k < o->n_identity; k++) {
			const struct cd_cert *oc = ctx->model->objects[o->identity[k]]->u.cert;
			if (is_rsa(oc) && oc->key.bits >= min)
				return 1;
		}
	}
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	long long min = cd_json_path_int(cd_product_profile(ctx->opts, "cucm"),
					 "limits.itlrecovery_min_bits", 2048);
	struct cd_units u;
	int rc = cd_units_collect(ctx->model, ctx->opts, &u);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < u.n; i++) {
		const struct cd_unit *un = &u.units[i];
		if (strcmp(un->unit, "ITLRecovery") || !cd_unit_in(ctx->opts, un, "cucm"))
			continue;
		/* without the node's other certificates the comparison cannot be made */
		if (!node_has_long_keys(ctx, &u, un, min))
			continue;
		for (size_t k = 0; k < un->n_identity; k++) {
			const struct cd_cert *c = ctx->model->objects[un->identity[k]]->u.cert;
			if (!is_rsa(c))
				continue;
			cd_check_applied(ctx);
			if (c->key.bits < min)
				report(ctx, &u, un, un->identity[k], min);
		}
	}
out:
	cd_units_release(&u);
	return rc;
}

const struct cd_check cd_check_cucm_itlrecovery_key_length = {"cucm.itlrecovery-key-length", run};
