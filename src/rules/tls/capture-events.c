/* tls.capture-truncated, tls.capture-gap - the capture reader's events (src/pcap/) as
 * findings: packets cut by the snap length, bytes missing from a handshake. They apply to
 * every capture read. */
#include <string.h>
#include "rules/common.h"

static void emit(struct cd_check_ctx *ctx, const char *rule)
{
	const struct cd_model *m = ctx->model;
	ctx->applied = m->stats.captures;
	for (size_t i = 0; i < m->n_events; i++) {
		const struct cd_event *e = &m->events[i];
		struct cd_source s;
		struct cd_finding *f;
		if (strcmp(e->rule, rule))
			continue;
		f = cd_check_emit(ctx, "%s", e->message);
		memset(&s, 0, sizeof(s));
		s.path = e->path;
		s.rel = e->rel;
		cd_finding_set_where(f, &s, 0);
	}
}

static void run_truncated(struct cd_check_ctx *ctx)
{
	emit(ctx, "tls.capture-truncated");
}

static void run_gap(struct cd_check_ctx *ctx)
{
	emit(ctx, "tls.capture-gap");
}

const struct cd_check cd_check_tls_capture_truncated = {"tls.capture-truncated", run_truncated};
const struct cd_check cd_check_tls_capture_gap = {"tls.capture-gap", run_gap};
