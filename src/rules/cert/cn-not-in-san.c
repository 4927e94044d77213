/* cert.cn-not-in-san - the subject CN of an end-entity certificate is not among its SANs
 * (RFC 6125 §6.4.4: clients that see a SAN ignore the CN; CA/B Forum BR §7.1.4.3). */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>
#include "rules/common.h"
#include "rules/cert/owner.h"
#include "util/buf.h"

static int same_dns(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la && a[la - 1] == '.')
		la--;
	if (lb && b[lb - 1] == '.')
		lb--;
	return la == lb && strncasecmp(a, b, la) == 0;
}

static int cn_in_san(const struct cd_cert *c)
{
	uint8_t ip[16];
	unsigned iplen = 0;
	if (inet_pton(AF_INET, c->subject.cn, ip) == 1)
		iplen = 4;
	else if (inet_pton(AF_INET6, c->subject.cn, ip) == 1)
		iplen = 16;
	for (size_t j = 0; j < c->n_san; j++) {
		const struct cd_san *s = &c->san[j];
		if (s->type == CD_SAN_DNS && same_dns(s->value, c->subject.cn))
			return 1;
		if (s->type == CD_SAN_IP && iplen && s->ip_len == iplen && !memcmp(s->ip, ip, iplen))
			return 1;
	}
	return 0;
}

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		int found = 0;
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		if (!cd_owner_end_entity(ctx, i) || !c->subject.cn || !*c->subject.cn)
			continue;
		if (cn_in_san(c))
			found = 1;
		else if (!cd_cert_san_whole(c))
			continue; /* the CN may be past the SAN entries kept: not judged (ingest.limit-reached) */
		cd_check_applied(ctx);
		if (found)
			continue;
		if (!c->san_present)
			f = cd_check_emit(ctx, "\"%s\" has no subjectAltName extension: clients that "
					  "follow RFC 6125 will not match the CN",
					  c->subject.cn);
		else if (c->n_san == 1)
			f = cd_check_emit(ctx, "the CN \"%s\" is not the subjectAltName's one entry",
					  c->subject.cn);
		else
			f = cd_check_emit(ctx, "the CN \"%s\" is not among the %zu subjectAltName entries",
					  c->subject.cn, c->n_san);
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_str(f, "cn", c->subject.cn);
		if (f) {
			json_t *a = json_array();
			for (size_t j = 0; j < c->n_san; j++) {
				struct cd_buf b;
				char *s;
				cd_buf_init(&b, 8192);
				s = cd_buf_addf(&b, "%s:%s", cd_san_type_name(c->san[j].type),
						c->san[j].value) < 0
					    ? NULL
					    : cd_buf_detach(&b);
				cd_buf_release(&b);
				a = cd_json_array_push(a, cd_json_text(s)); /* NULL: the finding is incomplete */
				free(s);
			}
			cd_finding_evidence_json(f, "san", a);
		}
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_cn_not_in_san = {"cert.cn-not-in-san", run};
