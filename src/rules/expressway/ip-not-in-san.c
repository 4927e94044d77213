/* expressway.ip-not-in-san - a peer addressed by IP address whose certificate has no IP SAN
 * with that address (PRODUCT-FACTS §3: "Peers must be addressed by FQDN; an IP works only when
 * it is in the certificate's SAN"). Addressed by IP means:
 * - --host with an IP literal: the certificate in service of every Expressway slot
 *   (peer-common.h; precheck: the uploaded certificate);
 * - with --product expressway only (so that the tls.* rules keep captures of other products):
 *   a captured TLS connection whose ClientHello carried no SNI, as clients connecting to an
 *   address send none, judged on the first certificate the server sent. */
#include <stdio.h>
#include <string.h>
#include "rules/expressway/peer-common.h"

static const char QUOTE[] =
    "Peers must be addressed by FQDN; an IP works only when it is in the certificate's SAN";

static void ip_evidence(struct cd_finding *f, const struct cd_cert *c, const char *ip)
{
	json_t *ips = json_array();
	cd_finding_evidence_str(f, "address", ip);
	for (size_t i = 0; i < c->n_san; i++) {
		if (c->san[i].type == CD_SAN_IP)
			ips = cd_json_array_push(ips, cd_json_text(c->san[i].value));
		/* a CA that wrote the address as a DNS name: TLS clients do not match it */
		if (c->san[i].type == CD_SAN_DNS && c->san[i].value && !strcmp(c->san[i].value, ip))
			cd_finding_evidence_str(f, "address_as_dns_san", c->san[i].value);
	}
	cd_finding_evidence_json(f, "ip_sans", ips);
	cd_finding_evidence_str(f, "advice", QUOTE);
}

static int check_host(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	const char *host = ctx->opts->host;
	struct cd_units u;
	struct cd_xw_slots sl = {0};
	uint8_t ip[16];
	unsigned len;
	int rc;
	if (!host || !cd_xw_ip_parse(host, ip, &len))
		return CD_OK;
	rc = cd_units_collect(m, ctx->opts, &u);
	if (rc == CD_OK)
		rc = cd_xw_slots_collect(ctx, &u, &sl);
	if (rc == CD_OK)
		for (size_t k = 0; k < sl.n; k++) {
			const struct cd_xw_slot *s = &sl.v[k];
			const struct cd_cert *c;
			struct cd_finding *f;
			if (s->current == SIZE_MAX)
				continue;
			c = m->objects[s->current]->u.cert;
			cd_check_applied(ctx);
			if (cd_xw_has_ip_san(c, ip, len))
				continue;
			f = cd_check_emit(
			    ctx,
			    "%s server certificate \"%s\" is addressed by IP %s (--host) but "
			    "has no IP SAN %s: TLS verification fails",
			    cd_xw_edge_name(s->edge), cd_object_label(m->objects[s->current]), host,
			    host);
			cd_finding_add_object(f, m, s->current);
			if (f) {
				cd_finding_evidence_str(f, "addressed_by", "--host");
				ip_evidence(f, c, host);
				cd_xw_slot_evidence(f, ctx, s);
			}
		}
	cd_xw_slots_release(&sl);
	cd_units_release(&u);
	return rc;
}

static void check_conns(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	if (strcmp(ctx->opts->product->product, "expressway"))
		return;
	for (size_t i = 0; i < m->n_conns; i++) {
		const struct cd_tls_conn *k = &m->conns[i];
		const struct cd_object *leaf;
		struct cd_finding *f;
		struct cd_source where;
		char host[64];
		uint8_t ip[16];
		unsigned len;
		if (!k->saw_client_hello || k->sni || !k->n_certs[CD_TLS_SERVER])
			continue;
		leaf = m->objects[k->certs[CD_TLS_SERVER][0]];
		cd_xw_addr_host(k->server, host, sizeof(host));
		if (leaf->kind != CD_KIND_CERT || !cd_xw_ip_parse(host, ip, &len))
			continue;
		cd_check_applied(ctx);
		if (cd_xw_has_ip_san(leaf->u.cert, ip, len))
			continue;
		f = cd_check_emit(ctx,
				  "the client connected to %s by address (no SNI) but the server's "
				  "certificate \"%s\" has no IP SAN %s: TLS verification fails",
				  k->server, cd_object_label(leaf), host);
		memset(&where, 0, sizeof(where));
		where.path = k->path;
		where.rel = k->rel;
		cd_finding_set_where(f, &where, 0);
		cd_finding_add_object(f, m, k->certs[CD_TLS_SERVER][0]);
		if (f) {
			cd_finding_evidence_str(f, "addressed_by",
						"capture (ClientHello without SNI)");
			cd_finding_evidence_str(f, "client", k->client);
			cd_finding_evidence_str(f, "server", k->server);
			cd_finding_evidence_int(f, "first_frame", (long long)k->first_frame);
			ip_evidence(f, leaf->u.cert, host);
			cd_product_context_evidence(f, ctx->opts, "expressway");
		}
	}
}

static int run(struct cd_check_ctx *ctx)
{
	int rc = check_host(ctx);
	if (rc == CD_OK)
		check_conns(ctx);
	return rc;
}

const struct cd_check cd_check_expressway_ip_not_in_san = {"expressway.ip-not-in-san", run};
