/* tls.alert-certificate-expired - a peer rejected a certificate as expired or not yet valid
 * (RFC 5246 §7.2.2 certificate_expired); the validity is compared with the capture's time. */
#include "rules/tls/alerts.h"

static int match(const struct cd_tls_alert *a)
{
	return a->desc == 45;
}

static void explain(const struct cd_model *m, const struct cd_tls_conn *k, const struct cd_tls_alert *a,
		    char *out, size_t size)
{
	int peer = a->from == CD_TLS_SERVER ? CD_TLS_CLIENT : CD_TLS_SERVER;
	for (size_t j = 0; j < k->n_certs[peer]; j++) {
		const struct cd_cert *c = cd_tls_cert(m, k, peer, j);
		char t[40];
		if (c->not_after < (cd_time_t)k->first_sec) {
			cd_time_format(c->not_after, t, sizeof(t));
			snprintf(out, size, "\"%s\" expired on %s, before the capture was taken", c->subject.display, t);
			return;
		}
		if (c->not_before > (cd_time_t)k->first_sec) {
			cd_time_format(c->not_before, t, sizeof(t));
			snprintf(out, size, "\"%s\" is valid only from %s, after the capture was taken",
				 c->subject.display, t);
			return;
		}
	}
	snprintf(out, size, "no certificate it was sent is out of its validity at capture time; check the "
		 "alerting peer's clock");
}

static int run(struct cd_check_ctx *ctx)
{
	cd_tls_alert_run(ctx, match, explain);
	return CD_OK;
}

const struct cd_check cd_check_tls_alert_certificate_expired = {"tls.alert-certificate-expired", run};
