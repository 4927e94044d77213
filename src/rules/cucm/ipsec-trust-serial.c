/* cucm.ipsec-trust-serial - a node's ipsec.pem and the copy in another node's ipsec-trust
 * differ (seed 002: "The publisher's IPSEC.pem certificate must be valid and exist as
 * ipsec-trust on every subscriber ... compare the serial number of IPSEC.pem on PUB with
 * IPSEC-trust on SUB; they must match"); otherwise DRS backup and restore fail. The copy is
 * the member of the other node's ipsec-trust with the same subject CN. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rules/cucm/trust-common.h"

static void report(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t id_idx,
		   const struct cd_tstore *st, size_t copy_idx)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *a = m->objects[id_idx]->u.cert, *b = m->objects[copy_idx]->u.cert;
	char da[128], db[128];
	int same = cd_cucm_same_serial(a, b);
	struct cd_finding *f;
	cd_cucm_serial_decimal(a, da, sizeof(da));
	cd_cucm_serial_decimal(b, db, sizeof(db));
	if (same)
		f = cd_check_emit(
		    ctx,
		    "ipsec-trust on %s holds a different certificate \"%s\" than ipsec.pem "
		    "of %s (same serial %s, other content): DRS backup and restore fail",
		    st->node, cd_object_label(m->objects[copy_idx]), u->node, da);
	else
		f = cd_check_emit(
		    ctx,
		    "ipsec-trust on %s holds \"%s\" with serial %s (hex %s), but ipsec.pem "
		    "of %s has serial %s (hex %s): DRS backup and restore fail",
		    st->node, cd_object_label(m->objects[copy_idx]), db, b->serial_hex, u->node, da,
		    a->serial_hex);
	if (!f)
		return;
	cd_finding_set_where(
	    f, cd_cucm_role_source(m->objects[copy_idx], CD_ROLE_TRUST, st->name, st->node), 1);
	cd_finding_add_object(f, m, copy_idx);
	cd_finding_add_object_at(
	    f, m, id_idx, cd_cucm_role_source(m->objects[id_idx], CD_ROLE_IDENTITY, "ipsec", u->node));
	cd_finding_evidence_str(f, "identity_node", u->node);
	cd_finding_evidence_str(f, "trust_node", st->node);
	cd_finding_evidence_str(f, "store", st->name);
	cd_finding_evidence_str(f, "identity_serial_hex", a->serial_hex);
	cd_finding_evidence_str(f, "identity_serial_decimal", da);
	cd_finding_evidence_str(f, "trust_copy_serial_hex", b->serial_hex);
	cd_finding_evidence_str(f, "trust_copy_serial_decimal", db);
	cd_finding_evidence_json(f, "identity", cd_cucm_cert_json(m->objects[id_idx]));
	cd_finding_evidence_json(f, "trust_copy", cd_cucm_cert_json(m->objects[copy_idx]));
	cd_product_restart_evidence(f, ctx->opts, u->product, "ipsec");
	cd_product_context_evidence(f, ctx->opts, cd_cucm_product_name(ctx->opts, u->product));
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	struct cd_units u;
	int rc = cd_units_collect(m, ctx->opts, &u);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < u.n; i++) {
		const struct cd_unit *un = &u.units[i];
		if (strcmp(un->unit, "ipsec") || !un->node[0] || !cd_unit_in(ctx->opts, un, "cucm"))
			continue;
		for (size_t k = 0; k < un->n_identity; k++) {
			size_t idx = un->identity[k];
			const char *cn = m->objects[idx]->u.cert->subject.cn;
			if (!cn)
				continue;
			for (size_t s = 0; s < u.n_stores; s++) {
				const struct cd_tstore *st = &u.stores[s];
				if (strcmp(st->name, "ipsec-trust") || !st->node[0] ||
				    !strcmp(st->node, un->node))
					continue;
				for (size_t j = 0; j < st->n_members; j++) {
					size_t ci = st->members[j];
					const char *ccn = m->objects[ci]->u.cert->subject.cn;
					if (!ccn || strcasecmp(ccn, cn))
						continue;
					cd_check_applied(ctx);
					if (ci != idx)
						report(ctx, un, idx, st, ci);
				}
			}
		}
	}
out:
	cd_units_release(&u);
	return rc;
}

const struct cd_check cd_check_cucm_ipsec_trust_serial = {"cucm.ipsec-trust-serial", run};
