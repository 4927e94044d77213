/* expressway.san-over-999 - the SAN entries of an Expressway server certificate add up to more
 * than 999 characters (PRODUCT-FACTS §3: "The VCS or Expressway does not support greater than
 * 999 characters in the SAN field of a certificate. Any SANs that are past this limit ... would
 * be ignored as if they were not there"; X8.5.2 up to X8.10, profile san_limit).
 *
 * Counting (Cisco documents only "characters in the SAN field"): the sum of the lengths of the
 * entry values as displayed - DNS names, IP addresses as text, URIs, e-mail addresses - without
 * type prefixes or separators (cd_cert.san_chars). An entry is past the limit when the running
 * total, that entry included, exceeds the limit: an entry cut by the limit is not read whole. */
#include <stdio.h>
#include <string.h>
#include "rules/expressway/upload.h"
#include "util/buf.h"

#define COUNTING                                                                                   \
	"sum of the lengths of the SAN entry values as displayed (DNS names, IP addresses as "      \
	"text, URIs, e-mail addresses), without type prefixes or separators, in certificate order"

struct args {
	long long limit;
	const char *range;
};

static int check(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx, const void *arg)
{
	long long limit = ((const struct args *)arg)->limit;
	const char *range = ((const struct args *)arg)->range;
	const struct cd_model *m = ctx->model;
	const struct cd_cert *c = m->objects[idx]->u.cert;
	json_t *entries, *ignored;
	struct cd_buf list;
	struct cd_finding *f;
	size_t total = 0, text_chars = 0, n_ign = 0;
	int rc = CD_OK;
	cd_check_applied(ctx);
	if ((long long)c->san_chars <= limit)
		return CD_OK;
	entries = json_array();
	ignored = json_array();
	cd_buf_init(&list, 1 << 20);
	for (size_t i = 0; i < c->n_san && rc == CD_OK; i++) {
		json_t *one = cd_san_json(&c->san[i], 1);
		const char *disp = json_string_value(json_array_get(one, 0));
		size_t len = c->san[i].value ? strlen(c->san[i].value) : 0;
		int past;
		if (!disp) {
			rc = CD_E_NOMEM;
			json_decref(one);
			break;
		}
		total += len;
		text_chars += strlen(disp) + (i ? 2 : 0); /* "DNS:a, DNS:b" as openssl prints */
		past = (long long)total > limit;
		entries = cd_json_array_push(
			entries, json_pack("{s:s, s:I, s:I, s:b}", "entry", disp, "chars", (json_int_t)len,
					   "running_total", (json_int_t)total, "ignored", past));
		if (past) {
			ignored = cd_json_array_push(ignored, json_string(disp));
			rc = cd_buf_addf(&list, "%s%s", n_ign ? ", " : "", disp);
			n_ign++;
		}
		json_decref(one);
	}
	if (rc == CD_OK && (!entries || !ignored))
		rc = CD_E_NOMEM;
	if (rc < 0) { /* not a message naming only some of the ignored entries */
		json_decref(entries);
		json_decref(ignored);
		cd_buf_release(&list);
		return rc;
	}
	f = cd_check_emit(ctx,
			  "the SAN entries of Expressway server certificate \"%s\" add up to %zu "
			  "characters, more than the %lld Expressway %s reads; %zu past the limit are "
			  "ignored as if absent: %s",
			  cd_object_label(m->objects[idx]), c->san_chars, limit,
			  ctx->opts->product->version.valid ? ctx->opts->product->version.text : range,
			  n_ign, list.data ? (const char *)list.data : "");
	cd_buf_release(&list);
	cd_finding_add_object(f, m, idx);
	if (!f) {
		json_decref(entries);
		json_decref(ignored);
		return CD_OK; /* cd_check_emit recorded the failure */
	}
	cd_finding_evidence_int(f, "san_chars", (long long)c->san_chars);
	cd_finding_evidence_int(f, "limit", limit);
	cd_finding_evidence_str(f, "counting", COUNTING);
	cd_finding_evidence_int(f, "san_text_chars", (long long)text_chars);
	cd_finding_evidence_json(f, "entries", entries);
	cd_finding_evidence_json(f, "ignored", ignored);
	cd_finding_evidence_str(f, "applies_to_versions", range);
	cd_xw_unit_evidence(f, ctx->opts, u);
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	char range[96];
	long long limit;
	if (!cd_xw_selected(ctx->opts) ||
	    !cd_xw_version_applies(ctx->opts, "san_limit", range, sizeof(range)))
		return CD_OK;
	limit = cd_json_path_int(cd_product_profile(ctx->opts, "expressway"), "san_limit.chars", 0);
	if (limit <= 0)
		return CD_OK;
	return cd_xw_each_server_cert(ctx, check, &(const struct args){limit, range});
}

const struct cd_check cd_check_expressway_san_over_999 = {"expressway.san-over-999", run};
