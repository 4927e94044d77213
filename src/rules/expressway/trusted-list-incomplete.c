/* expressway.trusted-list-incomplete - an intermediate or root of a certificate Expressway must
 * trust is missing from its trusted CA list (PRODUCT-FACTS §3: "Untrusted CA Certificate Chain"
 * when the CAs that signed the server certificate are not all in the trusted CA list; seed 003:
 * the GoDaddy example - an intermediate alone is not enough when its root is absent).
 *
 * Certificates judged: the Expressway's own server certificate against its node's list, and in
 * a scan every other end-entity certificate the bundle presents (an identity certificate of any
 * node, a loose certificate, one from a capture - not one only found in a trust store) against
 * each Expressway list that does not hold it: the peers that Expressway verifies. An
 * Expressway-E's list is not asked to trust CUCM / IM and Presence certificates (MRA: only
 * Expressway-C talks to CUCM).
 *
 * The walk follows Expressway: from the certificate, the issuer is the FIRST certificate of the
 * list, in list order, whose subject is the issuer name ("stops once it finds one with a subject
 * that matches", PRODUCT-FACTS §3); a match whose subject key identifier differs from the
 * authority key identifier is a different CA, so the issuer counts as missing (shadowed). The
 * walk ends at a self-issued certificate of the list. Missing issuers the bundle holds elsewhere
 * are followed so that every missing CA is named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/expressway/upload.h"
#include "util/buf.h"
#include "util/str.h"

#define MAX_DEPTH 16 /* longer issuer walks are loops or nonsense */

/* Does the key identifier of cand fit child's authority key identifier (absent = fits)? */
static int kid_fits(const struct cd_cert *child, const struct cd_cert *cand)
{
	return !(child->aki_len && cand->ski_len &&
		 (child->aki_len != cand->ski_len || memcmp(child->aki, cand->ski, child->aki_len)));
}

static int issued_by_name(const struct cd_cert *child, const struct cd_cert *cand)
{
	return child->issuer.canon && cand->subject.canon &&
	       !strcmp(child->issuer.canon, cand->subject.canon);
}

static int member(const size_t *order, size_t n, size_t idx)
{
	for (size_t i = 0; i < n; i++)
		if (order[i] == idx)
			return 1;
	return 0;
}

/* {"id", "label", "path"} of object idx; NULL when memory ran out. */
static json_t *ref(const struct cd_model *m, size_t idx)
{
	const struct cd_object *ob = m->objects[idx];
	const struct cd_source *s = cd_object_first_source(ob);
	json_t *j = cd_json_object_put(json_object(), "id", json_string(ob->id));
	j = cd_json_object_put(j, "label", cd_json_text(cd_object_label(ob)));
	return cd_json_object_put(j, "path", cd_json_text(s && s->path ? s->path : ""));
}

static json_t *aki_json(const struct cd_cert *c)
{
	char *h;
	json_t *j;
	if (!c->aki_len)
		return json_null();
	h = cd_hex_new(c->aki, c->aki_len, 1);
	j = h ? json_string(h) : NULL; /* NULL: out of memory */
	free(h);
	return j;
}

/* Walk from leaf through list (order, n). Appends to missing (array) one entry per missing
 * issuer and the bundle copies it followed to *extra. Returns the number missing. */
static size_t walk(const struct cd_model *m, const size_t *order, size_t n, size_t leaf,
		   json_t **missing, size_t *extra, size_t *n_extra)
{
	size_t cur = leaf, count = 0;
	for (int depth = 0; depth < MAX_DEPTH; depth++) {
		const struct cd_cert *c = m->objects[cur]->u.cert;
		size_t first = SIZE_MAX, good = SIZE_MAX, next = SIZE_MAX;
		json_t *e, *copies;
		if (c->self_issued) {
			int held = member(order, n, cur);
			for (size_t i = 0; i < n && !held; i++) {
				const struct cd_cert *t = m->objects[order[i]]->u.cert;
				held = !strcmp(t->subject.canon ? t->subject.canon : "",
					       c->subject.canon ? c->subject.canon : "") &&
				       !memcmp(t->key.spki_sha256, c->key.spki_sha256, 32);
			}
			if (cur == leaf && !held) {
				e = cd_json_object_put(json_object(), "issuer_subject",
						       cd_json_text(c->subject.display ? c->subject.display : ""));
				e = cd_json_object_put(e, "issuer_name",
						       cd_json_text(cd_object_label(m->objects[cur])));
				e = cd_json_object_put(e, "needed_by",
						       cd_json_text(cd_object_label(m->objects[cur])));
				e = cd_json_object_put(e, "reason",
						       json_string("the certificate is self-signed and the "
								   "list does not hold it"));
				e = cd_json_object_put(e, "self_signed", json_true());
				e = cd_json_object_put(e, "issuer_aki", aki_json(c));
				e = cd_json_object_put(e, "in_bundle", json_array());
				*missing = cd_json_array_push(*missing, e);
				count++;
			}
			break;
		}
		for (size_t i = 0; i < n; i++) {
			const struct cd_cert *t = m->objects[order[i]]->u.cert;
			if (order[i] == cur || !issued_by_name(c, t))
				continue;
			if (first == SIZE_MAX)
				first = order[i];
			if (good == SIZE_MAX && kid_fits(c, t))
				good = order[i];
		}
		if (first != SIZE_MAX && first == good) {
			cur = first;
			continue;
		}
		count++;
		e = cd_json_object_put(json_object(), "issuer_subject",
				       cd_json_text(c->issuer.display ? c->issuer.display : ""));
		e = cd_json_object_put(e, "issuer_name",
				       cd_json_text(c->issuer.cn        ? c->issuer.cn
						    : c->issuer.display ? c->issuer.display
									: "?"));
		e = cd_json_object_put(e, "needed_by", cd_json_text(cd_object_label(m->objects[cur])));
		e = cd_json_object_put(e, "issuer_aki", aki_json(c));
		copies = json_array();
		if (first != SIZE_MAX) {
			e = cd_json_object_put(e, "reason",
					       json_string("the list's first certificate with that subject "
							   "has another key identifier: Expressway stops "
							   "there"));
			e = cd_json_object_put(e, "shadowed_by", ref(m, first));
			if (good != SIZE_MAX)
				e = cd_json_object_put(e, "shadowed", ref(m, good));
			next = good;
		} else {
			e = cd_json_object_put(e, "reason", json_string("no certificate of the list has "
									"that subject"));
		}
		for (size_t i = 0; i < m->n_objects; i++) {
			const struct cd_object *ob = m->objects[i];
			/* the name test first: it rules out nearly every object cheaply */
			if (ob->kind != CD_KIND_CERT || i == cur || !issued_by_name(c, ob->u.cert) ||
			    !kid_fits(c, ob->u.cert) || member(order, n, i))
				continue;
			copies = cd_json_array_push(copies, ref(m, i));
			if (next == SIZE_MAX) {
				next = i;
				extra[(*n_extra)++] = i;
			}
		}
		e = cd_json_object_put(e, "in_bundle", copies);
		*missing = cd_json_array_push(*missing, e);
		if (next == SIZE_MAX)
			break;
		cur = next;
	}
	return count;
}

/* "GoDaddy Root CA" (issuer of "GoDaddy Intermediate Authority") and ... into b; the leaf's
 * own issuer goes without "issuer of". */
static int missing_text(struct cd_buf *b, json_t *missing, const char *leaf_label)
{
	size_t k;
	json_t *e;
	int rc = CD_OK;
	json_array_foreach(missing, k, e) {
		const char *name = json_string_value(json_object_get(e, "issuer_name"));
		const char *by = json_string_value(json_object_get(e, "needed_by"));
		const char *notes[3];
		size_t n = 0;
		rc = cd_status_keep(rc, cd_buf_addf(b, "%s\"%s\"", k ? " and " : "", name ? name : "?"));
		if (json_is_true(json_object_get(e, "self_signed"))) {
			rc = cd_status_keep(rc, cd_buf_adds(b, " itself (self-signed)"));
			continue;
		}
		if (by && strcmp(by, leaf_label))
			notes[n++] = by;
		if (json_object_get(e, "shadowed_by"))
			notes[n++] = "hidden behind another certificate with that subject";
		if (json_array_size(json_object_get(e, "in_bundle")))
			notes[n++] = "held elsewhere in the bundle";
		for (size_t i = 0; i < n; i++)
			rc = cd_status_keep(rc, cd_buf_addf(b, "%s%s%s%s%s", i ? ", " : " (",
							    notes[i] == by ? "issuer of \"" : "", notes[i],
							    notes[i] == by ? "\"" : "",
							    i + 1 == n ? ")" : ""));
	}
	return rc;
}

/* Judge leaf against list st. own: the Expressway unit whose server certificate leaf is, NULL
 * for a peer; cucm_unsure: leaf is a CUCM / IM and Presence certificate and whether the list's
 * Expressway is a -C (which verifies CUCM) or a -E (which does not) is unknown. */
static int judge(struct cd_check_ctx *ctx, const struct cd_tstore *st, const size_t *order,
		 size_t leaf, const struct cd_unit *own, int cucm_unsure)
{
	const struct cd_model *m = ctx->model;
	json_t *missing = json_array();
	size_t *extra = calloc(MAX_DEPTH + 1, sizeof(*extra)), n_extra = 0;
	struct cd_buf b;
	struct cd_finding *f;
	size_t n_missing;
	int rc;
	if (!extra || !missing) {
		json_decref(missing);
		free(extra);
		return CD_E_NOMEM;
	}
	cd_check_applied(ctx);
	n_missing = walk(m, order, st->n_members, leaf, &missing, extra, &n_extra);
	if (!missing) { /* not "nothing missing", nor a list with entries left out */
		free(extra);
		return CD_E_NOMEM;
	}
	if (!n_missing) {
		json_decref(missing);
		free(extra);
		return CD_OK;
	}
	cd_buf_init(&b, 1 << 16);
	rc = missing_text(&b, missing, cd_object_label(m->objects[leaf]));
	if (rc < 0) {
		cd_buf_release(&b);
		json_decref(missing);
		free(extra);
		return rc;
	}
	if (own)
		f = cd_check_emit(ctx,
				  "the trusted CA list of %s lacks %s, needed to trust its server "
				  "certificate \"%s\": the upload fails with \"Untrusted CA Certificate "
				  "Chain\"",
				  cd_xw_node_label(st->node), (const char *)b.data,
				  cd_object_label(m->objects[leaf]));
	else if (cucm_unsure)
		f = cd_check_emit(ctx,
				  "the trusted CA list of %s lacks %s, so %s rejects the CUCM certificate "
				  "\"%s\" if it is an Expressway-C (an Expressway-E does not connect to "
				  "CUCM; --role expressway-e|expressway-c=PATH or --edge tells)",
				  cd_xw_node_label(st->node), (const char *)b.data,
				  cd_xw_node_label(st->node), cd_object_label(m->objects[leaf]));
	else
		f = cd_check_emit(ctx,
				  "the trusted CA list of %s lacks %s, so %s rejects the peer certificate "
				  "\"%s\"",
				  cd_xw_node_label(st->node), (const char *)b.data,
				  cd_xw_node_label(st->node), cd_object_label(m->objects[leaf]));
	cd_buf_release(&b);
	cd_finding_add_object(f, m, leaf);
	for (size_t i = 0; i < n_extra; i++)
		cd_finding_add_object(f, m, extra[i]);
	free(extra);
	if (!f) {
		json_decref(missing);
		return CD_OK;
	}
	cd_finding_evidence_json(f, "certificate", ref(m, leaf));
	cd_finding_evidence_str(f, "certificate_role", own ? "server_certificate" : "peer_certificate");
	cd_finding_evidence_json(f, "missing", missing);
	cd_xw_list_evidence(f, m, st);
	if (own) {
		/* the upload heading (PRODUCT-FACTS §3) belongs to the server certificate only */
		cd_finding_evidence_str(f, "product_message", "Untrusted CA Certificate Chain");
		cd_xw_unit_evidence(f, ctx->opts, own);
	} else {
		cd_product_context_evidence(f, ctx->opts, "expressway");
	}
	if (cucm_unsure)
		cd_finding_evidence_str(f, "expressway_role", "unknown (Expressway-C or -E)");
	return CD_OK;
}

/* Is idx a certificate a peer presents: an end-entity certificate found somewhere else than
 * only in trust stores? */
static int presented(const struct cd_object *ob)
{
	if (ob->kind != CD_KIND_CERT || !cd_cert_is_end_entity(ob->u.cert))
		return 0;
	for (size_t s = 0; s < ob->n_sources; s++)
		if (ob->sources[s].role.kind != CD_ROLE_TRUST)
			return 1;
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	const struct cd_eval_opts *o = ctx->opts;
	struct cd_units us;
	int rc;
	if (!cd_xw_selected(o))
		return CD_OK;
	rc = cd_units_collect(m, o, &us);
	if (rc < 0)
		goto out;
	/* the Expressway's own server certificate */
	{
		int any = 0;
		for (size_t i = 0; i < us.n; i++)
			for (size_t k = 0; k < us.units[i].n_identity && cd_unit_in(o, &us.units[i], "expressway"); k++)
				any |= cd_xw_is_server_cert(o, m, us.units[i].identity[k]);
		if (!any)
			cd_xw_none_checked(ctx);
	}
	for (size_t i = 0; i < us.n && rc == CD_OK; i++) {
		const struct cd_unit *u = &us.units[i];
		const struct cd_tstore *st;
		size_t *order;
		if (!cd_unit_in(o, u, "expressway"))
			continue;
		if (!(st = cd_xw_unit_list(&us, u))) {
			/* precheck without --trust: the list is not known, and the upload's CAs are
			 * not in the input (the server file holds the server certificate alone) */
			for (size_t k = 0; k < u->n_identity && cd_precheck(o); k++)
				if (cd_xw_is_server_cert(o, m, u->identity[k]) && cd_is_upload(o, u->identity[k]))
					cd_check_not_checked(ctx, "--trust FILE",
							     "the server certificate: no --trust gives the "
							     "Expressway's trusted CA list");
			/* CA certificates beside the server certificate are no list (docs/roles.md) */
			for (size_t k = 0; k < u->n_identity && !cd_precheck(o); k++)
				if (cd_xw_is_server_cert(o, m, u->identity[k])) {
					char label[160], enable[160];
					cd_xw_slot_label(u->node, label, sizeof(label));
					snprintf(enable, sizeof(enable), "--role expressway-trusted-ca%s%s=PATH",
						 u->node[0] ? "@" : "", u->node);
					cd_check_not_checked(ctx, enable, "%s: the input holds no trusted CA list",
							     label);
				}
			continue;
		}
		if (!(order = cd_xw_list_order(m, o, st))) {
			rc = CD_E_NOMEM;
			goto out;
		}
		for (size_t k = 0; k < u->n_identity && rc == CD_OK; k++)
			if (cd_xw_is_server_cert(o, m, u->identity[k]))
				rc = judge(ctx, st, order, u->identity[k], u, 0);
		free(order);
	}
	if (rc < 0 || cd_precheck(o))
		goto out;
	/* peers: every other presented end-entity certificate, against each list */
	for (size_t s = 0; s < us.n_stores && rc == CD_OK; s++) {
		const struct cd_tstore *st = &us.stores[s];
		int edge = o->product->edge;
		size_t *order;
		char *in_list;
		if (!cd_xw_is_list(st))
			continue;
		for (size_t i = 0; i < us.n; i++) {
			int e;
			if (!cd_unit_in(o, &us.units[i], "expressway") ||
			    cd_xw_unit_list(&us, &us.units[i]) != st)
				continue;
			/* an -E anywhere makes the list an -E's; an unknown unit keeps what is known */
			e = cd_unit_is_edge(o, &us.units[i]);
			if (e == 1 || edge == 1)
				edge = 1;
			else if (e == 0)
				edge = 0;
		}
		if (!(order = cd_xw_list_order(m, o, st))) {
			rc = CD_E_NOMEM;
			goto out;
		}
		if (!(in_list = calloc(m->n_objects ? m->n_objects : 1, 1))) {
			free(order);
			rc = CD_E_NOMEM;
			goto out;
		}
		for (size_t k = 0; k < st->n_members; k++)
			in_list[order[k]] = 1;
		for (size_t idx = 0; idx < m->n_objects && rc == CD_OK; idx++) {
			int skip = 0, cucm = 0;
			if (!presented(m->objects[idx]) || in_list[idx])
				continue;
			for (size_t i = 0; i < us.n && !skip; i++) {
				const struct cd_unit *u = &us.units[i];
				int mine = 0;
				for (size_t k = 0; k < u->n_identity; k++)
					mine |= u->identity[k] == idx;
				if (!mine)
					continue;
				/* its own server certificate was judged above */
				skip = cd_unit_in(o, u, "expressway") && cd_xw_unit_list(&us, u) == st;
				cucm |= u->product && !strcmp(cd_product_family(u->product), "cucm");
			}
			/* Expressway-E does not verify CUCM / IM and Presence */
			if (!skip && !(cucm && edge == 1))
				rc = judge(ctx, st, order, idx, NULL, cucm && edge == -1);
		}
		free(in_list);
		free(order);
	}
out:
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_expressway_trusted_list_incomplete = {
	"expressway.trusted-list-incomplete", run};
