/* cucm.trust-same-cn-not-replaced - uploading a trust certificate whose CN is already in the
 * target store keeps the existing one (TechNote 217138 "Trust Certificates with the Same CN are
 * Not Replaced"; PRODUCT-FACTS §1). The Security Guide's algorithm: verify validity -> look for
 * the same name in the trust folder -> compare serial numbers -> if different, the one with
 * the latest notBefore wins; one certificate per CN per trust store, whatever the signature
 * algorithm. "CUCM does not allow you to upload an expired certificate". In ipsec-trust "the
 * previous same-CN certificate ... must be removed before uploading a new one".
 *
 * The uploaded certificate: in precheck, opts->product->upload (it has the trust role of its
 * store). In a scan, every candidate upload: a certificate with no role at all that is a CA or
 * self-signed, was found in a file (not only in a capture) and shares the CN of a member of a
 * CUCM / IM&P trust store (of its node, or of any node when it has none), e.g.
 * new/Corp_Root_CA.pem beside cucm-pub/tomcat-trust/. */
#include <stdio.h>
#include <string.h>
#include "rules/cucm/trust-common.h"

enum why { WHY_NONE = 0, WHY_EXPIRED, WHY_REMOVE_FIRST, WHY_EXISTING_NEWER };

static int same_cn(const struct cd_cert *a, const struct cd_cert *b)
{
	return a->subject.cn && b->subject.cn && !strcmp(a->subject.cn, b->subject.cn);
}

/* Does store st hold a certificate other than idx with idx's CN? */
static int store_has_cn(const struct cd_model *m, const struct cd_tstore *st, size_t idx)
{
	for (size_t k = 0; k < st->n_members; k++)
		if (st->members[k] != idx &&
		    same_cn(m->objects[st->members[k]]->u.cert, m->objects[idx]->u.cert))
			return 1;
	return 0;
}

/* What CUCM does with existing member ex when up is uploaded: WHY_NONE = up replaces it. */
static enum why judge_one(const struct cd_check_ctx *ctx, const struct cd_cert *up,
			  const struct cd_cert *ex, int remove_first)
{
	if (up->not_after < ctx->opts->at)
		return WHY_EXPIRED; /* validity is verified first */
	if (remove_first)
		return WHY_REMOVE_FIRST;
	if (cd_cucm_same_serial(up, ex))
		return WHY_NONE; /* the algorithm compares notBefore only when serials differ */
	return ex->not_before > up->not_before ? WHY_EXISTING_NEWER : WHY_NONE;
}

static void judge(struct cd_check_ctx *ctx, const struct cd_tstore *st, const char *product,
		  size_t idx, const struct cd_source *where)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *ob = m->objects[idx];
	const struct cd_cert *up = ob->u.cert;
	const json_t *doc = cd_product_profile(ctx->opts, product);
	const json_t *sd = json_object_get(json_object_get(doc, "trust_stores"), st->name);
	int remove_first = json_is_true(json_object_get(sd, "remove_same_cn_first"));
	enum why why = WHY_NONE;
	size_t keep[64], n_keep = 0;
	char w[160], t1[40], t2[40];
	struct cd_finding *f;
	json_t *existing, *files;

	cd_check_applied(ctx);
	for (size_t k = 0; k < st->n_members && n_keep < sizeof(keep) / sizeof(keep[0]); k++) {
		size_t mi = st->members[k];
		enum why one;
		if (mi == idx || !same_cn(m->objects[mi]->u.cert, up))
			continue;
		one = judge_one(ctx, up, m->objects[mi]->u.cert, remove_first);
		if (one == WHY_NONE)
			continue;
		why = one;
		keep[n_keep++] = mi;
	}
	if (why == WHY_NONE)
		return;

	cd_cucm_where(st->name, st->node, w, sizeof(w));
	if (why == WHY_EXPIRED) {
		cd_time_format(up->not_after, t1, sizeof(t1));
		f = cd_check_emit(
		    ctx,
		    "\"%s\" would not replace the certificate with the same CN in %s: it "
		    "expired on %s (CUCM does not allow you to upload an expired certificate)",
		    cd_object_label(ob), w, t1);
	} else if (why == WHY_REMOVE_FIRST) {
		f = cd_check_emit(
		    ctx,
		    "\"%s\" cannot be uploaded to %s while a certificate with the same CN "
		    "is there: the previous one must be removed first",
		    cd_object_label(ob), w);
	} else {
		const struct cd_cert *ex = m->objects[keep[0]]->u.cert;
		cd_time_format(ex->not_before, t1, sizeof(t1));
		cd_time_format(up->not_before, t2, sizeof(t2));
		f = cd_check_emit(
		    ctx,
		    "\"%s\" would not replace the certificate with the same CN in %s: the "
		    "existing one has a more recent notBefore (%s, the uploaded one %s)",
		    cd_object_label(ob), w, t1, t2);
	}
	if (!f)
		return;
	cd_finding_set_where(f, where, 1);
	cd_finding_add_object(f, m, idx);
	existing = json_array();
	files = json_array();
	for (size_t k = 0; k < n_keep; k++) {
		const struct cd_source *s =
		    cd_cucm_role_source(m->objects[keep[k]], CD_ROLE_TRUST, st->name, st->node);
		cd_finding_add_object_at(f, m, keep[k], s); /* the copy in this store */
		existing = cd_json_array_push(existing, cd_cucm_cert_json(m->objects[keep[k]]));
		if (s && s->path)
			files = cd_json_array_push(files, cd_json_text(s->path));
	}
	cd_finding_evidence_str(f, "store", st->name);
	if (st->node[0])
		cd_finding_evidence_str(f, "node", st->node);
	cd_finding_evidence_str(f, "cn", up->subject.cn);
	cd_finding_evidence_json(f, "uploaded", cd_cucm_cert_json(ob));
	cd_finding_evidence_json(f, "existing", existing);
	cd_finding_evidence_json(f, "existing_files", files);
	cd_finding_evidence_str(f, "kept", "existing");
	cd_finding_evidence_str(f, "reason",
				why == WHY_EXPIRED ? "uploaded certificate expired"
				: why == WHY_REMOVE_FIRST
				    ? "store requires removing the same-CN certificate first"
				    : "existing certificate has a more recent notBefore");
	cd_finding_evidence_str(f, "uploaded_as",
				cd_precheck(ctx->opts)
				    ? "precheck --cert"
				    : "candidate upload: a CA or self-signed certificate outside "
				      "every store sharing the CN of a store member");
	cd_finding_evidence_str(
	    f, "action",
	    why == WHY_EXPIRED
		? "obtain a valid certificate; to replace the existing one, "
		  "delete it from the store first, then upload"
		: "delete the existing certificate from the store first, then upload");
	cd_product_restart_evidence(f, ctx->opts, product, st->name);
	cd_product_context_evidence(f, ctx->opts, cd_cucm_product_name(ctx->opts, product));
}

static void run_precheck(struct cd_check_ctx *ctx, const struct cd_units *u)
{
	size_t idx = ctx->opts->product->upload;
	const struct cd_object *ob;
	const struct cd_source *where = NULL;
	if (idx == SIZE_MAX || idx >= ctx->model->n_objects)
		return;
	ob = ctx->model->objects[idx];
	if (ob->kind != CD_KIND_CERT)
		return;
	for (size_t s = 0; s < ob->n_sources; s++)
		if (!strcmp(ob->sources[s].path, ctx->opts->product->upload_path))
			where = &ob->sources[s];
	for (size_t i = 0; i < u->n_stores; i++) {
		const struct cd_tstore *st = &u->stores[i];
		const char *product = cd_cucm_store_product(ctx->opts, st->name);
		int member = 0;
		for (size_t k = 0; k < st->n_members; k++)
			member |= st->members[k] == idx;
		if (product && member)
			judge(ctx, st, product, idx, where ? where : cd_object_first_source(ob));
	}
}

/* Was ob found in a file of its own (not only seen on the wire in a capture)? */
static int from_a_file(const struct cd_object *ob)
{
	for (size_t s = 0; s < ob->n_sources; s++)
		if (!ob->sources[s].frame && !ob->sources[s].locator)
			return 1;
	return 0;
}

static void run_scan(struct cd_check_ctx *ctx, const struct cd_units *u)
{
	CD_FOREACH_OBJECT(ctx->model, i, ob)
	{
		const struct cd_cert *c;
		if (ob->kind != CD_KIND_CERT || cd_cucm_has_role(ob, CD_ROLE_NONE) ||
		    !from_a_file(ob))
			continue;
		c = ob->u.cert;
		if (!c->subject.cn || !((c->bc_present && c->is_ca) || c->self_signed))
			continue;
		for (size_t s = 0; s < u->n_stores; s++) {
			const struct cd_tstore *st = &u->stores[s];
			const char *product = cd_cucm_store_product(ctx->opts, st->name);
			if (product && store_has_cn(ctx->model, st, i))
				judge(ctx, st, product, i, cd_object_first_source(ob));
		}
	}
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units u;
	int rc = cd_units_collect(ctx->model, ctx->opts, &u);
	if (rc == CD_OK) {
		if (cd_precheck(ctx->opts))
			run_precheck(ctx, &u);
		else
			run_scan(ctx, &u);
	}
	cd_units_release(&u);
	return rc;
}

const struct cd_check cd_check_cucm_trust_same_cn_not_replaced = {"cucm.trust-same-cn-not-replaced",
								  run};
