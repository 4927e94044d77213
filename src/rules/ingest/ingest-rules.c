/* ingest.* - turn the ingest events recorded while reading the input into findings. The
 * parsers name the event; the catalogue gives the severity. */
#include <string.h>
#include "rules/common.h"

void cd_rules_events_emit(struct cd_check_ctx *ctx, const char *rule)
{
	const struct cd_model *m = ctx->model;
	for (size_t i = 0; i < m->n_events; i++) {
		const struct cd_event *e = &m->events[i];
		struct cd_finding *f;
		struct cd_source s;
		if (strcmp(e->rule, rule))
			continue;
		f = cd_check_emit(ctx, "%s", e->message);
		memset(&s, 0, sizeof(s));
		s.path = e->path;
		s.rel = e->rel;
		s.offset = e->offset;
		s.pem_block = e->pem_block;
		cd_finding_set_where(f, &s, e->has_offset);
		if (e->object != SIZE_MAX) /* where stays the event's place */
			cd_finding_add_object(f, m, e->object);
		if (e->has_offset)
			cd_finding_evidence_int(f, "offset", (long long)e->offset);
		if (e->pem_block)
			cd_finding_evidence_int(f, "pem_block", (long long)e->pem_block);
	}
}

/* ingest.unparseable applies to everything that bid as a certificate-family object */
static int run_unparseable(struct cd_check_ctx *ctx)
{
	size_t before = ctx->report->n_findings;
	ctx->applied = ctx->model->stats.candidates + ctx->model->stats.archives;
	cd_rules_events_emit(ctx, "ingest.unparseable");
	if (!ctx->applied && ctx->report->n_findings > before)
		ctx->applied = 1; /* an unreadable file still counts */
	return CD_OK;
}

/* ingest.unsupported, ingest.private-key, ingest.limit-reached apply to every input read */
static int run_unsupported(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.files + ctx->model->stats.dirs;
	cd_rules_events_emit(ctx, "ingest.unsupported");
	return CD_OK;
}

static int run_private_key(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.files;
	cd_rules_events_emit(ctx, "ingest.private-key");
	return CD_OK;
}

static int run_limit(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.files + ctx->model->stats.dirs;
	cd_rules_events_emit(ctx, "ingest.limit-reached");
	return CD_OK;
}

/* ingest.pkcs12-encrypted applies to PKCS#12 files */
static int run_pkcs12(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.pkcs12;
	cd_rules_events_emit(ctx, "ingest.pkcs12-encrypted");
	return CD_OK;
}

const struct cd_check cd_check_ingest_unparseable = {"ingest.unparseable", run_unparseable};
const struct cd_check cd_check_ingest_unsupported = {"ingest.unsupported", run_unsupported};
const struct cd_check cd_check_ingest_private_key = {"ingest.private-key", run_private_key};
const struct cd_check cd_check_ingest_limit_reached = {"ingest.limit-reached", run_limit};
const struct cd_check cd_check_ingest_pkcs12_encrypted = {"ingest.pkcs12-encrypted", run_pkcs12};
