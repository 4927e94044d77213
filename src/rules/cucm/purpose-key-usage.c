/* cucm.purpose-key-usage - the key usage / extended key usage of an identity certificate lack
 * what its purpose needs per the Security Guide table (profile purposes.<unit>.key_usage, eku,
 * disputed; PRODUCT-FACTS §2). Only missing usages are flagged, never extra ones ("never flag
 * a certificate *for having* keyEncipherment"). An absent extension restricts nothing
 * (RFC 5280 §4.2.1.3, §4.2.1.12) and is not flagged. */
#include <gnutls/gnutls.h>
#include <stdio.h>
#include <string.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

/* The disputed entry of usage in the purpose, NULL when none. */
static const json_t *disputed(const json_t *purpose, const char *usage)
{
	const json_t *d = json_object_get(purpose, "disputed"), *e;
	size_t i;
	json_array_foreach(d, i, e)
	{
		const char *s = json_string_value(json_object_get(e, "usage"));
		if (s && !strcmp(s, usage))
			return e;
	}
	return NULL;
}

/* Add usage to the missing list unless a version in its disputed range waives it (the lists
 * become NULL when memory runs out, cd_json_array_push). */
static void want(struct cd_check_ctx *ctx, const struct cd_unit *u, const struct cd_cert *c,
		 const char *usage, int have, json_t **missing, json_t **disputed_missing)
{
	const json_t *d = disputed(u->purpose, usage);
	if (have)
		return;
	if (c->key.algo == GNUTLS_PK_ECDSA) {
		const json_t *ex = cd_upload_profile_value(ctx->opts, u->product, "key_usage_ec_exempt");
		for (size_t i = 0; i < json_array_size(ex); i++) {
			const char *s = json_string_value(json_array_get(ex, i));
			if (s && !strcmp(s, usage))
				return; /* RFC 5480 §3: not for EC keys (key_usage_ec_exempt) */
		}
	}
	if (d && cd_version_in(&ctx->opts->product->version, d) == 1)
		return; /* the guides of this version differ, and sources disagree: not enforced */
	*missing = cd_json_array_push(*missing, json_string(usage));
	if (d) {
		char range[120], b[200];
		cd_version_range_text(d, range, sizeof(range));
		snprintf(b, sizeof(b), "%s (the guides %s differ)", usage, range);
		*disputed_missing = cd_json_array_push(*disputed_missing, json_string(b));
	}
}

static json_t *disputed_evidence(struct cd_check_ctx *ctx, const json_t *purpose)
{
	const json_t *d = json_object_get(purpose, "disputed"), *e;
	json_t *out = json_array();
	size_t i;
	json_array_foreach(d, i, e)
	{
		json_t *one = json_deep_copy(e); /* json_copy ignores a failed insert */
		char range[120];
		cd_version_range_text(e, range, sizeof(range));
		one = cd_json_object_put(one, "versions", json_string(range));
		one = cd_json_object_put(
			one, "enforced", json_boolean(cd_version_in(&ctx->opts->product->version, e) != 1));
		out = cd_json_array_push(out, one);
	}
	return out; /* NULL when memory ran out */
}

static void join(const json_t *a, char *out, size_t size)
{
	const json_t *e;
	size_t i, len = 0;
	out[0] = 0;
	json_array_foreach(a, i, e)
	{
		int w = snprintf(out + len, size - len, "%s%s", i ? ", " : "", json_string_value(e));
		if (w < 0 || (size_t)w >= size - len)
			return;
		len += (size_t)w;
	}
}

/* What breaks without each missing usage: the purpose's missing_client_auth for clientAuth,
 * the profile's key_usage_impact.<unit>.<usage> for the others. */
static json_t *service_impact(struct cd_check_ctx *ctx, const struct cd_unit *u, const json_t *mku,
			      const json_t *meku)
{
	const json_t *extra = json_object_get(
		cd_upload_profile_value(ctx->opts, u->product, "key_usage_impact"), u->unit);
	json_t *out = json_array();
	const json_t *lists[2] = {meku, mku};
	for (int l = 0; l < 2; l++) {
		const json_t *e;
		size_t i;
		json_array_foreach(lists[l], i, e)
		{
			const char *usage = json_string_value(e);
			const char *t = json_string_value(json_object_get(extra, usage));
			if (!t && !strcmp(usage, "clientAuth"))
				t = json_string_value(json_object_get(u->purpose, "missing_client_auth"));
			if (t)
				out = cd_json_array_push(out, json_string(t));
		}
	}
	return out; /* NULL when memory ran out */
}

static int visit(struct cd_check_ctx *ctx, const struct cd_units *us, const struct cd_unit *u,
		 size_t idx, void *arg)
{
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	const json_t *ku = json_object_get(u->purpose, "key_usage");
	const json_t *eku = json_object_get(u->purpose, "eku");
	const json_t *enforced = cd_upload_profile_value(ctx->opts, u->product, "key_usage_enforced");
	const json_t *table = cd_upload_profile_value(ctx->opts, u->product, "key_usage_table");
	const json_t *e;
	json_t *mku, *meku, *dmiss, *have, *impacts;
	struct cd_finding *f;
	char label[160], list[400], range[120], note[300] = "", impact[400] = "";
	size_t i;
	(void)us;
	(void)arg;
	if (!json_array_size(ku) && !json_array_size(eku))
		return CD_OK; /* the profile has no key-usage row for this purpose (ITLRecovery) */
	if (enforced && cd_version_in(&ctx->opts->product->version, enforced) == 0)
		return CD_OK; /* a version the table does not cover */
	cd_check_applied(ctx);
	mku = json_array();
	meku = json_array();
	dmiss = json_array();
	json_array_foreach(ku, i, e)
	{
		const char *name = json_string_value(e);
		unsigned bit = name ? cd_ku_bit(name) : 0;
		if (bit)
			want(ctx, u, c, name, !c->ku_present || (c->ku & bit), &mku, &dmiss);
	}
	json_array_foreach(eku, i, e)
	{
		const char *name = json_string_value(e);
		const char *oid = name ? cd_eku_oid_of(name) : NULL;
		if (oid)
			want(ctx, u, c, name, cd_cert_allows_eku(c, oid), &meku, &dmiss);
	}
	if (!mku || !meku || !dmiss || (!json_array_size(mku) && !json_array_size(meku))) {
		int rc = !mku || !meku || !dmiss ? CD_E_NOMEM : CD_OK;
		json_decref(mku);
		json_decref(meku);
		json_decref(dmiss);
		return rc;
	}
	{
		json_t *all = json_array();
		int ok = json_array_extend(all, mku) == 0 && json_array_extend(all, meku) == 0;
		if (ok)
			join(all, list, sizeof(list));
		json_decref(all);
		impacts = ok ? service_impact(ctx, u, mku, meku) : NULL;
		if (!impacts) { /* the message would lack what it lists */
			json_decref(mku);
			json_decref(meku);
			json_decref(dmiss);
			return CD_E_NOMEM;
		}
	}
	cd_version_range_text(table, range, sizeof(range));
	if (json_array_size(dmiss)) {
		char d[200];
		join(dmiss, d, sizeof(d));
		snprintf(note, sizeof(note), "; disputed: %s", d);
	}
	if (json_array_size(impacts))
		snprintf(impact, sizeof(impact), ": %s", json_string_value(json_array_get(impacts, 0)));
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx, "\"%s\" (%s) lacks %s, which %s needs (key-usage table of %s%s)%s",
			  cd_object_label(m->objects[idx]), label, list, u->unit, range, note, impact);
	cd_upload_add_object_at(f, m, idx, CD_ROLE_IDENTITY, u->unit, u->node);
	if (!f) {
		json_decref(mku);
		json_decref(meku);
		json_decref(dmiss);
		json_decref(impacts);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_json(f, "missing_key_usage", mku);
	cd_finding_evidence_json(f, "missing_eku", meku);
	if (ku) /* absent from the purpose: no key */
		cd_finding_evidence_json(f, "required_key_usage", json_deep_copy(ku));
	if (eku)
		cd_finding_evidence_json(f, "required_eku", json_deep_copy(eku));
	have = json_array();
	for (unsigned bit = 1; c->ku_present && bit && bit <= 0x8000; bit <<= 1)
		if ((c->ku & bit) && cd_ku_name(bit))
			have = cd_json_array_push(have, json_string(cd_ku_name(bit)));
	cd_finding_evidence_json(f, "key_usage", c->ku_present ? have : json_null());
	if (!c->ku_present)
		json_decref(have);
	have = json_array();
	for (size_t k = 0; k < c->n_eku; k++)
		have = cd_json_array_push(have, json_string(cd_eku_name(c->eku[k]) ? cd_eku_name(c->eku[k])
											: c->eku[k]));
	cd_finding_evidence_json(f, "eku", c->eku_present ? have : json_null());
	if (!c->eku_present)
		json_decref(have);
	cd_finding_evidence_str(f, "table", json_string_value(json_object_get(table, "name")));
	cd_finding_evidence_str(f, "table_versions", range);
	if (enforced) {
		char r2[120];
		cd_version_range_text(enforced, r2, sizeof(r2));
		cd_finding_evidence_str(f, "enforced_versions", r2);
	}
	if (json_object_get(u->purpose, "disputed"))
		cd_finding_evidence_json(f, "disputed", disputed_evidence(ctx, u->purpose));
	json_decref(dmiss);
	if (json_array_size(impacts))
		cd_finding_evidence_json(f, "service_impact", impacts);
	else
		json_decref(impacts);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	return cd_upload_for_each_identity(ctx, visit, NULL);
}

const struct cd_check cd_check_cucm_purpose_key_usage = {"cucm.purpose-key-usage", run};
