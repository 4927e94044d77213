/* tls.decryption-failed - a key log has the connection's secrets and a TLS 1.3 record does not
 * decrypt with them (RFC 8446 §5.2: the AEAD does not authenticate), or they cannot be used
 * with the suite: the capture reader's events (src/pcap/capture.c). Applies to every TLS 1.3
 * connection whose secrets were found. */
#include "rules/common.h"

static int run(struct cd_check_ctx *ctx)
{
	ctx->applied = ctx->model->stats.tls13_secrets;
	cd_rules_events_emit(ctx, "tls.decryption-failed");
	return CD_OK;
}

const struct cd_check cd_check_tls_decryption_failed = {"tls.decryption-failed", run};
