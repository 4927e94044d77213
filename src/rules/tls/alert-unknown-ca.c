/* tls.alert-unknown-ca - a peer rejected the chain it was sent with unknown_ca (RFC 5246
 * §7.2.2: "a valid certificate chain ... was received, but the certificate was not accepted
 * because the CA certificate could not be located or couldn't be matched with a known,
 * trusted CA"): name the issuer it lacks, from the chain it was sent. */
#include "rules/tls/alerts.h"

static int match(const struct cd_tls_alert *a)
{
	return a->desc == 48;
}

static void explain(const struct cd_model *m, const struct cd_tls_conn *k, const struct cd_tls_alert *a,
		    char *out, size_t size)
{
	int peer = a->from == CD_TLS_SERVER ? CD_TLS_CLIENT : CD_TLS_SERVER;
	const struct cd_cert *top;
	if (!k->n_certs[peer]) {
		snprintf(out, size, "no certificates sent to it can be seen in the capture");
		return;
	}
	top = cd_tls_cert(m, k, peer, cd_tls_chain_top(m, k, peer));
	if (top->self_signed)
		snprintf(out, size, "it does not trust the root \"%s\" that the %s sent", top->subject.display,
			 cd_tls_side_name(peer));
	else
		snprintf(out, size, "it lacks the issuer \"%s\" of \"%s\" (the top of the chain the %s sent); "
			 "add that CA to its trust store",
			 top->issuer.display, top->subject.display, cd_tls_side_name(peer));
}

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_alert_run(ctx, match, explain);
	return CD_OK;
}

const struct cd_check cd_check_tls_alert_unknown_ca = {"tls.alert-unknown-ca", run};
