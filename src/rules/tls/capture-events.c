/* tls.capture-truncated, tls.capture-gap - the capture reader's events (src/pcap/) as
 * findings: packets cut by the snap length, bytes missing from a handshake. They apply to
 * every capture read. */
#include "rules/common.h"

static void emit(struct cd_check_ctx *ctx, const char *rule)
{
	ctx->applied = ctx->model->stats.captures;
	cd_rules_events_emit(ctx, rule);
}

static int run_truncated(struct cd_check_ctx *ctx)
{
	emit(ctx, "tls.capture-truncated");
	return CD_OK;
}

static int run_gap(struct cd_check_ctx *ctx)
{
	emit(ctx, "tls.capture-gap");
	return CD_OK;
}

const struct cd_check cd_check_tls_capture_truncated = {"tls.capture-truncated", run_truncated};
const struct cd_check cd_check_tls_capture_gap = {"tls.capture-gap", run_gap};
