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

/* Positions of one subject (c0..c1 in by_canon) and, for self-signed ones, of one CN (n0..n1
 * in by_cn; empty otherwise). */
struct grp {
	size_t c0, c1, n0, n1;
};

struct sort_ctx {
	const struct cd_model *m;
	const size_t *order;
};

static const char *canon_at(const struct sort_ctx *x, size_t pos)
{
	const char *c = x->m->objects[x->order[pos]]->u.cert->subject.canon;
	return c ? c : "";
}

/* by subject, then list position */
static int cmp_canon(const void *pa, const void *pb, void *arg)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(canon_at(arg, a), canon_at(arg, b));
	return c ? c : (a > b) - (a < b);
}

static int same_cn(const struct cd_model *m, const size_t *order, size_t a, size_t b)
{
	return !strcasecmp(m->objects[order[a]]->u.cert->subject.cn, m->objects[order[b]]->u.cert->subject.cn);
}

/* by CN (case-insensitively), then list position */
static int cmp_cn(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *x = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcasecmp(x->m->objects[x->order[a]]->u.cert->subject.cn,
			   x->m->objects[x->order[b]]->u.cert->subject.cn);
	return c ? c : (a > b) - (a < b);
}

static json_t *describe(const struct cd_model *m, const struct cd_tstore *st, size_t idx)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_cert *c = ob->u.cert;
	char place[512], fp[65];
	json_t *j;
	cd_xw_place(cd_xw_list_source(ob, st), place, sizeof(place));
	cd_key_fingerprint(&c->key, fp);
	j = cd_json_object_put(json_object(), "id", json_string(ob->id));
	j = cd_json_object_put(j, "subject", cd_json_text(c->subject.display ? c->subject.display : ""));
	j = cd_json_object_put(j, "place", cd_json_text(place));
	j = cd_json_object_put(j, "serial", json_string(c->serial_hex));
	j = cd_json_object_put(j, "key_sha256", json_string(fp));
	return cd_json_object_put(j, "self_signed", json_boolean(c->self_signed)); /* NULL: no memory */
}

static int check_list(struct cd_check_ctx *ctx, const struct cd_tstore *st)
{
	const struct cd_model *m = ctx->model;
	const struct cd_eval_opts *o = ctx->opts;
	size_t *order = cd_xw_list_order(m, o, st), n = st->n_members;
	char *done = calloc(n ? n : 1, 1);
	size_t *by_canon = calloc(n ? n : 1, sizeof(*by_canon)), *by_cn = calloc(n ? n : 1, sizeof(*by_cn));
	struct grp *gs = calloc(n ? n : 1, sizeof(*gs));
	size_t n_cn = 0;
	int rc = CD_OK;
	if (!order || !done || !by_canon || !by_cn || !gs) {
		rc = CD_E_NOMEM;
		goto out;
	}
	cd_check_applied(ctx);
	/* positions sorted by subject, and self-signed ones by CN; each position's group range */
	for (size_t i = 0; i < n; i++) {
		const struct cd_cert *c = m->objects[order[i]]->u.cert;
		by_canon[i] = i;
		if (c->self_signed && c->subject.cn)
			by_cn[n_cn++] = i;
	}
	qsort_r(by_canon, n, sizeof(*by_canon), cmp_canon, (void *)&(struct sort_ctx){m, order});
	qsort_r(by_cn, n_cn, sizeof(*by_cn), cmp_cn, (void *)&(struct sort_ctx){m, order});
	for (size_t a = 0; a < n;) {
		size_t b = a + 1;
		while (b < n && !strcmp(canon_at(&(struct sort_ctx){m, order}, by_canon[a]),
					canon_at(&(struct sort_ctx){m, order}, by_canon[b])))
			b++;
		for (size_t k = a; k < b; k++) {
			gs[by_canon[k]].c0 = a;
			gs[by_canon[k]].c1 = b;
		}
		a = b;
	}
	for (size_t a = 0; a < n_cn;) {
		size_t b = a + 1;
		while (b < n_cn && same_cn(m, order, by_cn[a], by_cn[b]))
			b++;
		for (size_t k = a; k < b; k++) {
			gs[by_cn[k]].n0 = a;
			gs[by_cn[k]].n1 = b;
		}
		a = b;
	}
	for (size_t i = 0; i < n && rc == CD_OK; i++) {
		const struct cd_cert *w = m->objects[order[i]]->u.cert;
		size_t group[64], ng = 0;
		int how = 0, has_upload = cd_is_upload(o, order[i]);
		char wplace[512];
		struct cd_buf lost;
		struct cd_finding *f;
		json_t *losers;
		if (done[i])
			continue;
		/* only positions sharing the subject, or (self-signed) the CN, can collide: walk
		 * both groups merged in list order instead of every later position */
		for (size_t a = gs[i].c0, b = gs[i].n0; ng < 64;) {
			size_t ka = a < gs[i].c1 ? by_canon[a] : SIZE_MAX;
			size_t kb = b < gs[i].n1 ? by_cn[b] : SIZE_MAX;
			size_t k = ka < kb ? ka : kb;
			int h;
			if (k == SIZE_MAX)
				break;
			if (k == ka)
				a++;
			if (k == kb)
				b++;
			if (k <= i || done[k] || !(h = collide(w, m->objects[order[k]]->u.cert)))
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
			rc = cd_status_keep(rc, cd_buf_addf(&lost, "%s%s%s", k ? "; " : "", p,
							    cd_is_upload(o, group[k])
								    ? " (the certificate being uploaded)"
								    : ""));
		}
		if (rc < 0) { /* not a message naming only some of the shadowed ones */
			cd_buf_release(&lost);
			break;
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
		/* each labelled with its place in this list (it may be in other lists too) */
		cd_finding_add_object_at(f, m, order[i], cd_xw_list_source(m->objects[order[i]], st));
		for (size_t k = 0; k < ng; k++)
			cd_finding_add_object_at(f, m, group[k],
						 cd_xw_list_source(m->objects[group[k]], st));
		if (!f)
			continue;
		losers = json_array();
		for (size_t k = 0; k < ng; k++)
			losers = cd_json_array_push(losers, describe(m, st, group[k]));
		cd_finding_evidence_str(f, "match", how == 1 ? "subject" : "cn");
		cd_finding_evidence_json(f, "used", describe(m, st, order[i]));
		cd_finding_evidence_json(f, "acts_as_absent", losers);
		cd_xw_list_evidence(f, m, st);
		cd_product_context_evidence(f, o, "expressway");
	}
out:
	free(order);
	free(done);
	free(by_canon);
	free(by_cn);
	free(gs);
	return rc;
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	int rc;
	if (!cd_xw_selected(ctx->opts))
		return CD_OK;
	if (cd_precheck(ctx->opts) && !cd_xw_precheck_purpose(ctx->opts, "trusted-ca"))
		return CD_OK;
	rc = cd_units_collect(ctx->model, ctx->opts, &us);
	for (size_t s = 0; rc == CD_OK && s < us.n_stores; s++)
		if (cd_xw_is_list(&us.stores[s]))
			rc = check_list(ctx, &us.stores[s]);
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_expressway_trusted_list_subject_collision = {
	"expressway.trusted-list-subject-collision", run};
