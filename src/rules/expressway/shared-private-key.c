/* expressway.shared-private-key - the server certificates of several Expressway nodes (or
 * slots, peer-common.h) carry one public key, so one private key is copied between them
 * (seeds 003/004 warn about the risk). Compared: the certificate in service of every
 * Expressway slot, and of every CUCM / IM and Presence identity unit, but a group fires only
 * when it holds an Expressway slot (a CUCM multi-server certificate shared by the nodes of a
 * cluster is by design, and is no Expressway finding). Keys compare by SHA-256 of the
 * SubjectPublicKeyInfo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rules/expressway/peer-common.h"

struct holder {
	const char *node, *unit;
	size_t cert;
	int expressway;
	int done;
};

static size_t newest_end_entity(const struct cd_model *m, const struct cd_unit *u)
{
	size_t best = SIZE_MAX;
	for (size_t k = 0; k < u->n_identity; k++) {
		const struct cd_object *o = m->objects[u->identity[k]];
		if (o->kind != CD_KIND_CERT || !cd_cert_is_end_entity(o->u.cert))
			continue;
		if (best == SIZE_MAX ||
		    o->u.cert->not_before >= m->objects[best]->u.cert->not_before)
			best = u->identity[k];
	}
	return best;
}

/* The source of h's certificate as the identity of its node and unit (the place the sentence
 * names), or NULL. */
static const struct cd_source *holder_source(const struct cd_model *m, const struct holder *h)
{
	const struct cd_object *o = m->objects[h->cert];
	for (size_t s = 0; s < o->n_sources; s++) {
		const struct cd_role *r = &o->sources[s].role;
		if (r->kind == CD_ROLE_IDENTITY && !strcmp(r->name, h->unit) &&
		    !strcmp(r->node, h->node))
			return &o->sources[s];
	}
	return NULL;
}

static int same_key(const struct cd_model *m, const struct holder *h, const struct cd_cert *c)
{
	return !memcmp(m->objects[h->cert]->u.cert->key.spki_sha256, c->key.spki_sha256, 32);
}

static int report(struct cd_check_ctx *ctx, struct holder *h, size_t n, size_t first)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[h[first].cert]->u.cert;
	struct cd_finding *f;
	json_t *who, *names;
	char fp[65], *list;
	size_t count = 0, xw = SIZE_MAX;
	for (size_t i = first; i < n; i++)
		if (same_key(m, &h[i], c)) {
			count++;
			if (h[i].expressway && xw == SIZE_MAX)
				xw = i;
		}
	if (count < 2 || xw == SIZE_MAX) {
		for (size_t i = first; i < n; i++)
			if (same_key(m, &h[i], c))
				h[i].done = 1;
		return CD_OK;
	}
	cd_key_fingerprint(&c->key, fp);
	names = json_array();
	for (size_t i = first; i < n; i++) {
		char b[160];
		if (!same_key(m, &h[i], c))
			continue;
		if (h[i].expressway)
			snprintf(b, sizeof(b), "%s", h[i].node[0] ? h[i].node : h[i].unit);
		else
			snprintf(b, sizeof(b), "%s on %s", h[i].unit,
				 h[i].node[0] ? h[i].node : "?");
		names = cd_json_array_push(names, cd_json_text(b));
	}
	list = names ? cd_xw_join(names, 600) : NULL;
	json_decref(names);
	if (!list)
		return CD_E_NOMEM; /* not a message without the names */
	f = cd_check_emit(ctx,
			  "the certificates of %s share one key pair (%s %u, key SHA-256 "
			  "%.16s...): one copied private key",
			  list ? list : "?", c->key.algo_name, c->key.bits, fp);
	free(list);
	cd_finding_add_object_at(f, m, h[xw].cert, holder_source(m, &h[xw]));
	who = json_array();
	for (size_t i = first; i < n; i++) {
		json_t *o;
		if (!same_key(m, &h[i], c))
			continue;
		h[i].done = 1;
		cd_finding_add_object_at(f, m, h[i].cert, holder_source(m, &h[i]));
		o = json_object();
		o = cd_json_object_put(o, "node", cd_json_text(h[i].node));
		o = cd_json_object_put(o, "unit", cd_json_text(h[i].unit));
		o = cd_json_object_put(o, "certificate", json_string(m->objects[h[i].cert]->id));
		o = cd_json_object_put(o, "subject",
				       cd_json_text(m->objects[h[i].cert]->u.cert->subject.display));
		who = cd_json_array_push(who, o);
	}
	if (!f) {
		json_decref(who);
		return CD_OK;
	}
	cd_finding_evidence_str(f, "key_fingerprint", fp);
	cd_finding_evidence_str(f, "key_algorithm", c->key.algo_name);
	cd_finding_evidence_int(f, "key_bits", c->key.bits);
	cd_finding_evidence_json(f, "shared_by", who);
	cd_product_context_evidence(f, ctx->opts, "expressway");
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	struct cd_units u;
	struct cd_xw_slots sl = {0};
	struct holder *h = NULL;
	size_t n = 0;
	int rc = cd_units_collect(m, ctx->opts, &u);
	if (rc == CD_OK)
		rc = cd_xw_slots_collect(ctx, &u, &sl);
	if (rc < 0)
		goto out;
	h = calloc(sl.n + u.n + 1, sizeof(*h));
	if (!h) {
		rc = CD_E_NOMEM;
		goto out;
	}
	for (size_t k = 0; k < sl.n; k++) {
		const struct cd_xw_slot *s = &sl.v[k];
		if (s->current == SIZE_MAX || !m->objects[s->current]->u.cert->key.known)
			continue;
		cd_check_applied(ctx);
		h[n++] = (struct holder){
		    .node = s->node, .unit = s->unit, .cert = s->current, .expressway = 1};
	}
	if (!n)
		goto out;
	for (size_t k = 0; k < u.n; k++) {
		const struct cd_unit *un = &u.units[k];
		size_t c;
		if (!un->product || strcmp(cd_product_family(un->product), "cucm"))
			continue;
		c = newest_end_entity(m, un);
		if (c == SIZE_MAX || !m->objects[c]->u.cert->key.known)
			continue;
		h[n++] = (struct holder){.node = un->node, .unit = un->unit, .cert = c};
	}
	for (size_t i = 0; i < n && rc == CD_OK; i++)
		if (!h[i].done)
			rc = report(ctx, h, n, i);
out:
	free(h);
	cd_xw_slots_release(&sl);
	cd_units_release(&u);
	return rc;
}

const struct cd_check cd_check_expressway_shared_private_key = {"expressway.shared-private-key",
								run};
