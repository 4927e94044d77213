/* cert.wildcard - an end-entity certificate names a wildcard in its CN or a DNS SAN
 * (RFC 6125 §6.4.3). A CUCM / IM and Presence identity certificate is cucm.wildcard-unsupported's
 * (an error there: CUCM does not support wildcard certificates), not also this info. */
#include <string.h>
#include "rules/cert/owner.h"
#include "rules/common.h"

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		struct cd_finding *f;
		json_t *names;
		if (o->kind != CD_KIND_CERT || !cd_cert_is_end_entity(o->u.cert))
			continue;
		c = o->u.cert;
		names = json_array();
		if (c->subject.cn && strchr(c->subject.cn, '*'))
			names = cd_json_array_push(names, cd_json_text(c->subject.cn));
		for (size_t j = 0; j < c->n_san; j++)
			if (c->san[j].type == CD_SAN_DNS && strchr(c->san[j].value, '*') &&
			    !(c->subject.cn && !strcmp(c->subject.cn, c->san[j].value)))
				names = cd_json_array_push(names, cd_json_text(c->san[j].value));
		if (!names)
			return CD_E_NOMEM;
		if (json_array_size(names) == 0 && !cd_cert_san_whole(c)) {
			json_decref(names); /* a wildcard may be past the SAN entries kept: not judged */
			continue;
		}
		if (json_array_size(names) == 0) {
			cd_check_applied(ctx);
			json_decref(names);
			continue;
		}
		{ /* a CUCM identity: cucm.wildcard-unsupported says it, as the error it is there */
			int owned, rc = cd_owner_cucm_identity(ctx, i, &owned);
			if (rc < 0 || owned) {
				json_decref(names);
				if (rc < 0)
					return rc;
				continue;
			}
		}
		cd_check_applied(ctx);
		f = cd_check_emit(ctx, "\"%s\" is a wildcard certificate (%s)", cd_object_label(o),
				  json_string_value(json_array_get(names, 0)));
		cd_finding_add_object(f, ctx->model, i);
		cd_finding_evidence_json(f, "wildcard_names", names);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_wildcard = {"cert.wildcard", run};
