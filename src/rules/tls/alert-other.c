/* tls.alert-other - any other plaintext alert than close_notify and the ones with their own
 * rule (unknown_ca, bad_certificate, certificate_expired): RFC 8446 §6.2. */
#include "rules/tls/alerts.h"

static int match(const struct cd_tls_alert *a)
{
	return a->desc != 0 && a->desc != 48 && a->desc != 42 && a->desc != 45;
}

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_alert_run(ctx, match, NULL);
	return CD_OK;
}

const struct cd_check cd_check_tls_alert_other = {"tls.alert-other", run};
