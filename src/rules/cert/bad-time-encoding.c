/* cert.bad-time-encoding - a validity time RFC 5280 §4.1.2.5 does not allow: a UTCTime or
 * GeneralizedTime that is not Zulu, leaves out the seconds, has fractional seconds, names no
 * date, or a UTCTime year of 50+ that lands notAfter before notBefore (meant as 20YY). Never a
 * silent "unknown": the model keeps each time's encoding (x509/decode.c read_time). */
#include <stdio.h>
#include "rules/common.h"

static void report(struct cd_check_ctx *ctx, size_t idx, const char *field,
		   const struct cd_cert_time *e, cd_time_t t)
{
	const struct cd_object *o = ctx->model->objects[idx];
	const char *type = e->tag == 0x17 ? "UTCTime" : e->tag == 0x18 ? "GeneralizedTime" : "time";
	char when[64] = "";
	struct cd_finding *f;
	if (t != CD_TIME_NONE) {
		char buf[40];
		cd_time_format(t, buf, sizeof(buf));
		snprintf(when, sizeof(when), "read as %s", buf);
	} else {
		snprintf(when, sizeof(when), "no time can be read from it");
	}
	f = cd_check_emit(ctx, "\"%s\" has %s %s \"%s\": %s; %s", cd_object_label(o), field, type,
			  e->text, e->problem, when);
	cd_finding_add_object(f, ctx->model, idx);
	cd_finding_evidence_str(f, "field", field);
	cd_finding_evidence_str(f, "type", type);
	cd_finding_evidence_json(f, "encoded", cd_json_text(e->text));
	cd_finding_evidence_str(f, "problem", e->problem);
	if (t != CD_TIME_NONE)
		cd_finding_evidence_time(f, "read_as", t);
	else
		cd_finding_evidence_json(f, "read_as", json_null());
}

static int run(struct cd_check_ctx *ctx)
{
	CD_FOREACH_OBJECT(ctx->model, i, o)
	{
		const struct cd_cert *c;
		if (o->kind != CD_KIND_CERT)
			continue;
		c = o->u.cert;
		cd_check_applied(ctx);
		if (c->nb_enc.problem)
			report(ctx, i, "notBefore", &c->nb_enc, c->not_before);
		if (c->na_enc.problem)
			report(ctx, i, "notAfter", &c->na_enc, c->not_after);
	}
	return CD_OK;
}

const struct cd_check cd_check_cert_bad_time_encoding = {"cert.bad-time-encoding", run};
