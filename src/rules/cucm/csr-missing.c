/* cucm.csr-missing - a CA-signed identity certificate whose node has no pending CSR for its
 * unit: CUCM answers "File /usr/local/platform/.security/tomcat/keys/tomcat.csr Does Not Exist"
 * (PRODUCT-FACTS §1; seed 001). "Only one CSR per node and purpose." */
#include <stdio.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

/* Does the input show the node's CSRs (scan)? Yes when it holds a CSR of any unit of the
 * node or a trust store of the node: then the node's folders were sent, keys/ included.
 * *shown: what shows it (an array), or NULL when nothing does. CD_OK or CD_E_NOMEM. */
static int node_shown(const struct cd_units *us, const char *node, json_t **shown)
{
	json_t *why = json_array();
	*shown = NULL;
	for (size_t i = 0; i < us->n; i++)
		if (!strcmp(us->units[i].node, node) && us->units[i].n_csrs) {
			char b[160];
			snprintf(b, sizeof(b), "csr:%s", us->units[i].unit);
			why = cd_json_array_push(why, cd_json_text(b));
		}
	for (size_t i = 0; i < us->n_stores; i++)
		if (!strcmp(us->stores[i].node, node)) {
			char b[160];
			snprintf(b, sizeof(b), "trust:%s", us->stores[i].name);
			why = cd_json_array_push(why, cd_json_text(b));
		}
	if (!why)
		return CD_E_NOMEM;
	if (json_array_size(why))
		*shown = why;
	else
		json_decref(why);
	return CD_OK;
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const char *csr_file = json_string_value(json_object_get(u->purpose, "csr_file"));
	json_t *shown = NULL, *elsewhere;
	struct cd_finding *f;
	char label[160], pm[400];
	(void)arg;
	if (!csr_file || !cd_upload_ca_signed(ctx, idx))
		return CD_OK; /* no CSR for this purpose (ITLRecovery), or never uploaded */
	if (!cd_precheck(ctx->opts)) {
		int rc = node_shown(us, u->node, &shown);
		if (rc < 0)
			return rc;
		if (!shown)
			return CD_OK; /* only the identity of the node: its CSRs are unknown */
	}
	cd_check_applied(ctx);
	if (u->n_csrs) {
		json_decref(shown);
		return CD_OK;
	}
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx, "\"%s\" (%s) is CA-signed but %s has no pending %s CSR",
			  cd_object_label(m->objects[idx]), label,
			  u->node[0] ? u->node : "the node", u->unit);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	if (!f) {
		json_decref(shown);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_str(f, "csr_file", csr_file);
	/* the product's wording names the purpose's CSR file; quote that variant only where the
	 * path is documented (tomcat, CallManager, CAPF), otherwise the path is our inference */
	if (json_is_true(json_object_get(u->purpose, "csr_file_documented"))) {
		snprintf(pm, sizeof(pm), "File %s Does Not Exist", csr_file);
		cd_finding_evidence_str(f, "product_message", pm);
	} else {
		cd_finding_evidence_str(f, "csr_file_source",
					"inferred from the layout of the documented paths: the "
					"TechNote \"Regeneration of CUCM CA-Signed Certificates\" "
					"gives the message with tomcat's path");
	}
	if (shown)
		cd_finding_evidence_json(f, "node_content", shown);
	/* a CSR with the certificate's key somewhere else: whose it was */
	elsewhere = json_array();
	for (size_t i = 0; c->key.known && i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (ob->kind == CD_KIND_CSR && ob->u.csr->key.known &&
		    !memcmp(ob->u.csr->key.spki_sha256, c->key.spki_sha256, 32))
			elsewhere = cd_json_array_push(elsewhere, cd_upload_object_ref(m, i));
	}
	cd_finding_evidence_json(f, "csr_with_this_key", elsewhere);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_csr_missing = {"cucm.csr-missing", run};
