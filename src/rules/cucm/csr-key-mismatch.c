/* cucm.csr-key-mismatch - the public key of a CA-signed identity certificate is not the key
 * of the node's pending CSR for its unit: "CSR Public Key and Certificate Public Key Do Not
 * Match" (PRODUCT-FACTS §1; seed 001). */
#include <stdio.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

static int same_key(const struct cd_pubkey *a, const struct cd_pubkey *b)
{
	return a->known && b->known && !memcmp(a->spki_sha256, b->spki_sha256, 32);
}

/* The key of object i, when it has one (certificate or CSR). */
static const struct cd_pubkey *key_of(const struct cd_object *ob)
{
	if (ob->kind == CD_KIND_CERT)
		return &ob->u.cert->key;
	if (ob->kind == CD_KIND_CSR)
		return &ob->u.csr->key;
	return NULL;
}

/* Why the key belongs elsewhere, from the first matching CSR (or certificate). */
static const char *likely_cause(const struct cd_model *m, const struct cd_unit *u, size_t match)
{
	const struct cd_object *ob = m->objects[match];
	const struct cd_source *src = NULL;
	for (size_t s = 0; s < ob->n_sources && !src; s++)
		if (ob->sources[s].role.kind != CD_ROLE_NONE)
			src = &ob->sources[s];
	if (!src)
		return ob->kind == CD_KIND_CSR
			       ? "the certificate was signed from a CSR the node no longer holds as pending (a newer CSR replaced it, or it was generated elsewhere)"
			       : "the certificate was signed from a different CSR";
	if (strcmp(src->role.node, u->node))
		return "the certificate belongs to another node";
	if (strcmp(src->role.name, u->unit))
		return "the certificate was signed from the CSR of another unit of this node";
	if (ob->kind == CD_KIND_CERT)
		return "an earlier certificate of this unit has the same key: the CSR was regenerated after this certificate was requested";
	return "the certificate was signed from a different CSR";
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	struct cd_finding *f;
	json_t *csrs, *matches;
	char label[160], fp[65], where[600] = "";
	size_t first_match = SIZE_MAX;
	(void)us;
	(void)arg;
	if (!u->n_csrs || !c->key.known || !cd_upload_ca_signed(ctx, idx))
		return CD_OK; /* no CSR (cucm.csr-missing), or a self-generated certificate */
	cd_check_applied(ctx);
	for (size_t i = 0; i < u->n_csrs; i++)
		if (same_key(&m->objects[u->csrs[i]]->u.csr->key, &c->key))
			return CD_OK; /* one pending CSR has its key */
	matches = json_array();
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_pubkey *k = key_of(m->objects[i]);
		if (i == idx || !k || !same_key(k, &c->key))
			continue;
		matches = cd_json_array_push(matches, cd_upload_object_ref(m, i));
		/* CSRs first: they say where the certificate was requested */
		if (first_match == SIZE_MAX ||
		    (m->objects[i]->kind == CD_KIND_CSR && m->objects[first_match]->kind != CD_KIND_CSR))
			first_match = i;
	}
	if (first_match != SIZE_MAX)
		snprintf(where, sizeof(where), "; its key matches the %s at %s",
			 m->objects[first_match]->kind == CD_KIND_CSR ? "CSR" : "certificate",
			 cd_object_first_source(m->objects[first_match])->path);
	else
		snprintf(where, sizeof(where), "; no CSR or certificate in the input has its key");
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx, "the public key of \"%s\" (%s) is not the key of the pending %s CSR%s",
			  cd_object_label(m->objects[idx]), label, u->unit, where);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	for (size_t i = 0; i < u->n_csrs; i++)
		cd_finding_add_object(f, m, u->csrs[i]);
	if (!f) {
		json_decref(matches);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_key_fingerprint(&c->key, fp);
	cd_finding_evidence_str(f, "certificate_key_sha256", fp);
	csrs = json_array();
	for (size_t i = 0; i < u->n_csrs; i++) {
		json_t *r = cd_upload_object_ref(m, u->csrs[i]);
		const struct cd_pubkey *k = &m->objects[u->csrs[i]]->u.csr->key;
		if (k->known) {
			cd_key_fingerprint(k, fp);
			r = cd_json_object_put(r, "key_sha256", json_string(fp));
		}
		csrs = cd_json_array_push(csrs, r);
	}
	cd_finding_evidence_json(f, "pending_csrs", csrs);
	if (u->n_csrs > 1)
		cd_finding_evidence_str(f, "note", "only one CSR per node and purpose is pending: the newest replaced the others");
	cd_finding_evidence_json(f, "same_key_in_input", matches);
	cd_finding_evidence_str(f, "likely_cause",
				first_match != SIZE_MAX
					? likely_cause(m, u, first_match)
					: "the CSR was regenerated after the certificate was requested, or the certificate was signed from a CSR the input does not hold");
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_csr_key_mismatch = {"cucm.csr-key-mismatch", run};
