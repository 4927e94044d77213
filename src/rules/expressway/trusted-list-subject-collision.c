/* expressway.trusted-list-subject-collision - two certificates of an Expressway trusted CA list
 * share a subject (PRODUCT-FACTS §3: "Two self-signed certificates with the same CN cannot both
 * be in the trust store"; when validating, Expressway "stops once it finds one with a subject
 * that matches"; seed 003: self-signed tomcat and CallManager certificates of one CUCM node -
 * the one higher in the list works, the lower one fails as if it were not there).
 *
 * Collide: two different certificates with the same subject (canonical comparison) and
 * different keys, and two self-signed certificates with the same CN, whatever their keys. The
 * winner is the first in list order (file path, then place in the file; in precheck the
 * certificate being uploaded is appended last). Two CA certificates with the same subject
 * and the same key (a cross-signed or re-issued CA) verify the same signatures whichever is
 * found first and are not reported unless both are self-signed. Precheck: only for an upload
 * into the list (--purpose trusted-ca), and only collisions of the uploaded certificate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "rules/expressway/upload.h"
#include "util/buf.h"

static int same_key(const struct cd_cert *a, const struct cd_cert *b)
{
	return a->key.known && b->key.known && !memcmp(a->key.spki_sha256, b->key.spki_sha256, 32);
}

/* 1: same subject, 2: self-signed with the same CN, 0: no collision */
static int collide(const struct cd_cert *a, const struct cd_cert *b)
{
	int both_ss = a->self_signed && b->self_signed;
	if (a->subject.canon && b->subject.canon && !strcmp(a->subject.canon, b->subject.canon) &&
	    (!same_key(a, b) || both_ss))
		return 1;
	if (both_ss && a->subject.cn && b->subject.cn && !strcasecmp(a->subject.cn, b->subject.cn))
		return 2;
	return 0;
}

static json_t *describe(const struct cd_model *m, const struct cd_tstore *st, size_t idx)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_cert *c = ob->u.cert;
	char place[512], fp[65];
	cd_xw_place(cd_xw_list_source(ob, st), place, sizeof(place));
	cd_key_fingerprint(&c->key, fp);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "id", ob->id, "subject",
			 c->subject.display ? c->subject.display : "", "place", place, "serial",
			 c->serial_hex, "key_sha256", fp, "self_signed", c->self_signed);
}

static void check_list(struct cd_check_ctx *ctx, const struct cd_tstore *st)
{
	const struct cd_model *m = ctx->model;
	const struct cd_eval_opts *o = ctx->opts;
	size_t *order = cd_xw_list_order(m, o, st), n = st->n_members;
	char *done = calloc(n ? n : 1, 1);
	if (!order || !done)
		goto out;
	cd_check_applied(ctx);
	for (size_t i = 0; i < n; i++) {
		const struct cd_cert *w = m->objects[order[i]]->u.cert;
		size_t group[64], ng = 0;
		int how = 0, has_upload = cd_is_upload(o, order[i]);
		char wplace[512];
		struct cd_buf lost;
		struct cd_finding *f;
		json_t *losers;
		if (done[i])
			continue;
		for (size_t k = i + 1; k < n && ng < 64; k++) {
			int h;
			if (done[k] || !(h = collide(w, m->objects[order[k]]->u.cert)))
				continue;
			done[k] = 1;
			group[ng++] = order[k];
			how = how ? how : h;
			has_upload |= cd_is_upload(o, order[k]);
		}
		if (!ng || (cd_precheck(o) && !has_upload))
			continue;
		cd_xw_place(cd_xw_list_source(m->objects[order[i]], st), wplace, sizeof(wplace));
		cd_buf_init(&lost, 1 << 16);
		for (size_t k = 0; k < ng; k++) {
			char p[512];
			cd_xw_place(cd_xw_list_source(m->objects[group[k]], st), p, sizeof(p));
			cd_buf_addf(&lost, "%s%s%s", k ? "; " : "", p,
				    cd_is_upload(o, group[k]) ? " (the certificate being uploaded)" : "");
		}
		f = cd_check_emit(ctx,
				  "the trusted CA list of %s holds %zu certificates with the %s \"%s\": "
				  "Expressway stops at the first match, so the one at %s is used and the one%s "
				  "at %s act%s as absent",
				  cd_xw_node_label(st->node), ng + 1, how == 1 ? "subject" : "CN",
				  how == 1 ? (w->subject.display ? w->subject.display : "")
					   : (w->subject.cn ? w->subject.cn : ""),
				  wplace, ng > 1 ? "s" : "", (const char *)lost.data, ng > 1 ? "" : "s");
		cd_buf_release(&lost);
		cd_finding_set_where(f, cd_xw_list_source(m->objects[order[i]], st), 1);
		cd_finding_add_object(f, m, order[i]);
		for (size_t k = 0; k < ng; k++)
			cd_finding_add_object(f, m, group[k]);
		if (!f)
			continue;
		losers = json_array();
		for (size_t k = 0; k < ng; k++)
			json_array_append_new(losers, describe(m, st, group[k]));
		cd_finding_evidence_str(f, "match", how == 1 ? "subject" : "cn");
		json_object_set_new(f->evidence, "used", describe(m, st, order[i]));
		json_object_set_new(f->evidence, "acts_as_absent", losers);
		cd_xw_list_evidence(f, m, st);
		cd_product_context_evidence(f, o, "expressway");
	}
out:
	free(order);
	free(done);
}

static void run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	if (!cd_xw_selected(ctx->opts))
		return;
	if (cd_precheck(ctx->opts) && !cd_xw_precheck_purpose(ctx->opts, "trusted-ca"))
		return;
	if (cd_units_collect(ctx->model, ctx->opts, &us) < 0)
		goto out;
	for (size_t s = 0; s < us.n_stores; s++)
		if (cd_xw_is_list(&us.stores[s]))
			check_list(ctx, &us.stores[s]);
out:
	cd_units_release(&us);
}

const struct cd_check cd_check_expressway_trusted_list_subject_collision = {
	"expressway.trusted-list-subject-collision", run};
