/* expressway.renewal-san-changed - a renewed Expressway server certificate's subjectAltName
 * list differs from the one it replaces (seed 004: the SAN list must stay the same). A slot
 * (peer-common.h) holding several server certificates is a renewal: each older one (by
 * notBefore) is compared with the newest (precheck: the uploaded one); `certdiag compare OLD
 * NEW` gives both files one role. */
#include <stdlib.h>
#include "rules/expressway/peer-common.h"

static int check_pair(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, size_t old_i,
		      size_t new_i)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *o = m->objects[old_i]->u.cert, *n = m->objects[new_i]->u.cert;
	const json_t *xw;
	json_t *added, *removed;
	struct cd_finding *f;
	char *a, *r;
	if (!cd_cert_san_comparable(o) || !cd_cert_san_comparable(n))
		return CD_OK; /* a list cut at the decoder's limit cannot be compared (ingest.limit-reached) */
	cd_check_applied(ctx);
	if (!cd_san_diff(o->san, o->n_san, n->san, n->n_san, &added, &removed)) {
		json_decref(added);
		json_decref(removed);
		return CD_OK;
	}
	a = added ? cd_xw_join(added, 400) : NULL;
	r = removed ? cd_xw_join(removed, 400) : NULL;
	if (!a || !r) { /* not a message with the names left out */
		free(a);
		free(r);
		json_decref(added);
		json_decref(removed);
		return CD_E_NOMEM;
	}
	/* names only added: the renewal carries every name of the old one, and says so */
	f = cd_check_emit(ctx,
			  json_array_size(removed) ? "renewed server certificate \"%s\" does not carry the SANs of \"%s\" it "
						     "replaces: removed %s; added %s"
						   : "renewed server certificate \"%s\" carries every SAN of \"%s\" it "
						     "replaces and more: removed %s; added %s",
			  cd_object_label(m->objects[new_i]), cd_object_label(m->objects[old_i]),
			  r ? r : "?", a ? a : "?");
	free(a);
	free(r);
	cd_finding_add_object(f, m, new_i);
	cd_finding_add_object(f, m, old_i);
	if (!f) {
		json_decref(added);
		json_decref(removed);
		return CD_OK;
	}
	cd_finding_evidence_json(f, "san_removed", removed);
	cd_finding_evidence_json(f, "san_added", added);
	cd_finding_evidence_str(f, "old_certificate", m->objects[old_i]->id);
	cd_finding_evidence_str(f, "new_certificate", m->objects[new_i]->id);
	cd_finding_evidence_time(f, "old_not_before", o->not_before);
	cd_finding_evidence_time(f, "new_not_before", n->not_before);
	cd_finding_evidence_json(f, "old_san", cd_san_json(o->san, o->n_san));
	cd_finding_evidence_json(f, "new_san", cd_san_json(n->san, n->n_san));
	xw = cd_product_profile(ctx->opts, "expressway");
	cd_finding_evidence_str(f, "restart", cd_json_path_str(xw, "renewal.restart"));
	cd_xw_slot_evidence(f, ctx, s);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_xw_each_renewal(ctx, check_pair);
}

const struct cd_check cd_check_expressway_renewal_san_changed = {"expressway.renewal-san-changed",
								 run};
