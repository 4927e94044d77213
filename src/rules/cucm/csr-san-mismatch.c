/* cucm.csr-san-mismatch - the SANs of a CA-signed identity certificate are not those of the
 * pending CSR with its key: "CSR SAN and Certificate SAN does not match" (PRODUCT-FACTS §1).
 * "Order does not matter; every CSR entry must be in the certificate and vice versa." */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

/* Did the CA add the subject CN (as DNS or IP SAN) or an IP? */
static const char *typical_cause(const struct cd_cert *c, const struct cd_san *s, size_t n,
				 const json_t *added)
{
	int cn = 0, ip = 0;
	for (size_t i = 0; i < c->n_san; i++) {
		int in_csr = 0;
		for (size_t k = 0; k < n && !in_csr; k++)
			in_csr = cd_san_equal(&c->san[i], &s[k]);
		if (in_csr)
			continue;
		if (c->san[i].type == CD_SAN_IP)
			ip = 1;
		if (c->subject.cn && c->san[i].value && !strcasecmp(c->san[i].value, c->subject.cn))
			cn = 1;
	}
	if (!json_array_size(added))
		return "the CA dropped names the CSR asked for";
	if (cn && ip)
		return "the CA added the CN and an IP address";
	if (cn)
		return "the CA added the CN";
	if (ip)
		return "the CA added an IP address";
	return "the CA added names the CSR did not ask for";
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const struct cd_csr *r = NULL;
	size_t csr_idx = SIZE_MAX;
	struct cd_finding *f;
	json_t *added, *removed;
	char label[160];
	size_t diff;
	(void)us;
	(void)arg;
	if (!c->key.known || !cd_upload_ca_signed(ctx, idx))
		return CD_OK;
	for (size_t i = 0; i < u->n_csrs && !r; i++) {
		const struct cd_csr *q = m->objects[u->csrs[i]]->u.csr;
		if (q->key.known && !memcmp(q->key.spki_sha256, c->key.spki_sha256, 32)) {
			r = q;
			csr_idx = u->csrs[i];
		}
	}
	if (!r)
		return CD_OK; /* no CSR with its key: cucm.csr-missing or cucm.csr-key-mismatch */
	cd_check_applied(ctx);
	diff = cd_san_diff(r->san, r->n_san, c->san, c->n_san, &added, &removed);
	if (!added || !removed) { /* the counts below would be wrong */
		json_decref(added);
		json_decref(removed);
		return CD_E_NOMEM;
	}
	if (!diff) {
		json_decref(added);
		json_decref(removed);
		return CD_OK;
	}
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx,
			  "the SANs of \"%s\" (%s) differ from its CSR's: %zu added by the CA, %zu "
			  "of the CSR missing",
			  cd_object_label(m->objects[idx]), label, json_array_size(added),
			  json_array_size(removed));
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	cd_finding_add_object(f, m, csr_idx);
	if (!f) {
		json_decref(added);
		json_decref(removed);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_str(f, "typical_cause", typical_cause(c, r->san, r->n_san, added));
	cd_finding_evidence_json(f, "added", added);
	cd_finding_evidence_json(f, "removed", removed);
	cd_finding_evidence_json(f, "certificate_san", cd_san_json(c->san, c->n_san));
	cd_finding_evidence_json(f, "csr_san", cd_san_json(r->san, r->n_san));
	cd_finding_evidence_json(f, "csr", cd_upload_object_ref(m, csr_idx));
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_csr_san_mismatch = {"cucm.csr-san-mismatch", run};
