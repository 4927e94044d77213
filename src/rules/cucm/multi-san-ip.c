/* cucm.multi-san-ip - a multi-server (SAN) certificate or CSR, CN <host>-ms.<domain> (or
 * <host>-EC-ms.<domain> for ECDSA), carrying IP SANs: "multi-server SANs accept FQDNs only (no
 * IPs); single-node `set web-security` accepts IPs" (PRODUCT-FACTS §1). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rules/common.h"
#include "rules/cucm/upload-common.h"

/* Is cn a multi-server CN: its first label ends in "-ms" (so "-EC-ms" too)? */
static int multi_server_cn(const char *cn)
{
	const char *dot;
	size_t len;
	if (!cn)
		return 0;
	dot = strchr(cn, '.');
	len = dot ? (size_t)(dot - cn) : strlen(cn);
	return len > 3 && !strncasecmp(cn + len - 3, "-ms", 3);
}

static int check(struct cd_check_ctx *ctx, const struct cd_unit *u, size_t idx)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *ob = m->objects[idx];
	int is_csr = ob->kind == CD_KIND_CSR;
	const char *cn = is_csr ? ob->u.csr->subject.cn : ob->u.cert->subject.cn;
	const struct cd_san *san = is_csr ? ob->u.csr->san : ob->u.cert->san;
	size_t n_san = is_csr ? ob->u.csr->n_san : ob->u.cert->n_san;
	const json_t *ms = json_object_get(u->purpose, "multi_server");
	struct cd_finding *f;
	json_t *ips;
	char label[160], list[200] = "";
	size_t len = 0;
	if (!multi_server_cn(cn))
		return CD_OK;
	cd_check_applied(ctx);
	ips = json_array();
	for (size_t i = 0; i < n_san; i++)
		if (san[i].type == CD_SAN_IP) {
			int w = snprintf(list + len, sizeof(list) - len, "%s%s",
					 json_array_size(ips) ? ", " : "", san[i].value);
			if (w > 0 && (size_t)w < sizeof(list) - len)
				len += (size_t)w;
			ips = cd_json_array_push(ips, cd_json_text(san[i].value));
		}
	if (!ips)
		return CD_E_NOMEM; /* not "no IP SAN" */
	if (!json_array_size(ips)) {
		json_decref(ips);
		return CD_OK;
	}
	cd_upload_unit_label(u->unit, u->node, label, sizeof(label));
	f = cd_check_emit(ctx,
			  "the multi-server %s \"%s\" (%s) has IP SANs (%s): multi-server SANs accept "
			  "FQDNs only",
			  is_csr ? "CSR" : "certificate", cn, label, list);
	cd_upload_add_object_at(f, m, idx, is_csr ? CD_ROLE_CSR : CD_ROLE_IDENTITY, u->unit,
				u->node);
	if (!f) {
		json_decref(ips);
		return CD_OK;
	}
	cd_upload_unit_evidence(f, ctx->opts, u);
	cd_finding_evidence_json(f, "ip_sans", ips);
	if (json_is_boolean(ms))
		cd_finding_evidence_json(f, "purpose_multi_server", json_copy((json_t *)ms));
	return CD_OK;
}

static int run(struct cd_check_ctx *ctx)
{
	struct cd_units us;
	int rc = cd_units_collect(ctx->model, ctx->opts, &us);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < us.n && rc == CD_OK; i++) {
		const struct cd_unit *u = &us.units[i];
		size_t ids[CD_UPLOAD_MAX_IDENTITIES], n;
		if (!u->purpose || !cd_unit_in(ctx->opts, u, "cucm"))
			continue;
		n = cd_upload_identities(ctx, u, ids, CD_UPLOAD_MAX_IDENTITIES);
		for (size_t k = 0; k < n && rc == CD_OK; k++)
			rc = check(ctx, u, ids[k]);
		for (size_t k = 0; k < u->n_csrs && rc == CD_OK; k++)
			rc = check(ctx, u, u->csrs[k]);
	}
out:
	cd_units_release(&us);
	return rc;
}

const struct cd_check cd_check_cucm_multi_san_ip = {"cucm.multi-san-ip", run};
