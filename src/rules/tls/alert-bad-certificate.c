/* tls.alert-bad-certificate - a peer rejected the certificate it was sent with
 * bad_certificate (RFC 5246 §7.2.2: "a certificate was corrupt, contained signatures that did
 * not verify correctly, etc."; OpenSSL also sends it for a host-name mismatch). */
#include "rules/tls/alerts.h"

static int match(const struct cd_tls_alert *a)
{
	return a->desc == 42;
}

static void explain(const struct cd_model *m, const struct cd_tls_conn *k, const struct cd_tls_alert *a,
		    char *out, size_t size)
{
	int peer = a->from == CD_TLS_SERVER ? CD_TLS_CLIENT : CD_TLS_SERVER;
	if (k->n_certs[peer])
		snprintf(out, size, "it rejected \"%s\"%s%s%s", cd_tls_cert(m, k, peer, 0)->subject.display,
			 k->sni && peer == CD_TLS_SERVER ? " (requested name \"" : "",
			 k->sni && peer == CD_TLS_SERVER ? k->sni : "", k->sni && peer == CD_TLS_SERVER ? "\")" : "");
}

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_alert_run(ctx, match, explain);
	return CD_OK;
}

const struct cd_check cd_check_tls_alert_bad_certificate = {"tls.alert-bad-certificate", run};
