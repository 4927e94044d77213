/* alerts.h - the shared body of the tls.alert-* checks: one finding per plaintext alert of
 * the given descriptions, naming the certificates the alerting peer had been sent. */
#ifndef CD_RULES_TLS_ALERTS_H
#define CD_RULES_TLS_ALERTS_H

#include <stdio.h>
#include "pcap/tls.h"
#include "rules/tls/tls-common.h"

/* explain: writes the rule-specific part of the message (may be NULL) */
typedef void (*cd_alert_explain_fn)(const struct cd_model *m, const struct cd_tls_conn *k,
				    const struct cd_tls_alert *a, char *out, size_t size);

/* match: which alerts this rule owns */
static inline void cd_tls_alert_run(struct cd_check_ctx *ctx, int (*match)(const struct cd_tls_alert *a),
				    cd_alert_explain_fn explain)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_CONN(m, i, k)
	{
		if (!k->saw_client_hello && !k->saw_server_hello && !k->n_alerts)
			continue;
		cd_check_applied(ctx);
		for (size_t j = 0; j < k->n_alerts; j++) {
			const struct cd_tls_alert *a = &k->alerts[j];
			int peer = a->from == CD_TLS_SERVER ? CD_TLS_CLIENT : CD_TLS_SERVER;
			char extra[600] = "";
			struct cd_finding *f;
			if (a->encrypted || !match(a))
				continue;
			if (explain)
				explain(m, k, a, extra, sizeof(extra));
			f = cd_check_emit(ctx, "the %s (%s) sent a %s %s alert in frame %llu%s%s",
					  cd_tls_side_name(a->from), a->from == CD_TLS_SERVER ? k->server : k->client,
					  a->level == 2 ? "fatal" : "warning", cd_tls_alert_name(a->desc),
					  (unsigned long long)a->frame, extra[0] ? ": " : "", extra);
			cd_tls_where(f, k);
			for (size_t x = 0; x < k->n_certs[peer]; x++)
				cd_finding_add_object(f, m, k->certs[peer][x]);
			cd_tls_evidence(f, k);
			cd_finding_evidence_str(f, "alert", cd_tls_alert_name(a->desc));
			cd_finding_evidence_str(f, "from", cd_tls_side_name(a->from));
			cd_finding_evidence_int(f, "frame", (long long)a->frame);
		}
	}
}

#endif
