/* tls-common.h - helpers shared by the tls.* checks: connection sides, chain walks over the
 * certificates a peer sent, EKU and name matching. No I/O, no clock.
 *
 * Until the chain module (src/chain/, issue 3) lands, "chain" here means the certificates
 * one peer sent, linked by subject/issuer names; the chain module should replace
 * cd_tls_sent_issuer() and cd_tls_chain_top() with real path building. */
#ifndef CD_RULES_TLS_COMMON_H
#define CD_RULES_TLS_COMMON_H

#include <string.h>
#include <strings.h>
#include "rules/common.h"
#include "x509/oids.h"

#define CD_FOREACH_CONN(m, i, k)                                                               \
	for (size_t i = 0; i < (m)->n_conns; i++)                                                  \
		for (const struct cd_tls_conn *k = &(m)->conns[i]; k; k = NULL)

static inline const char *cd_tls_side_name(int side)
{
	return side == CD_TLS_SERVER ? "server" : "client";
}

static inline const struct cd_cert *cd_tls_cert(const struct cd_model *m, const struct cd_tls_conn *k,
						int side, size_t pos)
{
	return m->objects[k->certs[side][pos]]->u.cert;
}

static inline int cd_name_eq(const struct cd_name *a, const struct cd_name *b)
{
	return a->canon && b->canon && !strcmp(a->canon, b->canon);
}

/* Position of the certificate among those side sent whose subject is c's issuer (not c
 * itself), SIZE_MAX when none. */
static inline size_t cd_tls_sent_issuer(const struct cd_model *m, const struct cd_tls_conn *k, int side,
					const struct cd_cert *c)
{
	for (size_t j = 0; j < k->n_certs[side]; j++) {
		const struct cd_cert *x = cd_tls_cert(m, k, side, j);
		if (x != c && cd_name_eq(&x->subject, &c->issuer))
			return j;
	}
	return SIZE_MAX;
}

/* The last certificate reached from the leaf by following issuers among those side sent. */
static inline size_t cd_tls_chain_top(const struct cd_model *m, const struct cd_tls_conn *k, int side)
{
	size_t cur = 0;
	for (size_t steps = 0; steps < k->n_certs[side]; steps++) {
		const struct cd_cert *c = cd_tls_cert(m, k, side, cur);
		size_t nx;
		if (c->self_signed)
			break;
		nx = cd_tls_sent_issuer(m, k, side, c);
		if (nx == SIZE_MAX || nx == cur)
			break;
		cur = nx;
	}
	return cur;
}

/* Point a finding at the capture of a connection when it names no object. */
static inline void cd_tls_where(struct cd_finding *f, const struct cd_tls_conn *k)
{
	struct cd_source s;
	memset(&s, 0, sizeof(s));
	s.path = k->path;
	s.rel = k->rel;
	cd_finding_set_where(f, &s, 0);
}

/* Common evidence: the connection's endpoints and frames. */
static inline void cd_tls_evidence(struct cd_finding *f, const struct cd_tls_conn *k)
{
	cd_finding_evidence_str(f, "client", k->client);
	cd_finding_evidence_str(f, "server", k->server);
	cd_finding_evidence_int(f, "first_frame", (long long)k->first_frame);
	if (k->sni)
		cd_finding_evidence_str(f, "sni", k->sni);
}

#endif
