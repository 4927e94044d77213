/* log.* - turn the log records aggregated at ingest (logs/records.c, model/logrec.h) into findings:
 * one per signature, rule and host/address/subject, with count, first and last timestamp and
 * example lines. The signature picks the rule (the diagnosis family); the catalogue gives the
 * severity. Applies to every file read as a log. */
#include <string.h>
#include "rules/common.h"

static void emit(struct cd_check_ctx *ctx, const struct cd_log_record *r)
{
	struct cd_finding *f;
	struct cd_source where;
	json_t *ex = json_array(), *fields = json_object();
	const char *who = *r->host ? r->host : *r->address ? r->address : r->subject;

	if (*r->first_seen)
		f = cd_check_emit(ctx, "%s: %s%s%s, %lu time%s (first %s, last %s)", r->product,
				  r->title, *who ? " for " : "", who, r->count, r->count == 1 ? "" : "s",
				  r->first_seen, r->last_seen);
	else
		f = cd_check_emit(ctx, "%s: %s%s%s, %lu time%s (no timestamps)", r->product, r->title,
				  *who ? " for " : "", who, r->count, r->count == 1 ? "" : "s");
	if (!f || !ex || !fields) {
		if (f)
			f->incomplete = 1; /* a finding without its evidence */
		json_decref(ex);
		json_decref(fields);
		return;
	}
	memset(&where, 0, sizeof(where));
	if (r->n_examples) {
		where.path = r->examples[0].path;
		where.rel = r->examples[0].rel;
	}
	cd_finding_set_where(f, &where, 0);
	cd_finding_evidence_str(f, "signature", r->signature);
	cd_finding_evidence_str(f, "product", r->product);
	cd_finding_evidence_str(f, "product_message", r->product_message);
	cd_finding_evidence_str(f, "diagnosis", r->diagnosis);
	cd_finding_evidence_str(f, "remedy", r->remedy);
	cd_finding_evidence_int(f, "count", (long long)r->count);
	if (*r->first_seen)
		cd_finding_evidence_str(f, "first_seen", r->first_seen);
	if (*r->last_seen)
		cd_finding_evidence_str(f, "last_seen", r->last_seen);
	/* the captured fields (host, address, port, subject, verify_error ...) for correlation */
	for (size_t i = 0; i < r->n_fields; i++)
		fields = cd_json_object_put(fields, r->fields[i].name, cd_json_text(r->fields[i].value));
	cd_finding_evidence_json(f, "fields", fields);
	if (*r->host)
		cd_finding_evidence_str(f, "host", r->host);
	if (*r->address)
		cd_finding_evidence_str(f, "address", r->address);
	if (*r->subject)
		cd_finding_evidence_str(f, "subject", r->subject);
	for (size_t i = 0; i < r->n_examples; i++) {
		/* log lines are not always UTF-8: cd_json_text shows other bytes as \xNN */
		json_t *one = cd_json_object_put(json_object(), "file", cd_json_text(r->examples[i].path));
		one = cd_json_object_put(one, "line", json_integer((json_int_t)r->examples[i].line));
		one = cd_json_object_put(one, "text", cd_json_text(r->examples[i].text));
		ex = cd_json_array_push(ex, one);
	}
	cd_finding_evidence_json(f, "examples", ex);
}

static int run(struct cd_check_ctx *ctx)
{
	const struct cd_model *m = ctx->model;
	ctx->applied = m->stats.logs;
	for (size_t i = 0; i < m->n_logs; i++)
		if (!strcmp(m->logs[i].rule, ctx->rule->id))
			emit(ctx, &m->logs[i]);
	return CD_OK;
}

const struct cd_check cd_check_log_untrusted_chain = {"log.untrusted-chain", run};
const struct cd_check cd_check_log_expired = {"log.expired", run};
const struct cd_check cd_check_log_expiring = {"log.expiring", run};
const struct cd_check cd_check_log_name_mismatch = {"log.name-mismatch", run};
const struct cd_check cd_check_log_tls_failure = {"log.tls-failure", run};
