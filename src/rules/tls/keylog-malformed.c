/* tls.keylog-malformed - the key log reader's events (src/pcap/keylog.c): lines of the NSS key
 * log format with a known label and bad fields, by line number. Applies to every key log read. */
#include "rules/common.h"

static int run(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.keylogs;
	cd_rules_events_emit(ctx, "tls.keylog-malformed");
	return CD_OK;
}

const struct cd_check cd_check_tls_keylog_malformed = {"tls.keylog-malformed", run};
