/* cucm.ca-not-in-trust-store - the root or intermediate that issued a CA-signed identity
 * certificate is not in its unit's <purpose>-trust store: "CA Certificate is Not Available in
 * the Trust-Store" (PRODUCT-FACTS §1; seed 001: "upload order is root -> intermediate
 * (optional) -> CA-signed identity certificate"). The lookup is done on the model (issuer
 * name + AKI/SKI), so it does not need the chain.* rules' chains. */
#include <stdio.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"
#include "util/str.h"

/* Deepest chain followed above the identity certificate. */
#define CHAIN_MAX 8

static size_t find_in_store(const struct cd_model *m, const struct cd_tstore *st,
			    const struct cd_cert *c)
{
	for (size_t i = 0; st && i < st->n_members; i++)
		if (cd_upload_issuer_match(c, m->objects[st->members[i]]->u.cert))
			return st->members[i];
	return SIZE_MAX;
}

/* A member of the store with c's issuer name but not its key (AKI != SKI), SIZE_MAX if none. */
static size_t same_name_in_store(const struct cd_model *m, const struct cd_tstore *st,
				 const struct cd_cert *c)
{
	for (size_t i = 0; st && i < st->n_members; i++) {
		const struct cd_cert *s = m->objects[st->members[i]]->u.cert;
		if (c->issuer.canon && s->subject.canon && !strcmp(c->issuer.canon, s->subject.canon))
			return st->members[i];
	}
	return SIZE_MAX;
}

/* The issuer of c anywhere in the input (not idx itself), preferring a self-consistent CA. */
static size_t find_anywhere(const struct cd_model *m, const struct cd_cert *c, size_t self)
{
	size_t best = SIZE_MAX;
	for (size_t i = 0; i < m->n_objects; i++) {
		const struct cd_object *ob = m->objects[i];
		if (i == self || ob->kind != CD_KIND_CERT || !cd_upload_issuer_match(c, ob->u.cert))
			continue;
		if (best == SIZE_MAX || (ob->u.cert->is_ca && !m->objects[best]->u.cert->is_ca))
			best = i;
	}
	return best;
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *leaf = m->objects[idx]->u.cert;
	const struct cd_cert *cur = leaf;
	size_t cur_idx = idx, found[CHAIN_MAX];
	size_t n_found = 0;
	json_t *missing, *order;
	struct cd_finding *f;
	const char *first_missing = NULL, *first_below = NULL;
	size_t first_found = SIZE_MAX, first_same_name = SIZE_MAX;
	char label[160], store[160], aki[140], tail[700];
	(void)us;
	(void)arg;
	if (!u->store_name[0] || cd_upload_self_signed(leaf) || !cd_upload_ca_signed(ctx, idx))
		return CD_OK; /* no store for this purpose, or self-signed: nothing to look up */
	if (!u->store && !cd_precheck(ctx->opts))
		return CD_OK; /* the input does not show the store */
	cd_check_applied(ctx);
	missing = json_array();
	for (int depth = 0; depth < CHAIN_MAX && !cd_upload_self_signed(cur); depth++) {
		size_t in_store = find_in_store(m, u->store, cur), other;
		json_t *one;
		if (in_store != SIZE_MAX) {
			cur_idx = in_store;
			cur = m->objects[in_store]->u.cert;
			continue;
		}
		one = json_object();
		one = cd_json_object_put(one, "subject",
					 cd_json_text(cur->issuer.display ? cur->issuer.display : ""));
		if (cur->aki_len) {
			cd_hex(cur->aki, cur->aki_len, aki);
			one = cd_json_object_put(one, "aki", json_string(aki));
		}
		one = cd_json_object_put(one, "issuer_of", cd_json_text(cd_object_label(m->objects[cur_idx])));
		other = find_anywhere(m, cur, cur_idx);
		if (!first_missing) {
			first_missing = cur->issuer.cn        ? cur->issuer.cn
					: cur->issuer.display ? cur->issuer.display
							      : "(empty issuer name)";
			first_below = cd_object_label(m->objects[cur_idx]);
			first_found = other;
			first_same_name = same_name_in_store(m, u->store, cur);
		}
		if (same_name_in_store(m, u->store, cur) != SIZE_MAX)
			one = cd_json_object_put(one, "same_name_other_key_in_store",
						 cd_upload_object_ref(m, same_name_in_store(m, u->store, cur)));
		if (other == SIZE_MAX) {
			one = cd_json_object_put(one, "in_input", json_null());
			missing = cd_json_array_push(missing, one);
			break;
		}
		one = cd_json_object_put(one, "in_input", cd_upload_object_ref(m, other));
		missing = cd_json_array_push(missing, one);
		found[n_found++] = other;
		cur_idx = other;
		cur = m->objects[other]->u.cert;
	}
	if (!missing)
		return CD_E_NOMEM; /* not "nothing missing" */
	if (!json_array_size(missing)) {
		json_decref(missing);
		return CD_OK;
	}
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	cd_upload_unit_label(u->store_name, u->node, store, sizeof(store));
	if (first_found != SIZE_MAX)
		snprintf(tail, sizeof(tail), "; the input holds it at %s: upload it to %s first",
			 cd_object_first_source(m->objects[first_found])->path, u->store_name);
	else if (first_same_name != SIZE_MAX)
		snprintf(tail, sizeof(tail),
			 "; the store holds a certificate of that name with another key (AKI does not "
			 "match its SKI), and the input has none with the right key");
	else
		snprintf(tail, sizeof(tail), "; the input does not hold it");
	f = cd_check_emit(ctx, "\"%s\" (%s): %s\"%s\", the issuer of \"%s\", is not in %s%s",
			  cd_object_label(m->objects[idx]), label,
			  u->store ? "" : "no --trust given, so the store is taken as empty: ",
			  first_missing, first_below, store, tail);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	for (size_t i = 0; i < n_found; i++) /* "the input holds it at" its first place */
		cd_finding_add_object_at(f, m, found[i], cd_object_first_source(m->objects[found[i]]));
	if (!f) {
		json_decref(missing);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_json(f, "missing", missing);
	cd_finding_evidence_json(f, "store_in_input", json_boolean(u->store != NULL));
	cd_finding_evidence_int(f, "store_members", u->store ? (long long)u->store->n_members : 0);
	/* what to upload, in order: root first, then intermediates, then the identity */
	order = json_array();
	for (size_t i = n_found; i-- > 0;) {
		char b[600];
		snprintf(b, sizeof(b), "%s as %s (%s)", cd_object_first_source(m->objects[found[i]])->path,
			 u->store_name, cd_object_label(m->objects[found[i]]));
		order = cd_json_array_push(order, cd_json_text(b));
	}
	{
		char b[600];
		snprintf(b, sizeof(b), "%s as %s", cd_object_first_source(m->objects[idx])->path, u->unit);
		order = cd_json_array_push(order, cd_json_text(b));
	}
	cd_finding_evidence_json(f, "upload_order", order);
	{
		char path[120];
		snprintf(path, sizeof(path), "trust_stores.%s.restart", u->store_name);
		cd_finding_evidence_str(f, "trust_store_restart",
					json_string_value(cd_upload_profile_value(ctx->opts, u->product, path)));
	}
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_ca_not_in_trust_store = {"cucm.ca-not-in-trust-store", run};
