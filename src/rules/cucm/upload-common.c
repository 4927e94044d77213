/* upload-common.c - helpers of the CUCM / IM&P identity-upload checks (upload-common.h). */
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>
#include "rules/cucm/upload-common.h"
#include "util/error.h"
#include "util/str.h"

int cd_upload_self_signed(const struct cd_cert *c)
{
	return c->self_signed; /* a self-issued CA of another key (a key rollover) is no anchor */
}

int cd_upload_issuer_match(const struct cd_cert *subject, const struct cd_cert *issuer)
{
	if (!subject->issuer.canon || !issuer->subject.canon ||
	    strcmp(subject->issuer.canon, issuer->subject.canon))
		return 0;
	if (subject->aki_len && issuer->ski_len)
		return subject->aki_len == issuer->ski_len &&
		       !memcmp(subject->aki, issuer->ski, subject->aki_len);
	return 1;
}

size_t cd_upload_identities(const struct cd_check_ctx *ctx, const struct cd_unit *u, size_t *out,
			    size_t max)
{
	const struct cd_model *m = ctx->model;
	size_t n = 0;
	if (cd_precheck(ctx->opts)) {
		for (size_t i = 0; i < u->n_identity && n < max; i++)
			if (cd_is_upload(ctx->opts, u->identity[i]))
				out[n++] = u->identity[i];
		return n;
	}
	for (size_t i = 0; i < u->n_identity && n < max; i++) {
		const struct cd_cert *c = m->objects[u->identity[i]]->u.cert;
		int issued_another = 0;
		for (size_t k = 0; k < u->n_identity && !issued_another; k++) {
			const struct cd_cert *o = m->objects[u->identity[k]]->u.cert;
			if (k != i && !cd_upload_self_signed(o) && cd_upload_issuer_match(o, c))
				issued_another = 1;
		}
		if (!issued_another)
			out[n++] = u->identity[i];
	}
	return n;
}

int cd_upload_ca_signed(const struct cd_check_ctx *ctx, size_t idx)
{
	if (cd_precheck(ctx->opts))
		return cd_is_upload(ctx->opts, idx);
	return !cd_upload_self_signed(ctx->model->objects[idx]->u.cert);
}

const json_t *cd_upload_profile_value(const struct cd_eval_opts *o, const char *product,
				      const char *path)
{
	const json_t *doc = product ? cd_product_profile(o, product) : NULL;
	const json_t *v = doc ? cd_json_path(doc, path) : NULL;
	const char *parent;
	if (v || !doc)
		return v;
	parent = json_string_value(json_object_get(doc, "inherits"));
	doc = parent ? cd_product_profile(o, parent) : NULL;
	return doc ? cd_json_path(doc, path) : NULL;
}

const char *cd_upload_store_product(const struct cd_eval_opts *o, const char *name)
{
	static const char *const products[] = {"cucm", "imp"};
	for (size_t i = 0; i < sizeof(products) / sizeof(products[0]); i++) {
		const json_t *doc = cd_product_profile(o, products[i]);
		if (doc && json_object_get(json_object_get(doc, "trust_stores"), name))
			return products[i];
	}
	return NULL;
}

void cd_upload_unit_label(const char *unit, const char *node, char *out, size_t size)
{
	if (node && *node)
		snprintf(out, size, "%s on %s", unit, node);
	else
		snprintf(out, size, "%s", unit);
}

void cd_upload_add_object_at(struct cd_finding *f, const struct cd_model *m, size_t idx,
			     enum cd_role_kind kind, const char *name, const char *node)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_source *at = NULL;
	if (!f)
		return;
	for (size_t s = 0; s < ob->n_sources && !at; s++) {
		const struct cd_role *r = &ob->sources[s].role;
		if (r->kind == kind && !strcmp(r->name, name) && !strcmp(r->node, node))
			at = &ob->sources[s];
	}
	if (!f->path && at)
		cd_finding_set_where(f, at, 1);
	/* labelled with this unit's role, also when the same certificate serves several nodes */
	cd_finding_add_object_at(f, m, idx, at);
}

void cd_upload_unit_evidence(struct cd_finding *f, const struct cd_eval_opts *o,
			     const struct cd_unit *u)
{
	if (!f)
		return;
	if (u->node[0])
		cd_finding_evidence_str(f, "node", u->node);
	cd_finding_evidence_str(f, "unit", u->unit);
	if (u->store_name[0])
		cd_finding_evidence_str(f, "trust_store", u->store_name);
	cd_product_context_evidence(f, o, u->product);
	cd_product_restart_evidence(f, o, u->product, u->unit);
}

json_t *cd_upload_object_ref(const struct cd_model *m, size_t idx)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_source *src = cd_object_first_source(ob);
	json_t *j;
	for (size_t s = 0; s < ob->n_sources; s++)
		if (ob->sources[s].role.kind != CD_ROLE_NONE) {
			src = &ob->sources[s];
			break;
		}
	j = json_object();
	j = cd_json_object_put(j, "id", json_string(ob->id));
	j = cd_json_object_put(j, "kind", json_string(cd_kind_name(ob->kind)));
	j = cd_json_object_put(j, "label", cd_json_text(cd_object_label(ob)));
	if (src) {
		char role[200];
		if (src->path)
			j = cd_json_object_put(j, "path", cd_json_text(src->path));
		cd_role_format(&src->role, role, sizeof(role));
		if (role[0])
			j = cd_json_object_put(j, "role", cd_json_text(role));
		if (src->role.node[0])
			j = cd_json_object_put(j, "node", cd_json_text(src->role.node));
	}
	return j;
}

void cd_upload_key_text(const struct cd_pubkey *k, char *out, size_t size)
{
	if (!k->known)
		snprintf(out, size, "unknown key");
	else if (k->algo == GNUTLS_PK_RSA)
		snprintf(out, size, "RSA %u-bit", k->bits);
	else if (k->algo == GNUTLS_PK_ECDSA)
		snprintf(out, size, "EC %s (%u-bit)", k->curve[0] ? k->curve : "?", k->bits);
	else
		snprintf(out, size, "%s %u-bit", k->algo_name, k->bits);
}

int cd_upload_for_each_identity(struct cd_check_ctx *ctx, cd_upload_visit_fn fn, void *arg)
{
	struct cd_units us;
	int rc = cd_units_collect(ctx->model, ctx->opts, &us);
	if (rc < 0) {
		cd_units_release(&us);
		return rc;
	}
	for (size_t i = 0; i < us.n && rc == CD_OK; i++) {
		const struct cd_unit *u = &us.units[i];
		size_t ids[CD_UPLOAD_MAX_IDENTITIES], n;
		if (!u->purpose || !cd_unit_in(ctx->opts, u, "cucm"))
			continue;
		n = cd_upload_identities(ctx, u, ids, CD_UPLOAD_MAX_IDENTITIES);
		for (size_t k = 0; k < n && rc == CD_OK; k++)
			rc = fn(ctx, &us, u, ids[k], arg);
	}
	cd_units_release(&us);
	return rc;
}
